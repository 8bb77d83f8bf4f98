// Issue 13's additions to the Ocamba Hood node, run through n8n's WorkflowExecute against the
// sandbox: Profile Create with lists and custom properties, the filter Field picker, and the
// segment targeting builder.
const h = require('./ocamba-hood-helpers');

let sandbox;
beforeAll(async () => {
	sandbox = await h.startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const store = () => sandbox.store;
const body = (request) => JSON.parse(request.rawBody);

describe('profile create with lists and custom properties', () => {
	const create = (additionalFields, extra = {}) => ({
		resource: 'profile',
		operation: 'create',
		email: 'ana@example.com',
		fullName: 'Ana',
		additionalFields,
		...extra,
	});

	test('creates from the contact fields, then sets lists and properties on the new ID', async () => {
		store().addProperty({ label: 'loyalty_tier' });
		store().addProperty({ label: 'lifetime_value', data_type: 'number' });
		const vip = store().addList({ name: 'VIP' });
		const news = store().addList({ name: 'Newsletter' });
		const { status, json } = await h.run(
			sandbox,
			create({
				lists: [vip.id, news.id],
				customProperties: { property: [{ key: 'loyalty_tier', value: 'gold' }] },
				customPropertiesJson: '{"lifetime_value": 129.9}',
			}),
		);
		expect(status).toBe('success');
		const [post, patch] = sandbox.requests;
		expect(post).toMatchObject({ method: 'POST', path: '/v1/hood/profiles' });
		expect(body(post)).toEqual({ email: 'ana@example.com', full_name: 'Ana' });
		expect(patch).toMatchObject({ method: 'PATCH', path: `/v1/hood/profiles/${json[0].id}` });
		expect(body(patch)).toEqual({
			lists: [vip.id, news.id],
			custom_properties: { loyalty_tier: 'gold', lifetime_value: 129.9 },
		});
		expect(sandbox.requests).toHaveLength(2);
		expect(json[0]).toMatchObject({
			email: 'ana@example.com',
			lists: [vip.id, news.id],
			custom_properties: { loyalty_tier: 'gold', lifetime_value: 129.9 },
		});
		const stored = sandbox.state.profiles.get(json[0].id);
		expect(stored.lists).toEqual([vip.id, news.id]);
		expect(stored.custom_properties).toEqual({ loyalty_tier: 'gold', lifetime_value: 129.9 });
	});

	test('without lists or properties only the create is sent, as before', async () => {
		const { json } = await h.run(sandbox, create({ customPropertiesJson: '{}' }));
		expect(sandbox.requests).toHaveLength(1);
		expect(json[0].lists).toEqual([]);
	});

	test.each([
		[
			'a list ID that is not an ID',
			{ lists: '={{ ["newsletter"] }}' },
			'Invalid "Profile List Names or IDs 1" in item 0: must be an Ocamba ID: digits only, such as 1000105',
		],
		[
			'an object as a property value',
			{ customPropertiesJson: '{"tier": {"name": "gold"}}' },
			'Invalid "Custom Properties › tier" in item 0: must be text, a number, true/false or null',
		],
		[
			'JSON that does not parse',
			{ customPropertiesJson: '{tier: gold}' },
			/^Invalid "Custom Properties \(JSON\)" in item 0: not valid JSON/,
		],
	])('%s is refused before anything is sent', async (_name, additionalFields, message) => {
		const { error } = await h.run(sandbox, create(additionalFields));
		expect(error.message).toEqual(
			typeof message === 'string' ? message : expect.stringMatching(message),
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a refused second step says the profile exists, with its ID', async () => {
		const { error } = await h.run(sandbox, create({ lists: ['4242'] }));
		const id = [...sandbox.state.profiles.keys()][0];
		expect(error.message).toBe(
			`The profile was created (ID ${id}), but its lists and custom properties were not set: Ocamba Hood answered 400: Bad request. – Unknown profile list id 4242.`,
		);
		expect(error.description).toMatch(/^Set them with Profile → Update on this ID/);
	});

	test('without an ID in the answer, the output says the lists were not set', async () => {
		sandbox.setOptions({ profileCreateAnswer: 'empty' });
		const list = store().addList({ name: 'VIP' });
		const { json } = await h.run(sandbox, create({ lists: [list.id] }));
		expect(sandbox.requests).toHaveLength(1);
		expect(json[0]).toMatchObject({ noResponseBody: true });
		expect(json[0].note).toMatch(/lists and custom properties were not set/);
	});
});

describe('filter Field picker where Ocamba documents no filterable fields', () => {
	test('profiles: their own fields by readable names, then the property list', async () => {
		store().addProperty({ label: 'email', system: 1 });
		store().addProperty({ label: 'loyalty_tier', description: 'Bronze, silver or gold' });
		const options = await h.callMethod(sandbox, 'loadOptions', 'getProfileFilterFields');
		expect(options.slice(0, 9).map((option) => option.value)).toEqual([
			'country_code',
			'create_time',
			'email',
			'full_name',
			'id',
			'mobile_phone_number',
			'organization_id',
			'status',
			'update_time',
		]);
		expect(options.find((option) => option.value === 'create_time').name).toBe('Created At');
		expect(options.slice(9)).toEqual([
			{
				name: 'loyalty_tier (custom property)',
				value: 'loyalty_tier',
				description: 'Bronze, silver or gold',
			},
		]);
		expect(sandbox.requests.map((request) => request.path)).toEqual([
			'/v1/hood/profile-properties',
		]);
	});

	test('campaigns: their own fields, without a request', async () => {
		const options = await h.callMethod(sandbox, 'loadOptions', 'getCampaignFilterFields');
		expect(options.map((option) => option.name)).toEqual([
			'Created At',
			'ID',
			'Name',
			'Scheduled At',
			'Status',
			'Updated At',
		]);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('a picked field filters, and a typed one (stored workflows, expressions) still does', async () => {
		store().addProfile({ email: 'ana@example.com', full_name: 'Ana' });
		store().addProfile({ email: 'jonas@example.com', full_name: 'Jonas' });
		store().addCampaign({ name: 'Sale', status: 'running' });
		store().addCampaign({ name: 'Draft', status: 'draft', is_draft: true });
		const profiles = await h.run(sandbox, {
			resource: 'profile',
			operation: 'getAll',
			returnAll: true,
			filters: { filter: [{ field: 'email', operator: 'eq', value: 'jonas@example.com' }] },
		});
		expect(profiles.json.map((profile) => profile.full_name)).toEqual(['Jonas']);
		const campaigns = await h.run(sandbox, {
			resource: 'campaign',
			operation: 'getAll',
			returnAll: true,
			filters: { filter: [{ field: '={{ "status" }}', operator: 'eq', value: 'draft' }] },
		});
		expect(campaigns.json.map((campaign) => campaign.name)).toEqual(['Draft']);
		expect(sandbox.requests[1].query).toMatchObject({ status: 'eq:draft' });
	});

	test('an empty Field is refused before anything is sent', async () => {
		const { error } = await h.run(sandbox, {
			resource: 'profile',
			operation: 'getAll',
			returnAll: true,
			filters: { filter: [{ operator: 'eq', value: 'x' }] },
		});
		expect(error.message).toBe('Invalid "Filter 1 › Field" in item 0: is required; choose a field');
		expect(sandbox.requests).toHaveLength(0);
	});
});
