import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { segmentUpdateSchema } from '../../schemas';
import { updateAt } from '../shared/crud';
import { toApiFields } from '../shared/fields';
import { idLocator, readLocatorId, SEGMENT } from '../shared/ids';
import { PATH, SEGMENT_FIELDS, statusField, targetingField } from './fields';

export const description: INodeProperties[] = [
	idLocator(SEGMENT, 'segment', ['update']),
	{
		displayName: 'Update Fields',
		name: 'updateFields',
		type: 'collection',
		placeholder: 'Add Field',
		displayOptions: { show: { resource: ['segment'], operation: ['update'] } },
		default: {},
		description: 'Only the fields added here are sent; Targeting replaces the whole rule set',
		options: [
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			statusField,
			targetingField,
		],
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readLocatorId(this, itemIndex, SEGMENT);
	const fields = this.getNodeParameter('updateFields', itemIndex, {}) as IDataObject;
	const changes = toApiFields(this, itemIndex, fields, SEGMENT_FIELDS, { keepEmpty: true });
	return await updateAt(this, itemIndex, PATH, id, segmentUpdateSchema, changes);
}
