import type { IDataObject } from 'n8n-workflow';

import { audienceSchema } from '../../schemas';
import { crudOperations } from '../shared/crud';
import {
	additionalFieldsCollection,
	collectionOf,
	showFor,
	textField,
	updateFieldsCollection,
} from '../shared/describe';
import { definitionFields, readDefinition } from './definition';

const NAME = textField('name', 'Name', 'Display name of the audience');
const DESCRIPTION = textField('description', 'Description', 'Who the audience is');

/**
 * Audiences: POST/GET /audiences, PUT/DELETE /audiences/{uid}. Audiences synced from Lytics (32-hex
 * UIDs, source LYTICS) are listed but cannot be created here.
 */
export const audience = crudOperations({
	resource: 'audience',
	path: '/audiences',
	noun: 'audience',
	plural: 'audiences',
	locator: 'audience',
	schema: audienceSchema,
	editable: ['name', 'description', 'definition'],
	fields: (operation) =>
		operation === 'create'
			? [
					{ ...NAME, required: true, displayOptions: { show: showFor('audience', 'create') } },
					...definitionFields(['create'], false),
					additionalFieldsCollection(showFor('audience', 'create'), [DESCRIPTION]),
				]
			: [
					...definitionFields(['update'], true),
					updateFieldsCollection(showFor('audience', 'update'), [NAME, DESCRIPTION]),
				],
	readCreate: (context, itemIndex) => ({
		name: context.getNodeParameter('name', itemIndex, ''),
		description: collectionOf(context, 'additionalFields', itemIndex).description,
		definition: readDefinition(context, itemIndex) as IDataObject,
	}),
	readUpdate: (context, itemIndex) => ({
		...collectionOf(context, 'updateFields', itemIndex),
		definition: readDefinition(context, itemIndex) as IDataObject | undefined,
	}),
	list: { simplify: ['uid', 'name', 'description', 'slug', 'source', 'updatedAt'] },
});
