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
			'Invalid "Profile List Names or IDs entry 1": must be an Ocamba ID: digits only, such as 1000105 [item 0]',
		],
		[
			'an object as a property value',
			{ customPropertiesJson: '{"tier": {"name": "gold"}}' },
			'Invalid "Custom Properties › tier": must be text, a number, true/false or null [item 0]',
		],
		[
			'JSON that does not parse',
			{ customPropertiesJson: '{tier: gold}' },
			/^Invalid "Custom Properties \(JSON\)": not valid JSON.*\[item 0\]$/,
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
		expect(error.message).toBe(
			'Invalid "Filter entry 1 › Field": is required; choose a field [item 0]',
		);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('segment targeting builder', () => {
	const rules = (...rule) => ({ rule });
	const create = (parameters, options) =>
		h.run(
			sandbox,
			{ resource: 'segment', operation: 'create', name: 'Segment', ...parameters },
			options,
		);
	const v2 = { typeVersion: 2 };

	test('new nodes (version 2) build the targeting from rules', async () => {
		const vip = store().addList({ name: 'VIP' });
		store().addProperty({ label: 'loyalty_tier' });
		const { status, json } = await create(
			{
				targetingRules: rules(
					{ target: 'countries', operator: 'eq', values: 'DE, AT' },
					{ target: 'custom_properties', key: 'loyalty_tier', operator: 'neq', values: 'bronze' },
					{ target: 'custom_properties', key: 'plan', values: 'pro,team' },
					{ target: 'profile_lists', operator: 'eq', lists: [vip.id] },
					{ target: 'profile_age', from: 7, to: 30 },
				),
			},
			v2,
		);
		expect(status).toBe('success');
		const targeting = {
			countries: { op: 'eq', items: ['DE', 'AT'] },
			custom_properties: {
				loyalty_tier: { op: 'neq', items: ['bronze'] },
				plan: { op: 'eq', items: ['pro', 'team'] },
			},
			profile_lists: { op: 'eq', items: [vip.id] },
			profile_age: { from: 7, to: 30 },
		};
		expect(body(sandbox.requests[0])).toEqual({ name: 'Segment', status: 'active', targeting });
		expect(json[0]).toMatchObject({ name: 'Segment', targeting });
	});

	test('version 2 without rules sends no targeting; Using JSON sends the JSON', async () => {
		await create({}, v2);
		expect(body(sandbox.requests[0])).toEqual({ name: 'Segment', status: 'active' });
		await create(
			{ targetingInput: 'json', targeting: '{"languages": {"op": "eq", "items": ["nl"]}}' },
			v2,
		);
		expect(body(sandbox.requests[1]).targeting).toEqual({
			languages: { op: 'eq', items: ['nl'] },
		});
	});

	test('stored workflows (version 1, no Define Targeting) send their JSON as before', async () => {
		await create({});
		expect(body(sandbox.requests[0]).targeting).toEqual({
			countries: { op: 'in', items: ['DE', 'AT'] },
		});
		await create({ targeting: '{"os": {"op": "eq", "items": ["17"]}}' });
		expect(body(sandbox.requests[1]).targeting).toEqual({ os: { op: 'eq', items: ['17'] } });
	});

	test.each([
		[
			'a rule without values',
			rules({ target: 'countries', values: ' , ' }),
			'Invalid "Targeting Rules › Rule 1 › Values": is required, e.g. DE, AT for countries [item 0]',
		],
		[
			'the same attribute twice',
			rules({ target: 'languages', values: 'de' }, { target: 'languages', values: 'en' }),
			'Invalid "Targeting Rules › Rule 2 › Attribute": "Language" is already targeted by an earlier rule; put all its values in one rule [item 0]',
		],
		[
			// Left empty in the editor, n8n itself flags the required field; an expression can still be empty.
			'a custom property whose name is empty',
			rules({ target: 'custom_properties', key: '={{ "" }}', values: 'gold' }),
			'Invalid "Targeting Rules › Rule 1 › Custom Property Name or ID": is required [item 0]',
		],
		[
			'a profile age range upside down',
			rules({ target: 'profile_age', from: 30, to: 7 }),
			'Invalid "Targeting Rules › Rule 1 › Profile Age To": must not be below Profile Age From [item 0]',
		],
		[
			'a profile list that is not an ID',
			rules({ target: 'profile_lists', lists: '={{ ["VIP"] }}' }),
			'Invalid "Targeting Rules › Rule 1 › Profile List Names or IDs": "VIP" is not a profile list ID (digits only, such as 1000105) [item 0]',
		],
		[
			'an attribute set by expression to an unknown one',
			rules({ target: '={{ "tags" }}', key: 'x', values: 'x' }),
			/^Invalid "Targeting Rules › Rule 1 › Attribute": must be one of: App, Browser.*\[item 0\]$/,
		],
	])('%s is refused before anything is sent', async (_name, targetingRules, message) => {
		const { error } = await create({ targetingRules }, v2);
		expect(error.message).toEqual(
			typeof message === 'string' ? message : expect.stringMatching(message),
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('Define Targeting set by expression to another value is refused before anything is sent', async () => {
		const { error } = await create({ targetingInput: '={{ "builder" }}' }, v2);
		expect(error.message).toBe(
			'Invalid "Define Targeting": must be Using Fields Below (fields) or Using JSON (json) [item 0]',
		);
		expect(sandbox.requests).toHaveLength(0);
	});

	test('update: rules replace the targeting; rules and JSON together are refused', async () => {
		const segment = store().addSegment({
			name: 'S',
			targeting: { languages: { op: 'eq', items: ['de'] } },
		});
		const update = (updateFields) =>
			h.run(sandbox, {
				resource: 'segment',
				operation: 'update',
				segmentId: h.locator(segment.id),
				updateFields,
			});
		const { status } = await update({
			targetingRules: rules({ target: 'countries', values: 'FR' }),
		});
		expect(status).toBe('success');
		expect(body(sandbox.requests[0])).toEqual({
			targeting: { countries: { op: 'eq', items: ['FR'] } },
		});
		expect(sandbox.state.segments.get(segment.id).targeting).toEqual({
			countries: { op: 'eq', items: ['FR'] },
		});
		const both = await update({
			targeting: '{"os": {"op": "eq", "items": ["17"]}}',
			targetingRules: rules({ target: 'countries', values: 'FR' }),
		});
		expect(both.error.message).toBe(
			'Invalid "Targeting Rules": use either Targeting Rules or Targeting (JSON), not both: each replaces the whole targeting [item 0]',
		);
		expect(sandbox.requests).toHaveLength(1);
	});
});
