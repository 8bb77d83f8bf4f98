'use strict';

/**
 * Real-engine test harness: runs exported n8n workflow JSON (`{ name, nodes, connections, pinData? }`)
 * through n8n-core's `WorkflowExecute`, with node types loaded from a BUILT package by
 * `PackageDirectoryLoader`, an in-memory credentials helper that follows the CLI's logic, and real
 * outbound HTTP (n8n-core's `OutboundHttp`). Modelled on n8n's own `packages/core/nodes-testing` harness
 * and on the CLI's manual full-execution path (`ManualExecutionService.runManually`).
 *
 * Usage:
 *   const { runWorkflow } = require('./test/harness');
 *   const result = await runWorkflow(workflowJson, { credentials: { luigisBoxApi: { id: '1', name: 'x', data } } });
 *   result.status; result.json('Luigi\'s Box'); result.nodeError('Luigi\'s Box'); console.table(result.summary());
 */
const { userFolder } = require('./setup'); // must run before n8n-core is loaded
const path = require('node:path');
const { WorkflowExecute, ExecutionLifecycleHooks } = require('n8n-core');
const { Workflow, UserError } = require('n8n-workflow');

const { loadPackage, loadTypes } = require('./types');
const { TestCredentialsHelper } = require('./credentials-helper');
const { createAdditionalData } = require('./additional-data');
const { testCredential } = require('./credential-tester');

const REPO_ROOT = path.resolve(__dirname, '..', '..');

/** Modes in which n8n honours workflow pinData (WorkflowRunner.resolvePinData). */
const PIN_DATA_MODES = ['manual', 'evaluation'];

let executionCounter = 0;

/**
 * Accepts either a credentials map `{ [type]: { id, name, data } }` or an existing
 * TestCredentialsHelper (to keep tokens/counters across several runs, as n8n's DB would).
 */
function resolveCredentialsHelper(credentials, credentialTypes) {
	if (credentials instanceof TestCredentialsHelper) return credentials;
	return new TestCredentialsHelper(credentialTypes, credentials);
}

/** Creates a credentials helper bound to a package's credential types (shareable across runs). */
async function createCredentialsHelper(credentials = {}, { packageDir = REPO_ROOT } = {}) {
	const { credentialTypes } = await loadTypes(packageDir);
	return new TestCredentialsHelper(credentialTypes, credentials);
}

/** pinData as n8n stores it: `{ [nodeName]: INodeExecutionData[] }` (each item has `json`). */
function validatePinData(pinData, workflowData) {
	if (pinData === undefined || pinData === null) return undefined;
	const nodeNames = new Set(workflowData.nodes.map((node) => node.name));
	for (const [nodeName, items] of Object.entries(pinData)) {
		if (!nodeNames.has(nodeName))
			throw new UserError(`pinData refers to unknown node "${nodeName}"`);
		if (
			!Array.isArray(items) ||
			items.some((item) => typeof item?.json !== 'object' || item.json === null)
		) {
			throw new UserError(
				`pinData for "${nodeName}" must be an array of { json: {...} } items, as n8n exports it`,
			);
		}
	}
	return pinData;
}

/** Rejects after `timeoutMs`, cancelling the execution (n8n's own workflow timeout cancels too). */
function withTimeout(execution, timeoutMs) {
	let timer;
	const timeout = new Promise((_, reject) => {
		timer = setTimeout(() => {
			execution.cancel?.();
			reject(new Error(`Workflow did not finish within ${timeoutMs} ms`));
		}, timeoutMs);
	});
	return Promise.race([execution, timeout]).finally(() => clearTimeout(timer));
}

/** Wraps a sync start failure (e.g. WorkflowHasIssuesError) the way n8n records a failed execution. */
function failedRun(error, mode) {
	return {
		data: {
			resultData: { runData: {}, error: { ...error, message: error.message, stack: error.stack } },
		},
		finished: false,
		mode,
		status: 'error',
		startedAt: new Date(),
		stoppedAt: new Date(),
	};
}

/**
 * Runs a workflow like n8n's "Execute workflow" (manual, full execution): the start node is found with
 * `workflow.getStartNode()` (the trigger), `nodeExecutionStack` is seeded with it and one empty item,
 * and pinned nodes output their pinData instead of executing.
 */
async function runWorkflow(workflowJson, options = {}) {
	const { packageDir = REPO_ROOT, credentials = {}, mode = 'manual', timeoutMs = 60000 } = options;
	const { nodeTypes, credentialTypes } = await loadTypes(packageDir);
	const credentialsHelper = resolveCredentialsHelper(credentials, credentialTypes);

	// The Workflow constructor writes parameter defaults into node objects: work on a copy.
	const workflowData = structuredClone(workflowJson);
	const pinData = PIN_DATA_MODES.includes(mode)
		? validatePinData(workflowData.pinData, workflowData)
		: undefined;
	const workflow = new Workflow({
		id: workflowData.id ?? 'harness-workflow',
		name: workflowData.name,
		nodes: workflowData.nodes,
		connections: workflowData.connections ?? {},
		active: false,
		nodeTypes,
		staticData: workflowData.staticData,
		settings: workflowData.settings ?? {},
		pinData,
	});

	const executionId = `harness-${++executionCounter}`;
	const hooks = new ExecutionLifecycleHooks(mode, executionId, workflowData);
	const nodeExecutionOrder = [];
	hooks.addHandler('nodeExecuteAfter', (nodeName) => nodeExecutionOrder.push(nodeName));
	const additionalData = createAdditionalData({ hooks, credentialsHelper, executionId });
	const startedAt = Date.now();

	let execution;
	try {
		// Same call as ManualExecutionService's full execution: run() seeds nodeExecutionStack with
		// workflow.getStartNode() (the trigger) and one empty item, and keeps pinData in resultData.
		execution = new WorkflowExecute(additionalData, mode).run({ workflow, pinData });
	} catch (error) {
		// e.g. "No node to start the workflow from" or WorkflowHasIssuesError, thrown before the run starts.
		return buildResult(
			failedRun(error, mode),
			workflow,
			Date.now() - startedAt,
			credentialsHelper,
			[],
		);
	}
	// The returned PCancelable resolves with the same IRun the `workflowExecuteAfter` hook receives,
	// after that hook ran; node/execution errors never reject it (they land in resultData.error).
	const run = await withTimeout(execution, timeoutMs);
	return buildResult(run, workflow, Date.now() - startedAt, credentialsHelper, nodeExecutionOrder);
}

// ---- result -----------------------------------------------------------------------------------

function buildResult(run, workflow, executionTimeMs, credentialsHelper, nodeExecutionOrder) {
	const { runData = {}, error } = run.data.resultData;

	const task = (nodeName, runIndex = 0) => {
		if (!workflow.getNode(nodeName))
			throw new UserError(`No node named "${nodeName}" in the workflow`);
		return runData[nodeName]?.[runIndex];
	};
	const items = (nodeName, outputIndex = 0, runIndex = 0) =>
		task(nodeName, runIndex)?.data?.main?.[outputIndex] ?? [];

	return {
		status: run.status,
		error,
		runData,
		run,
		executionTimeMs,
		nodeExecutionOrder,
		credentialsHelper,
		items,
		json: (nodeName, outputIndex = 0, runIndex = 0) =>
			items(nodeName, outputIndex, runIndex).map((item) => item.json),
		nodeError: (nodeName, runIndex = 0) => task(nodeName, runIndex)?.error,
		summary: () => summarize(runData, workflow),
	};
}

/** Items a task received: what its source node(s) output on the connected output. */
function countItemsIn(taskData, runData) {
	return (taskData.source ?? []).reduce((sum, source) => {
		if (!source) return sum;
		const sourceTask = runData[source.previousNode]?.[source.previousNodeRun ?? 0];
		return sum + (sourceTask?.data?.main?.[source.previousNodeOutput ?? 0]?.length ?? 0);
	}, 0);
}

function summarize(runData, workflow) {
	const rows = [];
	for (const [nodeName, tasks] of Object.entries(runData)) {
		const node = workflow.getNode(nodeName);
		for (const taskData of tasks) {
			const outputs = taskData.data?.main ?? [];
			rows.push({
				node: nodeName,
				type: node?.type,
				itemsIn: countItemsIn(taskData, runData),
				itemsOut: outputs.reduce((sum, output) => sum + (output?.length ?? 0), 0),
				status: taskData.executionStatus ?? (taskData.error ? 'error' : 'success'),
				...(taskData.error ? { error: taskData.error.message } : {}),
				ms: taskData.executionTime,
				executionIndex: taskData.executionIndex,
			});
		}
	}
	rows.sort((a, b) => (a.executionIndex ?? 0) - (b.executionIndex ?? 0));
	for (const row of rows) delete row.executionIndex;
	return rows;
}

const { oneNodeWorkflow, nodeOutcome } = require('./one-node');

module.exports = {
	runWorkflow,
	oneNodeWorkflow,
	nodeOutcome,
	testCredential,
	loadPackage,
	createCredentialsHelper,
	TestCredentialsHelper,
	REPO_ROOT,
	userFolder,
};
