'use strict';

/**
 * Resolves a credential's `={{ }}` value with n8n's own expression engine, the way n8n resolves
 * credential fields: `$self` is the credential's data (its OAuth2 URLs), `$credentials` an additional
 * key (its test request). For checking that such an expression says what the node's helper says.
 */
const { Workflow } = require('n8n-workflow');

const NODE = { name: 'N', typeVersion: 1, type: 'mock', position: [0, 0], parameters: {} };
const NO_PROPERTIES = { description: { properties: [] } };

async function resolveCredentialValue(value, data) {
	const workflow = new Workflow({
		nodes: [NODE],
		connections: {},
		active: false,
		nodeTypes: {
			getKnownTypes: () => ({}),
			getByName: () => NO_PROPERTIES,
			getByNameAndVersion: () => NO_PROPERTIES,
		},
	});
	await workflow.expression.acquireIsolate();
	try {
		return workflow.expression.getComplexParameterValue(
			NODE,
			{ value },
			'manual',
			{ $credentials: data },
			undefined,
			undefined,
			data,
		).value;
	} finally {
		await workflow.expression.releaseIsolate();
	}
}

module.exports = { resolveCredentialValue };
