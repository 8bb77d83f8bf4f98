import { textField } from '../../../common/descriptions';
import { LOCATORS, managedResource } from '../shared/api';

/** Custom attributes: POST/GET /attributes, PUT/DELETE /attributes/{uid}. Presets are read-only. */
export const attribute = managedResource({
	resource: 'attribute',
	noun: 'attribute',
	plural: 'attributes',
	path: '/attributes',
	locator: LOCATORS.attribute,
	resend: ['name', 'key', 'description'],
});

export const NAME = textField('name', 'Name', 'Display name of the attribute');
export const KEY = textField(
	'key',
	'Key',
	'The unique key SDKs and the Edge API set values under (Visitor → Set Attributes uses it)',
	{ placeholder: 'e.g. loyalty_tier' },
);
export const DESCRIPTION = textField('description', 'Description', 'What the attribute holds');
