import type { IDataObject, IExecuteFunctions, INodeProperties } from 'n8n-workflow';

import { chunk } from '../../../common/batching';
import { dryRunField, readDryRun } from '../../../common/descriptions';
import type { PlannedRequest } from '../../../common/dryRun';
import { dryRunItem } from '../../../common/dryRun';
import { asNodeError } from '../../../common/errors';
import type { SyncStep } from '../../../common/sync';
import {
	canonicalJson,
	errorJson,
	notSyncedItems,
	planSync,
	readSyncInput,
	syncItems,
	syncSummary,
} from '../../../common/sync';
import { invalidInput, wholeNumber } from '../../../common/validation';
import type { Customization } from '../../schemas';
import { READ_ONLY_FIELDS } from '../../schemas';
import { fetchCustomizations, luigisBoxRequest } from '../../transport';
import { MAX_BULK_LINES, toNdjson } from './createMany';
import { readCustomization, slotKey } from './fields';

const show = { resource: ['customization'], operation: ['sync'] };
const SCOPES = ['tag', 'model'];

export const description: INodeProperties[] = [
	{
		displayName:
			'The customizations in the scope become exactly the input items: missing ones are created, different ones replaced, and those in the scope that no input item names are deleted. Nothing outside the scope is changed.',
		name: 'syncNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Scope',
		name: 'syncScope',
		type: 'options',
		displayOptions: { show },
		options: [
			{
				name: 'A Model',
				value: 'model',
				description: 'All customizations of one model; every input customization must be of it',
			},
			{
				name: 'A Tag',
				value: 'tag',
				description:
					'The customizations carrying a tag; every input customization gets the tag added',
			},
		],
		default: 'tag',
		description:
			'Which customizations the input items mirror; only these are created, replaced or deleted',
	},
	{
		displayName: 'Scope Tag',
		name: 'scopeTag',
		type: 'string',
		displayOptions: { show: { ...show, syncScope: ['tag'] } },
		default: '',
		required: true,
		placeholder: 'e.g. feed-sync',
		description: 'The tag that marks the customizations this sync owns',
	},
	{
		displayName: 'Scope Model',
		name: 'scopeModel',
		type: 'string',
		displayOptions: { show: { ...show, syncScope: ['model'] } },
		default: '',
		required: true,
		placeholder: 'e.g. basket',
		description: 'The recommender model whose customizations this sync owns',
	},
	{
		displayName: 'Batch Size',
		name: 'batchSize',
		type: 'number',
		displayOptions: { show },
		typeOptions: { minValue: 1, maxValue: MAX_BULK_LINES },
		default: MAX_BULK_LINES,
		description: `Customizations created or replaced per bulk request (the API accepts up to ${MAX_BULK_LINES})`,
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
					'Whether to add a last output item counting the created, updated, unchanged, deleted and failed customizations',
			},
		],
	},
];

type Stored = IDataObject & { id?: string };

/** The fields that define a customization, in one form for stored and wanted ones. */
function comparable(customization: IDataObject): string {
	const copy: IDataObject = { ...customization };
	for (const field of READ_ONLY_FIELDS) delete copy[field];
	const tags = Array.isArray(copy.tags) ? [...new Set(copy.tags as string[])].sort() : [];
	if (tags.length) copy.tags = tags;
	else delete copy.tags;
	const metadata = copy.target_metadata as IDataObject | undefined;
	if (!metadata || Object.keys(metadata).length === 0) delete copy.target_metadata;
	// The API may answer a date-time in another notation of the same instant.
	copy.pin_definitions = ((copy.pin_definitions as IDataObject[] | undefined) ?? []).map((pin) => {
		const normal: IDataObject = { ...pin };
		for (const field of ['active_from', 'active_to'])
			if (typeof normal[field] === 'string' && !Number.isNaN(Date.parse(normal[field] as string)))
				normal[field] = new Date(normal[field] as string).toISOString();
		for (const flag of ['is_block_pin', 'is_bundle_pin'])
			if (normal[flag] === false) delete normal[flag];
		return normal;
	});
	return canonicalJson(copy);
}

interface Scope {
	kind: 'tag' | 'model';
	value: string;
}

function readScope(context: IExecuteFunctions): Scope {
	const node = context.getNode();
	const kind = context.getNodeParameter('syncScope', 0, 'tag') as string;
	if (!SCOPES.includes(kind))
		throw invalidInput(node, 'Scope', 0, `must be one of: ${SCOPES.join(', ')}`);
	const label = kind === 'tag' ? 'Scope Tag' : 'Scope Model';
	const value = String(
		context.getNodeParameter(kind === 'tag' ? 'scopeTag' : 'scopeModel', 0, '') ?? '',
	).trim();
	// An empty scope would be the whole account: a sync there could delete every customization.
	if (!value) throw invalidInput(node, label, 0, 'is required: it limits what the sync may delete');
	return { kind: kind as Scope['kind'], value };
}

/** The item's customization, put into the scope (the tag added) or refused (another model). */
function readDesired(context: IExecuteFunctions, itemIndex: number, scope: Scope): Customization {
	const customization = readCustomization(context, itemIndex);
	if (scope.kind === 'model') {
		if (customization.model !== scope.value)
			throw invalidInput(
				context.getNode(),
				'Model',
				itemIndex,
				`is "${customization.model}", outside the scope: the sync owns model "${scope.value}" only`,
			);
		return customization;
	}
	const tags = customization.tags ?? [];
	return tags.includes(scope.value)
		? customization
		: { ...customization, tags: [...tags, scope.value] };
}

interface Output {
	json: IDataObject;
	itemIndex?: number;
}

export async function executeAll(this: IExecuteFunctions) {
	const node = this.getNode();
	const itemCount = this.getInputData().length;
	const scope = readScope(this);
	const batchSize = wholeNumber(
		node,
		this.getNodeParameter('batchSize', 0, MAX_BULK_LINES),
		'Batch Size',
		0,
		{
			max: MAX_BULK_LINES,
		},
	);
	const dryRun = readDryRun(this);
	const options = this.getNodeParameter('syncOptions', 0, {}) as IDataObject;

	// Every item is read before anything is sent: an item left out would read as "delete it".
	const { desired, invalid } = readSyncInput(
		this,
		(itemIndex) => readDesired(this, itemIndex, scope),
		(value) => slotKey(value as IDataObject),
		(itemIndex, first) =>
			invalidInput(
				node,
				'Customization',
				itemIndex,
				`has the same model and target as item ${first}; a scope holds one customization per target`,
			),
	);
	if (invalid.size > 0) return notSyncedItems(itemCount, invalid, 'customizations');

	const inScope = await fetchCustomizations(
		this,
		{ qs: scope.kind === 'tag' ? { tag: [scope.value] } : { model: [scope.value] } },
		{ returnAll: true, limit: Number.POSITIVE_INFINITY },
	);
	// A tag scope: a wanted slot may be taken by a customization without the tag, which the bulk
	// override would replace. Those are read too and refused, since they are outside the scope.
	const outsideBySlot = new Map<string, Stored>();
	if (scope.kind === 'tag' && desired.length > 0) {
		const models = [...new Set(desired.map(({ value }) => value.model))];
		const ofModels = await fetchCustomizations(
			this,
			{ qs: { model: models } },
			{ returnAll: true, limit: Number.POSITIVE_INFINITY },
		);
		for (const customization of ofModels)
			if (!((customization.tags as string[] | undefined) ?? []).includes(scope.value))
				outsideBySlot.set(slotKey(customization), customization as Stored);
	}

	const plan = planSync<Customization, Stored>({
		current: inScope as Stored[],
		desired,
		desiredKey: (value) => slotKey(value as IDataObject),
		currentKey: slotKey,
		differs: (wanted, stored) => comparable(wanted as IDataObject) !== comparable(stored),
		deleteUnlisted: true,
	});

	const outputs = new Map<SyncStep<Customization, Stored>, Output>();
	const writes: Array<SyncStep<Customization, Stored>> = [];
	for (const step of plan.steps) {
		if (step.action === 'deleted') continue;
		const taken = step.action === 'created' ? outsideBySlot.get(step.key) : undefined;
		if (taken) {
			const error = invalidInput(
				node,
				'Customization',
				step.itemIndex as number,
				`takes the slot of customization ${String(taken.id)}, which lacks the tag "${scope.value}" and so is outside the scope; add the tag to it or change the target`,
			);
			if (!this.continueOnFail()) throw error;
			outputs.set(step, { itemIndex: step.itemIndex, json: errorJson(error) });
			continue;
		}
		if (step.action === 'unchanged') {
			const json = { id: step.current?.id, customization: step.current as IDataObject };
			outputs.set(step, {
				itemIndex: step.itemIndex,
				json: dryRun ? dryRunItem('unchanged', undefined, json) : { action: 'unchanged', ...json },
			});
		} else writes.push(step);
	}

	let batchNumber = 0;
	for (const batch of chunk(writes, batchSize)) {
		batchNumber++;
		const request: PlannedRequest = {
			method: 'POST',
			path: 'scopes/_bulk',
			qs: { conflict_strategy: 'override' },
			contentType: 'application/x-ndjson',
			batch: batchNumber,
			objects: batch.length,
		};
		const resultOf = (step: SyncStep<Customization, Stored>): IDataObject => ({
			action: step.action,
			...(step.current?.id ? { id: step.current.id } : {}),
			customization: step.desired as unknown as IDataObject,
		});
		if (dryRun) {
			for (const step of batch)
				outputs.set(step, {
					itemIndex: step.itemIndex,
					json: dryRunItem(step.action, request, resultOf(step)),
				});
			continue;
		}
		try {
			await luigisBoxRequest(this, {
				method: 'POST',
				path: request.path,
				qs: request.qs,
				body: toNdjson(batch.map((step) => step.desired)),
				contentType: request.contentType,
				// override sets each slot to the line sent: a repeat leaves the same state.
				idempotent: true,
			});
			for (const step of batch)
				outputs.set(step, {
					itemIndex: step.itemIndex,
					json: { ...resultOf(step), batch: batchNumber },
				});
		} catch (error) {
			const itemIndex = batch[0].itemIndex as number;
			if (!this.continueOnFail()) throw asNodeError(node, error, itemIndex);
			for (const step of batch)
				outputs.set(step, { itemIndex: step.itemIndex, json: errorJson(error as Error) });
		}
	}

	for (const step of plan.delete) {
		const id = String(step.current?.id);
		const deleted = { action: 'deleted', id, customization: step.current as IDataObject };
		if (dryRun) {
			batchNumber++;
			outputs.set(step, {
				json: dryRunItem(
					'deleted',
					{ method: 'DELETE', path: `scope/${encodeURIComponent(id)}`, batch: batchNumber },
					deleted,
				),
			});
			continue;
		}
		try {
			// Deleting an ID twice leaves it deleted, but a repeat would answer 404: not repeated.
			await luigisBoxRequest(this, { method: 'DELETE', path: `scope/${encodeURIComponent(id)}` });
			outputs.set(step, { json: deleted });
		} catch (error) {
			if (!this.continueOnFail()) throw asNodeError(node, error, 0);
			outputs.set(step, { json: { ...errorJson(error as Error), id } });
		}
	}

	const ordered = plan.steps.map((step) => outputs.get(step) as Output);
	const summary = options.summary
		? syncSummary(
				ordered.map(({ json }) => json),
				{ scope: scope.kind, [scope.kind]: scope.value, ...(dryRun ? { dryRun: true } : {}) },
			)
		: undefined;
	return syncItems(ordered, summary);
}
