// Luigi's Box figures for `npm run bench` (issue: bulk vs single creates, Return All, CPU per request,
// pacing under a 50 req/s limit). The sandbox runs in its own process, so its CPU is not counted.
const {
	sandboxControl,
	singleNodeWorkflow,
	measureRun,
	median,
	startSandboxProcess,
} = require('../bench-lib');
const { fromCore } = require('../../test/harness/setup');
const { signLuigisBox } = require('../../dist/credentials/LuigisBoxApi.credentials.js');
const { DEFAULT_TRACKERS } = require('../../sandbox/luigisbox');
const { createPoller } = require('../../test/harness/poll');
const { takeSnapshot } = require('../../dist/nodes/common/polling.js');

const [TRACKER, PRIVATE_KEY] = Object.entries(DEFAULT_TRACKERS)[0];
const NODE = "Luigi's Box";

function workflow(parameters, items) {
	return singleNodeWorkflow({
		type: 'n8n-nodes-personalization.luigisBox',
		name: NODE,
		credentialType: 'luigisBoxApi',
		credentialId: 'lbBench',
		parameters: { resource: 'customization', ...parameters },
		items,
	});
}

function customization(index) {
	return {
		model: index % 2 ? 'basket' : 'product_detail',
		target_type: 'item',
		target_identity: `/p/${index}/`,
		tags: ['bench'],
		pin_definitions: [{ position: 1, pin_type: 'item', pin_identity: `/p/pinned-${index}/` }],
	};
}

/** Runs every Luigi's Box measurement; `report(label, value)` collects the figures. */
async function run(report) {
	const { url, stop } = await startSandboxProcess('luigisbox');
	const control = sandboxControl(url);
	const credentials = {
		luigisBoxApi: {
			id: 'lbBench',
			name: 'bench',
			data: { trackerId: TRACKER, privateKey: PRIVATE_KEY, baseUrl: url },
		},
	};
	const measure = (parameters, items) =>
		measureRun({ workflow: workflow(parameters, items), nodeName: NODE, credentials, control });
	try {
		const unpaced = { requestOptions: { requestsPerSecond: 0 } };
		const customizations = Array.from({ length: 10_000 }, (_, i) => customization(i));

		// (a) 10,000 customizations: bulk vs one create per item.
		await control('reset', 'POST');
		const bulk = await measure(
			{ operation: 'createMany', customizationInput: 'inputItem', ...unpaced },
			customizations,
		);
		report(
			'(a) createMany 10,000 customizations',
			`${bulk.requests} requests, ${bulk.seconds.toFixed(2)} s, ${bulk.failedItems} failed`,
		);

		// (b) list them all back.
		const list = await measure({ operation: 'getAll', returnAll: true, ...unpaced }, [{}]);
		report(
			'(b) getAll Return All over 10,000',
			`${list.requests} requests (page size 500), ${list.outputItems} items, ${list.seconds.toFixed(2)} s`,
		);

		await control('reset', 'POST');
		const single = await measure(
			{ operation: 'create', customizationInput: 'inputItem', ...unpaced },
			customizations,
		);
		report(
			'(a) create one per item, 10,000',
			`${single.requests} requests, ${single.seconds.toFixed(2)} s, ${single.failedItems} failed`,
		);
		report(
			'(a) bulk speed-up',
			`${(single.seconds / bulk.seconds).toFixed(1)}x faster, ${(single.requests / bulk.requests).toFixed(0)}x fewer requests`,
		);

		// (e) The trigger over 10,000 unchanged customizations: requests per poll and static data.
		const poller = await createPoller({
			type: 'n8n-nodes-personalization.luigisBoxTrigger',
			parameters: {
				events: ['customizationCreated', 'customizationUpdated', 'customizationDeleted'],
			},
			credentials: { luigisBoxApi: { id: 'lbBench', name: 'bench' } },
			credentialData: credentials,
		});
		await poller.poll();
		const beforePoll = await control('stats');
		const unchanged = await poller.poll();
		const afterPoll = await control('stats');
		report(
			'(e) trigger poll over 10,000 unchanged customizations',
			`${afterPoll.requests - beforePoll.requests} requests (the fewest the API allows: one per page of 500), ${unchanged.length} events, static data ${(poller.staticDataSize() / 1024).toFixed(0)} KiB`,
		);
		const many = Array.from({ length: 100_000 }, (_, i) => ({
			id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
			...customization(i),
		}));
		const snapshot = takeSnapshot(many, { idOf: (object) => object.id });
		report(
			'(e) trigger static data at 100,000 customizations',
			`${(JSON.stringify(snapshot).length / 1024 / 1024).toFixed(1)} MiB (IDs and 12-character hashes; field values are kept up to 5,000 objects)`,
		);

		// (c) CPU per request in this process: the node in the engine vs a bare fetch loop.
		const { results } = await control('luigisbox/customizations');
		const id = results[0].id;
		const gets = (count) => Array.from({ length: count }, () => ({}));
		const getParameters = {
			operation: 'get',
			customizationId: { __rl: true, mode: 'id', value: id },
			...unpaced,
		};
		const rawLoop = async (count) => {
			const requestPath = `/v1/recommender/pin/${TRACKER}/scope/${id}`;
			const cpuBefore = process.cpuUsage();
			for (let i = 0; i < count; i++) {
				const date = new Date().toUTCString();
				const contentType = 'application/json; charset=utf-8';
				const signature = signLuigisBox({
					privateKey: PRIVATE_KEY,
					method: 'GET',
					contentType,
					date,
					path: requestPath,
				});
				const response = await fetch(url + requestPath, {
					headers: {
						'Content-Type': contentType,
						Date: date,
						Authorization: `ApiAuth ${TRACKER}:${signature}`,
						Accept: 'application/json',
					},
				});
				if (response.status !== 200) throw new Error(`raw fetch got ${response.status}`);
				await response.json();
			}
			const cpu = process.cpuUsage(cpuBefore);
			return (cpu.user + cpu.system) / 1000 / count;
		};
		// The floor under any node: n8n's own HTTP client (what httpRequestWithAuthentication calls
		// after signing), fed the same signed requests without the engine or our node around it.
		const outbound = fromCore('@n8n/di')
			.Container.get(fromCore('@n8n/backend-network').OutboundHttp)
			.requests();
		const helperLoop = async (count) => {
			const requestPath = `/v1/recommender/pin/${TRACKER}/scope/${id}`;
			const cpuBefore = process.cpuUsage();
			for (let i = 0; i < count; i++) {
				const date = new Date().toUTCString();
				const contentType = 'application/json; charset=utf-8';
				const signature = signLuigisBox({
					privateKey: PRIVATE_KEY,
					method: 'GET',
					contentType,
					date,
					path: requestPath,
				});
				await outbound.request({
					method: 'GET',
					baseURL: url,
					url: requestPath,
					headers: {
						'Content-Type': contentType,
						Date: date,
						Authorization: `ApiAuth ${TRACKER}:${signature}`,
					},
					json: true,
					returnFullResponse: true,
				});
			}
			const cpu = process.cpuUsage(cpuBefore);
			return (cpu.user + cpu.system) / 1000 / count;
		};
		await measure(getParameters, gets(300)); // warm-up: JIT, sockets
		await rawLoop(300);
		await helperLoop(300);
		const samples = { node: [], raw: [], helper: [] };
		for (let round = 0; round < 3; round++) {
			samples.node.push((await measure(getParameters, gets(2000))).cpuMs / 2000);
			samples.raw.push(await rawLoop(2000));
			samples.helper.push(await helperLoop(2000));
		}
		const [nodeCpu, rawCpu, helperCpu] = [
			median(samples.node),
			median(samples.raw),
			median(samples.helper),
		];
		report('(c) CPU per request, node in the engine', `${(nodeCpu * 1000).toFixed(0)} µs`);
		report('(c) CPU per request, raw fetch loop', `${(rawCpu * 1000).toFixed(0)} µs`);
		report('(c) ratio node / raw fetch (goal ≤ 1.2x)', `${(nodeCpu / rawCpu).toFixed(2)}x`);
		report(
			"(c) n8n's HTTP helper alone, same requests",
			`${(helperCpu * 1000).toFixed(0)} µs = ${(helperCpu / rawCpu).toFixed(2)}x of raw fetch; engine + node add ${((nodeCpu - helperCpu) * 1000).toFixed(0)} µs`,
		);

		// (d) 1,000 gets against a sandbox limited to 50 req/s, the node paced to 50 req/s.
		await control('rate-limit', 'POST', { requestsPerSecond: 50, burst: 50 });
		const paced = await measure(
			{ ...getParameters, requestOptions: { requestsPerSecond: 50 } },
			gets(1000),
		);
		await control('rate-limit', 'POST', null);
		report(
			'(d) 1,000 gets at a 50 req/s limit',
			`${paced.seconds.toFixed(2)} s = ${(paced.seconds / 20).toFixed(3)}x of 20 s, ${paced.rateLimited} 429s from the sandbox, ${paced.failedItems} failed items`,
		);
	} finally {
		stop();
	}
}

module.exports = { name: "Luigi's Box", run };
