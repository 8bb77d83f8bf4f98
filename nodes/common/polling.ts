import { createHash } from 'node:crypto';
import type {
	IDataObject,
	INodeExecutionData,
	INodeProperties,
	IPollFunctions,
} from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { invalidInput, toList, wholeNumber } from './validation';

/**
 * The shared engine of the polling triggers. None of these APIs has a change feed, so a trigger
 * reads the current objects and compares them with a compact snapshot kept in the node's static
 * data: per object its ID and a short hash, and (for collections up to KEEP_VALUES_UP_TO objects)
 * the short field values, so that an update can say what changed, old and new.
 *
 * - The first poll of an activation records the baseline and emits nothing.
 * - A change is emitted once. At most `cap` changes are emitted per poll; the snapshot advances
 *   only for those, so the rest is found again (with its latest state) by the next poll.
 * - The snapshot is written only after the whole poll succeeded: a failed poll changes nothing.
 */

/** Up to this many objects, the snapshot also keeps short field values (for old → new). */
export const KEEP_VALUES_UP_TO = 5000;
/** A field value longer than this (as JSON) is kept as a hash only. */
const SHORT_VALUE = 120;

export type ChangeType = 'created' | 'updated' | 'deleted';

export interface Change {
	type: ChangeType;
	id: string;
	/** The object as it is now (as it was last seen, for a delete). */
	object: IDataObject;
	/** For updates: each changed top-level field with its old and new value. */
	changes?: Record<string, { old: unknown; new: unknown }>;
	/** When the change happened, where the object says (created/updated time); for ordering. */
	at?: string;
}

/** A collection's snapshot, as kept in static data. */
export interface Snapshot {
	/** ID → hash of the whole object. */
	hashes: Record<string, string>;
	/** ID → field → short JSON value, or `#<hash>` for a long one. Only for small collections. */
	fields?: Record<string, Record<string, string>>;
}

export interface TrackedCollection {
	/** The object's ID (as text). */
	idOf: (object: IDataObject) => string;
	/** Fields left out of comparisons (e.g. counters that change on every read). */
	ignore?: string[];
	/** The time of creation or last change, for ordering the changes of one poll. */
	timeOf?: (object: IDataObject, type: ChangeType) => string | undefined;
}

const hash = (value: unknown) =>
	createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 12);

function compared(object: IDataObject, ignore: string[] = []): IDataObject {
	return Object.fromEntries(
		Object.keys(object)
			.filter((key) => !ignore.includes(key))
			.sort()
			.map((key) => [key, object[key]]),
	);
}

function fieldTokens(object: IDataObject): Record<string, string> {
	return Object.fromEntries(
		Object.entries(object).map(([key, value]) => {
			const json = JSON.stringify(value ?? null);
			return [key, json.length <= SHORT_VALUE ? json : `#${hash(value)}`];
		}),
	);
}

const fromToken = (token: string | undefined) =>
	token === undefined
		? undefined
		: token.startsWith('#')
			? '(not kept: long value)'
			: JSON.parse(token);

/** Builds a snapshot of `objects`. */
export function takeSnapshot(objects: IDataObject[], tracked: TrackedCollection): Snapshot {
	const snapshot: Snapshot = { hashes: {} };
	const keepValues = objects.length <= KEEP_VALUES_UP_TO;
	if (keepValues) snapshot.fields = {};
	for (const object of objects) {
		const id = tracked.idOf(object);
		const shown = compared(object, tracked.ignore);
		snapshot.hashes[id] = hash(shown);
		if (snapshot.fields) snapshot.fields[id] = fieldTokens(shown);
	}
	return snapshot;
}

/** The changes from `previous` to `objects`, oldest first, deletes last. */
export function findChanges(
	previous: Snapshot,
	objects: IDataObject[],
	tracked: TrackedCollection,
): Change[] {
	const changes: Change[] = [];
	const present = new Set<string>();
	for (const object of objects) {
		const id = tracked.idOf(object);
		present.add(id);
		const shown = compared(object, tracked.ignore);
		const before = previous.hashes[id];
		if (before === undefined) {
			changes.push({ type: 'created', id, object, at: tracked.timeOf?.(object, 'created') });
			continue;
		}
		if (before === hash(shown)) continue;
		const change: Change = { type: 'updated', id, object, at: tracked.timeOf?.(object, 'updated') };
		const old = previous.fields?.[id];
		if (old) {
			const now = fieldTokens(shown);
			change.changes = Object.fromEntries(
				[...new Set([...Object.keys(old), ...Object.keys(now)])]
					.filter((key) => old[key] !== now[key])
					.sort()
					.map((key) => [key, { old: fromToken(old[key]), new: object[key] }]),
			);
		}
		changes.push(change);
	}
	// Oldest first where every change has a time; else creates before updates, each by time.
	const rank = (change: Change) => (change.type === 'created' ? 0 : 1);
	const timed = changes.every((change) => change.at);
	changes.sort((a, b) => (timed ? 0 : rank(a) - rank(b)) || (a.at ?? '').localeCompare(b.at ?? ''));
	for (const id of Object.keys(previous.hashes))
		if (!present.has(id)) {
			const fields = previous.fields?.[id] ?? {};
			const object = Object.fromEntries(
				Object.entries(fields).map(([key, token]) => [key, fromToken(token)]),
			);
			changes.push({ type: 'deleted', id, object: Object.keys(object).length ? object : { id } });
		}
	return changes;
}

/**
 * The snapshot after emitting `emitted` of the changes found: emitted changes take their new
 * state, the others keep the old one so the next poll finds them again.
 */
export function advanceSnapshot(
	previous: Snapshot,
	emitted: Change[],
	current: Snapshot,
): Snapshot {
	const hashes = { ...previous.hashes };
	for (const change of emitted) {
		if (change.type === 'deleted') delete hashes[change.id];
		else hashes[change.id] = current.hashes[change.id];
	}
	// Field values are kept while the collection is small: an object's are those of the state its
	// hash stands for (the current one, or the old one while its change waits for a later poll).
	if (!current.fields) return { hashes };
	const fields: Record<string, Record<string, string>> = {};
	for (const [id, value] of Object.entries(hashes)) {
		const kept = value === current.hashes[id] ? current.fields[id] : previous.fields?.[id];
		if (kept) fields[id] = kept;
	}
	return { hashes, fields };
}

/**
 * Keys already emitted (a pin's expiry, a test's leader), each with the time after which it can be
 * forgotten, so that an event fires once per key.
 */
export type EmittedKeys = Record<string, number>;

export function forgetExpired(keys: EmittedKeys, now: number): EmittedKeys {
	return Object.fromEntries(Object.entries(keys).filter(([, until]) => until > now));
}

/** The node's state for one named stream, and how to write it back once the poll succeeded. */
export function pollState<T extends object>(
	context: IPollFunctions,
	stream: string,
): { state: T | undefined; save: (state: T) => void } {
	const data = context.getWorkflowStaticData('node') as IDataObject;
	return {
		state: data[stream] as T | undefined,
		save: (state: T) => {
			data[stream] = state as unknown as IDataObject;
		},
	};
}

/** The poll's answer: one item per event, or null when there is none (n8n then starts nothing). */
export function pollOutput(
	context: IPollFunctions,
	events: IDataObject[],
): INodeExecutionData[][] | null {
	return events.length ? [context.helpers.returnJsonArray(events)] : null;
}

/** "Fetch Test Event" found nothing: says so, and what would make an event appear. */
export function noTestEvent(
	context: IPollFunctions,
	what: string,
	hint: string,
): NodeOperationError {
	return new NodeOperationError(context.getNode(), `No ${what} to show as a test event`, {
		description: hint,
	});
}

export interface CollectionPoll {
	/** Where in the node's static data this collection's snapshot is kept. */
	stream: string;
	tracked: TrackedCollection;
	/** Every object of the collection, read with the largest page the API serves. */
	readAll: () => Promise<IDataObject[]>;
	/** The change types the user chose; the others advance the snapshot silently. */
	wanted: ChangeType[];
	/** At most this many changes are emitted per poll; the rest wait for the next. */
	cap: number;
}

/**
 * One poll of a collection: the baseline on the first poll (nothing emitted), else the wanted
 * changes since the last poll, oldest first, at most `cap`. The snapshot is saved last, so a poll
 * that fails on the way leaves it as it was.
 */
export async function pollCollection(
	context: IPollFunctions,
	poll: CollectionPoll,
): Promise<Change[]> {
	const { state, save } = pollState<Snapshot>(context, poll.stream);
	const objects = await poll.readAll();
	const current = takeSnapshot(objects, poll.tracked);
	if (!state) {
		save(current);
		return [];
	}
	const changes = findChanges(state, objects, poll.tracked);
	const wanted = changes.filter((change) => poll.wanted.includes(change.type));
	const emitted = wanted.slice(0, poll.cap);
	const passed = changes.filter((change) => !poll.wanted.includes(change.type));
	save(advanceSnapshot(state, [...passed, ...emitted], current));
	return emitted;
}

/** The cap on events per poll that every trigger offers. */
export const maxEventsPerPollField: INodeProperties = {
	displayName: 'Max Events per Poll',
	name: 'maxEventsPerPoll',
	type: 'number',
	typeOptions: { minValue: 1 },
	default: 100,
	description:
		'At most this many events start the workflow per poll; the rest follow on the next polls, none is lost',
};

/** The cap an activation set, checked (it can arrive through an expression). */
export function readMaxEventsPerPoll(context: IPollFunctions): number {
	return wholeNumber(
		context.getNode(),
		context.getNodeParameter('maxEventsPerPoll', 100),
		'Max Events per Poll',
		0,
	);
}

/** A stable short name for a set of filters: changing the filters starts a new baseline. */
export const streamName = (prefix: string, filters: unknown) => `${prefix}:${hash(filters ?? {})}`;

/** The events chosen, each one of `allowed` (an expression can give anything), at least one. */
export function readEvents(context: IPollFunctions, allowed: string[]): string[] {
	const events = toList(context.getNodeParameter('events', []));
	const unknown = events.filter((event) => !allowed.includes(event));
	if (!events.length || unknown.length)
		throw invalidInput(
			context.getNode(),
			'Events',
			0,
			`choose at least one of: ${allowed.join(', ')}${unknown.length ? ` (got ${unknown.join(', ')})` : ''}`,
		);
	return events;
}
