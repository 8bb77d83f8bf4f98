'use strict';

const { createSandbox, httpError } = require('../../sandbox/framework');

/** A toy service exercising the framework features the Luigi's Box tests do not reach. */
function createToyService(options = {}) {
	const state = { items: [], resets: 0 };
	const sandbox = createSandbox({
		name: 'toy',
		authenticate: (req) =>
			req.headers['x-api-key'] === 'key' ? null : { status: 401, body: { code: 'AUTH' } },
		errorResponse: (status, message, details) => ({
			status,
			body: { code: status, text: message, ...(details ? { details } : {}) },
		}),
		rateLimitKey: (req) => (req.method === 'GET' ? 'reads' : 'writes'),
		redactHeaders: ['X-API-Key'],
		onReset: () => {
			state.items = [];
			state.resets += 1;
		},
		routes: [
			{ method: 'GET', path: '/health', auth: false, handler: () => ({ status: 200, body: 'ok' }) },
			{
				method: 'GET',
				path: '/items',
				handler: () => ({ status: 200, body: { items: state.items } }),
			},
			{
				method: 'POST',
				path: '/items',
				handler: (req) => {
					state.items.push(req.json());
					return {
						status: 201,
						body: { count: state.items.length },
						headers: { 'X-Custom': 'yes' },
					};
				},
			},
			{
				method: 'GET',
				path: '/items/:id',
				handler: (req) => ({ status: 200, body: { id: req.params.id } }),
			},
			{
				method: 'DELETE',
				path: '/items/:id',
				handler: () => ({ status: 204, body: { ignored: true } }),
			},
			{
				method: 'GET',
				path: '/teapot',
				handler: () => {
					throw httpError(418, 'short and stout', [{ field: 'spout' }]);
				},
			},
			{
				method: 'GET',
				path: '/boom',
				handler: () => {
					throw new Error('secret internals');
				},
			},
		],
		...options,
	});
	return { sandbox, state };
}

const authed = { 'X-API-Key': 'key' };

describe('framework', () => {
	let sandbox;
	let state;

	beforeAll(async () => {
		({ sandbox, state } = createToyService({ rateLimitHeaders: true }));
		await sandbox.listen();
	});
	afterAll(() => sandbox.close());
	beforeEach(() => {
		sandbox.reset();
		sandbox.setRateLimit(null);
	});

	test('listen resolves the URL; close is idempotent; a second listen is refused', async () => {
		const { sandbox: other } = createToyService();
		const { url } = await other.listen(0);
		expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
		await expect(other.listen(0)).rejects.toThrow(/already listening/);
		await other.close();
		await other.close();
	});

	test('routes, params, custom headers, auth opt-out and 204 without body', async () => {
		expect(await (await fetch(`${sandbox.url}/health`)).text()).toBe('ok');
		const created = await fetch(`${sandbox.url}/items`, {
			method: 'POST',
			headers: authed,
			body: '{"a":1}',
		});
		expect(created.status).toBe(201);
		expect(created.headers.get('x-custom')).toBe('yes');
		expect(await created.json()).toEqual({ count: 1 });
		expect(await (await fetch(`${sandbox.url}/items/a%20b`, { headers: authed })).json()).toEqual({
			id: 'a b',
		});
		const deleted = await fetch(`${sandbox.url}/items/1`, { method: 'DELETE', headers: authed });
		expect(deleted.status).toBe(204);
		expect(await deleted.text()).toBe('');
	});

	test('the service shapes every error: auth, 404, 405, bad JSON, thrown httpError, unexpected error', async () => {
		const get = (path, init) =>
			fetch(sandbox.url + path, init).then(async (response) => ({
				status: response.status,
				body: await response.json(),
				allow: response.headers.get('allow'),
			}));
		expect(await get('/items')).toMatchObject({ status: 401, body: { code: 'AUTH' } });
		expect(await get('/nowhere')).toMatchObject({ status: 404, body: { code: 404 } });
		expect(await get('/items/1', { method: 'PUT', headers: authed })).toMatchObject({
			status: 405,
			allow: 'GET, DELETE',
		});
		expect(await get('/items', { method: 'POST', headers: authed, body: '{' })).toMatchObject({
			status: 400,
			body: { code: 400, text: expect.stringMatching(/Malformed JSON/) },
		});
		expect(await get('/teapot', { headers: authed })).toEqual({
			status: 418,
			allow: null,
			body: { code: 418, text: 'short and stout', details: [{ field: 'spout' }] },
		});
		const boom = await get('/boom', { headers: authed });
		expect(boom).toMatchObject({ status: 500, body: { code: 500 } });
		expect(JSON.stringify(boom.body)).not.toContain('secret internals');
	});

	test('rate limit buckets by key, X-RateLimit headers when enabled, Retry-After on 429', async () => {
		sandbox.setRateLimit({ requestsPerSecond: 1, burst: 2 });
		const first = await fetch(`${sandbox.url}/items`, { headers: authed });
		expect(first.headers.get('x-ratelimit-limit')).toBe('2');
		expect(first.headers.get('x-ratelimit-remaining')).toBe('1');
		expect(first.headers.get('x-ratelimit-reset')).toBe('1');
		await fetch(`${sandbox.url}/items`, { headers: authed });
		const limited = await fetch(`${sandbox.url}/items`, { headers: authed });
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('1');
		expect(limited.headers.get('x-ratelimit-remaining')).toBeNull();
		expect(await limited.json()).toMatchObject({ code: 429 });
		const write = await fetch(`${sandbox.url}/items`, {
			method: 'POST',
			headers: authed,
			body: '{}',
		});
		expect(write.status).toBe(201); // writes have their own bucket
		expect(sandbox.stats.rateLimited).toBe(1);
		expect(sandbox.rateLimit).toEqual({ requestsPerSecond: 1, burst: 2 });
	});

	test('tokens refill over time', async () => {
		sandbox.setRateLimit({ requestsPerSecond: 20, burst: 1 });
		expect((await fetch(`${sandbox.url}/health`)).status).toBe(200);
		expect((await fetch(`${sandbox.url}/health`)).status).toBe(429);
		await new Promise((resolve) => setTimeout(resolve, 80));
		expect((await fetch(`${sandbox.url}/health`)).status).toBe(200);
	});

	test('setRateLimit rejects nonsense; a per-call key overrides the default', async () => {
		expect(() => sandbox.setRateLimit({ requestsPerSecond: 0 })).toThrow(/requestsPerSecond/);
		expect(() => sandbox.setRateLimit({ requestsPerSecond: 1, burst: 0 })).toThrow(/burst/);
		sandbox.setRateLimit({ requestsPerSecond: 1, burst: 1, key: (req) => req.path });
		expect((await fetch(`${sandbox.url}/health`)).status).toBe(200);
		expect((await fetch(`${sandbox.url}/items`, { headers: authed })).status).toBe(200);
		expect((await fetch(`${sandbox.url}/health`)).status).toBe(429);
	});

	test('the request log redacts configured headers and records bodies', async () => {
		await fetch(`${sandbox.url}/items?x=1&x=2&y=3`, {
			method: 'POST',
			headers: authed,
			body: '{"b":2}',
		});
		expect(sandbox.requests[0]).toMatchObject({
			method: 'POST',
			path: '/items',
			query: { x: ['1', '2'], y: '3' },
			rawBody: '{"b":2}',
			status: 201,
		});
		expect(sandbox.requests[0].headers['x-api-key']).toBe('[redacted]');
	});

	test('status fault without a body uses the service error shape; reset calls onReset', async () => {
		sandbox.injectFault({ type: 'status', status: 502, headers: { 'X-Fault': '1' } });
		const response = await fetch(`${sandbox.url}/health`);
		expect(response.status).toBe(502);
		expect(response.headers.get('x-fault')).toBe('1');
		expect(await response.json()).toEqual({ code: 502, text: 'Injected fault' });
		const resets = state.resets;
		sandbox.reset();
		expect(state.resets).toBe(resets + 1);
	});

	test('injectFault validates its input', () => {
		expect(() => sandbox.injectFault({ type: 'nope' })).toThrow(/Fault type/);
		expect(() => sandbox.injectFault({ type: 'slow' })).toThrow(/delayMs/);
		expect(() => sandbox.injectFault({ type: 'drop', count: 0 })).toThrow(/count/);
		expect(() => sandbox.injectFault({ type: 'drop', path: 42 })).toThrow(/path/);
		expect(sandbox.faults).toEqual([]);
	});

	test('service control routes are served next to the built-in ones', async () => {
		const { sandbox: withControl } = createToyService({
			controlRoutes: [
				{
					method: 'POST',
					path: '/__sandbox/toy/echo',
					handler: (req) => ({ status: 200, body: req.json() }),
				},
			],
		});
		await withControl.listen();
		try {
			const response = await fetch(`${withControl.url}/__sandbox/toy/echo`, {
				method: 'POST',
				body: '[1,2]',
			});
			expect(await response.json()).toEqual([1, 2]);
			expect(
				(await fetch(`${withControl.url}/__sandbox/toy/echo`, { method: 'POST', body: '{' }))
					.status,
			).toBe(400);
			expect(withControl.requests).toHaveLength(0);
		} finally {
			await withControl.close();
		}
	});
});
