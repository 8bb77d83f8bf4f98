// The learned pace (nodes/common/pacing.ts): AIMD for services that publish no rate limit, and how
// the transport picks a pace (transport.ts paceFor). Time is passed in, so nothing here sleeps.
const {
	LEARNING,
	LEARN_RATE,
	RateLearner,
	RequestPacer,
	getPacer,
} = require('../../dist/nodes/common/pacing.js');
const { paceFor } = require('../../dist/nodes/common/transport.js');

const T0 = 1_000_000;
const seconds = (s) => T0 + s * 1000;

describe('RateLearner (additive increase, multiplicative decrease)', () => {
	test('nothing learned: unpaced', () => {
		expect(new RateLearner().rate(T0)).toBeUndefined();
	});

	test('the first 429 halves the measured send rate, then the rate climbs linearly', () => {
		const learner = new RateLearner();
		expect(learner.congestion(5, 100, 5, T0)).toBe(true);
		expect(learner.rate(T0)).toBe(50);
		// + 0.3% of 100 per second
		expect(learner.rate(seconds(10))).toBeCloseTo(50 + 100 * LEARNING.increasePerSecond * 10);
		expect(learner.rate(seconds(100))).toBeCloseTo(80);
	});

	test('a later 429 cuts to 85%; one that follows a cut within 5 s halves again', () => {
		const learner = new RateLearner();
		learner.congestion(1, 40, 1, T0);
		expect(learner.rate(T0)).toBe(20);
		// 2 s later, a request sent after the cut is answered 429: the cut was not enough.
		learner.congestion(2, 1000, 2, seconds(2));
		const atTwo = 20 + 40 * LEARNING.increasePerSecond * 2;
		expect(learner.rate(seconds(2))).toBeCloseTo(atTwo / 2);
		// 60 s on, a 429 after a long clean climb: a gentle cut.
		const before = learner.rate(seconds(62));
		learner.congestion(3, 1000, 3, seconds(62));
		expect(learner.rate(seconds(62))).toBeCloseTo(before * LEARNING.decrease);
		// and it climbs back to where it was cut in (1 - 0.85) / 0.003 = 50 s
		expect(learner.rate(seconds(112))).toBeCloseTo(before);
	});

	test('one cut per episode: 429s of requests sent before the cut change nothing', () => {
		const learner = new RateLearner();
		learner.congestion(10, 100, 12, T0); // tickets 11 and 12 were already on their way
		expect(learner.congestion(11, 100, 12, seconds(0.01))).toBe(false);
		expect(learner.congestion(12, 100, 12, seconds(0.02))).toBe(false);
		expect(learner.rate(seconds(0.02))).toBeCloseTo(50 + 0.02 * 0.3);
		expect(learner.congestion(13, 100, 13, seconds(0.03))).toBe(true);
	});

	test('a rate that climbed above what is actually sent is cut from the send rate', () => {
		const learner = new RateLearner();
		learner.congestion(1, 20, 1, T0);
		// after 10 minutes the learned rate is 10 + 0.06 * 600 = 46, but callers send only 12/s
		expect(learner.rate(seconds(600))).toBeCloseTo(46);
		learner.congestion(2, 12, 2, seconds(600));
		expect(learner.rate(seconds(600))).toBeCloseTo(12 * LEARNING.decrease);
	});

	test('never below the minimum rate', () => {
		const learner = new RateLearner();
		learner.congestion(1, 0, 1, T0);
		expect(learner.rate(T0)).toBe(LEARNING.minRate);
		learner.congestion(2, 0.1, 2, seconds(1));
		expect(learner.rate(seconds(1))).toBe(LEARNING.minRate);
	});

	test('a hidden limit of 20/s: from unpaced to a steady sawtooth just under it', () => {
		// Each second at a rate above the limit is answered 429 once; below it never.
		const limit = 20;
		const learner = new RateLearner();
		let ticket = 0;
		let cuts = 0;
		const rates = [];
		let sendRate = 300; // unpaced, as fast as the sandbox answers
		for (let second = 0; second < 600; second++) {
			const now = seconds(second);
			const rate = learner.rate(now) ?? sendRate;
			ticket += Math.max(1, Math.round(rate));
			if (rate > limit) {
				if (learner.congestion(ticket, rate, ticket, now)) cuts++;
				second++; // Retry-After: 1
			}
			if (second >= 120) rates.push(learner.rate(now));
		}
		const average = rates.reduce((sum, rate) => sum + rate, 0) / rates.length;
		expect(average).toBeGreaterThan(limit / 1.2);
		expect(average).toBeLessThanOrEqual(limit * 1.05);
		// learning costs a handful of 429s; then about one a minute
		expect(cuts).toBeLessThan(6 + 600 / 60 + 2);
	});
});

describe('RequestPacer with a learned pace', () => {
	test('unpaced until a 429, then paced; the hold after a 429 applies while unpaced', async () => {
		const pacer = new RequestPacer(LEARN_RATE);
		expect(pacer.currentRate()).toBe(0);
		const tickets = [];
		for (let i = 0; i < 10; i++) tickets.push(await pacer.acquire());
		expect(pacer.sendRate()).toBeGreaterThan(100);
		pacer.reportCongestion(tickets[9], Date.now() + 100);
		expect(pacer.currentRate()).toBeGreaterThan(50);
		const started = Date.now();
		await pacer.acquire();
		expect(Date.now() - started).toBeGreaterThanOrEqual(90);
	});

	test('a fixed pace ignores 429s (the retry still waits as told)', () => {
		const pacer = new RequestPacer(5);
		pacer.reportCongestion(1, Date.now() + 10_000);
		expect(pacer.currentRate()).toBe(5);
	});

	test('the learned rate belongs to the credential: it survives a switch to a fixed pace', () => {
		const key = `learned-${Math.random()}`;
		const pacer = getPacer(key, LEARN_RATE);
		pacer.learner.congestion(1, 30, 1);
		expect(getPacer(key, 7).currentRate()).toBe(7);
		expect(getPacer(key, LEARN_RATE).currentRate()).toBeCloseTo(15, 0);
	});
});

describe('paceFor: which pace a request gets', () => {
	const documented = { serviceName: 'D', credentialType: 'd', defaultRequestsPerSecond: 10 };
	const unpublished = { ...documented, learnsRate: true, defaultRequestsPerSecond: 20 };

	test('the explicit Max Requests per Second always wins, 0 included', () => {
		expect(paceFor(unpublished, { requestsPerSecond: 5 })).toBe(5);
		expect(paceFor(unpublished, { requestsPerSecond: 0 })).toBe(0);
		expect(paceFor(documented, { requestsPerSecond: 3, workersSharingCredential: 3 })).toBe(3);
	});

	test('without it: learned where nothing is published, the documented limit elsewhere', () => {
		expect(paceFor(unpublished, {})).toBe(LEARN_RATE);
		expect(paceFor(documented, {})).toBe(10);
	});

	test('Workers Sharing This Credential divides a documented limit', () => {
		expect(paceFor(documented, { workersSharingCredential: 1 })).toBe(10);
		expect(paceFor(documented, { workersSharingCredential: 3 })).toBeCloseTo(10 / 3);
		expect(
			paceFor({ ...documented, defaultRequestsPerSecond: 2.5 }, { workersSharingCredential: 2 }),
		).toBe(1.25);
		expect(paceFor(unpublished, { workersSharingCredential: 3 })).toBe(LEARN_RATE);
	});
});
