import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { listUpdateSchema } from '../../schemas';
import { updateAt } from '../shared/crud';
import { toApiFields } from '../shared/fields';
import { idLocator, PROFILE_LIST, readLocatorId } from '../shared/ids';
import { colorField, descriptionField, LIST_FIELDS, PATH } from './fields';

export const description: INodeProperties[] = [
	idLocator(PROFILE_LIST, 'profileList', ['update']),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		displayOptions: { show: { resource: ['profileList'], operation: ['update'] } },
		default: {},
		description: 'Only the fields added here are sent',
		options: [
			colorField,
			descriptionField,
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readLocatorId(this, itemIndex, PROFILE_LIST);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const changes = toApiFields(this, itemIndex, fields, LIST_FIELDS, { keepEmpty: true });
	return await updateAt(this, itemIndex, PATH, id, listUpdateSchema, changes);
}
