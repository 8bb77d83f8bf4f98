import type { IExecuteFunctions } from 'n8n-workflow';

import { collectionOf, showFor, updateFieldsCollection } from '../../../common/descriptions';
import { locatorField, readLocator } from '../../../common/locator';
import { updateObject } from '../../../common/resource';
import { attributeSchema } from '../../schemas';
import { LOCATORS } from '../shared/api';
import { attribute, DESCRIPTION, KEY, NAME } from './resource';

const show = showFor('attribute', 'update');

export const description = [
	locatorField(LOCATORS.attribute, show),
	updateFieldsCollection(show, [NAME, KEY, DESCRIPTION]),
];

/** PUT replaces the whole attribute, so the fields not changed are sent as they are stored. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const uid = readLocator(this, LOCATORS.attribute, itemIndex);
	const changes = collectionOf(this, 'updateFields', itemIndex);
	return await updateObject(this, itemIndex, attribute, uid, attributeSchema, changes);
}
