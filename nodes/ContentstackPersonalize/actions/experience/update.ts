import type { IExecuteFunctions } from 'n8n-workflow';

import { collectionOf, showFor, updateFieldsCollection } from '../../../common/descriptions';
import { locatorField, readLocator } from '../../../common/locator';
import { updateObject } from '../../../common/resource';
import { experienceSchema } from '../../schemas';
import { LOCATORS } from '../shared/api';
import { DESCRIPTION, experience, NAME, TAGS, withTags } from './resource';

const show = showFor('experience', 'update');

export const description = [
	locatorField(LOCATORS.experience, show),
	updateFieldsCollection(show, [NAME, DESCRIPTION, TAGS]),
];

/** PUT replaces the whole experience, so the fields not changed are sent as they are stored. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const uid = readLocator(this, LOCATORS.experience, itemIndex);
	const changes = withTags(collectionOf(this, 'updateFields', itemIndex));
	return await updateObject(this, itemIndex, experience, uid, experienceSchema, changes);
}
