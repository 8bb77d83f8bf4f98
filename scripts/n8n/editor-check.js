// Drives a real n8n editor in headless Debian Chromium: signs in, opens the node panel and searches
// for each of our nodes. Used by the end-to-end tests and by `npm run dev -- --check`.
const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

const CHROMIUM = '/usr/bin/chromium';

/** Debian's chromium is a system package: install it when missing and we may (root, apt). */
function ensureChromium() {
	if (fs.existsSync(CHROMIUM)) return CHROMIUM;
	if (process.getuid?.() !== 0)
		throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium)`);
	process.stderr.write('[e2e] installing Debian chromium for the editor check (once)\n');
	execFileSync(
		'bash',
		['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium'],
		{ stdio: 'inherit' },
	);
	return CHROMIUM;
}

/** Headless Debian Chromium, with what an editor session needs and nothing that phones home. */
async function launchBrowser() {
	const { chromium } = require('playwright-core');
	return await chromium.launch({
		executablePath: ensureChromium(),
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
		],
	});
}

/** A new page of `browser`, signed in to the editor at `url` as `login`. */
async function signedInPage(browser, { url, login, viewport = { width: 1400, height: 900 } }) {
	const page = await browser.newPage({ viewport });
	await page.goto(`${url}/signin`);
	await page
		.locator('input[type="email"], input[name="emailOrLdapLoginId"], input[name="email"]')
		.first()
		.fill(login.email);
	await page.locator('input[type="password"]').first().fill(login.password);
	await page.locator('button[type="submit"], [data-test-id="form-submit-button"]').first().click();
	await page.waitForURL((target) => !target.pathname.startsWith('/signin'), { timeout: 30000 });
	return page;
}

/**
 * @param {string} url editor base URL
 * @param {{ email: string, password: string }} login
 * @param {string[]} nodeNames display names to find in the node search
 * @param {string} screenshotDir where to put screenshots (git-ignored)
 * @returns {Promise<Record<string, boolean>>} display name → found
 */
async function checkEditor({ url, login, nodeNames, screenshotDir }) {
	fs.mkdirSync(screenshotDir, { recursive: true });
	const browser = await launchBrowser();
	try {
		const page = await signedInPage(browser, { url, login });
		await page.goto(`${url}/workflow/new`);
		await page.waitForLoadState('networkidle');
		await page.screenshot({ path: path.join(screenshotDir, 'editor.png') });
		const found = {};
		for (const name of nodeNames) {
			await page.keyboard.press('Escape');
			await page
				.locator('[data-test-id="node-creator-plus-button"], [data-test-id="canvas-add-button"]')
				.first()
				.click();
			const search = page
				.locator('[data-test-id="node-creator-search-bar"] input, input[placeholder^="Search"]')
				.first();
			await search.waitFor({ timeout: 15000 });
			// n8n's node panel lists a "<App> Trigger" under its app's entry, by the app's name.
			const listedAs = name.replace(/ Trigger$/, '');
			await search.fill(listedAs);
			const item = page
				.locator('[data-test-id="node-creator-node-item"], [data-test-id="node-creator-item-name"]')
				.filter({ hasText: listedAs })
				.first();
			found[name] = await item.waitFor({ timeout: 15000 }).then(
				() => true,
				() => false,
			);
			await page.screenshot({
				path: path.join(screenshotDir, `search-${name.replace(/\W+/g, '-')}.png`),
			});
		}
		return found;
	} finally {
		await browser.close();
	}
}

module.exports = { checkEditor, ensureChromium, launchBrowser, signedInPage };
