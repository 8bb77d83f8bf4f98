import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import {
	entryLabel,
	invalidInput,
	parseJsonParameter,
	validateInput,
} from '../../../common/validation';
import type { BulkProfile } from '../../schemas';
import { bulkProfileSchema } from '../../schemas';
import { checkPropertyKey } from './fields';

type PropertyValue = { type: string; value: unknown };

function asEntry(value: unknown, type?: string): PropertyValue | unknown {
	if (value && typeof value === 'object' && !Array.isArray(value)) return value; // already {type, value}
	if (type)
		return {
			type,
			value:
				type === 'number' && value !== '' && !Number.isNaN(Number(value)) ? Number(value) : value,
		};
	return {
		type: typeof value === 'number' ? 'number' : 'string',
		value: typeof value === 'number' ? value : value === null ? null : String(value),
	};
}

/** One item as a /profiles/import entry: its Profile ID and custom properties, from fields or JSON. */
export function readProfile(context: IExecuteFunctions, itemIndex: number): BulkProfile {
	const node = context.getNode();
	const properties: IDataObject = {};
	if (context.getNodeParameter('customPropertiesInput', itemIndex, 'fields') === 'json') {
		const json = parseJsonParameter(
			node,
			context.getNodeParameter('customPropertiesJson', itemIndex, '{}'),
			'Custom Properties (JSON)',
			itemIndex,
		);
		if (!json || typeof json !== 'object' || Array.isArray(json))
			throw invalidInput(
				node,
				'Custom Properties (JSON)',
				itemIndex,
				'must be a JSON object of property label → value',
			);
		for (const [key, value] of Object.entries(json))
			properties[key] = asEntry(value) as IDataObject;
	} else {
		const pairs =
			(context.getNodeParameter('customProperties.property', itemIndex, []) as IDataObject[]) ?? [];
		pairs.forEach((pair, position) => {
			const key = String(pair.key ?? '').trim();
			if (!key)
				throw invalidInput(
					node,
					`Custom Properties › ${entryLabel('Property', position)} › Property`,
					itemIndex,
					'is required',
				);
			checkPropertyKey(
				context,
				itemIndex,
				key,
				pair.value,
				`Custom Properties › ${entryLabel('Property', position)}`,
			);
			properties[key] = asEntry(pair.value, String(pair.type ?? 'string')) as IDataObject;
		});
	}
	const profile = {
		id: context.getNodeParameter('profileId', itemIndex, ''),
		custom_properties: properties,
	};
	return validateInput(node, bulkProfileSchema, profile, itemIndex, {
		id: 'Profile ID',
		custom_properties: 'Custom Properties',
		type: 'Type',
		value: 'Value',
	});
}
