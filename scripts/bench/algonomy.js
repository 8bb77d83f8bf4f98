// Algonomy figures for `npm run bench` (issue 5): 10,000 content items in batches vs one request per
// item, in the same run; token requests across items and executions. The sandbox runs in its own
// process, so its CPU is not counted.
const {
	sandboxControl,
	singleNodeWorkflow,
	measureRun,
	startSandboxProcess,
} = require('../bench-lib');
const { createCredentialsHelper } = require('../../test/harness');
const algonomy = require('../../sandbox/algonomy');

const NODE = 'Algonomy';
const ITEMS = 10_000;

function workflow(parameters, items) {
	return singleNodeWorkflow({
		type: 'n8n-nodes-personalization.algonomy',
		name: NODE,
		credentialType: 'algonomyApi',
		credentialId: 'algonomyBench',
		parameters: { resource: 'content', ...parameters },
		items,
	});
}

function contentItem(index) {
	return {
		id: `content-${index}`,
		name: `Editorial item ${index}`,
		tags: ['bench', index % 2 ? 'odd' : 'even'],
		rating: index % 5,
		start_date: '2025-06-01',
		topic: ['outdoor', 'running'],
		placement: [`home_page.slot${index % 4}`],
	};
}

/** Runs every Algonomy measurement; `report(label, value)` collects the figures. */
async function run(report) {
	const { url, stop } = await startSandboxProcess('algonomy');
	const control = sandboxControl(url);
	const data = {
		environment: 'custom',
		gatewayUrl: url,
		apiKey: algonomy.DEFAULT_API_KEY,
		clientId: algonomy.DEFAULT_CLIENT_ID,
		clientSecret: algonomy.DEFAULT_CLIENT_SECRET,
		recsBaseUrl: url,
		apiClientKey: algonomy.DEFAULT_API_CLIENT_KEY,
	};
	// One helper for the whole bench: the token persists between executions, as in n8n's database.
	const credentials = await createCredentialsHelper({
		algonomyApi: { id: 'algonomyBench', name: 'bench', data },
	});
	const tokenRequests = async () => (await control('algonomy/tokens')).tokenRequests;
	const measure = async (parameters, items) => {
		const tokensBefore = await tokenRequests();
		const figures = await measureRun({
			workflow: workflow(parameters, items),
			nodeName: NODE,
			credentials,
			control,
		});
		const tokens = (await tokenRequests()) - tokensBefore;
		return { ...figures, tokens, contentRequests: figures.requests - tokens };
	};
	try {
		const unpaced = { requestOptions: { requestsPerSecond: 0 } };
		const items = Array.from({ length: ITEMS }, (_, i) => contentItem(i));
		await control('reset', 'POST');

		// (a) 10,000 items in batches of 100 (the default), the first run of the credential.
		const batched = await measure(
			{ operation: 'replace', contentInput: 'inputItem', ...unpaced },
			items,
		);
		const stored = (await control('algonomy/content')).results.length;
		report(
			'(a) replace 10,000 items, batches of 100',
			`${batched.contentRequests} content requests + ${batched.tokens} token request, ${batched.seconds.toFixed(2)} s, ${batched.failedItems} failed, ${stored} stored`,
		);

		// (b) the same items, one request per item (Batch Size 1), same run, same credential.
		const single = await measure(
			{ operation: 'replace', contentInput: 'inputItem', options: { batchSize: 1 }, ...unpaced },
			items,
		);
		report(
			'(b) replace 10,000 items, one request per item',
			`${single.contentRequests} content requests + ${single.tokens} token requests, ${single.seconds.toFixed(2)} s, ${single.failedItems} failed`,
		);
		report(
			'(b) batching speed-up',
			`${(single.seconds / batched.seconds).toFixed(1)}x faster, ${(single.contentRequests / batched.contentRequests).toFixed(0)}x fewer requests`,
		);
		report(
			'(a+b) token requests for 20,100 content requests in 2 executions',
			`${await tokenRequests()}`,
		);

		// (c) after the token is revoked: one refresh, the batch resent once.
		await control('algonomy/tokens/revoke', 'POST');
		const refreshed = await measure(
			{ operation: 'replace', contentInput: 'inputItem', ...unpaced },
			items,
		);
		report(
			'(c) replace 10,000 items after the token was revoked',
			`${refreshed.contentRequests} content requests (1 answered invalid_token, resent) + ${refreshed.tokens} token request, ${refreshed.failedItems} failed`,
		);

		// (d) without Max Requests per Second: what a user gets without tuning. Algonomy publishes no
		// limit, so the pace is learned from 429s, and the sandbox sends none: unpaced.
		const paced = await measure({ operation: 'replace', contentInput: 'inputItem' }, items);
		report(
			'(d) replace 10,000 items at the default (learned) pace',
			`${paced.contentRequests} requests, ${paced.seconds.toFixed(2)} s`,
		);
	} finally {
		stop();
	}
}

module.exports = { name: 'Algonomy', run };
