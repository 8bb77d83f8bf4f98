// Provides a pinned real n8n on Node >= 24, installed once into .cache/ (git-ignored) and reused.
// The recipe: n8n 2.41.1 (2.41.3 needs packages the registry mirror lacks),
// `linkedom` pinned to 0.18.14 (0.18.15 needs cssomnom, also missing), `--ignore-scripts` (a Kafka
// client's native build downloads zlib), then only sqlite3 and isolated-vm rebuilt against Node 24.
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const N8N_VERSION = '2.41.1';
const NODE24_PACKAGE_VERSION = '24.9.0';
const REPO_ROOT = path.resolve(__dirname, '..', '..');
const CACHE = path.join(REPO_ROOT, '.cache');

const log = (message) => process.stderr.write(`[n8n] ${message}\n`);

function run(command, args, { cwd, env = process.env, label }) {
	return new Promise((resolve, reject) => {
		const started = Date.now();
		const child = spawn(command, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
		let output = '';
		child.stdout.on('data', (chunk) => (output += chunk));
		child.stderr.on('data', (chunk) => (output += chunk));
		// npm prints nothing for minutes; say that it is still working.
		const heartbeat = setInterval(
			() => log(`${label}: still working (${Math.round((Date.now() - started) / 1000)} s)`),
			20000,
		);
		child.on('close', (code) => {
			clearInterval(heartbeat);
			if (code === 0) {
				log(`${label}: done in ${Math.round((Date.now() - started) / 1000)} s`);
				resolve(output);
			} else reject(new Error(`${label} failed (exit ${code}):\n${output.slice(-4000)}`));
		});
	});
}

/** The machine's Node when it is >= 24, otherwise the `node-linux-<arch>` registry package. */
async function ensureNode24() {
	if (Number(process.versions.node.split('.')[0]) >= 24) {
		return { node: process.execPath, nodeDir: path.resolve(path.dirname(process.execPath), '..') };
	}
	const prefix = path.join(CACHE, `node-${NODE24_PACKAGE_VERSION}`);
	const packageName = `node-${process.platform}-${process.arch}`;
	const nodeDir = path.join(prefix, 'node_modules', packageName);
	const node = path.join(nodeDir, 'bin', 'node');
	if (!fs.existsSync(node)) {
		log(
			`Node ${process.version} is too old for n8n 2.x; fetching ${packageName}@${NODE24_PACKAGE_VERSION} (once)`,
		);
		fs.mkdirSync(prefix, { recursive: true });
		fs.writeFileSync(path.join(prefix, 'package.json'), JSON.stringify({ private: true }));
		await run(
			'npm',
			[
				'install',
				'--no-audit',
				'--no-fund',
				'--ignore-scripts',
				`${packageName}@${NODE24_PACKAGE_VERSION}`,
			],
			{ cwd: prefix, label: 'Node 24' },
		);
	}
	return { node, nodeDir };
}

/** Installs n8n once; a marker file makes every later call a no-op. */
async function ensureN8n() {
	const { node, nodeDir } = await ensureNode24();
	const dir = path.join(CACHE, `n8n-${N8N_VERSION}`);
	const marker = path.join(dir, '.installed');
	const n8nBin = path.join(dir, 'node_modules', 'n8n', 'bin', 'n8n');
	if (fs.existsSync(marker)) return { node, n8nBin, dir };

	log(
		`Installing n8n ${N8N_VERSION} into ${path.relative(REPO_ROOT, dir)} (first time only; about 5 minutes, 3 GB)`,
	);
	fs.mkdirSync(dir, { recursive: true });
	fs.writeFileSync(
		path.join(dir, 'package.json'),
		JSON.stringify(
			{ private: true, dependencies: { n8n: N8N_VERSION }, overrides: { linkedom: '0.18.14' } },
			null,
			2,
		),
	);
	const env = {
		// Run from `npm test`, the environment carries this project's npm settings (npm_config_*, among
		// them ignore-scripts=true); the n8n install must not inherit them.
		...Object.fromEntries(
			Object.entries(process.env).filter(
				([name]) => !/^npm_(config|package|lifecycle)_/i.test(name),
			),
		),
		PATH: `${path.dirname(node)}${path.delimiter}${process.env.PATH}`,
		// The machine's npmrc points node-gyp at Node 20's headers; native modules must match Node 24.
		npm_config_nodedir: nodeDir,
	};
	await run('npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error'], {
		cwd: dir,
		env,
		label: `npm install n8n@${N8N_VERSION}`,
	});
	await run(
		'npm',
		['rebuild', 'sqlite3', 'isolated-vm', '--ignore-scripts=false', '--loglevel=error'],
		{ cwd: dir, env, label: 'rebuild sqlite3 + isolated-vm for Node 24' },
	);
	// n8n cannot start without them: prove both native modules load under Node 24 before saying "ready".
	await run(node, ['-e', "require('sqlite3'); require('isolated-vm')"], {
		cwd: path.join(dir, 'node_modules', 'n8n'),
		env,
		label: 'check native modules',
	});
	fs.writeFileSync(marker, `${new Date().toISOString()}\n`);
	return { node, n8nBin, dir };
}

module.exports = { ensureN8n, N8N_VERSION, CACHE, REPO_ROOT };

if (require.main === module) {
	ensureN8n()
		.then(({ node, n8nBin }) => log(`ready: ${node} ${n8nBin}`))
		.catch((error) => {
			console.error(error.message);
			process.exitCode = 1;
		});
}
