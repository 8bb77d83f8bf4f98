import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collectionOf, showFor, updateFieldsCollection } from '../../../common/descriptions';
import { locatorField, readLocator } from '../../../common/locator';
import { updateObject } from '../../../common/resource';
import { segmentUpdateSchema } from '../../schemas';
import { toApiFields } from '../shared/fields';
import { LOCATOR, RESOURCE, SEGMENT_FIELDS, statusField, targetingField } from './fields';

const show = showFor('segment', 'update');

export const description: INodeProperties[] = [
	locatorField(LOCATOR, show),
	{
		...updateFieldsCollection(show, [
			{ displayName: 'Name', name: 'name', type: 'string', default: '' },
			statusField,
			targetingField,
		]),
		description: 'Only the fields added here are sent; Targeting replaces the whole rule set',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readLocator(this, LOCATOR, itemIndex);
	const fields = collectionOf(this, 'updateFields', itemIndex);
	const changes = toApiFields(this, itemIndex, fields, SEGMENT_FIELDS, { keepEmpty: true });
	return await updateObject(this, itemIndex, RESOURCE, id, segmentUpdateSchema, changes);
}
