// Helpers shared by the per-service benchmarks in scripts/bench/.
const { spawn } = require('node:child_process');
const path = require('node:path');
const readline = require('node:readline');
const { runWorkflow, oneNodeWorkflow } = require('../test/harness');

/** Starts one service's sandbox in its own process (so its CPU is not counted); returns its URL. */
async function startSandboxProcess(service, extraArguments = []) {
	const child = spawn(
		process.execPath,
		[
			path.join(__dirname, '..', 'sandbox', 'cli.js'),
			'--service',
			service,
			'--port',
			'0',
			...extraArguments,
		],
		{ stdio: ['ignore', 'pipe', 'inherit'] },
	);
	const lines = readline.createInterface({ input: child.stdout });
	const { value: line } = await lines[Symbol.asyncIterator]().next();
	return { url: JSON.parse(line)[service], stop: () => child.kill('SIGTERM') };
}

/** Steers a sandbox over its /__sandbox/ control endpoints. */
function sandboxControl(url) {
	return async (route, method = 'GET', body) => {
		const response = await fetch(`${url}/__sandbox/${route}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return response.status === 204 ? undefined : response.json();
	};
}

/** Trigger with pinned input items → one node of ours (the engine tests' shape). */
function singleNodeWorkflow({ type, name, credentialType, credentialId, parameters, items }) {
	return oneNodeWorkflow({
		name: 'bench',
		nodeName: name,
		type,
		parameters,
		credentials: { [credentialType]: { id: credentialId, name: 'bench' } },
		items,
	});
}

/**
 * Runs a workflow and returns wall time, CPU of this process, the requests and 429s the sandbox saw
 * (from its stats), and the node's failed and total output items.
 */
async function measureRun({ workflow, nodeName, credentials, control }) {
	const before = await control('stats');
	const started = process.hrtime.bigint();
	const cpuBefore = process.cpuUsage();
	const result = await runWorkflow(workflow, { credentials, timeoutMs: 30 * 60_000 });
	const cpu = process.cpuUsage(cpuBefore);
	const seconds = Number(process.hrtime.bigint() - started) / 1e9;
	const after = await control('stats');
	if (result.status !== 'success') throw new Error(`bench run failed: ${result.error?.message}`);
	const output = result.items(nodeName);
	return {
		seconds,
		cpuMs: (cpu.user + cpu.system) / 1000,
		requests: after.requests - before.requests,
		rateLimited: after.rateLimited - before.rateLimited,
		failedItems: output.filter((item) => item.json.error).length,
		outputItems: output.length,
	};
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

module.exports = { startSandboxProcess, sandboxControl, singleNodeWorkflow, measureRun, median };
