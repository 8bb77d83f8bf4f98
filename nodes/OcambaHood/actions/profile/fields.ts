import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { fieldsOrJsonSelector, optionsCollection, showFor } from '../../../common/descriptions';
import { readId } from '../../../common/locator';
import { entryLabel, parseJsonParameter, refuseUnsafeKeys } from '../../../common/validation';
import { hoodResource } from '../../api';
import { idSchema } from '../../schemas';
import type { FieldSpec } from '../shared/fields';
import { idField } from '../shared/ids';
import { waitOptions } from './importReport';

export const PATH = '/profiles';
export const RESOURCE = hoodResource('profile', 'profile', 'profiles', PATH);

/** What Simplify keeps of a profile (the whole object has over 30 fields). */
export const PROFILE_SIMPLE = [
	'id',
	'status',
	'email',
	'mobile_phone_number',
	'full_name',
	'country_code',
	'lists',
	'custom_properties',
	'create_time',
	'update_time',
];

/** The profile a per-item operation works on; profiles have too many members for a list to pick from. */
export const profileIdField = (
	operations: string[],
	description = 'The ID of the profile (a long number, kept as text)',
) => idField('profileId', 'Profile ID', 'profile', operations, description);

export const customPropertyKey: INodeProperties = {
	displayName: 'Property Name or ID',
	name: 'key',
	type: 'options',
	typeOptions: { loadOptionsMethod: 'getCustomProperties' },
	default: '',
	description:
		'A custom profile property. Choose from the list, or specify an ID using an <a href="https://docs.n8n.io/code/expressions/">expression</a>.',
};

/**
 * A key and value from a fixedCollection pair (possibly set by an expression): a key such as
 * __proto__ would set the prototype of the body instead of being sent, so it is refused, and so is
 * such a key inside an object value.
 */
export function checkPropertyKey(
	context: IExecuteFunctions,
	itemIndex: number,
	key: string,
	value: unknown,
	label: string,
) {
	const node = context.getNode();
	// A computed key makes an own property even for "__proto__", so the shared check sees it.
	refuseUnsafeKeys(node, { [key]: null }, `${label} › Property`, itemIndex);
	refuseUnsafeKeys(node, value, `${label} › Value`, itemIndex);
}

interface KeyValue {
	key?: string;
	value?: unknown;
	type?: string;
}

/**
 * Custom properties from a fixedCollection of key/value pairs plus an optional JSON object; the
 * JSON wins for a key given twice. Returns undefined when neither holds anything.
 */
export function readCustomProperties(
	context: IExecuteFunctions,
	itemIndex: number,
	pairs: KeyValue[] | undefined,
	json: unknown,
	jsonLabel: string,
): IDataObject | undefined {
	const result: IDataObject = {};
	(pairs ?? []).forEach(({ key, value }, position) => {
		if (key === undefined || key === '') return;
		checkPropertyKey(
			context,
			itemIndex,
			key,
			value,
			`Custom Properties › ${entryLabel('Property', position)}`,
		);
		result[key] = value as IDataObject[string];
	});
	const parsed = parseJsonParameter(context.getNode(), json, jsonLabel, itemIndex);
	if (parsed !== undefined && parsed !== null) {
		if (typeof parsed !== 'object' || Array.isArray(parsed)) return parsed as IDataObject; // the schema names the problem
		Object.assign(result, parsed);
	}
	return Object.keys(result).length ? result : undefined;
}

/** The item's Profile ID (or another profile ID parameter), checked. */
export const readProfileId = (
	context: IExecuteFunctions,
	itemIndex: number,
	name = 'profileId',
	label = 'Profile ID',
) => readId(context, itemIndex, name, idSchema, label);

const bulkShow = showFor('profile', 'updateCustomProperties');
/** Ocamba states no maximum of profiles per import request; the node does not send more than this. */
export const MAX_BATCH = 1000;
export const DEFAULT_BATCH = 100;

export const customPropertiesInputField = fieldsOrJsonSelector(
	'Define Custom Properties',
	'customPropertiesInput',
	bulkShow,
);

export const customPropertiesField: INodeProperties = {
	displayName: 'Custom Properties',
	name: 'customProperties',
	type: 'fixedCollection',
	typeOptions: { multipleValues: true },
	displayOptions: { show: { ...bulkShow, customPropertiesInput: ['fields'] } },
	default: {},
	placeholder: 'Add Property',
	options: [
		{
			displayName: 'Property',
			name: 'property',
			values: [
				customPropertyKey,
				{
					displayName: 'Type',
					name: 'type',
					type: 'options',
					options: [
						{ name: 'Date', value: 'date' },
						{ name: 'Number', value: 'number' },
						{ name: 'String', value: 'string' },
					],
					default: 'string',
					description:
						"Ocamba's docs show only String; Number and Date follow the property data types",
				},
				{ displayName: 'Value', name: 'value', type: 'string', default: '' },
			],
		},
	],
};

export const customPropertiesJsonField: INodeProperties = {
	displayName: 'Custom Properties (JSON)',
	name: 'customPropertiesJson',
	type: 'json',
	displayOptions: { show: { ...bulkShow, customPropertiesInput: ['json'] } },
	default: '{\n  "loyalty_tier": "gold"\n}',
	description:
		'Property label → value, e.g. {"loyalty_tier": "gold", "lifetime_value": 129.9}. Numbers stay numbers, other values become text; {"type": "date", "value": "2025-06-01"} sets the type.',
};

export const batchSizeField: INodeProperties = {
	displayName: 'Batch Size',
	name: 'batchSize',
	type: 'number',
	typeOptions: { minValue: 1, maxValue: MAX_BATCH },
	displayOptions: { show: bulkShow },
	default: DEFAULT_BATCH,
	description: `Input items sent together in one request. Ocamba states no maximum; the node allows up to ${MAX_BATCH}.`,
};

export const importOptionsField = optionsCollection(bulkShow, waitOptions, 'importOptions');

/** The fields Update may send, and their parameters in Update Fields. */
export const UPDATE_FIELDS: Record<string, FieldSpec> = {
	comment: { api: 'comment', label: 'Comment' },
	email: { api: 'email', label: 'Email' },
	fullName: { api: 'full_name', label: 'Full Name' },
	lists: { api: 'lists', label: 'Profile List Names or IDs', kind: 'list' },
	mobilePhoneNumber: { api: 'mobile_phone_number', label: 'Mobile Phone Number' },
	organizationId: { api: 'organization_id', label: 'Organization ID' },
};

export const updateFieldOptions: INodeProperties[] = [
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
		placeholder: 'e.g. name@email.com',
		default: '',
	},
	{ displayName: 'Full Name', name: 'fullName', type: 'string', default: '' },
	{
		displayName: 'Mobile Phone Number',
		name: 'mobilePhoneNumber',
		type: 'string',
		default: '',
		placeholder: 'e.g. +4915123456789',
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
];
