// The Ocamba Hood Trigger's poll() run through n8n-core's PollContext against the sandbox, with
// static data kept between polls as n8n's active-workflow poller keeps it.
const { createPoller } = require('../harness/poll');
const h = require('./ocamba-hood-helpers');

let sandbox;
beforeAll(async () => {
	sandbox = await h.startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

let counter = 0;
const addProfile = (overrides = {}) =>
	sandbox.store.addProfile({ email: `p${++counter}@example.com`, ...overrides });
const addCampaign = (name, status) => sandbox.store.addCampaign({ name, status });

async function call(method, path, body) {
	const control = path.startsWith('/__sandbox/');
	const response = await fetch(`${sandbox.url}${control ? path : `/v1/hood${path}`}`, {
		method,
		headers: { authorization: `Bearer ${h.TOKEN}`, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
	return text ? JSON.parse(text) : undefined;
}
const unsubscribe = (id) => call('POST', `/profiles/${id}/unsubscribe`);
const setCampaignStatus = (id, status) =>
	call('POST', `/__sandbox/ocamba-hood/campaigns/${id}/status`, { status });
const finishImports = () => call('POST', '/__sandbox/ocamba-hood/imports/finish');
/** A queued import of custom properties for `profiles`; its report stays empty until finished. */
async function queueImport(profiles) {
	if (![...sandbox.state.properties.values()].some((property) => property.label === 'tier'))
		sandbox.store.addProperty({ label: 'tier' });
	sandbox.setOptions({ importDelayMs: 1e9 });
	const answer = await call('POST', '/profiles/import', {
		profiles: profiles.map((profile) => ({
			id: profile.id,
			custom_properties: { tier: { type: 'string', value: 'gold' } },
		})),
	});
	return answer.id;
}

function trigger(parameters) {
	return createPoller({
		type: 'n8n-nodes-personalization.ocambaHoodTrigger',
		parameters,
		credentials: { ocambaHoodApi: { id: 'ocambaSandbox', name: 'Ocamba Hood sandbox' } },
		credentialData: h.credentialsFor(sandbox),
	});
}

const ids = (events) =>
	events.map((event) => event.profileId ?? event.campaignId ?? event.importId);

test('the first poll records a baseline and emits nothing; later polls emit each new profile once', async () => {
	addProfile();
	addProfile();
	const poller = await trigger({ events: ['profileCreated'] });
	expect(await poller.poll()).toEqual([]);
	const created = [addProfile(), addProfile()];
	const events = await poller.poll();
	expect(events).toEqual(
		created.map((profile) =>
			expect.objectContaining({
				event: 'profileCreated',
				profileId: profile.id,
				profile: expect.objectContaining({ email: profile.email }),
			}),
		),
	);
	expect(await poller.poll()).toEqual([]);
	// The cursor: the newest creation time emitted and the IDs emitted at it.
	const cursor = JSON.stringify(poller.staticData());
	expect(cursor).toContain(`"time":"${created[1].create_time}"`);
	expect(cursor).toContain(created[1].id);
});

test('profiles created at the same second as the cursor, across page and poll boundaries, each fire once', async () => {
	const T = '2026-01-01 10:00:00';
	addProfile({ create_time: T });
	addProfile({ create_time: T });
	const poller = await trigger({ events: ['profileCreated'], maxEventsPerPoll: 2 });
	await poller.poll();
	const same = [1, 2, 3, 4, 5].map(() => addProfile({ create_time: T }));
	const later = addProfile({ create_time: '2026-01-01 10:00:01' });
	const seen = [];
	for (let poll = 0; poll < 4; poll++) seen.push(ids(await poller.poll()));
	expect(seen.flat().sort()).toEqual([...same, later].map((profile) => profile.id).sort());
	expect(seen.map((batch) => batch.length)).toEqual([2, 2, 2, 0]);
	expect(seen[2]).toContain(later.id);
});

test('a server that serves smaller pages splits a second of profiles across pages: none lost or repeated', async () => {
	const small = await h.startSandbox({ maxPageSize: 3 });
	try {
		const T = '2026-01-01 10:00:00';
		const add = (time) =>
			small.store.addProfile({ email: `s${++counter}@example.com`, create_time: time });
		add(T);
		add(T);
		const poller = await createPoller({
			type: 'n8n-nodes-personalization.ocambaHoodTrigger',
			parameters: { events: ['profileCreated'] },
			credentials: { ocambaHoodApi: { id: 'ocambaSandbox', name: 'Ocamba Hood sandbox' } },
			credentialData: h.credentialsFor(small),
		});
		await poller.poll();
		const created = [add(T), add(T), add(T), add(T), add('2026-01-01 10:00:01')];
		small.requests.length = 0;
		expect(ids(await poller.poll()).sort()).toEqual(created.map((p) => p.id).sort());
		// 7 profiles from the cursor's second on, 3 a page.
		expect(small.requests.map((request) => request.query.page)).toEqual(['1,102', '2,3', '3,3']);
		add(T);
		const late = add('2026-01-01 10:00:02');
		// Created in an already emitted second after the cursor moved on: not seen (see README).
		expect(ids(await poller.poll())).toEqual([late.id]);
		expect(await poller.poll()).toEqual([]);
	} finally {
		small.close();
	}
});

test('Profile Unsubscribed fires once per unsubscribe; profiles unsubscribed before activation do not', async () => {
	const before = addProfile({ status: 'unsubscribed' });
	const ana = addProfile();
	const ben = addProfile();
	const poller = await trigger({ events: ['profileUnsubscribed'] });
	expect(await poller.poll()).toEqual([]);
	await unsubscribe(ana.id);
	// A later change to a profile unsubscribed before activation is not an unsubscribe.
	await call('PATCH', `/profiles/${before.id}`, { full_name: 'Renamed' });
	const events = await poller.poll();
	expect(events).toEqual([
		expect.objectContaining({
			event: 'profileUnsubscribed',
			profileId: ana.id,
			profile: expect.objectContaining({ status: 'unsubscribed' }),
		}),
	]);
	expect(await poller.poll()).toEqual([]);
	await unsubscribe(ben.id);
	expect(ids(await poller.poll())).toEqual([ben.id]);
});

test('Profile Filters narrow the profiles read, and are sent as Ocamba filters', async () => {
	const poller = await trigger({
		events: ['profileCreated', 'profileUnsubscribed'],
		filters: { profileFilters: 'country_code=in:DE,AT' },
	});
	await poller.poll();
	const german = addProfile({ mobile_phone_number: '+4915100000001' });
	addProfile({ mobile_phone_number: '+447700900001' });
	sandbox.requests.length = 0;
	expect(ids(await poller.poll())).toEqual([german.id]);
	expect(sandbox.requests.every((request) => request.query.country_code === 'in:DE,AT')).toBe(true);
});

test('Campaign Status Changed gives the old and new status; other edits are not events', async () => {
	const sale = addCampaign('Sale', 'running');
	const welcome = addCampaign('Welcome', 'draft');
	const poller = await trigger({ events: ['campaignStatusChanged'] });
	expect(await poller.poll()).toEqual([]);
	await setCampaignStatus(sale.id, 'paused');
	sandbox.state.campaigns.get(welcome.id).description = 'edited';
	addCampaign('New', 'draft');
	const events = await poller.poll();
	expect(events).toEqual([
		expect.objectContaining({
			event: 'campaignStatusChanged',
			campaignId: sale.id,
			previousStatus: 'running',
			status: 'paused',
			changes: { status: { old: 'running', new: 'paused' } },
			campaign: expect.objectContaining({ name: 'Sale', status: 'paused' }),
		}),
	]);
	expect(await poller.poll()).toEqual([]);
	// The API's own transitions are seen too.
	await call('POST', `/campaigns/${sale.id}/resume`, { run_immediately: true });
	expect((await poller.poll()).map((event) => [event.previousStatus, event.status])).toEqual([
		['paused', 'running'],
	]);
});

test('Profile Import Finished fires once per watched import when its report has rows', async () => {
	const profiles = [addProfile(), addProfile()];
	const done = await queueImport(profiles.slice(0, 1));
	await finishImports();
	const queued = await queueImport(profiles);
	const poller = await trigger({
		events: ['profileImportFinished'],
		importIds: `${done}, ${queued}`,
	});
	// Baseline: the import already finished is not an event.
	expect(await poller.poll()).toEqual([]);
	expect(await poller.poll()).toEqual([]);
	await finishImports();
	const events = await poller.poll();
	expect(events).toEqual([
		expect.objectContaining({
			event: 'profileImportFinished',
			importId: queued,
			profiles: 2,
			succeeded: 2,
			failed: 0,
		}),
	]);
	expect(events[0].report).toHaveLength(2);
	expect(await poller.poll()).toEqual([]);
	// A finished import is not read again.
	sandbox.requests.length = 0;
	await poller.poll();
	expect(sandbox.requests).toHaveLength(0);
});

test('an import Ocamba does not know is named in the error', async () => {
	const poller = await trigger({
		events: ['profileImportFinished'],
		importIds: '70823f7d-b3ed-4eda-9720-09eaec0a7deb',
	});
	await expect(poller.poll()).rejects.toThrow(
		'Invalid "Import IDs": Ocamba Hood has no import 70823f7d-b3ed-4eda-9720-09eaec0a7deb (404); remove it from the list [item 0]',
	);
});

test('past Max Events per Poll the rest follows on the next polls, none lost or repeated', async () => {
	const poller = await trigger({
		events: ['profileCreated', 'profileUnsubscribed'],
		maxEventsPerPoll: 2,
	});
	await poller.poll();
	const created = [1, 2, 3].map(() => addProfile());
	for (const profile of created) await unsubscribe(profile.id);
	const seen = [];
	for (let poll = 0; poll < 4; poll++)
		seen.push((await poller.poll()).map((event) => `${event.event}:${event.profileId}`));
	expect(seen.map((batch) => batch.length)).toEqual([2, 2, 2, 0]);
	expect(seen.flat().sort()).toEqual(
		created
			.flatMap((profile) => [`profileCreated:${profile.id}`, `profileUnsubscribed:${profile.id}`])
			.sort(),
	);
});

test('a failing poll is followed by one that loses nothing', async () => {
	const sale = addCampaign('Sale', 'running');
	const poller = await trigger({
		events: ['profileCreated', 'profileUnsubscribed', 'campaignStatusChanged'],
	});
	await poller.poll();
	const created = addProfile();
	await unsubscribe(created.id);
	await setCampaignStatus(sale.id, 'paused');
	// 422 is not retried: the poll fails at once, on its last read (the campaigns), after the
	// profile reads succeeded.
	sandbox.injectFault({ type: 'status', status: 422, count: 1, path: '/v1/hood/campaigns' });
	const failing = poller.poll();
	await expect(failing).rejects.toThrow(/422/);
	const events = await poller.poll();
	expect(events.map((event) => `${event.event}:${ids([event])[0]}`)).toEqual([
		`profileCreated:${created.id}`,
		`profileUnsubscribed:${created.id}`,
		`campaignStatusChanged:${sale.id}`,
	]);
	expect(await poller.poll()).toEqual([]);
});

test('a poll over 10,000 unchanged profiles costs one request per event type', async () => {
	// Created over time (one a minute), 1 % of them unsubscribed.
	const start = Date.parse('2026-01-01T00:00:00Z');
	for (let index = 0; index < 10000; index++)
		addProfile({
			status: index % 100 === 0 ? 'unsubscribed' : 'active',
			create_time: new Date(start + index * 60000).toISOString().slice(0, 19).replace('T', ' '),
		});
	addCampaign('Sale', 'running');
	const poller = await trigger({
		events: ['profileCreated', 'profileUnsubscribed', 'campaignStatusChanged'],
	});
	await poller.poll();
	sandbox.requests.length = 0;
	expect(await poller.poll()).toEqual([]);
	// profileCreated: 1 (create_time=gte:<cursor>); profileUnsubscribed: 1 per 500 unsubscribed
	// (100 here); campaigns: 1 per 500.
	expect(sandbox.requests.map((request) => request.path)).toEqual([
		'/v1/hood/profiles',
		'/v1/hood/profiles',
		'/v1/hood/campaigns',
	]);
	expect(sandbox.requests[0].query).toMatchObject({ sort: 'create_time' });
	expect(sandbox.requests[0].query.create_time).toMatch(/^gte:/);
	expect(poller.staticDataSize()).toBeLessThan(10000);
}, 60000);

test('Fetch Test Event returns the most recent objects, and says so when there are none', async () => {
	const events = ['profileCreated', 'profileUnsubscribed', 'campaignStatusChanged'];
	const poller = await trigger({ events });
	await expect(poller.poll({ mode: 'manual' })).rejects.toThrow(
		'No matching profile, campaign or finished import to show as a test event',
	);
	addProfile({ create_time: '2026-01-01 10:00:00' });
	const gone = addProfile({ status: 'unsubscribed', create_time: '2026-01-01 10:00:01' });
	const newest = addProfile({ create_time: '2026-01-01 10:00:02' });
	const sale = addCampaign('Sale', 'running');
	const samples = await poller.poll({ mode: 'manual' });
	expect(samples).toEqual([
		expect.objectContaining({ event: 'profileCreated', profileId: newest.id }),
		expect.objectContaining({ event: 'profileUnsubscribed', profileId: gone.id }),
		expect.objectContaining({
			event: 'campaignStatusChanged',
			campaignId: sale.id,
			status: 'running',
		}),
	]);
	expect(poller.staticData()).toEqual({});
});

test('Fetch Test Event for imports shows the latest watched import with a report', async () => {
	const profile = addProfile();
	const done = await queueImport([profile]);
	await finishImports();
	const queued = await queueImport([profile]);
	const poller = await trigger({ events: ['profileImportFinished'], importIds: [done, queued] });
	expect(await poller.poll({ mode: 'manual' })).toEqual([
		expect.objectContaining({ event: 'profileImportFinished', importId: done, succeeded: 1 }),
	]);
});

test.each([
	[{ events: ['profileCreated', 'profileMerged'] }, 'Invalid "Events"'],
	[{ events: [] }, 'Invalid "Events"'],
	[{ events: ['profileCreated'], maxEventsPerPoll: 0 }, 'Invalid "Max Events per Poll"'],
	[{ events: ['profileImportFinished'], importIds: '' }, 'Invalid "Import IDs"'],
	[{ events: ['profileImportFinished'], importIds: '../profiles' }, 'Import IDs'],
	[
		{ events: ['profileCreated'], filters: { profileFilters: 'create_time=gt:2020-01-01' } },
		'Invalid "Filters › Profile Filters": "create_time" is set by the trigger itself; remove it from the filters [item 0]',
	],
	[
		{ events: ['profileCreated'], filters: { profileFilters: 'no operator' } },
		'Invalid "Filters › Profile Filters › Line 1"',
	],
	[{ events: ['profileCreated'], filters: { profileFilters: 'page=1,2' } }, 'list parameter'],
])('bad parameters are refused before anything is sent: %j', async (parameters, message) => {
	const poller = await trigger(parameters);
	await expect(poller.poll()).rejects.toThrow(message);
	expect(sandbox.requests).toHaveLength(0);
});
