// Experience versions as a marketer reaches them: the Version picker (From List / By ID, empty for
// the draft), If a Draft Exists on Create, and the experience's own type checked before sending.
const h = require('./contentstack-personalize-helpers');

const GOLD = '6650a1b2c3d4e5f601234521';
const SEEDED = '6650a1b2c3d4e5f601234531';

let sandbox;
beforeAll(async () => {
	sandbox = await h.startSandbox({ seed: true, rateLimit: null });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const last = () => sandbox.requests[sandbox.requests.length - 1];
const bodyOf = (request) => JSON.parse(request.rawBody);
const serviceCalls = () => h.calls(sandbox).filter((call) => !call.includes('/user-session'));

async function createExperience(type) {
	const { json, status } = await h.run(sandbox, {
		resource: 'experience',
		operation: 'create',
		name: `New ${type}`,
		experienceType: type,
	});
	expect(status).toBe('success');
	sandbox.requests.length = 0;
	return json[0];
}

const abFields = {
	versionInput: 'fields',
	status: 'DRAFT',
	variantType: 'AB_TEST',
	variantSplit: 'CUSTOM_PERCENTAGE',
	abVariants: {
		variant: [
			{ name: 'Control', traffic: 50 },
			{ name: 'Bold', traffic: 50 },
		],
	},
};
const versionOp = (operation, experienceUid, fields = {}) => ({
	resource: 'experienceVersion',
	operation,
	experienceId: h.byId(experienceUid),
	...fields,
});

describe('Create: If a Draft Exists', () => {
	test('a new node (1.1) updates the empty draft Experience → Create made', async () => {
		const experience = await createExperience('AB_TEST');
		const { status, json } = await h.run(
			sandbox,
			versionOp('create', experience.uid, { ...abFields, simplify: false }),
			{ typeVersion: 1.1 },
		);
		expect(status).toBe('success');
		expect(json[0]).toMatchObject({ uid: experience.latestVersion, status: 'DRAFT' });
		expect(json[0].variants.map((variant) => variant.name)).toEqual(['Control', 'Bold']);
		expect(serviceCalls()).toEqual([
			`GET /experiences/${experience.uid}`,
			`POST /experiences/${experience.uid}/versions`,
			`GET /experiences/${experience.uid}/versions`,
			`PUT /experiences/${experience.uid}/versions/${experience.latestVersion}`,
		]);
		expect(bodyOf(last())).toMatchObject({ status: 'DRAFT', variantSplit: 'CUSTOM_PERCENTAGE' });
		expect(sandbox.project().versions[experience.uid]).toHaveLength(1);
	});

	test('a saved (version 1) node fails as before, with what to do in the details', async () => {
		const experience = await createExperience('AB_TEST');
		const { status, error } = await h.run(sandbox, versionOp('create', experience.uid, abFields));
		expect(status).toBe('error');
		// A short title; what to do, then the vendor's code, in the details.
		expect(error.message).toBe(
			'Contentstack Personalize answered 400: A draft version already exists',
		);
		expect(error.description).toBe(
			'Only one draft version can exist (a new experience starts with an empty one): set If a Draft Exists to Update It, or use Update with Version left empty. Error code: personalize.EXPERIENCES.VERSIONS.CANNOT_CREATE_VERSION_AS_DRAFT_ALREADY_EXISTS.',
		);
		expect(serviceCalls().filter((call) => call.startsWith('PUT'))).toEqual([]);
	});

	test('Update It also works on version 1 when chosen; with no draft a new one is created', async () => {
		const experience = await createExperience('AB_TEST');
		const chosen = await h.run(
			sandbox,
			versionOp('create', experience.uid, { ...abFields, ifDraftExists: 'update' }),
		);
		expect(chosen.status).toBe('success');
		expect(chosen.json[0].uid).toBe(experience.latestVersion);
		// The seeded experience has an active version and no draft: Create creates.
		sandbox.requests.length = 0;
		const created = await h.run(
			sandbox,
			versionOp('create', SEEDED, {
				versionInput: 'fields',
				status: 'DRAFT',
				variantType: 'SEGMENTED',
				segmentedVariants: { variant: [{ name: 'Gold', audiences: [GOLD] }] },
				ifDraftExists: 'update',
			}),
		);
		expect(created.status).toBe('success');
		expect(serviceCalls()).toEqual([
			`GET /experiences/${SEEDED}`,
			`POST /experiences/${SEEDED}/versions`,
		]);
	});

	test('an unknown If a Draft Exists value (from an expression) is refused before sending', async () => {
		const experience = await createExperience('AB_TEST');
		const { error } = await h.run(
			sandbox,
			versionOp('create', experience.uid, { ...abFields, ifDraftExists: '={{ "replace" }}' }),
		);
		expect(error.message).toMatch(/"If a Draft Exists": must be Fail or Update It.*\[item \d\]$/);
		expect(sandbox.requests).toEqual([]);
	});
});

describe('Version picker', () => {
	test('Update with the picker left empty replaces the draft', async () => {
		const experience = await createExperience('AB_TEST');
		const { status, json } = await h.run(
			sandbox,
			versionOp('update', experience.uid, {
				...abFields,
				versionId: { __rl: true, mode: 'list', value: '' },
			}),
		);
		expect(status).toBe('success');
		expect(json[0].uid).toBe(experience.latestVersion);
		expect(serviceCalls().slice(-2)).toEqual([
			`GET /experiences/${experience.uid}/versions`,
			`PUT /experiences/${experience.uid}/versions/${experience.latestVersion}`,
		]);
	});

	test('a version picked By ID (a resource locator) and a plain ID (saved workflows) both work', async () => {
		const experience = await createExperience('AB_TEST');
		for (const versionId of [h.byId(experience.latestVersion), experience.latestVersion]) {
			sandbox.requests.length = 0;
			const { status } = await h.run(
				sandbox,
				versionOp('update', experience.uid, { ...abFields, versionId }),
			);
			expect(status).toBe('success');
			expect(last().path).toBe(
				`/experiences/${experience.uid}/versions/${experience.latestVersion}`,
			);
		}
	});

	test('with no draft, an empty picker is an error that lists the versions', async () => {
		const { status, error } = await h.run(
			sandbox,
			versionOp('update', SEEDED, {
				versionInput: 'fields',
				status: 'DRAFT',
				variantType: 'SEGMENTED',
				segmentedVariants: { variant: [{ name: 'Gold', audiences: [GOLD] }] },
			}),
		);
		expect(status).toBe('error');
		expect(error.message).toBe('The experience has no draft version');
		expect(error.description).toMatch(
			/^Its versions: Active · \d+ variants? \(6650a1b2c3d4e5f601234541\)/,
		);
		expect(serviceCalls().some((call) => call.startsWith('PUT'))).toBe(false);
	});

	test('From List: the experience versions, newest first, as "Draft · 2 variants"', async () => {
		const experience = await createExperience('AB_TEST');
		await h.run(sandbox, versionOp('update', experience.uid, { ...abFields, status: 'ACTIVE' }));
		await h.run(
			sandbox,
			versionOp('create', experience.uid, {
				...abFields,
				abVariants: {
					variant: [
						{ name: 'A', traffic: 40 },
						{ name: 'B', traffic: 30 },
						{ name: 'C', traffic: 30 },
					],
				},
			}),
		);
		const { results } = await h.callMethod(sandbox, 'listSearch', 'searchVersions', {
			parameters: { ...versionOp('update', experience.uid) },
		});
		expect(results.map((result) => result.name.replace(/ · \d{4}-\d\d-\d\d$/, ''))).toEqual([
			'Draft · 3 variants',
			'Active · 2 variants',
		]);
		expect(results[1].value).toBe(experience.latestVersion);
		const none = await h.callMethod(sandbox, 'listSearch', 'searchVersions', {
			parameters: {
				...versionOp('update', ''),
				experienceId: { __rl: true, mode: 'list', value: '' },
			},
		});
		expect(none.results).toEqual([]);
	});
});

describe("The experience's type", () => {
	test('segmented fields for an A/B test are refused before the version is sent, naming Experience Type', async () => {
		const experience = await createExperience('AB_TEST');
		const { status, error } = await h.run(
			sandbox,
			versionOp('update', experience.uid, {
				versionId: experience.latestVersion,
				versionInput: 'fields',
				status: 'DRAFT',
				segmentedVariants: { variant: [{ name: 'Gold', audiences: [GOLD] }] },
			}),
		);
		expect(status).toBe('error');
		expect(error.message).toMatch(
			/^Invalid "Experience Type": the experience "New AB_TEST" is an A\/B Test, not Segmented: choose A\/B Test/,
		);
		expect(serviceCalls()).toEqual([`GET /experiences/${experience.uid}`]);
	});

	test('a version given as JSON is not checked against the type (its variants carry it)', async () => {
		const experience = await createExperience('AB_TEST');
		const { status } = await h.run(
			sandbox,
			versionOp('update', experience.uid, {
				versionId: experience.latestVersion,
				versionInput: 'json',
				versionJson: JSON.stringify({
					status: 'DRAFT',
					variants: [{ __type: 'ABTestVariant', name: 'A', trafficDistribution: 100 }],
				}),
			}),
		);
		expect(status).toBe('success');
		expect(serviceCalls()).toEqual([
			`PUT /experiences/${experience.uid}/versions/${experience.latestVersion}`,
		]);
	});
});

describe('Error titles', () => {
	test('an answer with only a code gets a readable title; the code and other texts go to the details', async () => {
		sandbox.injectFault({
			type: 'status',
			status: 404,
			path: '/audiences',
			body: {
				error: 'personalize.AUDIENCES.NOT_FOUND',
				message: 'personalize.AUDIENCES.NOT_FOUND',
				details: ['the project has no audiences yet'],
			},
		});
		const { error } = await h.run(sandbox, {
			resource: 'audience',
			operation: 'getAll',
			returnAll: true,
		});
		expect(error.message).toBe('Contentstack Personalize answered 404: Not found (audiences)');
		expect(error.description).toMatch(
			/^Not found: check the UID.* Contentstack Personalize said: the project has no audiences yet\. Error code: personalize\.AUDIENCES\.NOT_FOUND\.$/,
		);
	});
});

describe('Experience Type: Same as the Experience (the default of new nodes)', () => {
	const combined = (variants) => ({
		versionInput: 'fields',
		status: 'DRAFT',
		variants: { variant: variants },
	});

	test('an A/B test: one variant list becomes A/B variants; the draft is found without a version', async () => {
		const experience = await createExperience('AB_TEST');
		const { status, json } = await h.run(
			sandbox,
			versionOp(
				'update',
				experience.uid,
				combined([
					{ name: 'Control', traffic: 70 },
					{ name: 'Bold', traffic: 30 },
				]),
			),
			{ typeVersion: 1.1 },
		);
		expect(status).toBe('success');
		expect(json[0].uid).toBe(experience.latestVersion);
		expect(bodyOf(last())).toEqual({
			status: 'DRAFT',
			variantSplit: 'CUSTOM_PERCENTAGE',
			variants: [
				{ __type: 'ABTestVariant', name: 'Control', trafficDistribution: 70 },
				{ __type: 'ABTestVariant', name: 'Bold', trafficDistribution: 30 },
			],
		});
		expect(serviceCalls()).toEqual([
			`GET /experiences/${experience.uid}`,
			`GET /experiences/${experience.uid}/versions`,
			`PUT /experiences/${experience.uid}/versions/${experience.latestVersion}`,
		]);
	});

	test('a segmented experience: the same list becomes segmented variants with their audiences', async () => {
		const experience = await createExperience('SEGMENTED');
		const { status } = await h.run(
			sandbox,
			versionOp('create', experience.uid, {
				...combined([{ name: 'Gold', audiences: [GOLD], combination: 'AND' }]),
			}),
			{ typeVersion: 1.1 },
		);
		expect(status).toBe('success');
		expect(bodyOf(last()).variants).toEqual([
			{
				__type: 'SegmentedVariant',
				name: 'Gold',
				audiences: [GOLD],
				lyticsAudiences: [],
				audienceCombinationType: 'AND',
			},
		]);
	});

	test('audiences on a variant of an A/B test are refused, naming the variant, before the version is sent', async () => {
		const experience = await createExperience('AB_TEST');
		const { error } = await h.run(
			sandbox,
			versionOp('update', experience.uid, {
				versionId: experience.latestVersion,
				variantType: 'fromExperience',
				...combined([
					{ name: 'A', traffic: 50 },
					{ name: 'B', traffic: 50, audiences: [GOLD] },
				]),
			}),
		);
		expect(error.message).toBe(
			'Invalid "Variants › Variant entry 2 › Audience Names or IDs": the experience is an A/B test, whose variants split the traffic instead of having audiences [item 0]',
		);
		expect(serviceCalls()).toEqual([`GET /experiences/${experience.uid}`]);
	});

	test('an unknown Experience Type (from an expression) is refused before any request', async () => {
		const { error } = await h.run(
			sandbox,
			versionOp('update', SEEDED, { ...combined([]), variantType: '={{ "PERSONALIZED" }}' }),
		);
		expect(error.message).toBe(
			'Invalid "Experience Type": must be one of: Segmented, A/B Test, Same as the Experience (got "PERSONALIZED") [item 0]',
		);
		expect(sandbox.requests).toEqual([]);
	});
});
