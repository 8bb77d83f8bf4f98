// Pacing that holds when n8n scales out (issue 12 §5), in a real n8n 2.41.1 queue-mode setup: a main
// process and two `n8n worker` processes sharing a Redis and a PostgreSQL (n8n does not support SQLite in
// queue mode). Three webhook-started executions at once create attributes in the Contentstack sandbox,
// which enforces the documented 10 writes per second per organization with 429s. With "Workers Sharing
// This Credential" = 2 each worker keeps to 5 per second, so the two together stay within the limit:
// every execution succeeds on a worker, no item fails, the sandbox never has to answer 429, and no
// second sees more than the limit (give or take the jitter of two independent processes).
const { randomBytes } = require('node:crypto');
const path = require('node:path');
const { createInstance, freePort } = require('../../scripts/n8n/instance');
const { startRedis, startPostgres, postgresEnv } = require('../../scripts/n8n/queue-mode');
const { sandboxCredentials } = require('../../scripts/sandboxes');
const { startSandboxProcess } = require('./sandbox-process');

const SERVICE = 'contentstack-personalize';
const LIMIT_PER_SECOND = 10; // the sandbox's documented limit, per organization and class (writes here)
const WORKERS = 2;
const EXECUTIONS = 3;
const ITEMS_PER_EXECUTION = 30;
// The sandbox refuses a write with 429 once a token bucket (10/s, burst 10) is empty, as Contentstack
// counts: no 429 means the run kept within what Contentstack allows. Counted by arrival, two workers
// each keeping 200 ms between their sends still land a few more in some second (timer and network
// delays differ from send to send, and on a loaded machine a process may stall for a moment): allow
// two per worker over the limit there (runs on a busy 2-core machine peaked at 11 and 12). Without
// the division the two workers sent 20 in a second.
const PEAK_ALLOWED = LIMIT_PER_SECOND + 2 * WORKERS;
const MAIN_PORT = 5689;
// Three n8n processes booting at once on a busy 2-core machine each took up to 110 s.
const BOOT_TIMEOUT_MS = 180_000;
const LOGIN = { email: 'queue-e2e@example.com', password: 'Sandbox-Password-1' };
const WEBHOOK_PATH = 'queue-mode-pacing-e2e';

let redis;
let postgres;
let sandboxes;
let n8n;
let main;
let rest;
const workers = [];
/** Every process start, settled or not: afterAll waits for them all before stopping what started. */
const starting = [];
const track = (promise) => {
	starting.push(promise.catch(() => {}));
	return promise;
};

function workflow(credential) {
	const node = (name, type, typeVersion, parameters, extra = {}) => ({
		id: name,
		name,
		type,
		typeVersion,
		position: [0, 0],
		parameters,
		...extra,
	});
	const start = node('Start', 'n8n-nodes-base.webhook', 2, {
		httpMethod: 'POST',
		path: WEBHOOK_PATH,
		responseMode: 'lastNode',
		responseData: 'noData',
		options: {},
	});
	start.webhookId = WEBHOOK_PATH;
	const nodes = [
		start,
		node('Attributes', 'n8n-nodes-base.splitOut', 1, {
			fieldToSplitOut: 'body.attributes',
			options: {},
		}),
		node(
			'Create attribute',
			'n8n-nodes-personalization.contentstackPersonalize',
			1,
			{
				resource: 'attribute',
				operation: 'create',
				name: '={{ $json.name }}',
				key: '={{ $json.key }}',
				requestOptions: { workersSharingCredential: WORKERS },
			},
			{
				credentials: { contentstackPersonalizeApi: { id: credential.id, name: credential.name } },
				// A failed item shows up as an item with `error` instead of ending the execution.
				onError: 'continueRegularOutput',
			},
		),
	];
	const connections = {};
	for (let index = 0; index < nodes.length - 1; index++)
		connections[nodes[index].name] = {
			main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]],
		};
	return {
		name: 'e2e queue-mode pacing',
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
	};
}

/** The most requests whose times (ms, sorted) fall in any window [t, t + 1000). */
function peakPerSecond(times) {
	let peak = 0;
	let first = 0;
	for (let last = 0; last < times.length; last++) {
		while (times[last] - times[first] >= 1000) first++;
		peak = Math.max(peak, last - first + 1);
	}
	return peak;
}

/** Resolves once main has registered the production webhook (activation registers it a moment later). */
async function webhookRegistered(timeoutMs = 30_000) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		// A GET to the POST-only webhook starts nothing; n8n names the method it knows once it knows one.
		const response = await fetch(`${main.url}/webhook/${WEBHOOK_PATH}`, {
			signal: AbortSignal.timeout(10_000),
		});
		const body = await response.text();
		if (response.status === 404 && body.includes('Did you mean to make a POST request')) return;
		if (Date.now() > deadline)
			throw new Error(`The webhook was not registered: ${response.status} ${body}`);
		await new Promise((resolve) => setTimeout(resolve, 250));
	}
}

beforeAll(async () => {
	const began = Date.now();
	// Written at once (jest holds console output until the file ends): a stuck start shows where it is.
	const phase = (label) =>
		process.stderr.write(`[queue mode] ${label} ${((Date.now() - began) / 1000).toFixed(1)} s\n`);
	// Main on its agreed port; the rest on ports free now (other e2e runs may hold fixed neighbours).
	const [redisPort, postgresPort, ...healthPorts] = await Promise.all(
		Array.from({ length: 2 + WORKERS }, () => freePort()),
	);
	const infrastructure = Promise.all([
		track(startRedis(redisPort).then((started) => (redis = started))),
		track(startPostgres(postgresPort).then((started) => (postgres = started))),
		track(startSandboxProcess(['--service', SERVICE]).then((started) => (sandboxes = started))),
	]);
	infrastructure.catch(() => {}); // not unhandled if createInstance fails first; thrown below
	n8n = await createInstance({
		port: MAIN_PORT,
		env: {
			...postgresEnv(postgresPort),
			EXECUTIONS_MODE: 'queue',
			QUEUE_BULL_REDIS_HOST: '127.0.0.1',
			QUEUE_BULL_REDIS_PORT: String(redisPort),
			N8N_GRACEFUL_SHUTDOWN_TIMEOUT: '5',
			// Queue mode needs one key for all processes: a worker refuses to make up its own.
			N8N_ENCRYPTION_KEY: randomBytes(24).toString('hex'),
		},
	});
	await infrastructure;
	phase('redis + postgres + sandbox + package');

	// All three boot at once (the first to migrate the database holds n8n's migration lock; the others
	// wait for it); main gets its credential and workflow over REST while the workers finish booting
	// (quicker than the CLI's imports, each of which boots n8n once more). Concurrency 2: three jobs
	// queued at once cannot all go to one worker, so both workers send at the same time.
	const workersStarted = Promise.all(
		healthPorts.map((healthPort, index) =>
			track(n8n.worker({ healthPort, concurrency: 2, timeoutMs: BOOT_TIMEOUT_MS })).then(
				(worker) => {
					workers.push(worker);
					phase(`worker ${index + 1}`);
				},
			),
		),
	);
	workersStarted.catch(() => {}); // not unhandled if main fails first; thrown below
	await track(n8n.start({ timeoutMs: BOOT_TIMEOUT_MS }).then((started) => (main = started)));
	phase('main');
	const cookie = await main.signIn(LOGIN);
	phase('signed in');
	rest = async (method, route, body) => {
		const answer = await main.rest(cookie, method, route, body);
		if (answer.status >= 400)
			throw new Error(`${method} ${route}: ${answer.status} ${JSON.stringify(answer.body)}`);
		return answer.body.data;
	};
	const [{ name, type, data }] = sandboxCredentials(sandboxes.urls);
	const credential = await rest('POST', 'credentials', { name, type, data });
	const created = await rest('POST', 'workflows', workflow(credential));
	await rest('POST', `workflows/${created.id}/activate`, { versionId: created.versionId });
	await webhookRegistered();
	phase('workflow active');
	await workersStarted;
	phase('all up');
}, 5 * 60_000);

afterAll(async () => {
	// A start still under way (after a failure or a timeout) is waited for, so it is stopped too.
	await Promise.all(starting);
	await Promise.all([...workers.map((worker) => worker.stop()), main?.stop()]);
	await Promise.all([sandboxes?.stop(), redis?.stop(), postgres?.stop()]);
	n8n?.cleanup();
});

test(
	'main + 2 workers, 3 executions at once, Workers Sharing This Credential = 2: within 10 writes/s, 0 failed items',
	async () => {
		const startedAt = Date.now();
		const answers = await Promise.all(
			Array.from({ length: EXECUTIONS }, async (_, execution) => {
				const attributes = Array.from({ length: ITEMS_PER_EXECUTION }, (__, index) => ({
					name: `Queue ${execution} ${index}`,
					key: `queue_${execution}_${index}`,
				}));
				const response = await fetch(`${main.url}/webhook/${WEBHOOK_PATH}`, {
					method: 'POST',
					headers: { 'content-type': 'application/json' },
					body: JSON.stringify({ attributes }),
					signal: AbortSignal.timeout(120_000),
				});
				await response.text();
				return response.status;
			}),
		);
		const wallSeconds = (Date.now() - startedAt) / 1000;
		expect(answers).toEqual(Array(EXECUTIONS).fill(200));

		// The executions, read back over n8n's REST API.
		const unflatten = require(path.join(path.dirname(n8n.n8nBin), '..', '..', 'flatted')).parse;
		const list = (await rest('GET', 'executions')).results;
		expect(list).toHaveLength(EXECUTIONS);
		let failedItems = 0;
		let createdItems = 0;
		let firstFinished = Infinity;
		for (const { id } of list) {
			const execution = await rest('GET', `executions/${id}`);
			expect(execution.status).toBe('success');
			firstFinished = Math.min(firstFinished, Date.parse(execution.stoppedAt));
			const data = typeof execution.data === 'string' ? unflatten(execution.data) : execution.data;
			const [run] = data.resultData.runData['Create attribute'];
			const items = run.data.main[0];
			failedItems += items.filter((item) => item.json.error !== undefined).length;
			createdItems += items.filter((item) => typeof item.json.uid === 'string').length;
		}

		// Which process ran which execution: a worker logs "Worker started execution <id> (job <n>)".
		const ranOn = (output) =>
			[...output.matchAll(/Worker started execution (\d+)/g)].map((match) => match[1]);
		const byWorker = workers.map((worker) => ranOn(worker.output()));
		expect(ranOn(main.output())).toEqual([]);
		expect(byWorker.flat().sort()).toEqual(list.map(({ id }) => String(id)).sort());
		expect(byWorker.every((ids) => ids.length > 0)).toBe(true); // both workers sent at once

		// What the sandbox saw: every attempt at a write (429s included), by arrival time.
		const { requests } = await sandboxes.control(SERVICE, 'requests');
		const writes = requests.filter(
			(request) => request.method === 'POST' && request.path === '/attributes',
		);
		const sentAt = writes.map((request) => Date.parse(request.at)).sort((a, b) => a - b);
		const acceptedAt = writes
			.filter((request) => request.status !== 429)
			.map((request) => Date.parse(request.at))
			.sort((a, b) => a - b);
		const stats = await sandboxes.control(SERVICE, 'stats');
		const refused = writes.filter((request) => request.status === 429).length;
		const peakSent = peakPerSecond(sentAt);
		/** Writes per second the sandbox accepted from `from` to `to` (ms). */
		const rate = (from, to) =>
			(acceptedAt.filter((at) => at >= from && at <= to).length - 1) / ((to - from) / 1000);
		const overall = rate(acceptedAt[0], acceptedAt.at(-1));
		// Until the first execution finished, all three were sending (one worker's share is then unused).
		const allSending = rate(acceptedAt[0], firstFinished);
		const share = (value) => `${(value / LIMIT_PER_SECOND).toFixed(2)} of the limit`;

		console.log(
			[
				`queue mode (main + ${WORKERS} workers, concurrency 2; Workers Sharing This Credential = ${WORKERS}):`,
				`${EXECUTIONS} executions × ${ITEMS_PER_EXECUTION} attributes at once, executions per worker: ${byWorker.map((ids) => ids.length).join(' + ')}`,
				`${writes.length} write requests, ${createdItems} created, ${failedItems} failed items`,
				`429s retried: ${refused} (sandbox's 429 counter, all requests: ${stats.rateLimited})`,
				`peak writes in any 1 s window: ${peakSent} (limit ${LIMIT_PER_SECOND}/s)`,
				`while all executions ran: ${allSending.toFixed(2)} writes/s = ${share(allSending)} (${((firstFinished - acceptedAt[0]) / 1000).toFixed(1)} s)`,
				`whole run: ${overall.toFixed(2)} writes/s = ${share(overall)} (${((acceptedAt.at(-1) - acceptedAt[0]) / 1000).toFixed(1)} s; wall ${wallSeconds.toFixed(1)} s)`,
			].join('\n  '),
		);

		expect(failedItems).toBe(0);
		expect(createdItems).toBe(EXECUTIONS * ITEMS_PER_EXECUTION);
		expect(acceptedAt).toHaveLength(EXECUTIONS * ITEMS_PER_EXECUTION);
		// The sandbox never had to refuse a write, and no second saw more than the limit plus jitter.
		expect(refused).toBe(0);
		expect(peakSent).toBeLessThanOrEqual(PEAK_ALLOWED);
		// Over those ~6 s a send or two of arrival jitter moves the average by a few tenths.
		expect(allSending).toBeLessThanOrEqual(LIMIT_PER_SECOND * 1.1);
	},
	5 * 60_000,
);
