import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { additionalFieldsCollection, collectionOf, showFor } from '../../../common/descriptions';
import { maybeSimplify, simplifyField } from '../../../common/list';
import { createObject } from '../../../common/resource';
import { defaultByVersion } from '../shared/nodeVersion';
import { audienceSchema } from '../../schemas';
import { definitionFields, readDefinition } from './definition';
import { audience, DESCRIPTION, NAME, SIMPLIFIED } from './resource';

const show = showFor('audience', 'create');

export const description: INodeProperties[] = [
	{ ...NAME, required: true, displayOptions: { show } },
	...definitionFields(['create'], false),
	additionalFieldsCollection(show, [DESCRIPTION]),
	// Off for version 1 nodes, so saved workflows get the full answer as before.
	...defaultByVersion(simplifyField(show, 'audience', SIMPLIFIED), false, true),
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const created = await createObject(this, itemIndex, audience, audienceSchema, {
		name: this.getNodeParameter('name', itemIndex, ''),
		description: collectionOf(this, 'additionalFields', itemIndex).description,
		definition: readDefinition(this, itemIndex) as IDataObject,
	});
	return maybeSimplify(this, itemIndex, SIMPLIFIED, [created as IDataObject])[0];
}
