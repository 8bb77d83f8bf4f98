import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { showFor } from '../../../common/descriptions';
import { createObject } from '../../../common/resource';
import { segmentCreateSchema } from '../../schemas';
import { toApiFields } from '../shared/fields';
import { RESOURCE, SEGMENT_FIELDS, statusField, targetingField } from './fields';

const show = showFor('segment', 'create');

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
	const body = toApiFields(this, itemIndex, fields, SEGMENT_FIELDS);
	return await createObject(this, itemIndex, RESOURCE, segmentCreateSchema, body);
}
