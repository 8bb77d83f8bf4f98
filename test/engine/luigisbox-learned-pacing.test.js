// Learned pacing (nodes/common/pacing.ts) through the real engine: Luigi's Box publishes no rate
// limit, so the node starts unpaced and learns one from 429s. The sandbox plays a hidden limit.
// Rates are measured from the sandbox's own request timestamps, not from the test's clock.
const { runWorkflow, nodeOutcome } = require('../harness');
const h = require('./luigisbox-helpers');

// Told to nobody, and well below what the engine sends unpaced even while the other jest worker
// keeps both cores busy (6 to 20 a second measured): at 8 a second a starved engine could not
// reach the limit, and the test measured the CPU instead of the pacer.
const HIDDEN_LIMIT = 4;
const BURST = 2;

let sandbox;
let existingId;
beforeAll(async () => {
	sandbox = await h.startLuigisBoxSandbox();
});
afterAll(() => sandbox.close());
/** Clears the request log (and the store, so the customization is put back). */
function reset() {
	sandbox.reset();
	existingId = sandbox.store.put(h.TRACKER, h.customization()).id;
}
beforeEach(() => {
	reset();
	sandbox.setRateLimit({ requestsPerSecond: HIDDEN_LIMIT, burst: BURST });
});

/** `count` gets (one request each) on the credential `credentialId`: its own pacer. */
async function getMany(credentialId, count, requestOptions) {
	const workflow = h.workflow(
		{
			operation: 'get',
			customizationId: h.locator(existingId),
			...(requestOptions ? { requestOptions } : {}),
		},
		{ items: Array.from({ length: count }, () => ({})) },
	);
	workflow.nodes[1].credentials.luigisBoxApi.id = credentialId;
	const credentials = h.credentialsFor(sandbox);
	credentials.luigisBoxApi.id = credentialId;
	const result = await runWorkflow(workflow, { credentials, timeoutMs: 240_000 });
	return nodeOutcome(result, h.NODE);
}

/** What the sandbox saw since its last reset: 429s, and the rate of accepted requests. */
function measured() {
	const times = sandbox.requests.map((request) => Date.parse(request.at));
	const accepted = sandbox.requests.filter((request) => request.status === 200).length;
	const seconds = (times[times.length - 1] - times[0]) / 1000;
	return {
		requests: sandbox.requests.length,
		rateLimited: sandbox.stats.rateLimited,
		seconds,
		acceptedPerSecond: accepted / seconds,
	};
}

test('after learning: at most one 429 a minute, and within 1.2x of the hidden limit', async () => {
	// Learning: unpaced at first, then cut at each 429 (every item still succeeds).
	const learning = await getMany('learned-1', 100);
	expect(learning.status).toBe('success');
	expect(learning.json).toHaveLength(100);
	const first = measured();
	expect(first.rateLimited).toBeGreaterThan(0);
	expect(first.rateLimited).toBeLessThan(15);

	// A second execution on the same credential starts from what the first learned.
	reset();
	const count = 265; // over a minute at the hidden limit
	const steady = await getMany('learned-1', count);
	expect(steady.status).toBe('success');
	expect(steady.json).toHaveLength(count);
	const second = measured();
	process.stdout.write(
		`learned pacing, hidden limit ${HIDDEN_LIMIT}/s burst ${BURST}: learning run ${JSON.stringify(first)}; steady run ${JSON.stringify(second)}\n`,
	);
	expect(second.seconds).toBeGreaterThan(55);
	expect(second.rateLimited).toBeLessThanOrEqual(Math.ceil(second.seconds / 60));
	expect(second.acceptedPerSecond).toBeGreaterThan(HIDDEN_LIMIT / 1.2);
	// The limiter itself lets no more through than the limit plus the burst.
	expect(second.acceptedPerSecond).toBeLessThanOrEqual(HIDDEN_LIMIT + BURST / second.seconds);
}, 300_000);

test('the explicit Max Requests per Second wins over what was learned; 0 turns pacing off', async () => {
	// Learn on this credential first (a few hundred requests are enough to meet the limit).
	await getMany('learned-2', 80);
	expect(sandbox.stats.rateLimited).toBeGreaterThan(0);

	reset();
	sandbox.setRateLimit(null);
	const fixed = await getMany('learned-2', 16, { requestsPerSecond: 5 });
	expect(fixed.status).toBe('success');
	// 16 requests at 5 per second: 15 gaps of 200 ms
	expect(measured().seconds).toBeGreaterThanOrEqual(2.8);
	expect(measured().seconds).toBeLessThan(6);

	reset();
	const unpaced = await getMany('learned-2', 40, { requestsPerSecond: 0 });
	expect(unpaced.status).toBe('success');
	// the learned pace (under 4 a second) would take 10 s and more
	expect(measured().seconds).toBeLessThan(4);
}, 120_000);

test('Max Requests in Flight 3: a bulk create keeps three batches on their way, output in order', async () => {
	sandbox.setRateLimit(null);
	// Every batch takes 400 ms to answer: one after another, the third would arrive after 800 ms.
	sandbox.injectFault({ method: 'POST', type: 'slow', delayMs: 400, count: 6 });
	const rows = Array.from({ length: 30 }, (_, n) => ({ product: `/p/new-${n}/` }));
	const parameters = {
		operation: 'createMany',
		batchSize: 5,
		...h.fieldParameters({ targetIdentity: '={{ $json.product }}' }),
		requestOptions: { maxInFlight: 3 },
	};
	const { status, json, items } = await h.run(sandbox, parameters, { items: rows });
	expect(status).toBe('success');
	expect(json.map((item) => item.customization.target_identity)).toEqual(
		rows.map((row) => row.product),
	);
	expect(items.map((item) => item.pairedItem)).toEqual(rows.map((_, item) => ({ item })));
	expect(sandbox.store.list(h.TRACKER)).toHaveLength(31);
	const arrivals = sandbox.requests.map((request) => Date.parse(request.at));
	expect(arrivals).toHaveLength(6);
	expect(arrivals[2] - arrivals[0]).toBeLessThan(400);
});
