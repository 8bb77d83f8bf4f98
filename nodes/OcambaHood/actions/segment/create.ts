import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { segmentCreateSchema } from '../../schemas';
import { createAt } from '../shared/crud';
import { toApiFields } from '../shared/fields';
import { PATH, SEGMENT_FIELDS, statusField, targetingField } from './fields';

const show = { resource: ['segment'], operation: ['create'] };

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show },
	},
	{ ...statusField, displayOptions: { show } },
	{ ...targetingField, displayOptions: { show } },
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const fields = {
		name: this.getNodeParameter('name', itemIndex, ''),
		status: this.getNodeParameter('status', itemIndex, 'active'),
		targeting: this.getNodeParameter('targeting', itemIndex, ''),
	};
	return await createAt(
		this,
		itemIndex,
		PATH,
		segmentCreateSchema,
		toApiFields(this, itemIndex, fields, SEGMENT_FIELDS),
	);
}
