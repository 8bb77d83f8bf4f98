import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { additionalFieldsCollection, collectionOf, showFor } from '../../../common/descriptions';
import { createObject } from '../../../common/resource';
import { experienceSchema } from '../../schemas';
import { DESCRIPTION, experience, EXPERIENCE_TYPE_OPTIONS, NAME, TAGS, withTags } from './resource';

const show = showFor('experience', 'create');

export const description: INodeProperties[] = [
	{ ...NAME, required: true, displayOptions: { show } },
	{
		displayName: 'Type',
		name: 'experienceType',
		type: 'options',
		options: EXPERIENCE_TYPE_OPTIONS,
		default: 'SEGMENTED',
		displayOptions: { show },
		description: 'Fixed once created',
	},
	additionalFieldsCollection(show, [DESCRIPTION, TAGS]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const extra = withTags(collectionOf(this, 'additionalFields', itemIndex));
	return await createObject(this, itemIndex, experience, experienceSchema, {
		name: this.getNodeParameter('name', itemIndex, ''),
		__type: this.getNodeParameter('experienceType', itemIndex, 'SEGMENTED'),
		...extra,
	});
}
