import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldsOrJsonSelector, optionsCollection, showFor } from '../../../common/descriptions';
import { runInBatches } from '../../../common/execution';
import {
	invalidInput,
	parseJsonParameter,
	validateInput,
	wholeNumber,
} from '../../../common/validation';
import type { BulkProfile } from '../../schemas';
import { bulkProfileSchema } from '../../schemas';
import { hoodRequest } from '../../transport';
import { checkPropertyKey, customPropertyKey, PATH, profileIdField } from './fields';
import { importIdOf, readWait, reportResults, waitOptions } from './importReport';

const show = showFor('profile', 'updateCustomProperties');
/** Ocamba states no maximum of profiles per import request; the node does not send more than this. */
export const MAX_BATCH = 1000;
export const DEFAULT_BATCH = 100;

export const description: INodeProperties[] = [
	profileIdField(
		['updateCustomProperties'],
		'The existing profile to update, usually an expression such as {{ $json.id }}. The bulk call cannot create profiles.',
	),
	fieldsOrJsonSelector('Define Custom Properties', 'customPropertiesInput', show),
	{
		displayName: 'Custom Properties',
		name: 'customProperties',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true },
		displayOptions: { show: { ...show, customPropertiesInput: ['fields'] } },
		default: {},
		placeholder: 'Add Property',
		options: [
			{
				displayName: 'Property',
				name: 'property',
				values: [
					customPropertyKey,
					{
						displayName: 'Type',
						name: 'type',
						type: 'options',
						options: [
							{ name: 'Date', value: 'date' },
							{ name: 'Number', value: 'number' },
							{ name: 'String', value: 'string' },
						],
						default: 'string',
						description:
							"Ocamba's docs show only String; Number and Date follow the property data types",
					},
					{ displayName: 'Value', name: 'value', type: 'string', default: '' },
				],
			},
		],
	},
	{
		displayName: 'Custom Properties (JSON)',
		name: 'customPropertiesJson',
		type: 'json',
		displayOptions: { show: { ...show, customPropertiesInput: ['json'] } },
		default: '{\n  "loyalty_tier": "gold"\n}',
		description:
			'Property label → value. A value may also be given in the API form {"type": "string", "value": "gold"}; plain values are sent as strings, numbers as numbers.',
	},
	{
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		typeOptions: { minValue: 1, maxValue: MAX_BATCH },
		displayOptions: { show },
		default: DEFAULT_BATCH,
		description: `Input items sent per request to /profiles/import. Ocamba states no maximum; the node allows up to ${MAX_BATCH}.`,
	},
	optionsCollection(show, waitOptions, 'importOptions'),
];

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

function readProfile(context: IExecuteFunctions, itemIndex: number): BulkProfile {
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
					`Custom Properties › Property ${position + 1} › Property`,
					itemIndex,
					'is required',
				);
			checkPropertyKey(
				context,
				itemIndex,
				key,
				pair.value,
				`Custom Properties › Property ${position + 1}`,
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

export async function executeAll(this: IExecuteFunctions) {
	const batchSize = wholeNumber(
		this.getNode(),
		this.getNodeParameter('batchSize', 0, DEFAULT_BATCH),
		'Batch Size',
		0,
		{
			max: MAX_BATCH,
		},
	);
	const wait = readWait(this);
	return await runInBatches(this, {
		batchSize,
		prepare: (itemIndex) => readProfile(this, itemIndex),
		send: async (profiles, batch) => {
			// 202 Accepted: Ocamba queues the update. Setting values is idempotent, so a dropped answer
			// is safely repeated.
			const answer = await hoodRequest<IDataObject | string | undefined>(this, {
				method: 'POST',
				path: `${PATH}/import`,
				body: { profiles: profiles as unknown as IDataObject[] },
				idempotent: true,
			});
			const importId = importIdOf(answer);
			const sent = profiles.map(
				(profile) =>
					({
						success: true,
						queued: true,
						batch,
						id: profile.id,
						custom_properties: profile.custom_properties,
						import_id: importId ?? null,
					}) as IDataObject,
			);
			if (!wait) return sent;
			const results = await reportResults(this, importId, profiles, wait);
			return sent.map((item, position) => ({ ...item, ...results[position] }));
		},
	});
}
