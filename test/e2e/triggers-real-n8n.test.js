// The polling triggers in a real n8n 2.41.1 process. Every trigger example, plus one small workflow per
// trigger that watches for new objects, is activated and polled every minute. Once n8n has stored
// each baseline, the sandboxes change, and each workflow gets exactly the executions the change calls
// for, with the expected items. All workflows are deactivated at the end.
const path = require('node:path');
const { createInstance } = require('../../scripts/n8n/instance');
const { sandboxCredentials } = require('../../scripts/sandboxes');
const { SERVICES } = require('../../sandbox/services');
const { forInstance, workflowId, triggerExampleFiles } = require('../../scripts/n8n/examples');
const { startSandboxProcess } = require('./sandbox-process');

const MINUTE = 60_000;
const DAY = 24 * 60 * 60 * 1000;
const EVERY_MINUTE = { item: [{ mode: 'everyMinute' }] };
const inDays = (days) => new Date(Date.now() + days * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');

let n8n;
let server;
let cookie;
let sandboxes;
let unflatten;
const activated = [];

/** A workflow of just one trigger node, polled every minute. */
function watcher(id, type, parameters, credentials) {
	return {
		id,
		name: `e2e ${id}`,
		nodes: [
			{
				id: `${id}-trigger`,
				name: 'Trigger',
				type: `n8n-nodes-personalization.${type}`,
				typeVersion: 1,
				position: [0, 0],
				parameters: { ...parameters, pollTimes: EVERY_MINUTE },
				credentials,
			},
		],
		connections: {},
		settings: { executionOrder: 'v1' },
	};
}

const WATCHERS = [
	watcher(
		'e2eLuigiCreated',
		'luigisBoxTrigger',
		{ events: ['customizationCreated'] },
		{ luigisBoxApi: { id: 'lbSandbox', name: "Luigi's Box sandbox" } },
	),
	watcher(
		'e2eCsCreated',
		'contentstackPersonalizeTrigger',
		{ events: ['experienceCreated'] },
		{
			contentstackPersonalizeApi: {
				id: 'contentstackSandbox',
				name: 'Contentstack Personalize sandbox',
			},
		},
	),
];

const rest = async (method, route, body) => {
	const answer = await server.rest(cookie, method, route, body);
	if (answer.status >= 400)
		throw new Error(`${method} ${route}: ${answer.status} ${JSON.stringify(answer.body)}`);
	return answer.body.data;
};

/** The workflow's finished executions, oldest first, with their run data. */
async function executions(id) {
	const filter = encodeURIComponent(JSON.stringify({ workflowId: id }));
	const list = await rest('GET', `executions?filter=${filter}`);
	const finished = list.results.filter(
		(execution) => !['running', 'new'].includes(execution.status),
	);
	finished.sort((a, b) => Number(a.id) - Number(b.id));
	return await Promise.all(
		finished.map(async ({ id: executionId }) => {
			const execution = await rest('GET', `executions/${executionId}`);
			const data = typeof execution.data === 'string' ? unflatten(execution.data) : execution.data;
			return { ...execution, runData: data.resultData.runData };
		}),
	);
}

async function waitFor(check, timeoutMs, what) {
	const deadline = Date.now() + timeoutMs;
	for (;;) {
		const value = await check();
		if (value) return value;
		if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
		await new Promise((resolve) => setTimeout(resolve, 2000));
	}
}

/** Waits until the workflow has `count` executions, then checks no more came meanwhile. */
async function executionsOnceThere(id, count, timeoutMs = 3 * MINUTE) {
	const done = await waitFor(
		async () => {
			const all = await executions(id);
			return all.length >= count && all;
		},
		timeoutMs,
		`${count} execution(s) of ${id}`,
	);
	expect(done).toHaveLength(count);
	return done;
}

const output = (execution, node) =>
	execution.runData[node][0].data.main[0].map((item) => item.json);

async function staticDataOf(id) {
	return (await rest('GET', `workflows/${id}`)).staticData ?? {};
}

async function activate(id) {
	const { versionId } = await rest('GET', `workflows/${id}`);
	await rest('POST', `workflows/${id}/activate`, { versionId });
	activated.push(id);
}

/** A request to the Contentstack sandbox's Management API as its n8n credential would send it. */
async function contentstack(method, route, body) {
	const { data } = SERVICES['contentstack-personalize'].credential(
		sandboxes.urls['contentstack-personalize'],
	);
	const login = await fetch(`${data.cmaUrl}/v3/user-session`, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ user: { email: data.email, password: data.password } }),
	});
	const { user } = await login.json();
	const response = await fetch(`${data.managementUrl}${route}`, {
		method,
		headers: {
			'content-type': 'application/json',
			authtoken: user.authtoken,
			'x-project-uid': data.projectUid,
		},
		body: JSON.stringify(body),
	});
	if (!response.ok)
		throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
	return await response.json();
}

/** A request to the Ocamba Hood sandbox's API with its n8n credential's token. */
async function ocambaHood(method, route) {
	const { data } = SERVICES['ocamba-hood'].credential(sandboxes.urls['ocamba-hood']);
	const response = await fetch(`${data.baseUrl}/v1/hood${route}`, {
		method,
		headers: { authorization: `Bearer ${data.apiToken}` },
	});
	if (!response.ok)
		throw new Error(`${method} ${route}: ${response.status} ${await response.text()}`);
}

const changes = {};

beforeAll(async () => {
	sandboxes = await startSandboxProcess(['--seed']);
	n8n = await createInstance({ port: 5693 });
	unflatten = require(path.join(path.dirname(n8n.n8nBin), '..', '..', 'flatted')).parse;
	await n8n.importCredentials(sandboxCredentials(sandboxes.urls));
	for (const file of triggerExampleFiles()) {
		const workflow = forInstance(file, { fileFolder: n8n.userFolder });
		for (const node of workflow.nodes)
			if (node.parameters.pollTimes) node.parameters.pollTimes = EVERY_MINUTE;
		await n8n.importWorkflow(workflow);
	}
	for (const workflow of WATCHERS) await n8n.importWorkflow(workflow);
	server = await n8n.start();
	cookie = await server.signIn({ email: 'e2e@example.com', password: 'Sandbox-Password-1' });

	for (const file of triggerExampleFiles()) await activate(workflowId(file));
	for (const { id } of WATCHERS) await activate(id);
	// A change made before n8n stored a baseline would belong to the baseline.
	const silentAtFirst = [
		...WATCHERS.map(({ id }) => id),
		workflowId('ocamba-hood-new-unsubscribes.json'),
	];
	await waitFor(
		async () => {
			const stored = await Promise.all(silentAtFirst.map((id) => staticDataOf(id)));
			return stored.every((data) => Object.keys(data).length > 0);
		},
		3 * MINUTE,
		'the baselines',
	);

	changes.pin = await sandboxes.control('luigisbox', 'luigisbox/customizations', 'POST', {
		model: 'basket',
		target_type: 'item',
		target_identity: '/p/e2e/',
		pin_definitions: [
			{ position: 1, pin_type: 'item', pin_identity: '/p/ends-soon/', active_to: inDays(2) },
		],
	});
	const { profiles } = await sandboxes.control('ocamba-hood', 'ocamba-hood/store');
	changes.unsubscribed = profiles.find((profile) => profile.status !== 'unsubscribed');
	await ocambaHood('POST', `/profiles/${changes.unsubscribed.id}/unsubscribe`);
	changes.experience = await contentstack('POST', '/experiences', {
		name: 'e2e experience',
		__type: 'SEGMENTED',
	});
}, 25 * MINUTE);

afterAll(async () => {
	for (const id of activated) await server?.rest(cookie, 'POST', `workflows/${id}/deactivate`, {});
	await server?.stop();
	await sandboxes?.stop();
	n8n?.cleanup();
});

test("Luigi's Box example: the seeded pin runs at activation, the new pin in one more execution", async () => {
	const [atActivation, afterChange] = await executionsOnceThere(
		workflowId('luigisbox-pins-expiring.json'),
		2,
	);
	for (const execution of [atActivation, afterChange]) expect(execution.status).toBe('success');
	const [first] = output(atActivation, 'Weekly digest');
	expect(first.count).toBe(1);
	expect(first.pins[0].pin.pin_identity).toBe('/p/beach-towel/');
	const [second] = output(afterChange, 'Weekly digest');
	expect(second.count).toBe(1);
	expect(second.pins[0].pin.pin_identity).toBe('/p/ends-soon/');
});

test("Luigi's Box: a new customization starts exactly one execution, after a silent baseline", async () => {
	const [execution] = await executionsOnceThere('e2eLuigiCreated', 1);
	const events = output(execution, 'Trigger');
	expect(events).toHaveLength(1);
	expect(events[0]).toMatchObject({
		event: 'customizationCreated',
		customization: { target_identity: '/p/e2e/' },
	});
});

test('Contentstack Personalize example: the seeded A/B test leader gets all traffic, once', async () => {
	const [execution] = await executionsOnceThere(
		workflowId('contentstack-personalize-ab-test-winner.json'),
		1,
	);
	expect(execution.status).toBe('success');
	const [leader] = output(execution, 'A/B test has a leader');
	expect(leader.event).toBe('abTestLeaderFound');
	const [version] = output(execution, 'Give the leader all traffic');
	expect(version.status).toBe('ACTIVE');
	const traffic = Object.fromEntries(
		version.variants.map((variant) => [variant.shortUid, variant.trafficDistribution]),
	);
	expect(traffic[leader.leader.variant]).toBe(100);
	expect(Object.values(traffic).reduce((sum, share) => sum + share, 0)).toBe(100);
});

test('Contentstack Personalize: a new experience starts exactly one execution', async () => {
	const [execution] = await executionsOnceThere('e2eCsCreated', 1);
	const events = output(execution, 'Trigger');
	expect(events).toEqual([
		expect.objectContaining({ event: 'experienceCreated', experienceUid: changes.experience.uid }),
	]);
});

test('Ocamba Hood example: an unsubscribe after activation is recorded in exactly one execution', async () => {
	const [execution] = await executionsOnceThere(workflowId('ocamba-hood-new-unsubscribes.json'), 1);
	expect(execution.status).toBe('success');
	const events = output(execution, 'New unsubscribes');
	expect(events.map((event) => [event.event, String(event.profileId)])).toEqual([
		['profileUnsubscribed', String(changes.unsubscribed.id)],
	]);
	const [record] = output(execution, 'Record unsubscribes');
	expect(String(record.profileId)).toBe(String(changes.unsubscribed.id));
});
