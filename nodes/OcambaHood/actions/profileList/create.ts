import type { IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { additionalFieldsCollection, collectionOf, showFor } from '../../../common/descriptions';
import { createObject } from '../../../common/resource';
import { listCreateSchema } from '../../schemas';
import { toApiFields } from '../shared/fields';
import { colorField, descriptionField, LIST_FIELDS, RESOURCE } from './fields';

const show = showFor('profileList', 'create');

export const description: INodeProperties[] = [
	{
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show },
	},
	additionalFieldsCollection(show, [colorField, descriptionField]),
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const fields = {
		name: this.getNodeParameter('name', itemIndex, ''),
		...collectionOf(this, 'additionalFields', itemIndex),
	};
	const body = toApiFields(this, itemIndex, fields, LIST_FIELDS);
	return await createObject(this, itemIndex, RESOURCE, listCreateSchema, body);
}
