'use strict';

const { spawn } = require('node:child_process');
const path = require('node:path');
const readline = require('node:readline');

const CLI = path.join(__dirname, '../../sandbox/cli.js');

/** Starts the CLI and resolves the parsed first stdout line together with the child process. */
function startCli(args) {
	const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
	const exited = new Promise((resolve) =>
		child.once('exit', (code, signal) => resolve({ code, signal })),
	);
	const firstLine = new Promise((resolve, reject) => {
		readline
			.createInterface({ input: child.stdout })
			.once('line', (line) => resolve(JSON.parse(line)));
		child.once('exit', () => reject(new Error('CLI exited before printing its URLs')));
	});
	firstLine.catch(() => {}); // callers that only test failures never await it
	return { child, exited, firstLine };
}

describe('sandbox CLI', () => {
	test('prints the URL, serves the seeded sandbox with a rate limit, stops on SIGTERM', async () => {
		const { child, exited, firstLine } = startCli([
			'--port',
			'0',
			'--seed',
			'--rate',
			'50',
			'--service',
			'luigisbox',
		]);
		try {
			const urls = await firstLine;
			expect(urls).toEqual({ luigisbox: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+$/) });
			const store = await fetch(`${urls.luigisbox}/__sandbox/luigisbox/customizations`).then(
				(response) => response.json(),
			);
			expect(store.results).toHaveLength(5);
			const limit = await fetch(`${urls.luigisbox}/__sandbox/rate-limit`, {
				method: 'POST',
				body: JSON.stringify({ requestsPerSecond: 50 }),
			});
			expect(await limit.json()).toEqual({ rateLimit: { requestsPerSecond: 50, burst: 50 } });
		} finally {
			child.kill('SIGTERM');
		}
		expect(await exited).toEqual({ code: 0, signal: null });
	});

	test('rejects unknown arguments with exit code 2', async () => {
		const { child, exited } = startCli(['--service', 'nope']);
		let stderr = '';
		child.stderr.on('data', (chunk) => (stderr += chunk));
		expect((await exited).code).toBe(2);
		expect(stderr).toMatch(/Unknown service nope/);
	});
});
