import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { readId } from '../../../common/locator';
import { parseJsonParameter, refuseUnsafeKeys } from '../../../common/validation';
import { hoodResource } from '../../api';
import { idSchema } from '../../schemas';
import { idField } from '../shared/ids';

export const PATH = '/profiles';
export const RESOURCE = hoodResource('profile', 'profile', 'profiles', PATH);

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
			`Custom Properties › Property ${position + 1}`,
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
