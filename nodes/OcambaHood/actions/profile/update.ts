import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { collectionOf, showFor, updateFieldsCollection } from '../../../common/descriptions';
import { updateObject } from '../../../common/resource';
import { profileUpdateSchema } from '../../schemas';
import type { FieldSpec } from '../shared/fields';
import { toApiFields } from '../shared/fields';
import {
	customPropertyKey,
	profileIdField,
	readCustomProperties,
	readProfileId,
	RESOURCE,
} from './fields';

const FIELDS: Record<string, FieldSpec> = {
	comment: { api: 'comment', label: 'Comment' },
	email: { api: 'email', label: 'Email' },
	fullName: { api: 'full_name', label: 'Full Name' },
	lists: { api: 'lists', label: 'Profile Lists', kind: 'list' },
	mobilePhoneNumber: { api: 'mobile_phone_number', label: 'Mobile Phone Number' },
	organizationId: { api: 'organization_id', label: 'Organization ID' },
};

export const description: INodeProperties[] = [
	profileIdField(['update']),
	{
		...updateFieldsCollection(showFor('profile', 'update'), [
			{ displayName: 'Comment', name: 'comment', type: 'string', default: '' },
			{
				displayName: 'Custom Properties',
				name: 'customProperties',
				type: 'fixedCollection',
				typeOptions: { multipleValues: true },
				default: {},
				placeholder: 'Add Property',
				options: [
					{
						displayName: 'Property',
						name: 'property',
						values: [
							customPropertyKey,
							{ displayName: 'Value', name: 'value', type: 'string', default: '' },
						],
					},
				],
			},
			{
				displayName: 'Custom Properties (JSON)',
				name: 'customPropertiesJson',
				type: 'json',
				default: '{}',
				description:
					'Property label → value, e.g. {"loyalty_tier": "gold"}. Merged with the pairs above; the JSON wins.',
			},
			{
				displayName: 'Email',
				name: 'email',
				type: 'string',
				placeholder: 'name@email.com',
				default: '',
			},
			{ displayName: 'Full Name', name: 'fullName', type: 'string', default: '' },
			{
				displayName: 'Mobile Phone Number',
				name: 'mobilePhoneNumber',
				type: 'string',
				default: '',
				placeholder: '+4915123456789',
				description: 'In E.164 format (+ and country code)',
			},
			{
				displayName: 'Organization ID',
				name: 'organizationId',
				type: 'string',
				default: '',
				description: 'The B2B organization the profile belongs to',
			},
			{
				displayName: 'Profile List Names or IDs',
				name: 'lists',
				type: 'multiOptions',
				typeOptions: { loadOptionsMethod: 'getProfileLists' },
				default: [],
				description:
					'The lists the profile is a member of afterwards; none removes it from every list. Choose from the list, or specify IDs using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
			},
		]),
		description: 'Only the fields added here are sent',
	},
];

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const id = readProfileId(this, itemIndex);
	const fields = collectionOf(this, 'updateFields', itemIndex);
	const changes = toApiFields(this, itemIndex, fields, FIELDS, { keepEmpty: true });
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
