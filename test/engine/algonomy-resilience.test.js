// Batches under failure: Continue On Fail keeps one paired output per input item, and the shared
// transport repeats only what is safe to repeat (PUT and DELETE yes, PATCH no).
const h = require('./algonomy-helpers');

let sandbox;
beforeAll(async () => {
	sandbox = await h.startAlgonomySandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const items = (count) => Array.from({ length: count }, (_, i) => h.content(`c-${i}`));
const statuses = () => h.contentRequests(sandbox).map((request) => request.status);
const CONTENT_PATH = `/contentupdate/v1/${h.API_KEY}`;

describe('Continue On Fail with a good and a bad batch', () => {
	test('the bad batch gives each of its items the error; the other batches still go; nothing is dropped', async () => {
		sandbox.rejectContentIds(['c-3']);
		const { status, items: output } = await h.run(
			sandbox,
			h.fromItems('replace', { batchSize: 2 }),
			{ items: items(5), continueOnFail: true },
		);
		expect(status).toBe('success');
		expect(output.map((item) => item.pairedItem)).toEqual(
			[0, 1, 2, 3, 4].map((item) => ({ item })),
		);
		const [first, second] = sandbox.updates.map((update) => update.trackingId);
		expect(output[0].json).toEqual({ success: true, id: 'c-0', trackingId: first, batch: 1 });
		expect(output[1].json).toEqual({ success: true, id: 'c-1', trackingId: first, batch: 1 });
		for (const index of [2, 3]) {
			expect(output[index].json.error).toBe(
				'Algonomy answered 400: Content refused: c-3 – [1].id: refused by the catalog',
			);
			expect(output[index].json.success).toBeUndefined();
		}
		expect(output[4].json).toEqual({ success: true, id: 'c-4', trackingId: second, batch: 3 });
		expect(statuses()).toEqual([200, 400, 200]);
		expect(sandbox.content().map((item) => item.id)).toEqual(['c-0', 'c-1', 'c-4']);
	});

	test('an invalid item gets its own validation error in place; the valid ones are batched without it', async () => {
		const input = [h.content('c-0'), h.content('c/1'), h.content('c-2'), { id: 'c-3' }];
		const { items: output } = await h.run(sandbox, h.fromItems('replace'), {
			items: input,
			continueOnFail: true,
		});
		expect(output).toHaveLength(4);
		expect(output[1].json.error).toBe(
			'Invalid "id": must not contain "/" (the API refuses it) [item 1]',
		);
		expect(output[3].json.error).toMatch(
			/^Invalid "Attribute": at least one with a value is required.*\[item 3\]$/,
		);
		expect(output[0].json.trackingId).toBe(output[2].json.trackingId);
		expect(JSON.parse(h.contentRequests(sandbox)[0].rawBody).map((item) => item.id)).toEqual([
			'c-0',
			'c-2',
		]);
	});

	test('without Continue On Fail the bad batch stops the run with its error', async () => {
		sandbox.rejectContentIds(['c-3']);
		const { status, error } = await h.run(sandbox, h.fromItems('replace', { batchSize: 2 }), {
			items: items(5),
		});
		expect(status).toBe('error');
		expect(error.httpCode).toBe('400');
		expect(statuses()).toEqual([200, 400]); // the batch before it was already accepted
	});
});

describe('retry safety', () => {
	const oneFault = (fault) => sandbox.injectFault({ path: CONTENT_PATH, count: 1, ...fault });

	test('replace (PUT): a 500 is repeated, the item stored once', async () => {
		oneFault({ type: 'status', status: 500 });
		const { status } = await h.run(sandbox, h.fromItems('replace'), { items: items(2) });
		expect(status).toBe('success');
		expect(statuses()).toEqual([500, 200]);
		expect(sandbox.content()).toHaveLength(2);
	});

	test('replace (PUT): an answer lost after the API applied it is repeated safely', async () => {
		oneFault({ type: 'dropAfterHandling' });
		const { status } = await h.run(sandbox, h.fromItems('replace'), { items: items(2) });
		expect(status).toBe('success');
		expect(sandbox.updates).toHaveLength(2);
		expect(sandbox.content()).toHaveLength(2);
	});

	test('update (PATCH): a 500 is reported, never sent twice', async () => {
		sandbox.store.put(h.API_KEY, h.content('c-0'));
		oneFault({ type: 'status', status: 500 });
		const { status, error } = await h.run(sandbox, h.fromItems('update'), {
			items: [{ id: 'c-0', name: 'New' }],
		});
		expect(status).toBe('error');
		expect(error.httpCode).toBe('500');
		expect(statuses()).toEqual([500]);
	});

	test('update (PATCH): a lost answer is reported as possibly applied, not repeated', async () => {
		sandbox.store.put(h.API_KEY, h.content('c-0'));
		oneFault({ type: 'dropAfterHandling' });
		const { error } = await h.run(sandbox, h.fromItems('update'), {
			items: [{ id: 'c-0', name: 'New' }],
		});
		expect(error.description).toMatch(/may or may not have been applied, so it was not sent again/);
		expect(sandbox.updates).toHaveLength(1);
	});

	test('update (PATCH): 503 and 429 mean "not processed" and are repeated', async () => {
		sandbox.store.put(h.API_KEY, h.content('c-0'));
		oneFault({ type: 'status', status: 503, retryAfter: 0 });
		oneFault({ type: 'status', status: 429, retryAfter: 1 });
		const started = Date.now();
		const { status } = await h.run(sandbox, h.fromItems('update'), {
			items: [{ id: 'c-0', name: 'New' }],
		});
		expect(status).toBe('success');
		expect(statuses()).toEqual([503, 429, 200]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
	});

	test('delete (DELETE): a dropped connection is repeated', async () => {
		sandbox.store.put(h.API_KEY, h.content('c-0'));
		oneFault({ type: 'drop' });
		const { status } = await h.run(sandbox, h.fromItems('delete'), { items: [{ id: 'c-0' }] });
		expect(status).toBe('success');
		expect(sandbox.content()).toEqual([]);
	});

	test.each([
		['replace', [500, 200], 'success'],
		['delete', [500, 200], 'success'],
		['update', [500], 'error'],
	])(
		'POST form: ?action for %s is repeated exactly when its method would be',
		async (operation, expected, outcome) => {
			sandbox.store.put(h.API_KEY, h.content('c-0'));
			oneFault({ type: 'status', status: 500, method: 'POST' });
			const { status } = await h.run(sandbox, h.fromItems(operation, { usePostForm: true }), {
				items: [h.content('c-0', { name: 'x' })],
			});
			expect(status).toBe(outcome);
			expect(statuses()).toEqual(expected);
		},
	);

	test('pacing: a long run stays under a rate limit instead of collecting 429s', async () => {
		sandbox.setRateLimit({ requestsPerSecond: 10, burst: 2 });
		try {
			const { status } = await h.run(
				sandbox,
				{ ...h.fromItems('replace', { batchSize: 1 }), requestOptions: { requestsPerSecond: 10 } },
				{ items: items(12) },
			);
			expect(status).toBe('success');
			expect(sandbox.stats.rateLimited).toBe(0);
		} finally {
			sandbox.setRateLimit(null);
		}
	});
});
