import { eventSchema } from '../../schemas';
import { crudOperations } from '../shared/crud';
import {
	additionalFieldsCollection,
	collectionOf,
	showFor,
	textField,
	updateFieldsCollection,
} from '../shared/describe';

const KEY = textField(
	'key',
	'Key',
	'The unique event key SDKs and the Edge API send as eventKey (Visitor → Track Events uses it)',
	{ placeholder: 'e.g. add_to_cart' },
);
const DESCRIPTION = textField('description', 'Description', 'What the event records');

/** Events (conversion goals): POST/GET /events, PUT/DELETE /events/{uid}. They have a key, no name. */
export const event = crudOperations({
	resource: 'event',
	path: '/events',
	noun: 'event',
	plural: 'events',
	locator: 'event',
	schema: eventSchema,
	editable: ['key', 'description'],
	fields: (operation) =>
		operation === 'create'
			? [
					{ ...KEY, required: true, displayOptions: { show: showFor('event', 'create') } },
					additionalFieldsCollection(showFor('event', 'create'), [DESCRIPTION]),
				]
			: [updateFieldsCollection(showFor('event', 'update'), [KEY, DESCRIPTION])],
	readCreate: (context, itemIndex) => ({
		key: context.getNodeParameter('key', itemIndex, ''),
		description: collectionOf(context, 'additionalFields', itemIndex).description,
	}),
	readUpdate: (context, itemIndex) => collectionOf(context, 'updateFields', itemIndex),
});
