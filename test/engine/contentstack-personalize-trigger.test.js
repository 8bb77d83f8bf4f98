// The Contentstack Personalize Trigger's poll() run through n8n-core's PollContext against the
// sandbox, with static data kept between polls as n8n's active-workflow poller keeps it.
const { createPoller } = require('../harness/poll');
const h = require('./contentstack-personalize-helpers');

let sandbox;
beforeAll(async () => {
	sandbox = await h.startSandbox({ seed: true, rateLimit: null });
});
afterAll(() => sandbox.close());
// A fresh project per test (the seeded one: a live segmented experience, the purchase event).
beforeEach(() => sandbox.reset());

const SEEDED = '6650a1b2c3d4e5f601234531';
const PURCHASE = '6650a1b2c3d4e5f601234511';

async function api(method, path, body) {
	const response = await fetch(`${sandbox.url}${path}`, {
		method,
		headers: {
			authtoken: h.contentstack.DEFAULT_AUTHTOKEN,
			'x-project-uid': h.PROJECT,
			'content-type': 'application/json',
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
	return text ? JSON.parse(text) : undefined;
}

const createExperience = (name, type = 'AB_TEST') =>
	api('POST', '/experiences', { name, __type: type });
const abVersion = (status) => ({
	status,
	variantSplit: 'CUSTOM_PERCENTAGE',
	variants: [
		{ __type: 'ABTestVariant', name: 'Control', trafficDistribution: 50 },
		{ __type: 'ABTestVariant', name: 'Challenger', trafficDistribution: 50 },
	],
	metrics: [{ __type: 'Primary', name: 'Purchases', event: PURCHASE }],
});
/** An A/B test, live, with its active version. */
async function liveTest(name) {
	const experience = await createExperience(name);
	const version = await api(
		'PUT',
		`/experiences/${experience.uid}/versions/${experience.latestVersion}`,
		abVersion('ACTIVE'),
	);
	return { experience, version };
}
/** Impressions and conversions per variant shortUid ('0' and '1' for the two of abVersion). */
const addAnalytics = (experienceUid, variants) =>
	sandbox.addAnalytics({
		experienceUid,
		variants: Object.entries(variants).map(([shortUid, [impressions, conversions]]) => ({
			shortUid,
			impressions,
			conversions,
		})),
	});

function trigger(parameters) {
	return createPoller({
		type: 'n8n-nodes-personalization.contentstackPersonalizeTrigger',
		parameters,
		credentials: { contentstackPersonalizeApi: h.CREDENTIAL },
		credentialData: h.credentialsFor(sandbox),
	});
}

const EXPERIENCE_EVENTS = ['experienceCreated', 'experienceUpdated', 'experienceDeleted'];
const VERSION_EVENTS = ['versionActivated', 'versionPaused', 'versionDraftCreated'];
const serviceCalls = () => h.calls(sandbox).filter((call) => !call.includes('/__sandbox'));

test('experiences: a baseline first, then each creation, update and deletion once', async () => {
	const kept = await createExperience('Kept');
	const doomed = await createExperience('Doomed');
	const poller = await trigger({ events: EXPERIENCE_EVENTS });
	expect(await poller.poll()).toEqual([]);

	const created = await createExperience('New');
	await api('PUT', `/experiences/${kept.uid}`, { name: 'Kept (renamed)', __type: 'AB_TEST' });
	await api('DELETE', `/experiences/${doomed.uid}`);
	const events = await poller.poll();
	expect(events.map((event) => [event.event, event.experienceUid])).toEqual([
		['experienceCreated', created.uid],
		['experienceUpdated', kept.uid],
		['experienceDeleted', doomed.uid],
	]);
	expect(events[1].changes.name).toEqual({ old: 'Kept', new: 'Kept (renamed)' });
	expect(events[2].experience).toMatchObject({ uid: doomed.uid, name: 'Doomed' });
	expect(await poller.poll()).toEqual([]);
});

test('versions: activated, paused and a new draft, each once, with the status before', async () => {
	const experience = await createExperience('Hero test');
	const poller = await trigger({ events: VERSION_EVENTS });
	expect(await poller.poll()).toEqual([]);

	const draft = experience.latestVersion;
	await api('PUT', `/experiences/${experience.uid}/versions/${draft}`, abVersion('ACTIVE'));
	const activated = await poller.poll();
	expect(activated).toEqual([
		expect.objectContaining({
			event: 'versionActivated',
			experienceUid: experience.uid,
			versionUid: draft,
			previousStatus: 'DRAFT',
			version: expect.objectContaining({ status: 'ACTIVE' }),
		}),
	]);
	expect(await poller.poll()).toEqual([]);

	await api('PUT', `/experiences/${experience.uid}/versions/${draft}`, abVersion('PAUSED'));
	const next = await api('POST', `/experiences/${experience.uid}/versions`, abVersion('DRAFT'));
	const events = await poller.poll();
	expect(events.map((event) => [event.event, event.versionUid, event.previousStatus])).toEqual([
		['versionPaused', draft, 'ACTIVE'],
		['versionDraftCreated', next.uid, undefined],
	]);
	expect(await poller.poll()).toEqual([]);
});

test('a draft activated while another version is live is found, though the list looks the same', async () => {
	const { experience, version } = await liveTest('Live test');
	const draft = await api('POST', `/experiences/${experience.uid}/versions`, abVersion('DRAFT'));
	const poller = await trigger({ events: ['versionActivated'] });
	await poller.poll();
	const before = (await api('GET', '/experiences')).find((entry) => entry.uid === experience.uid);
	await api('PUT', `/experiences/${experience.uid}/versions/${draft.uid}`, abVersion('ACTIVE'));
	const after = (await api('GET', '/experiences')).find((entry) => entry.uid === experience.uid);
	expect([after.status, after.latestVersion]).toEqual([before.status, before.latestVersion]);
	const events = await poller.poll();
	expect(events.map((event) => event.versionUid)).toEqual([draft.uid]);
	expect(events[0].versionUid).not.toBe(version.uid);
});

test('version events read versions only of experiences that may have changed', async () => {
	await liveTest('Quiet test');
	const changing = await createExperience('Changing');
	const poller = await trigger({ events: VERSION_EVENTS });
	sandbox.requests.length = 0;
	await poller.poll();
	// The baseline reads every experience's versions once (the seeded one, and the two above).
	expect(serviceCalls().filter((call) => call.endsWith('/versions'))).toHaveLength(3);
	sandbox.requests.length = 0;
	await poller.poll();
	// Unchanged: the list, plus the experience that has a draft (it could be activated unseen).
	expect(serviceCalls()).toEqual(['GET /experiences', `GET /experiences/${changing.uid}/versions`]);
});

test('past Max Events per Poll the rest follows on the next polls, none lost or repeated', async () => {
	const poller = await trigger({
		events: ['experienceCreated', 'versionDraftCreated'],
		maxEventsPerPoll: 2,
	});
	await poller.poll();
	const uids = [];
	for (const name of ['A', 'B']) uids.push((await createExperience(name)).uid);
	const seen = [];
	for (let poll = 0; poll < 3; poll++)
		seen.push((await poller.poll()).map((event) => `${event.event}:${event.experienceUid}`));
	expect(seen).toEqual([
		[`experienceCreated:${uids[0]}`, `experienceCreated:${uids[1]}`],
		[`versionDraftCreated:${uids[0]}`, `versionDraftCreated:${uids[1]}`],
		[],
	]);
});

test('a failing poll is followed by one that loses nothing', async () => {
	const poller = await trigger({ events: ['experienceCreated', 'versionActivated'] });
	await poller.poll();
	const created = await createExperience('After the baseline');
	await api(
		'PUT',
		`/experiences/${created.uid}/versions/${created.latestVersion}`,
		abVersion('ACTIVE'),
	);
	// 422 is not retried: the poll fails at once, after the list was read.
	sandbox.injectFault({ type: 'status', status: 422, count: 1, path: /\/versions$/ });
	await expect(poller.poll()).rejects.toThrow(/422/);
	const events = await poller.poll();
	expect(events.map((event) => [event.event, event.experienceUid])).toEqual([
		['experienceCreated', created.uid],
		['versionActivated', created.uid],
	]);
	expect(await poller.poll()).toEqual([]);
});

describe('A/B Test Leader Found', () => {
	const LEADER = {
		events: ['abTestLeaderFound'],
		leaderProbability: 95,
		minImpressionsPerVariant: 1000,
	};

	test('fires once per version and leader, when the leader is sure enough and every variant seen enough', async () => {
		const { experience, version } = await liveTest('Checkout test');
		const poller = await trigger(LEADER);
		expect(await poller.poll()).toEqual([]); // no analytics yet
		addAnalytics(experience.uid, { 0: [900, 54], 1: [900, 90] });
		expect(await poller.poll()).toEqual([]); // fewer than 1,000 impressions per variant
		addAnalytics(experience.uid, { 0: [600, 36], 1: [600, 45] });
		const events = await poller.poll();
		expect(events).toEqual([
			expect.objectContaining({
				event: 'abTestLeaderFound',
				experienceUid: experience.uid,
				experienceName: 'Checkout test',
				versionUid: version.uid,
				leader: expect.objectContaining({ variant: '1', name: 'Challenger', impressions: 1500 }),
			}),
		]);
		expect(events[0].leader.probability).toBeGreaterThanOrEqual(95);
		expect(events[0].variants).toHaveLength(2);
		expect(await poller.poll()).toEqual([]);

		// A new version is a new test: its leader fires again.
		const next = await api('POST', `/experiences/${experience.uid}/versions`, abVersion('ACTIVE'));
		const [first, second] = next.variants.map((variant) => variant.shortUid);
		addAnalytics(experience.uid, { [first]: [1500, 150], [second]: [1500, 60] });
		expect((await poller.poll()).map((event) => [event.versionUid, event.leader.variant])).toEqual([
			[next.uid, first],
		]);
	});

	test('a leader already there when the workflow is activated fires on the first poll', async () => {
		const { experience } = await liveTest('Old test');
		addAnalytics(experience.uid, { 0: [1200, 60], 1: [1200, 120] });
		const poller = await trigger(LEADER);
		expect((await poller.poll()).map((event) => event.experienceUid)).toEqual([experience.uid]);
		expect(await poller.poll()).toEqual([]);
	});

	test('a close race has no leader; a lower threshold finds one', async () => {
		const { experience } = await liveTest('Close race');
		addAnalytics(experience.uid, { 0: [1000, 100], 1: [1000, 110] });
		expect(await (await trigger(LEADER)).poll()).toEqual([]);
		const lenient = await trigger({ ...LEADER, leaderProbability: 70 });
		expect((await lenient.poll()).map((event) => event.leader.variant)).toEqual(['1']);
	});

	test('each poll costs the list and one summary per live A/B test', async () => {
		await liveTest('One');
		await liveTest('Two');
		const poller = await trigger(LEADER);
		await poller.poll();
		sandbox.requests.length = 0;
		await poller.poll();
		const calls = serviceCalls();
		expect(calls[0]).toBe('GET /experiences');
		expect(calls.slice(1).every((call) => call.endsWith('/analytics/summary'))).toBe(true);
		expect(calls).toHaveLength(3);
	});
});

test('Fetch Test Event returns the most recent matching objects, and says so when there are none', async () => {
	const empty = await trigger({ events: ['abTestLeaderFound'] });
	await expect(empty.poll({ mode: 'manual' })).rejects.toThrow(
		'No matching experience, version or A/B test leader to show as a test event',
	);
	const { experience } = await liveTest('Sample test');
	addAnalytics(experience.uid, { 0: [1100, 50], 1: [1100, 110] });
	const poller = await trigger({
		events: ['experienceUpdated', 'versionActivated', 'abTestLeaderFound'],
	});
	const events = await poller.poll({ mode: 'manual' });
	expect(events.map((event) => [event.event, event.experienceUid])).toEqual([
		['experienceUpdated', experience.uid],
		['versionActivated', experience.uid],
		['abTestLeaderFound', experience.uid],
	]);
	expect(poller.staticData()).toEqual({});
});

test('the seeded project alone: a version sample from the live segmented experience', async () => {
	const poller = await trigger({ events: ['versionActivated'] });
	const [event] = await poller.poll({ mode: 'manual' });
	expect(event).toMatchObject({ event: 'versionActivated', experienceUid: SEEDED });
});

test.each([
	[{ events: ['experienceCreated', 'experienceRenamed'] }, 'Invalid "Events"'],
	[{ events: ['abTestLeaderFound'], leaderProbability: 120 }, 'Invalid "Leader Probability'],
	[{ events: ['abTestLeaderFound'], leaderProbability: 0 }, 'Invalid "Leader Probability'],
	[
		{ events: ['abTestLeaderFound'], minImpressionsPerVariant: -5 },
		'Invalid "Min Impressions per Variant"',
	],
	[{ events: ['experienceCreated'], maxEventsPerPoll: 0 }, 'Invalid "Max Events per Poll"'],
])('a bad parameter is refused before anything is sent: %j', async (parameters, message) => {
	const poller = await trigger(parameters);
	await expect(poller.poll()).rejects.toThrow(message);
	expect(serviceCalls()).toEqual([]);
});
