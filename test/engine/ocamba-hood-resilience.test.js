// The shared transport against Ocamba's limits: pacing from X-RateLimit-* headers, 429 with
// Retry-After (also -1), retries where a repeat is safe, and no token anywhere in what a run leaves.
const { runWorkflow } = require('../harness');
const h = require('./ocamba-hood-helpers');
const { ocambaHoodRateLimit } = require('../../sandbox/ocamba-hood');

let sandbox;
beforeAll(async () => {
	sandbox = await h.startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => {
	sandbox.reset();
	sandbox.setRateLimit(null);
	sandbox.setLimits({ maxParallel: 10, latencyMs: 0 });
});

const statuses = () => sandbox.requests.map((request) => request.status);
const updates = (count, requestOptions) => {
	const property = sandbox.store.addProperty({ label: 'tier' });
	return {
		parameters: {
			resource: 'profileProperty',
			operation: 'update',
			propertyId: h.locator(property.id),
			updateFields: { description: '={{ "run " + $json.n }}' },
			requestOptions,
		},
		items: Array.from({ length: count }, (_, n) => ({ n })),
	};
};

describe('pacing from the X-RateLimit headers', () => {
	// Tier C with time 40x faster: 10 requests per 25 ms, 150 per 1.5 s (100/s steady).
	const SCALE = 40;

	test('a run paced twice as fast as the steady limit still meets no 429: the headers hold it', async () => {
		sandbox.setRateLimit(ocambaHoodRateLimit(SCALE));
		const { parameters, items } = updates(400, { requestsPerSecond: 200 });
		const started = Date.now();
		const { status, json } = await h.run(sandbox, parameters, { items });
		const seconds = (Date.now() - started) / 1000;
		expect(status).toBe('success');
		expect(json).toHaveLength(400);
		expect(json.every((item) => item.success)).toBe(true);
		expect(sandbox.stats.rateLimited).toBe(0);
		// At 200/s alone the run would take 2 s; 400 requests in 150-request windows of 1.5 s take at
		// least 2.75 s, however the first window is cut: the headers made it wait.
		expect(seconds).toBeGreaterThan(2.6);
	});

	test('the same limits without pacing answer 429s, which are waited out and retried', async () => {
		// The real windows (10 per second): 30 unpaced requests exceed them however busy the machine is.
		sandbox.setRateLimit(ocambaHoodRateLimit(1));
		const { parameters, items } = updates(30, { requestsPerSecond: 0, maxRetries: 10 });
		const { status, json } = await h.run(sandbox, parameters, { items });
		expect(status).toBe('success');
		expect(json).toHaveLength(30);
		expect(sandbox.stats.rateLimited).toBeGreaterThan(0);
	});

	// Two executions race for the same windows, 40x shortened here (a 25 ms "second"): on a loaded
	// machine an answer can arrive after the other execution already sent into a used-up window.
	// What must hold: the shared pacer keeps 429s to a rare edge case, and none reaches an item.
	test('two executions on one credential share the pacer: no failed item, at most one 429', async () => {
		sandbox.setRateLimit(ocambaHoodRateLimit(SCALE));
		const first = updates(200, { requestsPerSecond: 200 });
		const second = { ...first, parameters: { ...first.parameters } };
		const credentials = h.credentialsFor(sandbox);
		const results = await Promise.all([
			runWorkflow(h.workflow(first.parameters, { items: first.items }), { credentials }),
			runWorkflow(h.workflow(second.parameters, { items: second.items }), { credentials }),
		]);
		expect(results.map((result) => result.status)).toEqual(['success', 'success']);
		for (const result of results)
			expect(result.json(h.NODE).every((item) => item.success)).toBe(true);
		expect(sandbox.stats.rateLimited).toBeLessThanOrEqual(1);
		expect(sandbox.stats.requests).toBe(400 + sandbox.stats.rateLimited);
	});
});

describe('429 and Retry-After', () => {
	test('Retry-After in seconds is waited for, then the request succeeds', async () => {
		sandbox.injectFault({ type: 'status', status: 429, retryAfter: 1, count: 1 });
		const started = Date.now();
		const { status } = await h.run(sandbox, {
			resource: 'profileList',
			operation: 'getAll',
			returnAll: true,
		});
		expect(status).toBe('success');
		expect(statuses()).toEqual([429, 200]);
		expect(Date.now() - started).toBeGreaterThanOrEqual(950);
	});

	test('Retry-After: -1 (too many parallel requests) backs off and retries, also a create', async () => {
		sandbox.injectFault({ type: 'status', status: 429, retryAfter: -1, count: 2 });
		const started = Date.now();
		const { status, json } = await h.run(sandbox, {
			resource: 'profileList',
			operation: 'create',
			name: 'VIP',
		});
		expect(status).toBe('success');
		expect(json[0].name).toBe('VIP');
		expect(statuses()).toEqual([429, 429, 201]);
		expect(sandbox.state.lists.size).toBe(1);
		expect(Date.now() - started).toBeGreaterThanOrEqual(700); // backoff: ≥ 250 ms, then ≥ 500 ms
	});

	test("the sandbox's own parallel limit: concurrent executions get 429 + Retry-After: -1 and recover", async () => {
		sandbox.setLimits({ maxParallel: 1, latencyMs: 60 });
		const parameters = {
			resource: 'profileList',
			operation: 'getAll',
			returnAll: true,
			requestOptions: { requestsPerSecond: 0, maxRetries: 10 },
		};
		const credentials = h.credentialsFor(sandbox);
		const results = await Promise.all(
			[0, 1, 2].map(() =>
				runWorkflow(h.workflow(parameters, { items: [{}, {}] }), { credentials }),
			),
		);
		expect(results.map((result) => result.status)).toEqual(['success', 'success', 'success']);
		expect(sandbox.stats.byStatus[429]).toBeGreaterThan(0);
		expect(sandbox.stats.byStatus[200]).toBe(6);
	});

	test('a persistent 429 gives up after Max Retries with a clear error', async () => {
		sandbox.injectFault({ type: 'status', status: 429, retryAfter: 0, count: 10 });
		const { error } = await h.run(sandbox, {
			resource: 'segment',
			operation: 'getAll',
			returnAll: true,
			requestOptions: { requestsPerSecond: 0, maxRetries: 2 },
		});
		expect(error.httpCode).toBe('429');
		expect(error.description).toMatch(
			/lower the request rate.*Gave up after 3 attempts\. Ocamba trace ID: /,
		);
		expect(sandbox.requests).toHaveLength(3);
	});
});

describe('retries where a repeat is safe', () => {
	test('a 500 without a message (as documented) on a read is retried', async () => {
		sandbox.injectFault({ type: 'status', status: 500, count: 1 });
		const { status } = await h.run(sandbox, {
			resource: 'campaign',
			operation: 'getAll',
			returnAll: true,
		});
		expect(status).toBe('success');
		expect(statuses()).toEqual([500, 200]);
	});

	test('a 500 on a create is reported with the trace ID, never sent twice', async () => {
		sandbox.injectFault({ method: 'POST', type: 'status', status: 500 });
		const { error } = await h.run(sandbox, {
			resource: 'profile',
			operation: 'create',
			email: 'a@example.com',
		});
		expect(error.message).toBe('Ocamba Hood answered 500: Internal server error.');
		expect(error.description).toMatch(/^Ocamba trace ID: [0-9a-f-]{36}\.$/);
		expect(sandbox.requests).toHaveLength(1);
	});

	test('a create whose answer was lost is not repeated', async () => {
		sandbox.injectFault({ method: 'POST', type: 'dropAfterHandling' });
		const { error } = await h.run(sandbox, {
			resource: 'profile',
			operation: 'create',
			email: 'a@example.com',
		});
		expect(error.description).toMatch(/may or may not have been applied/);
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.state.profiles.size).toBe(1);
	});

	test('a bulk custom-property update whose answer was lost is repeated (it sets values)', async () => {
		sandbox.store.addProperty({ label: 'tier' });
		const profile = sandbox.store.addProfile({ email: 'a@example.com' });
		sandbox.injectFault({ method: 'POST', type: 'dropAfterHandling' });
		const { status } = await h.run(sandbox, {
			resource: 'profile',
			operation: 'updateCustomProperties',
			profileId: profile.id,
			customProperties: { property: [{ key: 'tier', value: 'gold' }] },
		});
		expect(status).toBe('success');
		expect(sandbox.requests).toHaveLength(2);
		expect(sandbox.state.profiles.get(profile.id).custom_properties).toEqual({ tier: 'gold' });
	});

	test('a PATCH whose connection dropped is repeated (it sets fields)', async () => {
		const list = sandbox.store.addList({ name: 'A' });
		sandbox.injectFault({ method: 'PATCH', type: 'drop' });
		const { status } = await h.run(sandbox, {
			resource: 'profileList',
			operation: 'update',
			listId: h.locator(list.id),
			updateFields: { name: 'B' },
		});
		expect(status).toBe('success');
		expect(statuses()).toEqual([null, 204]);
	});
});

test('no token in outputs, errors or the request log, whatever failed', async () => {
	const runs = [];
	runs.push(
		await h.run(sandbox, { resource: 'profileList', operation: 'getAll', returnAll: true }),
	);
	runs.push(
		await h.run(
			sandbox,
			{ resource: 'profileList', operation: 'getAll', returnAll: true },
			{ credentials: { apiToken: 'ocmb_other_secret_token_1234' } },
		),
	);
	sandbox.injectFault({ type: 'status', status: 500, count: 10 });
	runs.push(
		await h.run(sandbox, {
			resource: 'segment',
			operation: 'getAll',
			returnAll: true,
			requestOptions: { requestsPerSecond: 0, maxRetries: 0 },
		}),
	);
	runs.push(
		await h.run(
			sandbox,
			{ resource: 'profile', operation: 'create', email: 'a@example.com' },
			{ continueOnFail: true },
		),
	);
	sandbox.clearFaults();
	sandbox.injectFault({ type: 'drop', count: 10 });
	runs.push(
		await h.run(sandbox, {
			resource: 'campaign',
			operation: 'getAll',
			returnAll: true,
			requestOptions: { requestsPerSecond: 0, maxRetries: 0 },
		}),
	);
	expect(runs.map((run) => run.status)).toEqual(['success', 'error', 'error', 'success', 'error']);
	for (const { result } of runs) {
		const everything = JSON.stringify(result.runData) + JSON.stringify(result.error ?? {});
		expect(everything).not.toContain(h.TOKEN);
		expect(everything).not.toContain('ocmb_other_secret_token_1234');
		expect(everything).not.toMatch(/Bearer [^\s"[]/);
	}
	expect(JSON.stringify(sandbox.requests)).not.toContain(h.TOKEN);
});
