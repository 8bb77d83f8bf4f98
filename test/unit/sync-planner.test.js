// The shared mirror-sync planner (nodes/common/sync.ts): pure planning, no requests.
const { planSync, canonicalJson, syncSummary } = require('../../dist/nodes/common/sync.js');

const plan = (current, desired, extra = {}) =>
	planSync({
		current,
		desired: desired.map((value, itemIndex) => ({ itemIndex, value })),
		desiredKey: (value) => value.key,
		currentKey: (value) => value.key,
		differs: (wanted, stored) => wanted.value !== stored.value,
		deleteUnlisted: true,
		...extra,
	});

test('create, update, unchanged in input order, then the deletions', () => {
	const result = plan(
		[
			{ key: 'a', value: 1 },
			{ key: 'b', value: 1 },
			{ key: 'gone', value: 1 },
		],
		[
			{ key: 'b', value: 2 },
			{ key: 'new', value: 1 },
			{ key: 'a', value: 1 },
		],
	);
	expect(result.steps.map((step) => [step.action, step.key, step.itemIndex])).toEqual([
		['updated', 'b', 0],
		['created', 'new', 1],
		['unchanged', 'a', 2],
		['deleted', 'gone', undefined],
	]);
	expect(
		[result.create, result.update, result.unchanged, result.delete].map((l) => l.length),
	).toEqual([1, 1, 1, 1]);
});

test('no deletions without deleteUnlisted; deletable spares objects', () => {
	const current = [
		{ key: 'sys', value: 1, system: true },
		{ key: 'x', value: 1 },
	];
	expect(plan(current, [], { deleteUnlisted: false }).steps).toEqual([]);
	expect(
		plan(current, [], { deletable: (stored) => !stored.system }).delete.map((step) => step.key),
	).toEqual(['x']);
});

test('a second desired object with the same key is planned once', () => {
	const result = plan(
		[],
		[
			{ key: 'a', value: 1 },
			{ key: 'a', value: 2 },
		],
	);
	expect(result.steps).toHaveLength(1);
});

test('stored objects sharing a key: the first is matched, the others deleted as extras', () => {
	const result = plan(
		[
			{ key: 'a', value: 1, id: 1 },
			{ key: 'a', value: 1, id: 2 },
		],
		[{ key: 'a', value: 1 }],
	);
	expect(result.steps.map((step) => [step.action, step.current.id])).toEqual([
		['unchanged', 1],
		['deleted', 2],
	]);
});

test('canonicalJson ignores key order and undefined values', () => {
	expect(canonicalJson({ b: 1, a: [{ d: 2, c: undefined }] })).toBe(
		canonicalJson({ a: [{ d: 2 }], b: 1 }),
	);
});

test('summary counts actions and errors', () => {
	expect(
		syncSummary([{ action: 'created' }, { action: 'deleted' }, { error: 'x' }], { dryRun: true }),
	).toEqual({
		summary: true,
		dryRun: true,
		created: 1,
		updated: 0,
		unchanged: 0,
		deleted: 1,
		failed: 1,
		total: 3,
	});
});
