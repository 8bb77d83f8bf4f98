import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { showFor } from '../../../common/descriptions';
import { fetchAll, hoodResource } from '../../api';
import type { Envelope } from '../../transport';
import { hoodRequest } from '../../transport';
import type { FieldSpec } from '../shared/fields';
import { hoodLocator } from '../shared/ids';

export const PATH = '/profile-properties';
export const LOCATOR = hoodLocator('propertyId', 'Profile Property', 'searchProfileProperties');
export const RESOURCE = hoodResource(
	'profileProperty',
	'profile property',
	'profile properties',
	PATH,
	LOCATOR,
);

/** The optional fields of a property: sent by create, and the only ones update may change. */
export const PROPERTY_FIELDS: Record<string, FieldSpec> = {
	description: { api: 'description', label: 'Description' },
	example: { api: 'example', label: 'Example' },
	exportAlias: { api: 'export_alias', label: 'Export Alias' },
	exportable: { api: 'exportable', label: 'Exportable', kind: 'flag' },
	importable: { api: 'importable', label: 'Importable', kind: 'flag' },
	personalData: { api: 'pi_data', label: 'Personal Data (PII)', kind: 'flag' },
};

export const propertyFieldOptions: INodeProperties[] = [
	{
		displayName: 'Description',
		name: 'description',
		type: 'string',
		typeOptions: { rows: 2 },
		default: '',
		description: 'What the property holds (up to 2000 characters)',
	},
	{
		displayName: 'Example',
		name: 'example',
		type: 'string',
		default: '',
		description: 'A sample value',
	},
	{
		displayName: 'Export Alias',
		name: 'exportAlias',
		type: 'string',
		default: '',
		description: 'Column name used when profiles are exported',
	},
	{
		displayName: 'Exportable',
		name: 'exportable',
		type: 'boolean',
		default: true,
		description: 'Whether the property is included in profile exports',
	},
	{
		displayName: 'Importable',
		name: 'importable',
		type: 'boolean',
		default: true,
		description: 'Whether profile imports may set the property',
	},
	{
		displayName: 'Personal Data (PII)',
		name: 'personalData',
		type: 'boolean',
		default: false,
		description:
			'Whether the value is personal data: Ocamba stores it encrypted and restricts access to it',
	},
];

/** Looks a property up through the documented list filter (`id=eq:…` or `label=eq:…`). */
export async function findProperty(
	context: IExecuteFunctions,
	itemIndex: number,
	field: 'id' | 'label',
	value: string,
): Promise<IDataObject | undefined> {
	const envelope = await hoodRequest<Envelope>(context, {
		method: 'GET',
		path: PATH,
		qs: { [field]: `eq:${value}`, page: '1,1' },
		itemIndex,
	});
	return envelope?.items?.[0];
}

/**
 * A property's name, the key profiles store its value under. Ocamba's newer list example calls it
 * `label`, the API reference's example `property`; both are read, `label` first.
 */
export function propertyName(property: IDataObject | undefined): string {
	const name = property?.label ?? property?.property;
	return name === undefined || name === null ? '' : String(name);
}

export function isSystem(property: IDataObject | undefined): boolean {
	return Number(property?.system) === 1;
}

export function systemPropertyError(
	context: IExecuteFunctions,
	property: IDataObject,
	itemIndex: number,
) {
	return new NodeOperationError(
		context.getNode(),
		`The profile property "${propertyName(property) || String(property.id)}" (ID ${String(property.id)}) is a system property, which Ocamba Hood does not allow to change`,
		{
			itemIndex,
			description:
				'System properties (system: 1) such as email or full name are managed by Ocamba. Only custom properties can be updated.',
		},
	);
}

/** Statuses with which the API refuses a change it understood (a system property, for one). */
const REFUSALS = ['400', '403', '409', '422'];

/**
 * Runs a change to one property. The API refuses system properties with a generic answer; only
 * then one lookup through the documented list tells whether that was the reason, and says so.
 */
export async function changeProperty<T>(
	context: IExecuteFunctions,
	itemIndex: number,
	id: string,
	change: Promise<T>,
): Promise<T> {
	const result = await change.catch((error: Error) => error);
	if (!(result instanceof Error)) return result;
	if (REFUSALS.includes(String((result as { httpCode?: unknown }).httpCode))) {
		const property = await findProperty(context, itemIndex, 'id', id).catch(() => undefined);
		if (property && isSystem(property)) throw systemPropertyError(context, property, itemIndex);
	}
	throw result;
}

const createShow = showFor('profileProperty', 'create');
export const ON_EXISTING = ['error', 'skip', 'update'];

export const labelField: INodeProperties = {
	displayName: 'Label',
	name: 'label',
	type: 'string',
	default: '',
	required: true,
	placeholder: 'e.g. loyalty_tier',
	displayOptions: { show: createShow },
	description: "The property's identifier: profiles store its value under this key",
};

export const dataTypeField: INodeProperties = {
	displayName: 'Data Type',
	name: 'dataType',
	type: 'options',
	options: [
		{ name: 'Date', value: 'date' },
		{ name: 'Number', value: 'number' },
		{ name: 'Text', value: 'text' },
	],
	default: 'text',
	displayOptions: { show: createShow },
	description: 'Some Ocamba pages say only Text is accepted so far',
};

export const onExistingField: INodeProperties = {
	displayName: 'If the Label Exists',
	name: 'onExisting',
	type: 'options',
	options: [
		{
			name: 'Fail',
			value: 'error',
			description: 'Create only; the API refuses a label that exists',
		},
		{ name: 'Skip It', value: 'skip', description: 'Leave the existing property as it is' },
		{
			name: 'Update It',
			value: 'update',
			description: "Change the existing property's fields to the ones given (create or update)",
		},
	],
	default: 'error',
	displayOptions: { show: createShow },
	description:
		'What to do when a property with this label already exists. Skip and Update read the existing properties once per run and add an "action" field (created, updated, unchanged, skipped) to the output.',
};

/** The account's properties by label, read once per node run (only for Skip and Update). */
const existingByRun = new WeakMap<IExecuteFunctions, Promise<Map<string, IDataObject>>>();

export async function existingProperties(
	context: IExecuteFunctions,
): Promise<Map<string, IDataObject>> {
	let properties = existingByRun.get(context);
	if (!properties) {
		properties = fetchAll(context, PATH).then(
			(items) => new Map(items.map((property) => [propertyName(property), property])),
		);
		existingByRun.set(context, properties);
	}
	return await properties;
}
