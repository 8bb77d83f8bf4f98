// The editor's Model picker (listSearch), run the way the editor does: n8n-core's LoadOptionsContext
// on the node, with the credential going through n8n's authentication, against the sandbox.
const { LoadOptionsContext } = require('n8n-core');
const { Workflow } = require('n8n-workflow');
const { REPO_ROOT } = require('../harness');
const { loadTypes } = require('../harness/types');
const { TestCredentialsHelper } = require('../harness/credentials-helper');
const { createAdditionalData } = require('../harness/additional-data');
const h = require('./luigisbox-helpers');

let sandbox;
beforeAll(async () => {
	sandbox = await h.startLuigisBoxSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

async function callMethod(kind, method, ...args) {
	const types = await loadTypes(REPO_ROOT);
	const node = {
		id: 'l',
		name: h.NODE,
		type: 'n8n-nodes-personalization.luigisBox',
		typeVersion: 1,
		position: [0, 0],
		parameters: {},
		credentials: { luigisBoxApi: { id: 'lbSandbox', name: "Luigi's Box sandbox" } },
	};
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: types.nodeTypes,
	});
	const credentialsHelper = new TestCredentialsHelper(
		types.credentialTypes,
		h.credentialsFor(sandbox),
	);
	const context = new LoadOptionsContext(
		workflow,
		node,
		createAdditionalData({ credentialsHelper }),
		'parameters.value',
	);
	const nodeType = types.nodeTypes.getByNameAndVersion(node.type, 1);
	return await nodeType.methods[kind][method].call(context, ...args);
}

test('a new site (no customizations) still gets the models the docs name, marked', async () => {
	const { results } = await callMethod('listSearch', 'searchModels');
	expect(results).toEqual([
		{ name: 'basket (no customizations yet)', value: 'basket' },
		{ name: 'home (no customizations yet)', value: 'home' },
		{ name: 'item_detail_alternatives (no customizations yet)', value: 'item_detail_alternatives' },
		{ name: 'product_detail (no customizations yet)', value: 'product_detail' },
	]);
});

test("the site's own models come first, unmarked; the search filters both", async () => {
	sandbox.store.put(h.TRACKER, h.customization({ model: 'top_sellers' }));
	sandbox.store.put(h.TRACKER, h.customization({ model: 'basket', target_identity: '/p/9/' }));
	const { results } = await callMethod('listSearch', 'searchModels');
	expect(results.map((entry) => entry.name)).toEqual([
		'basket',
		'top_sellers',
		'home (no customizations yet)',
		'item_detail_alternatives (no customizations yet)',
		'product_detail (no customizations yet)',
	]);
	const filtered = await callMethod('listSearch', 'searchModels', 'TOP');
	expect(filtered.results).toEqual([{ name: 'top_sellers', value: 'top_sellers' }]);
});
