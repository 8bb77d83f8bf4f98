'use strict';

/**
 * Runs a polling trigger's poll() through n8n-core the way n8n's active-workflow poller does: a
 * `PollContext` over the workflow, in `trigger` mode for an active workflow (or `manual` for
 * "Fetch Test Event"), with the node's static data kept between polls. As n8n's staged cursor
 * does, static data is kept only when a poll succeeded: a failing poll leaves it as it was.
 */
require('./setup');
const { PollContext, ExecutionLifecycleHooks } = require('n8n-core');
const { Workflow } = require('n8n-workflow');

const { loadTypes } = require('./types');
const { TestCredentialsHelper } = require('./credentials-helper');
const { createAdditionalData } = require('./additional-data');
const path = require('node:path');

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/**
 * A trigger node in an active workflow. `poll()` resolves with the items emitted (an empty list
 * when the poll returned null) or rejects with the poll's error.
 */
async function createPoller({ type, parameters, credentials, credentialData }) {
	const { nodeTypes, credentialTypes } = await loadTypes(REPO_ROOT);
	const credentialsHelper = new TestCredentialsHelper(credentialTypes, credentialData);
	let savedStaticData = {};
	let polls = 0;

	async function poll({ mode = 'trigger' } = {}) {
		const node = {
			id: 'trigger',
			name: 'Trigger',
			type,
			typeVersion: 1,
			position: [0, 0],
			parameters: structuredClone(parameters),
			credentials,
		};
		const workflow = new Workflow({
			id: 'poll-workflow',
			name: 'Poll test',
			nodes: [node],
			connections: {},
			active: true,
			nodeTypes,
			// As stored in n8n's database between polls: a JSON copy.
			staticData: structuredClone(savedStaticData),
			settings: {},
		});
		const executionId = `poll-${++polls}`;
		const hooks = new ExecutionLifecycleHooks('trigger', executionId, { nodes: [node] });
		const additionalData = createAdditionalData({ hooks, credentialsHelper, executionId });
		const workflowNode = workflow.getNode('Trigger');
		const context = new PollContext(workflow, workflowNode, additionalData, mode, 'activate');
		const nodeType = nodeTypes.getByNameAndVersion(type, 1);
		const response = await nodeType.poll.call(context);
		if (mode !== 'manual') savedStaticData = JSON.parse(JSON.stringify(workflow.staticData));
		return response === null ? [] : response[0].map((item) => item.json);
	}

	return {
		poll,
		staticData: () => savedStaticData,
		staticDataSize: () => JSON.stringify(savedStaticData).length,
	};
}

module.exports = { createPoller };
