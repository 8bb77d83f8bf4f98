// `npm run screenshots`: the pictures of docs/images/, taken in a real n8n editor (headless Debian
// Chromium, scripts/n8n/editor-check.js) with the sandboxes, their credentials and the example
// workflows imported as `npm run dev` imports them:
// - <example>.png for every examples/<example>.json: its canvas, fit to view, after a run (green ticks);
// - trigger-<service>.png: a trigger node's panel;
// - sync-dry-run.png: the output of the Contentstack promotion example's dry run.
// Every run starts from a fresh n8n and fresh sandboxes and overwrites the files, so running it again
// after a node changes gives the current pictures. `--url <editor>` uses an editor that is already
// running with the examples imported (`npm run dev`, signed in as its developer account) instead.
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { createInstance } = require('./instance');
const { exampleFiles, importExamples, readExample, workflowId } = require('./examples');
const { launchBrowser, signedInPage } = require('./editor-check');
const { sandboxCredentials, startSandboxes } = require('../sandboxes');

const ROOT = path.join(__dirname, '..', '..');
const OUT = path.join(ROOT, 'docs', 'images');
const LOGIN = { email: 'dev@example.com', password: 'Sandbox-Password-1' };
const VIEWPORT = { width: 1280, height: 720 };
const PORT = Number(process.env.N8N_PORT || 5686);
/** README pictures of one node's panel: file → the example and the node to open. */
const PANELS = [
	{
		file: 'trigger-luigisbox.png',
		example: 'luigisbox-pins-expiring.json',
		node: (workflow) => workflow.nodes.find((node) => /Trigger$/.test(node.type)).name,
		run: true,
	},
	{
		file: 'sync-dry-run.png',
		example: 'contentstack-personalize-promote-staging.json',
		node: () => 'Plan the import (dry run)',
		run: true,
	},
];

const log = (message) => process.stdout.write(`${message}\n`);

/** An editor with the examples: started here, or the one at `--url`. */
async function editor() {
	const urlFlag = process.argv.indexOf('--url');
	if (urlFlag !== -1) return { url: process.argv[urlFlag + 1].replace(/\/$/, ''), stop: () => {} };
	const { close, sandboxes } = await startSandboxes();
	const urls = Object.fromEntries(
		Object.entries(sandboxes).map(([service, sandbox]) => [service, sandbox.url]),
	);
	const fileFolder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-screenshot-files-'));
	const n8n = await createInstance({
		port: PORT,
		env: { N8N_RESTRICT_FILE_ACCESS_TO: fileFolder },
	});
	log('importing the sandbox credentials and the example workflows into a fresh n8n');
	await n8n.importCredentials(sandboxCredentials(urls));
	await importExamples(n8n, { fileFolder });
	const server = await n8n.start();
	await server.signIn(LOGIN);
	return {
		url: server.url,
		stop: async () => {
			await server.stop();
			await close();
			n8n.cleanup();
			fs.rmSync(fileFolder, { recursive: true, force: true });
		},
	};
}

/** Opens a workflow on the canvas and waits until its nodes are drawn. */
async function openWorkflow(page, url, file) {
	await page.goto(`${url}/workflow/${workflowId(file)}`);
	await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60000 });
	await page.waitForLoadState('networkidle');
}

/** Runs the open workflow as the Execute Workflow button does and waits until it has finished. */
async function execute(page, file) {
	await page.locator('[data-test-id="execute-workflow-button"]').first().click();
	// Finished: some node shows success, no Stop button, and nothing changed for a while (an example
	// with two triggers runs only the path of the one the button starts).
	const deadline = Date.now() + Number(process.env.SCREENSHOT_RUN_TIMEOUT_MS || 120000);
	let last = '';
	let stable = 0;
	while (stable < 3) {
		const now = await page.evaluate(() => {
			const count = (id) => globalThis.document.querySelectorAll(`[data-test-id="${id}"]`).length;
			return `${count('canvas-node-status-success')}/${count('stop-execution-button')}`;
		});
		stable = now === last && /^[1-9]\d*\/0$/.test(now) ? stable + 1 : 0;
		last = now;
		if (Date.now() > deadline) {
			// What the editor showed instead, in the git-ignored screenshots/ folder.
			const shown = path.join(ROOT, 'screenshots', `failed-${path.basename(file, '.json')}.png`);
			fs.mkdirSync(path.dirname(shown), { recursive: true });
			await page.screenshot({ path: shown });
			throw new Error(
				`${file}: the run did not finish (the editor: ${path.relative(ROOT, shown)})`,
			);
		}
		await page.waitForTimeout(500);
	}
}

/** Zoom to fit ("1", as in the editor's canvas controls) with the pointer off the canvas. */
async function fitView(page) {
	await page.mouse.move(VIEWPORT.width - 2, VIEWPORT.height - 2);
	await page.locator('[data-test-id="zoom-to-fit"]').first().click();
	await page.waitForTimeout(600); // the zoom animates
}

async function shoot(page, file) {
	// Toasts ("Workflow executed successfully") cover the canvas.
	for (const close of await page.locator('.el-notification__closeBtn').all())
		await close.click().catch(() => {});
	await page.locator('.el-notification').first().waitFor({ state: 'detached', timeout: 5000 });
	const target = path.join(OUT, file);
	await page.screenshot({ path: target });
	log(`wrote ${path.relative(ROOT, target)} (${Math.round(fs.statSync(target).size / 1024)} KB)`);
}

async function main() {
	fs.mkdirSync(OUT, { recursive: true });
	const { url, stop } = await editor();
	const browser = await launchBrowser();
	try {
		const page = await signedInPage(browser, { url, login: LOGIN, viewport: VIEWPORT });
		for (const file of exampleFiles()) {
			await openWorkflow(page, url, file);
			await execute(page, file);
			await fitView(page);
			await shoot(page, `${path.basename(file, '.json')}.png`);
		}
		for (const panel of PANELS) {
			await openWorkflow(page, url, panel.example);
			if (panel.run) await execute(page, panel.example);
			const name = panel.node(readExample(panel.example));
			await page.locator('[data-test-id="canvas-node"]').filter({ hasText: name }).dblclick();
			await page.locator('[data-test-id="ndv"]').first().waitFor({ timeout: 30000 });
			await page.waitForLoadState('networkidle');
			await shoot(page, panel.file);
		}
	} finally {
		await browser.close();
		await stop();
	}
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
