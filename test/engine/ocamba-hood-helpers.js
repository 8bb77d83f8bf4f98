// Shared setup for the Ocamba Hood engine tests: a sandbox on a free port, and one-node workflows
// (trigger with pinned input items → Ocamba Hood node) run through the real engine.
const { LoadOptionsContext } = require('n8n-core');
const { Workflow } = require('n8n-workflow');
const { runWorkflow, oneNodeWorkflow, nodeOutcome, REPO_ROOT } = require('../harness');
const { loadTypes } = require('../harness/types');
const { TestCredentialsHelper } = require('../harness/credentials-helper');
const { createAdditionalData } = require('../harness/additional-data');
const { startOcambaHoodSandbox, DEFAULT_TOKEN } = require('../../sandbox/ocamba-hood');

const TOKEN = DEFAULT_TOKEN;
const NODE = 'Ocamba Hood';
const CREDENTIAL = { id: 'ocambaSandbox', name: 'Ocamba Hood sandbox' };
/** Pacing off unless a test turns it on: most tests run against a sandbox without rate limits. */
const UNPACED = { requestsPerSecond: 0 };

function credentialsFor(sandbox, overrides = {}) {
	return {
		ocambaHoodApi: { ...CREDENTIAL, data: { apiToken: TOKEN, baseUrl: sandbox.url, ...overrides } },
	};
}

/** `typeVersion`: the node's version, 1 (what shipped workflows hold) unless a test says otherwise. */
function workflow(parameters, { items, continueOnFail, settings = {}, typeVersion = 1 } = {}) {
	const built = oneNodeWorkflow({
		name: 'Ocamba Hood engine test',
		nodeName: NODE,
		type: 'n8n-nodes-personalization.ocambaHood',
		parameters: { requestOptions: UNPACED, ...parameters },
		credentials: { ocambaHoodApi: CREDENTIAL },
		items,
		continueOnFail,
		settings,
	});
	built.nodes.find((node) => node.name === NODE).typeVersion = typeVersion;
	return built;
}

/** Runs the node; `credentials` overrides let a test use a wrong token. */
async function run(sandbox, parameters, options = {}) {
	const result = await runWorkflow(workflow(parameters, options), {
		credentials: credentialsFor(sandbox, options.credentials),
	});
	return nodeOutcome(result, NODE);
}

/**
 * Calls one of the node's listSearch / loadOptions methods the way the editor does: n8n-core's own
 * LoadOptionsContext on the node, with the credential going through n8n's authentication.
 */
async function callMethod(sandbox, kind, method, ...args) {
	const types = await loadTypes(REPO_ROOT);
	const node = {
		id: 'o',
		name: NODE,
		type: 'n8n-nodes-personalization.ocambaHood',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { ocambaHoodApi: CREDENTIAL },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: types.nodeTypes,
	});
	const credentialsHelper = new TestCredentialsHelper(
		types.credentialTypes,
		credentialsFor(sandbox),
	);
	const context = new LoadOptionsContext(
		workflow,
		node,
		createAdditionalData({ credentialsHelper }),
		'parameters.value',
	);
	const nodeType = types.nodeTypes.getByNameAndVersion(node.type, 1);
	return await nodeType.methods[kind][method].call(context, ...args);
}

const locator = (value, mode = 'id') => ({ __rl: true, mode, value });

/** Sandbox without rate limits (operation tests); the pacing tests configure their own. */
const startSandbox = (options = {}) => startOcambaHoodSandbox({ rateLimit: null, ...options });

module.exports = {
	TOKEN,
	NODE,
	UNPACED,
	startSandbox,
	run,
	workflow,
	locator,
	credentialsFor,
	callMethod,
};
