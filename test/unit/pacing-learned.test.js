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

	test('a 429 cuts the rate to 85% of what was accepted, then it climbs linearly', () => {
		const learner = new RateLearner();
		// sent at 100/s, of which the service accepted 40/s
		expect(learner.congestion(5, 100, 40, 5, T0)).toBe(true);
		expect(learner.rate(T0)).toBeCloseTo(34);
		// + 0.2% of 40 per second
		expect(learner.rate(seconds(10))).toBeCloseTo(34 + 40 * LEARNING.increasePerSecond * 10);
		expect(learner.rate(seconds(75))).toBeCloseTo(40);
	});

	test('without accepted answers to go by, the send rate is cut', () => {
		const learner = new RateLearner();
		learner.congestion(1, 100, 0, 1, T0);
		expect(learner.rate(T0)).toBeCloseTo(85);
	});

	test('a 429 within 2 s of a cut halves the rate: the cut was not enough', () => {
		const learner = new RateLearner();
		learner.congestion(1, 40, 40, 1, T0);
		expect(learner.rate(T0)).toBeCloseTo(34);
		const atOne = learner.rate(seconds(1));
		learner.congestion(2, 1000, 1000, 2, seconds(1));
		expect(learner.rate(seconds(1))).toBeCloseTo(atOne / 2);
		// 60 s on, a 429 after a long clean climb: a gentle cut.
		const before = learner.rate(seconds(61));
		learner.congestion(3, 1000, 1000, 3, seconds(61));
		expect(learner.rate(seconds(61))).toBeCloseTo(before * LEARNING.decrease);
		// and it climbs back to where it was cut in (1 - 0.85) / 0.002 = 75 s
		expect(learner.rate(seconds(136))).toBeCloseTo(before);
	});

	test('after a halving it climbs back to the rate that met the 429 in 75 s too, then probes on', () => {
		const learner = new RateLearner();
		learner.congestion(1, 40, 40, 1, T0);
		const metAt = learner.rate(seconds(1));
		learner.congestion(2, 1000, 1000, 2, seconds(1));
		expect(learner.rate(seconds(1))).toBeCloseTo(metAt / 2);
		expect(learner.rate(seconds(38.5))).toBeCloseTo(metAt * 0.75);
		expect(learner.rate(seconds(76))).toBeCloseTo(metAt);
		// past it, the plain slope: 0.2% of that rate per second
		expect(learner.rate(seconds(86))).toBeCloseTo(metAt * (1 + 10 * LEARNING.increasePerSecond));
	});

	test('one cut per episode: 429s of requests sent before the cut change nothing', () => {
		const learner = new RateLearner();
		learner.congestion(10, 100, 100, 12, T0); // tickets 11 and 12 were already on their way
		expect(learner.congestion(11, 100, 100, 12, seconds(0.01))).toBe(false);
		expect(learner.congestion(12, 100, 100, 12, seconds(0.02))).toBe(false);
		expect(learner.rate(seconds(0.02))).toBeCloseTo(85, 1);
		expect(learner.congestion(13, 100, 100, 13, seconds(0.03))).toBe(true);
	});

	test('a rate that climbed above what is actually sent is cut from the send rate', () => {
		const learner = new RateLearner();
		learner.congestion(1, 20, 20, 1, T0);
		// after 10 minutes the learned rate is 17 + 0.04 * 600 = 41, but callers send only 12/s
		expect(learner.rate(seconds(600))).toBeCloseTo(41);
		learner.congestion(2, 12, 15, 2, seconds(600));
		expect(learner.rate(seconds(600))).toBeCloseTo(12 * LEARNING.decrease);
	});

	test('never below the minimum rate', () => {
		const learner = new RateLearner();
		learner.congestion(1, 0, 0, 1, T0);
		expect(learner.rate(T0)).toBe(LEARNING.minRate);
		learner.congestion(2, 0.1, 0.1, 2, seconds(1));
		expect(learner.rate(seconds(1))).toBe(LEARNING.minRate);
	});

	test.each([
		[20, 300],
		[20, 30],
		[5, 40],
		[100, 150],
	])('a hidden limit of %d/s, unpaced %d/s: a sawtooth just under the limit', (limit, unpaced) => {
		// Per second: above the limit the service accepts `limit` and answers one 429 (Retry-After 1).
		const learner = new RateLearner();
		let ticket = 0;
		let cuts = 0;
		const rates = [];
		for (let second = 0; second < 600; second++) {
			const now = seconds(second);
			const rate = Math.min(unpaced, learner.rate(now) ?? unpaced);
			ticket += Math.max(1, Math.round(rate));
			if (rate > limit) {
				if (learner.congestion(ticket, rate, limit, ticket, now)) cuts++;
				second++;
			}
			if (second >= 60) rates.push(Math.min(rate, limit));
		}
		const average = rates.reduce((sum, rate) => sum + rate, 0) / rates.length;
		expect(average).toBeGreaterThan(limit / 1.2);
		// learning costs a few 429s; then about one a minute
		expect(cuts).toBeLessThanOrEqual(3 + 600 / 60);
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
		expect(pacer.currentRate()).toBeGreaterThan(20);
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
		pacer.learner.congestion(1, 30, 30, 1);
		expect(getPacer(key, 7).currentRate()).toBe(7);
		expect(getPacer(key, LEARN_RATE).currentRate()).toBeCloseTo(25.5, 0);
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

describe('apiRequest with Workers Sharing This Credential', () => {
	const { apiRequest } = require('../../dist/nodes/common/transport.js');
	const fakeContext = (credentialId) => {
		const log = [];
		return {
			log,
			getNode: () => ({
				id: 'n',
				name: 'Node',
				credentials: { fakeApi: { id: credentialId, name: 'x' } },
			}),
			getCredentials: async () => ({ secret: 's' }),
			helpers: {
				httpRequestWithAuthentication: async () => {
					log.push(Date.now());
					return { statusCode: 200, headers: {}, body: {} };
				},
			},
		};
	};
	const documented = {
		serviceName: 'Fake',
		credentialType: 'fakeApi',
		defaultRequestsPerSecond: 10,
	};

	test('two workers: each paces to half the documented limit', async () => {
		const context = fakeContext(`workers-${Math.random()}`);
		for (let n = 0; n < 5; n++)
			await apiRequest(
				context,
				documented,
				{ method: 'GET', url: 'http://x/' },
				{
					workersSharingCredential: 2,
				},
			);
		// 5 requests at 5 per second: 4 gaps of 200 ms (at 10 per second they would take 400 ms)
		expect(context.log[4] - context.log[0]).toBeGreaterThanOrEqual(750);
	});

	test('a bad value is refused before anything is sent, naming the option', async () => {
		const context = fakeContext('workers-bad');
		for (const workersSharingCredential of [0, 1.5, 'two'])
			await expect(
				apiRequest(
					context,
					documented,
					{ method: 'GET', url: 'http://x/' },
					{
						workersSharingCredential,
					},
				),
			).rejects.toThrow(/Workers Sharing This Credential/);
		expect(context.log).toEqual([]);
	});
});
