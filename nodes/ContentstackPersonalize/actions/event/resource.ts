import { textField } from '../../../common/descriptions';
import { LOCATORS, managedResource } from '../shared/api';

/** Events (conversion goals): POST/GET /events, PUT/DELETE /events/{uid}. They have a key, no name. */
export const event = managedResource({
	resource: 'event',
	noun: 'event',
	plural: 'events',
	path: '/events',
	locator: LOCATORS.event,
	resend: ['key', 'description'],
});

export const KEY = textField(
	'key',
	'Key',
	'The unique event key SDKs and the Edge API send as eventKey (Visitor → Track Events uses it)',
	{ placeholder: 'e.g. add_to_cart' },
);
export const DESCRIPTION = textField('description', 'Description', 'What the event records');
