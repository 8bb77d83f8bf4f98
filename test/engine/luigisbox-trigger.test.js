// The Luigi's Box Trigger's poll() run through n8n-core's PollContext against the sandbox, with
// static data kept between polls as n8n's active-workflow poller keeps it.
const { createPoller } = require('../harness/poll');
const h = require('./luigisbox-helpers');

const DAY = 24 * 60 * 60 * 1000;
let sandbox;
beforeAll(async () => {
	sandbox = await h.startLuigisBoxSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const put = (overrides) => sandbox.store.put(h.TRACKER, h.customization(overrides));
const inDays = (days) => new Date(Date.now() + days * DAY).toISOString().replace(/\.\d{3}Z$/, 'Z');

function trigger(parameters) {
	return createPoller({
		type: 'n8n-nodes-personalization.luigisBoxTrigger',
		parameters,
		credentials: { luigisBoxApi: { id: 'lbSandbox', name: "Luigi's Box sandbox" } },
		credentialData: h.credentialsFor(sandbox),
	});
}

const ALL_CHANGES = ['customizationCreated', 'customizationUpdated', 'customizationDeleted'];

test('the first poll records a baseline and emits nothing; later polls emit each change once', async () => {
	const kept = put({ target_identity: '/p/1/' });
	const doomed = put({ target_identity: '/p/2/' });
	const poller = await trigger({ events: ALL_CHANGES });
	expect(await poller.poll()).toEqual([]);

	const created = put({ target_identity: '/p/3/' });
	sandbox.store.replace(
		h.TRACKER,
		kept.id,
		h.customization({ target_identity: '/p/1/', tags: ['x'] }),
	);
	sandbox.store.remove(h.TRACKER, doomed.id);
	const events = await poller.poll();
	expect(events.map((event) => [event.event, event.customizationId])).toEqual([
		['customizationCreated', created.id],
		['customizationUpdated', kept.id],
		['customizationDeleted', doomed.id],
	]);
	expect(events[1].changes).toEqual({ tags: { old: [], new: ['x'] } });
	expect(events[2].customization).toMatchObject({ id: doomed.id, target_identity: '/p/2/' });
	expect(await poller.poll()).toEqual([]);
});

test('a pin running out (available turns false) is not an update', async () => {
	put({
		pin_definitions: [
			{ position: 1, pin_type: 'item', pin_identity: '/p/a/', active_to: inDays(1.5 / 86400) },
		],
	});
	const poller = await trigger({ events: ALL_CHANGES });
	await poller.poll();
	await new Promise((resolve) => setTimeout(resolve, 2000));
	expect(sandbox.store.list(h.TRACKER)[0].available).toBe(false);
	expect(await poller.poll()).toEqual([]);
});

test('each poll reads the list with the largest page, one request per 500', async () => {
	for (let index = 0; index < 1200; index++) put({ target_identity: `/p/${index}/` });
	const poller = await trigger({ events: ALL_CHANGES });
	sandbox.requests.length = 0;
	await poller.poll();
	const reads = sandbox.requests.filter((request) => request.path.endsWith('/scopes'));
	expect(reads).toHaveLength(3);
	expect(reads.every((request) => String(request.query.limit) === '500')).toBe(true);
});

test('past Max Events per Poll the rest follows on the next polls, none lost or repeated', async () => {
	const poller = await trigger({ events: ['customizationCreated'], maxEventsPerPoll: 2 });
	await poller.poll();
	const ids = [1, 2, 3, 4, 5].map((n) => put({ target_identity: `/p/${n}/` }).id);
	const seen = [];
	for (let poll = 0; poll < 4; poll++)
		seen.push((await poller.poll()).map((e) => e.customizationId));
	expect(seen).toEqual([ids.slice(0, 2), ids.slice(2, 4), ids.slice(4), []]);
});

test('a failing poll is followed by one that loses nothing', async () => {
	const poller = await trigger({ events: ['customizationCreated'] });
	await poller.poll();
	const created = put({ target_identity: '/p/9/' });
	// 422 is not retried: the poll fails at once.
	sandbox.injectFault({ type: 'status', status: 422, count: 1 });
	await expect(poller.poll()).rejects.toThrow(/422/);
	const events = await poller.poll();
	expect(events.map((event) => event.customizationId)).toEqual([created.id]);
});

test('Pins Expiring fires once per pin and end date, within the days set', async () => {
	const soon = put({
		target_identity: '/p/soon/',
		pin_definitions: [
			{ position: 1, pin_type: 'item', pin_identity: '/p/a/', active_to: inDays(3) },
			{ position: 2, pin_type: 'item', pin_identity: '/p/b/', active_to: inDays(30) },
		],
	});
	const poller = await trigger({ events: ['pinsExpiring'], expiringWithinDays: 7 });
	const first = await poller.poll();
	expect(first).toHaveLength(1);
	expect(first[0]).toMatchObject({
		event: 'pinsExpiring',
		customizationId: soon.id,
		pin: { pin_identity: '/p/a/' },
		daysLeft: 2,
	});
	expect(await poller.poll()).toEqual([]);
	// A new end date is a new event.
	sandbox.store.replace(
		h.TRACKER,
		soon.id,
		h.customization({
			target_identity: '/p/soon/',
			pin_definitions: [
				{ position: 1, pin_type: 'item', pin_identity: '/p/a/', active_to: inDays(5) },
			],
		}),
	);
	expect((await poller.poll()).map((event) => event.expiresAt)).toEqual([inDays(5)]);
});

test('Fetch Test Event returns the newest customization, and says so when there is none', async () => {
	const poller = await trigger({ events: ALL_CHANGES });
	await expect(poller.poll({ mode: 'manual' })).rejects.toThrow(
		'No customization or expiring pin to show as a test event',
	);
	put({ target_identity: '/p/old/' });
	const newest = put({ target_identity: '/p/new/' });
	const events = await poller.poll({ mode: 'manual' });
	expect(events).toEqual([
		expect.objectContaining({ event: 'customizationCreated', customizationId: newest.id }),
	]);
	expect(poller.staticData()).toEqual({});
});

test('an unknown event from an expression is refused before anything is sent', async () => {
	const poller = await trigger({ events: ['customizationCreated', 'pinsMoved'] });
	await expect(poller.poll()).rejects.toThrow('Invalid "Events"');
	expect(sandbox.requests).toHaveLength(0);
});
