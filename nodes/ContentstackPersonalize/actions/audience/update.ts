import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import { collectionOf, showFor, updateFieldsCollection } from '../../../common/descriptions';
import { locatorField, readLocator } from '../../../common/locator';
import { updateObject } from '../../../common/resource';
import { audienceSchema } from '../../schemas';
import { LOCATORS } from '../shared/api';
import { definitionFields, readDefinition } from './definition';
import { audience, DESCRIPTION, NAME } from './resource';

const show = showFor('audience', 'update');

export const description = [
	locatorField(LOCATORS.audience, show),
	...definitionFields(['update'], true),
	updateFieldsCollection(show, [NAME, DESCRIPTION]),
];

/** PUT replaces the whole audience, so the fields not changed are sent as they are stored. */
export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const uid = readLocator(this, LOCATORS.audience, itemIndex);
	const changes = {
		...collectionOf(this, 'updateFields', itemIndex),
		definition: readDefinition(this, itemIndex) as IDataObject | undefined,
	};
	return await updateObject(this, itemIndex, audience, uid, audienceSchema, changes);
}
