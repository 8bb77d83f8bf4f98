import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import {
	additionalFieldsCollection,
	collectionOf,
	dryRunField,
	readDryRun,
	showFor,
} from '../../../common/descriptions';
import { dryRunItem } from '../../../common/dryRun';
import { asNodeError } from '../../../common/errors';
import { createObject, deleteObject, updateObject } from '../../../common/resource';
import type { SyncStep } from '../../../common/sync';
import {
	errorJson,
	notSyncedItems,
	planSync,
	readSyncInput,
	syncItems,
	syncSummary,
} from '../../../common/sync';
import { invalidInput, refuseUnsafeKeys, validateInput } from '../../../common/validation';
import { fetchAll } from '../../api';
import {
	LABELS,
	PROPERTY_UPDATABLE,
	propertyCreateSchema,
	propertyUpdateSchema,
} from '../../schemas';
import { toApiFields } from '../shared/fields';
import {
	changeProperty,
	dataTypeField,
	isSystem,
	labelField,
	PATH,
	PROPERTY_FIELDS,
	propertyFieldOptions,
	propertyName,
	RESOURCE,
	systemPropertyError,
} from './fields';

const show = showFor('profileProperty', 'sync');
const INPUTS = ['fields', 'inputItem'];

export const description: INodeProperties[] = [
	{
		displayName: 'Define Properties',
		name: 'propertyInput',
		type: 'options',
		displayOptions: { show },
		options: [
			{ name: 'Using Fields Below', value: 'fields' },
			{
				name: "From Each Input Item's JSON",
				value: 'inputItem',
				description:
					'Each input item is a property in the API format (label, data_type, description, example, export_alias, pi_data, importable, exportable), e.g. from Get Many; other keys are ignored',
			},
		],
		default: 'fields',
		description: 'One input item per property the account should have',
	},
	{ ...labelField, displayOptions: { show: { ...show, propertyInput: ['fields'] } } },
	{ ...dataTypeField, displayOptions: { show: { ...show, propertyInput: ['fields'] } } },
	additionalFieldsCollection({ ...show, propertyInput: ['fields'] }, propertyFieldOptions),
	{
		displayName: 'Delete Unlisted Properties',
		name: 'deleteUnlisted',
		type: 'boolean',
		displayOptions: { show },
		default: false,
		description:
			'Whether to delete the custom properties no input item names. System properties are never deleted. Off: properties are only created and updated.',
	},
	dryRunField(show),
	{
		displayName: 'Options',
		name: 'syncOptions',
		type: 'collection',
		placeholder: 'Add option',
		displayOptions: { show },
		default: {},
		options: [
			{
				displayName: 'Output a Summary Item',
				name: 'summary',
				type: 'boolean',
				default: false,
				description:
					'Whether to add a last output item counting the created, updated, unchanged, deleted and failed properties',
			},
		],
	},
];

/** The API fields a property is created with; `id`, `system` and timestamps of an export dropped. */
const CREATE_FIELDS = ['label', 'data_type', ...PROPERTY_UPDATABLE];

function readWanted(context: IExecuteFunctions, itemIndex: number, input: string): IDataObject {
	const node = context.getNode();
	let body: IDataObject;
	if (input === 'inputItem') {
		const json = refuseUnsafeKeys(
			node,
			context.getInputData()[itemIndex]?.json,
			'Input Item JSON',
			itemIndex,
		) as IDataObject;
		const label = json?.label ?? json?.property;
		body = Object.fromEntries(
			CREATE_FIELDS.map((field) => [field, field === 'label' ? label : json?.[field]]).filter(
				([, value]) => value !== undefined && value !== null,
			),
		);
		body.data_type ??= 'text';
	} else {
		body = {
			label: context.getNodeParameter('label', itemIndex, ''),
			data_type: context.getNodeParameter('dataType', itemIndex, 'text'),
			...toApiFields(
				context,
				itemIndex,
				collectionOf(context, 'additionalFields', itemIndex),
				PROPERTY_FIELDS,
			),
		};
	}
	return validateInput(node, propertyCreateSchema, body, itemIndex, LABELS) as IDataObject;
}

/** The fields of `wanted` that differ from the stored property (fields not given are kept). */
function changesOf(wanted: IDataObject, stored: IDataObject): IDataObject {
	return Object.fromEntries(
		PROPERTY_UPDATABLE.filter(
			(field) =>
				wanted[field] !== undefined && String(wanted[field]) !== String(stored[field] ?? ''),
		).map((field) => [field, wanted[field]]),
	) as IDataObject;
}

/** What the API cannot do, found before anything is sent: change a data type or a system property. */
function refusal(
	context: IExecuteFunctions,
	step: SyncStep<IDataObject, IDataObject>,
): Error | undefined {
	const { desired, current, itemIndex } = step;
	if (!desired || !current || step.action !== 'updated') return undefined;
	if (isSystem(current)) return systemPropertyError(context, current, itemIndex as number);
	if (current.data_type !== undefined && current.data_type !== desired.data_type)
		return new NodeOperationError(
			context.getNode(),
			`The profile property "${String(desired.label)}" exists with data type "${String(current.data_type)}", not "${String(desired.data_type)}"`,
			{
				itemIndex,
				description:
					'Ocamba Hood cannot change the data type of a property; set Data Type to match it.',
			},
		);
	return undefined;
}

interface Output {
	json: IDataObject;
	itemIndex?: number;
}

export async function executeAll(this: IExecuteFunctions) {
	const node = this.getNode();
	const itemCount = this.getInputData().length;
	const input = this.getNodeParameter('propertyInput', 0, 'fields') as string;
	if (!INPUTS.includes(input))
		throw invalidInput(node, 'Define Properties', 0, `must be one of: ${INPUTS.join(', ')}`);
	const deleteUnlisted = this.getNodeParameter('deleteUnlisted', 0, false) === true;
	const dryRun = readDryRun(this);
	const options = this.getNodeParameter('syncOptions', 0, {}) as IDataObject;

	const { desired, invalid } = readSyncInput(
		this,
		(itemIndex) => readWanted(this, itemIndex, input),
		(value) => String(value.label),
		(itemIndex, first) =>
			invalidInput(node, 'Label', itemIndex, `is the same as item ${first}'s; labels are unique`),
	);
	// Without deletions an unreadable item only misses its own change, as in a per-item operation.
	if (invalid.size > 0 && deleteUnlisted) return notSyncedItems(itemCount, invalid, 'properties');

	const plan = planSync<IDataObject, IDataObject>({
		current: await fetchAll(this, PATH),
		desired,
		desiredKey: (value) => String(value.label),
		currentKey: propertyName,
		// A different data type counts, so that the refusal below names it instead of hiding it.
		differs: (wanted, stored) =>
			Object.keys(changesOf(wanted, stored)).length > 0 ||
			(stored.data_type !== undefined && stored.data_type !== wanted.data_type),
		deleteUnlisted,
		// System properties (system: 1) belong to Ocamba: never deleted.
		deletable: (stored) => !isSystem(stored),
	});

	const outputs = new Map<number | SyncStep<IDataObject, IDataObject>, Output>();
	for (const [itemIndex, error] of invalid)
		outputs.set(itemIndex, { itemIndex, json: errorJson(error) });
	const refused = new Set<SyncStep<IDataObject, IDataObject>>();
	for (const step of plan.steps) {
		const error = refusal(this, step);
		if (!error) continue;
		if (!this.continueOnFail()) throw asNodeError(node, error, step.itemIndex as number);
		refused.add(step);
		outputs.set(step, { itemIndex: step.itemIndex, json: errorJson(error) });
	}

	let requestNumber = 0;
	for (const step of plan.steps) {
		if (refused.has(step)) continue;
		const itemIndex = step.itemIndex ?? 0;
		const current = step.current ?? {};
		const id = current.id === undefined ? undefined : String(current.id);
		const label = step.desired?.label ?? propertyName(current);
		if (step.action === 'unchanged') {
			outputs.set(step, {
				itemIndex,
				json: dryRun
					? dryRunItem('unchanged', undefined, { ...current })
					: { action: 'unchanged', ...current },
			});
			continue;
		}
		const changes = step.action === 'updated' ? changesOf(step.desired ?? {}, current) : {};
		if (dryRun) {
			requestNumber++;
			const request =
				step.action === 'created'
					? { method: 'POST' as const, path: PATH, batch: requestNumber, objects: 1 }
					: {
							method: step.action === 'updated' ? ('PATCH' as const) : ('DELETE' as const),
							path: `${PATH}/${encodeURIComponent(id as string)}`,
							batch: requestNumber,
							objects: 1,
						};
			const body =
				step.action === 'created' ? step.desired : step.action === 'updated' ? changes : undefined;
			outputs.set(step, {
				itemIndex: step.itemIndex,
				json: dryRunItem(step.action, request, {
					label,
					...(id ? { id } : {}),
					...(body ? { body } : {}),
				}),
			});
			continue;
		}
		try {
			let json: IDataObject;
			if (step.action === 'created') {
				const created = await createObject(
					this,
					itemIndex,
					RESOURCE,
					propertyCreateSchema,
					step.desired ?? {},
				);
				json = { action: 'created', ...created };
			} else if (step.action === 'updated') {
				await changeProperty(
					this,
					itemIndex,
					id as string,
					updateObject(this, itemIndex, RESOURCE, id as string, propertyUpdateSchema, changes),
				);
				json = { action: 'updated', ...current, ...changes };
			} else {
				await changeProperty(
					this,
					itemIndex,
					id as string,
					deleteObject(this, itemIndex, RESOURCE, id as string),
				);
				json = { action: 'deleted', ...current };
			}
			outputs.set(step, { itemIndex: step.itemIndex, json });
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(node, error, itemIndex);
			outputs.set(step, {
				itemIndex: step.itemIndex,
				json: { ...errorJson(error as Error), label },
			});
		}
	}

	// Input order (invalid items in their place), then the deletions.
	const ordered: Output[] = [];
	const stepByItem = new Map(
		plan.steps.filter((s) => s.itemIndex !== undefined).map((s) => [s.itemIndex as number, s]),
	);
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		const step = stepByItem.get(itemIndex);
		const output = step ? outputs.get(step) : outputs.get(itemIndex);
		if (output) ordered.push(output);
	}
	for (const step of plan.delete) ordered.push(outputs.get(step) as Output);
	const summary = options.summary
		? syncSummary(
				ordered.map(({ json }) => json),
				{ deleteUnlisted, ...(dryRun ? { dryRun: true } : {}) },
			)
		: undefined;
	return syncItems(ordered, summary);
}
