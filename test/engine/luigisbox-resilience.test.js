// The shared transport under faults: retries where a repeat is safe, Retry-After, pacing, secrets.
const h = require('./luigisbox-helpers');

let sandbox;
beforeAll(async () => {
	sandbox = await h.startLuigisBoxSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => {
	sandbox.reset();
	sandbox.setRateLimit(null);
});

const stored = () => sandbox.store.list(h.TRACKER);
const get = (id, extra = {}) => ({ operation: 'get', customizationId: h.locator(id), ...extra });
const statuses = () => sandbox.requests.map((request) => request.status);

test('429 with Retry-After: waits as told, then succeeds', async () => {
	const existing = sandbox.store.put(h.TRACKER, h.customization());
	sandbox.injectFault({ type: 'status', status: 429, retryAfter: 1, count: 1 });
	const started = Date.now();
	const { status, json } = await h.run(sandbox, get(existing.id));
	expect(status).toBe('success');
	expect(json[0].id).toBe(existing.id);
	expect(statuses()).toEqual([429, 200]);
	expect(Date.now() - started).toBeGreaterThanOrEqual(950);
});

test('503 on a create is retried (nothing was processed) and creates exactly one', async () => {
	sandbox.injectFault({ method: 'POST', type: 'status', status: 503, retryAfter: 0, count: 2 });
	const { status } = await h.run(sandbox, { operation: 'create', ...h.fieldParameters() });
	expect(status).toBe('success');
	expect(statuses()).toEqual([503, 503, 201]);
	expect(stored()).toHaveLength(1);
});

test('500 on a read is retried with backoff', async () => {
	sandbox.store.put(h.TRACKER, h.customization());
	sandbox.injectFault({ type: 'status', status: 500, count: 1 });
	const { status, json } = await h.run(sandbox, { operation: 'getSummary' });
	expect(status).toBe('success');
	expect(json[0].scope_counts).toEqual({ basket: 1 });
	expect(statuses()).toEqual([500, 200]);
});

test('500 on a create is reported, never sent twice', async () => {
	sandbox.injectFault({
		method: 'POST',
		type: 'status',
		status: 500,
		body: { error: 'Internal Server Error', message: 'boom' },
	});
	const { status, error } = await h.run(sandbox, { operation: 'create', ...h.fieldParameters() });
	expect(status).toBe('error');
	expect(error.httpCode).toBe('500');
	expect(error.message).toBe("Luigi's Box answered 500: Internal Server Error – boom");
	expect(sandbox.requests).toHaveLength(1);
});

test('a dropped connection on a read is retried', async () => {
	const existing = sandbox.store.put(h.TRACKER, h.customization());
	sandbox.injectFault({ type: 'drop', count: 2 });
	const { status } = await h.run(sandbox, get(existing.id));
	expect(status).toBe('success');
	expect(statuses()).toEqual([null, null, 200]);
});

test('a create whose connection dropped after it was applied is reported, not repeated', async () => {
	sandbox.injectFault({ method: 'POST', type: 'dropAfterHandling' });
	const { status, error } = await h.run(sandbox, { operation: 'create', ...h.fieldParameters() });
	expect(status).toBe('error');
	expect(error.message).toBe("The connection to Luigi's Box failed before an answer arrived");
	expect(error.description).toMatch(/may or may not have been applied, so it was not sent again/);
	expect(sandbox.requests).toHaveLength(1);
	expect(stored()).toHaveLength(1); // applied once, as the server saw it
});

test('bulk with "override" is idempotent, so a dropped answer is repeated safely', async () => {
	sandbox.injectFault({ method: 'POST', type: 'dropAfterHandling' });
	const { status } = await h.run(
		sandbox,
		{ operation: 'createMany', conflictStrategy: 'override', ...h.fieldParameters() },
		{ items: [{}] },
	);
	expect(status).toBe('success');
	expect(sandbox.requests).toHaveLength(2);
	expect(stored()).toHaveLength(1);
});

test('bulk with "raise" is not repeated after a dropped answer', async () => {
	sandbox.injectFault({ method: 'POST', type: 'dropAfterHandling' });
	const { status } = await h.run(
		sandbox,
		{ operation: 'createMany', ...h.fieldParameters() },
		{ items: [{}] },
	);
	expect(status).toBe('error');
	expect(sandbox.requests).toHaveLength(1);
});

test('a slow answer past the timeout counts as a failed read and is retried', async () => {
	const existing = sandbox.store.put(h.TRACKER, h.customization());
	sandbox.injectFault({ type: 'slow', delayMs: 1500, count: 1 });
	const { status } = await h.run(sandbox, get(existing.id, { requestOptions: { timeout: 300 } }));
	expect(status).toBe('success');
	expect(sandbox.requests).toHaveLength(2);
});

test('a slow answer within the timeout is simply waited for', async () => {
	const existing = sandbox.store.put(h.TRACKER, h.customization());
	sandbox.injectFault({ type: 'slow', delayMs: 400, count: 1 });
	const { status } = await h.run(sandbox, get(existing.id));
	expect(status).toBe('success');
	expect(sandbox.requests).toHaveLength(1);
});

test('persistent 429 gives up after Max Retries with a clear error', async () => {
	sandbox.injectFault({ type: 'status', status: 429, retryAfter: 0, count: 10 });
	const { status, error } = await h.run(sandbox, {
		operation: 'getSummary',
		requestOptions: { maxRetries: 2 },
	});
	expect(status).toBe('error');
	expect(error.httpCode).toBe('429');
	expect(error.description).toMatch(/lower the request rate.*Gave up after 3 attempts/);
	expect(sandbox.requests).toHaveLength(3);
});

test('pacing keeps a run under the rate limit: no 429 at all', async () => {
	const existing = sandbox.store.put(h.TRACKER, h.customization());
	// A small burst absorbs the jitter between a paced send and its arrival on a busy CI machine.
	sandbox.setRateLimit({ requestsPerSecond: 10, burst: 3 });
	const items = Array.from({ length: 15 }, () => ({}));
	const started = Date.now();
	const { status, json } = await h.run(
		sandbox,
		get(existing.id, { requestOptions: { requestsPerSecond: 10 } }),
		{ items },
	);
	const elapsed = Date.now() - started;
	expect(status).toBe('success');
	expect(json).toHaveLength(15);
	expect(sandbox.stats.rateLimited).toBe(0);
	expect(elapsed).toBeGreaterThanOrEqual(1300);
});

test('without pacing the same run meets 429s, which are retried transparently', async () => {
	const existing = sandbox.store.put(h.TRACKER, h.customization());
	sandbox.setRateLimit({ requestsPerSecond: 10, burst: 1 });
	const items = Array.from({ length: 5 }, () => ({}));
	const { status, json } = await h.run(
		sandbox,
		get(existing.id, { requestOptions: { requestsPerSecond: 0 } }),
		{ items },
	);
	expect(status).toBe('success');
	expect(json).toHaveLength(5);
	expect(sandbox.stats.rateLimited).toBeGreaterThan(0);
});

test('no secret in outputs or errors, whatever failed', async () => {
	const secret = h.PRIVATE_KEY;
	sandbox.injectFault({ type: 'status', status: 500, count: 10 });
	const failures = [
		await h.run(sandbox, { operation: 'getSummary', requestOptions: { maxRetries: 0 } }),
		await h.run(sandbox, { operation: 'create', ...h.fieldParameters() }, { continueOnFail: true }),
	];
	sandbox.clearFaults();
	failures.push(
		await h.run(
			sandbox,
			{ operation: 'getSummary' },
			{ credentials: { privateKey: 'other-secret-key' } },
		),
	);
	sandbox.injectFault({ type: 'drop', count: 10 });
	failures.push(
		await h.run(sandbox, { operation: 'getSummary', requestOptions: { maxRetries: 0 } }),
	);
	for (const { result } of failures) {
		const everything = JSON.stringify(result.runData) + JSON.stringify(result.error ?? {});
		expect(everything).not.toContain(secret);
		expect(everything).not.toContain('other-secret-key');
		expect(everything).not.toMatch(/ApiAuth \S+:\S+/);
	}
});
