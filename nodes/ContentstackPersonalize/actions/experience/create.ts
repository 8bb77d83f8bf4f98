import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { additionalFieldsCollection, collectionOf, showFor } from '../../../common/descriptions';
import { maybeSimplify, simplifyField } from '../../../common/list';
import { createObject } from '../../../common/resource';
import { defaultByVersion } from '../shared/nodeVersion';
import { experienceSchema } from '../../schemas';
import {
	DESCRIPTION,
	experience,
	EXPERIENCE_TYPE_OPTIONS,
	NAME,
	SIMPLIFIED,
	TAGS,
	withTags,
} from './resource';

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
	// Off for version 1 nodes, so saved workflows get the full answer as before.
	...defaultByVersion(simplifyField(show, 'experience', SIMPLIFIED), false, true),
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const extra = withTags(collectionOf(this, 'additionalFields', itemIndex));
	const created = await createObject(this, itemIndex, experience, experienceSchema, {
		name: this.getNodeParameter('name', itemIndex, ''),
		__type: this.getNodeParameter('experienceType', itemIndex, 'SEGMENTED'),
		...extra,
	});
	return maybeSimplify(this, itemIndex, SIMPLIFIED, [created as IDataObject])[0];
}
