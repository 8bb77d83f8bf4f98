import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { validateInput } from '../../../common/validation';
import { customizationIdSchema, LABELS } from '../../schemas';

const UUID_PATTERN = '[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}';

export function customizationIdField(operations: string[]): INodeProperties {
	return {
		displayName: 'Customization',
		name: 'customizationId',
		type: 'resourceLocator',
		default: { mode: 'list', value: '' },
		required: true,
		displayOptions: { show: { resource: ['customization'], operation: operations } },
		modes: [
			{
				displayName: 'From List',
				name: 'list',
				type: 'list',
				typeOptions: { searchListMethod: 'searchCustomizations', searchable: true },
			},
			{
				displayName: 'By ID',
				name: 'id',
				type: 'string',
				placeholder: '199620b4-df1a-46e8-ab59-9e9ed9af7106',
				validation: [
					{
						type: 'regex',
						properties: {
							regex: `^\\s*${UUID_PATTERN}\\s*$`,
							errorMessage: 'Not a customization ID (UUID)',
						},
					},
				],
			},
		],
	};
}

/** The customization ID of an item, checked to be a UUID so it can never change the request path. */
export function readCustomizationId(context: IExecuteFunctions, itemIndex: number): string {
	const value = context.getNodeParameter('customizationId', itemIndex, '', { extractValue: true });
	return validateInput(
		context.getNode(),
		customizationIdSchema,
		{ customizationId: value },
		itemIndex,
		LABELS,
	).customizationId;
}
