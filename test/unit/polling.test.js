// The polling triggers' shared engine: baseline, each change once and in order, the cap with
// carry-over, and a failed poll that changes nothing. The triggers' engine tests run it through
// n8n-core against the sandboxes.
const {
	pollCollection,
	takeSnapshot,
	findChanges,
	KEEP_VALUES_UP_TO,
} = require('../../dist/nodes/common/polling.js');

function pollContext() {
	const staticData = {};
	return {
		staticData,
		getWorkflowStaticData: () => staticData,
		getNode: () => ({ name: 'Trigger' }),
	};
}

const tracked = { idOf: (object) => String(object.id), timeOf: (object) => object.at };

function poller(context, objects, options = {}) {
	return pollCollection(context, {
		stream: 'things',
		tracked,
		readAll: async () => (typeof objects === 'function' ? objects() : objects),
		wanted: ['created', 'updated', 'deleted'],
		cap: 100,
		...options,
	});
}

describe('pollCollection', () => {
	test('the first poll records a baseline and emits nothing', async () => {
		const context = pollContext();
		expect(await poller(context, [{ id: 1 }, { id: 2 }])).toEqual([]);
		expect(Object.keys(context.staticData.things.hashes)).toEqual(['1', '2']);
	});

	test('creates, updates (old and new) and deletes are emitted once, oldest first', async () => {
		const context = pollContext();
		await poller(context, [
			{ id: 1, name: 'a', at: '1' },
			{ id: 2, name: 'b', at: '1' },
		]);
		const changes = await poller(context, [
			{ id: 1, name: 'A', at: '5' },
			{ id: 3, name: 'c', at: '3' },
		]);
		expect(changes.map((change) => [change.type, change.id])).toEqual([
			['created', '3'],
			['updated', '1'],
			['deleted', '2'],
		]);
		expect(changes[1].changes).toEqual({
			at: { old: '1', new: '5' },
			name: { old: 'a', new: 'A' },
		});
		expect(changes[2].object).toEqual({ id: 2, name: 'b', at: '1' });
		expect(
			await poller(context, [
				{ id: 1, name: 'A', at: '5' },
				{ id: 3, name: 'c', at: '3' },
			]),
		).toEqual([]);
	});

	test('past the cap, the rest waits for the next poll, with its latest state', async () => {
		const context = pollContext();
		await poller(context, []);
		const objects = [1, 2, 3, 4, 5].map((id) => ({ id, at: String(id) }));
		const first = await poller(context, objects, { cap: 2 });
		expect(first.map((change) => change.id)).toEqual(['1', '2']);
		objects[3].name = 'changed meanwhile';
		const second = await poller(context, objects, { cap: 2 });
		expect(second.map((change) => [change.type, change.id])).toEqual([
			['created', '3'],
			['created', '4'],
		]);
		expect(second[1].object.name).toBe('changed meanwhile');
		expect((await poller(context, objects, { cap: 2 })).map((change) => change.id)).toEqual(['5']);
		expect(await poller(context, objects, { cap: 2 })).toEqual([]);
	});

	test('changes of types not chosen pass silently and do not count against the cap', async () => {
		const context = pollContext();
		await poller(context, [{ id: 1 }]);
		const changes = await poller(context, [{ id: 1, x: 1 }, { id: 2 }], {
			wanted: ['created'],
			cap: 1,
		});
		expect(changes.map((change) => change.type)).toEqual(['created']);
		expect(await poller(context, [{ id: 1, x: 1 }, { id: 2 }])).toEqual([]);
	});

	test('a failed poll changes nothing, so the next one loses nothing', async () => {
		const context = pollContext();
		await poller(context, [{ id: 1 }]);
		const before = JSON.stringify(context.staticData);
		await expect(
			poller(context, () => {
				throw new Error('503');
			}),
		).rejects.toThrow('503');
		expect(JSON.stringify(context.staticData)).toBe(before);
		expect((await poller(context, [{ id: 1 }, { id: 2 }])).map((change) => change.id)).toEqual([
			'2',
		]);
	});

	test('large collections keep hashes only: an update then names no old values', () => {
		const many = Array.from({ length: KEEP_VALUES_UP_TO + 1 }, (_, id) => ({ id, v: 0 }));
		const snapshot = takeSnapshot(many, tracked);
		expect(snapshot.fields).toBeUndefined();
		many[7].v = 1;
		const [change] = findChanges(snapshot, many, tracked);
		expect(change).toMatchObject({ type: 'updated', id: '7' });
		expect(change.changes).toBeUndefined();
	});

	test('a long field value is compared by hash and reported as not kept', () => {
		const long = 'x'.repeat(500);
		const snapshot = takeSnapshot([{ id: 1, text: long }], tracked);
		const [change] = findChanges(snapshot, [{ id: 1, text: `${long}y` }], tracked);
		expect(change.changes.text).toEqual({ old: '(not kept: long value)', new: `${long}y` });
	});
});
