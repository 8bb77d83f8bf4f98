// `npm run dev`: the sandboxes plus a real n8n editor on http://localhost:5678 with this package
// installed as a community package, the sandbox credentials and the example workflows imported, so a
// newcomer can click through every node with no vendor account. Ctrl+C stops everything.
// `npm run dev -- --check` also opens the editor in headless Chromium and searches for our nodes.
const fs = require('node:fs');
const path = require('node:path');
const { createInstance } = require('./n8n/instance');
const { importExamples } = require('./n8n/examples');
const { checkEditor } = require('./n8n/editor-check');
const { SERVICES, sandboxCredentials } = require('./sandboxes');

const ROOT = path.join(__dirname, '..');
const PORT = Number(process.env.N8N_PORT || 5678);
const LOGIN = { email: 'dev@example.com', password: 'Sandbox-Password-1' };
const SANDBOX_BASE_PORT = 4010;

async function main() {
	const sandboxes = {};
	let sandboxPort = SANDBOX_BASE_PORT;
	for (const [service, { create }] of Object.entries(SERVICES)) {
		sandboxes[service] = create({ seed: true });
		await sandboxes[service].listen(sandboxPort++);
	}
	const urls = Object.fromEntries(
		Object.entries(sandboxes).map(([service, sandbox]) => [service, sandbox.url]),
	);

	// A persistent user folder: workflows you build survive restarts; the package is refreshed each time.
	const userFolder = path.join(ROOT, '.cache', 'n8n-dev-user');
	fs.mkdirSync(userFolder, { recursive: true });
	// n8n 2.x lets nodes touch files only inside N8N_RESTRICT_FILE_ACCESS_TO; the examples write there.
	const fileFolder = path.join(userFolder, 'files');
	fs.mkdirSync(fileFolder, { recursive: true });
	const n8n = await createInstance({
		userFolder,
		port: PORT,
		env: { N8N_RESTRICT_FILE_ACCESS_TO: fileFolder },
	});
	await n8n.importCredentials(sandboxCredentials(urls));
	await importExamples(n8n, { fileFolder });
	const server = await n8n.start();
	await server.signIn(LOGIN);

	console.log(`\nn8n ${server.url}  (sign in as ${LOGIN.email} / ${LOGIN.password})`);
	for (const [service, url] of Object.entries(urls))
		console.log(`sandbox ${service}: ${url}  (faults: POST ${url}/__sandbox/faults)`);
	console.log(
		`Credentials "… sandbox" and the example workflows are imported; files are written to ${fileFolder}. Ctrl+C stops everything.\n`,
	);

	const stop = async () => {
		await server.stop();
		await Promise.all(Object.values(sandboxes).map((sandbox) => sandbox.close()));
		process.exit(0);
	};
	process.once('SIGINT', stop);
	process.once('SIGTERM', stop);

	if (process.argv.includes('--check')) {
		const nodeNames = require('../package.json').n8n.nodes.map((file) => {
			const NodeClass = require(path.join(ROOT, file))[path.basename(file).split('.')[0]];
			return new NodeClass().description.displayName;
		});
		const found = await checkEditor({
			url: server.url,
			login: LOGIN,
			nodeNames,
			screenshotDir: path.join(ROOT, 'screenshots'),
		});
		console.log('Node search in the editor:', found, '(screenshots in screenshots/)');
		await stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
