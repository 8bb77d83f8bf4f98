import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { additionalFieldsCollection, collectionOf, showFor } from '../../../common/descriptions';
import { createObject } from '../../../common/resource';
import { audienceSchema } from '../../schemas';
import { definitionFields, readDefinition } from './definition';
import { audience, DESCRIPTION, NAME } from './resource';

const show = showFor('audience', 'create');

export const description: INodeProperties[] = [
	{ ...NAME, required: true, displayOptions: { show } },
	...definitionFields(['create'], false),
	additionalFieldsCollection(show, [DESCRIPTION]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	return await createObject(this, itemIndex, audience, audienceSchema, {
		name: this.getNodeParameter('name', itemIndex, ''),
		description: collectionOf(this, 'additionalFields', itemIndex).description,
		definition: readDefinition(this, itemIndex) as IDataObject,
	});
}
