// Shared setup for the Algonomy engine tests: a sandbox on a free port that plays both the gateway
// and the recommendation host, and one-node workflows (trigger with pinned items → Algonomy node)
// run through the real engine.
const {
	runWorkflow,
	createCredentialsHelper,
	oneNodeWorkflow,
	nodeOutcome,
} = require('../harness');
const algonomy = require('../../sandbox/algonomy');

const NODE = 'Algonomy';
const API_KEY = algonomy.DEFAULT_API_KEY;
const CLIENT_ID = algonomy.DEFAULT_CLIENT_ID;
const CLIENT_SECRET = algonomy.DEFAULT_CLIENT_SECRET;
const API_CLIENT_KEY = algonomy.DEFAULT_API_CLIENT_KEY;
const CREDENTIAL = { id: 'algonomySandbox', name: 'Algonomy sandbox' };

function credentialData(sandbox, overrides = {}) {
	return {
		environment: 'custom',
		gatewayUrl: sandbox.url,
		apiKey: API_KEY,
		clientId: CLIENT_ID,
		clientSecret: CLIENT_SECRET,
		recsBaseUrl: sandbox.url,
		apiClientKey: API_CLIENT_KEY,
		...overrides,
	};
}

function credentialsFor(sandbox, overrides = {}) {
	return { algonomyApi: { ...CREDENTIAL, data: credentialData(sandbox, overrides) } };
}

/** A helper that keeps the token between runs, as n8n's credentials database does. */
async function persistentCredentials(sandbox, overrides = {}) {
	return await createCredentialsHelper(credentialsFor(sandbox, overrides));
}

const RECS_CREDENTIAL = { id: 'algonomyRecsSandbox', name: 'Algonomy recommendations sandbox' };

/** The keys-only credential (algonomyRecsApi) pointing at the sandbox. */
function recsCredentialsFor(sandbox, overrides = {}) {
	return {
		algonomyRecsApi: {
			...RECS_CREDENTIAL,
			data: {
				apiKey: API_KEY,
				apiClientKey: API_CLIENT_KEY,
				recsBaseUrl: sandbox.url,
				...overrides,
			},
		},
	};
}

function workflow(
	parameters,
	{ items, continueOnFail, nodeCredentials = { algonomyApi: { ...CREDENTIAL } }, typeVersion } = {},
) {
	return oneNodeWorkflow({
		name: 'Algonomy engine test',
		nodeName: NODE,
		type: 'n8n-nodes-personalization.algonomy',
		parameters,
		credentials: nodeCredentials,
		items,
		continueOnFail,
		typeVersion,
	});
}

/**
 * Runs the node. `credentials` is either overrides of the credential fields or a helper from
 * `persistentCredentials` (to keep the token across runs).
 */
async function run(sandbox, parameters, options = {}) {
	const credentials =
		options.credentialStore ??
		(options.credentials && typeof options.credentials.setCredentials === 'function'
			? options.credentials
			: credentialsFor(sandbox, options.credentials));
	const result = await runWorkflow(workflow(parameters, options), { credentials });
	return { ...nodeOutcome(result, NODE), helper: result.credentialsHelper };
}

/** A content object in the API format, valid for replace. */
function content(id, overrides = {}) {
	return { id, name: `Content ${id}`, tags: ['t'], topic: ['news'], ...overrides };
}

/** Node parameters for content from each input item's JSON. */
const fromItems = (operation, options = {}) => ({
	resource: 'content',
	operation,
	contentInput: 'inputItem',
	options,
});

/** Node parameters for content defined with fields. */
function fromFields(operation, overrides = {}) {
	return {
		resource: 'content',
		operation,
		contentInput: 'fields',
		contentId: 'c-1',
		...(operation === 'delete'
			? {}
			: { attributes: { attribute: [{ name: 'topic', values: 'news, sport' }] } }),
		...overrides,
	};
}

/** Runs `fn` with its own sandbox (other options than the shared one), closed afterwards. */
async function withSandbox(options, fn) {
	const own = await algonomy.startAlgonomySandbox(options);
	try {
		return await fn(own);
	} finally {
		await own.close();
	}
}

const contentRequests = (sandbox) =>
	sandbox.requests.filter(
		(request) =>
			request.path.startsWith('/contentupdate/v1/') && !request.path.endsWith('/oauth2/token'),
	);
const tokenRequests = (sandbox) =>
	sandbox.requests.filter((request) => request.path.endsWith('/oauth2/token'));

module.exports = {
	NODE,
	API_KEY,
	CLIENT_ID,
	CLIENT_SECRET,
	API_CLIENT_KEY,
	CREDENTIAL,
	RECS_CREDENTIAL,
	recsCredentialsFor,
	algonomy,
	startAlgonomySandbox: algonomy.startAlgonomySandbox,
	credentialData,
	credentialsFor,
	persistentCredentials,
	workflow,
	run,
	content,
	fromItems,
	fromFields,
	contentRequests,
	tokenRequests,
	withSandbox,
};
