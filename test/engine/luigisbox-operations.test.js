// Every Luigi's Box operation, run through n8n's WorkflowExecute against the sandbox over HTTP.
const { testCredential } = require('../harness');
const h = require('./luigisbox-helpers');

let sandbox;
beforeAll(async () => {
	sandbox = await h.startLuigisBoxSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const stored = () => sandbox.store.list(h.TRACKER);
const put = (overrides) => sandbox.store.put(h.TRACKER, h.customization(overrides));

describe('create', () => {
	test('from fields: pins, tags, metadata and dates in the workflow time zone', async () => {
		const { status, json } = await h.run(
			sandbox,
			{
				operation: 'create',
				...h.fieldParameters({
					pins: {
						pin: [
							{
								position: 1,
								pinType: 'item',
								pinIdentity: '/p/200/',
								widgetId: 'hp',
								activeFrom: '2030-06-01T00:00:00',
								activeTo: '2030-08-31T23:59:59',
							},
							{ position: 0, pinType: 'item', pinIdentity: '/p/666/', isBlockPin: true },
						],
					},
					additionalFields: { tags: 'summer, homepage', targetMetadata: '{"title":"Red shoe"}' },
				}),
			},
			{ settings: { timezone: 'Europe/Bratislava' } },
		);
		expect(status).toBe('success');
		expect(json).toHaveLength(1);
		expect(json[0]).toMatchObject({
			model: 'basket',
			target_type: 'item',
			target_identity: '/p/100/',
			tags: ['summer', 'homepage'],
		});
		expect(json[0].id).toMatch(/^[0-9a-f-]{36}$/);
		const [saved] = stored();
		expect(saved.pin_definitions).toEqual([
			{
				position: 1,
				pin_type: 'item',
				pin_identity: '/p/200/',
				widget_id: 'hp',
				active_from: '2030-05-31T22:00:00Z',
				active_to: '2030-08-31T21:59:59Z',
			},
			{ position: 0, pin_type: 'item', pin_identity: '/p/666/', is_block_pin: true },
		]);
		expect(saved.target_metadata).toEqual({ title: 'Red shoe' });
		const [request] = sandbox.requests;
		expect(request.method).toBe('POST');
		expect(request.path).toBe('/v1/recommender/pin/1234-5678/scope');
		expect(request.headers['content-type']).toBe('application/json; charset=utf-8');
	});

	test('from JSON, with criteria target and criteria pin', async () => {
		const body = {
			model: 'product_detail',
			target_type: 'criteria',
			target_criteria: { brand: 'Fender' },
			pin_definitions: [{ position: -1, pin_type: 'criteria', pin_criteria: { brand: 'Gibson' } }],
		};
		const { status, json } = await h.run(sandbox, {
			operation: 'create',
			customizationInput: 'json',
			customizationJson: JSON.stringify(body),
		});
		expect(status).toBe('success');
		expect(json[0]).toMatchObject(body);
		expect(stored()).toHaveLength(1);
	});

	test('one request per item, with expressions per item', async () => {
		const items = [{ product: '/p/1/' }, { product: '/p/2/' }, { product: '/p/3/' }];
		const { json } = await h.run(
			sandbox,
			{ operation: 'create', ...h.fieldParameters({ targetIdentity: '={{ $json.product }}' }) },
			{ items },
		);
		expect(json.map((c) => c.target_identity)).toEqual(['/p/1/', '/p/2/', '/p/3/']);
		expect(sandbox.requests).toHaveLength(3);
	});
});

describe('get, update, delete', () => {
	test('get by ID and from the list mode value', async () => {
		const existing = put();
		for (const mode of ['id', 'list']) {
			const { status, json } = await h.run(sandbox, {
				operation: 'get',
				customizationId: h.locator(existing.id, mode),
			});
			expect(status).toBe('success');
			expect(json).toEqual([existing]);
		}
	});

	test('update replaces the whole customization (204) and outputs the new state', async () => {
		const existing = put({ tags: ['old'] });
		const { status, json } = await h.run(sandbox, {
			operation: 'update',
			customizationId: h.locator(existing.id),
			...h.fieldParameters({ targetIdentity: '/p/9/' }),
		});
		expect(status).toBe('success');
		expect(json[0]).toMatchObject({ id: existing.id, target_identity: '/p/9/' });
		const [saved] = stored();
		expect(saved.id).toBe(existing.id);
		expect(saved.target_identity).toBe('/p/9/');
		expect(saved.tags).toEqual([]);
		expect(sandbox.requests[0].method).toBe('PUT');
	});

	test('delete answers 204 and yields success', async () => {
		const existing = put();
		const { json } = await h.run(sandbox, {
			operation: 'delete',
			customizationId: h.locator(existing.id),
		});
		expect(json).toEqual([{ deleted: true, success: true, id: existing.id }]);
		expect(stored()).toHaveLength(0);
	});

	test.each(['get', 'update', 'delete'])(
		'%s of an unknown ID fails with the documented 404',
		async (operation) => {
			const id = '199620b4-df1a-46e8-ab59-9e9ed9af7106';
			const { status, error } = await h.run(sandbox, {
				operation,
				customizationId: h.locator(id),
				...h.fieldParameters(),
			});
			expect(status).toBe('error');
			expect(error.httpCode).toBe('404');
			expect(error.message).toBe("Luigi's Box answered 404: Not Found – Customization not found");
		},
	);
});

describe('getSummary', () => {
	test('counts per model and tags', async () => {
		put({ model: 'basket', tags: ['b', 'a'] });
		put({ model: 'basket', target_identity: '/p/7/' });
		put({ model: 'home', target_type: 'all', target_identity: undefined, tags: ['a'] });
		const { json } = await h.run(sandbox, { operation: 'getSummary' });
		expect(json).toEqual([{ scope_counts: { basket: 2, home: 1 }, user_tags: ['a', 'b'] }]);
	});
});

describe('getAll', () => {
	function preload(count) {
		for (let i = 0; i < count; i++)
			put({
				model: i % 2 ? 'basket' : 'home',
				target_identity: `/p/${i}/`,
				tags: [i % 3 ? 'x' : 'y'],
			});
	}

	test('Return All pages with the largest page until pagination.total', async () => {
		preload(1234);
		const { json } = await h.run(sandbox, { operation: 'getAll', returnAll: true });
		expect(json).toHaveLength(1234);
		expect(new Set(json.map((c) => c.id)).size).toBe(1234);
		expect(sandbox.requests.map((r) => [r.query.offset, r.query.limit])).toEqual([
			['0', '500'],
			['500', '500'],
			['1000', '500'],
		]);
	});

	test('Limit fetches only what is asked for', async () => {
		preload(30);
		const { json } = await h.run(sandbox, { operation: 'getAll', returnAll: false, limit: 7 });
		expect(json).toHaveLength(7);
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0].query.limit).toBe('7');
	});

	test('filters go as repeated query keys; sort and criteria are sent', async () => {
		preload(12);
		const { json } = await h.run(sandbox, {
			operation: 'getAll',
			returnAll: true,
			filters: {
				models: ['basket'],
				tags: ['x', 'y'],
				targetTypes: ['item'],
				targetIdentities: '/p/1/, /p/3/, /p/4/',
			},
			options: {
				sort: { rule: [{ field: 'target_identity', direction: 'desc' }] },
				criteria: '[{"brand":"Fender"}]',
			},
		});
		expect(json.map((c) => c.target_identity)).toEqual(['/p/3/', '/p/1/']);
		const [request] = sandbox.requests;
		expect(request.query).toMatchObject({
			model: 'basket',
			tag: ['x', 'y'],
			target_type: 'item',
			target_identity: ['/p/1/', '/p/3/', '/p/4/'],
			sort: 'target_identity:desc',
		});
		expect(JSON.parse(request.rawBody)).toEqual({ criteria: [{ brand: 'Fender' }] });
	});
});

describe('export', () => {
	test('one item per customization, filters and pin clean-up flags', async () => {
		const past = '2020-01-01T00:00:00Z';
		put({
			model: 'basket',
			pin_definitions: [
				{ position: 1, pin_type: 'item', pin_identity: '/p/2/' },
				{ position: 2, pin_type: 'item', pin_identity: '/p/expired/', active_to: past },
				{ position: 3, pin_type: 'item', pin_identity: '/p/gone/' },
			],
		});
		put({ model: 'home', target_identity: '/p/5/' });
		sandbox.setNonexistentItems(['/p/gone/']);
		const { json } = await h.run(sandbox, {
			operation: 'export',
			exportFilters: { model: 'basket', targetType: 'item' },
			exportOptions: { removeExpiredPins: true, removeNonexistingItemPins: true },
		});
		expect(json).toHaveLength(1);
		expect(json[0].pin_definitions.map((p) => p.pin_identity)).toEqual(['/p/2/']);
		expect(sandbox.requests[0].query).toMatchObject({
			model: 'basket',
			target_type: 'item',
			remove_expired_pins: 'true',
			remove_nonexisting_item_pins: 'true',
		});
	});

	test('without filters everything is exported, pins untouched', async () => {
		put();
		put({ target_identity: '/p/9/' });
		const { json } = await h.run(sandbox, { operation: 'export' });
		expect(json).toHaveLength(2);
	});
});

describe('createMany', () => {
	const rows = (count, start = 0) =>
		Array.from({ length: count }, (_, i) => ({
			model: 'basket',
			product: `/p/${start + i}/`,
			pinned: `/p/x${i}/`,
		}));
	const fromRows = (extra = {}) => ({
		operation: 'createMany',
		...h.fieldParameters({
			model: { __rl: true, mode: 'name', value: '={{ $json.model }}' },
			targetIdentity: '={{ $json.product }}',
			pins: { pin: [{ position: 1, pinType: 'item', pinIdentity: '={{ $json.pinned }}' }] },
		}),
		...extra,
	});

	test('sends NDJSON batches, one output per input item, paired', async () => {
		const { json, items } = await h.run(sandbox, fromRows({ batchSize: 5 }), { items: rows(12) });
		expect(sandbox.requests).toHaveLength(3);
		const [first] = sandbox.requests;
		expect(first.headers['content-type']).toBe('application/x-ndjson');
		expect(first.query.conflict_strategy).toBe('raise');
		// NDJSON: every line, the last one too, ends with a newline (the docs post a file with --data-binary).
		expect(first.rawBody.endsWith('}\n')).toBe(true);
		const lines = first.rawBody.split('\n');
		expect(lines.pop()).toBe('');
		expect(lines.map((line) => JSON.parse(line).target_identity)).toEqual([
			'/p/0/',
			'/p/1/',
			'/p/2/',
			'/p/3/',
			'/p/4/',
		]);
		expect(json).toHaveLength(12);
		expect(items.map((item) => item.pairedItem)).toEqual(rows(12).map((_, item) => ({ item })));
		expect(json[11]).toMatchObject({
			success: true,
			batch: 3,
			customization: { target_identity: '/p/11/' },
		});
		expect(stored()).toHaveLength(12);
	});

	test.each(['inputItem', 'json'])(
		'%s mode accepts exported customizations (read-only fields dropped): a restore',
		async (customizationInput) => {
			const exported = [put({ target_identity: '/p/1/' }), put({ target_identity: '/p/2/' })];
			sandbox.store.clear();
			const { status } = await h.run(
				sandbox,
				{ operation: 'createMany', customizationInput },
				{ items: exported },
			);
			expect(status).toBe('success');
			expect(
				stored()
					.map((c) => c.target_identity)
					.sort(),
			).toEqual(['/p/1/', '/p/2/']);
			expect(sandbox.requests).toHaveLength(1);
		},
	);

	test('input item mode validates each item and names it', async () => {
		const { status, items } = await h.run(
			sandbox,
			{ operation: 'createMany', customizationInput: 'inputItem' },
			{
				items: [h.customization(), h.customization({ target_type: 'brand' })],
				continueOnFail: true,
			},
		);
		expect(status).toBe('success');
		expect(items[1].json.error).toBe(
			'Invalid "Target Type": must be one of: item, criteria, all [item 1]',
		);
		expect(items[0].json.success).toBe(true);
	});

	test('conflict strategy raise: the documented 409 fails the node', async () => {
		put({ target_identity: '/p/1/' });
		const { status, error } = await h.run(sandbox, fromRows(), { items: rows(3) });
		expect(status).toBe('error');
		expect(error.httpCode).toBe('409');
		expect(error.message).toMatch(/^Luigi's Box answered 409: Conflict/);
		expect(stored()).toHaveLength(1);
	});

	test('conflict strategy ignore keeps existing ones; override replaces them', async () => {
		const existing = put({
			target_identity: '/p/1/',
			pin_definitions: [{ position: 5, pin_type: 'item', pin_identity: '/p/old/' }],
		});
		await h.run(sandbox, fromRows({ conflictStrategy: 'ignore' }), { items: rows(3) });
		expect(sandbox.store.get(h.TRACKER, existing.id).pin_definitions[0].pin_identity).toBe(
			'/p/old/',
		);
		expect(stored()).toHaveLength(3);
		await h.run(sandbox, fromRows({ conflictStrategy: 'override' }), { items: rows(3) });
		expect(sandbox.store.get(h.TRACKER, existing.id).pin_definitions[0].pin_identity).toBe(
			'/p/x1/',
		);
		expect(stored()).toHaveLength(3);
		expect(sandbox.requests.map((r) => r.query.conflict_strategy)).toEqual(['ignore', 'override']);
	});

	test('Continue On Fail: a bad item and a conflicting batch fail alone, the rest goes through', async () => {
		put({ target_identity: '/p/4/' }); // conflicts with row 4, in the second batch
		const input = rows(9);
		input[1].pinned = ''; // invalid: an item pin needs an identity
		const { status, items } = await h.run(sandbox, fromRows({ batchSize: 3 }), {
			items: input,
			continueOnFail: true,
		});
		expect(status).toBe('success');
		expect(items).toHaveLength(9);
		expect(items.map((item) => item.pairedItem.item)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8]);
		expect(items[1].json.error).toBe(
			'Invalid "Pin entry 1 › Pinned Item Identity": is required when Pin Type is "item" [item 1]',
		);
		// Valid items 0,2,3 | 4,5,6 | 7,8: the middle batch holds the conflict.
		for (const index of [4, 5, 6])
			expect(items[index].json.error).toMatch(/^Luigi's Box answered 409/);
		for (const index of [0, 2, 3, 7, 8]) expect(items[index].json.success).toBe(true);
		expect(sandbox.requests).toHaveLength(3);
		expect(stored()).toHaveLength(6);
	});
});

describe('credential', () => {
	test('the test request succeeds with the right key and fails with a wrong one', async () => {
		const { luigisBoxApi } = h.credentialsFor(sandbox);
		await expect(testCredential('luigisBoxApi', luigisBoxApi.data)).resolves.toMatchObject({
			status: 'OK',
		});
		const wrong = await testCredential('luigisBoxApi', {
			...luigisBoxApi.data,
			privateKey: 'not-the-key',
		});
		expect(wrong.status).toBe('Error');
		expect(JSON.stringify(wrong)).not.toContain('not-the-key');
	});

	test('a wrong private key gets the documented 401, without the key or signature in the error', async () => {
		const { status, error, result } = await h.run(
			sandbox,
			{ operation: 'getSummary' },
			{ credentials: { privateKey: 'wrong-private-key' } },
		);
		expect(status).toBe('error');
		expect(error.httpCode).toBe('401');
		expect(error.message).toBe("Luigi's Box answered 401: Unauthorized – Signature mismatch");
		const everything = JSON.stringify(result.runData) + JSON.stringify(result.error ?? {});
		expect(everything).not.toContain('wrong-private-key');
		expect(everything).not.toMatch(/ApiAuth \S+:/);
	});
});
