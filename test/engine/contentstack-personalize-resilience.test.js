// Pacing to the documented 10 requests/s per organization (reads and writes counted apart, so paced
// apart), 429s with Retry-After, safe and unsafe retries, against the sandbox's real rate limit.
const h = require('./contentstack-personalize-helpers');

const TIER = '6650a1b2c3d4e5f601234501';

let sandbox;
beforeAll(async () => {
	sandbox = await h.startSandbox({ seed: true }); // the documented limit: 10/s per organization and class
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const items = (count) => Array.from({ length: count }, (_, n) => ({ n }));
/** Parameters with the node's default pace (Request Options not set). */
const paced = (parameters) => ({ ...parameters, requestOptions: {} });
let credentialNumber = 0;
/** A fresh credential id per test: pacers are shared per credential, as in n8n. */
const fresh = () => ({ credentialId: `pace${++credentialNumber}` });

async function runWithOwnCredential(parameters, options = {}) {
	const { runWorkflow } = require('../harness');
	const id = fresh().credentialId;
	const workflow = h.workflow(parameters, options);
	workflow.nodes[1].credentials = { [h.API]: { id, name: id } };
	const started = Date.now();
	const result = await runWorkflow(workflow, {
		credentials: {
			[h.API]: { id, name: id, data: h.credentialData(sandbox, options.credentials) },
		},
	});
	return {
		result,
		seconds: (Date.now() - started) / 1000,
		json: result.status === 'success' ? result.json(h.NODE) : [],
		error: result.nodeError(h.NODE),
	};
}

test('reads and writes are paced apart: 30 updates (a read and a write each) take ~3 s, not ~6 s, and get no 429', async () => {
	const { result, seconds, json } = await runWithOwnCredential(
		paced({
			resource: 'attribute',
			operation: 'update',
			attributeId: h.byId(TIER),
			updateFields: { description: '={{ "revision " + $json.n }}' },
		}),
		{ items: items(30) },
	);
	expect(result.status).toBe('success');
	expect(json).toHaveLength(30);
	expect(sandbox.stats.rateLimited).toBe(0);
	expect(h.calls(sandbox).filter((call) => call === 'GET /attributes')).toHaveLength(30);
	expect(h.calls(sandbox).filter((call) => call === `PUT /attributes/${TIER}`)).toHaveLength(30);
	// Each class keeps its own pace: 30 reads need 29 slots of 100 ms.
	expect(seconds).toBeGreaterThan(2.5);
	// One pacer for both classes would need 60 slots of 100 ms: the 60 requests would span at least
	// 5.9 s; paced apart they span about 3 s. Measured between the requests the sandbox received, so
	// the workflow's start-up on a busy machine does not count.
	const sent = sandbox.requests.filter((request) => request.path.startsWith('/attributes'));
	expect(sent).toHaveLength(60);
	const span = (Date.parse(sent[59].at) - Date.parse(sent[0].at)) / 1000;
	expect(span).toBeLessThan(4.5);
});

test('at the default pace, 25 creates stay under the limit: 0 429s, ~2.4 s', async () => {
	const { seconds, json } = await runWithOwnCredential(
		paced({ resource: 'event', operation: 'create', key: '={{ "paced_" + $json.n }}' }),
		{ items: items(25) },
	);
	expect(json).toHaveLength(25);
	expect(sandbox.stats.rateLimited).toBe(0);
	expect(seconds).toBeGreaterThan(2.2);
	// Not slower than the limit asks: 25 creates at 10/s span about 2.4 s between the first and the last
	// request the sandbox received (start-up on a busy machine not counted).
	const sent = sandbox.requests.filter((request) => request.method === 'POST');
	expect(sent).toHaveLength(25);
	expect((Date.parse(sent[24].at) - Date.parse(sent[0].at)) / 1000).toBeLessThan(3.3);
});

test('unpaced, the sandbox answers 429 with Retry-After; the creates wait and all succeed, none twice', async () => {
	const { json } = await runWithOwnCredential(
		{
			resource: 'event',
			operation: 'create',
			key: '={{ "burst_" + $json.n }}',
			requestOptions: { requestsPerSecond: 0 },
		},
		{ items: items(25) },
	);
	expect(json.map((entry) => entry.key)).toEqual(items(25).map(({ n }) => `burst_${n}`));
	expect(sandbox.stats.rateLimited).toBeGreaterThan(0);
	expect(
		sandbox.requests
			.filter((request) => request.status === 429)
			.every((request) => request.method === 'POST'),
	).toBe(true);
	expect(sandbox.project().events).toHaveLength(2 + 25);
});

test('a write burst does not slow reads: the buckets are separate', async () => {
	// Fill the write bucket, then read at once: reads are not answered 429.
	const writes = await runWithOwnCredential(
		{
			resource: 'event',
			operation: 'create',
			key: '={{ "w_" + $json.n }}',
			requestOptions: { requestsPerSecond: 0 },
		},
		{ items: items(10) },
	);
	expect(writes.json).toHaveLength(10);
	const reads = await runWithOwnCredential(
		{
			resource: 'event',
			operation: 'getAll',
			returnAll: true,
			requestOptions: { requestsPerSecond: 0 },
		},
		{ items: items(8) },
	);
	expect(reads.result.status).toBe('success');
	expect(
		sandbox.requests.filter((request) => request.method === 'GET' && request.status === 429),
	).toHaveLength(0);
});

describe('retries', () => {
	test('429 and 503 are retried for any method; a 5xx on a read is retried', async () => {
		sandbox.injectFault({ type: 'status', status: 429, retryAfter: 0, method: 'POST' });
		sandbox.injectFault({ type: 'status', status: 503, method: 'POST' });
		const created = await runWithOwnCredential({
			resource: 'event',
			operation: 'create',
			key: 'retried',
			requestOptions: { requestsPerSecond: 0 },
		});
		expect(created.json).toEqual([expect.objectContaining({ key: 'retried' })]);
		sandbox.injectFault({ type: 'status', status: 502, method: 'GET' });
		const listed = await runWithOwnCredential({
			resource: 'event',
			operation: 'getAll',
			returnAll: true,
			requestOptions: { requestsPerSecond: 0 },
		});
		expect(listed.json.length).toBe(3);
		expect(sandbox.requests.map((request) => request.status)).toEqual([429, 503, 201, 502, 200]);
	});

	test('a 500 on a create is not repeated (it may have been applied); the error says so', async () => {
		sandbox.injectFault({
			type: 'status',
			status: 500,
			method: 'POST',
			body: { error: 'INTERNAL', message: 'boom' },
		});
		const { error } = await runWithOwnCredential({
			resource: 'event',
			operation: 'create',
			key: 'once',
			requestOptions: { requestsPerSecond: 0 },
		});
		expect(error.httpCode).toBe('500');
		expect(error.message).toBe('Contentstack Personalize answered 500: boom');
		expect(h.calls(sandbox)).toEqual(['POST /events']);
	});

	test('a dropped connection on a PUT (idempotent) is retried; on a create it is reported', async () => {
		sandbox.injectFault({ type: 'dropAfterHandling', method: 'PUT' });
		const updated = await runWithOwnCredential({
			resource: 'event',
			operation: 'update',
			eventId: h.byId('6650a1b2c3d4e5f601234511'),
			updateFields: { description: 'x' },
			requestOptions: { requestsPerSecond: 0 },
		});
		expect(updated.json[0]).toMatchObject({ description: 'x' });
		sandbox.injectFault({ type: 'dropAfterHandling', method: 'POST' });
		const created = await runWithOwnCredential({
			resource: 'event',
			operation: 'create',
			key: 'ambiguous',
			requestOptions: { requestsPerSecond: 0 },
		});
		expect(created.error.message).toBe(
			'The connection to Contentstack Personalize failed before an answer arrived',
		);
		expect(created.error.description).toMatch(/may or may not have been applied/);
	});

	test('the Edge API: 429 on tracked events is waited out and the batch sent once more', async () => {
		sandbox.injectFault({ type: 'status', status: 429, retryAfter: 0, path: '/edge/events' });
		const { json } = await runWithOwnCredential(
			{
				resource: 'visitor',
				operation: 'trackEvents',
				userUid: 'v-1',
				events: { event: [{ eventKey: 'purchase' }] },
				requestOptions: { requestsPerSecond: 0 },
			},
			{ items: items(3) },
		);
		expect(json.every((entry) => entry.success)).toBe(true);
		expect(sandbox.requests.map((request) => request.status)).toEqual([429, 200]);
	});
});
