import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collectionOf, showFor, updateFieldsCollection } from '../../../common/descriptions';
import { locatorField, readLocator } from '../../../common/locator';
import { updateObject } from '../../../common/resource';
import { propertyUpdateSchema } from '../../schemas';
import { toApiFields } from '../shared/fields';
import { changeProperty, LOCATOR, PROPERTY_FIELDS, propertyFieldOptions, RESOURCE } from './fields';

const show = showFor('profileProperty', 'update');

export const description: INodeProperties[] = [
	locatorField(LOCATOR, show),
	{
		...updateFieldsCollection(show, propertyFieldOptions),
		description: 'Only the fields added here are sent; label and data type cannot change',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readLocator(this, LOCATOR, itemIndex);
	const fields = collectionOf(this, 'updateFields', itemIndex);
	const changes = toApiFields(this, itemIndex, fields, PROPERTY_FIELDS, { keepEmpty: true });
	return await changeProperty(
		this,
		itemIndex,
		id,
		updateObject(this, itemIndex, RESOURCE, id, propertyUpdateSchema, changes),
	);
}
