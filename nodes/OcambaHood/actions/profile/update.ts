import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collectionOf, showFor, updateFieldsCollection } from '../../../common/descriptions';
import { updateObject } from '../../../common/resource';
import { profileUpdateSchema } from '../../schemas';
import { toApiFields } from '../shared/fields';
import {
	profileIdField,
	readCustomProperties,
	readProfileId,
	RESOURCE,
	UPDATE_FIELDS,
	updateFieldOptions,
} from './fields';

export const description: INodeProperties[] = [
	profileIdField(['update']),
	{
		...updateFieldsCollection(showFor('profile', 'update'), updateFieldOptions),
		description: 'Only the fields added here are sent',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readProfileId(this, itemIndex);
	const fields = collectionOf(this, 'updateFields', itemIndex);
	const changes = toApiFields(this, itemIndex, fields, UPDATE_FIELDS, { keepEmpty: true });
	const custom = readCustomProperties(
		this,
		itemIndex,
		(fields.customProperties as IDataObject | undefined)?.property as IDataObject[] | undefined,
		fields.customPropertiesJson,
		'Custom Properties (JSON)',
	);
	if (custom) changes.custom_properties = custom;
	return await updateObject(this, itemIndex, RESOURCE, id, profileUpdateSchema, changes);
}
