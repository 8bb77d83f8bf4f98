// Bad input gets a clear error naming the field and the item, and nothing reaches the API.
const h = require('./luigisbox-helpers');

let sandbox;
beforeAll(async () => {
	sandbox = await h.startLuigisBoxSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const create = (overrides) => ({ operation: 'create', ...h.fieldParameters(overrides) });
const createJson = (customization) => ({
	operation: 'create',
	customizationInput: 'json',
	customizationJson:
		typeof customization === 'string' ? customization : JSON.stringify(customization),
});
const pin = (fields) => ({
	pins: { pin: [{ position: 1, pinType: 'item', pinIdentity: '/p/2/', ...fields }] },
});
const valid = h.customization();

const CASES = [
	[
		'model that evaluates to nothing',
		create({ model: { __rl: true, mode: 'name', value: '={{ $json.model }}' } }),
		'Invalid "Model": is required [item 0]',
	],
	[
		'unknown target type',
		create({ targetType: '={{ "everything" }}' }),
		'Invalid "Target Type": must be one of: item, criteria, all [item 0]',
	],
	[
		'item target without identity',
		create({ targetIdentity: '={{ $json.product }}' }),
		'Invalid "Target Identity": is required when Target Type is "item" [item 0]',
	],
	[
		'malformed target criteria JSON',
		create({ targetType: 'criteria', targetCriteria: '{"brand": Fender}' }),
		/^Invalid "Target Criteria": not valid JSON.*\[item 0\]$/,
	],
	[
		'target criteria that is not an object',
		create({ targetType: 'criteria', targetCriteria: '["Fender"]' }),
		/^Invalid "Target Criteria": must be a JSON object.*\[item 0\]$/,
	],
	[
		'non-integer pin position',
		create(pin({ position: 1.5 })),
		'Invalid "Pin entry 1 › Position": must be a whole number [item 0]',
	],
	[
		'out-of-range pin position',
		create(pin({ position: -2 })),
		'Invalid "Pin entry 1 › Position": must be -1 (global pin), 0 (block pin) or a slot from 1 up [item 0]',
	],
	[
		'active to before active from',
		create(pin({ activeFrom: '2030-06-02T00:00:00Z', activeTo: '2030-06-01T00:00:00Z' })),
		'Invalid "Pin entry 1 › Schedule: Active To": must not be before "Schedule: Active From" [item 0]',
	],
	[
		'item pin without identity',
		create(pin({ pinIdentity: '' })),
		'Invalid "Pin entry 1 › Pinned Item Identity": is required when Pin Type is "item" [item 0]',
	],
	[
		'block pin not at position 0',
		create(pin({ isBlockPin: true, position: 3 })),
		'Invalid "Pin entry 1 › Position": must be 0 for a block pin [item 0]',
	],
	[
		'malformed pin criteria JSON',
		create(pin({ pinType: 'criteria', pinCriteria: '{brand:' })),
		/^Invalid "Pin entry 1 › Pinned Items Criteria \(JSON\)": not valid JSON.*\[item 0\]$/,
	],
	['no pins at all', create({ pins: {} }), 'Invalid "Pin": needs at least one pin [item 0]'],
	[
		'malformed pin definitions JSON',
		create({ pinDefinitionsInput: 'json', pinDefinitionsJson: '[{"position": 1,]' }),
		/^Invalid "Pin Definitions": not valid JSON.*\[item 0\]$/,
	],
	[
		'pin definitions JSON that is not a list',
		create({ pinDefinitionsInput: 'json', pinDefinitionsJson: '{"position": 1}' }),
		'Invalid "Pin": must be a list of pins [item 0]',
	],
	[
		'unknown pin type in JSON',
		create({
			pinDefinitionsInput: 'json',
			pinDefinitionsJson: '[{"position": 1, "pin_type": "brand"}]',
		}),
		'Invalid "Pin entry 1 › Pin Type": must be one of: item, criteria [item 0]',
	],
	[
		'customization JSON that is a list',
		createJson('[]'),
		'Invalid "Customization (JSON)": must be a JSON object [item 0]',
	],
	[
		'malformed customization JSON',
		createJson('{"model": "basket"'),
		/^Invalid "Customization \(JSON\)": not valid JSON.*\[item 0\]$/,
	],
	[
		'misspelt field in customization JSON',
		createJson({ ...valid, modle: 'x' }),
		/^Invalid "Input": Unrecognized key\(s\) in object: 'modle'.*\[item 0\]$/,
	],
	[
		'date without a time zone in JSON',
		createJson({
			...valid,
			pin_definitions: [
				{
					position: 1,
					pin_type: 'item',
					pin_identity: '/p/2/',
					active_from: '2030-06-01T00:00:00',
				},
			],
		}),
		'Invalid "Pin entry 1 › Schedule: Active From": must be an ISO 8601 date-time with a time zone, such as 2025-06-01T00:00:00Z [item 0]',
	],
	[
		'a date that is not a date',
		create(pin({ activeTo: '={{ "next summer" }}' })),
		/^Invalid "Pin entry 1 › Schedule: Active To": must be an ISO 8601 date-time.*\[item 0\]$/,
	],
	[
		'non-UUID customization ID',
		{ operation: 'get', customizationId: h.locator('={{ "12345" }}') },
		/^Invalid "Customization ID": must be a customization ID.*\[item 0\]$/,
	],
	[
		'customization ID with a slash',
		{ operation: 'delete', customizationId: h.locator('={{ "../scopes/export" }}') },
		/^Invalid "Customization ID": must be a customization ID.*\[item 0\]$/,
	],
	[
		'customization ID that evaluates to nothing',
		{ operation: 'update', customizationId: h.locator('={{ $json.id }}'), ...h.fieldParameters() },
		/^Invalid "Customization ID": .*\[item 0\]$/,
	],
	[
		'unknown target type filter',
		{ operation: 'getAll', returnAll: true, filters: { targetTypes: '={{ ["item", "brand"] }}' } },
		'Invalid "Target Types entry 2": must be one of: item, criteria, all [item 0]',
	],
	[
		'search criteria that is not a list',
		{ operation: 'getAll', returnAll: true, options: { criteria: '{"brand":"x"}' } },
		'Invalid "Criteria": must be a JSON list of objects [item 0]',
	],
	[
		'export by identity without target type item',
		{ operation: 'export', exportFilters: { targetType: 'all', targetIdentity: '/p/1/' } },
		'Invalid "Target Identity": needs the Target Type filter set to "item" [item 0]',
	],
	[
		'bulk batch size above 5000',
		{ operation: 'createMany', batchSize: 6000, ...h.fieldParameters() },
		'Invalid "Batch Size": must be a whole number from 1 to 5000 (got 6000) [item 0]',
	],
	// Section 4 of issue #9: hostile input arriving through expressions never reaches the API.
	[
		'__proto__ key in target criteria',
		create({
			targetType: 'criteria',
			targetCriteria: '{"brand": "Fender", "__proto__": {"x": "yes"}}',
		}),
		'Invalid "Target Criteria": the key "__proto__" (at __proto__) is not allowed [item 0]',
	],
	[
		'constructor key in pin criteria',
		create(
			pin({ pinType: 'criteria', pinCriteria: '{"brand": {"constructor": {"prototype": {}}}}' }),
		),
		'Invalid "Pin entry 1 › Pinned Items Criteria (JSON)": the key "constructor" (at brand.constructor) is not allowed [item 0]',
	],
	[
		'__proto__ key in target metadata',
		create({
			additionalFields: { targetMetadata: '{"title": "Shoe", "__proto__": {"image": "x"}}' },
		}),
		'Invalid "Target Metadata": the key "__proto__" (at __proto__) is not allowed [item 0]',
	],
	[
		'__proto__ key in pin definitions JSON',
		create({
			pinDefinitionsInput: 'json',
			pinDefinitionsJson:
				'[{"position": 1, "pin_type": "item", "pin_identity": "/p/2/", "__proto__": {"is_block_pin": true}}]',
		}),
		'Invalid "Pin Definitions": the key "__proto__" (at [0].__proto__) is not allowed [item 0]',
	],
	[
		'__proto__ key in customization JSON',
		createJson(
			`{"model": "basket", "target_type": "all", "__proto__": {"target_identity": "/p/1/"}, "pin_definitions": [{"position": 1, "pin_type": "item", "pin_identity": "/p/2/"}]}`,
		),
		'Invalid "Customization (JSON)": the key "__proto__" (at __proto__) is not allowed [item 0]',
	],
	[
		'constructor key in customization JSON from an expression',
		createJson('={{ { model: "basket", target_metadata: { constructor: { name: "x" } } } }}'),
		'Invalid "Customization (JSON)": the key "constructor" (at target_metadata.constructor) is not allowed [item 0]',
	],
	[
		'__proto__ key in search criteria',
		{
			operation: 'getAll',
			returnAll: true,
			options: { criteria: '[{"brand": "x", "__proto__": {"y": 1}}]' },
		},
		'Invalid "Criteria": the key "__proto__" (at [0].__proto__) is not allowed [item 0]',
	],
	[
		'limit 0',
		{ operation: 'getAll', returnAll: false, limit: '={{ 0 }}' },
		'Invalid "Limit": must be a whole number at least 1 (got 0) [item 0]',
	],
	[
		'negative limit',
		{ operation: 'getAll', returnAll: false, limit: -1 },
		'Invalid "Limit": must be a whole number at least 1 (got -1) [item 0]',
	],
	[
		'fractional limit',
		{ operation: 'getAll', returnAll: false, limit: '={{ 2.5 }}' },
		'Invalid "Limit": must be a whole number at least 1 (got 2.5) [item 0]',
	],
	// Request Options are read by the shared transport for every service.
	[
		'negative request rate',
		{ operation: 'getSummary', requestOptions: { requestsPerSecond: '={{ -5 }}' } },
		'Invalid "Request Options › Max Requests per Second": must be a number of at least 0 (got -5) [item 0]',
	],
	[
		'fractional retry count',
		{ operation: 'getSummary', requestOptions: { maxRetries: 1.5 } },
		'Invalid "Request Options › Max Retries": must be a whole number from 0 to 10 (got 1.5) [item 0]',
	],
	[
		'timeout that is text',
		{ operation: 'getSummary', requestOptions: { timeout: '={{ "soon" }}' } },
		'Invalid "Request Options › Timeout (Ms)": must be a whole number at least 0 (got "soon") [item 0]',
	],
	[
		'page size 0',
		{ operation: 'getAll', returnAll: true, options: { pageSize: '={{ 0 }}' } },
		'Invalid "Page Size": must be a whole number at least 1 (got 0) [item 0]',
	],
	[
		'fractional page size',
		{ operation: 'getAll', returnAll: true, options: { pageSize: 12.5 } },
		'Invalid "Page Size": must be a whole number at least 1 (got 12.5) [item 0]',
	],
	[
		'bulk batch size 0',
		{ operation: 'createMany', batchSize: '={{ 0 }}', ...h.fieldParameters() },
		'Invalid "Batch Size": must be a whole number from 1 to 5000 (got 0) [item 0]',
	],
	[
		'negative bulk batch size',
		{ operation: 'createMany', batchSize: -5, ...h.fieldParameters() },
		'Invalid "Batch Size": must be a whole number from 1 to 5000 (got -5) [item 0]',
	],
	[
		'fractional bulk batch size',
		{ operation: 'createMany', batchSize: 2.5, ...h.fieldParameters() },
		'Invalid "Batch Size": must be a whole number from 1 to 5000 (got 2.5) [item 0]',
	],
	[
		'sort field the API does not offer',
		{
			operation: 'getAll',
			returnAll: true,
			options: {
				sort: {
					rule: [
						{ field: 'created_at', direction: 'asc' },
						{ field: '={{ "price" }}', direction: 'desc' },
					],
				},
			},
		},
		'Invalid "Sort entry 2 › Field": "price" is not sortable here; the node offers: created_at, model, target_type, target_identity [item 0]',
	],
	[
		'sort field smuggling a second rule',
		{
			operation: 'getAll',
			returnAll: true,
			options: {
				sort: { rule: [{ field: '={{ "created_at:asc&sort=model" }}', direction: 'desc' }] },
			},
		},
		'Invalid "Sort entry 1 › Field": must be an API field name such as create_time [item 0]',
	],
	[
		'sort direction the API does not know',
		{
			operation: 'getAll',
			returnAll: true,
			options: { sort: { rule: [{ field: 'model', direction: '={{ "descending" }}' }] } },
		},
		'Invalid "Sort entry 1 › Direction": must be asc or desc [item 0]',
	],
	[
		'unknown export target type from an expression',
		{ operation: 'export', exportFilters: { targetType: '={{ "brand" }}' } },
		'Invalid "Target Type": must be one of: item, criteria, all [item 0]',
	],
	[
		'customization ID with a path after a UUID',
		{
			operation: 'update',
			customizationId: h.locator('={{ "199620b4-df1a-46e8-ab59-9e9ed9af7106/../../summary" }}'),
			...h.fieldParameters(),
		},
		/^Invalid "Customization ID": must be a customization ID.*\[item 0\]$/,
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

// Empty required parameters are caught by n8n itself before the run, as in the editor.
test.each([
	['model', create({ model: { __rl: true, mode: 'name', value: '' } })],
	['target identity', create({ targetIdentity: '' })],
	['customization ID', { operation: 'get', customizationId: h.locator('') }],
	[
		'customization ID that is not a UUID',
		{ operation: 'get', customizationId: h.locator('12345') },
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
	const items = [{ position: 1 }, { position: 2 }, { position: 2.5 }];
	const { error } = await h.run(sandbox, create(pin({ position: '={{ $json.position }}' })), {
		items,
	});
	expect(error.message).toBe('Invalid "Pin entry 1 › Position": must be a whole number [item 2]');
	// Items before it were valid and already sent one by one; the bad one was not.
	expect(sandbox.requests).toHaveLength(2);
});

test('Continue On Fail: one output per input item, paired, errors in place', async () => {
	const items = [{ id: 'f3b0c6de-5d51-4b8e-9f61-111111111111' }, { id: 'not/a-uuid' }, { id: '' }];
	const existing = sandbox.store.put(h.TRACKER, h.customization());
	items[0].id = existing.id;
	const { status, items: output } = await h.run(
		sandbox,
		{ operation: 'get', customizationId: h.locator('={{ $json.id }}') },
		{ items, continueOnFail: true },
	);
	expect(status).toBe('success');
	expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(output[0].json.id).toBe(existing.id);
	expect(output[1].json.error).toMatch(/^Invalid "Customization ID": .*\[item 1\]$/);
	expect(output[2].json.error).toMatch(/^Invalid "Customization ID": .*\[item 2\]$/);
	expect(sandbox.requests).toHaveLength(1);
});

test('Continue On Fail with create: bad items yield errors, good ones are created', async () => {
	const items = [{ product: '/p/1/' }, { product: '' }, { product: '/p/3/' }];
	const { items: output } = await h.run(
		sandbox,
		create({ targetIdentity: '={{ $json.product }}' }),
		{ items, continueOnFail: true },
	);
	expect(output).toHaveLength(3);
	expect(output[1].json.error).toBe(
		'Invalid "Target Identity": is required when Target Type is "item" [item 1]',
	);
	expect(output[0].json.target_identity).toBe('/p/1/');
	expect(output[2].json.target_identity).toBe('/p/3/');
	expect(sandbox.store.list(h.TRACKER)).toHaveLength(2);
});

// Input items are read as they are (Create Many "Input Item JSON"): an own __proto__ key, as JSON.parse
// makes it, is refused instead of copied into what is sent.
const hostileItem = () =>
	JSON.parse(
		'{"model": "basket", "target_type": "item", "target_identity": "/p/9/", "pin_definitions": [{"position": 1, "pin_type": "item", "pin_identity": "/p/2/"}], "target_metadata": {"title": "x", "__proto__": {"image": "evil"}}}',
	);

test('__proto__ key in an input item (Create Many from input items) is refused before sending', async () => {
	const items = [h.customization({ target_identity: '/p/1/' }), hostileItem()];
	expect(Object.keys(items[1].target_metadata)).toContain('__proto__');
	const { status, error } = await h.run(
		sandbox,
		{ operation: 'createMany', customizationInput: 'inputItem' },
		{ items },
	);
	expect(status).toBe('error');
	expect(error.message).toBe(
		'Invalid "Input Item JSON": the key "__proto__" (at target_metadata.__proto__) is not allowed [item 1]',
	);
	expect(sandbox.requests).toHaveLength(0);
});

test('Continue On Fail with Create Many: the hostile item gets its error, the others are sent, one output each', async () => {
	const items = [
		h.customization({ target_identity: '/p/1/' }),
		hostileItem(),
		h.customization({ target_identity: '/p/3/' }),
	];
	const { status, items: output } = await h.run(
		sandbox,
		{ operation: 'createMany', customizationInput: 'inputItem' },
		{ items, continueOnFail: true },
	);
	expect(status).toBe('success');
	expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
	expect(output[1].json.error).toMatch(
		/^Invalid "Input Item JSON": the key "__proto__".*\[item 1\]$/,
	);
	expect(sandbox.requests).toHaveLength(1);
	expect(sandbox.requests[0].rawBody).not.toContain('evil');
	expect(
		sandbox.store
			.list(h.TRACKER)
			.map((c) => c.target_identity)
			.sort(),
	).toEqual(['/p/1/', '/p/3/']);
});

test('a tracker ID with a line break (it goes into the Authorization header) is refused, not sent', async () => {
	const { status, error } = await h.run(
		sandbox,
		{ operation: 'getSummary' },
		{ credentials: { trackerId: '1234-5678\r\nX-Injected: 1' } },
	);
	expect(status).toBe('error');
	expect(error.message).toBe(
		'Invalid "Tracker ID": contains a line break or another control character, which an HTTP header cannot carry [item 0]',
	);
	expect(sandbox.requests).toHaveLength(0);
});

test('Continue On Fail with Get Many limit 0: one error output for the one input item', async () => {
	const { status, items: output } = await h.run(
		sandbox,
		{ operation: 'getAll', returnAll: false, limit: '={{ $json.limit }}' },
		{ items: [{ limit: 0 }], continueOnFail: true },
	);
	expect(status).toBe('success');
	expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }]);
	expect(output[0].json.error).toBe(
		'Invalid "Limit": must be a whole number at least 1 (got 0) [item 0]',
	);
	expect(sandbox.requests).toHaveLength(0);
});
