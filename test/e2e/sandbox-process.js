// The sandboxes in their own process (as for a real n8n, which runs in another process too).
const { spawn } = require('node:child_process');
const path = require('node:path');
const readline = require('node:readline');

async function startSandboxProcess(extraArguments = []) {
	const child = spawn(
		process.execPath,
		[path.join(__dirname, '..', '..', 'sandbox', 'cli.js'), '--port', '0', ...extraArguments],
		{
			stdio: ['ignore', 'pipe', 'inherit'],
		},
	);
	const lines = readline.createInterface({ input: child.stdout });
	const { value: line } = await lines[Symbol.asyncIterator]().next();
	const urls = JSON.parse(line);
	const control = async (service, route, method = 'GET', body) => {
		const response = await fetch(`${urls[service]}/__sandbox/${route}`, {
			method,
			headers: { 'content-type': 'application/json' },
			body: body === undefined ? undefined : JSON.stringify(body),
		});
		return response.status === 204 ? undefined : response.json();
	};
	const stop = () =>
		new Promise((resolve) => {
			if (child.exitCode !== null) return resolve();
			child.once('close', resolve);
			child.kill('SIGTERM');
		});
	return { urls, control, stop };
}

module.exports = { startSandboxProcess };
