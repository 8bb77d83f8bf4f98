// Every resource and operation of the Contentstack Personalize node through n8n's real engine against
// the sandbox: what is sent (method, path, headers, body), what comes out, and the documented errors.
const h = require('./contentstack-personalize-helpers');

const SEED = {
	tier: '6650a1b2c3d4e5f601234501',
	orders: '6650a1b2c3d4e5f601234502',
	purchase: '6650a1b2c3d4e5f601234511',
	signup: '6650a1b2c3d4e5f601234512',
	gold: '6650a1b2c3d4e5f601234521',
	experience: '6650a1b2c3d4e5f601234531',
	version: '6650a1b2c3d4e5f601234541',
};

let sandbox;
beforeAll(async () => {
	sandbox = await h.startSandbox({ seed: true, rateLimit: null });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const project = () => sandbox.project();
const last = () => sandbox.requests[sandbox.requests.length - 1];
const bodyOf = (request) => JSON.parse(request.rawBody);

/** Creates an experience through the node and returns the answer (with its draft's UID). */
async function createExperience(type, name = `Experience ${type}`) {
	const { json, status } = await h.run(sandbox, {
		resource: 'experience',
		operation: 'create',
		name,
		experienceType: type,
	});
	expect(status).toBe('success');
	return json[0];
}

const abVersion = (
	status,
	variants = [
		['A', 50],
		['B', 50],
	],
	extra = {},
) => ({
	versionInput: 'fields',
	status,
	variantType: 'AB_TEST',
	variantSplit: 'CUSTOM_PERCENTAGE',
	abVariants: { variant: variants.map(([name, traffic]) => ({ name, traffic })) },
	...extra,
});

describe('attribute', () => {
	test('create sends name, key and description with the authtoken and project headers', async () => {
		const { json } = await h.run(sandbox, {
			resource: 'attribute',
			operation: 'create',
			name: 'Plan',
			key: 'plan',
			additionalFields: { description: 'Subscription plan' },
		});
		expect(json).toEqual([
			expect.objectContaining({
				uid: expect.stringMatching(/^[0-9a-f]{24}$/),
				name: 'Plan',
				key: 'plan',
				description: 'Subscription plan',
			}),
		]);
		const request = last();
		expect(request).toMatchObject({ method: 'POST', path: '/attributes', status: 201 });
		expect(request.headers).toMatchObject({
			authtoken: '[redacted]',
			'x-project-uid': h.PROJECT,
			'content-type': 'application/json',
		});
		expect(request.headers.organization_uid).toBeUndefined();
		expect(bodyOf(request)).toEqual({
			name: 'Plan',
			key: 'plan',
			description: 'Subscription plan',
		});
	});

	test('a duplicate key is refused by the API and reported with its code', async () => {
		const { status, error } = await h.run(sandbox, {
			resource: 'attribute',
			operation: 'create',
			name: 'Tier again',
			key: 'loyalty_tier',
		});
		expect(status).toBe('error');
		expect(error.httpCode).toBe('400');
		// The vendor's code is in the details, not the title (issue 13).
		expect(error.message).toBe(
			'Contentstack Personalize answered 400: An attribute with key loyalty_tier already exists',
		);
		expect(error.description).toMatch(/^Error code: personalize\.ATTRIBUTES\.DUPLICATE_KEY\.$/);
	});

	test('getAll: custom, preset or all; Limit applies to the answer', async () => {
		const custom = await h.run(sandbox, {
			resource: 'attribute',
			operation: 'getAll',
			returnAll: true,
			attributeType: 'CUSTOM',
		});
		expect(custom.json.map((entry) => entry.key)).toEqual(['loyalty_tier', 'orders']);
		const preset = await h.run(sandbox, {
			resource: 'attribute',
			operation: 'getAll',
			returnAll: true,
			attributeType: 'PRESET',
		});
		expect(preset.json.map((entry) => entry.key)).toContain('COUNTRY');
		expect(preset.json.every((entry) => entry.__type === 'PRESET')).toBe(true);
		const limited = await h.run(sandbox, {
			resource: 'attribute',
			operation: 'getAll',
			returnAll: false,
			limit: 3,
		});
		expect(limited.json).toHaveLength(3);
		expect(limited.items.map((item) => item.pairedItem)).toEqual(Array(3).fill({ item: 0 }));
	});

	test('update resends the stored fields with the changed one (PUT replaces the object)', async () => {
		const { json } = await h.run(sandbox, {
			resource: 'attribute',
			operation: 'update',
			attributeId: h.byId(SEED.tier),
			updateFields: { description: 'Tier of the loyalty program' },
		});
		expect(json[0]).toMatchObject({
			uid: SEED.tier,
			key: 'loyalty_tier',
			description: 'Tier of the loyalty program',
		});
		expect(h.calls(sandbox)).toEqual(['GET /attributes', `PUT /attributes/${SEED.tier}`]);
		expect(bodyOf(last())).toEqual({
			name: 'Loyalty tier',
			key: 'loyalty_tier',
			description: 'Tier of the loyalty program',
		});
	});

	test('an update answered without a body outputs what was sent, with success', async () => {
		sandbox.injectFault({ type: 'status', status: 204, method: 'PUT', path: '/attributes' });
		const { json } = await h.run(sandbox, {
			resource: 'attribute',
			operation: 'update',
			attributeId: h.byId(SEED.tier),
			updateFields: { description: 'Tier of the loyalty program' },
		});
		expect(json).toEqual([
			{
				success: true,
				uid: SEED.tier,
				name: 'Loyalty tier',
				key: 'loyalty_tier',
				description: 'Tier of the loyalty program',
			},
		]);
	});

	test('update of a UID the project does not have: a clear error, nothing written', async () => {
		const { error } = await h.run(sandbox, {
			resource: 'attribute',
			operation: 'update',
			attributeId: h.byId('6650a1b2c3d4e5f6012345ff'),
			updateFields: { name: 'x' },
		});
		expect(error.message).toBe('No attribute with UID 6650a1b2c3d4e5f6012345ff in this project');
		expect(h.calls(sandbox)).toEqual(['GET /attributes']);
	});

	test('delete answers 204; the output says what was deleted', async () => {
		const { json } = await h.run(sandbox, {
			resource: 'attribute',
			operation: 'delete',
			attributeId: h.byId(SEED.orders),
		});
		expect(json).toEqual([{ deleted: true, id: SEED.orders, success: true, uid: SEED.orders }]);
		expect(last()).toMatchObject({
			method: 'DELETE',
			path: `/attributes/${SEED.orders}`,
			status: 204,
		});
		expect(project().attributes.map((entry) => entry.key)).toEqual(['loyalty_tier']);
	});

	test("delete of an unknown attribute: the API's 404", async () => {
		const { error } = await h.run(sandbox, {
			resource: 'attribute',
			operation: 'delete',
			attributeId: h.byId('6650a1b2c3d4e5f6012345ff'),
		});
		expect(error.httpCode).toBe('404');
		expect(error.description).toMatch(/check the UID, and the Project UID and region/);
	});
});

describe('event', () => {
	test('create, getAll, update, delete', async () => {
		const created = await h.run(sandbox, {
			resource: 'event',
			operation: 'create',
			key: 'add_to_cart',
			additionalFields: { description: 'Cart button' },
		});
		expect(bodyOf(last())).toEqual({ key: 'add_to_cart', description: 'Cart button' });
		const uid = created.json[0].uid;
		const listed = await h.run(sandbox, {
			resource: 'event',
			operation: 'getAll',
			returnAll: true,
		});
		expect(listed.json.map((entry) => entry.key)).toEqual(['purchase', 'signup', 'add_to_cart']);
		const updated = await h.run(sandbox, {
			resource: 'event',
			operation: 'update',
			eventId: h.byId(uid),
			updateFields: { key: 'cart_add' },
		});
		expect(updated.json[0]).toMatchObject({ uid, key: 'cart_add', description: 'Cart button' });
		expect(bodyOf(last())).toEqual({ key: 'cart_add', description: 'Cart button' });
		const deleted = await h.run(sandbox, {
			resource: 'event',
			operation: 'delete',
			eventId: h.byId(uid),
		});
		expect(deleted.json).toEqual([{ deleted: true, id: uid, success: true, uid }]);
		expect(project().events.map((entry) => entry.key)).toEqual(['purchase', 'signup']);
	});
});

describe('audience', () => {
	test('create with the rule builder: preset and custom attributes, numbers, valueless conditions, invert', async () => {
		const { json, status } = await h.run(sandbox, {
			resource: 'audience',
			operation: 'create',
			name: 'German gold buyers',
			definitionInput: 'builder',
			combinationType: 'AND',
			rules: {
				rule: [
					{
						attributeType: 'preset',
						presetAttribute: 'COUNTRY',
						condition: 'STRING_EQUALS',
						value: 'DE',
					},
					{
						attributeType: 'custom',
						customAttribute: SEED.tier,
						condition: 'STRING_EQUALS',
						value: 'gold',
					},
					{
						attributeType: 'custom',
						customAttribute: SEED.orders,
						condition: 'NUMBER_GREATER_THAN',
						value: '3',
					},
					{
						attributeType: 'custom',
						customAttribute: SEED.tier,
						condition: 'HAS_ANY_VALUE',
						value: 'ignored',
						invert: true,
					},
				],
			},
		});
		expect(status).toBe('success');
		expect(json[0]).toMatchObject({ name: 'German gold buyers', slug: 'german_gold_buyers' });
		const { definition } = bodyOf(last());
		expect(definition).toEqual({
			__type: 'RuleCombination',
			combinationType: 'AND',
			rules: [
				{
					__type: 'Rule',
					attribute: { __type: 'PresetAttributeReference', ref: 'COUNTRY' },
					attributeMatchCondition: 'STRING_EQUALS',
					attributeMatchOptions: { __type: 'StringMatchOptions', value: 'DE' },
					invertCondition: false,
				},
				{
					__type: 'Rule',
					attribute: { __type: 'CustomAttributeReference', ref: SEED.tier },
					attributeMatchCondition: 'STRING_EQUALS',
					attributeMatchOptions: { __type: 'StringMatchOptions', value: 'gold' },
					invertCondition: false,
				},
				{
					__type: 'Rule',
					attribute: { __type: 'CustomAttributeReference', ref: SEED.orders },
					attributeMatchCondition: 'NUMBER_GREATER_THAN',
					attributeMatchOptions: { __type: 'NumberMatchOptions', value: 3 },
					invertCondition: false,
				},
				{
					__type: 'Rule',
					attribute: { __type: 'CustomAttributeReference', ref: SEED.tier },
					attributeMatchCondition: 'HAS_ANY_VALUE',
					invertCondition: true,
				},
			],
		});
	});

	test('the rule builder: a query parameter rule is JSON_MATCH with JSONMatchOptions; a date/time range is BETWEEN_TIME', async () => {
		const { status } = await h.run(sandbox, {
			resource: 'audience',
			operation: 'create',
			name: 'Black Friday Campaign',
			definitionInput: 'builder',
			combinationType: 'AND',
			rules: {
				rule: [
					{
						attributeType: 'preset',
						presetAttribute: 'QUERY_PARAMETERS',
						queryParameter: 'utm_campaign',
						condition: 'STRING_EQUALS',
						value: 'BLACK_FRIDAY',
					},
					{
						attributeType: 'preset',
						presetAttribute: 'DATE_AND_TIME',
						condition: 'BETWEEN_TIME',
						startTime: '2024-11-29T00:00:00',
						endTime: '2024-11-29T23:59:59',
						useVisitorTimezone: true,
					},
					{
						attributeType: 'preset',
						presetAttribute: 'QUERY_PARAMETERS',
						queryParameter: 'ref',
						condition: 'HAS_ANY_VALUE',
						invert: true,
					},
				],
			},
		});
		expect(status).toBe('success');
		expect(bodyOf(last()).definition.rules).toEqual([
			{
				__type: 'Rule',
				attribute: { __type: 'PresetAttributeReference', ref: 'QUERY_PARAMETERS' },
				attributeMatchCondition: 'JSON_MATCH',
				attributeMatchOptions: {
					__type: 'JSONMatchOptions',
					pointer: '/utm_campaign',
					matchCondition: 'STRING_EQUALS',
					matchOptions: { __type: 'StringMatchOptions', value: 'BLACK_FRIDAY' },
					invertCondition: false,
				},
				invertCondition: false,
			},
			{
				__type: 'Rule',
				attribute: { __type: 'PresetAttributeReference', ref: 'DATE_AND_TIME' },
				attributeMatchCondition: 'BETWEEN_TIME',
				attributeMatchOptions: {
					__type: 'DateTimeMatchOptions',
					startTime: '2024-11-29T00:00:00',
					endTime: '2024-11-29T23:59:59',
					useVisitorTimezone: true,
				},
				invertCondition: false,
			},
			{
				__type: 'Rule',
				attribute: { __type: 'PresetAttributeReference', ref: 'QUERY_PARAMETERS' },
				attributeMatchCondition: 'JSON_MATCH',
				attributeMatchOptions: {
					__type: 'JSONMatchOptions',
					pointer: '/ref',
					matchCondition: 'HAS_ANY_VALUE',
					invertCondition: false,
				},
				invertCondition: true,
			},
		]);
	});

	test('the Definition (JSON) default is accepted by the API as it stands (JSONMatchOptions, not StringMatchOptions)', async () => {
		const {
			DEFINITION_EXAMPLE,
		} = require('../../dist/nodes/ContentstackPersonalize/actions/audience/definition');
		const { status } = await h.run(sandbox, {
			resource: 'audience',
			operation: 'create',
			name: 'Summer',
			definitionInput: 'json',
			definitionJson: DEFINITION_EXAMPLE,
		});
		expect(status).toBe('success');
		expect(bodyOf(last()).definition.rules[0].attributeMatchOptions.__type).toBe(
			'JSONMatchOptions',
		);
	});

	test('create with raw JSON: nested groups, JSON_MATCH (JSONMatchOptions) and BETWEEN_TIME (DateTimeMatchOptions)', async () => {
		const definition = {
			__type: 'RuleCombination',
			combinationType: 'OR',
			rules: [
				{
					__type: 'Rule',
					attribute: { __type: 'PresetAttributeReference', ref: 'QUERY_PARAMETERS' },
					attributeMatchCondition: 'JSON_MATCH',
					attributeMatchOptions: {
						__type: 'JSONMatchOptions',
						pointer: '/utm_campaign',
						matchCondition: 'STRING_EQUALS',
						matchOptions: { __type: 'StringMatchOptions', value: 'BLACK_FRIDAY' },
						invertCondition: false,
					},
					invertCondition: false,
				},
				{
					__type: 'Rule',
					attribute: { __type: 'PresetAttributeReference', ref: 'DATE_AND_TIME' },
					attributeMatchCondition: 'BETWEEN_TIME',
					attributeMatchOptions: {
						__type: 'DateTimeMatchOptions',
						startTime: '2024-11-29T00:00:00',
						endTime: '2024-11-29T23:59:59',
						useVisitorTimezone: true,
					},
					invertCondition: false,
				},
				{
					__type: 'RuleCombination',
					combinationType: 'AND',
					rules: [
						{
							__type: 'Rule',
							attribute: { __type: 'CustomAttributeReference', ref: SEED.tier },
							attributeMatchCondition: 'IS_TRUE',
						},
					],
				},
			],
		};
		const { status } = await h.run(sandbox, {
			resource: 'audience',
			operation: 'create',
			name: 'Campaign',
			definitionInput: 'json',
			definitionJson: JSON.stringify(definition),
		});
		expect(status).toBe('success');
		expect(bodyOf(last()).definition).toEqual(definition);
	});

	test('the API refuses a custom attribute of another project; its message is shown', async () => {
		const { error } = await h.run(sandbox, {
			resource: 'audience',
			operation: 'create',
			name: 'Unknown attribute',
			rules: {
				rule: [
					{
						attributeType: 'custom',
						customAttribute: '6650a1b2c3d4e5f6012345ff',
						condition: 'IS_TRUE',
					},
				],
			},
		});
		expect(error.httpCode).toBe('400');
		expect(error.message).toMatch(/is not a custom attribute of this project$/);
		expect(error.description).toMatch(/personalize\.AUDIENCES\.INVALID_DEFINITION\.$/);
	});

	test('update keeps the rules unless new ones are given; getAll simplifies; delete', async () => {
		const renamed = await h.run(sandbox, {
			resource: 'audience',
			operation: 'update',
			audienceId: h.byId(SEED.gold),
			definitionInput: 'keep',
			updateFields: { name: 'Gold tier' },
		});
		expect(renamed.json[0]).toMatchObject({ uid: SEED.gold, name: 'Gold tier' });
		expect(bodyOf(last()).definition.rules[0].attribute.ref).toBe(SEED.tier);
		const rebuilt = await h.run(sandbox, {
			resource: 'audience',
			operation: 'update',
			audienceId: h.byId(SEED.gold),
			definitionInput: 'builder',
			combinationType: 'OR',
			rules: {
				rule: [
					{
						attributeType: 'custom',
						customAttribute: SEED.tier,
						condition: 'CONTAINS_SUBSTRING',
						value: 'gol',
					},
				],
			},
		});
		expect(rebuilt.status).toBe('success');
		expect(bodyOf(last())).toMatchObject({
			name: 'Gold tier',
			definition: {
				combinationType: 'OR',
				rules: [{ attributeMatchCondition: 'CONTAINS_SUBSTRING' }],
			},
		});
		const simple = await h.run(sandbox, {
			resource: 'audience',
			operation: 'getAll',
			returnAll: true,
		});
		expect(simple.json).toEqual([
			{
				uid: SEED.gold,
				name: 'Gold tier',
				description: 'Visitors in the gold loyalty tier',
				slug: 'gold_tier',
				source: 'CONTENTSTACK',
				updatedAt: expect.any(String),
			},
		]);
		const full = await h.run(sandbox, {
			resource: 'audience',
			operation: 'getAll',
			returnAll: true,
			simplify: false,
		});
		expect(full.json[0].definition).toBeDefined();
		const deleted = await h.run(sandbox, {
			resource: 'audience',
			operation: 'delete',
			audienceId: h.byId(SEED.gold),
		});
		expect(deleted.json).toEqual([{ deleted: true, id: SEED.gold, success: true, uid: SEED.gold }]);
	});
});

describe('experience', () => {
	test('create (segmented and A/B) answers with the auto-created draft; get; getAll simplified and filtered', async () => {
		const ab = await createExperience('AB_TEST', 'Checkout button');
		expect(ab).toMatchObject({
			__type: 'AB_TEST',
			status: 'DRAFT',
			latestVersion: expect.stringMatching(/^[0-9a-f]{24}$/),
		});
		expect(bodyOf(last())).toEqual({ name: 'Checkout button', __type: 'AB_TEST' });
		const tagged = await h.run(sandbox, {
			resource: 'experience',
			operation: 'create',
			name: 'Tagged',
			experienceType: 'SEGMENTED',
			additionalFields: { tags: 'home, summer', description: 'd' },
		});
		expect(bodyOf(last())).toEqual({
			name: 'Tagged',
			__type: 'SEGMENTED',
			tags: ['home', 'summer'],
			description: 'd',
		});
		const got = await h.run(sandbox, {
			resource: 'experience',
			operation: 'get',
			experienceId: h.byId(ab.uid),
			simplify: false,
		});
		expect(got.json[0]).toMatchObject({ uid: ab.uid, _cms: {} });
		expect(last()).toMatchObject({ method: 'GET', path: `/experiences/${ab.uid}` });
		const list = await h.run(sandbox, {
			resource: 'experience',
			operation: 'getAll',
			returnAll: true,
		});
		expect(list.json.map((entry) => entry.name)).toEqual([
			'Homepage hero by tier',
			'Checkout button',
			'Tagged',
		]);
		expect(Object.keys(list.json[0]).sort()).toEqual(
			[
				'__type',
				'description',
				'latestVersion',
				'name',
				'shortUid',
				'status',
				'uid',
				'updatedAt',
			].sort(),
		);
		const active = await h.run(sandbox, {
			resource: 'experience',
			operation: 'getAll',
			returnAll: true,
			filters: { status: 'ACTIVE' },
		});
		expect(active.json.map((entry) => entry.uid)).toEqual([SEED.experience]);
		const abOnly = await h.run(sandbox, {
			resource: 'experience',
			operation: 'getAll',
			returnAll: true,
			filters: { type: 'AB_TEST' },
		});
		expect(abOnly.json.map((entry) => entry.uid)).toEqual([ab.uid]);
		expect(tagged.status).toBe('success');
	});

	test("update sends name, description, type and tags; delete; get of a deleted experience is the API's 404", async () => {
		const updated = await h.run(sandbox, {
			resource: 'experience',
			operation: 'update',
			experienceId: h.byId(SEED.experience),
			updateFields: { tags: 'hero' },
		});
		expect(updated.json[0]).toMatchObject({
			uid: SEED.experience,
			tags: ['hero'],
			status: 'ACTIVE',
		});
		expect(bodyOf(last())).toEqual({
			name: 'Homepage hero by tier',
			description: '',
			__type: 'SEGMENTED',
			tags: ['hero'],
		});
		const deleted = await h.run(sandbox, {
			resource: 'experience',
			operation: 'delete',
			experienceId: h.byId(SEED.experience),
		});
		expect(deleted.json).toEqual([
			{ deleted: true, id: SEED.experience, success: true, uid: SEED.experience },
		]);
		const missing = await h.run(sandbox, {
			resource: 'experience',
			operation: 'get',
			experienceId: h.byId(SEED.experience),
		});
		expect(missing.error.httpCode).toBe('404');
		expect(missing.error.message).toBe(
			`Contentstack Personalize answered 404: Experience ${SEED.experience} was not found`,
		);
		expect(missing.error.description).toMatch(/personalize\.EXPERIENCES\.NOT_FOUND\.$/);
	});
});

describe('experienceVersion', () => {
	test('update the draft with A/B variants, metrics and targeting; activate it; the sent bodies', async () => {
		const experience = await createExperience('AB_TEST');
		const updated = await h.run(sandbox, {
			resource: 'experienceVersion',
			operation: 'update',
			experienceId: h.byId(experience.uid),
			versionId: experience.latestVersion,
			...abVersion(
				'DRAFT',
				[
					['Control', 60],
					['Bold', 40],
				],
				{
					metrics: { metric: [{ name: 'Purchases', event: SEED.purchase }] },
					targeting: { audiences: [SEED.gold], combination: 'OR' },
				},
			),
		});
		expect(updated.status).toBe('success');
		expect(bodyOf(last())).toEqual({
			status: 'DRAFT',
			variants: [
				{ __type: 'ABTestVariant', name: 'Control', trafficDistribution: 60 },
				{ __type: 'ABTestVariant', name: 'Bold', trafficDistribution: 40 },
			],
			variantSplit: 'CUSTOM_PERCENTAGE',
			metrics: [{ __type: 'Primary', name: 'Purchases', event: SEED.purchase }],
			targeting: { audience: { audiences: [SEED.gold], audienceCombinationType: 'OR' } },
		});
		const activated = await h.run(sandbox, {
			resource: 'experienceVersion',
			operation: 'activate',
			experienceId: h.byId(experience.uid),
		});
		expect(activated.json[0]).toMatchObject({ uid: experience.latestVersion, status: 'ACTIVE' });
		expect(h.calls(sandbox).slice(-2)).toEqual([
			`GET /experiences/${experience.uid}/versions`,
			`PUT /experiences/${experience.uid}/versions/${experience.latestVersion}`,
		]);
		// Activate resends the full variants (with their short UIDs), as the API requires.
		expect(bodyOf(last())).toMatchObject({
			status: 'ACTIVE',
			variants: [
				{ name: 'Control', shortUid: '0' },
				{ name: 'Bold', shortUid: '1' },
			],
			metrics: [{ event: SEED.purchase }],
		});
		expect(project().experiences.find((entry) => entry.uid === experience.uid).status).toBe(
			'ACTIVE',
		);
	});

	test('equal split fills shares that add up to 100', async () => {
		const experience = await createExperience('AB_TEST');
		await h.run(sandbox, {
			resource: 'experienceVersion',
			operation: 'update',
			experienceId: h.byId(experience.uid),
			versionId: experience.latestVersion,
			...abVersion('DRAFT', [
				['A', 0],
				['B', 0],
				['C', 0],
			]),
			variantSplit: 'EQUALLY_SPLIT',
		});
		expect(bodyOf(last()).variants.map((variant) => variant.trafficDistribution)).toEqual([
			34, 33, 33,
		]);
		expect(bodyOf(last()).variantSplit).toBe('EQUALLY_SPLIT');
	});

	test('segmented variants with audiences; create a second version as active archives the first', async () => {
		const created = await h.run(sandbox, {
			resource: 'experienceVersion',
			operation: 'create',
			experienceId: h.byId(SEED.experience),
			versionInput: 'fields',
			status: 'ACTIVE',
			variantType: 'SEGMENTED',
			segmentedVariants: {
				variant: [
					{ name: 'Gold hero v2', audiences: [SEED.gold], combination: 'AND', shortUid: '0' },
					{ name: 'Everyone else', audiences: `${SEED.gold}`, combination: 'OR' },
				],
			},
		});
		expect(created.status).toBe('success');
		expect(bodyOf(last()).variants).toEqual([
			{
				__type: 'SegmentedVariant',
				name: 'Gold hero v2',
				audiences: [SEED.gold],
				lyticsAudiences: [],
				audienceCombinationType: 'AND',
				shortUid: '0',
			},
			{
				__type: 'SegmentedVariant',
				name: 'Everyone else',
				audiences: [SEED.gold],
				lyticsAudiences: [],
				audienceCombinationType: 'OR',
			},
		]);
		expect(created.json[0].variants.map((variant) => variant.shortUid)).toEqual(['0', '1']);
		const versions = await h.run(sandbox, {
			resource: 'experienceVersion',
			operation: 'getAll',
			experienceId: h.byId(SEED.experience),
			returnAll: true,
		});
		expect(versions.json.map((entry) => entry.status)).toEqual(['ARCHIVED', 'ACTIVE']);
		const archived = await h.run(sandbox, {
			resource: 'experienceVersion',
			operation: 'getAll',
			experienceId: h.byId(SEED.experience),
			returnAll: true,
			versionStatus: 'ARCHIVED',
		});
		expect(archived.json.map((entry) => entry.uid)).toEqual([SEED.version]);
	});

	test('Lytics audiences (32 hexadecimal characters) are sent as lyticsAudiences, Personalize audiences as audiences', async () => {
		const lytics = '0123456789abcdef0123456789abcdef';
		const experience = await createExperience('SEGMENTED');
		const { status } = await h.run(sandbox, {
			resource: 'experienceVersion',
			operation: 'update',
			experienceId: h.byId(experience.uid),
			versionId: experience.latestVersion,
			versionInput: 'fields',
			status: 'DRAFT',
			variantType: 'SEGMENTED',
			segmentedVariants: {
				variant: [
					{ name: 'Both', audiences: [SEED.gold, lytics], combination: 'OR' },
					{ name: 'Lytics only', audiences: lytics, combination: 'OR' },
				],
			},
		});
		expect(status).toBe('success');
		expect(bodyOf(last()).variants).toEqual([
			{
				__type: 'SegmentedVariant',
				name: 'Both',
				audiences: [SEED.gold],
				lyticsAudiences: [lytics],
				audienceCombinationType: 'OR',
			},
			{
				__type: 'SegmentedVariant',
				name: 'Lytics only',
				audiences: [],
				lyticsAudiences: [lytics],
				audienceCombinationType: 'OR',
			},
		]);
	});

	test('create offers Draft and Active only; a stored Paused is refused before sending, with what to do instead', async () => {
		const types = require('../../dist/nodes/ContentstackPersonalize/ContentstackPersonalize.node');
		const node = new types.ContentstackPersonalize();
		const statusFields = node.description.properties.filter(
			(property) =>
				property.name === 'status' &&
				property.displayOptions?.show?.resource?.includes('experienceVersion'),
		);
		const forCreate = statusFields.find((property) =>
			property.displayOptions.show.operation.includes('create'),
		);
		expect(forCreate.options.map((option) => option.value).sort()).toEqual(['ACTIVE', 'DRAFT']);
		expect(
			statusFields
				.find((property) => property.displayOptions.show.operation.includes('update'))
				.options.map((option) => option.value)
				.sort(),
		).toEqual(['ACTIVE', 'DRAFT', 'PAUSED']);
		const { error } = await h.run(sandbox, {
			resource: 'experienceVersion',
			operation: 'create',
			experienceId: h.byId(SEED.experience),
			versionInput: 'fields',
			status: 'PAUSED',
			variantType: 'SEGMENTED',
			segmentedVariants: { variant: [{ name: 'V', audiences: [SEED.gold], combination: 'OR' }] },
		});
		expect(error.message).toBe(
			'Invalid "Status": a new version cannot be created paused: choose Draft or Active [item 0]',
		);
		expect(error.description).toMatch(/Pause/);
		expect(sandbox.requests).toEqual([]);
	});

	test('version JSON input', async () => {
		const experience = await createExperience('AB_TEST');
		const version = {
			status: 'DRAFT',
			variantSplit: 'EQUALLY_SPLIT',
			variants: [
				{ __type: 'ABTestVariant', name: 'A', trafficDistribution: 50 },
				{ __type: 'ABTestVariant', name: 'B', trafficDistribution: 50 },
			],
		};
		const { status } = await h.run(sandbox, {
			resource: 'experienceVersion',
			operation: 'update',
			experienceId: h.byId(experience.uid),
			versionId: experience.latestVersion,
			versionInput: 'json',
			versionJson: JSON.stringify(version),
		});
		expect(status).toBe('success');
		expect(bodyOf(last())).toEqual(version);
	});

	test('the version rules: a second draft, a change to an active version, paused to draft, deleting a live or the last version', async () => {
		const second = await h.run(sandbox, {
			resource: 'experienceVersion',
			operation: 'create',
			experienceId: h.byId(SEED.experience),
			versionInput: 'json',
			versionJson: '{"status":"DRAFT","variants":[]}',
		});
		expect(second.status).toBe('success');
		const third = await h.run(sandbox, {
			resource: 'experienceVersion',
			operation: 'create',
			experienceId: h.byId(SEED.experience),
			versionInput: 'json',
			versionJson: '{"status":"DRAFT","variants":[]}',
		});
		expect(third.error.message).toBe(
			'Contentstack Personalize answered 400: A draft version already exists',
		);
		expect(third.error.description).toMatch(
			/^Only one draft version can exist.*CANNOT_CREATE_VERSION_AS_DRAFT_ALREADY_EXISTS\.$/,
		);

		const locked = await h.run(sandbox, {
			resource: 'experienceVersion',
			operation: 'update',
			experienceId: h.byId(SEED.experience),
			versionId: SEED.version,
			versionInput: 'fields',
			status: 'ACTIVE',
			variantType: 'SEGMENTED',
			segmentedVariants: {
				variant: [{ name: 'Changed', audiences: [SEED.gold], combination: 'OR' }],
			},
		});
		expect(locked.error.description).toMatch(/CANNOT_UPDATE_LOCKED_VERSION\.$/);
		expect(locked.error.description).toMatch(/^An active version is locked: pause it first/);

		const liveDelete = await h.run(sandbox, {
			resource: 'experienceVersion',
			operation: 'delete',
			experienceId: h.byId(SEED.experience),
			versionId: SEED.version,
		});
		expect(liveDelete.error.description).toMatch(/CANNOT_DELETE_NON_DRAFT_VERSION\.$/);

		const paused = await h.run(sandbox, {
			resource: 'experienceVersion',
			operation: 'pause',
			experienceId: h.byId(SEED.experience),
		});
		expect(paused.json[0]).toMatchObject({ uid: SEED.version, status: 'PAUSED' });
		const toDraft = await h.run(sandbox, {
			resource: 'experienceVersion',
			operation: 'update',
			experienceId: h.byId(SEED.experience),
			versionId: SEED.version,
			versionInput: 'json',
			versionJson: JSON.stringify({ status: 'DRAFT', variants: [] }),
		});
		expect(toDraft.error.description).toMatch(/CANNOT_MARK_VERSION_AS_DRAFT\.$/);
		expect(toDraft.error.description).toMatch(/^A paused version cannot go back to draft/);

		const draftUid = second.json[0].uid;
		const deleted = await h.run(sandbox, {
			resource: 'experienceVersion',
			operation: 'delete',
			experienceId: h.byId(SEED.experience),
			versionId: draftUid,
		});
		expect(deleted.json).toEqual([
			{ success: true, experienceUid: SEED.experience, deleted: true, id: draftUid, uid: draftUid },
		]);

		const fresh = await createExperience('SEGMENTED');
		const only = await h.run(sandbox, {
			resource: 'experienceVersion',
			operation: 'delete',
			experienceId: h.byId(fresh.uid),
			versionId: fresh.latestVersion,
		});
		expect(only.error.description).toMatch(/CANNOT_DELETE_ONLY_DRAFT\.$/);
		expect(only.error.description).toMatch(/last version of an experience cannot be deleted/);
	});

	test('activate and pause: already in that state changes nothing; pause needs an active version; resume a paused one', async () => {
		const again = await h.run(sandbox, {
			resource: 'experienceVersion',
			operation: 'activate',
			experienceId: h.byId(SEED.experience),
			versionId: SEED.version,
		});
		expect(again.json[0]).toMatchObject({ uid: SEED.version, status: 'ACTIVE', unchanged: true });
		expect(h.calls(sandbox)).toEqual([`GET /experiences/${SEED.experience}/versions`]);

		const noDraft = await h.run(sandbox, {
			resource: 'experienceVersion',
			operation: 'activate',
			experienceId: h.byId(SEED.experience),
		});
		expect(noDraft.error.message).toBe(
			`Experience ${SEED.experience} has no draft version to activate`,
		);
		expect(noDraft.error.description).toBe(`Its versions: ${SEED.version} (ACTIVE).`);

		const fresh = await createExperience('SEGMENTED');
		const pauseDraft = await h.run(sandbox, {
			resource: 'experienceVersion',
			operation: 'pause',
			experienceId: h.byId(fresh.uid),
			versionId: fresh.latestVersion,
		});
		expect(pauseDraft.error.message).toBe(
			`Only an active version can be paused; version ${fresh.latestVersion} is DRAFT`,
		);

		await h.run(sandbox, {
			resource: 'experienceVersion',
			operation: 'pause',
			experienceId: h.byId(SEED.experience),
			versionId: SEED.version,
		});
		const resumed = await h.run(sandbox, {
			resource: 'experienceVersion',
			operation: 'activate',
			experienceId: h.byId(SEED.experience),
			versionId: SEED.version,
		});
		expect(resumed.json[0]).toMatchObject({ status: 'ACTIVE' });

		const unknown = await h.run(sandbox, {
			resource: 'experienceVersion',
			operation: 'pause',
			experienceId: h.byId(SEED.experience),
			versionId: '6650a1b2c3d4e5f6012345ff',
		});
		expect(unknown.error.message).toBe(
			`Experience ${SEED.experience} has no version 6650a1b2c3d4e5f6012345ff`,
		);
	});

	test('activating an A/B test with one variant is refused before anything is written', async () => {
		const experience = await createExperience('AB_TEST');
		await h.run(sandbox, {
			resource: 'experienceVersion',
			operation: 'update',
			experienceId: h.byId(experience.uid),
			versionId: experience.latestVersion,
			...abVersion('DRAFT', [['Only', 100]]),
		});
		const before = sandbox.requests.length;
		const { error } = await h.run(sandbox, {
			resource: 'experienceVersion',
			operation: 'activate',
			experienceId: h.byId(experience.uid),
		});
		expect(error.message).toBe(
			'Invalid "Variant": an A/B test needs at least 2 variants to be active [item 0]',
		);
		expect(h.calls(sandbox).slice(before)).toEqual([`GET /experiences/${experience.uid}/versions`]);
	});
});

describe('experiencePriority', () => {
	test('get; update with the full order (picked or as UIDs)', async () => {
		const a = await createExperience('AB_TEST', 'A');
		const b = await createExperience('SEGMENTED', 'B');
		const got = await h.run(sandbox, { resource: 'experiencePriority', operation: 'get' });
		expect(got.json).toEqual([{ priorityOrder: [SEED.experience, a.uid, b.uid] }]);
		const picked = await h.run(sandbox, {
			resource: 'experiencePriority',
			operation: 'update',
			orderInput: 'list',
			priorityOrder: { experience: [{ uid: b.uid }, { uid: SEED.experience }, { uid: a.uid }] },
		});
		expect(picked.json).toEqual([{ priorityOrder: [b.uid, SEED.experience, a.uid] }]);
		expect(last()).toMatchObject({ method: 'PUT', path: '/experiences-priority', status: 200 });
		expect(bodyOf(last())).toEqual({ priorityOrder: [b.uid, SEED.experience, a.uid] });
		const listed = await h.run(sandbox, {
			resource: 'experience',
			operation: 'getAll',
			returnAll: true,
		});
		expect(listed.json.map((entry) => entry.uid)).toEqual([b.uid, SEED.experience, a.uid]);
	});

	test('MISSING_EXPERIENCES names the missing experiences; Append Unlisted Experiences completes the list', async () => {
		const a = await createExperience('AB_TEST', 'Checkout test');
		const { error } = await h.run(sandbox, {
			resource: 'experiencePriority',
			operation: 'update',
			orderInput: 'uids',
			experienceUids: SEED.experience,
		});
		expect(error.message).toBe(
			`The priority order must list every experience of the project; missing: ${a.uid} (Checkout test)`,
		);
		expect(error.description).toMatch(
			/MISSING_EXPERIENCES\. Add the missing experiences .* Append Unlisted Experiences/,
		);
		const appended = await h.run(sandbox, {
			resource: 'experiencePriority',
			operation: 'update',
			orderInput: 'uids',
			experienceUids: a.uid,
			options: { appendMissing: true },
		});
		expect(appended.json).toEqual([{ priorityOrder: [a.uid, SEED.experience] }]);
		expect(project().priority).toEqual([a.uid, SEED.experience]);
	});

	test('the order is always sent as priorityOrder, even from a workflow that stored the former Body Field "experiences"', async () => {
		const { status, json } = await h.run(sandbox, {
			resource: 'experiencePriority',
			operation: 'update',
			orderInput: 'uids',
			experienceUids: SEED.experience,
			options: { field: 'experiences' },
		});
		expect(status).toBe('success');
		expect(bodyOf(last())).toEqual({ priorityOrder: [SEED.experience] });
		expect(json).toEqual([{ priorityOrder: [SEED.experience] }]);
	});

	test('Append Unlisted Experiences keeps the current priority order (GET /experiences-priority), new experiences last', async () => {
		const a = await createExperience('AB_TEST', 'A');
		const b = await createExperience('SEGMENTED', 'B');
		// Current priority: b, SEED, a. The user names only a: the others follow in their priority order.
		await h.run(sandbox, {
			resource: 'experiencePriority',
			operation: 'update',
			orderInput: 'uids',
			experienceUids: [b.uid, SEED.experience, a.uid].join(','),
		});
		const before = sandbox.requests.length;
		const appended = await h.run(sandbox, {
			resource: 'experiencePriority',
			operation: 'update',
			orderInput: 'uids',
			experienceUids: a.uid,
			options: { appendMissing: true },
		});
		expect(appended.json).toEqual([{ priorityOrder: [a.uid, b.uid, SEED.experience] }]);
		expect(h.calls(sandbox).slice(before)).toEqual([
			'GET /experiences-priority',
			'GET /experiences',
			'PUT /experiences-priority',
		]);
		expect(bodyOf(last())).toEqual({ priorityOrder: [a.uid, b.uid, SEED.experience] });
	});
});

describe('analytics', () => {
	const track = (userUid, events) =>
		h.run(sandbox, {
			resource: 'visitor',
			operation: 'trackEvents',
			userUid,
			eventsInput: 'json',
			eventsJson: JSON.stringify(events),
		});

	test('no data yet: no output item, no error; after impressions and conversions: summary and time series', async () => {
		const none = await h.run(sandbox, {
			resource: 'analytics',
			operation: 'getSummary',
			experienceId: h.byId(SEED.experience),
		});
		expect(none.status).toBe('success');
		expect(none.json).toEqual([]);
		expect(h.calls(sandbox)).toEqual([
			`GET /experiences/${SEED.experience}/versions`,
			`GET /experiences/${SEED.experience}/analytics/summary`,
		]);
		expect(sandbox.requests[1].query).toEqual({ version: SEED.version });
		expect(sandbox.requests[1].status).toBe(404);

		await track('visitor-1', [
			{ type: 'IMPRESSION', experienceShortUid: '0', variantShortUid: '0' },
		]);
		await track('visitor-2', [
			{ type: 'IMPRESSION', experienceShortUid: '0', variantShortUid: '0' },
			{ type: 'EVENT', eventKey: 'purchase' },
		]);
		const summary = await h.run(sandbox, {
			resource: 'analytics',
			operation: 'getSummary',
			experienceId: h.byId(SEED.experience),
			versionId: SEED.version,
		});
		expect(summary.json[0]).toMatchObject({
			experienceUid: SEED.experience,
			version: SEED.version,
			variants: [{ shortUid: '0', impressions: 2 }],
		});
		const series = await h.run(sandbox, {
			resource: 'analytics',
			operation: 'getTimeSeries',
			experienceId: h.byId(SEED.experience),
			query: { parameter: [{ name: 'granularity', value: 'DAY' }] },
		});
		expect(series.json[0].series[0].variants[0].impressions).toBe(2);
		expect(last().path).toBe(`/experiences/${SEED.experience}/analytics/time-series`);
		expect(last().query).toEqual({ granularity: 'DAY', version: SEED.version });
	});

	test("an experience that was never live: no output; a wrong version: the API's 404", async () => {
		const fresh = await createExperience('AB_TEST');
		const none = await h.run(sandbox, {
			resource: 'analytics',
			operation: 'getTimeSeries',
			experienceId: h.byId(fresh.uid),
		});
		expect(none.json).toEqual([]);
		expect(h.calls(sandbox).slice(-1)).toEqual([`GET /experiences/${fresh.uid}/versions`]); // no live version: nothing to ask
		const wrong = await h.run(sandbox, {
			resource: 'analytics',
			operation: 'getSummary',
			experienceId: h.byId(SEED.experience),
			versionId: '6650a1b2c3d4e5f6012345ff',
		});
		expect(wrong.error.httpCode).toBe('404');
	});
});

describe('geolocation (no project header)', () => {
	test.each([
		['getCountries', '/geolocation/countries', [{ name: 'search', value: 'germ' }], ['Germany']],
		[
			'getRegions',
			'/geolocation/regions',
			[{ name: 'country', value: 'DE' }],
			['Bavaria', 'Berlin'],
		],
		[
			'getCities',
			'/geolocation/cities',
			[{ name: 'region', value: 'DE-BY' }],
			['Munich', 'Nuremberg'],
		],
	])('%s', async (operation, path, parameter, names) => {
		const { json } = await h.run(sandbox, {
			resource: 'geolocation',
			operation,
			returnAll: true,
			query: { parameter },
		});
		expect(json.map((entry) => entry.name)).toEqual(names);
		expect(last()).toMatchObject({
			method: 'GET',
			path,
			query: Object.fromEntries(parameter.map(({ name, value }) => [name, value])),
		});
		expect(last().headers['x-project-uid']).toBeUndefined();
		expect(last().headers.authtoken).toBe('[redacted]');
	});

	test('Limit', async () => {
		const { json } = await h.run(sandbox, {
			resource: 'geolocation',
			operation: 'getCities',
			returnAll: false,
			limit: 2,
		});
		expect(json).toHaveLength(2);
	});
});

describe('project (undocumented /projects, organization_uid header)', () => {
	test('create, getAll (filtered by stack), delete', async () => {
		const created = await h.run(sandbox, {
			resource: 'project',
			operation: 'create',
			name: 'Campaign site',
			additionalFields: { connectedStackApiKey: 'blt_stack_1', description: 'Landing pages' },
		});
		expect(created.json[0]).toMatchObject({
			name: 'Campaign site',
			organizationUid: h.contentstack.DEFAULT_ORG_UID,
			connectedStackApiKey: 'blt_stack_1',
		});
		expect(last().headers).toMatchObject({ organization_uid: h.contentstack.DEFAULT_ORG_UID });
		expect(last().headers['x-project-uid']).toBeUndefined();
		expect(bodyOf(last())).toEqual({
			name: 'Campaign site',
			connectedStackApiKey: 'blt_stack_1',
			description: 'Landing pages',
		});
		const all = await h.run(sandbox, { resource: 'project', operation: 'getAll', returnAll: true });
		expect(all.json.map((entry) => entry.name)).toEqual(['Sandbox website', 'Campaign site']);
		const filtered = await h.run(sandbox, {
			resource: 'project',
			operation: 'getAll',
			returnAll: true,
			filters: { connectedStackApiKey: 'blt_stack_1' },
		});
		expect(filtered.json.map((entry) => entry.name)).toEqual(['Campaign site']);
		expect(last().query).toEqual({ connectedStackApiKey: 'blt_stack_1' });
		const deleted = await h.run(sandbox, {
			resource: 'project',
			operation: 'delete',
			projectId: created.json[0].uid,
		});
		expect(deleted.json).toEqual([
			{ deleted: true, id: created.json[0].uid, success: true, uid: created.json[0].uid },
		]);
	});

	test('a duplicate name: DUPLICATE_NAME; no Organization UID in the credential: a clear error, nothing sent', async () => {
		const duplicate = await h.run(sandbox, {
			resource: 'project',
			operation: 'create',
			name: 'Sandbox website',
		});
		expect(duplicate.error.message).toBe(
			'Contentstack Personalize answered 400: A project named Sandbox website already exists',
		);
		expect(duplicate.error.description).toMatch(/personalize\.PROJECTS\.DUPLICATE_NAME\.$/);
		const before = sandbox.requests.length;
		const { error } = await h.run(
			sandbox,
			{ resource: 'project', operation: 'getAll', returnAll: true },
			{ credentials: { organizationUid: '' } },
		);
		expect(error.message).toBe('The Contentstack Personalize credential has no Organization UID');
		expect(sandbox.requests.length).toBe(before);
	});
});

describe('visitor (Edge API: no token, project header)', () => {
	test('setAttributes (typed fields and JSON), getManifest (custom-attribute rules decide), mergeUsers', async () => {
		const set = await h.run(sandbox, {
			resource: 'visitor',
			operation: 'setAttributes',
			userUid: 'visitor-7',
			attributes: {
				attribute: [
					{ key: 'loyalty_tier', type: 'string', value: 'gold' },
					{ key: 'orders', type: 'number', value: '4' },
					{ key: 'vip', type: 'boolean', value: 'true' },
				],
			},
		});
		expect(set.json).toEqual([
			{
				success: true,
				userUid: 'visitor-7',
				attributes: { loyalty_tier: 'gold', orders: 4, vip: true },
			},
		]);
		const request = last();
		expect(request).toMatchObject({ method: 'PATCH', path: '/edge/user-attributes', status: 200 });
		expect(request.headers).toMatchObject({
			'x-project-uid': h.PROJECT,
			'x-cs-personalize-user-uid': 'visitor-7',
		});
		expect(request.headers.authtoken).toBeUndefined();
		expect(request.headers.authorization).toBeUndefined();

		const manifest = await h.run(sandbox, {
			resource: 'visitor',
			operation: 'getManifest',
			userUid: 'visitor-7',
			options: { tags: 'none-such' },
		});
		expect(manifest.json).toEqual([{ userUid: 'visitor-7', activeVariants: {}, experiences: [] }]);
		expect(last().query).toEqual({ 'tags[]': 'none-such' });
		const matched = await h.run(sandbox, {
			resource: 'visitor',
			operation: 'getManifest',
			userUid: 'visitor-7',
			options: {
				pageUrl: 'https://shop.example/?a=1',
				userAgent: 'Mozilla/5.0',
				ipAddress: '203.0.113.7',
				referer: 'https://search.example',
			},
		});
		expect(matched.json[0]).toEqual({
			userUid: 'visitor-7',
			activeVariants: { 0: '0' },
			experiences: [{ shortUid: '0', activeVariantShortUid: '0' }],
		});
		expect(last().headers).toMatchObject({
			'x-page-url': 'https://shop.example/?a=1',
			'user-agent': 'Mozilla/5.0',
			'x-forwarded-for': '203.0.113.7',
			referer: 'https://search.example',
		});

		const json = await h.run(sandbox, {
			resource: 'visitor',
			operation: 'setAttributes',
			userUid: 'visitor-8',
			attributesInput: 'json',
			attributesJson: '{"loyalty_tier":"bronze"}',
		});
		expect(json.status).toBe('success');
		const merged = await h.run(sandbox, {
			resource: 'visitor',
			operation: 'mergeUsers',
			sourceUserUid: 'visitor-8',
			targetUserUid: 'visitor-9',
		});
		expect(merged.json).toEqual([
			{ success: true, sourceUserUid: 'visitor-8', targetUserUid: 'visitor-9' },
		]);
		expect(bodyOf(last())).toEqual({ sourceUserUid: 'visitor-8', targetUserUid: 'visitor-9' });
		expect(project().visitors['visitor-9']).toEqual({ loyalty_tier: 'bronze' });
	});

	test('getManifest sends the Lytics identity as the Edge SDK does (x-lytics-id-field / x-lytics-id-value)', async () => {
		const { status } = await h.run(sandbox, {
			resource: 'visitor',
			operation: 'getManifest',
			userUid: 'visitor-7',
			options: { lyticsIdField: '_uid', lyticsIdValue: 'seer-123' },
		});
		expect(status).toBe('success');
		expect(last().headers).toMatchObject({
			'x-lytics-id-field': '_uid',
			'x-lytics-id-value': 'seer-123',
		});
	});

	test("getManifest without a UID: the new visitor's UID comes from the answer header; live attributes", async () => {
		const { json } = await h.run(sandbox, {
			resource: 'visitor',
			operation: 'getManifest',
			options: { liveAttributes: '{"loyalty_tier":"gold"}' },
		});
		expect(json[0].userUid).toMatch(/^[0-9a-f-]{36}$/);
		expect(json[0].activeVariants).toEqual({ 0: '0' });
		expect(last().headers['x-live-attributes']).toBe('{"loyalty_tier":"gold"}');
		expect(last().headers['x-cs-personalize-user-uid']).toBeUndefined();
	});

	test('trackEvents: items of one visitor go in one request, another visitor in its own; every item paired', async () => {
		const items = [
			{ user: 'u-1', key: 'purchase' },
			{ user: 'u-2', key: 'signup' },
			{ user: 'u-1', key: 'signup' },
		];
		const { items: output } = await h.run(
			sandbox,
			{
				resource: 'visitor',
				operation: 'trackEvents',
				userUid: '={{ $json.user }}',
				impressions: { impression: [{ experienceShortUid: '0', variantShortUid: '0' }] },
				events: { event: [{ eventKey: '={{ $json.key }}' }] },
			},
			{ items },
		);
		const posts = sandbox.requests.filter((request) => request.path === '/edge/events');
		expect(
			posts.map((request) => [
				request.headers['x-cs-personalize-user-uid'],
				bodyOf(request).length,
			]),
		).toEqual([
			['u-1', 4],
			['u-2', 2],
		]);
		expect(bodyOf(posts[0])).toEqual([
			{ type: 'IMPRESSION', experienceShortUid: '0', variantShortUid: '0' },
			{ type: 'EVENT', eventKey: 'purchase' },
			{ type: 'IMPRESSION', experienceShortUid: '0', variantShortUid: '0' },
			{ type: 'EVENT', eventKey: 'signup' },
		]);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output.map((item) => [item.json.userUid, item.json.tracked, item.json.request])).toEqual(
			[
				['u-1', 2, 1],
				['u-2', 2, 2],
				['u-1', 2, 1],
			],
		);
	});

	test("trackEvents: Batch Size splits a visitor's items between requests, never an item", async () => {
		const items = Array.from({ length: 5 }, (_, n) => ({ n }));
		await h.run(
			sandbox,
			{
				resource: 'visitor',
				operation: 'trackEvents',
				userUid: 'u-1',
				eventsInput: 'json',
				eventsJson: '[{"type":"EVENT","eventKey":"a"},{"type":"EVENT","eventKey":"b"}]',
				options: { batchSize: 5 },
			},
			{ items },
		);
		const posts = sandbox.requests.filter((request) => request.path === '/edge/events');
		expect(posts.map((request) => bodyOf(request).length)).toEqual([4, 4, 2]);
	});

	test("an unknown project: the Edge API's PROJECT_NOT_FOUND with a hint", async () => {
		const { error } = await h.run(
			sandbox,
			{ resource: 'visitor', operation: 'getManifest' },
			{ credentials: { projectUid: '6650a1b2c3d4e5f6012345ff' } },
		);
		expect(error.httpCode).toBe('404');
		expect(error.message).toBe(
			'Contentstack Personalize answered 404: Project not found (manifest)',
		);
		expect(error.description).toBe(
			'The Edge API does not know this project: check the Project UID and the region. Error code: personalize.MANIFEST.PROJECT_NOT_FOUND.',
		);
	});
});

describe('Continue On Fail', () => {
	test('per item: the failing item becomes one error item, paired, and the others run', async () => {
		const items = [{ key: 'fresh_one' }, { key: 'loyalty_tier' }, { key: 'fresh_two' }];
		const { status, items: output } = await h.run(
			sandbox,
			{
				resource: 'attribute',
				operation: 'create',
				name: '={{ $json.key }}',
				key: '={{ $json.key }}',
			},
			{ items, continueOnFail: true },
		);
		expect(status).toBe('success');
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		expect(output[0].json.key).toBe('fresh_one');
		expect(output[1].json.error).toBe(
			'Contentstack Personalize answered 400: An attribute with key loyalty_tier already exists',
		);
		expect(output[2].json.key).toBe('fresh_two');
	});

	test("batched edge events: a refused request fails only its visitor's items; a bad item fails alone", async () => {
		const items = [
			{ user: 'u-1', key: 'ok' },
			{ user: 'u-2', key: 'ok' },
			{ user: 'u 3', key: 'ok' },
		];
		sandbox.injectFault({
			type: 'status',
			status: 400,
			path: '/edge/events',
			body: { error: 'personalize.EDGE.INVALID_EVENT', message: 'refused' },
		});
		const { items: output } = await h.run(
			sandbox,
			{
				resource: 'visitor',
				operation: 'trackEvents',
				userUid: '={{ $json.user }}',
				events: { event: [{ eventKey: '={{ $json.key }}' }] },
			},
			{ items, continueOnFail: true },
		);
		expect(output.map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }]);
		// The vendor's code is in the details, not the title (issue 13).
		expect(output[0].json.error).toBe('Contentstack Personalize answered 400: refused');
		expect(output[1].json).toMatchObject({ success: true, userUid: 'u-2' });
		expect(output[2].json.error).toBe(
			'Invalid "User UID": must be a visitor UID: up to 256 visible characters, no spaces [item 2]',
		);
	});
});

describe("resource locators and dropdowns (through n8n-core's LoadOptionsContext)", () => {
	test('From List: search by name, key or UID; preset attributes are left out (they cannot change)', async () => {
		const attributes = await h.callMethod(sandbox, 'listSearch', 'searchAttributes');
		expect(attributes.results).toEqual([
			{ name: 'Loyalty tier (loyalty_tier)', value: SEED.tier },
			{ name: 'Orders (orders)', value: SEED.orders },
		]);
		expect(
			(await h.callMethod(sandbox, 'listSearch', 'searchAttributes', {}, 'ORDER')).results,
		).toEqual([{ name: 'Orders (orders)', value: SEED.orders }]);
		expect((await h.callMethod(sandbox, 'listSearch', 'searchEvents', {}, 'sign')).results).toEqual(
			[{ name: 'signup', value: SEED.signup }],
		);
		expect(
			(await h.callMethod(sandbox, 'listSearch', 'searchAudiences', {}, SEED.gold)).results,
		).toEqual([{ name: 'Gold members', value: SEED.gold }]);
		expect((await h.callMethod(sandbox, 'listSearch', 'searchExperiences')).results).toEqual([
			{ name: 'Homepage hero by tier (segmented, active)', value: SEED.experience },
		]);
		expect(
			sandbox.requests.every((request) => request.headers['x-project-uid'] === h.PROJECT),
		).toBe(true);
	});

	test('dropdowns: custom attributes for rules, audiences for variants, events for metrics, experiences for the priority', async () => {
		expect(await h.callMethod(sandbox, 'loadOptions', 'getCustomAttributes')).toEqual([
			{ name: 'Loyalty tier (loyalty_tier)', value: SEED.tier },
			{ name: 'Orders (orders)', value: SEED.orders },
		]);
		expect(await h.callMethod(sandbox, 'loadOptions', 'getAudiences')).toEqual([
			{ name: 'Gold members', value: SEED.gold },
		]);
		expect(await h.callMethod(sandbox, 'loadOptions', 'getEvents')).toEqual([
			{ name: 'purchase', value: SEED.purchase },
			{ name: 'signup', value: SEED.signup },
		]);
		expect(
			(await h.callMethod(sandbox, 'loadOptions', 'getExperiences')).map((option) => option.value),
		).toEqual([SEED.experience]);
	});

	test('a refused token in the editor: the error says what to check', async () => {
		await expect(
			h.callMethod(sandbox, 'listSearch', 'searchEvents', {
				credentials: { authtoken: 'blt-not-a-session' },
			}),
		).rejects.toMatchObject({
			httpCode: '401',
			message:
				"Contentstack Personalize answered 401: You're not allowed in here unless you're logged in.",
		});
	});
});
