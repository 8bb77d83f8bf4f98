// Every Ocamba Hood operation, run through n8n's WorkflowExecute against the sandbox over HTTP.
const { testCredential } = require('../harness');
const h = require('./ocamba-hood-helpers');

let sandbox;
beforeAll(async () => {
	sandbox = await h.startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const store = () => sandbox.store;
const state = () => sandbox.state;
const body = (request = sandbox.requests[0]) => JSON.parse(request.rawBody);
const DAY = 24 * 60 * 60 * 1000;
const hoodTime = (ms) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

describe('credential', () => {
	test('the test request lists one property with the Bearer token', async () => {
		expect(
			await testCredential('ocambaHoodApi', { apiToken: h.TOKEN, baseUrl: `${sandbox.url}/` }),
		).toMatchObject({ status: 'OK' });
		expect(sandbox.requests[0]).toMatchObject({
			path: '/v1/hood/profile-properties',
			query: { page: '1,1' },
		});
	});

	test('a wrong token fails the test', async () => {
		expect(
			await testCredential('ocambaHoodApi', { apiToken: 'wrong-token', baseUrl: sandbox.url }),
		).toMatchObject({
			status: 'Error',
			message: expect.stringContaining('API Tokens → Add Token'),
		});
	});

	test('every request carries the token as Bearer; a wrong one gives the documented 401', async () => {
		const { error } = await h.run(
			sandbox,
			{ resource: 'profileList', operation: 'getAll', returnAll: true },
			{ credentials: { apiToken: 'ocmb_wrong_token' } },
		);
		expect(error.httpCode).toBe('401');
		expect(error.message).toBe('Ocamba Hood answered 401: Unauthorized. – Invalid API token.');
		// Issue 13: the hint says where a token is created, not only that it was refused.
		expect(error.description).toMatch(
			/^Ocamba Hood did not accept the API token: .*profile menu \(top right\) → API Tokens → Add Token.* Ocamba trace ID: [0-9a-f-]{36}\.$/,
		);
	});
});

describe('profile property', () => {
	const property = (overrides) =>
		store().addProperty({ label: 'loyalty_tier', description: 'tier', ...overrides });

	test('getAll: Return All walks page=N,M with the largest page until the total', async () => {
		for (let i = 0; i < 1196; i++) property({ label: `p${i}` });
		const { status, json } = await h.run(sandbox, {
			resource: 'profileProperty',
			operation: 'getAll',
			returnAll: true,
		});
		expect(status).toBe('success');
		expect(json).toHaveLength(1200); // + 4 system properties
		expect(new Set(json.map((p) => p.id)).size).toBe(1200);
		expect(sandbox.requests.map((r) => r.query.page)).toEqual(['1,500', '2,500', '3,500']);
	});

	test('getAll: Limit asks one page of that size', async () => {
		for (let i = 0; i < 30; i++) property({ label: `p${i}` });
		const { json } = await h.run(sandbox, {
			resource: 'profileProperty',
			operation: 'getAll',
			returnAll: false,
			limit: 7,
		});
		expect(json).toHaveLength(7);
		expect(sandbox.requests.map((r) => r.query.page)).toEqual(['1,7']);
	});

	test('getAll: a server capping its page size is followed without gaps or repeats', async () => {
		const capped = await h.startSandbox({ maxPageSize: 100 });
		try {
			for (let i = 0; i < 246; i++) capped.store.addProperty({ label: `p${i}` });
			const { json } = await h.run(capped, {
				resource: 'profileProperty',
				operation: 'getAll',
				returnAll: true,
			});
			expect(json).toHaveLength(250);
			expect(new Set(json.map((p) => p.id)).size).toBe(250);
			expect(capped.requests.map((r) => r.query.page)).toEqual(['1,500', '2,100', '3,100']);
		} finally {
			await capped.close();
		}
	});

	test('getAll: filter builder, raw filters, search, sort, fields and view become the documented query', async () => {
		property({ label: 'tier_a', data_type: 'text', pi_data: 1, description: 'gold tier' });
		property({ label: 'tier_b', data_type: 'number', pi_data: 0, description: 'silver tier' });
		property({ label: 'tier_c', data_type: 'text', pi_data: 0, description: 'bronze tier' });
		property({ label: 'other', data_type: 'text', pi_data: 0, description: 'tier-less' });
		const { status, json, error } = await h.run(sandbox, {
			resource: 'profileProperty',
			operation: 'getAll',
			returnAll: true,
			filters: {
				filter: [
					{ field: 'system', operator: 'eq', value: '0' },
					{ field: 'label', operator: 'in', value: 'tier_a, tier_b,tier_c' },
					{ field: 'id', operator: 'rf', value: '1000100, 1000200' },
					{ field: 'create_time', operator: 'is', value: 'ignored' },
				],
			},
			options: {
				rawFilters: 'data_type=neq:number\n',
				search: 'TIER',
				searchFields: ['description', 'label'],
				sort: {
					rule: [
						{ field: 'pi_data', direction: 'desc' },
						{ field: 'create_time', direction: 'asc' },
					],
				},
				fields: 'id, label, pi_data',
				view: 'full',
			},
		});
		expect(error).toBeUndefined();
		expect(status).toBe('success');
		expect(json).toEqual([
			{ id: expect.any(String), label: 'tier_a', pi_data: 1 },
			{ id: expect.any(String), label: 'tier_c', pi_data: 0 },
		]);
		expect(sandbox.requests[0].query).toEqual({
			system: 'eq:0',
			label: 'in:tier_a,tier_b,tier_c',
			id: 'rf:1000100,1000200',
			create_time: 'is:',
			data_type: 'neq:number',
			q: 'TIER',
			q_fields: 'description,label',
			sort: '-pi_data,create_time',
			fields: 'id,label,pi_data',
			view: 'full',
			page: '1,500',
		});
	});

	test('getAll: refusals that name a query parameter point at the node field and the item', async () => {
		// Profiles document no searchable, sortable or filterable fields, so these reach the API.
		const cases = [
			[
				{ options: { search: 'x', searchFields: 'comment' } },
				'Invalid "Search In": Ocamba Hood answered 400: Bad request. – "comment" is not allowed in q_fields; allowed: email, full_name, mobile_phone_number. [item 0]',
			],
			[
				{ options: { sort: { rule: [{ field: 'status', direction: 'asc' }] } } },
				'Invalid "Sort": Ocamba Hood answered 400: Bad request. – "status" is not sortable; sortable: email, full_name, create_time, update_time. [item 0]',
			],
			[
				{ filters: { filter: [{ field: 'nickname', operator: 'eq', value: 'x' }] } },
				'Invalid "Filter entry 1 › Field": Ocamba Hood answered 400: Bad request. – Unknown query parameter "nickname". [item 0]',
			],
			[
				{ filters: { filter: [{ field: 'full_name', operator: 'rf', value: 'a,m' }] } },
				'Invalid "Filter entry 1 › Field": Ocamba Hood answered 400: Bad request. – Range operators apply to numbers and dates only, not to full_name. [item 0]',
			],
			[
				{ options: { rawFilters: 'email=eq:a@example.com\nnickname=eq:x' } },
				'Invalid "Raw Filters › Line 2": Ocamba Hood answered 400: Bad request. – Unknown query parameter "nickname". [item 0]',
			],
		];
		for (const [parameters, message] of cases) {
			const { error } = await h.run(sandbox, {
				resource: 'profile',
				operation: 'getAll',
				returnAll: true,
				...parameters,
			});
			expect(error.httpCode).toBe('400');
			expect(error.message).toBe(message);
			expect(error.description).toMatch(/Ocamba Hood refused the query parameter/);
		}
		expect(sandbox.requests).toHaveLength(cases.length);
	});

	test('get: by ID and from the list mode (the inferred path), unwrapping the envelope', async () => {
		const existing = property();
		for (const mode of ['id', 'list']) {
			const { json } = await h.run(sandbox, {
				resource: 'profileProperty',
				operation: 'get',
				propertyId: h.locator(existing.id, mode),
			});
			expect(json).toEqual([existing]);
		}
		expect(sandbox.requests[0].path).toBe(`/v1/hood/profile-properties/${existing.id}`);
	});

	test('get of an unknown ID: the documented error shape becomes a clear message with the trace ID', async () => {
		const { error } = await h.run(sandbox, {
			resource: 'profileProperty',
			operation: 'get',
			propertyId: h.locator('999'),
		});
		expect(error.httpCode).toBe('404');
		expect(error.message).toBe(
			'Ocamba Hood answered 404: Not found. – Profile property not found.',
		);
		expect(error.description).toMatch(/Ocamba trace ID: [0-9a-f-]{36}\.$/);
	});

	test('create: label, data type and flags as 0/1; 201 object out', async () => {
		const { json } = await h.run(sandbox, {
			resource: 'profileProperty',
			operation: 'create',
			label: 'lifetime_value',
			dataType: 'number',
			additionalFields: {
				description: 'Revenue',
				personalData: true,
				exportable: false,
				exportAlias: 'LTV',
			},
		});
		expect(body()).toEqual({
			label: 'lifetime_value',
			data_type: 'number',
			description: 'Revenue',
			pi_data: 1,
			exportable: 0,
			export_alias: 'LTV',
		});
		expect(json[0]).toMatchObject({
			id: expect.stringMatching(/^\d+$/),
			label: 'lifetime_value',
			system: 0,
			pi_data: 1,
		});
	});

	test('create: a label with a space or of any length is sent, the API decides (no pattern is documented)', async () => {
		const label = `loyalty tier ${'x'.repeat(120)}`;
		const { status, json } = await h.run(sandbox, {
			resource: 'profileProperty',
			operation: 'create',
			label,
		});
		expect(status).toBe('success');
		expect(body()).toEqual({ label, data_type: 'text' });
		expect(json[0].label).toBe(label);
	});

	test('create of an existing label: the API refuses (409) by default', async () => {
		property();
		const { error } = await h.run(sandbox, {
			resource: 'profileProperty',
			operation: 'create',
			label: 'loyalty_tier',
		});
		expect(error.httpCode).toBe('409');
		expect(error.message).toMatch(/already exists/);
	});

	test('create with "Update It": one list per run, then create, update or leave unchanged', async () => {
		property({ label: 'tier', description: 'old', example: 'gold' });
		property({ label: 'same', description: 'kept' });
		const items = [
			{ label: 'tier', description: 'new' },
			{ label: 'same', description: 'kept' },
			{ label: 'fresh', description: 'brand new' },
		];
		const { json } = await h.run(
			sandbox,
			{
				resource: 'profileProperty',
				operation: 'create',
				label: '={{ $json.label }}',
				additionalFields: { description: '={{ $json.description }}' },
				onExisting: 'update',
			},
			{ items },
		);
		expect(json.map((p) => [p.label, p.action, p.description])).toEqual([
			['tier', 'updated', 'new'],
			['same', 'unchanged', 'kept'],
			['fresh', 'created', 'brand new'],
		]);
		expect(sandbox.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
			'GET /v1/hood/profile-properties',
			`PATCH /v1/hood/profile-properties/${json[0].id}`,
			'POST /v1/hood/profile-properties',
		]);
		expect(body(sandbox.requests[1])).toEqual({ description: 'new' }); // only what differs
	});

	describe.each(['label', 'property'])(
		'listings that name a property under "%s"',
		(propertyName) => {
			beforeEach(() => sandbox.setOptions({ propertyName }));

			test('Skip and Update find the existing property: no duplicate is created', async () => {
				property({ label: 'tier', description: 'old' });
				const skipped = await h.run(sandbox, {
					resource: 'profileProperty',
					operation: 'create',
					label: 'tier',
					onExisting: 'skip',
				});
				expect(skipped.json[0]).toMatchObject({ action: 'skipped', [propertyName]: 'tier' });
				const updated = await h.run(sandbox, {
					resource: 'profileProperty',
					operation: 'create',
					label: 'tier',
					additionalFields: { description: 'new' },
					onExisting: 'update',
				});
				expect(updated.json[0]).toMatchObject({ action: 'updated', description: 'new' });
				expect(sandbox.requests.filter((r) => r.method === 'POST')).toHaveLength(0);
				expect([...state().properties.values()].filter((p) => p.label === 'tier')).toHaveLength(1);
			});

			test('list search and the dropdown show the name', async () => {
				property({ label: 'tier', description: 'Loyalty tier' });
				const found = await h.callMethod(sandbox, 'listSearch', 'searchProfileProperties', 'tier');
				expect(found.results).toEqual([{ name: 'tier', value: expect.any(String) }]);
				expect(await h.callMethod(sandbox, 'loadOptions', 'getCustomProperties')).toEqual([
					{ name: 'tier (text)', value: 'tier', description: 'Loyalty tier' },
				]);
				const system = await h.callMethod(sandbox, 'listSearch', 'searchProfileProperties');
				expect(system.results[0]).toEqual({ name: 'email (system)', value: '1000100' });
			});
		},
	);

	test('create with "Skip It" leaves an existing property alone', async () => {
		const existing = property({ description: 'old' });
		const { json } = await h.run(sandbox, {
			resource: 'profileProperty',
			operation: 'create',
			label: 'loyalty_tier',
			additionalFields: { description: 'new' },
			onExisting: 'skip',
		});
		expect(json[0]).toMatchObject({ id: existing.id, action: 'skipped', description: 'old' });
		expect(sandbox.requests).toHaveLength(1);
	});

	test('create with "Update It" over a system property or another data type: clear errors', async () => {
		const system = await h.run(sandbox, {
			resource: 'profileProperty',
			operation: 'create',
			label: 'email',
			onExisting: 'update',
			additionalFields: { description: 'x' },
		});
		expect(system.error.message).toBe(
			'The profile property "email" (ID 1000100) is a system property, which Ocamba Hood does not allow to change',
		);
		property({ label: 'score', data_type: 'number' });
		const typed = await h.run(sandbox, {
			resource: 'profileProperty',
			operation: 'create',
			label: 'score',
			dataType: 'text',
			onExisting: 'update',
		});
		expect(typed.error.message).toBe(
			'The profile property "score" exists with data type "number", not "text"',
		);
	});

	test('update sends only the given fields (204) and outputs them', async () => {
		const existing = property({ description: 'old', example: 'gold' });
		const { json } = await h.run(sandbox, {
			resource: 'profileProperty',
			operation: 'update',
			propertyId: h.locator(existing.id),
			updateFields: { description: 'new', importable: false },
		});
		expect(sandbox.requests[0].method).toBe('PATCH');
		expect(body()).toEqual({ description: 'new', importable: 0 });
		expect(json).toEqual([{ success: true, id: existing.id, description: 'new', importable: 0 }]);
		expect(state().properties.get(existing.id)).toMatchObject({
			description: 'new',
			example: 'gold',
			importable: 0,
		});
	});

	test('update of a system property: a clear error naming it, after one lookup', async () => {
		const { status, error } = await h.run(sandbox, {
			resource: 'profileProperty',
			operation: 'update',
			propertyId: h.locator('1000101'),
			updateFields: { description: 'x' },
		});
		expect(status).toBe('error');
		expect(error.message).toBe(
			'The profile property "mobile_phone_number" (ID 1000101) is a system property, which Ocamba Hood does not allow to change',
		);
		expect(error.description).toMatch(/Only custom properties can be updated/);
		expect(sandbox.requests.map((r) => [r.method, r.status])).toEqual([
			['PATCH', 403],
			['GET', 200],
		]);
		expect(sandbox.requests[1].query).toEqual({ id: 'eq:1000101', page: '1,1' });
	});

	test('update of an unknown property: the 404, with no lookup', async () => {
		const { error } = await h.run(sandbox, {
			resource: 'profileProperty',
			operation: 'update',
			propertyId: h.locator('4242'),
			updateFields: { description: 'x' },
		});
		expect(error.httpCode).toBe('404');
		expect(sandbox.requests).toHaveLength(1);
	});

	test('delete of a system property: the same clear error', async () => {
		const { error } = await h.run(sandbox, {
			resource: 'profileProperty',
			operation: 'delete',
			propertyId: h.locator('1000100'),
		});
		expect(error.message).toBe(
			'The profile property "email" (ID 1000100) is a system property, which Ocamba Hood does not allow to change',
		);
		expect(state().properties.has('1000100')).toBe(true);
	});

	test('delete (the inferred path) answers success', async () => {
		const existing = property();
		const { json } = await h.run(sandbox, {
			resource: 'profileProperty',
			operation: 'delete',
			propertyId: h.locator(existing.id),
		});
		expect(json).toEqual([{ deleted: true, success: true, id: existing.id }]);
		expect(state().properties.has(existing.id)).toBe(false);
	});
});

describe('profile', () => {
	const profile = (overrides) =>
		store().addProfile({ email: 'ana@example.com', full_name: 'Ana', ...overrides });

	test('create from an email or from an E.164 phone; the country comes from the number', async () => {
		const { json } = await h.run(
			sandbox,
			{
				resource: 'profile',
				operation: 'create',
				email: '={{ $json.email ?? "" }}',
				mobilePhoneNumber: '={{ $json.phone ?? "" }}',
				fullName: '={{ $json.name ?? "" }}',
			},
			{ items: [{ email: 'a@example.com', name: 'A' }, { phone: '+4915123456789' }] },
		);
		expect(body(sandbox.requests[0])).toEqual({ email: 'a@example.com', full_name: 'A' });
		expect(body(sandbox.requests[1])).toEqual({ mobile_phone_number: '+4915123456789' });
		expect(json[0]).toMatchObject({
			id: '17430755068336100383',
			email: 'a@example.com',
			status: 'active',
		});
		expect(Number.isSafeInteger(Number(json[0].id))).toBe(false); // kept as the exact text it arrived as
		expect(json[1]).toMatchObject({ country_code: 'DE' });
	});

	test('create answered 201 without a body (an older doc page): says so and outputs what was sent', async () => {
		sandbox.setOptions({ profileCreateAnswer: 'empty' });
		const { status, json } = await h.run(sandbox, {
			resource: 'profile',
			operation: 'create',
			email: 'a@example.com',
			fullName: 'A',
		});
		expect(status).toBe('success');
		expect(json).toEqual([
			{
				email: 'a@example.com',
				full_name: 'A',
				success: true,
				noResponseBody: true,
				note: "Ocamba Hood answered without a body, so the new profile's ID is not known; these are the fields that were sent.",
			},
		]);
	});

	test('create answered with the ID as a JSON number beyond 2^53: no rounded ID is passed on', async () => {
		sandbox.injectFault({
			method: 'POST',
			type: 'status',
			status: 201,
			body: '{"id": 17430755068336100383, "email": "a@example.com"}',
			headers: { 'Content-Type': 'application/json' },
		});
		const { json } = await h.run(sandbox, {
			resource: 'profile',
			operation: 'create',
			email: 'a@example.com',
		});
		expect(json[0]).toMatchObject({
			id: null,
			idPrecisionLost: true,
			email: 'a@example.com',
			note: expect.stringMatching(/too large to keep exactly/),
		});
	});

	test('create with an unsubscribed email: the documented 400', async () => {
		state().unsubscribed.add('gone@example.com');
		const { error } = await h.run(sandbox, {
			resource: 'profile',
			operation: 'create',
			email: 'gone@example.com',
		});
		expect(error.httpCode).toBe('400');
		expect(error.message).toMatch(/unsubscribed and cannot be attached to a new profile/);
	});

	test('get (inferred path) with fields and the full view; profile IDs stay text', async () => {
		const existing = profile();
		const { json } = await h.run(sandbox, {
			resource: 'profile',
			operation: 'get',
			profileId: existing.id,
			getOptions: { fields: 'id,email', fullView: true },
		});
		expect(json).toEqual([{ id: existing.id, email: 'ana@example.com' }]);
		expect(sandbox.requests[0].query).toEqual({ fields: 'id,email', view: 'full' });
	});

	test('getAll (inferred path) with typed filter and sort fields', async () => {
		profile({ email: 'b@example.com', full_name: 'Bea' });
		profile({ email: 'c@example.com', full_name: 'Cem' });
		profile({ email: 'd@other.org', full_name: 'Dan' });
		const { json } = await h.run(sandbox, {
			resource: 'profile',
			operation: 'getAll',
			returnAll: true,
			filters: { filter: [{ field: 'status', operator: 'eq', value: 'active' }] },
			options: {
				search: 'example.com',
				searchFields: 'email',
				sort: { rule: [{ field: 'full_name', direction: 'desc' }] },
			},
		});
		expect(json.map((p) => p.full_name)).toEqual(['Cem', 'Bea']);
	});

	test('update: given fields, list membership from IDs and custom properties from pairs and JSON', async () => {
		const existing = profile({ custom_properties: { old: 'x' } });
		store().addProperty({ label: 'tier' });
		store().addProperty({ label: 'score', data_type: 'number' });
		const list = store().addList({ name: 'VIP' });
		const { json } = await h.run(sandbox, {
			resource: 'profile',
			operation: 'update',
			profileId: existing.id,
			updateFields: {
				fullName: 'Ana P.',
				lists: [list.id],
				customProperties: { property: [{ key: 'tier', value: 'silver' }] },
				customPropertiesJson: '{"score": 42}',
			},
		});
		expect(body()).toEqual({
			full_name: 'Ana P.',
			lists: [list.id],
			custom_properties: { tier: 'silver', score: 42 },
		});
		expect(json[0]).toMatchObject({ success: true, id: existing.id });
		expect(state().profiles.get(existing.id)).toMatchObject({
			full_name: 'Ana P.',
			lists: [list.id],
			custom_properties: { old: 'x', tier: 'silver', score: 42 },
		});
	});

	test('update with an unknown list ID: the documented 400', async () => {
		const existing = profile();
		const { error } = await h.run(sandbox, {
			resource: 'profile',
			operation: 'update',
			profileId: existing.id,
			updateFields: { lists: ['123'] },
		});
		expect(error.message).toBe(
			'Ocamba Hood answered 400: Bad request. – Unknown profile list id 123.',
		);
	});

	test('delete is idempotent; unsubscribe marks the profile', async () => {
		const existing = profile();
		const other = profile({ email: 'b@example.com' });
		for (let i = 0; i < 2; i++) {
			const { json } = await h.run(sandbox, {
				resource: 'profile',
				operation: 'delete',
				profileId: existing.id,
			});
			expect(json).toEqual([{ deleted: true, success: true, id: existing.id }]);
		}
		const { json } = await h.run(sandbox, {
			resource: 'profile',
			operation: 'unsubscribe',
			profileId: other.id,
		});
		expect(json).toEqual([{ success: true, id: other.id, unsubscribed: true }]);
		expect(state().profiles.get(other.id).status).toBe('unsubscribed');
		expect(sandbox.requests[2].path).toBe(`/v1/hood/profiles/${other.id}/unsubscribe`);
	});

	test('merge: source into target, one way, source deleted', async () => {
		const target = profile({ email: 'ana@example.com', mobile_phone_number: null });
		const source = profile({
			email: 'old@example.com',
			mobile_phone_number: '+381641234567',
			full_name: 'Other',
		});
		const { json } = await h.run(sandbox, {
			resource: 'profile',
			operation: 'merge',
			profileId: target.id,
			sourceProfileId: source.id,
		});
		expect(json).toEqual([{ success: true, id: target.id, mergedProfileId: source.id }]);
		expect(sandbox.requests[0].path).toBe(`/v1/hood/profiles/${target.id}/merge/${source.id}`);
		expect(state().profiles.get(target.id)).toMatchObject({
			email: 'ana@example.com',
			full_name: 'Ana',
			mobile_phone_number: '+381641234567',
		});
		expect(state().profiles.get(source.id).status).toBe('deleted');
	});

	test('merge with an unknown source: the documented "Unknown profile id."', async () => {
		const target = profile();
		const { error } = await h.run(sandbox, {
			resource: 'profile',
			operation: 'merge',
			profileId: target.id,
			sourceProfileId: '7291748362918279999',
		});
		expect(error.message).toBe('Ocamba Hood answered 400: Bad request. – Unknown profile id.');
	});

	test('updateCustomProperties: many items per /profiles/import request, one output per item, paired', async () => {
		store().addProperty({ label: 'tier' });
		const profiles = Array.from({ length: 250 }, (_, i) => profile({ email: `p${i}@example.com` }));
		const items = profiles.map((p, i) => ({ id: p.id, tier: `t${i}` }));
		const { items: output } = await h.run(
			sandbox,
			{
				resource: 'profile',
				operation: 'updateCustomProperties',
				profileId: '={{ $json.id }}',
				customProperties: {
					property: [{ key: 'tier', type: 'string', value: '={{ $json.tier }}' }],
				},
			},
			{ items },
		);
		expect(sandbox.requests).toHaveLength(3); // batches of 100
		expect(body().profiles[0]).toEqual({
			id: profiles[0].id,
			custom_properties: { tier: { type: 'string', value: 't0' } },
		});
		expect(body().profiles).toHaveLength(100);
		expect(output).toHaveLength(250);
		expect(output.map((item) => item.pairedItem.item)).toEqual(items.map((_, i) => i));
		expect(output[249].json).toMatchObject({
			success: true,
			queued: true,
			batch: 3,
			id: profiles[249].id,
		});
		expect(state().profiles.get(profiles[249].id).custom_properties).toEqual({ tier: 't249' });
	});

	test('updateCustomProperties from JSON: numbers stay numbers, API-form values pass', async () => {
		store().addProperty({ label: 'tier' });
		store().addProperty({ label: 'score', data_type: 'number' });
		const existing = profile();
		await h.run(sandbox, {
			resource: 'profile',
			operation: 'updateCustomProperties',
			profileId: existing.id,
			customPropertiesInput: 'json',
			customPropertiesJson: '{"score": 7, "tier": {"type": "string", "value": "gold"}}',
			batchSize: 10,
		});
		expect(body().profiles[0].custom_properties).toEqual({
			score: { type: 'number', value: 7 },
			tier: { type: 'string', value: 'gold' },
		});
	});

	test('updateCustomProperties with an unknown property: every item of the batch carries the 400', async () => {
		const existing = profile();
		const { items } = await h.run(
			sandbox,
			{
				resource: 'profile',
				operation: 'updateCustomProperties',
				profileId: existing.id,
				customPropertiesInput: 'json',
				customPropertiesJson: '{"nope": "x"}',
			},
			{ items: [{}, {}], continueOnFail: true },
		);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		for (const item of items)
			expect(item.json.error).toBe(
				'Ocamba Hood answered 400: Bad request. – Unknown custom property "nope".',
			);
	});

	test('updateCustomProperties outputs the import ID; Get Import Report gives one item per profile with its code', async () => {
		store().addProperty({ label: 'tier' });
		const existing = profile();
		const update = await h.run(
			sandbox,
			{
				resource: 'profile',
				operation: 'updateCustomProperties',
				profileId: '={{ $json.id }}',
				customProperties: { property: [{ key: 'tier', value: 'gold' }] },
			},
			{ items: [{ id: existing.id }, { id: '7291748362918279999' }] },
		);
		const importId = update.json[0].import_id;
		expect(importId).toMatch(/^[0-9a-f-]{36}$/);
		expect(update.json[1].import_id).toBe(importId);
		expect(update.json[0].code).toBeUndefined(); // not waited for
		const report = await h.run(sandbox, {
			resource: 'profile',
			operation: 'getImportReport',
			importId,
			returnAll: true,
		});
		expect(report.json.map((row) => [row.profile_id, row.code])).toEqual([
			[existing.id, 'SUCCESS'],
			['7291748362918279999', 'PROFILE_NOT_FOUND'],
		]);
		expect(sandbox.requests.at(-1)).toMatchObject({
			method: 'GET',
			path: `/v1/hood/reports/profiles/import/${importId}/full`,
			query: { page: '1,500' },
		});
		const limited = await h.run(sandbox, {
			resource: 'profile',
			operation: 'getImportReport',
			importId,
			returnAll: false,
			limit: 1,
		});
		expect(limited.json).toHaveLength(1);
		const unknown = await h.run(sandbox, {
			resource: 'profile',
			operation: 'getImportReport',
			importId: 'no-such-import',
			returnAll: true,
		});
		expect(unknown.error.httpCode).toBe('404');
	});

	test('updateCustomProperties with Wait for the Result: polls the queued import, each item says whether it was applied', async () => {
		sandbox.setOptions({ importDelayMs: 400 });
		store().addProperty({ label: 'tier' });
		const existing = profile();
		const { json, items } = await h.run(
			sandbox,
			{
				resource: 'profile',
				operation: 'updateCustomProperties',
				profileId: '={{ $json.id }}',
				customProperties: { property: [{ key: 'tier', value: '={{ $json.tier }}' }] },
				importOptions: { waitForResult: true, maxChecks: 10, checkInterval: 150 },
			},
			{
				items: [
					{ id: existing.id, tier: 'gold' },
					{ id: '7291748362918279999', tier: 'x' },
				],
			},
		);
		expect(items.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		expect(json[0]).toMatchObject({
			id: existing.id,
			import_status: 'reported',
			applied: true,
			code: 'SUCCESS',
			report: { profile_id: existing.id, code: 'SUCCESS' },
		});
		expect(json[1]).toMatchObject({
			import_status: 'reported',
			applied: false,
			code: 'PROFILE_NOT_FOUND',
		});
		const reads = sandbox.requests.filter((r) => r.path.startsWith('/v1/hood/reports/'));
		expect(reads.length).toBeGreaterThanOrEqual(2); // the first check found it still queued
		expect(reads.length).toBeLessThanOrEqual(10);
		expect(state().profiles.get(existing.id).custom_properties).toEqual({ tier: 'gold' });
	});

	test('Wait for the Result is bounded: after Max Report Checks the items say "not reported"', async () => {
		sandbox.setOptions({ importDelayMs: 60_000 });
		store().addProperty({ label: 'tier' });
		const existing = profile();
		const { status, json } = await h.run(sandbox, {
			resource: 'profile',
			operation: 'updateCustomProperties',
			profileId: existing.id,
			customProperties: { property: [{ key: 'tier', value: 'gold' }] },
			importOptions: { waitForResult: true, maxChecks: 3, checkInterval: 100 },
		});
		expect(status).toBe('success');
		expect(json[0]).toMatchObject({
			import_status: 'not reported',
			applied: null,
			note: expect.stringMatching(/after 3 checks/),
		});
		expect(sandbox.requests.filter((r) => r.path.startsWith('/v1/hood/reports/'))).toHaveLength(3);
	});

	test('Wait for the Result with a 202 that carries no import ID: the items say the report cannot be read', async () => {
		sandbox.setOptions({ importAnswer: 'empty' });
		store().addProperty({ label: 'tier' });
		const existing = profile();
		const { json } = await h.run(sandbox, {
			resource: 'profile',
			operation: 'updateCustomProperties',
			profileId: existing.id,
			customProperties: { property: [{ key: 'tier', value: 'gold' }] },
			importOptions: { waitForResult: true, checkInterval: 100 },
		});
		expect(json[0]).toMatchObject({
			import_id: null,
			import_status: 'no import ID',
			applied: null,
		});
		expect(sandbox.requests).toHaveLength(1);
	});

	test('getAnalytics: the last 7 days by default, a time range in the workflow time zone, events', async () => {
		const existing = profile();
		const now = Date.now();
		store().addEvents(existing.id, [
			{ event: 'page_view', page_url: 'https://a/', event_time: hoodTime(now - DAY) },
			{ event: 'purchase', page_url: 'https://a/buy', event_time: hoodTime(now - 2 * DAY) },
			{ event: 'page_view', page_url: 'https://a/', event_time: hoodTime(now - 20 * DAY) },
			{ event: 'page_view', page_url: 'https://a/', event_time: '2025-03-10 08:30:00' },
		]);
		const recent = await h.run(sandbox, {
			resource: 'profile',
			operation: 'getAnalytics',
			profileId: existing.id,
			returnAll: true,
			options: { sort: { rule: [{ field: 'event_time', direction: 'asc' }] } },
		});
		expect(recent.json.map((e) => e.event)).toEqual(['purchase', 'page_view']);
		const ranged = await h.run(
			sandbox,
			{
				resource: 'profile',
				operation: 'getAnalytics',
				profileId: existing.id,
				returnAll: true,
				eventFilters: {
					from: '2025-03-10T09:00:00',
					to: '2025-03-10T10:00:00',
					events: 'page_view',
				},
			},
			{ settings: { timezone: 'Europe/Belgrade' } },
		);
		expect(ranged.json).toEqual([
			{
				event_time: '2025-03-10 08:30:00',
				event_date: '2025-03-10',
				page_url: 'https://a/',
				event: 'page_view',
			},
		]);
		expect(sandbox.requests[1].query).toMatchObject({
			event_time: 'rf:2025-03-10 08:00:00,2025-03-10 09:00:00',
			event: 'in:page_view',
		});
	});
});

describe('profile list', () => {
	test('getAll, create, update and delete', async () => {
		store().addList({ name: 'B list' });
		store().addList({ name: 'A list' });
		const all = await h.run(sandbox, {
			resource: 'profileList',
			operation: 'getAll',
			returnAll: true,
			options: { sort: { rule: [{ field: 'name', direction: 'asc' }] } },
		});
		expect(all.json.map((l) => l.name)).toEqual(['A list', 'B list']);

		const created = await h.run(sandbox, {
			resource: 'profileList',
			operation: 'create',
			name: 'VIP',
			additionalFields: { color: '#fca311', description: 'Top' },
		});
		expect(created.json[0]).toMatchObject({ name: 'VIP', color: '#fca311', description: 'Top' });
		const id = created.json[0].id;

		const updated = await h.run(sandbox, {
			resource: 'profileList',
			operation: 'update',
			listId: h.locator(id, 'list'),
			updateFields: { name: 'VIP 2' },
		});
		expect(updated.json).toEqual([{ success: true, id, name: 'VIP 2' }]);

		const deleted = await h.run(sandbox, {
			resource: 'profileList',
			operation: 'delete',
			listId: h.locator(id),
		});
		expect(deleted.json).toEqual([{ deleted: true, success: true, id }]);
		expect(state().lists.has(id)).toBe(false);
	});

	test('delete of a list a segment uses: the documented refusal', async () => {
		const list = store().addList({ name: 'Used' });
		store().addSegment({ name: 'S', targeting: { profile_lists: { op: 'in', items: [list.id] } } });
		const { error } = await h.run(sandbox, {
			resource: 'profileList',
			operation: 'delete',
			listId: h.locator(list.id),
		});
		expect(error.message).toBe(
			'Ocamba Hood answered 400: Bad request. – The profile list is used by a campaign, segment or scheduled task.',
		);
	});
});

describe('segment', () => {
	test('getAll asks for JSON (the list answers CSV otherwise); get unwraps the envelope', async () => {
		const one = store().addSegment({
			name: 'German speakers',
			targeting: { languages: { op: 'in', items: ['de'] } },
		});
		store().addSegment({ name: 'Inactive', status: 'inactive' });
		const all = await h.run(sandbox, {
			resource: 'segment',
			operation: 'getAll',
			returnAll: true,
			filters: { filter: [{ field: 'status', operator: 'eq', value: 'active' }] },
		});
		expect(all.json).toEqual([one]);
		expect(sandbox.requests[0].query).toMatchObject({ out: 'json', status: 'eq:active' });
		const single = await h.run(sandbox, {
			resource: 'segment',
			operation: 'get',
			segmentId: h.locator(one.id, 'list'),
		});
		expect(single.json).toEqual([one]);
	});

	test('get of an unknown segment: the documented 404', async () => {
		const { error } = await h.run(sandbox, {
			resource: 'segment',
			operation: 'get',
			segmentId: h.locator('1000999'),
		});
		expect(error.message).toBe('Ocamba Hood answered 404: Not found. – Segment not found.');
	});

	test('create and update with targeting JSON', async () => {
		const created = await h.run(sandbox, {
			resource: 'segment',
			operation: 'create',
			name: 'Austria',
			status: 'inactive',
			targeting: '{"countries": {"op": "in", "items": ["AT"]}}',
		});
		expect(body()).toEqual({
			name: 'Austria',
			status: 'inactive',
			targeting: { countries: { op: 'in', items: ['AT'] } },
		});
		const { id } = created.json[0];
		const updated = await h.run(sandbox, {
			resource: 'segment',
			operation: 'update',
			segmentId: h.locator(id),
			updateFields: { status: 'active' },
		});
		expect(updated.json).toEqual([{ success: true, id, status: 'active' }]);
		expect(state().segments.get(id)).toMatchObject({
			status: 'active',
			targeting: { countries: { op: 'in', items: ['AT'] } },
		});
	});
});

describe('campaign', () => {
	const campaign = (overrides) =>
		store().addCampaign({ name: 'Sale', status: 'running', ...overrides });

	test('getAll always sends a page size (the API would serve only 10); get asks the full view', async () => {
		for (let i = 0; i < 12; i++) campaign({ name: `C${i}`, status: 'draft' });
		const all = await h.run(sandbox, {
			resource: 'campaign',
			operation: 'getAll',
			returnAll: true,
		});
		expect(all.json).toHaveLength(12);
		expect(all.json[0].messages).toBeUndefined(); // default view
		const one = await h.run(sandbox, {
			resource: 'campaign',
			operation: 'get',
			campaignId: h.locator(all.json[0].id),
		});
		expect(one.json[0].messages).toEqual([]);
		expect(sandbox.requests[1].query).toEqual({ view: 'full' });
	});

	test('getAll sorts and searches by the documented fields, offered by readable names', async () => {
		campaign({ name: 'Spring', description: 'flowers', run_counter: 5 });
		campaign({ name: 'Summer', description: 'sale', run_counter: 2 });
		campaign({ name: 'Winter', description: 'summer gear', run_counter: 9 });
		const { json } = await h.run(sandbox, {
			resource: 'campaign',
			operation: 'getAll',
			returnAll: true,
			options: {
				search: 'summer',
				searchFields: ['name', 'description'],
				sort: { rule: [{ field: 'run_counter', direction: 'desc' }] },
			},
		});
		expect(json.map((c) => c.name)).toEqual(['Winter', 'Summer']);
		expect(sandbox.requests[0].query).toMatchObject({
			q: 'summer',
			q_fields: 'name,description',
			sort: '-run_counter',
		});
		const { loadTypes } = require('../harness/types');
		const types = await loadTypes(require('../harness').REPO_ROOT);
		const options = types.nodeTypes
			.getByNameAndVersion('n8n-nodes-personalization.ocambaHood', 1)
			.description.properties.find(
				(p) => p.name === 'options' && p.displayOptions.show.resource.includes('campaign'),
			);
		const sortField = options.options
			.find((o) => o.name === 'sort')
			.options[0].values.find((v) => v.name === 'field');
		expect(sortField.options.map((o) => [o.name, o.value])).toEqual([
			['Created At', 'create_time'],
			['Name', 'name'],
			['Next Run At', 'next_run_time'],
			['Status', 'status'],
			['Times Run', 'run_counter'],
			['Updated At', 'update_time'],
		]);
		expect(
			options.options.find((o) => o.name === 'searchFields').options.map((o) => o.value),
		).toEqual(['description', 'name']);
	});

	test('create: a draft with messages, or scheduled in the workflow time zone, or sent at once', async () => {
		const draft = await h.run(sandbox, {
			resource: 'campaign',
			operation: 'create',
			name: 'Summer',
			execution: 'draft',
			additionalFields: { labels: 'summer, sale' },
		});
		expect(draft.json[0]).toMatchObject({
			name: 'Summer',
			status: 'draft',
			labels: ['summer', 'sale'],
		});
		expect(body().messages[0].channel).toBe('push');

		const scheduled = await h.run(
			sandbox,
			{
				resource: 'campaign',
				operation: 'create',
				name: 'Later',
				execution: 'scheduled',
				scheduledTime: '2030-07-01T10:00:00',
			},
			{ settings: { timezone: 'Europe/Berlin' } },
		);
		expect(scheduled.json[0]).toMatchObject({
			status: 'scheduled',
			scheduled_time: '2030-07-01 08:00:00',
		});

		const now = await h.run(sandbox, {
			resource: 'campaign',
			operation: 'create',
			name: 'Now',
			execution: 'runImmediately',
			messages: '[{"channel": "email", "integration_id": "55"}]',
			additionalFields: { otherFields: '{"quiet_hours": {"from": "22:00", "to": "07:00"}}' },
		});
		expect(body(sandbox.requests[2])).toMatchObject({
			name: 'Now',
			run_immediately: true,
			quiet_hours: { from: '22:00', to: '07:00' },
		});
		expect(now.json[0].status).toBe('running');
	});

	test('update sends a merge patch of the given fields; refused while running', async () => {
		const draft = campaign({ status: 'draft', description: 'old', metadata: { a: 1, b: 2 } });
		const { json } = await h.run(sandbox, {
			resource: 'campaign',
			operation: 'update',
			campaignId: h.locator(draft.id),
			updateFields: { description: 'new', metadata: '{"b": null, "c": 3}' },
		});
		expect(json).toEqual([
			{ success: true, id: draft.id, description: 'new', metadata: { b: null, c: 3 } },
		]);
		expect(state().campaigns.get(draft.id)).toMatchObject({
			description: 'new',
			metadata: { a: 1, c: 3 },
		});

		const running = campaign();
		const { error } = await h.run(sandbox, {
			resource: 'campaign',
			operation: 'update',
			campaignId: h.locator(running.id),
			updateFields: { name: 'x' },
		});
		expect(error.message).toBe(
			'Ocamba Hood answered 400: Bad request. – A campaign in status running cannot be changed.',
		);
	});

	test('pause, resume now or at a set time, cancel', async () => {
		const running = campaign();
		const paused = await h.run(sandbox, {
			resource: 'campaign',
			operation: 'pause',
			campaignId: h.locator(running.id),
			reason: 'stock ran out',
		});
		expect(paused.json).toEqual([{ success: true, id: running.id, status: 'paused' }]);
		expect(body()).toEqual({ reason: 'stock ran out' });

		const resumed = await h.run(sandbox, {
			resource: 'campaign',
			operation: 'resume',
			campaignId: h.locator(running.id),
			resumeMode: 'scheduled',
			scheduledTime: '2030-01-01 09:00:00',
		});
		expect(resumed.json[0]).toMatchObject({
			status: 'scheduled',
			scheduled_time: '2030-01-01 09:00:00',
		});
		expect(state().campaigns.get(running.id).status).toBe('scheduled');

		await h.run(sandbox, {
			resource: 'campaign',
			operation: 'pause',
			campaignId: h.locator(running.id),
		});
		await h.run(sandbox, {
			resource: 'campaign',
			operation: 'resume',
			campaignId: h.locator(running.id),
			resumeMode: 'now',
		});
		expect(body(sandbox.requests[3])).toEqual({ run_immediately: true });
		expect(state().campaigns.get(running.id).status).toBe('running');

		const canceled = await h.run(sandbox, {
			resource: 'campaign',
			operation: 'cancel',
			campaignId: h.locator(running.id),
			reason: 'done',
		});
		expect(canceled.json).toEqual([{ success: true, id: running.id, status: 'canceled' }]);
		expect(state().campaigns.get(running.id)).toMatchObject({ status: 'canceled', reason: 'done' });
	});

	test('pausing a draft: the documented state error', async () => {
		const draft = campaign({ status: 'draft' });
		const { error } = await h.run(sandbox, {
			resource: 'campaign',
			operation: 'pause',
			campaignId: h.locator(draft.id),
		});
		expect(error.message).toBe(
			'Ocamba Hood answered 400: Bad request. – A campaign in status draft cannot be paused.',
		);
	});
});

describe("list search and dropdowns (through n8n-core's LoadOptionsContext)", () => {
	test('properties: searched by the API, system ones marked, paged with a token', async () => {
		for (let i = 0; i < 120; i++) store().addProperty({ label: `prop_${i}` });
		const first = await h.callMethod(sandbox, 'listSearch', 'searchProfileProperties');
		expect(first.results).toHaveLength(100);
		expect(first.results[0]).toEqual({ name: 'email (system)', value: '1000100' });
		expect(first.paginationToken).toBe('2');
		const second = await h.callMethod(
			sandbox,
			'listSearch',
			'searchProfileProperties',
			undefined,
			'2',
		);
		expect(second.results).toHaveLength(24);
		expect(second.paginationToken).toBeUndefined();
		const found = await h.callMethod(sandbox, 'listSearch', 'searchProfileProperties', 'prop_11');
		expect(found.results.map((r) => r.name)).toEqual([
			'prop_11',
			'prop_110',
			'prop_111',
			'prop_112',
			'prop_113',
			'prop_114',
			'prop_115',
			'prop_116',
			'prop_117',
			'prop_118',
			'prop_119',
		]);
		expect(sandbox.requests[2].query).toMatchObject({
			q: 'prop_11',
			q_fields: 'label,description',
		});
	});

	test('lists, segments and campaigns', async () => {
		store().addList({ name: 'Newsletter' });
		store().addSegment({ name: 'Germans' });
		store().addCampaign({ name: 'Sale', status: 'paused' });
		expect(
			(await h.callMethod(sandbox, 'listSearch', 'searchProfileLists', 'news')).results,
		).toEqual([{ name: 'Newsletter', value: expect.any(String) }]);
		expect((await h.callMethod(sandbox, 'listSearch', 'searchSegments')).results).toEqual([
			{ name: 'Germans (active)', value: expect.any(String) },
		]);
		expect((await h.callMethod(sandbox, 'listSearch', 'searchCampaigns', 'sale')).results).toEqual([
			{ name: 'Sale (paused)', value: expect.any(String) },
		]);
	});

	test('dropdowns: custom properties by label (no system ones) and profile lists', async () => {
		store().addProperty({ label: 'tier', description: 'Loyalty tier' });
		store().addProperty({ label: 'score', data_type: 'number' });
		const list = store().addList({ name: 'VIP' });
		expect(await h.callMethod(sandbox, 'loadOptions', 'getCustomProperties')).toEqual([
			{ name: 'score (number)', value: 'score', description: undefined },
			{ name: 'tier (text)', value: 'tier', description: 'Loyalty tier' },
		]);
		expect(await h.callMethod(sandbox, 'loadOptions', 'getProfileLists')).toEqual([
			{ name: 'VIP', value: list.id },
		]);
	});
});
