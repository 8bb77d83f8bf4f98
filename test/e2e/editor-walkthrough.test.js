// The editor walk-through, in a real n8n 2.41.1 with the sandbox credentials, as a marketer clicks
// through every node of the package:
// - every dropdown with loadOptions and every From-list picker loads, for every resource/operation,
//   through the REST endpoints the editor calls (with the session cookie of a signed-in user);
// - every operation runs with the defaults a new node gets, plus what a user types or picks for the
//   required fields (the first entry of a From list, a value from the sandbox data): it succeeds or
//   fails with a readable message;
// - required fields mapped from an input field that is missing (`{{ $json.missing }}`, which n8n's
//   own "required" check lets through) fail with a message naming the field as the editor shows it;
// - in headless Chromium, each node opens on the canvas, and switching the resource and operation
//   through the panel shows no error.
// One workflow per node and check, many branches each, keeps the run short.
const path = require('node:path');
const { createInstance } = require('../../scripts/n8n/instance');
const { launchBrowser, signedInPage } = require('../../scripts/n8n/editor-check');
const { sandboxCredentials } = require('../../scripts/sandboxes');
const { startSandboxProcess } = require('./sandbox-process');
const {
	packageNodes,
	editorParameters,
	operations,
	dynamicParameters,
	requiredParameters,
	credentialsFor,
	UNREADABLE,
} = require('./walkthrough');

const PORT = 5687;
const LOGIN = { email: 'walk@example.com', password: 'Sandbox-Password-1' };
const NODES = packageNodes();
const ACTION_NODES = NODES.filter((node) => !node.description.group.includes('trigger'));
const MISSING = '={{ $json.missing }}';

let n8n;
let server;
let cookie;
let sandboxes;
let imported;
let unflatten;

/** What a user types into required text fields, from the sandbox data; filled in `beforeAll`. */
let typed;

const rest = async (method, route, body) => {
	const answer = await server.rest(cookie, method, route, body);
	if (answer.status >= 400)
		throw new Error(`${method} ${route}: ${answer.status} ${JSON.stringify(answer.body)}`);
	return answer.body.data;
};

/** The editor's call for a dropdown or a From-list picker: `{ ok, results, message }`. */
async function loadDynamic(node, parameters, { kind, method, path: at }, filter) {
	const payload = {
		path: at,
		nodeTypeAndVersion: { name: node.type, version: node.version },
		currentNodeParameters: parameters,
		methodName: method,
		credentials: credentialsFor(node.description, parameters, imported),
	};
	const answer =
		kind === 'options'
			? await server.rest(cookie, 'POST', 'dynamic-node-parameters/options', payload)
			: await server.rest(cookie, 'POST', 'dynamic-node-parameters/resource-locator-results', {
					...payload,
					filter,
				});
	if (answer.status !== 200) return { ok: false, message: answer.body?.message ?? answer.status };
	const results = kind === 'options' ? answer.body.data : answer.body.data.results;
	return { ok: Array.isArray(results), results: results ?? [], message: '' };
}

/** What the user picks or types for every required field left empty by the defaults. */
async function fillRequired(node, chosen) {
	const parameters = editorParameters(node.description, chosen);
	for (const property of requiredParameters(node.description, parameters)) {
		const value = parameters[property.name];
		const empty = value === '' || (value?.__rl && value.value === '');
		if (!empty) continue;
		if (property.type === 'resourceLocator') {
			const search = property.modes.find((mode) => mode.typeOptions?.searchListMethod);
			const { results } = await loadDynamic(node, parameters, {
				kind: 'list',
				method: search.typeOptions.searchListMethod,
				path: `parameters.${property.name}`,
			});
			parameters[property.name] = {
				__rl: true,
				mode: 'list',
				value: results[0]?.value ?? '',
				cachedResultName: results[0]?.name,
			};
		} else {
			const key = `${chosen.resource}.${chosen.operation}.${property.name}`;
			parameters[property.name] = typed[key] ?? typed[property.name] ?? 'Walk-through';
		}
	}
	return parameters;
}

/** Syncs, merges and cancels change what other branches read: they run late; deletes last. */
const order = ({ operation }) =>
	/delete/i.test(operation) ? 2 : /sync|merge|cancel/i.test(operation) ? 1 : 0;

/**
 * Runs one workflow of `branches` (`[{ name, parameters }]` of one node type) behind a manual
 * trigger, every branch continuing on error; resolves `{ name: { error?, items } }`.
 */
async function runBranches(node, label, branches) {
	const start = { id: 'start', name: 'Start', type: 'n8n-nodes-base.manualTrigger' };
	const nodes = [
		{ ...start, typeVersion: 1, position: [0, 0], parameters: {} },
		...branches.map(({ name, parameters }, index) => ({
			id: `branch-${index}`,
			name,
			type: node.type,
			typeVersion: node.version,
			position: [300, index * 120],
			parameters,
			credentials: credentialsFor(node.description, parameters, imported),
			onError: 'continueRegularOutput',
		})),
	];
	const connections = {
		Start: { main: [branches.map(({ name }) => ({ node: name, type: 'main', index: 0 }))] },
	};
	const workflow = await rest('POST', 'workflows', {
		name: `walk-through ${label}`,
		nodes,
		connections,
		settings: { executionOrder: 'v1' },
	});
	const { executionId } = await rest('POST', `workflows/${workflow.id}/run`, {
		triggerToStartFrom: { name: 'Start' },
	});
	const deadline = Date.now() + 120_000;
	for (;;) {
		const execution = await rest('GET', `executions/${executionId}`);
		if (!['new', 'running', 'waiting'].includes(execution.status)) {
			const data = typeof execution.data === 'string' ? unflatten(execution.data) : execution.data;
			const runData = data.resultData.runData;
			if (data.resultData.error && Object.keys(runData).length <= 1)
				throw new Error(`${label}: ${data.resultData.error.message}`);
			return Object.fromEntries(
				branches.map(({ name }) => {
					const run = runData[name]?.[0];
					const items = run?.data?.main?.[0] ?? [];
					const error = run?.error ?? items.find((item) => item.json?.error)?.json.error;
					return [name, { ran: Boolean(run), error, items }];
				}),
			);
		}
		if (Date.now() > deadline) throw new Error(`${label}: execution ${executionId} never finished`);
		await new Promise((resolve) => setTimeout(resolve, 500));
	}
}

const branchName = ({ resource, operation }) => (resource ? `${resource} ${operation}` : 'trigger');
/** An error as the output panel shows it: n8n's error object, or the text of Continue On Fail. */
const errorText = (error) =>
	typeof error === 'string'
		? error
		: [error?.message, error?.description].filter((part) => typeof part === 'string').join(' | ');

beforeAll(async () => {
	sandboxes = await startSandboxProcess(['--seed']);
	n8n = await createInstance({ port: PORT });
	imported = sandboxCredentials(sandboxes.urls);
	await n8n.importCredentials(imported);
	server = await n8n.start();
	cookie = await server.signIn(LOGIN);
	unflatten = require(path.join(path.dirname(n8n.n8nBin), '..', '..', 'flatted')).parse;

	const ocamba = await sandboxes.control('ocamba-hood', 'ocamba-hood/store');
	const [profile, other] = ocamba.profiles;
	typed = {
		targetIdentity: '/p/walk-through/',
		scopeTag: 'walk-through',
		contentId: 'banner-summer-sale',
		placements: 'home_page.hero',
		profileId: String(profile.id),
		'profile.merge.sourceProfileId': String(other.id),
		importId: 'walk-through-import',
		name: 'Walk-through',
		label: 'walk_through',
		key: 'walk_through',
		versionId: 'walk-through-version',
		projectId: 'walk-through-project',
		userUid: 'walk-through-visitor',
		sourceUserUid: 'walk-through-visitor',
		targetUserUid: 'walk-through-customer',
	};
}, 20 * 60_000);

afterAll(async () => {
	await server?.stop();
	await sandboxes?.stop();
	n8n?.cleanup();
});

describe.each(NODES.map((node) => [node.description.displayName, node]))('%s', (_name, node) => {
	test('every dropdown and From-list picker loads for every resource and operation', async () => {
		const failures = [];
		let loaded = 0;
		for (const chosen of operations(node.description)) {
			const parameters = editorParameters(node.description, chosen);
			for (const dynamic of dynamicParameters(node.description, parameters)) {
				const where = `${branchName(chosen)} › ${dynamic.displayName} (${dynamic.method})`;
				const answer = await loadDynamic(node, parameters, dynamic, '');
				loaded++;
				if (!answer.ok) failures.push(`${where}: ${answer.message}`);
				else if (answer.results.length === 0) failures.push(`${where}: empty`);
				else if (dynamic.kind === 'list') {
					// A user picks from the lists top to bottom: a later list may depend on this choice
					// (an experience's versions).
					const name = dynamic.path.slice('parameters.'.length);
					if (!name.includes('.') && parameters[name]?.__rl && parameters[name].value === '')
						parameters[name] = { __rl: true, mode: 'list', value: answer.results[0].value };
					// What the user types in the picker's search box: a word of the first entry.
					const word = String(answer.results[0].name).split(/[\s(·]+/)[0];
					const filtered = await loadDynamic(node, parameters, dynamic, word);
					if (!filtered.ok || filtered.results.length === 0)
						failures.push(`${where} searching "${word}": ${filtered.message || 'empty'}`);
				}
			}
		}
		expect(failures).toEqual([]);
		if (node.description.name !== 'algonomy' && !node.description.group.includes('trigger'))
			expect(loaded).toBeGreaterThan(0);
	}, 120_000);
});

describe.each(ACTION_NODES.map((node) => [node.description.displayName, node]))(
	'%s',
	(_name, node) => {
		test('every operation runs with its defaults and what a user fills in', async () => {
			const chosen = operations(node.description).sort((a, b) => order(a) - order(b));
			const branches = [];
			for (const pair of chosen)
				branches.push({ name: branchName(pair), parameters: await fillRequired(node, pair) });
			const outcome = await runBranches(node, `${node.description.name} defaults`, branches);
			// WALKTHROUGH_REPORT=1 lists the operations that need more than the defaults, and why.
			if (process.env.WALKTHROUGH_REPORT)
				for (const [name, { error }] of Object.entries(outcome))
					if (error) process.stdout.write(`[walk-through] ${name}: ${errorText(error)}\n`);
			const problems = Object.entries(outcome).flatMap(([name, { ran, error }]) => {
				if (!ran) return [`${name}: did not run`];
				const text = errorText(error);
				return error && UNREADABLE.test(text) ? [`${name}: ${text}`] : [];
			});
			expect(problems).toEqual([]);
		}, 180_000);

		test('required fields mapped from a missing input field fail naming the field', async () => {
			const branches = [];
			const expected = {};
			for (const pair of operations(node.description)) {
				const parameters = await fillRequired(node, pair);
				const required = requiredParameters(node.description, parameters);
				if (required.length === 0) continue;
				for (const property of required)
					parameters[property.name] =
						property.type === 'resourceLocator'
							? { __rl: true, mode: 'id', value: MISSING }
							: property.type === 'string'
								? MISSING
								: parameters[property.name];
				branches.push({ name: branchName(pair), parameters });
				expected[branchName(pair)] = required.map((property) => property.displayName);
			}
			const outcome = await runBranches(node, `${node.description.name} empty`, branches);
			const problems = Object.entries(outcome).flatMap(([name, { ran, error }]) => {
				const text = errorText(error);
				if (!ran) return [`${name}: did not run`];
				if (!error) return [`${name}: no error`];
				if (UNREADABLE.test(text)) return [`${name}: unreadable: ${text}`];
				if (!expected[name].some((label) => text.includes(label)))
					return [`${name}: names none of ${expected[name].join(', ')}: ${text}`];
				return [];
			});
			expect(problems).toEqual([]);
		}, 180_000);
	},
);

describe('in headless Chromium', () => {
	let browser;
	afterAll(() => browser?.close());

	/** Error toasts, and the panel's own load errors, shown right now. */
	const shownErrors = (page) =>
		page.evaluate(() => {
			const toasts = [...globalThis.document.querySelectorAll('.el-notification')]
				.filter((toast) => /error/i.test(toast.className + toast.innerHTML))
				.map((toast) => `toast: ${toast.innerText.trim()}`);
			const panel = globalThis.document.querySelector('[data-test-id="ndv"]')?.innerText ?? '';
			const inPanel = ['Could not load list', 'Error fetching options', 'Could not load']
				.filter((text) => panel.includes(text))
				.map((text) => `panel: ${text}`);
			return [...toasts, ...inPanel];
		});

	/** Picks `label` in the panel's dropdown for parameter `name`, as a user clicks it. */
	async function choose(page, name, label) {
		const input = page.locator(`[data-test-id="parameter-input-${name}"]`).first();
		await input.click();
		await page
			.locator('.el-select-dropdown__item:visible, [role="option"]:visible')
			.filter({ hasText: new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })
			.first()
			.click();
		await page.waitForLoadState('networkidle');
		expect(await input.locator('input').first().inputValue()).toBe(label);
	}

	test('each node opens on the canvas; switching resource and operation shows no error', async () => {
		const nodes = NODES.map((node, index) => {
			const parameters = editorParameters(node.description);
			return {
				id: `node-${index}`,
				name: node.description.displayName,
				type: node.type,
				typeVersion: node.version,
				position: [index * 220, 0],
				parameters,
				credentials: credentialsFor(node.description, parameters, imported),
			};
		});
		const workflow = await rest('POST', 'workflows', {
			name: 'walk-through in the editor',
			nodes,
			connections: {},
			settings: { executionOrder: 'v1' },
		});
		browser = await launchBrowser();
		const page = await signedInPage(browser, { url: server.url, login: LOGIN });
		await page.goto(`${server.url}/workflow/${workflow.id}`);
		await page.locator('[data-test-id="canvas-node"]').first().waitFor({ timeout: 60_000 });
		const problems = [];
		for (const node of NODES) {
			const name = node.description.displayName;
			try {
				await page
					.locator('[data-test-id="canvas-node"]')
					.filter({ hasText: name })
					.first()
					.dblclick();
				await page.locator('[data-test-id="ndv"]').first().waitFor({ timeout: 30_000 });
				await page.waitForLoadState('networkidle');
				problems.push(...(await shownErrors(page)).map((error) => `${name}: ${error}`));
				const resource = node.description.properties.find(
					(property) => property.name === 'resource',
				);
				for (const option of resource?.options ?? []) {
					await choose(page, 'resource', option.name);
					const selector = node.description.properties.find(
						(property) =>
							property.name === 'operation' &&
							property.displayOptions?.show?.resource?.includes(option.value),
					);
					// The last operation: the first is usually the default the resource switch shows already.
					await choose(page, 'operation', selector.options.at(-1).name);
					problems.push(
						...(await shownErrors(page)).map(
							(error) => `${name} › ${option.name} › ${selector.options.at(-1).name}: ${error}`,
						),
					);
				}
				await page.locator('[data-test-id="ndv-close-button"]').first().click();
				await page.locator('[data-test-id="ndv"]').first().waitFor({ state: 'hidden' });
			} catch (error) {
				// What the editor showed, in the git-ignored screenshots/ folder.
				const shown = path.join(__dirname, '..', '..', 'screenshots', 'walkthrough-failed.png');
				await page.screenshot({ path: shown });
				throw new Error(`${name}: ${error.message} (see ${shown})`);
			}
		}
		expect(problems).toEqual([]);
	}, 180_000);
});
