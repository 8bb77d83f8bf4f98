// Luigi's Box customization sync (mirror) and the dry run of Create Many and Sync, through
// n8n's WorkflowExecute against the sandbox over HTTP.
const h = require('./luigisbox-helpers');

let sandbox;
beforeAll(async () => {
	sandbox = await h.startLuigisBoxSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const stored = () => sandbox.store.list(h.TRACKER);
const put = (overrides) => sandbox.store.put(h.TRACKER, h.customization(overrides));
// Everything but the search (POST …/scopes), which only reads.
const writes = () =>
	sandbox.requests.filter(
		(request) => !(request.method === 'POST' && request.path.endsWith('/scopes')),
	);
const byTarget = (list) =>
	Object.fromEntries(list.map((c) => [`${c.model} ${c.target_identity}`, c]));

const pin = (identity) => [{ position: 1, pin_type: 'item', pin_identity: identity }];
const syncByTag = (extra = {}) => ({
	operation: 'sync',
	customizationInput: 'inputItem',
	syncScope: 'tag',
	scopeTag: 'feed',
	...extra,
});

function seedScope() {
	const kept = put({ target_identity: '/p/1/', tags: ['feed'], pin_definitions: pin('/p/10/') });
	const changed = put({ target_identity: '/p/2/', tags: ['feed'], pin_definitions: pin('/p/20/') });
	const gone = put({ target_identity: '/p/3/', tags: ['feed', 'x'] });
	const outside = put({ target_identity: '/p/9/', tags: ['manual'] });
	const otherModel = put({ model: 'similar', target_identity: '/p/3/' });
	return { kept, changed, gone, outside, otherModel };
}

const input = () => [
	h.customization({ target_identity: '/p/1/', pin_definitions: pin('/p/10/') }),
	h.customization({ target_identity: '/p/2/', pin_definitions: pin('/p/21/') }),
	h.customization({ target_identity: '/p/4/', pin_definitions: pin('/p/40/') }),
];

describe('sync by tag', () => {
	test('creates, replaces, keeps and deletes within the tag; nothing outside touched', async () => {
		const before = seedScope();
		const { status, json, items } = await h.run(
			sandbox,
			syncByTag({ syncOptions: { summary: true } }),
			{ items: input() },
		);
		expect(status).toBe('success');
		expect(json.map((item) => item.action)).toEqual([
			'unchanged',
			'updated',
			'created',
			'deleted',
			undefined,
		]);
		expect(items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 0, 0].map((item) => ({ item })));
		expect(json[0].id).toBe(before.kept.id);
		expect(json[1].id).toBe(before.changed.id);
		expect(json[3].id).toBe(before.gone.id);
		expect(json[4]).toMatchObject({
			summary: true,
			scope: 'tag',
			tag: 'feed',
			created: 1,
			updated: 1,
			unchanged: 1,
			deleted: 1,
			failed: 0,
			total: 4,
		});
		const after = byTarget(stored());
		expect(Object.keys(after).sort()).toEqual([
			'basket /p/1/',
			'basket /p/2/',
			'basket /p/4/',
			'basket /p/9/',
			'similar /p/3/',
		]);
		expect(after['basket /p/2/'].pin_definitions[0].pin_identity).toBe('/p/21/');
		expect(after['basket /p/2/'].id).toBe(before.changed.id);
		// The created one carries the scope's tag, so the next sync finds it.
		expect(after['basket /p/4/'].tags).toEqual(['feed']);
		// Outside the scope: exactly as before.
		expect(after['basket /p/9/']).toEqual(before.outside);
		expect(after['similar /p/3/']).toEqual(before.otherModel);
		expect(
			writes().map(
				(request) => `${request.method} ${request.path.replace(/^.*\/pin\/[^/]+\//, '')}`,
			),
		).toEqual(['POST scopes/_bulk', `DELETE scope/${before.gone.id}`]);
		const bulk = sandbox.requests.find((request) => request.path.endsWith('/_bulk'));
		expect(bulk.query.conflict_strategy).toBe('override');
		expect(bulk.rawBody.trim().split('\n')).toHaveLength(2);
	});

	test('a second run with the same input changes nothing', async () => {
		seedScope();
		await h.run(sandbox, syncByTag(), { items: input() });
		const after = stored();
		sandbox.requests.length = 0;
		const { json } = await h.run(sandbox, syncByTag(), { items: input() });
		expect(json.map((item) => item.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
		expect(writes()).toEqual([]);
		expect(stored()).toEqual(after);
	});

	test('a wanted slot taken by a customization without the tag is refused, not overwritten', async () => {
		const outside = put({ target_identity: '/p/4/', tags: ['manual'] });
		const { status, error } = await h.run(sandbox, syncByTag(), { items: input() });
		expect(status).toBe('error');
		expect(error.message).toMatch(/item 2/);
		expect(error.message).toMatch(/outside the scope/);
		expect(
			writes().filter((request) => request.method !== 'POST' || request.path.endsWith('/_bulk')),
		).toEqual([]);
		expect(byTarget(stored())['basket /p/4/']).toEqual(outside);
	});
});

test('two customizations of the scope on one target (single creates allow it): the extra one is deleted', async () => {
	const first = put({ target_identity: '/p/1/', tags: ['feed'], pin_definitions: pin('/p/10/') });
	const extra = put({ target_identity: '/p/1/', tags: ['feed'], pin_definitions: pin('/p/11/') });
	const { json } = await h.run(sandbox, syncByTag(), { items: [input()[0]] });
	expect(json.map((item) => [item.action, item.id])).toEqual([
		['unchanged', first.id],
		['deleted', extra.id],
	]);
	expect(stored()).toEqual([first]);
});

describe('sync by model', () => {
	test('deletes only in the model; an item of another model is refused before any request', async () => {
		const before = seedScope();
		const { json } = await h.run(
			sandbox,
			{
				operation: 'sync',
				customizationInput: 'inputItem',
				syncScope: 'model',
				scopeModel: 'similar',
			},
			{ items: [h.customization({ model: 'similar', target_identity: '/p/5/' })] },
		);
		expect(json.map((item) => item.action)).toEqual(['created', 'deleted']);
		expect(json[1].id).toBe(before.otherModel.id);
		expect(stored().filter((c) => c.model === 'basket')).toHaveLength(4);

		sandbox.requests.length = 0;
		const { status, error } = await h.run(
			sandbox,
			{
				operation: 'sync',
				customizationInput: 'inputItem',
				syncScope: 'model',
				scopeModel: 'similar',
			},
			{ items: [h.customization({ target_identity: '/p/5/' })] },
		);
		expect(status).toBe('error');
		expect(error.message).toMatch(/^Invalid "Model": is "basket", outside the scope.*\[item 0\]$/);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('sync: bad input is refused before any request', () => {
	test.each([
		['an empty scope tag', { scopeTag: '  ' }, [h.customization()], /"Scope Tag".*is required/],
		[
			'an invalid item',
			{},
			[h.customization(), h.customization({ target_type: 'brand' })],
			/"Target Type": .*\[item 1\]$/,
		],
		[
			'two items for one slot',
			{},
			[h.customization(), h.customization({ pin_definitions: pin('/p/7/') })],
			/^Invalid "Customization": has the same model and target as item 0; .*\[item 1\]$/,
		],
	])('%s', async (_, extra, items, message) => {
		put({ target_identity: '/p/3/', tags: ['feed'] });
		const { status, error } = await h.run(sandbox, syncByTag(extra), { items });
		expect(status).toBe('error');
		expect(error.message).toMatch(message);
		expect(sandbox.requests).toHaveLength(0);
		expect(stored()).toHaveLength(1);
	});

	test('Continue On Fail: one error item per input item and nothing sent', async () => {
		put({ target_identity: '/p/3/', tags: ['feed'] });
		const { status, json, items } = await h.run(sandbox, syncByTag(), {
			items: [h.customization(), h.customization({ target_type: 'brand' })],
			continueOnFail: true,
		});
		expect(status).toBe('success');
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(json[0].error).toMatch(/^Not synced: item\(s\) 1 are invalid/);
		expect(json[1].error).toMatch(/"Target Type": .*\[item 1\]$/);
		expect(writes()).toEqual([]);
	});
});

describe('dry run', () => {
	test('sync: reads the scope, outputs the plan with its requests, writes nothing', async () => {
		const before = seedScope();
		const snapshot = stored();
		const { json } = await h.run(sandbox, syncByTag({ dryRun: true, batchSize: 1 }), {
			items: input(),
		});
		expect(json.map((item) => item.action)).toEqual(['unchanged', 'updated', 'created', 'deleted']);
		expect(json.every((item) => item.dryRun === true)).toBe(true);
		expect(json[0].request).toBeUndefined();
		expect(json[1]).toMatchObject({
			dryRun: true,
			id: before.changed.id,
			request: {
				batch: 1,
				method: 'POST',
				path: 'scopes/_bulk',
				qs: { conflict_strategy: 'override' },
				objects: 1,
			},
			customization: { target_identity: '/p/2/', tags: ['feed'] },
		});
		expect(json[2].request.batch).toBe(2);
		expect(json[3]).toMatchObject({
			dryRun: true,
			id: before.gone.id,
			request: { batch: 3, method: 'DELETE', path: `scope/${before.gone.id}` },
		});
		expect(writes()).toEqual([]);
		expect(stored()).toEqual(snapshot);
	});

	test('createMany: reads the models once, plans each line by conflict strategy, writes nothing', async () => {
		const existing = put({ target_identity: '/p/1/' });
		const { json, items } = await h.run(
			sandbox,
			{ operation: 'createMany', customizationInput: 'inputItem', batchSize: 2, dryRun: true },
			{ items: input() },
		);
		expect(writes()).toEqual([]);
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0].query.model).toBe('basket');
		expect(stored()).toEqual([existing]);
		expect(items.map((item) => item.pairedItem)).toEqual([0, 1, 2].map((item) => ({ item })));
		expect(
			json.map((item) => [
				item.action,
				item.request.batch,
				item.request.objects,
				item.batchWouldFail,
			]),
		).toEqual([
			['conflict', 1, 2, true],
			['created', 1, 2, true],
			['created', 2, 1, undefined],
		]);
		expect(json[0]).toMatchObject({
			dryRun: true,
			conflictStrategy: 'raise',
			existingId: existing.id,
			request: { method: 'POST', path: 'scopes/_bulk', qs: { conflict_strategy: 'raise' } },
			customization: { target_identity: '/p/1/' },
		});
	});

	test.each([
		['override', 'updated'],
		['ignore', 'skipped'],
	])('createMany with %s: a taken slot is planned as %s', async (conflictStrategy, action) => {
		put({ target_identity: '/p/1/' });
		const { json } = await h.run(
			sandbox,
			{ operation: 'createMany', customizationInput: 'inputItem', conflictStrategy, dryRun: true },
			{ items: [...input(), h.customization({ target_identity: '/p/4/' })] },
		);
		// The last line repeats the third's slot: within one run the earlier line fills it.
		expect(json.map((item) => item.action)).toEqual([action, 'created', 'created', action]);
		expect(writes()).toEqual([]);
	});

	test('createMany with Continue On Fail: one output per input item, the invalid one an error', async () => {
		const { json } = await h.run(
			sandbox,
			{ operation: 'createMany', customizationInput: 'inputItem', dryRun: true },
			{
				items: [h.customization(), h.customization({ target_type: 'brand' })],
				continueOnFail: true,
			},
		);
		expect(json).toHaveLength(2);
		expect(json[0].action).toBe('created');
		expect(json[1].error).toMatch(/"Target Type": .*\[item 1\]$/);
		expect(writes()).toEqual([]);
	});
});
