import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { parseJsonParameter, toList } from '../../../common/validation';
import { toHoodTime } from './time';

/**
 * How one node parameter becomes one API field: `flag` turns a boolean into Ocamba's 0/1, `json`
 * parses JSON text, `list` splits a comma list, `time` converts a date-time to Ocamba's GMT format.
 */
export interface FieldSpec {
	api: string;
	label: string;
	kind?: 'value' | 'flag' | 'json' | 'list' | 'time';
}

function isEmpty(value: unknown): boolean {
	return (
		value === undefined ||
		value === null ||
		value === '' ||
		(Array.isArray(value) && value.length === 0)
	);
}

/**
 * Maps the entries of a collection (Additional Fields, Update Fields) to API fields. Only the
 * entries present are sent. With `keepEmpty` (updates) an entry added but left empty is sent as
 * empty, which clears the field; otherwise (creates) it is left out.
 */
export function toApiFields(
	context: IExecuteFunctions,
	itemIndex: number,
	values: IDataObject,
	specs: Record<string, FieldSpec>,
	{ keepEmpty = false } = {},
): IDataObject {
	const node = context.getNode();
	const body: IDataObject = {};
	for (const [name, value] of Object.entries(values ?? {})) {
		const spec = specs[name];
		if (!spec) continue;
		const kind = spec.kind ?? 'value';
		if (kind === 'json') {
			const parsed = parseJsonParameter(node, value, spec.label, itemIndex);
			if (parsed !== undefined) body[spec.api] = parsed as IDataObject;
			continue;
		}
		if (kind === 'list') {
			const list = toList(value);
			if (list.length || keepEmpty) body[spec.api] = list;
			continue;
		}
		if (isEmpty(value)) {
			if (keepEmpty && kind === 'value') body[spec.api] = '';
			continue;
		}
		if (kind === 'flag') body[spec.api] = typeof value === 'boolean' ? (value ? 1 : 0) : value;
		else if (kind === 'time')
			body[spec.api] = toHoodTime(node, value, context.getTimezone(), spec.label, itemIndex);
		else body[spec.api] = value;
	}
	return body;
}

/** The required "Name" of a create. */
export function nameField(show: Record<string, string[]>): INodeProperties {
	return {
		displayName: 'Name',
		name: 'name',
		type: 'string',
		default: '',
		required: true,
		displayOptions: { show },
	};
}
