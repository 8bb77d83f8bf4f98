// What n8n's queue mode needs besides n8n itself, for the e2e tests: a Redis (Debian's redis-server,
// installed when missing on a root machine, as editor-check.js does for Chromium) and a PostgreSQL
// (n8n 2.41 warns that scaling mode is not supported with SQLite), each in a throwaway folder on a
// given port, run as plain child processes (never as system services) and removed again by `stop`.
const { execFileSync, spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const REDIS_SERVER = '/usr/bin/redis-server';
const POSTGRES_BIN = '/usr/lib/postgresql/15/bin';

function ensureRedis() {
	if (fs.existsSync(REDIS_SERVER)) return REDIS_SERVER;
	if (process.getuid?.() !== 0)
		throw new Error(
			`${REDIS_SERVER} is missing: install Debian's redis-server (apt-get install redis-server)`,
		);
	process.stderr.write('[e2e] installing Debian redis-server for the queue-mode test (once)\n');
	execFileSync(
		'bash',
		[
			'-c',
			'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server',
		],
		{ stdio: 'inherit' },
	);
	return REDIS_SERVER;
}

/**
 * Resolves once the child's output so far matches `ready` (its own words: a port that merely accepts
 * connections may belong to another process); rejects when it exits first or after `timeoutMs`.
 */
async function waitForOutput(child, output, ready, label, timeoutMs = 30000) {
	const deadline = Date.now() + timeoutMs;
	while (!ready.test(output())) {
		if (child.exitCode !== null || child.signalCode !== null)
			throw new Error(`${label} exited before it was ready\n${output().slice(-2000)}`);
		if (Date.now() > deadline)
			throw new Error(`${label} was not ready within ${timeoutMs} ms\n${output().slice(-2000)}`);
		await new Promise((resolve) => setTimeout(resolve, 200));
	}
}

/** Ends a child process: SIGTERM, SIGKILL after `graceMs`; resolves once it is gone. */
function stopChild(child, graceMs = 10000) {
	return new Promise((resolve) => {
		if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
		child.once('close', () => resolve());
		child.kill('SIGTERM');
		setTimeout(() => child.kill('SIGKILL'), graceMs).unref();
	});
}

/** A Redis without persistence on `port`; `stop()` ends it and removes its folder. */
async function startRedis(port) {
	const redisServer = ensureRedis();
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-redis-'));
	const child = spawn(
		redisServer,
		[
			'--port',
			String(port),
			'--bind',
			'127.0.0.1',
			'--save',
			'',
			'--appendonly',
			'no',
			'--dir',
			dir,
		],
		{ stdio: ['ignore', 'pipe', 'pipe'] },
	);
	let output = '';
	child.stdout.on('data', (chunk) => (output += chunk));
	child.stderr.on('data', (chunk) => (output += chunk));
	const stop = async () => {
		await stopChild(child);
		fs.rmSync(dir, { recursive: true, force: true });
	};
	try {
		await waitForOutput(child, () => output, /Ready to accept connections/, 'redis-server');
	} catch (error) {
		await stop();
		throw error;
	}
	return { port, stop };
}

/** What n8n needs to use the PostgreSQL that `startPostgres(port)` starts. */
function postgresEnv(port) {
	return {
		DB_TYPE: 'postgresdb',
		DB_POSTGRESDB_HOST: '127.0.0.1',
		DB_POSTGRESDB_PORT: String(port),
		DB_POSTGRESDB_DATABASE: 'postgres',
		DB_POSTGRESDB_USER: 'postgres',
		DB_POSTGRESDB_PASSWORD: '',
	};
}

/**
 * A PostgreSQL 15 cluster in a temporary folder, listening on 127.0.0.1:`port` (and a socket in the
 * folder), trusting local connections. As root, the server runs as the `postgres` user (it refuses
 * root). `env` is what n8n needs to use it.
 */
async function startPostgres(port) {
	for (const tool of ['initdb', 'postgres'])
		if (!fs.existsSync(path.join(POSTGRES_BIN, tool)))
			throw new Error(`${POSTGRES_BIN}/${tool} is missing: install Debian's postgresql-15`);
	const asRoot = process.getuid?.() === 0;
	const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-e2e-postgres-'));
	const dataDir = path.join(dir, 'data');
	// The server refuses to run as root: as root, run it (and initdb) as the `postgres` user. Spawning
	// it with that uid (rather than through runuser) keeps the server itself the child to stop.
	const owner = asRoot
		? {
				uid: Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' })),
				gid: Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' })),
			}
		: {};
	if (asRoot) fs.chownSync(dir, owner.uid, owner.gid);
	let child;
	let output = '';
	const stop = async () => {
		await stopChild(child);
		fs.rmSync(dir, { recursive: true, force: true });
	};
	try {
		execFileSync(
			path.join(POSTGRES_BIN, 'initdb'),
			['-D', dataDir, '-U', 'postgres', '--auth=trust', '--encoding=UTF8', '--no-sync'],
			{ stdio: ['ignore', 'pipe', 'pipe'], cwd: dir, ...owner },
		);
		// `postgres` itself (not pg_ctl) so the child process is the server and `stop` reaches it.
		child = spawn(
			path.join(POSTGRES_BIN, 'postgres'),
			[
				'-D',
				dataDir,
				'-p',
				String(port),
				'-c',
				'listen_addresses=127.0.0.1',
				'-c',
				`unix_socket_directories=${dir}`,
				'-c',
				'fsync=off',
				'-c',
				'synchronous_commit=off',
				'-c',
				'full_page_writes=off',
			],
			{ stdio: ['ignore', 'pipe', 'pipe'], cwd: dir, ...owner },
		);
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		await waitForOutput(child, () => output, /ready to accept connections/, 'PostgreSQL');
	} catch (error) {
		await stop();
		throw error;
	}
	return {
		port,
		env: postgresEnv(port),
		stop,
	};
}

module.exports = { ensureRedis, startRedis, startPostgres, postgresEnv, stopChild };
