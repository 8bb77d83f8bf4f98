import type { IDataObject } from 'n8n-workflow';

import { textField } from '../../../common/descriptions';
import { toList } from '../../../common/validation';
import { LOCATORS, managedResource } from '../shared/api';

/**
 * Experiences: POST/GET /experiences, GET/PUT/DELETE /experiences/{uid}. A create also creates an
 * empty DRAFT version (its UID is the answer's latestVersion); variants are set on versions.
 */
export const experience = managedResource({
	resource: 'experience',
	noun: 'experience',
	plural: 'experiences',
	path: '/experiences',
	locator: LOCATORS.experience,
	resend: ['name', 'description', '__type', 'tags'],
	getById: true,
});

export const EXPERIENCE_TYPE_OPTIONS = [
	{ name: 'A/B Test', value: 'AB_TEST', description: 'Variants split the traffic by percentage' },
	{ name: 'Segmented', value: 'SEGMENTED', description: 'Each variant is shown to its audiences' },
];

/** The fields Get and Get Many keep under Simplify. */
export const SIMPLIFIED = [
	'uid',
	'name',
	'description',
	'__type',
	'status',
	'shortUid',
	'latestVersion',
	'tags',
	'updatedAt',
];

export const NAME = textField('name', 'Name', 'Display name of the experience');
export const DESCRIPTION = textField('description', 'Description', 'What the experience is for');
export const TAGS = textField(
	'tags',
	'Tags',
	'Comma-separated tags; the Edge manifest can be limited to experiences with given tags',
	{
		placeholder: 'e.g. homepage, summer',
	},
);

/** Reads Tags (a comma-separated text or a list from an expression) into the API's string list. */
export function withTags(fields: IDataObject): IDataObject {
	return fields.tags === undefined ? fields : { ...fields, tags: toList(fields.tags) };
}
