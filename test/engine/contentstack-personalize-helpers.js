// Shared setup for the Contentstack Personalize engine tests: a sandbox on a free port that plays the
// Management API, the CMA login, the Developer Hub token endpoint and (under /edge) the Edge API, and
// one-node workflows (trigger with pinned items → Contentstack Personalize node) run through the real engine.
const { LoadOptionsContext } = require('n8n-core');
const { Workflow } = require('n8n-workflow');
const {
	runWorkflow,
	createCredentialsHelper,
	oneNodeWorkflow,
	nodeOutcome,
	REPO_ROOT,
} = require('../harness');
const { loadTypes } = require('../harness/types');
const { TestCredentialsHelper } = require('../harness/credentials-helper');
const { createAdditionalData } = require('../harness/additional-data');
const contentstack = require('../../sandbox/contentstack-personalize');

const NODE = 'Contentstack Personalize';
const API = 'contentstackPersonalizeApi';
const OAUTH2 = 'contentstackPersonalizeOAuth2Api';
const CREDENTIAL = { id: 'contentstackTest', name: 'Contentstack Personalize test' };
const PROJECT = contentstack.DEFAULT_PROJECT_UID;
/** Operation tests do not wait for the pacer; the pacing tests set their own rate. */
const UNPACED = { requestsPerSecond: 0 };

function credentialData(sandbox, overrides = {}) {
	return {
		region: 'custom',
		managementUrl: sandbox.url,
		edgeUrl: `${sandbox.url}/edge`,
		cmaUrl: sandbox.url,
		projectUid: PROJECT,
		organizationUid: contentstack.DEFAULT_ORG_UID,
		authMode: 'authtoken',
		authtoken: contentstack.DEFAULT_AUTHTOKEN,
		...overrides,
	};
}

const loginData = (sandbox, overrides = {}) =>
	credentialData(sandbox, {
		authMode: 'emailPassword',
		authtoken: '',
		email: contentstack.DEFAULT_EMAIL,
		password: contentstack.DEFAULT_PASSWORD,
		...overrides,
	});

/** The OAuth2 credential, connected: n8n keeps the token answer in oauthTokenData. */
function oauth2Data(sandbox, token, overrides = {}) {
	return {
		region: 'custom',
		managementUrl: sandbox.url,
		edgeUrl: `${sandbox.url}/edge`,
		appUid: '6650ffffffffffffffff0001',
		projectUid: PROJECT,
		clientId: contentstack.DEFAULT_CLIENT_ID,
		clientSecret: contentstack.DEFAULT_CLIENT_SECRET,
		tokenUrlOverride: `${sandbox.url}/token`,
		authorizationUrlOverride: `${sandbox.url}/authorize`,
		oauthTokenData: token,
		...overrides,
	};
}

function credentialsFor(sandbox, overrides = {}, type = API) {
	return {
		[type]: { ...CREDENTIAL, data: type === API ? credentialData(sandbox, overrides) : overrides },
	};
}

/** A helper that keeps what preAuthentication or an OAuth refresh stored, as n8n's database does. */
async function persistentCredentials(data, type = API) {
	return await createCredentialsHelper({ [type]: { ...CREDENTIAL, data } });
}

function workflow(parameters, { items, continueOnFail, type = API, typeVersion } = {}) {
	const built = oneNodeWorkflow({
		name: 'Contentstack Personalize engine test',
		nodeName: NODE,
		type: 'n8n-nodes-personalization.contentstackPersonalize',
		parameters: {
			authentication: type === OAUTH2 ? 'oAuth2' : 'accessToken',
			requestOptions: UNPACED,
			...parameters,
		},
		credentials: { [type]: { ...CREDENTIAL } },
		items,
		continueOnFail,
	});
	// Engine tests run version 1 nodes (as saved workflows hold them) unless they ask for another.
	if (typeVersion !== undefined)
		built.nodes.find((node) => node.name === NODE).typeVersion = typeVersion;
	return built;
}

/**
 * Runs the node. `credentials` is either overrides of the credential fields or a helper from
 * `persistentCredentials`; `type` picks the credential (and the node's Authentication).
 */
async function run(sandbox, parameters, options = {}) {
	const type = options.type ?? API;
	const credentials =
		options.credentials && typeof options.credentials.setCredentials === 'function'
			? options.credentials
			: credentialsFor(sandbox, options.credentials, type);
	const result = await runWorkflow(workflow(parameters, { ...options, type }), { credentials });
	return nodeOutcome(result, NODE);
}

/** Calls a listSearch or loadOptions method through n8n-core's LoadOptionsContext, as the editor does. */
async function callMethod(
	sandbox,
	kind,
	method,
	{ parameters = {}, credentials = {}, type = API } = {},
	...args
) {
	const types = await loadTypes(REPO_ROOT);
	const node = {
		id: 'c',
		name: NODE,
		type: 'n8n-nodes-personalization.contentstackPersonalize',
		typeVersion: 1,
		position: [0, 0],
		parameters: { authentication: type === OAUTH2 ? 'oAuth2' : 'accessToken', ...parameters },
		credentials: { [type]: { ...CREDENTIAL } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: types.nodeTypes,
	});
	const credentialsHelper = new TestCredentialsHelper(
		types.credentialTypes,
		credentialsFor(sandbox, credentials, type),
	);
	// The editor sends the node's current parameters with the request; n8n keeps them here.
	const additionalData = createAdditionalData({ credentialsHelper });
	additionalData.currentNodeParameters = node.parameters;
	const context = new LoadOptionsContext(workflow, node, additionalData, 'parameters.value');
	const nodeType = types.nodeTypes.getByNameAndVersion(node.type, 1);
	return await nodeType.methods[kind][method].call(context, ...args);
}

/** A resource locator given by ID, as a workflow stores it. */
const byId = (value) => ({ __rl: true, mode: 'id', value });

/** Runs `fn` with its own sandbox (other options than the shared one), closed afterwards. */
async function withSandbox(options, fn) {
	const own = await contentstack.startContentstackPersonalizeSandbox(options);
	try {
		return await fn(own);
	} finally {
		await own.close();
	}
}

/** The service requests the sandbox saw (method and path), login and token calls included. */
const calls = (sandbox) => sandbox.requests.map((request) => `${request.method} ${request.path}`);

module.exports = {
	NODE,
	API,
	OAUTH2,
	CREDENTIAL,
	PROJECT,
	UNPACED,
	contentstack,
	startSandbox: contentstack.startContentstackPersonalizeSandbox,
	credentialData,
	loginData,
	oauth2Data,
	credentialsFor,
	persistentCredentials,
	workflow,
	run,
	callMethod,
	byId,
	withSandbox,
	calls,
};
