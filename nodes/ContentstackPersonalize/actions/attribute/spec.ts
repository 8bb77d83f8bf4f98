import type { IExecuteFunctions } from 'n8n-workflow';

import { attributeSchema } from '../../schemas';
import { crudOperations } from '../shared/crud';
import {
	additionalFieldsCollection,
	collectionOf,
	showFor,
	textField,
	updateFieldsCollection,
} from '../shared/describe';

const NAME = textField('name', 'Name', 'Display name of the attribute');
const KEY = textField(
	'key',
	'Key',
	'The unique key SDKs and the Edge API set values under (Visitor → Set Attributes uses it)',
	{ placeholder: 'e.g. loyalty_tier' },
);
const DESCRIPTION = textField('description', 'Description', 'What the attribute holds');

/** Custom attributes: POST/GET /attributes, PUT/DELETE /attributes/{uid}. Presets are read-only. */
export const attribute = crudOperations({
	resource: 'attribute',
	path: '/attributes',
	noun: 'attribute',
	plural: 'attributes',
	locator: 'attribute',
	schema: attributeSchema,
	editable: ['name', 'key', 'description'],
	fields: (operation) =>
		operation === 'create'
			? [
					{ ...NAME, required: true, displayOptions: { show: showFor('attribute', 'create') } },
					{ ...KEY, required: true, displayOptions: { show: showFor('attribute', 'create') } },
					additionalFieldsCollection(showFor('attribute', 'create'), [DESCRIPTION]),
				]
			: [updateFieldsCollection(showFor('attribute', 'update'), [NAME, KEY, DESCRIPTION])],
	readCreate: (context: IExecuteFunctions, itemIndex: number) => ({
		name: context.getNodeParameter('name', itemIndex, ''),
		key: context.getNodeParameter('key', itemIndex, ''),
		description: collectionOf(context, 'additionalFields', itemIndex).description,
	}),
	readUpdate: (context, itemIndex) => collectionOf(context, 'updateFields', itemIndex),
	list: {
		after: [
			{
				displayName: 'Attribute Type',
				name: 'attributeType',
				type: 'options',
				displayOptions: { show: showFor('attribute', 'getAll') },
				options: [
					{ name: 'All', value: 'all' },
					{ name: 'Custom', value: 'CUSTOM', description: 'Attributes created in the project' },
					{
						name: 'Preset',
						value: 'PRESET',
						description: 'Built-in attributes such as COUNTRY or DEVICE_TYPE',
					},
				],
				default: 'all',
			},
		],
		filter: (context, itemIndex) => {
			const type = context.getNodeParameter('attributeType', itemIndex, 'all') as string;
			return (entry) => type === 'all' || entry.__type === type;
		},
	},
});
