'use strict';

// The shape every engine test runs: a manual trigger with pinned input items → one of our nodes.
// Each service's test helpers add only what differs (credential data, default parameters).

/** A workflow: trigger (emitting `items`) → the node under test. */
function oneNodeWorkflow({
	name,
	nodeName,
	type,
	parameters,
	credentials,
	items = [{}],
	continueOnFail = false,
	settings,
	typeVersion = 1,
}) {
	return {
		name,
		...(settings ? { settings } : {}),
		nodes: [
			{
				id: 't',
				name: 'Trigger',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'n',
				name: nodeName,
				type,
				typeVersion,
				position: [200, 0],
				parameters,
				credentials,
				...(continueOnFail ? { onError: 'continueRegularOutput' } : {}),
			},
		],
		connections: { Trigger: { main: [[{ node: nodeName, type: 'main', index: 0 }]] } },
		pinData: { Trigger: items.map((json) => ({ json })) },
	};
}

/** What a test reads of a run of the node under test. */
function nodeOutcome(result, nodeName) {
	return {
		result,
		status: result.status,
		items: result.status === 'success' ? result.items(nodeName) : [],
		json: result.status === 'success' ? result.json(nodeName) : [],
		error: result.nodeError(nodeName),
	};
}

module.exports = { oneNodeWorkflow, nodeOutcome };
