import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { additionalFieldsCollection, collectionOf, showFor } from '../../../common/descriptions';
import { createObject, updateObject } from '../../../common/resource';
import { invalidInput, validateInput } from '../../../common/validation';
import {
	LABELS,
	PROPERTY_UPDATABLE,
	propertyCreateSchema,
	propertyUpdateSchema,
} from '../../schemas';
import { toApiFields } from '../shared/fields';
import {
	dataTypeField,
	existingProperties,
	isSystem,
	labelField,
	ON_EXISTING,
	onExistingField,
	PROPERTY_FIELDS,
	propertyFieldOptions,
	RESOURCE,
	systemPropertyError,
} from './fields';

export const description: INodeProperties[] = [
	labelField,
	dataTypeField,
	additionalFieldsCollection(showFor('profileProperty', 'create'), propertyFieldOptions),
	onExistingField,
];

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
