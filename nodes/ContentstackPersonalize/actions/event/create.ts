import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { additionalFieldsCollection, collectionOf, showFor } from '../../../common/descriptions';
import { createObject } from '../../../common/resource';
import { eventSchema } from '../../schemas';
import { DESCRIPTION, event, KEY } from './resource';

const show = showFor('event', 'create');

export const description: INodeProperties[] = [
	{ ...KEY, required: true, displayOptions: { show } },
	additionalFieldsCollection(show, [DESCRIPTION]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await createObject(this, itemIndex, event, eventSchema, {
		key: this.getNodeParameter('key', itemIndex, ''),
		description: collectionOf(this, 'additionalFields', itemIndex).description,
	});
}
