// Shared setup for the Luigi's Box engine tests: a sandbox on a free port, and one-node workflows
// (trigger with pinned input items → Luigi's Box node) run through the real engine.
const { runWorkflow, oneNodeWorkflow, nodeOutcome } = require('../harness');
const { startLuigisBoxSandbox } = require('../../sandbox/luigisbox');

const TRACKER = '1234-5678';
const PRIVATE_KEY = 'your_private_api_key';
const NODE = "Luigi's Box";

function credentialsFor(sandbox, overrides = {}) {
	return {
		luigisBoxApi: {
			id: 'lbSandbox',
			name: "Luigi's Box sandbox",
			data: { trackerId: TRACKER, privateKey: PRIVATE_KEY, baseUrl: sandbox.url, ...overrides },
		},
	};
}

function workflow(parameters, { items, continueOnFail, settings = {} } = {}) {
	return oneNodeWorkflow({
		name: "Luigi's Box engine test",
		nodeName: NODE,
		type: 'n8n-nodes-personalization.luigisBox',
		parameters: { resource: 'customization', ...parameters },
		credentials: { luigisBoxApi: { id: 'lbSandbox', name: "Luigi's Box sandbox" } },
		items,
		continueOnFail,
		settings,
	});
}

/** Runs the node; `credentials` overrides let a test use a wrong key. */
async function run(sandbox, parameters, options = {}) {
	const result = await runWorkflow(workflow(parameters, options), {
		credentials: credentialsFor(sandbox, options.credentials),
	});
	return nodeOutcome(result, NODE);
}

/** A valid customization in API form, for preloading the store. */
function customization(overrides = {}) {
	return {
		model: 'basket',
		target_type: 'item',
		target_identity: '/p/1/',
		pin_definitions: [{ position: 1, pin_type: 'item', pin_identity: '/p/2/' }],
		...overrides,
	};
}

/** Node parameters for a customization defined with fields. */
function fieldParameters(overrides = {}) {
	return {
		customizationInput: 'fields',
		model: { __rl: true, mode: 'name', value: 'basket' },
		targetType: 'item',
		targetIdentity: '/p/100/',
		pinDefinitionsInput: 'fields',
		pins: { pin: [{ position: 1, pinType: 'item', pinIdentity: '/p/200/' }] },
		...overrides,
	};
}

const locator = (value, mode = 'id') => ({ __rl: true, mode, value });

module.exports = {
	TRACKER,
	PRIVATE_KEY,
	NODE,
	startLuigisBoxSandbox,
	run,
	customization,
	fieldParameters,
	locator,
	credentialsFor,
	workflow,
};
