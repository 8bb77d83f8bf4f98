import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listCreateSchema } from '../../schemas';
import { createAt } from '../shared/crud';
import { toApiFields } from '../shared/fields';
import { colorField, descriptionField, LIST_FIELDS, PATH } from './fields';

const show = { resource: ['profileList'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show },
	},
	{
		displayName: 'Additional Fields',
		name: 'additionalFields',
		type: 'collection',
		placeholder: 'Add Field',
		displayOptions: { show },
		default: {},
		options: [colorField, descriptionField],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const fields = {
		name: this.getNodeParameter('name', itemIndex, ''),
		...(this.getNodeParameter('additionalFields', itemIndex, {}) as IDataObject),
	};
	return await createAt(
		this,
		itemIndex,
		PATH,
		listCreateSchema,
		toApiFields(this, itemIndex, fields, LIST_FIELDS),
	);
}
