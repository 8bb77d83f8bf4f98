// `npm run demo`: starts the sandbox APIs, runs every workflow in examples/ through n8n's real
// execution engine (n8n-core WorkflowExecute, the built package) and prints what each node did.
// n8n's core nodes (n8n-nodes-base) are not installed here, so they run as stand-ins that pass their
// input through: the demo says which steps those were and never counts them as done. The real ones
// run in `npm run dev` and in the e2e tests.
const fs = require('node:fs');
const path = require('node:path');
const { runWorkflow } = require('../test/harness');
const { startSandboxes } = require('./sandboxes');

const EXAMPLES = path.join(__dirname, '..', 'examples');
const OUR_PREFIX = 'n8n-nodes-personalization.';
// Stand-ins that do what the real node does for these examples: triggers emit one empty item, the Code
// stand-in runs the JavaScript. Every other core node only passes its input through: not run.
const isEmulated = (type) => /Trigger$/.test(type) || type === 'n8n-nodes-base.code';
const isStandIn = (type) => type.startsWith('n8n-nodes-base.') && !isEmulated(type);

function preview(json) {
	const text = JSON.stringify(json);
	return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

async function main() {
	const { sandboxes, credentials, close } = await startSandboxes();
	let failures = 0;
	try {
		console.log(
			`Sandboxes: ${Object.entries(sandboxes)
				.map(([name, s]) => `${name} ${s.url}`)
				.join(', ')}\n`,
		);
		for (const file of fs
			.readdirSync(EXAMPLES)
			.filter((name) => name.endsWith('.json'))
			.sort()) {
			const workflow = JSON.parse(fs.readFileSync(path.join(EXAMPLES, file), 'utf8'));
			const result = await runWorkflow(workflow, { credentials });
			const standIns = workflow.nodes
				.filter((node) => isStandIn(node.type))
				.map((node) => node.name);
			const outcome =
				result.status === 'success' && standIns.length
					? `our nodes: success; not run (stand-ins): ${standIns.join(', ')}`
					: result.status;
			console.log(`▶ ${workflow.name}  (examples/${file}) → ${outcome}`);
			for (const step of result.summary()) {
				const ours = step.type.startsWith(OUR_PREFIX);
				const marker = ours ? '●' : isStandIn(step.type) ? '○' : '◐';
				console.log(
					`  ${marker} ${step.node} [${step.type}] ${step.itemsIn} in → ${step.itemsOut} out, ${step.ms} ms${step.error ? `  ERROR: ${step.error}` : ''}`,
				);
				if (ours && step.status === 'success') {
					for (const json of result.json(step.node).slice(0, 3))
						console.log(`      ${preview(json)}`);
					if (step.itemsOut > 3) console.log(`      … ${step.itemsOut - 3} more`);
				}
			}
			if (result.status !== 'success') failures++;
			console.log('');
		}
		// The same upsert while the API misbehaves: the shared transport waits and retries.
		const sync = JSON.parse(
			fs.readFileSync(path.join(EXAMPLES, 'luigisbox-sync-from-list.json'), 'utf8'),
		);
		sandboxes.luigisbox.injectFault({ type: 'status', status: 429, retryAfter: 1 });
		sandboxes.luigisbox.injectFault({ type: 'status', status: 503 });
		const before = sandboxes.luigisbox.stats.requests;
		const flaky = await runWorkflow(sync, { credentials });
		console.log(
			`▶ ${sync.name}, with the sandbox answering 429 (Retry-After: 1) then 503 → our nodes: ${flaky.status}`,
		);
		console.log(
			`  ${sandboxes.luigisbox.stats.requests - before} requests for one bulk batch, ${flaky.json('Upsert customizations').length} items upserted\n`,
		);
		if (flaky.status !== 'success') failures++;

		for (const [name, sandbox] of Object.entries(sandboxes)) {
			const { requests, byStatus } = sandbox.stats;
			console.log(
				`${name} sandbox received ${requests} requests, by status: ${JSON.stringify(byStatus)}`,
			);
		}
		console.log(
			'\n● our nodes (real engine, real HTTP)   ◐ emulated core nodes (triggers emit one empty item, Code runs its JavaScript in node:vm)\n' +
				'○ other n8n core nodes: stand-ins that only pass their input through, NOT run here. To run every\n' +
				'  step for real, use `npm run dev` (the examples are imported into a real n8n editor).',
		);
	} finally {
		await close();
	}
	if (failures) {
		console.error(`${failures} example workflow(s) failed`);
		process.exitCode = 1;
	}
}

main().catch((error) => {
	console.error(error);
	process.exitCode = 1;
});
