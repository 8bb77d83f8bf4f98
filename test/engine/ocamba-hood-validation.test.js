// Bad input gets a clear error naming the field and the item, and nothing reaches the API.
const h = require('./ocamba-hood-helpers');

let sandbox;
beforeAll(async () => {
	sandbox = await h.startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const PROFILE = '7291748362918270001';
const property = (parameters) => ({
	resource: 'profileProperty',
	operation: 'create',
	label: 'tier',
	...parameters,
});
const profile = (operation, parameters) => ({
	resource: 'profile',
	operation,
	profileId: PROFILE,
	...parameters,
});
const bulk = (parameters) => profile('updateCustomProperties', parameters);
const getAll = (resource, filters, options) => ({
	resource,
	operation: 'getAll',
	returnAll: true,
	filters: { filter: filters },
	options,
});
const campaign = (parameters) => ({
	resource: 'campaign',
	operation: 'create',
	name: 'Sale',
	execution: 'draft',
	...parameters,
});
const manyProperties = JSON.stringify(
	Object.fromEntries(Array.from({ length: 101 }, (_, i) => [`p${i}`, 'x'])),
);

const CASES = [
	[
		'property label that evaluates to nothing',
		property({ label: '={{ $json.label }}' }),
		'Invalid "Label": is required [item 0]',
	],
	[
		'unknown data type',
		property({ dataType: '={{ "boolean" }}' }),
		'Invalid "Data Type": must be one of: text, number, date [item 0]',
	],
	[
		'property description over 2000 characters',
		property({ additionalFields: { description: '={{ "x".repeat(2001) }}' } }),
		'Invalid "Description": must be at most 2000 characters [item 0]',
	],
	[
		'property update without fields',
		{
			resource: 'profileProperty',
			operation: 'update',
			propertyId: h.locator('1000100'),
			updateFields: {},
		},
		'Invalid "Update Fields": add at least one field to change; an empty update is not sent [item 0]',
	],
	[
		'property ID that would change the path',
		{
			resource: 'profileProperty',
			operation: 'get',
			propertyId: h.locator('={{ "../profiles" }}'),
		},
		/^Invalid "Profile Property ID": must be an Ocamba ID: digits only.*\[item 0\]$/,
	],
	[
		'profile without email or phone',
		profile('create', { email: '', mobilePhoneNumber: '', fullName: 'Ana' }),
		'Invalid "Email": is required when Mobile Phone Number is empty [item 0]',
	],
	[
		'phone number not in E.164',
		profile('create', { mobilePhoneNumber: '0151 2345678' }),
		/^Invalid "Mobile Phone Number": must be in E\.164 format.*\[item 0\]$/,
	],
	[
		'malformed email',
		profile('create', { email: 'ana(at)example.com' }),
		'Invalid "Email": must be an email address [item 0]',
	],
	[
		'profile ID with letters',
		profile('get', { profileId: 'abc123' }),
		/^Invalid "Profile ID": must be an Ocamba ID.*\[item 0\]$/,
	],
	[
		'merging a profile into itself',
		profile('merge', { sourceProfileId: PROFILE }),
		'Invalid "Source Profile ID": must differ from the target Profile ID [item 0]',
	],
	[
		'profile update without fields',
		profile('update', { updateFields: {} }),
		'Invalid "Update Fields": add at least one field to change; an empty update is not sent [item 0]',
	],
	[
		'profile list ID that is not an ID',
		profile('update', { updateFields: { lists: '={{ ["1000105", "VIP"] }}' } }),
		/^Invalid "Profile List Names or IDs entry 2": must be an Ocamba ID.*\[item 0\]$/,
	],
	[
		'malformed custom properties JSON',
		profile('update', { updateFields: { customPropertiesJson: '{"tier": gold}' } }),
		/^Invalid "Custom Properties \(JSON\)": not valid JSON.*\[item 0\]$/,
	],
	[
		'custom property value that is an object',
		profile('update', { updateFields: { customPropertiesJson: '{"tier": {"name": "gold"}}' } }),
		'Invalid "Custom Properties › tier": must be text, a number, true/false or null [item 0]',
	],
	[
		'bulk update without properties',
		bulk({ customProperties: {} }),
		'Invalid "Custom Properties": needs at least one property [item 0]',
	],
	[
		'bulk update over 100 properties',
		bulk({ customPropertiesInput: 'json', customPropertiesJson: manyProperties }),
		'Invalid "Custom Properties": must not hold more than 100 properties (the API\'s limit per profile) [item 0]',
	],
	[
		'bulk number that is not a number',
		bulk({ customProperties: { property: [{ key: 'score', type: 'number', value: 'many' }] } }),
		'Invalid "Custom Properties › score › Value": must be a number for the type "number" [item 0]',
	],
	[
		'bulk batch size above the maximum',
		bulk({ batchSize: 5000, customProperties: { property: [{ key: 'a', value: 'b' }] } }),
		'Invalid "Batch Size": must be a whole number from 1 to 1000 (got 5000) [item 0]',
	],
	[
		'range filter with one bound',
		getAll('profileProperty', [{ field: 'create_time', operator: 'rf', value: '2025-01-01' }]),
		'Invalid "Filter entry 1 › Value": "Between, Inclusive" needs a start and an end separated by a comma, e.g. 10,20 or 2025-01-01,2025-01-31 [item 0]',
	],
	[
		'list filter without values',
		getAll('profileList', [{ field: 'id', operator: 'in', value: ' ' }]),
		'Invalid "Filter entry 1 › Value": is required for "In List" [item 0]',
	],
	[
		'filter on a list parameter',
		getAll('profile', [{ field: 'page', operator: 'eq', value: '2' }]),
		'Invalid "Filter entry 1 › Field": "page" is a list parameter, not a field that can be filtered [item 0]',
	],
	[
		'the same field filtered twice',
		getAll('profile', [
			{ field: 'status', operator: 'eq', value: 'a' },
			{ field: 'status', operator: 'neq', value: 'b' },
		]),
		'Invalid "Filter entry 2 › Field": "Status" (status) is filtered twice; for a range use one Between operator instead, e.g. "Between, Inclusive" with 2025-01-01,2025-01-31 [item 0]',
	],
	[
		'raw filter without "="',
		getAll('segment', [], { rawFilters: 'status:active' }),
		'Invalid "Raw Filters › Line 1": must look like field=operator:value [item 0]',
	],
	[
		'search fields without a keyword',
		getAll('profileList', [], { searchFields: ['name'] }),
		'Invalid "Search In": needs a Search keyword [item 0]',
	],
	[
		'sort field smuggling a parameter',
		getAll('campaign', [], { sort: { rule: [{ field: 'name&page=9', direction: 'asc' }] } }),
		'Invalid "Sort entry 1 › Field": must be an API field name such as create_time [item 0]',
	],
	[
		'page size of zero',
		getAll('campaign', [], { pageSize: 0 }),
		'Invalid "Page Size": must be a whole number at least 1 (got 0) [item 0]',
	],
	[
		'list color that is not hex',
		{
			resource: 'profileList',
			operation: 'create',
			name: 'VIP',
			additionalFields: { color: 'orange' },
		},
		'Invalid "Color": must be a hex color such as #1a73e8 [item 0]',
	],
	[
		'deprecated segment targeting key',
		{
			resource: 'segment',
			operation: 'create',
			name: 'S',
			targeting: '{"users": {"op": "in", "items": ["1"]}}',
		},
		'Invalid "Targeting (JSON) › users": is deprecated by Ocamba; use "profiles" instead [item 0]',
	],
	[
		'segment targeting that is a list',
		{ resource: 'segment', operation: 'create', name: 'S', targeting: '[1, 2]' },
		'Invalid "Targeting (JSON)": must be a JSON object (the targeting rules) [item 0]',
	],
	[
		'email message without integration',
		campaign({ messages: '[{"channel": "email"}]' }),
		'Invalid "Messages (JSON) entry 1 › Integration ID": is required for the email channel [item 0]',
	],
	[
		'two push messages without an A/B test',
		campaign({ messages: '[{"channel": "push"}, {"channel": "push"}]' }),
		'Invalid "A/B Test (JSON)": is required when several messages share the push channel [item 0]',
	],
	[
		'scheduled time that is not a date',
		campaign({ execution: 'scheduled', scheduledTime: '={{ "next friday" }}' }),
		/^Invalid "Scheduled Time": must be a date-time.*\[item 0\]$/,
	],
	[
		'analytics range ending before it starts',
		profile('getAnalytics', {
			returnAll: true,
			eventFilters: { from: '2025-03-02T00:00:00', to: '2025-03-01T00:00:00' },
		}),
		'Invalid "To": must not be before From [item 0]',
	],
	// Section 4 of issue #9: keys that would reach a prototype, fields the API documents no use for,
	// and numbers that cannot be a limit, page or batch size, all refused before anything is sent.
	[
		'__proto__ key in custom properties JSON',
		profile('update', {
			updateFields: { customPropertiesJson: '{"tier": "gold", "__proto__": {"x": "yes"}}' },
		}),
		/^Invalid "Custom Properties \(JSON\)": the key "__proto__" \(at __proto__\) is not allowed.*\[item 0\]$/,
	],
	[
		'constructor key in bulk custom properties JSON',
		bulk({
			customPropertiesInput: 'json',
			customPropertiesJson: '{"constructor": {"prototype": {"x": 1}}}',
		}),
		/^Invalid "Custom Properties \(JSON\)": the key "constructor".*\[item 0\]$/,
	],
	[
		'__proto__ as a bulk property name',
		bulk({
			customProperties: { property: [{ key: '={{ "__proto__" }}', type: 'string', value: 'x' }] },
		}),
		/^Invalid "Custom Properties › Property entry 1 › Property": the key "__proto__".*\[item 0\]$/,
	],
	[
		'__proto__ as an update property name',
		profile('update', {
			updateFields: { customProperties: { property: [{ key: '={{ "__proto__" }}', value: 'x' }] } },
		}),
		/^Invalid "Custom Properties › Property entry 1 › Property": the key "__proto__".*\[item 0\]$/,
	],
	[
		'__proto__ in campaign Other Fields',
		campaign({
			additionalFields: { otherFields: '{"deal_id": "1", "__proto__": {"is_draft": false}}' },
		}),
		/^Invalid "Other Fields \(JSON\)": the key "__proto__".*\[item 0\]$/,
	],
	[
		'__proto__ in segment targeting',
		{
			resource: 'segment',
			operation: 'create',
			name: 'S',
			targeting: '{"countries": {"op": "in", "items": ["DE"], "__proto__": {"x": 1}}}',
		},
		/^Invalid "Targeting \(JSON\)": the key "__proto__" \(at countries.__proto__\).*\[item 0\]$/,
	],
	[
		'__proto__ as a typed filter field',
		getAll('profile', [{ field: '={{ "__proto__" }}', operator: 'eq', value: 'x' }]),
		'Invalid "Filter entry 1 › Field": "__proto__" is not allowed as a field name [item 0]',
	],
	[
		'range operator on a text field',
		getAll('profileProperty', [{ field: 'label', operator: 'rf', value: 'a,b' }]),
		'Invalid "Filter entry 1 › Operator": "Between, Inclusive" applies to numbers and dates only, and "Label" (label) is neither; it applies here to: Created At (create_time), Exportable (exportable), ID (id), Importable (importable), Personal Data (PII) (pi_data), System Property (system), Updated At (update_time) [item 0]',
	],
	[
		'range operator on a text field in raw filters',
		getAll('segment', [], { rawFilters: 'name=r:a,m' }),
		/^Invalid "Raw Filters › Line 1": "Between, Exclusive" \(r:\) applies to numbers and dates only, and "Name" \(name\) is neither.*\[item 0\]$/,
	],
	[
		'unknown filter field via expression',
		getAll('segment', [{ field: '={{ "owner" }}', operator: 'eq', value: 'x' }]),
		'Invalid "Filter entry 1 › Field": "owner" is not a field Ocamba lets you filter by here; choose one of: Created At (create_time), ID (id), Name (name), Status (status), Updated At (update_time) [item 0]',
	],
	[
		'undocumented raw filter field',
		getAll('profileProperty', [], { rawFilters: 'company_id=eq:1' }),
		/^Invalid "Raw Filters › Line 1": "company_id" is not a field Ocamba lets you filter by here.*\[item 0\]$/,
	],
	[
		'unknown sort field via expression',
		getAll('campaign', [], { sort: { rule: [{ field: '={{ "budget" }}', direction: 'asc' }] } }),
		'Invalid "Sort entry 1 › Field": "budget" is not a field Ocamba lets you sort by here; choose one of: Created At (create_time), Name (name), Next Run At (next_run_time), Status (status), Times Run (run_counter), Updated At (update_time) [item 0]',
	],
	[
		'sort direction via expression',
		getAll('campaign', [], { sort: { rule: [{ field: 'name', direction: '={{ "sideways" }}' }] } }),
		'Invalid "Sort entry 1 › Direction": must be asc or desc [item 0]',
	],
	[
		'unknown Search In field via expression',
		getAll('campaign', [], { search: 'sale', searchFields: '={{ ["name", "status"] }}' }),
		'Invalid "Search In": "status" is not a field Ocamba lets you search in here; choose one of: Description (description), Name (name) [item 0]',
	],
	[
		'view via expression',
		getAll('profileList', [], { view: '={{ "everything" }}' }),
		'Invalid "View": must be default or full [item 0]',
	],
	[
		'limit of zero',
		{ resource: 'campaign', operation: 'getAll', returnAll: false, limit: 0 },
		'Invalid "Limit": must be a whole number at least 1 (got 0) [item 0]',
	],
	[
		'fractional limit',
		{ resource: 'profileList', operation: 'getAll', returnAll: false, limit: '={{ 2.5 }}' },
		'Invalid "Limit": must be a whole number at least 1 (got 2.5) [item 0]',
	],
	[
		'negative page size',
		getAll('segment', [], { pageSize: -5 }),
		'Invalid "Page Size": must be a whole number at least 1 (got -5) [item 0]',
	],
	[
		'batch size of zero',
		bulk({ batchSize: 0, customProperties: { property: [{ key: 'a', value: 'b' }] } }),
		'Invalid "Batch Size": must be a whole number from 1 to 1000 (got 0) [item 0]',
	],
	[
		'fractional batch size',
		bulk({ batchSize: '={{ 1.5 }}', customProperties: { property: [{ key: 'a', value: 'b' }] } }),
		'Invalid "Batch Size": must be a whole number from 1 to 1000 (got 1.5) [item 0]',
	],
	[
		'report checks of zero',
		bulk({
			importOptions: { waitForResult: true, maxChecks: 0 },
			customProperties: { property: [{ key: 'a', value: 'b' }] },
		}),
		'Invalid "Max Report Checks": must be a whole number from 1 to 60 (got 0) [item 0]',
	],
	[
		'report wait below the minimum',
		bulk({
			importOptions: { waitForResult: true, checkInterval: 5 },
			customProperties: { property: [{ key: 'a', value: 'b' }] },
		}),
		'Invalid "Wait Between Checks (Ms)": must be a whole number from 100 to 300000 (got 5) [item 0]',
	],
	[
		'import ID that would change the path',
		{
			resource: 'profile',
			operation: 'getImportReport',
			importId: '={{ "../../profiles" }}',
			returnAll: true,
		},
		/^Invalid "Import ID": must be an import ID.*\[item 0\]$/,
	],
	[
		'import report limit of zero',
		{
			resource: 'profile',
			operation: 'getImportReport',
			importId: 'abc-1',
			returnAll: false,
			limit: 0,
		},
		'Invalid "Limit": must be a whole number at least 1 (got 0) [item 0]',
	],
	[
		'analytics time filtered twice',
		profile('getAnalytics', {
			returnAll: true,
			eventFilters: { from: '2025-03-01T00:00:00' },
			filters: { filter: [{ field: 'event_time', operator: 'gte', value: '2025-01-01' }] },
		}),
		'Invalid "Filters": "event_time" is already set by the fields above; remove it from the filters [item 0]',
	],
];

describe.each(CASES)('%s', (_name, parameters, expected) => {
	test('fails before any request, naming field and item', async () => {
		const { status, error } = await h.run(sandbox, parameters);
		expect(status).toBe('error');
		if (expected instanceof RegExp) expect(error.message).toMatch(expected);
		else expect(error.message).toBe(expected);
		expect(sandbox.requests).toHaveLength(0);
	});
});

// Objects from input items reach the node through expressions with their own "__proto__" keys intact
// (JSON.parse makes them own keys, as an HTTP response or a Code node would).
test.each([
	[
		'custom properties JSON',
		profile('update', { updateFields: { customPropertiesJson: '={{ $json.custom }}' } }),
		/^Invalid "Custom Properties \(JSON\)": the key "__proto__".*\[item 0\]$/,
	],
	[
		'a bulk property value',
		bulk({
			customProperties: {
				property: [{ key: 'tier', type: 'string', value: '={{ $json.custom }}' }],
			},
		}),
		/^Invalid "Custom Properties › Property entry 1 › Value": the key "__proto__".*\[item 0\]$/,
	],
	[
		'segment targeting',
		{ resource: 'segment', operation: 'create', name: 'S', targeting: '={{ $json.custom }}' },
		/^Invalid "Targeting \(JSON\)": the key "__proto__".*\[item 0\]$/,
	],
])(
	'a __proto__ key in an input item object is refused: %s',
	async (_name, parameters, expected) => {
		const items = [
			{ custom: JSON.parse('{"type": "string", "value": "x", "__proto__": {"admin": true}}') },
		];
		const { status, error } = await h.run(sandbox, parameters, { items });
		expect(status).toBe('error');
		expect(error.message).toMatch(expected);
		expect(sandbox.requests).toHaveLength(0);
	},
);

// Empty or malformed required parameters are caught by n8n itself before the run, as in the editor.
test.each([
	['property label', property({ label: '' })],
	['profile ID', profile('delete', { profileId: '' })],
	[
		'segment ID that is not a number',
		{ resource: 'segment', operation: 'get', segmentId: h.locator('abc') },
	],
])(
	'n8n refuses to start with an empty or malformed required parameter: %s',
	async (_name, parameters) => {
		const { status, result } = await h.run(sandbox, parameters);
		expect(status).toBe('error');
		expect(result.error.message).toMatch(/issues/i);
		expect(sandbox.requests).toHaveLength(0);
	},
);

test('the item named is the failing one, not the first', async () => {
	const items = [{ phone: '+4915123456789' }, { phone: '+381641234567' }, { phone: '0641234567' }];
	const { error } = await h.run(
		sandbox,
		profile('create', { mobilePhoneNumber: '={{ $json.phone }}' }),
		{ items },
	);
	expect(error.message).toMatch(
		/^Invalid "Mobile Phone Number": must be in E\.164 format.*\[item 2\]$/,
	);
	expect(sandbox.requests).toHaveLength(2); // the valid items before it were sent one by one
});

test('Continue On Fail: one output per input item, paired, errors in place', async () => {
	const existing = sandbox.store.addProfile({ email: 'ana@example.com' });
	const items = [{ id: existing.id }, { id: 'not-an-id' }, { id: '7291748362918279999' }];
	const { status, items: output } = await h.run(
		sandbox,
		profile('get', { profileId: '={{ $json.id }}' }),
		{ items, continueOnFail: true },
	);
	expect(status).toBe('success');
	expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(output[0].json.id).toBe(existing.id);
	expect(output[1].json.error).toMatch(/^Invalid "Profile ID": .*\[item 1\]$/);
	expect(output[2].json.error).toBe('Ocamba Hood answered 404: Not found. – Profile not found.');
	expect(sandbox.requests).toHaveLength(2);
});

test('Continue On Fail in a bulk update: a bad item gets its own error, the others go in one request', async () => {
	sandbox.store.addProperty({ label: 'tier' });
	const profiles = [1, 2, 3].map((i) => sandbox.store.addProfile({ email: `p${i}@example.com` }));
	const items = [
		{ id: profiles[0].id },
		{ id: 'x' },
		{ id: profiles[1].id },
		{ id: profiles[2].id },
	];
	const { items: output } = await h.run(
		sandbox,
		bulk({
			profileId: '={{ $json.id }}',
			customProperties: { property: [{ key: 'tier', type: 'string', value: 'gold' }] },
		}),
		{ items, continueOnFail: true },
	);
	expect(output.map((item) => item.pairedItem.item)).toEqual([0, 1, 2, 3]);
	expect(output[1].json.error).toMatch(/^Invalid "Profile ID": .*\[item 1\]$/);
	expect(output.filter((item) => item.json.success)).toHaveLength(3);
	expect(sandbox.requests).toHaveLength(1);
	expect(JSON.parse(sandbox.requests[0].rawBody).profiles.map((p) => p.id)).toEqual(
		profiles.map((p) => p.id),
	);
});
