import { textField } from '../../../common/descriptions';
import { LOCATORS, managedResource } from '../shared/api';

/**
 * Audiences: POST/GET /audiences, PUT/DELETE /audiences/{uid}. Audiences synced from Lytics (32-hex
 * UIDs, source LYTICS) are listed but cannot be created here.
 */
export const audience = managedResource({
	resource: 'audience',
	noun: 'audience',
	plural: 'audiences',
	path: '/audiences',
	locator: LOCATORS.audience,
	resend: ['name', 'description', 'definition'],
});

/** The fields Get and Get Many keep under Simplify. */
export const SIMPLIFIED = ['uid', 'name', 'description', 'slug', 'source', 'updatedAt'];

export const NAME = textField('name', 'Name', 'Display name of the audience');
export const DESCRIPTION = textField('description', 'Description', 'Who the audience is');
