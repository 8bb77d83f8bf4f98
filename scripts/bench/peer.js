// `npm run bench -- --peer`: the same jobs inside a real n8n process (the pinned one), once with our
// nodes and once with n8n's HTTP Request node built the way a user builds it (what users do instead),
// alternating A B A B A B, medians printed. Each workflow starts from a Webhook (answering when the
// last node is done) in a running n8n, and its execution is read back over n8n's REST API: node time
// is n8n's own executionTime of the working nodes; requests, token requests and 429s come from the
// sandboxes; peak RSS is the n8n process's high-water mark during the run (reset before each).
const fs = require('node:fs');
const path = require('node:path');
const { createInstance } = require('./../n8n/instance');
const { SERVICES } = require('../../sandbox/services');
const { startSandboxProcess, sandboxControl, median } = require('../bench-lib');
const algonomy = require('../../sandbox/algonomy');
const { DEFAULT_TRACKERS } = require('../../sandbox/luigisbox');
const contentstack = require('../../sandbox/contentstack-personalize');

const ROUNDS = 3;
// As scripts/bench/algonomy.js sends them: standard fields plus attributes (topic, placement).
const ALGONOMY_ITEM =
	"{ id: 'content-' + i, name: 'Editorial item ' + i, tags: ['bench'], rating: i % 5, start_date: '2025-06-01', topic: ['outdoor', 'running'], placement: ['home_page.slot' + (i % 4)] }";
const OURS = 'n8n-nodes-personalization';

function node(name, type, typeVersion, parameters, extra = {}) {
	return { id: name, name, type, typeVersion, position: [0, 0], parameters, ...extra };
}

/** Webhook (answers when the last node is done) → steps in a row. */
function workflow(id, steps) {
	const start = node('Start', 'n8n-nodes-base.webhook', 2, {
		httpMethod: 'POST',
		path: `peer-${id}`,
		responseMode: 'lastNode',
		responseData: 'noData',
		options: {},
	});
	start.webhookId = `peer-${id}`;
	const nodes = [start, ...steps];
	const connections = {};
	for (let index = 0; index < nodes.length - 1; index++)
		connections[nodes[index].name] = {
			main: [[{ node: nodes[index + 1].name, type: 'main', index: 0 }]],
		};
	return { id, name: `peer ${id}`, nodes, connections, settings: { executionOrder: 'v1' } };
}

const itemsCode = (count, body) =>
	node('Items', 'n8n-nodes-base.code', 2, {
		jsCode: `return Array.from({ length: ${count} }, (_, i) => ({ json: ${body} }));`,
	});

/** Peak resident memory (VmHWM) of a process since `resetPeakRss`, in MB. */
const peakRss = (pid) =>
	Number(/VmHWM:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
const resetPeakRss = (pid) => fs.writeFileSync(`/proc/${pid}/clear_refs`, '5');

async function run(report) {
	const sandboxes = {};
	for (const service of ['algonomy', 'luigisbox', 'contentstack-personalize'])
		sandboxes[service] = await startSandboxProcess(service);
	const url = (service) => sandboxes[service].url;
	const control = (service) => sandboxControl(url(service));
	const n8n = await createInstance({ port: 5691 });
	let stopServer;
	try {
		// Our credentials as the sandboxes define them, and the peers' generic ones.
		const ours = Object.keys(sandboxes).map((service) =>
			SERVICES[service].credential(url(service)),
		);
		const login = await fetch(`${url('contentstack-personalize')}/v3/user-session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({
				user: { email: contentstack.DEFAULT_EMAIL, password: contentstack.DEFAULT_PASSWORD },
			}),
		}).then((response) => response.json());
		await n8n.importCredentials([
			...ours,
			{
				id: 'peerAlgonomyOAuth2',
				name: 'Algonomy (generic OAuth2)',
				type: 'oAuth2Api',
				data: {
					grantType: 'clientCredentials',
					accessTokenUrl: `${url('algonomy')}/contentupdate/v1/oauth2/token`,
					clientId: algonomy.DEFAULT_CLIENT_ID,
					clientSecret: algonomy.DEFAULT_CLIENT_SECRET,
					scope: '',
					authentication: 'body',
				},
			},
			{
				id: 'peerContentstackHeader',
				name: 'Contentstack authtoken (header auth)',
				type: 'httpHeaderAuth',
				data: { name: 'authtoken', value: login.user.authtoken },
			},
		]);
		const credential = (type, id) => ({ credentials: { [type]: { id, name: id } } });

		const jobs = [
			{
				label: 'Algonomy: replace 2,000 content items',
				service: 'algonomy',
				working: { ours: ['Algonomy'], peer: ['HTTP Request'] },
				ours: workflow('peerAlgoOurs', [
					itemsCode(2000, ALGONOMY_ITEM),
					node(
						'Algonomy',
						`${OURS}.algonomy`,
						1,
						{ resource: 'content', operation: 'replace', contentInput: 'inputItem' },
						credential('algonomyApi', 'algonomySandbox'),
					),
				]),
				peer: workflow('peerAlgoHttp', [
					itemsCode(2000, ALGONOMY_ITEM),
					node(
						'HTTP Request',
						'n8n-nodes-base.httpRequest',
						4.2,
						{
							method: 'PUT',
							url: `${url('algonomy')}/contentupdate/v1/${algonomy.DEFAULT_API_KEY}`,
							authentication: 'genericCredentialType',
							genericAuthType: 'oAuth2Api',
							sendBody: true,
							specifyBody: 'json',
							jsonBody: '={{ JSON.stringify([$json]) }}',
							options: {},
						},
						credential('oAuth2Api', 'peerAlgonomyOAuth2'),
					),
				]),
			},
			{
				label: "Luigi's Box: list 5,000 customizations",
				service: 'luigisbox',
				working: { ours: ["Luigi's Box"], peer: ['Date', 'Sign', 'HTTP Request'] },
				ours: workflow('peerLuigiOurs', [
					node(
						"Luigi's Box",
						`${OURS}.luigisBox`,
						1,
						{ resource: 'customization', operation: 'getAll', returnAll: true },
						credential('luigisBoxApi', 'lbSandbox'),
					),
				]),
				peer: luigiPeer(url('luigisbox')),
			},
			{
				label: 'Contentstack: create 100 attributes at the documented 10 writes/s',
				service: 'contentstack-personalize',
				limitPerSecond: 10,
				count: 100,
				working: { ours: ['Contentstack Personalize'], peer: ['HTTP Request'] },
				ours: workflow('peerCsOurs', [
					itemsCode(100, "{ name: 'Bench ' + i, key: 'bench_' + i + '_' + Date.now() }"),
					node(
						'Contentstack Personalize',
						`${OURS}.contentstackPersonalize`,
						1,
						{
							resource: 'attribute',
							operation: 'create',
							name: '={{ $json.name }}',
							key: '={{ $json.key }}',
						},
						credential('contentstackPersonalizeApi', 'contentstackSandbox'),
					),
				]),
				peer: workflow('peerCsHttp', [
					itemsCode(100, "{ name: 'Bench ' + i, key: 'peer_' + i + '_' + Date.now() }"),
					node(
						'HTTP Request',
						'n8n-nodes-base.httpRequest',
						4.2,
						{
							method: 'POST',
							url: `${url('contentstack-personalize')}/attributes`,
							authentication: 'genericCredentialType',
							genericAuthType: 'httpHeaderAuth',
							sendHeaders: true,
							headerParameters: {
								parameters: [{ name: 'x-project-uid', value: contentstack.DEFAULT_PROJECT_UID }],
							},
							sendBody: true,
							specifyBody: 'json',
							jsonBody: '={{ JSON.stringify({ name: $json.name, key: $json.key }) }}',
							options: { batching: { batch: { batchSize: 10, batchInterval: 1000 } } },
						},
						credential('httpHeaderAuth', 'peerContentstackHeader'),
					),
				]),
			},
		];

		await seedLuigisBox(control('luigisbox'), 5000);
		for (const job of jobs) {
			await n8n.importWorkflow(job.ours);
			await n8n.importWorkflow(job.peer);
		}
		const server = await n8n.start();
		stopServer = server.stop;
		const cookie = await server.signIn({
			email: 'bench@example.com',
			password: 'Bench-Password-1',
		});
		const rest = async (method, route, body) => {
			const answer = await server.rest(cookie, method, route, body);
			if (answer.status >= 400)
				throw new Error(`${method} ${route}: ${answer.status} ${JSON.stringify(answer.body)}`);
			return answer.body.data;
		};
		const unflatten = require(path.join(path.dirname(n8n.n8nBin), '..', '..', 'flatted')).parse;
		for (const job of jobs)
			for (const side of ['ours', 'peer']) {
				const { versionId } = await rest('GET', `workflows/${job[side].id}`);
				await rest('POST', `workflows/${job[side].id}/activate`, { versionId });
			}
		/** Starts the workflow through its webhook; resolves with the run data once it finished. */
		const execute = async (workflow) => {
			const response = await fetch(`${server.url}/webhook/peer-${workflow.id}`, { method: 'POST' });
			await response.text();
			const filter = encodeURIComponent(JSON.stringify({ workflowId: workflow.id }));
			const list = await rest('GET', `executions?filter=${filter}`);
			const newest = list.results.sort((a, b) => Number(b.id) - Number(a.id))[0];
			const execution = await rest('GET', `executions/${newest.id}`);
			const data = typeof execution.data === 'string' ? unflatten(execution.data) : execution.data;
			return data.resultData.runData;
		};

		const rows = [];
		for (const job of jobs) {
			const samples = { ours: [], peer: [] };
			for (let round = 0; round < ROUNDS; round++)
				for (const side of ['ours', 'peer']) {
					const stats = control(job.service);
					const before = await stats('stats');
					const tokensBefore =
						job.service === 'algonomy' ? (await stats('algonomy/tokens')).tokenRequests : 0;
					resetPeakRss(server.pid);
					const runData = await execute(job[side]);
					const rssMb = peakRss(server.pid);
					const after = await stats('stats');
					const tokens =
						job.service === 'algonomy'
							? (await stats('algonomy/tokens')).tokenRequests - tokensBefore
							: 0;
					const nodeMs = job.working[side].reduce(
						(sum, name) => sum + (runData[name]?.[0]?.executionTime ?? 0),
						0,
					);
					const last = job.working[side].at(-1);
					const items = runData[last]?.[0]?.data?.main?.[0] ?? [];
					const failed =
						items.filter((item) => item.json?.error).length +
						(runData[last]?.[0]?.error ? (job.count ?? 1) : 0);
					samples[side].push({
						seconds: nodeMs / 1000,
						requests: after.requests - before.requests - tokens,
						tokens,
						rateLimited: after.rateLimited - before.rateLimited,
						failed,
						rssMb,
					});
				}
			const pick = (side, key) => median(samples[side].map((sample) => sample[key]));
			const line = (side) =>
				`${pick(side, 'seconds').toFixed(2)} s node time, ${pick(side, 'requests')} requests, ${pick(side, 'tokens')} token requests, ${pick(side, 'rateLimited')} 429s, ${pick(side, 'failed')} failed, ${pick(side, 'rssMb').toFixed(0)} MB peak RSS`;
			report(`${job.label}: our node`, line('ours'));
			report(`${job.label}: HTTP Request node`, line('peer'));
			report(
				`${job.label}: ratio ours / HTTP Request (node time)`,
				`${(pick('ours', 'seconds') / pick('peer', 'seconds')).toFixed(2)}x`,
			);
			if (job.limitPerSecond)
				report(
					`${job.label}: our node against the limit`,
					`${(pick('ours', 'seconds') / (job.count / job.limitPerSecond)).toFixed(3)}x of the ideal ${job.count / job.limitPerSecond} s`,
				);
			rows.push(job.label);
		}
	} finally {
		await stopServer?.();
		n8n.cleanup();
		for (const sandbox of Object.values(sandboxes)) sandbox.stop();
	}
}

/** The peer's Luigi's Box list: a Date, the HMAC from n8n's Crypto node, paged HTTP requests. */
function luigiPeer(baseUrl) {
	const [tracker, privateKey] = Object.entries(DEFAULT_TRACKERS)[0];
	const path = `/v1/recommender/pin/${tracker}/scopes`;
	const contentType = 'application/json; charset=utf-8';
	return workflow('peerLuigiHttp', [
		node('Date', 'n8n-nodes-base.code', 2, {
			jsCode: `const date = new Date().toUTCString();\nreturn [{ json: { date, toSign: ['POST', '${contentType}', date, '${path}'].join('\\n') } }];`,
		}),
		node('Sign', 'n8n-nodes-base.crypto', 1, {
			action: 'hmac',
			type: 'SHA256',
			value: '={{ $json.toSign }}',
			dataPropertyName: 'signature',
			secret: privateKey,
			encoding: 'base64',
		}),
		node('HTTP Request', 'n8n-nodes-base.httpRequest', 4.2, {
			method: 'POST',
			url: `${baseUrl}${path}`,
			sendQuery: true,
			queryParameters: { parameters: [{ name: 'limit', value: '500' }] },
			sendHeaders: true,
			headerParameters: {
				parameters: [
					{ name: 'Date', value: '={{ $json.date }}' },
					{ name: 'Content-Type', value: contentType },
					{ name: 'Authorization', value: `=ApiAuth ${tracker}:{{ $json.signature }}` },
				],
			},
			options: {
				pagination: {
					pagination: {
						paginationMode: 'updateAParameterInEachRequest',
						parameters: {
							parameters: [{ type: 'qs', name: 'offset', value: '={{ $pageCount * 500 }}' }],
						},
						paginationCompleteWhen: 'other',
						completeExpression: '={{ $response.body.results.length < 500 }}',
						limitPagesFetched: false,
					},
				},
			},
		}),
	]);
}

/** 5,000 customizations, put straight into the sandbox. */
async function seedLuigisBox(control, count) {
	await control('reset', 'POST');
	for (let start = 0; start < count; start += 1000)
		await control(
			'luigisbox/customizations',
			'POST',
			Array.from({ length: Math.min(1000, count - start) }, (_, i) => ({
				model: 'basket',
				target_type: 'item',
				target_identity: `/p/${start + i}/`,
				pin_definitions: [{ position: 1, pin_type: 'item', pin_identity: `/p/x${start + i}/` }],
			})),
		);
}

module.exports = { name: 'Peer: our nodes vs the HTTP Request node, in a real n8n', run };
