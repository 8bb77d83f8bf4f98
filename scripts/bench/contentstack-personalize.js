// Contentstack Personalize figures for `npm run bench` (issue 4): 600 creates at the documented
// 10 requests/s per organization against the sandbox's real limit (ideal 60 s, goal ≤ 1.05x, 0 failed
// items); logins per 10 executions with email and password (goal 1); reads and writes paced apart;
// edge events batched per visitor. The sandbox runs in its own process, so its CPU is not counted.
const {
	sandboxControl,
	singleNodeWorkflow,
	measureRun,
	startSandboxProcess,
} = require('../bench-lib');
const { createCredentialsHelper } = require('../../test/harness');
const contentstack = require('../../sandbox/contentstack-personalize');

const NODE = 'Contentstack Personalize';
const TYPE = 'contentstackPersonalizeApi';
const CREATES = 600;
const RATE = 10;

function workflow(parameters, items, credentialId) {
	return singleNodeWorkflow({
		type: 'n8n-nodes-personalization.contentstackPersonalize',
		name: NODE,
		credentialType: TYPE,
		credentialId,
		parameters: { authentication: 'accessToken', ...parameters },
		items,
	});
}

const rows = (count) => Array.from({ length: count }, (_, n) => ({ n }));

async function run(report) {
	const { url, stop } = await startSandboxProcess('contentstack-personalize', ['--seed']);
	const control = sandboxControl(url);
	const loginData = {
		region: 'custom',
		managementUrl: url,
		edgeUrl: `${url}/edge`,
		cmaUrl: url,
		projectUid: contentstack.DEFAULT_PROJECT_UID,
		organizationUid: contentstack.DEFAULT_ORG_UID,
		authMode: 'emailPassword',
		email: contentstack.DEFAULT_EMAIL,
		password: contentstack.DEFAULT_PASSWORD,
	};
	// Each figure has its own credential (so its own pacers), kept across executions as n8n's database does.
	let figure = 0;
	const credential = async () => {
		const id = `contentstackBench${++figure}`;
		return {
			id,
			helper: await createCredentialsHelper({ [TYPE]: { id, name: 'bench', data: loginData } }),
		};
	};
	const logins = async () => (await control('contentstack-personalize/logins')).logins;
	const measure = async ({ id, helper }, parameters, items) =>
		await measureRun({
			workflow: workflow(parameters, items, id),
			nodeName: NODE,
			credentials: helper,
			control,
		});
	try {
		await control('reset', 'POST');
		await measure(
			await credential(),
			{ resource: 'event', operation: 'create', key: '={{ "warmup_" + $json.n }}' },
			rows(5),
		); // node loading, sockets

		// (a) 600 creates at the default pace, with the documented limit on in the sandbox.
		const creates = await credential();
		const before = await logins();
		const paced = await measure(
			creates,
			{ resource: 'event', operation: 'create', key: '={{ "bench_" + $json.n }}' },
			rows(CREATES),
		);
		const ideal = CREATES / RATE;
		report(
			'(a) 600 event creates at 10 requests/s (documented limit on in the sandbox)',
			`${paced.seconds.toFixed(2)} s = ${(paced.seconds / ideal).toFixed(3)}x of the ideal ${ideal} s, ${paced.requests - ((await logins()) - before)} create requests + ${(await logins()) - before} login, ${paced.rateLimited} 429s, ${paced.failedItems} failed items of ${paced.outputItems}`,
		);

		// (b) 10 executions with email and password: one login, then the stored authtoken.
		const executions = await credential();
		const loginsBefore = await logins();
		for (let execution = 0; execution < 10; execution++) {
			const parameters =
				execution % 2
					? { resource: 'experience', operation: 'getAll', returnAll: true }
					: {
							resource: 'attribute',
							operation: 'create',
							name: '={{ "Bench " + $json.n }}',
							key: `={{ "bench_${execution}_" + $json.n }}`,
						};
			await measure(executions, parameters, rows(3));
		}
		report(
			'(b) logins per 10 executions with email and password',
			`${(await logins()) - loginsBefore} (preAuthentication ran ${executions.helper.preAuthenticationCalls[TYPE]} time)`,
		);

		// (c) updates read the stored object (GET) and write it back (PUT): two classes, two pacers.
		const updates = await credential();
		const updated = await measure(
			updates,
			{
				resource: 'attribute',
				operation: 'update',
				attributeId: { __rl: true, mode: 'id', value: '6650a1b2c3d4e5f601234501' },
				updateFields: { description: '={{ "revision " + $json.n }}' },
			},
			rows(100),
		);
		report(
			'(c) 100 attribute updates (a GET and a PUT each) at 10/s per class',
			`${updated.seconds.toFixed(2)} s (one shared pacer would need 20 s), ${updated.requests} requests, ${updated.rateLimited} 429s, ${updated.failedItems} failed items`,
		);

		// (d) edge events of 1,000 items from 10 visitors: one request per visitor and 100 events.
		const edge = await credential();
		const tracked = await measure(
			edge,
			{
				resource: 'visitor',
				operation: 'trackEvents',
				userUid: '={{ "visitor-" + ($json.n % 10) }}',
				impressions: { impression: [{ experienceShortUid: '0', variantShortUid: '0' }] },
			},
			rows(1000),
		);
		report(
			'(d) trackEvents for 1,000 items of 10 visitors (batch size 100)',
			`${tracked.requests} requests, ${tracked.seconds.toFixed(2)} s, ${tracked.failedItems} failed items`,
		);
	} finally {
		stop();
	}
}

module.exports = { name: 'Contentstack Personalize', run };
