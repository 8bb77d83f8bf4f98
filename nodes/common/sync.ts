import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';

import { asNodeError } from './errors';

/** What a mirror sync did, or would do, to one object. Values are part of the output contract. */
export type SyncAction = 'created' | 'updated' | 'unchanged' | 'deleted';

/** One wanted object and the input item it came from. */
export interface Desired<D> {
	itemIndex: number;
	value: D;
}

export interface SyncStep<D, C> {
	action: SyncAction;
	key: string;
	/** The input item the object came from; absent for a deletion. */
	itemIndex?: number;
	desired?: D;
	current?: C;
}

export interface SyncPlan<D, C> {
	/** Every step: first one per desired object in input order, then the deletions. */
	steps: Array<SyncStep<D, C>>;
	create: Array<SyncStep<D, C>>;
	update: Array<SyncStep<D, C>>;
	unchanged: Array<SyncStep<D, C>>;
	delete: Array<SyncStep<D, C>>;
}

export interface SyncPlanInput<D, C> {
	/** The objects in the scope as stored now. */
	current: C[];
	desired: Array<Desired<D>>;
	desiredKey: (value: D) => string;
	currentKey: (value: C) => string;
	/** Whether the stored object must be changed to become the desired one. */
	differs: (desired: D, current: C) => boolean;
	/** Whether stored objects no desired object names are deleted; `deletable` can spare some. */
	deleteUnlisted: boolean;
	deletable?: (current: C) => boolean;
}

/**
 * Plans a mirror sync: which desired objects to create or update, which are already right, and which
 * stored objects of the scope to delete. Pure: nothing is read or sent here.
 */
export function planSync<D, C>(input: SyncPlanInput<D, C>): SyncPlan<D, C> {
	const currentByKey = new Map<string, C>();
	// Where an API lets two stored objects share a key, the first is matched and the others are
	// extras: deleted like unlisted ones, so the scope ends with one object per key.
	const extras: Array<[string, C]> = [];
	for (const current of input.current) {
		const key = input.currentKey(current);
		if (currentByKey.has(key)) extras.push([key, current]);
		else currentByKey.set(key, current);
	}
	const plan: SyncPlan<D, C> = { steps: [], create: [], update: [], unchanged: [], delete: [] };
	const firstItemByKey = new Map<string, number>();
	for (const { itemIndex, value } of input.desired) {
		const key = input.desiredKey(value);
		// `readSyncInput` leaves one desired object per key; a second would be planned twice.
		if (firstItemByKey.has(key)) continue;
		firstItemByKey.set(key, itemIndex);
		const current = currentByKey.get(key);
		const action: SyncAction =
			current === undefined ? 'created' : input.differs(value, current) ? 'updated' : 'unchanged';
		const step: SyncStep<D, C> = { action, key, itemIndex, desired: value, current };
		plan.steps.push(step);
		plan[action === 'created' ? 'create' : action === 'updated' ? 'update' : 'unchanged'].push(
			step,
		);
	}
	if (input.deleteUnlisted) {
		const unlisted = [...currentByKey].filter(([key]) => !firstItemByKey.has(key));
		for (const [key, current] of [...unlisted, ...extras]) {
			if (input.deletable && !input.deletable(current)) continue;
			const step: SyncStep<D, C> = { action: 'deleted', key, current };
			plan.steps.push(step);
			plan.delete.push(step);
		}
	}
	return plan;
}

/** Order-independent JSON text of a value: object keys sorted, for comparing stored and wanted. */
export function canonicalJson(value: unknown): string {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (value && typeof value === 'object') {
		const entries = Object.entries(value as IDataObject)
			.filter(([, entry]) => entry !== undefined)
			.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
		return `{${entries.map(([key, entry]) => `${JSON.stringify(key)}:${canonicalJson(entry)}`).join(',')}}`;
	}
	return JSON.stringify(value) ?? 'null';
}

/** The counts of a sync's actions, as the optional summary item shows them. */
export function syncSummary(outputs: IDataObject[], extra: IDataObject = {}): IDataObject {
	const counts: Record<SyncAction | 'failed', number> = {
		created: 0,
		updated: 0,
		unchanged: 0,
		deleted: 0,
		failed: 0,
	};
	for (const output of outputs) {
		if (output.error !== undefined) counts.failed++;
		else if (typeof output.action === 'string' && output.action in counts)
			counts[output.action as SyncAction]++;
	}
	return { summary: true, ...extra, ...counts, total: outputs.length };
}

/** Output items of a sync: one per desired object (paired with its input item), one per deletion. */
export function syncItems(
	outputs: Array<{ json: IDataObject; itemIndex?: number }>,
	summary: IDataObject | undefined,
): INodeExecutionData[] {
	const items: INodeExecutionData[] = outputs.map(({ json, itemIndex }) => ({
		json,
		// A deletion comes from no input item; it is paired with the first, which started the run.
		pairedItem: { item: itemIndex ?? 0 },
	}));
	if (summary) items.push({ json: summary, pairedItem: { item: 0 } });
	return items;
}

export interface SyncInput<D> {
	desired: Array<Desired<D>>;
	/** Input items that could not be read (Continue On Fail only), with their errors. */
	invalid: Map<number, Error>;
}

/**
 * Reads every input item of a sync before anything is sent. An unreadable item, or one whose key
 * an earlier item already gave, fails the node, or with Continue On Fail is kept in `invalid`.
 */
export function readSyncInput<D>(
	context: IExecuteFunctions,
	read: (itemIndex: number) => D,
	keyOf: (value: D) => string,
	duplicate: (itemIndex: number, firstItemIndex: number) => Error,
): SyncInput<D> {
	const node = context.getNode();
	const desired: Array<Desired<D>> = [];
	const invalid = new Map<number, Error>();
	const firstByKey = new Map<string, number>();
	const itemCount = context.getInputData().length;
	for (let itemIndex = 0; itemIndex < itemCount; itemIndex++) {
		try {
			const value = read(itemIndex);
			const key = keyOf(value);
			const first = firstByKey.get(key);
			if (first !== undefined) throw duplicate(itemIndex, first);
			firstByKey.set(key, itemIndex);
			desired.push({ itemIndex, value });
		} catch (error) {
			if (!context.continueOnFail()) throw asNodeError(node, error, itemIndex);
			invalid.set(itemIndex, error as Error);
		}
	}
	return { desired, invalid };
}

export function errorJson(error: Error): IDataObject {
	const description = (error as { description?: string }).description;
	return { error: error.message, ...(description ? { description } : {}) };
}

/**
 * The output of a sync that sends nothing because items were invalid (Continue On Fail): one item
 * per input item, the invalid ones with their own error, the others saying why they were not synced.
 */
export function notSyncedItems(
	itemCount: number,
	invalid: Map<number, Error>,
	plural: string,
): INodeExecutionData[] {
	const numbers = [...invalid.keys()].join(', ');
	return Array.from({ length: itemCount }, (_, itemIndex) => {
		const error = invalid.get(itemIndex);
		return {
			json: error
				? errorJson(error)
				: {
						error: `Not synced: item(s) ${numbers} are invalid, and a sync without them would delete their ${plural}`,
					},
			pairedItem: { item: itemIndex },
		};
	});
}
