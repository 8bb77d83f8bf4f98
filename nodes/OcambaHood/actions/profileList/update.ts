import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collectionOf, showFor, updateFieldsCollection } from '../../../common/descriptions';
import { locatorField, readLocator } from '../../../common/locator';
import { updateObject } from '../../../common/resource';
import { listUpdateSchema } from '../../schemas';
import { toApiFields } from '../shared/fields';
import { colorField, descriptionField, LIST_FIELDS, LOCATOR, RESOURCE } from './fields';

const show = showFor('profileList', 'update');

export const description: INodeProperties[] = [
	locatorField(LOCATOR, show),
	{
		...updateFieldsCollection(show, [
			colorField,
			descriptionField,
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
		]),
		description: 'Only the fields added here are sent',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readLocator(this, LOCATOR, itemIndex);
	const fields = collectionOf(this, 'updateFields', itemIndex);
	const changes = toApiFields(this, itemIndex, fields, LIST_FIELDS, { keepEmpty: true });
	return await updateObject(this, itemIndex, RESOURCE, id, listUpdateSchema, changes);
}
