// Ocamba Hood profile property sync (mirror) and the dry run of Sync and Update Custom Properties,
// through n8n's WorkflowExecute against the sandbox over HTTP.
const h = require('./ocamba-hood-helpers');

let sandbox;
beforeAll(async () => {
	sandbox = await h.startSandbox({ seed: 'empty' });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const store = () => sandbox.store;
const properties = () => [...sandbox.state.properties.values()];
const byLabel = () => Object.fromEntries(properties().map((p) => [p.label, p]));
const writes = () => sandbox.requests.filter((request) => request.method !== 'GET');
const SYSTEM = ['country_code', 'email', 'full_name', 'mobile_phone_number'];

const sync = (extra = {}) => ({
	resource: 'profileProperty',
	operation: 'sync',
	propertyInput: 'inputItem',
	...extra,
});

function seed() {
	return {
		kept: store().addProperty({ label: 'tier', description: 'Tier' }),
		changed: store().addProperty({ label: 'score', data_type: 'number', description: 'old' }),
		unlisted: store().addProperty({ label: 'legacy' }),
	};
}

const input = () => [
	{ label: 'tier', data_type: 'text', description: 'Tier' },
	{ label: 'score', data_type: 'number', description: 'new', importable: 0 },
	{ label: 'segment', data_type: 'text', example: 'vip' },
];

describe('sync', () => {
	test('creates and updates; without Delete Unlisted nothing is deleted', async () => {
		const before = seed();
		const { status, json, items } = await h.run(sandbox, sync({ syncOptions: { summary: true } }), {
			items: input(),
		});
		expect(status).toBe('success');
		expect(json.map((item) => item.action)).toEqual(['unchanged', 'updated', 'created', undefined]);
		expect(items.map((item) => item.pairedItem)).toEqual([0, 1, 2, 0].map((item) => ({ item })));
		expect(json[1]).toMatchObject({ id: before.changed.id, description: 'new', importable: 0 });
		expect(json[3]).toMatchObject({
			summary: true,
			created: 1,
			updated: 1,
			unchanged: 1,
			deleted: 0,
			failed: 0,
		});
		expect(writes().map((request) => request.method)).toEqual(['PATCH', 'POST']);
		expect(JSON.parse(writes()[0].rawBody)).toEqual({ description: 'new', importable: 0 });
		const after = byLabel();
		expect(after.legacy).toEqual(before.unlisted);
		expect(after.segment).toMatchObject({ data_type: 'text', example: 'vip' });
		expect(after.score).toMatchObject({ description: 'new', importable: 0 });
	});

	test('Delete Unlisted deletes custom properties no item names, never system ones; a rerun changes nothing', async () => {
		const before = seed();
		const { json } = await h.run(sandbox, sync({ deleteUnlisted: true }), { items: input() });
		expect(json.map((item) => item.action)).toEqual(['unchanged', 'updated', 'created', 'deleted']);
		expect(json[3]).toMatchObject({ id: before.unlisted.id, label: 'legacy' });
		expect(Object.keys(byLabel()).sort()).toEqual([...SYSTEM, 'score', 'segment', 'tier'].sort());
		const after = properties();
		sandbox.requests.length = 0;
		const again = await h.run(sandbox, sync({ deleteUnlisted: true }), { items: input() });
		expect(again.json.map((item) => item.action)).toEqual(['unchanged', 'unchanged', 'unchanged']);
		expect(writes()).toEqual([]);
		expect(properties()).toEqual(after);
	});

	test('from fields with expressions; an export from Get Many syncs back unchanged', async () => {
		seed();
		const { json } = await h.run(
			sandbox,
			sync({
				propertyInput: 'fields',
				label: '={{ $json.name }}',
				dataType: 'text',
				additionalFields: { description: '={{ $json.text }}' },
			}),
			{
				items: [
					{ name: 'tier', text: 'Tier' },
					{ name: 'brand', text: 'Brand' },
				],
			},
		);
		expect(json.map((item) => item.action)).toEqual(['unchanged', 'created']);
		sandbox.requests.length = 0;
		const exported = properties();
		const { json: back } = await h.run(sandbox, sync({ deleteUnlisted: true }), {
			items: exported,
		});
		expect(back.every((item) => item.action === 'unchanged')).toBe(true);
		expect(writes()).toEqual([]);
	});
});

describe('sync: refused before any write', () => {
	test.each([
		[
			'a system property changed',
			[{ label: 'email', description: 'mine' }],
			/is a system property/,
		],
		[
			'a different data type',
			[{ label: 'score', data_type: 'text' }],
			/exists with data type "number", not "text"/,
		],
		['two items with one label', [{ label: 'a' }, { label: 'a' }], /"Label": .*\[item 1\]$/],
		[
			'an item without label',
			[{ label: 'a' }, { description: 'x' }],
			/"Label": is required.*\[item 1\]$/,
		],
	])('%s', async (_, items, message) => {
		seed();
		const { status, error } = await h.run(sandbox, sync({ deleteUnlisted: true }), { items });
		expect(status).toBe('error');
		expect(error.message).toMatch(message);
		expect(writes()).toEqual([]);
	});

	test('Continue On Fail with Delete Unlisted: one error item per input item, nothing sent', async () => {
		seed();
		const { json } = await h.run(sandbox, sync({ deleteUnlisted: true }), {
			items: [{ label: 'tier' }, { description: 'x' }],
			continueOnFail: true,
		});
		expect(json).toHaveLength(2);
		expect(json[0].error).toMatch(/^Not synced: item\(s\) 1 are invalid/);
		expect(json[1].error).toMatch(/"Label": .*\[item 1\]$/);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('Continue On Fail without deletions: the other items still sync, in input order', async () => {
		seed();
		const { json, items } = await h.run(sandbox, sync(), {
			items: [{ description: 'x' }, { label: 'email', description: 'mine' }, { label: 'new' }],
			continueOnFail: true,
		});
		expect(items.map((item) => item.pairedItem)).toEqual([0, 1, 2].map((item) => ({ item })));
		expect(json[0].error).toMatch(/"Label": .*\[item 0\]$/);
		expect(json[1].error).toMatch(/is a system property/);
		expect(json[2].action).toBe('created');
		expect(writes().map((request) => request.method)).toEqual(['POST']);
	});
});

describe('dry run', () => {
	test('sync: reads the properties, outputs each planned request, writes nothing', async () => {
		const before = seed();
		const snapshot = properties();
		const { json } = await h.run(sandbox, sync({ deleteUnlisted: true, dryRun: true }), {
			items: input(),
		});
		expect(json.map((item) => item.action)).toEqual(['unchanged', 'updated', 'created', 'deleted']);
		expect(json.every((item) => item.dryRun === true)).toBe(true);
		expect(json[1]).toMatchObject({
			dryRun: true,
			id: before.changed.id,
			request: { method: 'PATCH', path: `/profile-properties/${before.changed.id}` },
			body: { description: 'new', importable: 0 },
		});
		expect(json[2]).toMatchObject({
			request: { method: 'POST', path: '/profile-properties' },
			body: { label: 'segment', data_type: 'text', example: 'vip' },
		});
		expect(json[3]).toMatchObject({
			request: { method: 'DELETE', path: `/profile-properties/${before.unlisted.id}` },
		});
		expect(writes()).toEqual([]);
		expect(sandbox.requests.length).toBeGreaterThan(0);
		expect(properties()).toEqual(snapshot);
	});

	test('updateCustomProperties: validates, outputs the batches, sends no request', async () => {
		store().addProperty({ label: 'tier' });
		const profiles = [0, 1, 2].map((i) => store().addProfile({ email: `p${i}@example.com` }));
		const { json, items } = await h.run(
			sandbox,
			{
				resource: 'profile',
				operation: 'updateCustomProperties',
				profileId: '={{ $json.id }}',
				customProperties: { property: [{ key: 'tier', type: 'string', value: 'gold' }] },
				batchSize: 2,
				dryRun: true,
			},
			{ items: profiles.map((p) => ({ id: p.id })) },
		);
		expect(sandbox.requests).toHaveLength(0);
		expect(items.map((item) => item.pairedItem)).toEqual([0, 1, 2].map((item) => ({ item })));
		expect(json.map((item) => [item.action, item.request.batch, item.request.objects])).toEqual([
			['update', 1, 2],
			['update', 1, 2],
			['update', 2, 1],
		]);
		expect(json[0]).toMatchObject({
			dryRun: true,
			id: profiles[0].id,
			request: { method: 'POST', path: '/profiles/import' },
			custom_properties: { tier: { type: 'string', value: 'gold' } },
		});
		expect(sandbox.state.profiles.get(profiles[0].id).custom_properties ?? {}).toEqual({});
	});

	test('updateCustomProperties: a bad profile ID is refused before any request', async () => {
		const { status, error } = await h.run(sandbox, {
			resource: 'profile',
			operation: 'updateCustomProperties',
			profileId: 'not-an-id',
			customProperties: { property: [{ key: 'tier', type: 'string', value: 'gold' }] },
			dryRun: true,
		});
		expect(status).toBe('error');
		expect(error.message).toMatch(/item 0/);
		expect(sandbox.requests).toHaveLength(0);
	});
});
