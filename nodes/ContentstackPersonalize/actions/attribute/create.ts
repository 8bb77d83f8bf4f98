import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { additionalFieldsCollection, collectionOf, showFor } from '../../../common/descriptions';
import { createObject } from '../../../common/resource';
import { attributeSchema } from '../../schemas';
import { attribute, DESCRIPTION, KEY, NAME } from './resource';

const show = showFor('attribute', 'create');

export const description: INodeProperties[] = [
	{ ...NAME, required: true, displayOptions: { show } },
	{ ...KEY, required: true, displayOptions: { show } },
	additionalFieldsCollection(show, [DESCRIPTION]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await createObject(this, itemIndex, attribute, attributeSchema, {
		name: this.getNodeParameter('name', itemIndex, ''),
		key: this.getNodeParameter('key', itemIndex, ''),
		description: collectionOf(this, 'additionalFields', itemIndex).description,
	});
}
