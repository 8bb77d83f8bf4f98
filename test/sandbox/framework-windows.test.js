'use strict';

// The fixed-window rate limit of sandbox/framework.js (added for APIs that count per second and per
// minute, like Ocamba Hood), next to the token bucket the framework tests cover.
const { createSandbox, httpError } = require('../../sandbox/framework');

let sandbox;
beforeAll(async () => {
	sandbox = createSandbox({
		name: 'windows',
		rateLimitHeaders: true,
		rateLimitKey: (req) => req.headers['x-account'] || 'none',
		routes: [
			{ method: 'GET', path: '/ok', handler: () => ({ status: 200, body: { ok: true } }) },
			{
				method: 'GET',
				path: '/busy',
				handler: () => {
					throw httpError(429, 'busy', undefined, { 'Retry-After': '-1' });
				},
			},
		],
	});
	await sandbox.listen();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const get = async (path = '/ok', account = 'a') => {
	const response = await fetch(sandbox.url + path, { headers: { 'x-account': account } });
	await response.text();
	const header = (name) => response.headers.get(name);
	return {
		status: response.status,
		limit: header('x-ratelimit-limit'),
		remaining: header('x-ratelimit-remaining'),
		reset: header('x-ratelimit-reset'),
		retryAfter: header('retry-after'),
	};
};

/** Waits until a window of `ms` has at least `needed` ms left, so a burst stays inside one window. */
async function startOfWindow(ms, needed) {
	while (ms - (Date.now() % ms) < needed) await new Promise((resolve) => setTimeout(resolve, 5));
}

test('a request must fit every window; headers describe the one with the fewest left', async () => {
	sandbox.setRateLimit({
		windows: [
			{ limit: 3, seconds: 0.5 },
			{ limit: 5, seconds: 2 },
		],
	});
	expect(sandbox.rateLimit).toEqual({
		windows: [
			{ limit: 3, seconds: 0.5 },
			{ limit: 5, seconds: 2 },
		],
	});
	await startOfWindow(2000, 1500);
	await startOfWindow(500, 300);
	const first = await get();
	expect(first).toMatchObject({ status: 200, limit: '3', remaining: '2' });
	expect(Number(first.reset)).toBeGreaterThan(0);
	expect(Number(first.reset)).toBeLessThanOrEqual(0.5);
	await get();
	await get();
	const limited = await get();
	expect(limited.status).toBe(429);
	expect(Number(limited.retryAfter)).toBeLessThanOrEqual(0.5);
	expect(limited.remaining).toBeNull(); // a 429 carries Retry-After instead
	await new Promise((resolve) => setTimeout(resolve, Number(limited.retryAfter) * 1000 + 10));
	const next = await get();
	// 4 of 5 used in the long window, 1 of 3 in the short one: the long window has fewer left.
	expect(next).toMatchObject({ status: 200, limit: '5', remaining: '1' });
	expect(sandbox.stats.rateLimited).toBe(1); // the refused request was not counted
});

test('whole-second windows report whole seconds; keys count separately', async () => {
	sandbox.setRateLimit({ windows: [{ limit: 1, seconds: 1 }] });
	await startOfWindow(1000, 300);
	expect(await get('/ok', 'a')).toMatchObject({ status: 200, remaining: '0', reset: '1' });
	expect(await get('/ok', 'a')).toMatchObject({ status: 429, retryAfter: '1' });
	expect(await get('/ok', 'b')).toMatchObject({ status: 200 });
});

test('a precision rounds Reset up to that unit', async () => {
	sandbox.setRateLimit({ windows: [{ limit: 5, seconds: 1, precision: 0.25 }] });
	const answer = await get();
	expect([0.25, 0.5, 0.75, 1]).toContain(Number(answer.reset));
	expect(() => sandbox.setRateLimit({ windows: [{ limit: 5, seconds: 1, precision: 0 }] })).toThrow(
		/precision/,
	);
});

test('a 429 from a handler carries no X-RateLimit headers either', async () => {
	sandbox.setRateLimit({ windows: [{ limit: 100, seconds: 60 }] });
	expect(await get('/busy')).toEqual({
		status: 429,
		limit: null,
		remaining: null,
		reset: null,
		retryAfter: '-1',
	});
});

test('window configs are validated', () => {
	expect(() => sandbox.setRateLimit({ windows: [] })).toThrow(/non-empty/);
	expect(() => sandbox.setRateLimit({ windows: [{ limit: 0, seconds: 1 }] })).toThrow(/limit/);
	expect(() => sandbox.setRateLimit({ windows: [{ limit: 1, seconds: 0 }] })).toThrow(/seconds/);
	sandbox.setRateLimit({ requestsPerSecond: 5 }); // the token bucket still works as before
	expect(sandbox.rateLimit).toEqual({ requestsPerSecond: 5, burst: 5 });
});
