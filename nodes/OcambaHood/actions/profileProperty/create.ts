import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { additionalFieldsCollection, collectionOf, showFor } from '../../../common/descriptions';
import { createObject, updateObject } from '../../../common/resource';
import { invalidInput, validateInput } from '../../../common/validation';
import { fetchAll } from '../../api';
import {
	LABELS,
	PROPERTY_UPDATABLE,
	propertyCreateSchema,
	propertyUpdateSchema,
} from '../../schemas';
import { toApiFields } from '../shared/fields';
import {
	isSystem,
	PATH,
	PROPERTY_FIELDS,
	propertyFieldOptions,
	propertyName,
	RESOURCE,
	systemPropertyError,
} from './fields';

const show = showFor('profileProperty', 'create');
const ON_EXISTING = ['error', 'skip', 'update'];

export const description: INodeProperties[] = [
	{
		displayName: 'Label',
		name: 'label',
		type: 'string',
		default: '',
		required: true,
		placeholder: 'e.g. loyalty_tier',
		displayOptions: { show },
		description: "The property's identifier: profiles store its value under this key",
	},
	{
		displayName: 'Data Type',
		name: 'dataType',
		type: 'options',
		options: [
			{ name: 'Date', value: 'date' },
			{ name: 'Number', value: 'number' },
			{ name: 'Text', value: 'text' },
		],
		default: 'text',
		displayOptions: { show },
		description: 'Some Ocamba pages say only Text is accepted so far',
	},
	additionalFieldsCollection(show, propertyFieldOptions),
	{
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
		displayOptions: { show },
		description:
			'What to do when a property with this label already exists. Skip and Update read the existing properties once per run and add an "action" field (created, updated, unchanged, skipped) to the output.',
	},
];

/** The account's properties by label, read once per node run (only for Skip and Update). */
const existingByRun = new WeakMap<IExecuteFunctions, Promise<Map<string, IDataObject>>>();

async function existingProperties(context: IExecuteFunctions): Promise<Map<string, IDataObject>> {
	let properties = existingByRun.get(context);
	if (!properties) {
		properties = fetchAll(context, PATH).then(
			(items) => new Map(items.map((property) => [propertyName(property), property])),
		);
		existingByRun.set(context, properties);
	}
	return await properties;
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const onExisting = this.getNodeParameter('onExisting', itemIndex, 'error') as string;
	if (!ON_EXISTING.includes(onExisting))
		throw invalidInput(
			node,
			'If the Label Exists',
			itemIndex,
			`must be one of: ${ON_EXISTING.join(', ')}`,
		);
	const body: IDataObject = {
		label: this.getNodeParameter('label', itemIndex, ''),
		data_type: this.getNodeParameter('dataType', itemIndex, 'text'),
		...toApiFields(
			this,
			itemIndex,
			collectionOf(this, 'additionalFields', itemIndex),
			PROPERTY_FIELDS,
		),
	};
	if (onExisting === 'error')
		return await createObject(this, itemIndex, RESOURCE, propertyCreateSchema, body);

	const wanted = validateInput(node, propertyCreateSchema, body, itemIndex, LABELS) as IDataObject;
	const known = await existingProperties(this);
	const existing = known.get(String(wanted.label));
	if (!existing) {
		const created = await createObject(this, itemIndex, RESOURCE, propertyCreateSchema, wanted);
		known.set(String(wanted.label), created);
		return { action: 'created', ...created };
	}
	if (onExisting === 'skip') return { action: 'skipped', ...existing };
	if (isSystem(existing)) throw systemPropertyError(this, existing, itemIndex);
	if (existing.data_type !== undefined && existing.data_type !== wanted.data_type)
		throw new NodeOperationError(
			node,
			`The profile property "${String(wanted.label)}" exists with data type "${String(existing.data_type)}", not "${String(wanted.data_type)}"`,
			{
				itemIndex,
				description:
					'Ocamba Hood cannot change the data type of a property; set Data Type to match it.',
			},
		);
	const changes = Object.fromEntries(
		PROPERTY_UPDATABLE.filter(
			(field) => wanted[field] !== undefined && wanted[field] !== existing[field],
		).map((field) => [field, wanted[field]]),
	) as IDataObject;
	if (Object.keys(changes).length === 0) return { action: 'unchanged', ...existing };
	const id = String(existing.id);
	await updateObject(this, itemIndex, RESOURCE, id, propertyUpdateSchema, changes);
	const updated = { ...existing, ...changes };
	known.set(String(wanted.label), updated);
	return { action: 'updated', ...updated };
}
