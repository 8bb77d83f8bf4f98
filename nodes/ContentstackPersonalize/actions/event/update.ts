import type { IExecuteFunctions } from 'n8n-workflow';

import { collectionOf, showFor, updateFieldsCollection } from '../../../common/descriptions';
import { locatorField, readLocator } from '../../../common/locator';
import { updateObject } from '../../../common/resource';
import { eventSchema } from '../../schemas';
import { LOCATORS } from '../shared/api';
import { DESCRIPTION, event, KEY } from './resource';

const show = showFor('event', 'update');

export const description = [
	locatorField(LOCATORS.event, show),
	updateFieldsCollection(show, [KEY, DESCRIPTION]),
];

/** PUT replaces the whole event, so the fields not changed are sent as they are stored. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const uid = readLocator(this, LOCATORS.event, itemIndex);
	const changes = collectionOf(this, 'updateFields', itemIndex);
	return await updateObject(this, itemIndex, event, uid, eventSchema, changes);
}
