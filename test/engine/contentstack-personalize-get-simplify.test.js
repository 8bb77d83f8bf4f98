// Audience → Get (found in the list: the API has no GET of one audience) and Simplify on the
// creates whose answers are long: off for version 1 nodes (saved workflows keep their output),
// on for new (1.1) nodes.
const h = require('./contentstack-personalize-helpers');

const GOLD = '6650a1b2c3d4e5f601234521';

let sandbox;
beforeAll(async () => {
	sandbox = await h.startSandbox({ seed: true, rateLimit: null });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const serviceCalls = () => h.calls(sandbox).filter((call) => !call.includes('/user-session'));

describe('audience get', () => {
	test('finds the audience in the list; Simplify (default) keeps the main fields, off gives the rules too', async () => {
		const simple = await h.run(sandbox, {
			resource: 'audience',
			operation: 'get',
			audienceId: h.byId(GOLD),
		});
		expect(simple.status).toBe('success');
		expect(Object.keys(simple.json[0]).sort()).toEqual(
			['description', 'name', 'slug', 'source', 'uid', 'updatedAt'].filter(
				(key) => key in sandbox.project().audiences.find((entry) => entry.uid === GOLD),
			),
		);
		expect(simple.json[0].uid).toBe(GOLD);
		expect(serviceCalls()).toEqual(['GET /audiences']);
		const full = await h.run(sandbox, {
			resource: 'audience',
			operation: 'get',
			audienceId: h.byId(GOLD),
			simplify: false,
		});
		expect(full.json[0]).toEqual(sandbox.project().audiences.find((entry) => entry.uid === GOLD));
		expect(full.json[0].definition.__type).toBe('RuleCombination');
	});

	test('an unknown audience: a clear error naming the UID', async () => {
		const { status, error } = await h.run(sandbox, {
			resource: 'audience',
			operation: 'get',
			audienceId: h.byId('6650a1b2c3d4e5f6012345ff'),
		});
		expect(status).toBe('error');
		expect(error.message).toBe('No audience with UID 6650a1b2c3d4e5f6012345ff in this project');
	});

	test('an ID that is not one is refused before any request, naming the field and the item', async () => {
		const { error } = await h.run(sandbox, {
			resource: 'audience',
			operation: 'get',
			audienceId: h.byId('={{ "gold-customers" }}'),
		});
		expect(error.message).toMatch(/^Invalid "Audience": .*\[item 0\]$/);
		expect(sandbox.requests).toEqual([]);
	});

	test('the From List picker offers the audiences', async () => {
		const { results } = await h.callMethod(sandbox, 'listSearch', 'searchAudiences', {
			parameters: { resource: 'audience', operation: 'get' },
		});
		expect(results.map((result) => result.value)).toContain(GOLD);
	});
});

const STAMPS = ['createdBy', 'createdByUserName', 'updatedBy', 'createdAt'];

describe('Simplify on Create', () => {
	const experience = {
		resource: 'experience',
		operation: 'create',
		name: 'Hero',
		experienceType: 'AB_TEST',
	};

	test('experience: version 1 nodes output the whole answer as before; 1.1 nodes the main fields', async () => {
		const saved = await h.run(sandbox, experience);
		expect(saved.json[0]).toEqual(
			expect.objectContaining({ _cms: {}, referredAudiences: [], createdBy: expect.any(String) }),
		);
		const fresh = await h.run(sandbox, { ...experience, name: 'Hero 2' }, { typeVersion: 1.1 });
		expect(Object.keys(fresh.json[0]).sort()).toEqual(
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
		const raw = await h.run(
			sandbox,
			{ ...experience, name: 'Hero 3', simplify: false },
			{ typeVersion: 1.1 },
		);
		expect(raw.json[0]).toEqual(
			expect.objectContaining({ _cms: {}, createdBy: expect.any(String) }),
		);
	});

	test('audience: 1.1 nodes keep the main fields; version 1 the whole answer', async () => {
		const audience = {
			resource: 'audience',
			operation: 'create',
			name: 'Germany',
			definitionInput: 'builder',
			rules: {
				rule: [
					{
						attributeType: 'preset',
						presetAttribute: 'COUNTRY',
						condition: 'STRING_EQUALS',
						value: 'DE',
					},
				],
			},
		};
		const fresh = await h.run(sandbox, audience, { typeVersion: 1.1 });
		expect(fresh.status).toBe('success');
		expect(fresh.json[0]).not.toHaveProperty('definition');
		expect(fresh.json[0]).toMatchObject({ name: 'Germany', uid: expect.any(String) });
		const saved = await h.run(sandbox, { ...audience, name: 'Germany 2' });
		expect(saved.json[0]).toHaveProperty('definition');
		for (const key of STAMPS) expect(saved.json[0]).toHaveProperty(key);
	});

	test('experience version: 1.1 nodes leave out who created it; the variants stay', async () => {
		const seeded = '6650a1b2c3d4e5f601234531';
		const { json, status } = await h.run(
			sandbox,
			{
				resource: 'experienceVersion',
				operation: 'create',
				experienceId: h.byId(seeded),
				versionInput: 'fields',
				status: 'DRAFT',
				variantType: 'SEGMENTED',
				segmentedVariants: { variant: [{ name: 'Gold', audiences: [GOLD] }] },
			},
			{ typeVersion: 1.1 },
		);
		expect(status).toBe('success');
		expect(json[0]).toMatchObject({ status: 'DRAFT', experienceUid: seeded });
		expect(json[0].variants).toHaveLength(1);
		for (const key of STAMPS) expect(json[0]).not.toHaveProperty(key);
	});
});
