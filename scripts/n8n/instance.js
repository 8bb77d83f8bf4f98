// A real n8n process around a throwaway user folder, with this package installed the way a user's
// community-package install leaves it: <user folder>/.n8n/nodes/node_modules/n8n-nodes-personalization.
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const { ensureN8n, REPO_ROOT } = require('./ensure');
const { parseRunOutput } = require('./output');

const PACKAGE_NAME = require('../../package.json').name;

/** A port nobody listens on right now. */
function freePort() {
	return new Promise((resolve, reject) => {
		const server = net.createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address();
			server.close(() => resolve(port));
		});
	});
}

/** `npm pack` (only what `files` publishes) unpacked into the community-nodes folder. */
function installPackage(userFolder) {
	const target = path.join(userFolder, '.n8n', 'nodes', 'node_modules', PACKAGE_NAME);
	const packDir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-pack-'));
	const [{ filename }] = JSON.parse(
		execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', packDir], {
			cwd: REPO_ROOT,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		}),
	);
	fs.rmSync(target, { recursive: true, force: true });
	fs.mkdirSync(target, { recursive: true });
	execFileSync('tar', ['-xzf', path.join(packDir, filename), '-C', target, '--strip-components=1']);
	fs.rmSync(packDir, { recursive: true, force: true });
	return target;
}

async function createInstance({
	userFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-')),
	port = 5678,
	env: extraEnv = {},
} = {}) {
	const { node, n8nBin } = await ensureN8n();
	installPackage(userFolder);
	const env = {
		...process.env,
		N8N_USER_FOLDER: userFolder,
		N8N_PORT: String(port),
		N8N_DIAGNOSTICS_ENABLED: 'false',
		N8N_VERSION_NOTIFICATIONS_ENABLED: 'false',
		N8N_PERSONALIZATION_ENABLED: 'false',
		N8N_LOG_LEVEL: 'info',
		// n8n's own test-free defaults that would otherwise print warnings on every command.
		N8N_RUNNERS_ENABLED: 'true',
		N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS: 'false',
		...extraEnv,
	};
	// Under jest NODE_ENV is "test", which makes n8n print nothing and skip its normal start-up.
	env.NODE_ENV = 'production';
	delete env.NODE_OPTIONS;
	for (const name of Object.keys(env)) if (name.startsWith('JEST_')) delete env[name];

	// Every n8n process starts a task broker (for Code nodes); the default port would collide with a
	// process still shutting down, or with an editor that is running.
	const processEnv = async () => ({ ...env, N8N_RUNNERS_BROKER_PORT: String(await freePort()) });

	/** Runs an n8n CLI command; resolves with its stdout. */
	const cli = async (args, { timeoutMs = 120000 } = {}) => {
		const childEnv = await processEnv();
		return await new Promise((resolve, reject) => {
			const child = spawn(node, [n8nBin, ...args], {
				env: childEnv,
				stdio: ['ignore', 'pipe', 'pipe'],
			});
			let stdout = '';
			let stderr = '';
			const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
			child.stdout.on('data', (chunk) => (stdout += chunk));
			child.stderr.on('data', (chunk) => (stderr += chunk));
			child.on('close', (code) => {
				clearTimeout(timer);
				if (code === 0) resolve(stdout);
				else
					reject(
						new Error(
							`n8n ${args[0]} exited ${code}\n${stdout.slice(-3000)}\n${stderr.slice(-3000)}`,
						),
					);
			});
		});
	};

	/**
	 * Spawns a long-running n8n command and polls `isReady` until it holds; resolves the process, its
	 * output so far (a function) and `stop` (SIGTERM, SIGKILL after 15 s; resolves once it is gone).
	 */
	const spawnUntilReady = async (label, args, isReady, timeoutMs, extraProcessEnv = {}) => {
		const child = spawn(node, [n8nBin, ...args], {
			env: { ...(await processEnv()), ...extraProcessEnv },
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		const stop = () =>
			new Promise((resolve) => {
				if (child.exitCode !== null || child.signalCode !== null) return resolve();
				child.once('close', resolve);
				child.kill('SIGTERM');
				setTimeout(() => child.kill('SIGKILL'), 15000).unref();
			});
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			if (child.exitCode !== null)
				throw new Error(`n8n ${label} exited ${child.exitCode}\n${output.slice(-3000)}`);
			try {
				if (await isReady()) break;
			} catch {
				// not listening yet
			}
			if (Date.now() > deadline) {
				child.kill('SIGKILL');
				throw new Error(
					`n8n ${label} did not become ready within ${timeoutMs} ms\n${output.slice(-3000)}`,
				);
			}
			await new Promise((resolve) => setTimeout(resolve, 500));
		}
		return { child, output: () => output, stop };
	};

	const writeJson = (name, value) => {
		const file = path.join(userFolder, name);
		fs.writeFileSync(file, JSON.stringify(value));
		return file;
	};

	return {
		userFolder,
		env,
		node,
		n8nBin,
		cli,
		/** `[{ id, name, type, data }]` with plain data: n8n encrypts it on import. */
		importCredentials: (credentials) =>
			cli(['import:credentials', `--input=${writeJson('credentials.json', credentials)}`]),
		importWorkflow: (workflow) =>
			cli(['import:workflow', `--input=${writeJson(`workflow-${workflow.id}.json`, workflow)}`]),
		/** `n8n execute --id --rawOutput`: the run data (stdout also has log lines, before or after it). */
		async execute(workflowId) {
			const stdout = await cli(['execute', `--id=${workflowId}`, '--rawOutput'], {
				timeoutMs: 180000,
			});
			return parseRunOutput(stdout);
		},
		/** Starts the editor/server; resolves once its REST API answers. */
		async start({ timeoutMs = 120000 } = {}) {
			const {
				child: server,
				output,
				stop,
			} = await spawnUntilReady(
				'start',
				['start'],
				async () => {
					// /healthz answers while n8n still shows "starting up"; the settings API only once it is ready.
					const response = await fetch(`http://127.0.0.1:${port}/rest/settings`, {
						signal: AbortSignal.timeout(10000),
					});
					await response.arrayBuffer();
					return response.ok && response.headers.get('content-type')?.includes('json');
				},
				timeoutMs,
			);
			const url = `http://127.0.0.1:${port}`;
			return {
				url,
				/** The server process (the peer benchmark reads its memory). */
				pid: server.pid,
				output,
				/** Creates the owner account on a fresh instance (or signs in); returns the session cookie. */
				async signIn({ email, password }) {
					const json = { 'content-type': 'application/json' };
					let response = await fetch(`${url}/rest/owner/setup`, {
						method: 'POST',
						headers: json,
						body: JSON.stringify({ email, password, firstName: 'Sandbox', lastName: 'Developer' }),
					});
					if (!response.ok) {
						response = await fetch(`${url}/rest/login`, {
							method: 'POST',
							headers: json,
							body: JSON.stringify({ emailOrLdapLoginId: email, password }),
						});
					}
					if (!response.ok)
						throw new Error(`n8n sign-in failed: ${response.status} ${await response.text()}`);
					return response.headers.get('set-cookie').split(';')[0];
				},
				/** A REST call as the editor makes it, with the session cookie from `signIn`; resolves `{ status, body }`. */
				async rest(cookie, method, route, body) {
					const response = await fetch(`${url}/rest/${route}`, {
						method,
						headers: { cookie, 'content-type': 'application/json' },
						body: body === undefined ? undefined : JSON.stringify(body),
					});
					return { status: response.status, body: await response.json() };
				},
				/**
				 * What the Save button of the credential dialog does: tests the credential with the values typed
				 * now (`change` over what the editor holds for the stored credential). Resolves n8n's verdict.
				 */
				async testCredential(cookie, credential, change) {
					const stored = await this.rest(
						cookie,
						'GET',
						`credentials/${credential.id}?includeData=true`,
					);
					if (stored.status !== 200)
						throw new Error(`reading credential ${credential.id}: ${stored.status}`);
					const data = { ...stored.body.data.data, ...change };
					const tested = await this.rest(cookie, 'POST', 'credentials/test', {
						credentials: { id: credential.id, name: credential.name, type: credential.type, data },
					});
					return tested.body.data;
				},
				stop,
			};
		},
		/**
		 * Starts an `n8n worker` (queue mode: give the instance EXECUTIONS_MODE=queue and the Redis and
		 * database settings); resolves once its readiness check says it takes jobs. `healthPort` is where
		 * that check listens.
		 */
		async worker({ healthPort, concurrency = 10, timeoutMs = 120000 }) {
			const { child, output, stop } = await spawnUntilReady(
				'worker',
				['worker', `--concurrency=${concurrency}`],
				async () => {
					const response = await fetch(`http://127.0.0.1:${healthPort}/healthz/readiness`, {
						signal: AbortSignal.timeout(10000),
					});
					await response.arrayBuffer();
					return response.ok;
				},
				timeoutMs,
				{ QUEUE_HEALTH_CHECK_ACTIVE: 'true', QUEUE_HEALTH_CHECK_PORT: String(healthPort) },
			);
			return { pid: child.pid, output, stop };
		},
		/**
		 * Starts the editor, signs in, runs `fn({ server, testCredential })` and stops the editor again.
		 * `testCredential(credential, change)` is the Save button's test with `change` typed in.
		 */
		async inEditor(fn, login = { email: 'e2e@example.com', password: 'Sandbox-Password-1' }) {
			const server = await this.start();
			try {
				const cookie = await server.signIn(login);
				return await fn({
					server,
					testCredential: (credential, change) => server.testCredential(cookie, credential, change),
				});
			} finally {
				await server.stop();
			}
		},
		cleanup: () => fs.rmSync(userFolder, { recursive: true, force: true }),
	};
}

module.exports = { createInstance, installPackage, freePort };
