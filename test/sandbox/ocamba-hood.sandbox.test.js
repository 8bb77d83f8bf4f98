'use strict';

const { spawn } = require('node:child_process');
const path = require('node:path');
const readline = require('node:readline');
const {
	startOcambaHoodSandbox,
	ocambaHoodRateLimit,
	DEFAULT_TOKEN,
} = require('../../sandbox/ocamba-hood');

const OTHER_TOKEN = 'ocmb_second_account_token_0000';
let sandbox;

beforeAll(async () => {
	sandbox = await startOcambaHoodSandbox({
		tokens: { [DEFAULT_TOKEN]: 'company-1', [OTHER_TOKEN]: 'company-2' },
		rateLimit: null,
	});
});
afterAll(() => sandbox.close());
beforeEach(() => {
	sandbox.reset();
	sandbox.setRateLimit(null);
	sandbox.setLimits({ maxParallel: 10, latencyMs: 0 });
});

async function call(method, pathWithQuery, { body, token = DEFAULT_TOKEN, raw } = {}) {
	const headers = { 'Content-Type': 'application/json' };
	if (token) headers.Authorization = `Bearer ${token}`;
	const response = await fetch(`${sandbox.url}/v1/hood${pathWithQuery}`, {
		method,
		headers,
		body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
	});
	const text = await response.text();
	let parsed;
	try {
		parsed = text ? JSON.parse(text) : undefined;
	} catch {
		parsed = text;
	}
	return { status: response.status, headers: response.headers, body: parsed };
}

const ERROR_SHAPE = {
	code: expect.any(Number),
	title: expect.any(String),
	trace_id: expect.stringMatching(/^[0-9a-f-]{36}$/),
};

describe('auth and errors', () => {
	test('Bearer token required; the documented error body', async () => {
		expect(await call('GET', '/profile-lists', { token: null })).toMatchObject({
			status: 401,
			body: { ...ERROR_SHAPE, code: 401, title: 'Unauthorized.', message: 'Missing API token.' },
		});
		expect(await call('GET', '/profile-lists', { token: 'nope' })).toMatchObject({
			status: 401,
			body: { message: 'Invalid API token.' },
		});
		expect((await call('GET', '/profile-lists')).status).toBe(200);
		expect(sandbox.requests[2].headers.authorization).toBe('[redacted]');
	});

	test('400, 404 and 405 use the shape; a 500 has no message, as documented', async () => {
		expect(await call('POST', '/profile-lists', { raw: '{' })).toMatchObject({
			status: 400,
			body: { ...ERROR_SHAPE, title: 'Bad request.' },
		});
		expect(await call('GET', '/segments/1')).toMatchObject({
			status: 404,
			body: { title: 'Not found.', message: 'Segment not found.' },
		});
		expect((await call('PUT', '/segments/1')).status).toBe(405);
		sandbox.injectFault({ type: 'status', status: 500 });
		const failure = await call('GET', '/segments');
		expect(failure.body).toEqual({
			code: 500,
			title: 'Internal server error.',
			trace_id: expect.any(String),
		});
	});
});

describe('lists', () => {
	beforeEach(() => {
		for (let i = 0; i < 25; i++)
			sandbox.store.addList({
				name: `List ${String(i).padStart(2, '0')}`,
				color: i % 2 ? '#000000' : '#ffffff',
			});
	});

	test('page=N,M, default page sizes, a numeric or string total', async () => {
		const page = await call('GET', '/profile-lists?page=2,10');
		expect(page.body.total).toBe(25);
		expect(page.body.items.map((list) => list.name)).toEqual(
			Array.from({ length: 10 }, (_, i) => `List ${10 + i}`),
		);
		expect((await call('GET', '/profile-lists')).body.items).toHaveLength(20);
		expect((await call('GET', '/profile-properties')).body.total).toBe(4); // the system properties, a number as both examples show
		sandbox.store.addSegment({ name: 'S' });
		expect((await call('GET', '/segments?out=json')).body.total).toBe('1'); // a string, as the segment example shows
		expect((await call('GET', '/profile-lists?page=9,10')).body.items).toEqual([]);
	});

	test('M above the largest page is served as the largest page', async () => {
		const capped = await startOcambaHoodSandbox({ rateLimit: null, maxPageSize: 10 });
		try {
			for (let i = 0; i < 25; i++) capped.store.addList({ name: `L${i}` });
			const response = await fetch(`${capped.url}/v1/hood/profile-lists?page=1,500`, {
				headers: { Authorization: `Bearer ${DEFAULT_TOKEN}` },
			});
			expect((await response.json()).items).toHaveLength(10);
		} finally {
			await capped.close();
		}
	});

	test('filters with operators, search, sort, fields', async () => {
		const names = async (query) =>
			(await call('GET', `/profile-lists?page=1,100&${query}`)).body.items.map((list) => list.name);
		expect(await names('name=List 03')).toEqual(['List 03']);
		expect(await names('name=eq:List 03')).toEqual(['List 03']);
		expect(await names('name=in:List 01,List 02')).toEqual(['List 01', 'List 02']);
		expect((await names('color=neq:%23000000')).length).toBe(13);
		expect(await names('q=list 2&sort=-name')).toEqual([
			'List 24',
			'List 23',
			'List 22',
			'List 21',
			'List 20',
		]);
		const ids = (await call('GET', '/profile-lists?page=1,100')).body.items.map((list) => list.id);
		expect(await names(`id=rf:${ids[2]},${ids[4]}`)).toEqual(['List 02', 'List 03', 'List 04']);
		expect(await names(`id=r:${ids[2]},${ids[4]}`)).toEqual(['List 03']);
		expect(await names(`id=rl:${ids[2]},${ids[4]}`)).toEqual(['List 02', 'List 03']);
		expect(await names(`id=rr:${ids[2]},${ids[4]}`)).toEqual(['List 03', 'List 04']);
		expect(await names(`id=gte:${ids[23]}`)).toEqual(['List 23', 'List 24']);
		expect((await call('GET', '/profile-lists?page=1,1&fields=id,name')).body.items[0]).toEqual({
			id: ids[0],
			name: 'List 00',
		});
		expect(await names('color=isn:')).toEqual([]);
		expect((await names('color=is:')).length).toBe(25);
	});

	test('dates filter by day; the analytics list keeps to the last 7 days without a time filter', async () => {
		const profile = sandbox.store.addProfile({ email: 'a@example.com' });
		const hoodTime = (ms) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
		sandbox.store.addEvents(profile.id, [
			{ event: 'old', event_time: hoodTime(Date.now() - 10 * 86400000) },
			{ event: 'new', event_time: hoodTime(Date.now() - 86400000) },
			{ event: 'fixed', event_time: '2025-03-10 23:30:00' },
		]);
		expect(
			(await call('GET', `/profiles/${profile.id}/analytics`)).body.items.map((e) => e.event),
		).toEqual(['new']);
		expect(
			(
				await call('GET', `/profiles/${profile.id}/analytics?event_time=rf:2025-03-10,2025-03-10`)
			).body.items.map((e) => e.event),
		).toEqual(['fixed']);
		expect(
			(
				await call(
					'GET',
					`/profiles/${profile.id}/analytics?event_time=gte:2000-01-01&sort=event_time`,
				)
			).body.items.map((e) => e.event),
		).toEqual(['fixed', 'old', 'new']);
	});

	test('the strict readings: unknown parameters and fields, unsortable, unsearchable, bad pages, text ranges', async () => {
		const message = async (query) => (await call('GET', `/profile-lists?${query}`)).body.message;
		expect(await message('colour=red')).toBe('Unknown query parameter "colour".');
		expect(await message('sort=id')).toMatch(/"id" is not sortable/);
		expect(await message('q=x&q_fields=color')).toMatch(/"color" is not allowed in q_fields/);
		expect(await message('q_fields=name')).toBe('q_fields needs q.');
		expect(await message('fields=secret')).toMatch(/"secret" is not allowed in fields/);
		expect(await message('page=0,10')).toMatch(/^page must be/);
		expect(await message('page=a')).toMatch(/^page must be/);
		expect(await message('name=rf:a,b')).toBe(
			'Range operators apply to numbers and dates only, not to name.',
		);
		expect(await message('id=rf:1')).toBe('A range on id is written start,end.');
		expect(await message('view=all')).toBe('view must be default or full.');
	});

	test('segments answer CSV unless out=json; campaigns default to the 10 newest in a short view', async () => {
		sandbox.store.addSegment({
			name: 'Germans, mostly',
			targeting: { languages: { op: 'in', items: ['de'] } },
		});
		const csv = await call('GET', '/segments');
		expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
		expect(csv.body.split('\n')[0]).toBe('id,name,status,targeting,create_time,update_time');
		expect(csv.body).toContain('"Germans, mostly"');
		expect((await call('GET', '/segments?out=json')).body).toMatchObject({
			total: '1',
			items: [{ name: 'Germans, mostly' }],
		});
		for (let i = 0; i < 12; i++)
			sandbox.store.addCampaign({
				name: `C${i}`,
				status: 'draft',
				messages: [{ channel: 'push' }],
			});
		const campaigns = await call('GET', '/campaigns');
		expect(campaigns.body.items).toHaveLength(10);
		expect(campaigns.body.items[0]).toMatchObject({ name: 'C11' });
		expect(campaigns.body.items[0].messages).toBeUndefined();
		expect((await call('GET', '/campaigns?view=full&page=1,1')).body.items[0].messages).toEqual([
			{ channel: 'push' },
		]);
	});
});

describe('writes', () => {
	test('profile properties: create, duplicate label, legacy target, system ones refused', async () => {
		const created = await call('POST', '/profile-properties', {
			body: { label: 'tier', data_type: 'text', pi_data: 1 },
		});
		expect(created).toMatchObject({
			status: 201,
			body: {
				id: expect.stringMatching(/^\d+$/),
				label: 'tier',
				target: 'tier',
				system: 0,
				pi_data: 1,
			},
		});
		expect((await call('POST', '/profile-properties', { body: { label: 'tier' } })).status).toBe(
			409,
		);
		expect(
			(await call('POST', '/profile-properties', { body: { label: 'x', target: 'x' } })).body
				.message,
		).toBe('target is legacy; send label instead.');
		expect(
			(await call('PATCH', `/profile-properties/${created.body.id}`, { body: {} })).body.message,
		).toBe('At least one field is required.');
		expect(
			(await call('PATCH', `/profile-properties/${created.body.id}`, { body: { label: 'y' } })).body
				.message,
		).toBe('Unknown field "label".');
		expect(
			(await call('PATCH', `/profile-properties/${created.body.id}`, { body: { pi_data: 2 } })).body
				.message,
		).toBe('pi_data must be 0 or 1.');
		expect(
			(
				await call('PATCH', `/profile-properties/${created.body.id}`, {
					body: { description: 'd' },
				})
			).status,
		).toBe(204);
		expect(
			(await call('PATCH', '/profile-properties/1000100', { body: { description: 'd' } })).status,
		).toBe(403);
		expect((await call('DELETE', '/profile-properties/1000100')).status).toBe(403);
	});

	test('profiles: create rules, update checks, idempotent delete, unsubscribe blocks reuse, merge', async () => {
		expect(
			(await call('POST', '/profiles', { body: { full_name: 'No contact' } })).body.message,
		).toBe('Email or mobile phone number is required.');
		expect(
			(await call('POST', '/profiles', { body: { mobile_phone_number: '0641234567' } })).body
				.message,
		).toBe('mobile_phone_number must be in E.164 format.');
		const a = (
			await call('POST', '/profiles', {
				body: { email: 'a@example.com', mobile_phone_number: '+381641234567' },
			})
		).body;
		expect(a).toMatchObject({ id: '17430755068336100383', country_code: 'RS', status: 'active' });
		expect(
			(await call('PATCH', `/profiles/${a.id}`, { body: { custom_properties: { nope: 1 } } })).body
				.message,
		).toBe('Unknown custom property "nope".');
		expect(
			(await call('PATCH', `/profiles/${a.id}`, { body: { custom_properties: { email: 'x' } } }))
				.body.message,
		).toBe('Unknown custom property "email".');
		expect((await call('DELETE', `/profiles/${a.id}`)).status).toBe(204);
		expect((await call('DELETE', `/profiles/${a.id}`)).status).toBe(204);
		expect((await call('GET', `/profiles/${a.id}`)).status).toBe(404);
		const b = (await call('POST', '/profiles', { body: { email: 'b@example.com' } })).body;
		expect((await call('POST', `/profiles/${b.id}/unsubscribe`)).status).toBe(204);
		expect(
			(await call('POST', '/profiles', { body: { email: 'b@example.com' } })).body.message,
		).toMatch(/unsubscribed/);
		const c = (await call('POST', '/profiles', { body: { email: 'c@example.com' } })).body;
		const d = (
			await call('POST', '/profiles', {
				body: { mobile_phone_number: '+4915123456789', full_name: 'D' },
			})
		).body;
		expect((await call('POST', `/profiles/${c.id}/merge/${c.id}`)).status).toBe(400);
		expect((await call('POST', `/profiles/${c.id}/merge/${a.id}`)).body.message).toBe(
			'Unknown profile id.',
		);
		expect((await call('POST', `/profiles/${c.id}/merge/${d.id}`)).status).toBe(204);
		expect((await call('GET', `/profiles/${c.id}`)).body.items[0]).toMatchObject({
			email: 'c@example.com',
			mobile_phone_number: '+4915123456789',
			full_name: 'D',
		});
		expect((await call('GET', `/profiles/${d.id}`)).status).toBe(404);
	});

	test('bulk import: 202 with an import record, checked keys, a limit per request, unknown profiles reported', async () => {
		sandbox.store.addProperty({ label: 'tier' });
		const profile = sandbox.store.addProfile({ email: 'a@example.com' });
		const entry = (id, custom = { tier: { type: 'string', value: 'gold' } }) => ({
			id,
			custom_properties: custom,
		});
		const accepted = await call('POST', '/profiles/import', {
			body: { profiles: [entry(profile.id), entry('7291748362918279999')] },
		});
		expect(accepted).toMatchObject({
			status: 202,
			body: {
				id: expect.stringMatching(/^[0-9a-f-]{36}$/),
				name: 'profile-import',
				status: 'running',
			},
		});
		expect(sandbox.state.profiles.get(profile.id).custom_properties).toEqual({ tier: 'gold' });
		const report = await call('GET', `/reports/profiles/import/${accepted.body.id}/full`);
		expect(report.status).toBe(200);
		expect(report.body.map(({ profile_id: id, code }) => [id, code])).toEqual([
			[profile.id, 'SUCCESS'],
			['7291748362918279999', 'PROFILE_NOT_FOUND'],
		]);
		expect(report.body[0]).toEqual({
			event_date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T00:00:00Z$/),
			event_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
			profile_id: profile.id,
			code: 'SUCCESS',
			update_time: expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/),
		});
		expect(
			(await call('GET', `/reports/profiles/import/${accepted.body.id}/full?page=2,1`)).body.map(
				(row) => row.profile_id,
			),
		).toEqual(['7291748362918279999']);
		expect((await call('GET', '/reports/profiles/import/nope/full')).status).toBe(404);
		expect(
			(
				await call('POST', '/profiles/import', {
					body: { profiles: [entry(profile.id, { tier: 'gold' })] },
				})
			).body.message,
		).toMatch(/must be \{type, value\}/);
		expect(
			(
				await call('POST', '/profiles/import', {
					body: { profiles: [entry(profile.id, { nope: { type: 'string', value: 'x' } })] },
				})
			).body.message,
		).toBe('Unknown custom property "nope".');
		const tooMany = Array.from({ length: 1001 }, () => entry(profile.id));
		expect((await call('POST', '/profiles/import', { body: { profiles: tooMany } })).status).toBe(
			413,
		);
	});

	test('bulk import queue: queued until its delay has passed, the report empty until then; a body-less 202 on request', async () => {
		sandbox.setOptions({ importDelayMs: 150 });
		sandbox.store.addProperty({ label: 'tier' });
		const profile = sandbox.store.addProfile({ email: 'a@example.com' });
		const accepted = await call('POST', '/profiles/import', {
			body: {
				profiles: [
					{ id: profile.id, custom_properties: { tier: { type: 'string', value: 'gold' } } },
				],
			},
		});
		expect(sandbox.state.profiles.get(profile.id).custom_properties).toEqual({});
		expect((await call('GET', `/reports/profiles/import/${accepted.body.id}/full`)).body).toEqual(
			[],
		);
		await new Promise((resolve) => setTimeout(resolve, 200));
		expect(
			(await call('GET', `/reports/profiles/import/${accepted.body.id}/full`)).body.map(
				(row) => row.code,
			),
		).toEqual(['SUCCESS']);
		expect(sandbox.state.profiles.get(profile.id).custom_properties).toEqual({ tier: 'gold' });
		sandbox.setOptions({ importAnswer: 'empty' });
		expect(
			await call('POST', '/profiles/import', {
				body: {
					profiles: [
						{ id: profile.id, custom_properties: { tier: { type: 'string', value: 'x' } } },
					],
				},
			}),
		).toMatchObject({ status: 202, body: undefined });
		sandbox.reset();
		expect(
			(
				await call('POST', '/profiles/import', {
					body: {
						profiles: [
							{ id: profile.id, custom_properties: { email: { type: 'string', value: 'x' } } },
						],
					},
				})
			).status,
		).toBe(400);
	});

	test('property listings answer the name as label or as property, as the two documented examples do', async () => {
		sandbox.store.addProperty({ label: 'tier' });
		const byLabel = await call('GET', '/profile-properties?label=eq:tier');
		expect(byLabel.body.items[0]).toMatchObject({ label: 'tier' });
		sandbox.setOptions({ propertyName: 'property' });
		const byProperty = await call('GET', '/profile-properties?label=eq:tier');
		expect(byProperty.body.items[0]).toMatchObject({ property: 'tier' });
		expect(byProperty.body.items[0].label).toBeUndefined();
		expect(
			(await call('GET', `/profile-properties/${byProperty.body.items[0].id}`)).body.items[0],
		).toMatchObject({ property: 'tier' });
		expect(
			(await call('POST', '/profile-properties', { body: { label: 'score' } })).body,
		).toMatchObject({ property: 'score' });
		sandbox.reset();
		expect((await call('GET', '/profile-properties?page=1,1')).body.items[0].label).toBe('email');
	});

	test('profile create answers the documented profile (string values, a 20-digit ID) or, on request, no body', async () => {
		const created = await call('POST', '/profiles', { body: { email: 'a@example.com' } });
		expect(created.body).toMatchObject({
			id: '17430755068336100383',
			company_id: expect.any(String),
			status: expect.any(String),
			total_pageviews: '0',
			user_lang: 'en',
		});
		sandbox.setOptions({ profileCreateAnswer: 'empty' });
		expect(await call('POST', '/profiles', { body: { email: 'b@example.com' } })).toMatchObject({
			status: 201,
			body: undefined,
		});
	});

	test('campaigns sort by the documented fields, next_run_time and run_counter among them', async () => {
		sandbox.store.addCampaign({ name: 'A', run_counter: 3 });
		sandbox.store.addCampaign({ name: 'B', run_counter: 1 });
		expect(
			(await call('GET', '/campaigns?sort=run_counter')).body.items.map((c) => c.name),
		).toEqual(['B', 'A']);
		expect((await call('GET', '/campaigns?sort=next_run_time')).status).toBe(200);
		expect((await call('GET', '/campaigns?sort=scheduled_time')).body.message).toMatch(
			/"scheduled_time" is not sortable/,
		);
	});

	test('lists, segments and campaigns: the documented rules', async () => {
		expect(
			(await call('POST', '/profile-lists', { body: { name: 'L', color: 'red' } })).body.message,
		).toMatch(/hex color/);
		expect(
			(await call('POST', '/segments', { body: { name: 'S', targeting: { user_data: {} } } })).body
				.message,
		).toBe('Targeting key "user_data" is deprecated; use "custom_properties".');
		expect(
			(await call('POST', '/campaigns', { body: { name: 'C', messages: [{ channel: 'sms' }] } }))
				.body.message,
		).toBe('integration_id is required for sms messages.');
		expect(
			(
				await call('POST', '/campaigns', {
					body: { name: 'C', messages: [{ channel: 'push' }, { channel: 'push' }] },
				})
			).body.message,
		).toMatch(/ab_test is required/);
		const manual = await call('POST', '/campaigns', { body: { name: 'C' } });
		expect(manual.body.status).toBe('manual');
		const running = (
			await call('POST', '/campaigns', { body: { name: 'R', run_immediately: true } })
		).body;
		expect(
			(await call('PATCH', `/campaigns/${running.id}`, { body: { name: 'x' } })).body.message,
		).toBe('A campaign in status running cannot be changed.');
		expect(
			(await call('POST', `/campaigns/${running.id}/resume`, { body: { run_immediately: true } }))
				.body.message,
		).toBe('A campaign in status running cannot be resumed.');
		expect(
			(await call('POST', `/campaigns/${running.id}/pause`, { body: { reason: 'r' } })).status,
		).toBe(204);
		expect(
			(
				await call('POST', `/campaigns/${running.id}/resume`, {
					body: { run_immediately: true, scheduled_time: '2030-01-01 00:00:00' },
				})
			).status,
		).toBe(400);
		expect((await call('POST', `/campaigns/${running.id}/cancel`)).status).toBe(204);
		expect((await call('POST', `/campaigns/${running.id}/cancel`)).body.message).toBe(
			'A campaign in status canceled cannot be canceled.',
		);
	});
});

describe('rate limits', () => {
	test('tier C: 10 per second, headers on answers, 429 + Retry-After without them; per account', async () => {
		sandbox.setRateLimit(ocambaHoodRateLimit(1));
		while (Date.now() % 1000 > 400) await new Promise((resolve) => setTimeout(resolve, 10));
		const answers = [];
		for (let i = 0; i < 11; i++) answers.push(await call('GET', '/profile-lists'));
		expect(answers.slice(0, 10).map((a) => a.status)).toEqual(Array(10).fill(200));
		expect(answers[0].headers.get('x-ratelimit-limit')).toBe('10');
		expect(answers[0].headers.get('x-ratelimit-remaining')).toBe('9');
		expect(answers[0].headers.get('x-ratelimit-reset')).toBe('1');
		expect(answers[10].status).toBe(429);
		expect(answers[10].headers.get('retry-after')).toBe('1');
		expect(answers[10].headers.get('x-ratelimit-remaining')).toBeNull();
		expect(answers[10].body).toMatchObject({ code: 429, title: 'Too many requests.' });
		expect((await call('GET', '/profile-lists', { token: OTHER_TOKEN })).status).toBe(200);
	});

	// Time 10x faster (0.1 s and 6 s windows): 150 requests need at least 1.5 s of 0.1 s windows, and
	// the test has the rest of the 6 s window for them, so a busy machine still serves all 150.
	test('150 per minute, here with time 10x faster (6 s): the 151st waits for the minute window', async () => {
		sandbox.setLimits({ timeScale: 10 });
		expect(sandbox.rateLimit).toEqual(ocambaHoodRateLimit(10));
		expect(sandbox.rateLimit.windows.map((window) => [window.limit, window.seconds])).toEqual([
			[10, 0.1],
			[150, 6],
		]);
		while (Date.now() % 6000 > 200) await new Promise((resolve) => setTimeout(resolve, 10));
		let last;
		let served = 0;
		const started = Date.now();
		while (Date.now() - started < 5500) {
			last = await call('GET', '/profile-lists');
			if (last.status === 200) served++;
			else if (Number(last.headers.get('retry-after')) > 0.1) break;
		}
		expect(served).toBe(150);
		expect(last.status).toBe(429);
		expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0.1);
		expect(Number(last.headers.get('retry-after'))).toBeLessThanOrEqual(6);
	}, 20000);

	test('too many requests of one account in flight: 429 with Retry-After: -1', async () => {
		sandbox.setLimits({ maxParallel: 2, latencyMs: 100 });
		const answers = await Promise.all([0, 1, 2, 3].map(() => call('GET', '/profile-lists')));
		const refused = answers.filter((a) => a.status === 429);
		expect(refused).toHaveLength(2);
		for (const answer of refused) expect(answer.headers.get('retry-after')).toBe('-1');
		expect((await call('GET', '/profile-lists', { token: OTHER_TOKEN })).status).toBe(200);
	});
});

test('control routes: limits, events and the store over HTTP', async () => {
	const control = (route, body) =>
		fetch(`${sandbox.url}/__sandbox/ocamba-hood/${route}`, {
			method: body ? 'POST' : 'GET',
			body: body && JSON.stringify(body),
		}).then((r) => (r.status === 204 ? undefined : r.json()));
	expect(await control('limits', { timeScale: 10, maxParallel: 3 })).toEqual({
		rateLimit: ocambaHoodRateLimit(10),
		maxParallel: 3,
		latencyMs: 0,
	});
	const profile = sandbox.store.addProfile({ email: 'a@example.com' });
	await control('events', { profileId: profile.id, events: [{ event: 'purchase' }] });
	expect(
		(await call('GET', `/profiles/${profile.id}/analytics`)).body.items.map((e) => e.event),
	).toEqual(['purchase']);
	expect((await control('store')).profiles.map((p) => p.email)).toEqual(['a@example.com']);
	expect(await control('options', { propertyName: 'property', importDelayMs: 50 })).toEqual({
		propertyName: 'property',
		profileCreateAnswer: 'full',
		importAnswer: 'lro',
		importDelayMs: 50,
	});
	expect((await call('GET', '/profile-properties?page=1,1')).body.items[0].property).toBe('email');
	const refused = await fetch(`${sandbox.url}/__sandbox/ocamba-hood/options`, {
		method: 'POST',
		body: JSON.stringify({ propertyName: 'name' }),
	});
	expect(refused.status).toBe(400);
});

test('control routes for the trigger: finish queued imports, set a campaign status', async () => {
	const control = (route, body) =>
		fetch(`${sandbox.url}/__sandbox/ocamba-hood/${route}`, {
			method: 'POST',
			body: body && JSON.stringify(body),
		}).then(async (r) => ({ status: r.status, body: await r.json() }));
	sandbox.store.addProperty({ label: 'tier' });
	const profile = sandbox.store.addProfile({ email: 'a@example.com' });
	sandbox.setOptions({ importDelayMs: 1e9 });
	const queued = await call('POST', '/profiles/import', {
		body: {
			profiles: [{ id: profile.id, custom_properties: { tier: { type: 'string', value: 'x' } } }],
		},
	});
	expect((await call('GET', `/reports/profiles/import/${queued.body.id}/full`)).body).toEqual([]);
	expect((await control('imports/finish')).body).toEqual([
		{ id: queued.body.id, status: 'finished' },
	]);
	expect((await call('GET', `/reports/profiles/import/${queued.body.id}/full`)).body).toEqual([
		expect.objectContaining({ profile_id: profile.id, code: 'SUCCESS' }),
	]);

	const campaign = sandbox.store.addCampaign({ name: 'Sale', status: 'running' });
	const set = await control(`campaigns/${campaign.id}/status`, { status: 'paused' });
	expect(set).toMatchObject({ status: 200, body: { id: campaign.id, status: 'paused' } });
	expect((await call('GET', `/campaigns/${campaign.id}`)).body.items[0].status).toBe('paused');
	expect((await control('campaigns/999/status', { status: 'paused' })).status).toBe(404);
	expect((await control(`campaigns/${campaign.id}/status`, {})).status).toBe(400);
});

test('seeding may set a profile unsubscribed, whose contacts then cannot be reused', async () => {
	sandbox.store.addProfile({ email: 'gone@example.com', status: 'unsubscribed' });
	const listed = await call('GET', '/profiles?status=unsubscribed&page=1,10');
	expect(listed.body.items.map((p) => p.email)).toEqual(['gone@example.com']);
	expect((await call('POST', '/profiles', { body: { email: 'gone@example.com' } })).status).toBe(
		400,
	);
});

test('the CLI serves it seeded as "ocamba-hood"', async () => {
	const child = spawn(
		process.execPath,
		[
			path.join(__dirname, '../../sandbox/cli.js'),
			'--service',
			'ocamba-hood',
			'--port',
			'0',
			'--seed',
		],
		{ stdio: ['ignore', 'pipe', 'inherit'] },
	);
	try {
		const line = await new Promise((resolve) =>
			readline.createInterface({ input: child.stdout }).once('line', resolve),
		);
		const url = JSON.parse(line)['ocamba-hood'];
		const store = await fetch(`${url}/__sandbox/ocamba-hood/store`).then((r) => r.json());
		expect(store.properties.map((p) => p.label)).toEqual(
			expect.arrayContaining(['email', 'loyalty_tier']),
		);
		expect(store.profiles.length).toBeGreaterThan(0);
		// The trigger's Fetch Test Event for unsubscribes has one to show.
		expect(store.profiles.filter((p) => p.status === 'unsubscribed')).toHaveLength(1);
	} finally {
		child.kill('SIGTERM');
	}
});
