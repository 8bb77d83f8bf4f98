import type { IDataObject, INodeExecutionData } from 'n8n-workflow';

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
	/** Called for a desired object whose key an earlier input item already gave; should throw. */
	onDuplicate: (itemIndex: number, firstItemIndex: number) => never;
}

/**
 * Plans a mirror sync: which desired objects to create or update, which are already right, and which
 * stored objects of the scope to delete. Pure: nothing is read or sent here.
 */
export function planSync<D, C>(input: SyncPlanInput<D, C>): SyncPlan<D, C> {
	const currentByKey = new Map<string, C>();
	for (const current of input.current) {
		const key = input.currentKey(current);
		if (!currentByKey.has(key)) currentByKey.set(key, current);
	}
	const plan: SyncPlan<D, C> = { steps: [], create: [], update: [], unchanged: [], delete: [] };
	const firstItemByKey = new Map<string, number>();
	for (const { itemIndex, value } of input.desired) {
		const key = input.desiredKey(value);
		const first = firstItemByKey.get(key);
		if (first !== undefined) input.onDuplicate(itemIndex, first);
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
		for (const [key, current] of currentByKey) {
			if (firstItemByKey.has(key) || (input.deletable && !input.deletable(current))) continue;
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
