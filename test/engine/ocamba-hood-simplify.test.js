// Simplify on profile and campaign Get / Get Many: on by default in node version 2, absent from
// version 1 (what shipped workflows hold), the whole object one switch away.
const h = require('./ocamba-hood-helpers');

let sandbox;
beforeAll(async () => {
	sandbox = await h.startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const PROFILE_KEYS = [
	'country_code',
	'create_time',
	'custom_properties',
	'email',
	'full_name',
	'id',
	'lists',
	'mobile_phone_number',
	'status',
	'update_time',
];
const CAMPAIGN_KEYS = [
	'create_time',
	'description',
	'id',
	'labels',
	'name',
	'next_run_time',
	'run_counter',
	'scheduled_time',
	'status',
	'update_time',
];

function seed() {
	const profile = sandbox.store.addProfile({
		email: 'ana@example.com',
		full_name: 'Ana',
		mobile_phone_number: '+381641234567',
		custom_properties: { loyalty_tier: 'gold' },
	});
	const campaign = sandbox.store.addCampaign({
		name: 'Sale',
		description: 'Summer',
		status: 'running',
	});
	return { profile, campaign };
}

const cases = (ids) => [
	['profile', 'get', { profileId: ids.profile.id }, PROFILE_KEYS],
	['profile', 'getAll', { returnAll: true }, PROFILE_KEYS],
	['campaign', 'get', { campaignId: h.locator(ids.campaign.id) }, CAMPAIGN_KEYS],
	['campaign', 'getAll', { returnAll: true }, CAMPAIGN_KEYS],
];

test('version 2: simplified by default to at most 10 main fields', async () => {
	const ids = seed();
	for (const [resource, operation, parameters, keys] of cases(ids)) {
		const { status, json } = await h.run(
			sandbox,
			{ resource, operation, ...parameters },
			{ typeVersion: 2 },
		);
		expect(status).toBe('success');
		expect(json).toHaveLength(1);
		// Only the main fields (those the object has: the campaign list's default view lacks some).
		expect(keys).toEqual(expect.arrayContaining(Object.keys(json[0])));
		expect(Object.keys(json[0])).toEqual(expect.arrayContaining(['id', 'status', 'create_time']));
	}
	const { json } = await h.run(
		sandbox,
		{ resource: 'profile', operation: 'get', profileId: ids.profile.id },
		{ typeVersion: 2 },
	);
	expect(json[0]).toMatchObject({
		email: 'ana@example.com',
		custom_properties: { loyalty_tier: 'gold' },
	});
});

test('version 2 with Simplify off, and version 1 (stored workflows): the whole object', async () => {
	const ids = seed();
	for (const [resource, operation, parameters, keys] of cases(ids)) {
		const off = await h.run(
			sandbox,
			{ resource, operation, ...parameters, simplify: false },
			{ typeVersion: 2 },
		);
		const v1 = await h.run(sandbox, { resource, operation, ...parameters });
		for (const { status, json } of [off, v1]) {
			expect(status).toBe('success');
			expect(Object.keys(json[0]).length).toBeGreaterThan(keys.length);
			expect(Object.keys(json[0])).toEqual(
				expect.arrayContaining(['id', 'status', 'create_time', 'company_id']),
			);
		}
		expect(v1.json).toEqual(off.json);
	}
});

test('version 1 ignores a simplify value it cannot show', async () => {
	const ids = seed();
	const { json } = await h.run(sandbox, {
		resource: 'profile',
		operation: 'get',
		profileId: ids.profile.id,
		simplify: true,
	});
	expect(json[0]).toHaveProperty('total_pageviews');
});

test('a Simplify expression that is not true or false is refused before anything is sent', async () => {
	const { error } = await h.run(
		sandbox,
		{ resource: 'campaign', operation: 'getAll', returnAll: true, simplify: '={{ "yes" }}' },
		{ typeVersion: 2 },
	);
	expect(error.message).toBe('Invalid "Simplify": must be true or false [item 0]');
	expect(sandbox.requests).toHaveLength(0);
});
