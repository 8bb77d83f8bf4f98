// The pacer's feedback from rate-limit headers (nodes/common/pacing.ts, transport.ts): generic, for
// any service that reports its window as X-RateLimit-Remaining / X-RateLimit-Reset.
const { RequestPacer, getPacer } = require('../../dist/nodes/common/pacing.js');
const {
	paceFromRateLimitHeaders,
	parseRateLimitReset,
} = require('../../dist/nodes/common/transport.js');

describe('parseRateLimitReset', () => {
	test('seconds until the reset, also fractional; epoch seconds; nothing usable', () => {
		expect(parseRateLimitReset('1')).toBe(1000);
		expect(parseRateLimitReset('0.025')).toBe(25);
		expect(parseRateLimitReset('0')).toBe(0);
		const now = Date.parse('2025-01-20T12:00:00Z');
		expect(parseRateLimitReset(String(now / 1000 + 30), now)).toBe(30000);
		expect(parseRateLimitReset(String(now / 1000 - 30), now)).toBe(0);
		for (const value of [undefined, '', 'soon', '-1'])
			expect(parseRateLimitReset(value)).toBeUndefined();
	});
});

describe('paceFromRateLimitHeaders', () => {
	const recorder = () => {
		const reports = [];
		return {
			reports,
			pacer: {
				reportQuota: (remaining, resetInMs) => reports.push([remaining, resetInMs]),
				holdUntil: () => {},
			},
		};
	};

	test('reads the headers whatever their case, and array values', () => {
		const { reports, pacer } = recorder();
		paceFromRateLimitHeaders(
			{ 'X-RateLimit-Limit': '150', 'X-RateLimit-Remaining': '7', 'X-RateLimit-Reset': '12' },
			pacer,
		);
		paceFromRateLimitHeaders(
			{ 'x-ratelimit-remaining': ['0'], 'x-ratelimit-reset': ['0.5'] },
			pacer,
		);
		expect(reports).toEqual([
			[7, 12000],
			[0, 500],
		]);
	});

	test('answers without both headers change nothing', () => {
		const { reports, pacer } = recorder();
		paceFromRateLimitHeaders({}, pacer);
		paceFromRateLimitHeaders({ 'x-ratelimit-remaining': '3' }, pacer);
		paceFromRateLimitHeaders({ 'x-ratelimit-remaining': '', 'x-ratelimit-reset': '3' }, pacer);
		paceFromRateLimitHeaders({ 'retry-after': '5' }, pacer);
		expect(reports).toEqual([]);
	});
});

describe('RequestPacer with quota feedback', () => {
	test('tickets count up in sending order', async () => {
		const pacer = new RequestPacer(0);
		expect([await pacer.acquire(), await pacer.acquire(), await pacer.acquire()]).toEqual([
			1, 2, 3,
		]);
	});

	test('once the requests since an answer used up its remaining count, the next waits for the reset', async () => {
		const pacer = new RequestPacer(1000);
		const ticket = await pacer.acquire();
		pacer.reportQuota(ticket, 2, 400);
		const started = Date.now();
		await pacer.acquire();
		await pacer.acquire();
		expect(Date.now() - started).toBeLessThan(350); // the two remaining go at the normal pace, not after the 400 ms window
		await pacer.acquire();
		expect(Date.now() - started).toBeGreaterThanOrEqual(390); // the third waits for the window
	});

	test('requests already sent when an answer arrives count against what it reports', async () => {
		const pacer = new RequestPacer(1000);
		const first = await pacer.acquire();
		await pacer.acquire(); // in flight while the first answer arrives
		pacer.reportQuota(first, 1, 300);
		const started = Date.now();
		await pacer.acquire();
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
	});

	test('an answer to an earlier request does not overrule a later one', async () => {
		const pacer = new RequestPacer(1000);
		const first = await pacer.acquire();
		const second = await pacer.acquire();
		pacer.reportQuota(second, 50, 10_000);
		pacer.reportQuota(first, 0, 10_000); // overtaken on the way: stale
		const started = Date.now();
		await pacer.acquire();
		expect(Date.now() - started).toBeLessThan(1000);
	});

	test('a window that has reset forgets its count; nonsense reports are ignored', async () => {
		const pacer = new RequestPacer(1000);
		const ticket = await pacer.acquire();
		pacer.reportQuota(ticket, 0, 30);
		await new Promise((resolve) => setTimeout(resolve, 40));
		const started = Date.now();
		await pacer.acquire();
		pacer.reportQuota(ticket + 1, NaN, 1000);
		pacer.reportQuota(ticket + 1, -1, 1000);
		pacer.reportQuota(ticket + 1, 0, -5);
		await pacer.acquire();
		expect(Date.now() - started).toBeLessThan(900); // not the 1000 ms the nonsense would ask
	});

	test('feedback() binds a report to its request; with pacing off nothing waits', async () => {
		const pacer = new RequestPacer(0);
		const ticket = await pacer.acquire();
		pacer.feedback(ticket).reportQuota(0, 60_000);
		const started = Date.now();
		await pacer.acquire();
		expect(Date.now() - started).toBeLessThan(1000);
		const paced = getPacer('unit-test:quota', 1000);
		const quotaTicket = await paced.acquire();
		paced.feedback(quotaTicket).reportQuota(0, 80);
		await paced.acquire();
		expect(Date.now() - started).toBeGreaterThanOrEqual(70);
	});
});
