// End to end in a real n8n 2.41.1 process (on Node 24), with this package installed as a community
// package: n8n lists every node and credential, every example workflow runs with `n8n execute`
// against the sandboxes (also while they inject 429s and 5xx), and the editor shows our nodes.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createInstance } = require('../../scripts/n8n/instance');
const { checkEditor } = require('../../scripts/n8n/editor-check');
const { sandboxCredentials } = require('../../scripts/sandboxes');
const { startSandboxProcess } = require('./sandbox-process');
const expectations = require('./expectations');
const {
	executableExampleFiles,
	importExamples,
	readExample,
	workflowId,
} = require('../../scripts/n8n/examples');

const ROOT = path.join(__dirname, '..', '..');
const PACKAGE = require('../../package.json');
// Trigger examples run when activated: test/e2e/triggers-real-n8n.test.js.
const EXAMPLES = executableExampleFiles();

/** Node and credential names declared by the built package, as n8n will register them. */
function declaredTypes() {
	// Each built file exports a class named like the file (LuigisBox.node.js → LuigisBox).
	const load = (file) => require(path.join(ROOT, file))[path.basename(file).split('.')[0]];
	return {
		nodes: PACKAGE.n8n.nodes.map((file) => new (load(file))().description),
		credentials: PACKAGE.n8n.credentials.map((file) => new (load(file))()),
	};
}

let n8n;
let sandboxes;
let fileFolder;
const runs = {};

beforeAll(async () => {
	sandboxes = await startSandboxProcess(['--seed']);
	fileFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-files-'));
	// n8n 2.x only lets nodes touch files inside N8N_RESTRICT_FILE_ACCESS_TO.
	n8n = await createInstance({ port: 5699, env: { N8N_RESTRICT_FILE_ACCESS_TO: fileFolder } });
	await n8n.importCredentials(sandboxCredentials(sandboxes.urls));
	await importExamples(n8n, { fileFolder }); // as `npm run dev` imports them
}, 20 * 60_000);

afterAll(async () => {
	await sandboxes?.stop();
	n8n?.cleanup();
	if (fileFolder) fs.rmSync(fileFolder, { recursive: true, force: true });
});

test('n8n lists every node of the package under its community-package type', async () => {
	const file = path.join(n8n.userFolder, 'nodes.json');
	await n8n.cli(['export:nodes', `--output=${file}`]);
	const listed = new Set(JSON.parse(fs.readFileSync(file, 'utf8')).map((node) => node.name));
	for (const { name } of declaredTypes().nodes) expect(listed).toContain(`${PACKAGE.name}.${name}`);
});

describe.each(EXAMPLES)('example %s', (file) => {
	test(
		'runs with `n8n execute` against the sandboxes, output checked item by item',
		async () => {
			const run = await n8n.execute(workflowId(file));
			runs[file] = run;
			expect(run.data.resultData.error).toBeUndefined();
			expect(run.status).toBe('success');
			const check = expectations[file]?.check ?? expectations.generic;
			const workflow = readExample(file);
			await check({ run, runData: run.data.resultData.runData, workflow, sandboxes, fileFolder });
		},
		5 * 60_000,
	);
});

test(
	'a workflow still succeeds while the sandbox injects 429 and 5xx',
	async () => {
		const file = 'luigisbox-sync-from-list.json';
		await sandboxes.control('luigisbox', 'faults', 'POST', {
			type: 'status',
			status: 429,
			retryAfter: 1,
		});
		await sandboxes.control('luigisbox', 'faults', 'POST', { type: 'status', status: 503 });
		const before = await sandboxes.control('luigisbox', 'stats');
		const run = await n8n.execute(workflowId(file));
		const after = await sandboxes.control('luigisbox', 'stats');
		expect(run.status).toBe('success');
		expect((after.byStatus['429'] ?? 0) - (before.byStatus['429'] ?? 0)).toBe(1);
		expect((after.byStatus['503'] ?? 0) - (before.byStatus['503'] ?? 0)).toBe(1);
		await expectations[file].check({ run, runData: run.data.resultData.runData, sandboxes });
	},
	5 * 60_000,
);

describe('the editor (`npm run dev` starts the same)', () => {
	let server;
	let cookie;
	const login = { email: 'dev@example.com', password: 'Sandbox-Password-1' };
	beforeAll(async () => {
		server = await n8n.start();
		cookie = await server.signIn(login);
	}, 5 * 60_000);
	afterAll(() => server?.stop());

	test('the REST type listings contain every node and credential of the package', async () => {
		const get = async (route) =>
			(await fetch(`${server.url}${route}`, { headers: { cookie } })).json();
		const nodeTypes = new Set((await get('/types/nodes.json')).map((node) => node.name));
		const credentialTypes = new Set(
			(await get('/types/credentials.json')).map((credential) => credential.name),
		);
		const declared = declaredTypes();
		for (const { name } of declared.nodes) expect(nodeTypes).toContain(`${PACKAGE.name}.${name}`);
		for (const { name } of declared.credentials) expect(credentialTypes).toContain(name);
	});

	test(
		'headless Chromium: the editor loads and the node search finds each of our nodes',
		async () => {
			const nodeNames = declaredTypes().nodes.map((node) => node.displayName);
			const found = await checkEditor({
				url: server.url,
				login,
				nodeNames,
				screenshotDir: path.join(ROOT, 'screenshots'),
			});
			expect(found).toEqual(Object.fromEntries(nodeNames.map((name) => [name, true])));
		},
		3 * 60_000,
	);
});
