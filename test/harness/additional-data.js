'use strict';

/**
 * `IWorkflowExecuteAdditionalData` for harness runs: the fields the CLI's `getBase()` fills that
 * matter to node execution, with URLs of a default local n8n. Anything the harness cannot provide
 * (sub-workflows, the Code node's task runner) throws a clear error instead of silently faking it.
 */
const BASE_URL = 'http://localhost:5678';

function unsupported(feature) {
	return async () => {
		throw new Error(
			`${feature} is not available in the test harness; pin the node's output instead`,
		);
	};
}

function createAdditionalData({ hooks, credentialsHelper, executionId, userId }) {
	return {
		hooks,
		credentialsHelper,
		executionId,
		userId,
		currentNodeExecutionIndex: 0,
		currentNodeParameters: undefined, // read from node.parameters, as in a normal run
		executionTimeoutTimestamp: undefined,
		variables: {},
		restApiUrl: `${BASE_URL}/rest`,
		instanceBaseUrl: `${BASE_URL}/`,
		formBaseUrl: `${BASE_URL}/form`,
		formWaitingBaseUrl: `${BASE_URL}/form-waiting`,
		formTestBaseUrl: `${BASE_URL}/form-test`,
		webhookBaseUrl: `${BASE_URL}/webhook`,
		webhookWaitingBaseUrl: `${BASE_URL}/webhook-waiting`,
		webhookTestBaseUrl: `${BASE_URL}/webhook-test`,
		mcpBaseUrl: `${BASE_URL}/mcp`,
		mcpTestBaseUrl: `${BASE_URL}/mcp-test`,
		setExecutionStatus: () => {},
		sendDataToUI: () => {},
		logAiEvent: () => {},
		getRunExecutionData: async () => undefined,
		getRuntimeCredential: async () => undefined,
		executeWorkflow: unsupported('Executing sub-workflows'),
		startRunnerTask: unsupported('The task runner (Code node)'),
	};
}

module.exports = { createAdditionalData };
