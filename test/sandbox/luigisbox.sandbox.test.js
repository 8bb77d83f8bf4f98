'use strict';

const {
	createLuigisBoxSandbox,
	startLuigisBoxSandbox,
	signLuigisBox,
	luigisBoxAuthHeaders,
	luigisBoxDemoSeed,
} = require('../../sandbox/luigisbox');

const TRACKER = '1234-5678';
const KEY = 'your_private_api_key';
const OTHER_TRACKER = '9999-0000';
const OTHER_KEY = 'other_private_key';
const BASE = `/v1/recommender/pin/${TRACKER}`;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let sandbox;

beforeAll(async () => {
	sandbox = await startLuigisBoxSandbox({
		trackers: { [TRACKER]: KEY, [OTHER_TRACKER]: OTHER_KEY },
	});
});
afterAll(() => sandbox.close());
beforeEach(() => {
	sandbox.reset();
	sandbox.setRateLimit(null);
});

/** Signed request against `target` (default: the shared sandbox); returns status, headers and parsed body. */
async function call(method, pathWithQuery, options = {}) {
	const {
		body,
		contentType,
		date,
		tracker = TRACKER,
		key = KEY,
		headers = {},
		target = sandbox,
	} = options;
	const auth = luigisBoxAuthHeaders({
		tracker,
		privateKey: key,
		method,
		path: pathWithQuery,
		contentType,
		date,
	});
	const response = await fetch(target.url + pathWithQuery, {
		method,
		headers: { ...auth, ...headers },
		body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
	});
	const text = await response.text();
	return {
		status: response.status,
		headers: response.headers,
		body: text ? JSON.parse(text) : undefined,
		text,
	};
}

const control = (method, path, body) =>
	fetch(sandbox.url + path, {
		method,
		headers: { 'Content-Type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify(body),
	});

function customization(overrides = {}) {
	return {
		model: 'basket',
		target_type: 'item',
		target_identity: '/p/123/',
		tags: ['summer'],
		pin_definitions: [{ position: 1, pin_type: 'item', pin_identity: '/p/234/' }],
		...overrides,
	};
}

async function create(overrides) {
	const response = await call('POST', `${BASE}/scope`, { body: customization(overrides) });
	expect(response.status).toBe(201);
	return response.body;
}

const isoDaysFromNow = (days) => new Date(Date.now() + days * 86400000).toISOString();

describe('HMAC signature', () => {
	const vectors = [
		[
			'secret',
			'GET',
			'application/json; charset=utf-8',
			'Thu, 29 Jun 2017 12:11:16 GMT',
			'/v1/content_export',
			'wXj4oFdv4IRkL7RVSVrO2PiKwP3U5ssaYKsUzQAld7Y=',
		],
		[
			'secret',
			'POST',
			'application/json; charset=utf-8',
			'Thu, 29 Jun 2017 12:11:16 GMT',
			'/v1/content',
			'6DyKg257unB1yLVi5aPuy+Xqy9xII5wuGJtG71gMX2w=',
		],
		[
			KEY,
			'POST',
			'application/json; charset=utf-8',
			'Mon, 20 Jan 2025 12:00:00 GMT',
			'/v1/recommender/pin/1234-5678/scope',
			'p7L8w8fAeFHKhgy39xUaA9bTJHTfTu/qfBwhN73WwU4=',
		],
		[
			KEY,
			'GET',
			'application/json; charset=utf-8',
			'Mon, 20 Jan 2025 12:00:00 GMT',
			'/v1/recommender/pin/1234-5678/scope/199620b4-df1a-46e8-ab59-9e9ed9af7106',
			'e6gb0XVIotdiwhkDBBNTi5ILcg3YLRygjAdYwnvhKhQ=',
		],
		[
			KEY,
			'POST',
			'application/json; charset=utf-8',
			'Mon, 20 Jan 2025 12:00:00 GMT',
			'/v1/recommender/pin/1234-5678/scopes',
			'vSYspLbtpLNeCyZ3GQApb2hSd/5/6E33IL9aOI6FkTI=',
		],
		[
			KEY,
			'POST',
			'application/x-ndjson',
			'Mon, 20 Jan 2025 12:00:00 GMT',
			'/v1/recommender/pin/1234-5678/scopes/_bulk',
			'wdUqdPWKT4Qpg0XzL215+hKRataOTgNGvjpakV3Zoto=',
		],
		[
			KEY,
			'GET',
			'application/json; charset=utf-8',
			'Mon, 20 Jan 2025 12:00:00 GMT',
			'/v1/recommender/pin/1234-5678/summary',
			'f/jrysuod6Vl3A1ayq4mxumrYY/PpLUlGcu0F+8nJ8I=',
		],
	];
	test.each(vectors)(
		'vector with key %s, %s %s %s %s',
		(privateKey, method, contentType, date, path, signature) => {
			expect(signLuigisBox({ privateKey, method, contentType, date, path })).toBe(signature);
		},
	);

	test('auth headers strip the query string before signing', () => {
		const headers = luigisBoxAuthHeaders({
			tracker: TRACKER,
			privateKey: KEY,
			method: 'POST',
			path: `${BASE}/scopes?limit=5`,
			date: 'Mon, 20 Jan 2025 12:00:00 GMT',
		});
		expect(headers.Authorization).toBe(
			`ApiAuth ${TRACKER}:vSYspLbtpLNeCyZ3GQApb2hSd/5/6E33IL9aOI6FkTI=`,
		);
	});
});

describe('authentication', () => {
	test('a correctly signed request with a query string and any client word passes', async () => {
		const path = `${BASE}/scopes?limit=5&model=basket`;
		const auth = luigisBoxAuthHeaders({ tracker: TRACKER, privateKey: KEY, method: 'POST', path });
		auth.Authorization = auth.Authorization.replace('ApiAuth', 'magento2');
		const response = await fetch(sandbox.url + path, { method: 'POST', headers: auth });
		expect(response.status).toBe(200);
	});

	test('wrong key -> 401 Signature mismatch, without leaking the expected signature', async () => {
		const response = await call('GET', `${BASE}/summary`, { key: 'wrong' });
		expect(response.status).toBe(401);
		expect(response.body).toEqual({ error: 'Unauthorized', message: 'Signature mismatch' });
		const date = response.headers.get('date');
		expect(response.text).not.toContain(KEY);
		expect(response.text).not.toContain(
			signLuigisBox({
				privateKey: KEY,
				method: 'GET',
				contentType: 'application/json; charset=utf-8',
				date,
				path: `${BASE}/summary`,
			}),
		);
	});

	test('signature over a different Content-Type than the one sent -> 401', async () => {
		const auth = luigisBoxAuthHeaders({
			tracker: TRACKER,
			privateKey: KEY,
			method: 'GET',
			path: `${BASE}/summary`,
		});
		const response = await fetch(`${sandbox.url}${BASE}/summary`, {
			headers: { ...auth, 'Content-Type': 'application/json' },
		});
		expect(response.status).toBe(401);
	});

	test('stale Date -> 401, small skew is tolerated', async () => {
		const stale = await call('GET', `${BASE}/summary`, {
			date: new Date(Date.now() - 60000).toUTCString(),
		});
		expect(stale.status).toBe(401);
		expect(stale.body.message).toMatch(/Date/);
		const skewed = await call('GET', `${BASE}/summary`, {
			date: new Date(Date.now() - 3000).toUTCString(),
		});
		expect(skewed.status).toBe(200);
	});

	test('Date that is not an RFC 1123 date -> 401', async () => {
		const response = await call('GET', `${BASE}/summary`, { date: new Date().toISOString() });
		expect(response.status).toBe(401);
		expect(response.body.error).toBe('Unauthorized');
	});

	test('missing Content-Type, Date or Authorization -> 401', async () => {
		const auth = luigisBoxAuthHeaders({
			tracker: TRACKER,
			privateKey: KEY,
			method: 'GET',
			path: `${BASE}/summary`,
		});
		for (const missing of ['Content-Type', 'Date', 'Authorization']) {
			const headers = { ...auth };
			delete headers[missing];
			const response = await fetch(`${sandbox.url}${BASE}/summary`, { headers });
			expect(response.status).toBe(401);
			expect((await response.json()).message).toMatch(new RegExp(missing));
		}
	});

	test('malformed Authorization header -> 401', async () => {
		const response = await call('GET', `${BASE}/summary`, {
			headers: { Authorization: 'ApiAuth no-colon-here' },
		});
		expect(response.status).toBe(401);
		expect(response.body.message).toMatch(/Malformed Authorization/);
	});

	test('unknown tracker in the header -> 401', async () => {
		const response = await call('GET', `${BASE}/summary`, {
			tracker: '0000-0000',
			key: 'whatever',
		});
		expect(response.status).toBe(401);
		expect(response.body.message).toMatch(/Unknown tracker/);
	});

	test('header tracker differs from path tracker -> 401', async () => {
		const response = await call('GET', `${BASE}/summary`, {
			tracker: OTHER_TRACKER,
			key: OTHER_KEY,
		});
		expect(response.status).toBe(401);
		expect(response.body.message).toMatch(/does not match/);
	});

	test('authenticated caller, unconfigured path tracker -> 404 Tracker not found', async () => {
		const response = await call('GET', '/v1/recommender/pin/5555-5555/summary');
		expect(response.status).toBe(404);
		expect(response.body).toEqual({ error: 'Not Found', message: 'Tracker not found' });
	});
});

describe('routing', () => {
	test('unknown route -> 404 JSON, wrong method -> 405 with Allow', async () => {
		const unknown = await call('GET', '/v1/nothing');
		expect(unknown.status).toBe(404);
		expect(unknown.body.error).toBe('Not Found');
		const wrongMethod = await call('GET', `${BASE}/scope`);
		expect(wrongMethod.status).toBe(405);
		expect(wrongMethod.headers.get('allow')).toBe('POST');
	});
});

describe('create customization', () => {
	test('201 with the stored object', async () => {
		const before = Date.now();
		const created = await create();
		expect(created).toMatchObject({ ...customization(), creator: 'api', available: true });
		expect(created.id).toMatch(UUID_V4);
		expect(Date.parse(created.created_at)).toBeGreaterThanOrEqual(before - 1000);
		expect(sandbox.store.get(TRACKER, created.id)).toEqual(created);
	});

	test('available is false when every pin is expired or not yet active', async () => {
		const created = await create({
			pin_definitions: [
				{ position: 1, pin_type: 'item', pin_identity: '/p/1/', active_to: isoDaysFromNow(-1) },
				{ position: 2, pin_type: 'item', pin_identity: '/p/2/', active_from: isoDaysFromNow(1) },
			],
		});
		expect(created.available).toBe(false);
	});

	test('accepts criteria targets, global/block pins and all optional pin fields', async () => {
		const created = await create({
			target_type: 'criteria',
			target_identity: undefined,
			target_criteria: { brand: 'Fender' },
			pin_definitions: [
				{
					position: -1,
					pin_type: 'criteria',
					pin_criteria: { category: 'strings' },
					widget_id: 'w1',
					is_bundle_pin: false,
				},
				{
					position: 0,
					pin_type: 'item',
					pin_identity: '/p/9/',
					is_block_pin: true,
					active_from: '2025-01-01T00:00:00+01:00',
					active_to: '2099-01-01T00:00:00Z',
				},
			],
		});
		expect(created.target_criteria).toEqual({ brand: 'Fender' });
	});

	test.each([
		[
			'bad position',
			{ pin_definitions: [{ position: 1.5, pin_type: 'item', pin_identity: '/p/1/' }] },
			'pin_definitions[0].position',
		],
		[
			'position below -1',
			{ pin_definitions: [{ position: -2, pin_type: 'item', pin_identity: '/p/1/' }] },
			'pin_definitions[0].position',
		],
		['missing model', { model: '' }, 'model'],
		['bad target_type', { target_type: 'everything' }, 'target_type'],
		['item without target_identity', { target_identity: undefined }, 'target_identity'],
		[
			'criteria without target_criteria',
			{ target_type: 'criteria', target_identity: undefined },
			'target_criteria',
		],
		['tags not strings', { tags: ['ok', 3] }, 'tags'],
		['empty pins', { pin_definitions: [] }, 'pin_definitions'],
		[
			'pin without pin_identity',
			{ pin_definitions: [{ position: 1, pin_type: 'item' }] },
			'pin_definitions[0].pin_identity',
		],
		[
			'criteria pin without criteria',
			{ pin_definitions: [{ position: 1, pin_type: 'criteria' }] },
			'pin_definitions[0].pin_criteria',
		],
		[
			'non-boolean flag',
			{
				pin_definitions: [
					{ position: 0, pin_type: 'item', pin_identity: '/p/1/', is_block_pin: 'yes' },
				],
			},
			'pin_definitions[0].is_block_pin',
		],
		[
			'date without time zone',
			{
				pin_definitions: [
					{
						position: 1,
						pin_type: 'item',
						pin_identity: '/p/1/',
						active_from: '2025-01-01T00:00:00',
					},
				],
			},
			'pin_definitions[0].active_from',
		],
		[
			'to before from',
			{
				pin_definitions: [
					{
						position: 1,
						pin_type: 'item',
						pin_identity: '/p/1/',
						active_from: '2025-02-01T00:00:00Z',
						active_to: '2025-01-01T00:00:00Z',
					},
				],
			},
			'pin_definitions[0].active_to',
		],
		['unknown top-level field', { colour: 'red' }, 'colour'],
		['read-only field', { id: '199620b4-df1a-46e8-ab59-9e9ed9af7106' }, 'id'],
	])('400 for %s', async (_name, overrides, field) => {
		const response = await call('POST', `${BASE}/scope`, { body: customization(overrides) });
		expect(response.status).toBe(400);
		expect(response.body).toMatchObject({
			error: 'Bad Request',
			message: expect.stringContaining(field),
		});
		expect(response.body.details).toEqual(
			expect.arrayContaining([{ field, message: expect.any(String) }]),
		);
		expect(sandbox.store.list(TRACKER)).toHaveLength(0);
	});

	test('400 for malformed JSON', async () => {
		const response = await call('POST', `${BASE}/scope`, { body: '{"model":' });
		expect(response.status).toBe(400);
		expect(response.body.message).toMatch(/Malformed JSON/);
	});
});

describe('get, update and delete', () => {
	test('GET returns the object; unknown or non-UUID ids -> 404', async () => {
		const created = await create();
		expect((await call('GET', `${BASE}/scope/${created.id}`)).body).toEqual(created);
		const missing = await call('GET', `${BASE}/scope/199620b4-df1a-46e8-ab59-9e9ed9af7106`);
		expect(missing.status).toBe(404);
		expect(missing.body).toEqual({ error: 'Not Found', message: 'Customization not found' });
		expect((await call('GET', `${BASE}/scope/not-a-uuid`)).status).toBe(404);
	});

	test('PUT replaces everything but id, creator and created_at -> 204', async () => {
		const created = await create();
		const replacement = customization({
			model: 'product_detail',
			tags: undefined,
			target_identity: '/p/999/',
		});
		const response = await call('PUT', `${BASE}/scope/${created.id}`, { body: replacement });
		expect(response.status).toBe(204);
		expect(response.text).toBe('');
		const stored = sandbox.store.get(TRACKER, created.id);
		// The old tags are gone (a customization without tags is answered with an empty list).
		expect(stored).toEqual({
			...replacement,
			id: created.id,
			creator: 'api',
			created_at: created.created_at,
			available: true,
			tags: [],
		});
	});

	test('PUT errors: 400 malformed, 400 bad top-level, 422 bad pin, 404 unknown id', async () => {
		const created = await create();
		const path = `${BASE}/scope/${created.id}`;
		expect((await call('PUT', path, { body: 'not json' })).status).toBe(400);
		expect((await call('PUT', path, { body: customization({ target_type: 'nope' }) })).status).toBe(
			400,
		);
		const badPin = await call('PUT', path, {
			body: customization({
				pin_definitions: [{ position: 'first', pin_type: 'item', pin_identity: '/p/1/' }],
			}),
		});
		expect(badPin.status).toBe(422);
		expect(badPin.body.details).toEqual([
			{ field: 'pin_definitions[0].position', message: expect.any(String) },
		]);
		expect(
			(
				await call('PUT', `${BASE}/scope/199620b4-df1a-46e8-ab59-9e9ed9af7106`, {
					body: customization(),
				})
			).status,
		).toBe(404);
		expect(sandbox.store.get(TRACKER, created.id)).toEqual(created);
	});

	test('DELETE -> 204, then 404', async () => {
		const created = await create();
		expect((await call('DELETE', `${BASE}/scope/${created.id}`)).status).toBe(204);
		expect((await call('GET', `${BASE}/scope/${created.id}`)).status).toBe(404);
		expect((await call('DELETE', `${BASE}/scope/${created.id}`)).status).toBe(404);
		expect((await call('DELETE', `${BASE}/scope/xyz`)).status).toBe(404);
	});
});

describe('list customizations', () => {
	async function createMany(count, overrides = () => ({})) {
		const created = [];
		for (let i = 0; i < count; i++)
			created.push(await create({ target_identity: `/p/${i}/`, ...overrides(i) }));
		return created;
	}

	test('default page of 10, offset paging, total counts all matches', async () => {
		const created = await createMany(12);
		const first = await call('POST', `${BASE}/scopes`);
		expect(first.status).toBe(200);
		expect(first.body.pagination).toEqual({ total: 12 });
		expect(first.body.results.map((item) => item.id)).toEqual(
			created.slice(0, 10).map((item) => item.id),
		);
		const second = await call('POST', `${BASE}/scopes?limit=10&offset=10`);
		expect(second.body.results.map((item) => item.id)).toEqual(
			created.slice(10).map((item) => item.id),
		);
		const beyond = await call('POST', `${BASE}/scopes?offset=50`);
		expect(beyond.body).toEqual({ pagination: { total: 12 }, results: [] });
	});

	test('limit is clamped to maxPageSize', async () => {
		const small = await startLuigisBoxSandbox({ maxPageSize: 2 });
		try {
			for (let i = 0; i < 3; i++)
				small.store.put(TRACKER, customization({ target_identity: `/p/${i}/` }));
			const response = await call('POST', `${BASE}/scopes?limit=100`, { target: small });
			expect(response.body.pagination.total).toBe(3);
			expect(response.body.results).toHaveLength(2);
		} finally {
			await small.close();
		}
	});

	test('repeated filters are OR-ed, different filters AND-ed', async () => {
		await create({ model: 'basket', target_identity: '/p/a/', tags: ['summer'] });
		await create({
			model: 'home',
			target_type: 'all',
			target_identity: undefined,
			tags: ['winter'],
		});
		await create({ model: 'product_detail', target_identity: '/p/b/', tags: ['summer', 'sale'] });
		const models = (path) =>
			call('POST', `${BASE}/scopes${path}`).then((response) =>
				response.body.results.map((item) => item.model),
			);
		expect(await models('?model=basket&model=home')).toEqual(['basket', 'home']);
		expect(await models('?tag=summer')).toEqual(['basket', 'product_detail']);
		expect(await models('?tag=summer&model=product_detail')).toEqual(['product_detail']);
		expect(await models('?target_type=all')).toEqual(['home']);
		expect(await models('?target_identity=/p/a/&target_identity=/p/b/')).toEqual([
			'basket',
			'product_detail',
		]);
		const filtered = await call('POST', `${BASE}/scopes?tag=summer&limit=1`);
		expect(filtered.body.pagination.total).toBe(2);
	});

	test('sort by created_at desc and by model asc', async () => {
		const created = await createMany(3, (i) => ({ model: ['m-b', 'm-c', 'm-a'][i] }));
		const desc = await call('POST', `${BASE}/scopes?sort=created_at:desc`);
		expect(desc.body.results.map((item) => item.id)).toEqual(
			created.map((item) => item.id).reverse(),
		);
		const byModel = await call('POST', `${BASE}/scopes?sort=model:asc`);
		expect(byModel.body.results.map((item) => item.model)).toEqual(['m-a', 'm-b', 'm-c']);
	});

	test('criteria body is accepted (not applied); bad bodies and parameters -> 422', async () => {
		await create();
		const withCriteria = await call('POST', `${BASE}/scopes`, {
			body: { criteria: [{ brand: 'Fender' }] },
		});
		expect(withCriteria.status).toBe(200);
		expect(withCriteria.body.pagination.total).toBe(1);
		for (const [path, body] of [
			['?target_type=everything', undefined],
			['?sort=created_at', undefined],
			['?sort=colour:asc', undefined],
			['?limit=ten', undefined],
			['?offset=-1', undefined],
			['', { criteria: 'brand=Fender' }],
			['', { criteria: [1] }],
			['', { filter: [] }],
			['', '{not json'],
		]) {
			const response = await call('POST', `${BASE}/scopes${path}`, { body });
			expect({ path, body, status: response.status }).toEqual({ path, body, status: 422 });
			expect(response.body.error).toBe('Unprocessable Entity');
		}
	});
});

describe('summary', () => {
	test('counts per model and sorted unique tags', async () => {
		await create({ model: 'basket', target_identity: '/p/1/', tags: ['winter', 'summer'] });
		await create({ model: 'basket', target_identity: '/p/2/', tags: ['summer'] });
		await create({ model: 'product_detail', tags: undefined });
		const response = await call('GET', `${BASE}/summary`);
		expect(response.body).toEqual({
			scope_counts: { basket: 2, product_detail: 1 },
			user_tags: ['summer', 'winter'],
		});
	});

	test('empty store', async () => {
		expect((await call('GET', `${BASE}/summary`)).body).toEqual({
			scope_counts: {},
			user_tags: [],
		});
	});
});

describe('export', () => {
	test('single-valued filters', async () => {
		await create({ model: 'basket', target_identity: '/p/1/', tags: ['summer'] });
		await create({
			model: 'basket',
			target_type: 'all',
			target_identity: undefined,
			tags: ['winter'],
		});
		await create({ model: 'home', target_identity: '/p/2/', tags: ['summer'] });
		const models = (query) =>
			call('POST', `${BASE}/scopes/export${query}`).then((response) =>
				response.body.results.map((item) => item.model),
			);
		expect(await models('')).toEqual(['basket', 'basket', 'home']);
		expect(await models('?model=basket&tag=summer')).toEqual(['basket']);
		expect(await models('?target_type=item&target_identity=/p/2/')).toEqual(['home']);
	});

	test('remove_expired_pins and remove_nonexisting_item_pins', async () => {
		await create({
			pin_definitions: [
				{ position: 1, pin_type: 'item', pin_identity: '/p/live/' },
				{
					position: 2,
					pin_type: 'item',
					pin_identity: '/p/expired/',
					active_to: isoDaysFromNow(-1),
				},
				{ position: 3, pin_type: 'item', pin_identity: '/p/gone/' },
			],
		});
		const pins = (query) =>
			call('POST', `${BASE}/scopes/export${query}`).then((response) =>
				response.body.results[0].pin_definitions.map((pin) => pin.pin_identity),
			);
		expect(await pins('')).toEqual(['/p/live/', '/p/expired/', '/p/gone/']);
		expect(await pins('?remove_expired_pins=true')).toEqual(['/p/live/', '/p/gone/']);
		expect(
			(await control('POST', '/__sandbox/luigisbox/nonexistent-items', ['/p/gone/'])).status,
		).toBe(204);
		expect(await pins('?remove_nonexisting_item_pins=true')).toEqual(['/p/live/', '/p/expired/']);
		expect(await pins('?remove_expired_pins=true&remove_nonexisting_item_pins=true')).toEqual([
			'/p/live/',
		]);
		expect(sandbox.store.list(TRACKER)[0].pin_definitions).toHaveLength(3);
	});

	test('422 for a bad target_type, target_identity without item, repeated or non-boolean values', async () => {
		for (const query of [
			'?target_type=bad',
			'?target_identity=/p/1/',
			'?target_type=all&target_identity=/p/1/',
			'?model=a&model=b',
			'?remove_expired_pins=yes',
		]) {
			const response = await call('POST', `${BASE}/scopes/export${query}`);
			expect({ query, status: response.status }).toEqual({ query, status: 422 });
		}
	});

	test('nonexistent-items control route rejects bad bodies', async () => {
		expect(
			(await control('POST', '/__sandbox/luigisbox/nonexistent-items', { items: [1] })).status,
		).toBe(400);
		expect(
			(await control('POST', '/__sandbox/luigisbox/nonexistent-items', { items: ['/p/x/'] }))
				.status,
		).toBe(204);
	});
});

describe('bulk create', () => {
	const ndjson = (...items) =>
		items.map((item) => `${typeof item === 'string' ? item : JSON.stringify(item)}\n`).join('');
	const bulk = (body, query = '', contentType = 'application/x-ndjson') =>
		call('POST', `${BASE}/scopes/_bulk${query}`, { body, contentType });

	test('stores every line -> 200 {}', async () => {
		const response = await bulk(
			`${ndjson(customization({ target_identity: '/p/1/' }), customization({ target_identity: '/p/2/' }))}\n\n`,
		);
		expect(response.status).toBe(200);
		expect(response.body).toEqual({});
		expect(sandbox.store.list(TRACKER).map((item) => item.target_identity)).toEqual([
			'/p/1/',
			'/p/2/',
		]);
	});

	test('raise (default) is atomic: any conflict -> 409 listing it, nothing stored', async () => {
		const existing = await create({ target_identity: '/p/1/' });
		const body = ndjson(
			customization({ target_identity: '/p/new/' }),
			customization({ target_identity: '/p/1/' }),
			customization({ target_identity: '/p/new/' }),
		);
		const response = await bulk(body);
		expect(response.status).toBe(409);
		expect(response.body).toMatchObject({ error: 'Conflict', message: expect.any(String) });
		expect(response.body.conflicts).toEqual([
			{ line: 2, id: existing.id },
			{ line: 3, id: null, conflicting_line: 1 },
		]);
		expect(sandbox.store.list(TRACKER)).toEqual([existing]);
		expect((await bulk(body, '?conflict_strategy=raise')).status).toBe(409);
	});

	test('conflicts compare criteria deeply; a different model or target type does not conflict', async () => {
		await create({
			target_type: 'criteria',
			target_identity: undefined,
			target_criteria: { brand: 'Fender', color: 'red' },
		});
		const same = await bulk(
			ndjson(
				customization({
					target_type: 'criteria',
					target_identity: undefined,
					target_criteria: { color: 'red', brand: 'Fender' },
				}),
			),
		);
		expect(same.status).toBe(409);
		const different = await bulk(
			ndjson(
				customization({
					target_type: 'criteria',
					target_identity: undefined,
					target_criteria: { brand: 'Gibson' },
				}),
				customization({
					model: 'home',
					target_type: 'criteria',
					target_identity: undefined,
					target_criteria: { brand: 'Fender', color: 'red' },
				}),
			),
		);
		expect(different.status).toBe(200);
		expect(sandbox.store.list(TRACKER)).toHaveLength(3);
	});

	test('ignore skips conflicting lines', async () => {
		const existing = await create({ target_identity: '/p/1/', tags: ['old'] });
		const response = await bulk(
			ndjson(
				customization({ target_identity: '/p/1/', tags: ['new'] }),
				customization({ target_identity: '/p/2/' }),
				customization({ target_identity: '/p/2/', tags: ['dup'] }),
			),
			'?conflict_strategy=ignore',
		);
		expect(response.status).toBe(200);
		const stored = sandbox.store.list(TRACKER);
		expect(stored.map((item) => [item.target_identity, item.tags])).toEqual([
			['/p/1/', ['old']],
			['/p/2/', ['summer']],
		]);
		expect(stored[0].id).toBe(existing.id);
	});

	test('override replaces conflicting customizations and keeps their id', async () => {
		const existing = await create({ target_identity: '/p/1/', tags: ['old'] });
		const response = await bulk(
			ndjson(
				customization({ target_identity: '/p/1/', tags: ['new'] }),
				customization({ target_identity: '/p/2/' }),
				customization({ target_identity: '/p/2/', tags: ['last'] }),
			),
			'?conflict_strategy=override',
		);
		expect(response.status).toBe(200);
		const stored = sandbox.store.list(TRACKER);
		expect(stored.map((item) => [item.target_identity, item.tags])).toEqual([
			['/p/1/', ['new']],
			['/p/2/', ['last']],
		]);
		expect(stored[0]).toMatchObject({ id: existing.id, created_at: existing.created_at });
	});

	test('invalid lines -> 422 naming the line; nothing stored', async () => {
		const response = await bulk(
			ndjson(
				customization({ target_identity: '/p/1/' }),
				'',
				'{broken',
				customization({ pin_definitions: [] }),
			),
		);
		expect(response.status).toBe(422);
		expect(response.body.message).toMatch(/line 3/);
		expect(response.body.details).toEqual([
			{ line: 3, field: '', message: expect.stringMatching(/Malformed JSON/) },
			{ line: 4, field: 'pin_definitions', message: expect.any(String) },
		]);
		expect(sandbox.store.list(TRACKER)).toHaveLength(0);
	});

	test('more than 5000 lines -> 413; exactly 5000 is fine', async () => {
		const line = JSON.stringify(customization({ target_type: 'all', target_identity: undefined }));
		const tooMany = await bulk(`${Array(5001).fill(line).join('\n')}\n`);
		expect(tooMany.status).toBe(413);
		expect(tooMany.body.error).toBe('Payload Too Large');
		const lines = Array.from({ length: 5000 }, (_, i) =>
			JSON.stringify(customization({ target_identity: `/p/${i}/` })),
		);
		expect((await bulk(`${lines.join('\n')}\n`)).status).toBe(200);
		expect(sandbox.store.list(TRACKER)).toHaveLength(5000);
	});

	test('a body whose last line has no newline -> 400, nothing stored (NDJSON ends every line)', async () => {
		const line = JSON.stringify(customization({ target_identity: '/p/1/' }));
		const response = await bulk(
			`${line}\n${JSON.stringify(customization({ target_identity: '/p/2/' }))}`,
		);
		expect(response.status).toBe(400);
		expect(response.body.message).toMatch(/terminated by a newline/);
		expect(sandbox.store.list(TRACKER)).toHaveLength(0);
		expect((await bulk(`${line}\n`)).status).toBe(200);
	});

	test('unknown conflict_strategy -> 422, empty body -> 422, wrong Content-Type -> 415', async () => {
		expect((await bulk(ndjson(customization()), '?conflict_strategy=merge')).status).toBe(422);
		expect((await bulk('\n\n')).status).toBe(422);
		expect(
			(await bulk(ndjson(customization()), '', 'application/json; charset=utf-8')).status,
		).toBe(415);
	});
});

describe('rate limiting', () => {
	test('over the limit -> 429 with Retry-After; buckets are per tracker', async () => {
		sandbox.setRateLimit({ requestsPerSecond: 1, burst: 2 });
		expect((await call('GET', `${BASE}/summary`)).status).toBe(200);
		expect((await call('GET', `${BASE}/summary`)).status).toBe(200);
		const limited = await call('GET', `${BASE}/summary`);
		expect(limited.status).toBe(429);
		expect(limited.headers.get('retry-after')).toBe('1');
		expect(limited.body).toEqual({ error: 'Too Many Requests', message: expect.any(String) });
		expect(limited.headers.get('x-ratelimit-limit')).toBeNull();
		const otherTracker = await call('GET', `/v1/recommender/pin/${OTHER_TRACKER}/summary`, {
			tracker: OTHER_TRACKER,
			key: OTHER_KEY,
		});
		expect(otherTracker.status).toBe(200);
		expect(sandbox.stats).toMatchObject({
			requests: 4,
			rateLimited: 1,
			byStatus: { 200: 3, 429: 1 },
		});
	});

	test('initial rate limit from options and via the control endpoint', async () => {
		const limited = await startLuigisBoxSandbox({
			rateLimit: { requestsPerSecond: 0.5, burst: 1 },
		});
		try {
			expect((await call('GET', `${BASE}/summary`, { target: limited })).status).toBe(200);
			const response = await call('GET', `${BASE}/summary`, { target: limited });
			expect(response.status).toBe(429);
			expect(Number(response.headers.get('retry-after'))).toBe(2);
		} finally {
			await limited.close();
		}
		const set = await control('POST', '/__sandbox/rate-limit', { requestsPerSecond: 1, burst: 1 });
		expect(await set.json()).toEqual({ rateLimit: { requestsPerSecond: 1, burst: 1 } });
		await call('GET', `${BASE}/summary`);
		expect((await call('GET', `${BASE}/summary`)).status).toBe(429);
		expect((await control('POST', '/__sandbox/stats')).status).toBe(405);
		expect((await control('GET', '/__sandbox/stats')).status).toBe(200); // control routes are never limited
		await control('POST', '/__sandbox/rate-limit', null);
		expect(sandbox.rateLimit).toBeNull();
		expect((await call('GET', `${BASE}/summary`)).status).toBe(200);
	});
});

describe('fault injection', () => {
	test('status fault with Retry-After applies `count` times, then disappears', async () => {
		sandbox.injectFault({
			path: `${BASE}/summary`,
			type: 'status',
			status: 503,
			retryAfter: 2,
			count: 2,
		});
		for (let i = 0; i < 2; i++) {
			const response = await call('GET', `${BASE}/summary`);
			expect(response.status).toBe(503);
			expect(response.headers.get('retry-after')).toBe('2');
			expect(response.body).toEqual({ error: 'Service Unavailable', message: 'Injected fault' });
		}
		expect((await call('GET', `${BASE}/summary`)).status).toBe(200);
		expect(sandbox.stats.faultsInjected).toBe(2);
	});

	test('method and RegExp path filters; custom body; clearFaults', async () => {
		sandbox.injectFault({
			method: 'POST',
			path: /\/scopes$/,
			type: 'status',
			status: 429,
			body: { error: 'Too Many Requests', message: 'slow down' },
			count: 5,
		});
		expect((await call('GET', `${BASE}/summary`)).status).toBe(200);
		const limited = await call('POST', `${BASE}/scopes`);
		expect(limited.status).toBe(429);
		expect(limited.body.message).toBe('slow down');
		sandbox.clearFaults();
		expect((await call('POST', `${BASE}/scopes`)).status).toBe(200);
	});

	test('drop destroys the socket: fetch rejects and the store is unchanged', async () => {
		sandbox.injectFault({ method: 'POST', path: `${BASE}/scope`, type: 'drop' });
		await expect(call('POST', `${BASE}/scope`, { body: customization() })).rejects.toThrow();
		expect(sandbox.store.list(TRACKER)).toHaveLength(0);
		expect(sandbox.requests).toHaveLength(1);
		expect(sandbox.requests[0]).toMatchObject({ fault: 'drop', status: null });
		expect((await call('POST', `${BASE}/scope`, { body: customization() })).status).toBe(201);
	});

	test('dropAfterHandling: the create happened but the client sees a network error', async () => {
		sandbox.injectFault({ path: `${BASE}/scope`, method: 'POST', type: 'dropAfterHandling' });
		await expect(call('POST', `${BASE}/scope`, { body: customization() })).rejects.toThrow();
		expect(sandbox.store.list(TRACKER)).toHaveLength(1);
		expect(sandbox.requests[0]).toMatchObject({
			fault: 'dropAfterHandling',
			status: null,
			handledStatus: 201,
		});
	});

	test('slow delays the response, then handles normally', async () => {
		sandbox.injectFault({ path: BASE, type: 'slow', delayMs: 300 });
		const started = Date.now();
		const response = await call('GET', `${BASE}/summary`);
		expect(Date.now() - started).toBeGreaterThanOrEqual(290);
		expect(response.status).toBe(200);
	});

	test('faults over HTTP: POST and DELETE /__sandbox/faults', async () => {
		expect(
			(
				await control('POST', '/__sandbox/faults', {
					path: `${BASE}/summary`,
					type: 'status',
					status: 500,
				})
			).status,
		).toBe(204);
		expect(
			(await control('GET', '/__sandbox/faults').then((response) => response.json())).faults,
		).toHaveLength(1);
		expect((await call('GET', `${BASE}/summary`)).status).toBe(500);
		await control('POST', '/__sandbox/faults', { type: 'drop', count: 3 });
		expect((await control('DELETE', '/__sandbox/faults')).status).toBe(204);
		expect((await call('GET', `${BASE}/summary`)).status).toBe(200);
		const invalid = await control('POST', '/__sandbox/faults', { type: 'explode' });
		expect(invalid.status).toBe(400);
		expect((await invalid.json()).message).toMatch(/Fault type/);
	});
});

describe('request log, stats and control endpoints', () => {
	test('every service request is logged with query, headers, body and status; control requests are not', async () => {
		await call('POST', `${BASE}/scopes?model=a&model=b&limit=5`, { body: { criteria: [] } });
		await control('GET', '/__sandbox/stats');
		expect(sandbox.requests).toHaveLength(1);
		const [entry] = sandbox.requests;
		expect(entry).toMatchObject({
			method: 'POST',
			path: `${BASE}/scopes`,
			query: { model: ['a', 'b'], limit: '5' },
			rawBody: '{"criteria":[]}',
			status: 200,
		});
		expect(entry.headers['content-type']).toBe('application/json; charset=utf-8');
		expect(entry.headers.authorization).toMatch(/^ApiAuth 1234-5678:/);
		expect(Number.isNaN(Date.parse(entry.at))).toBe(false);

		const requests = await control('GET', '/__sandbox/requests').then((response) =>
			response.json(),
		);
		expect(requests.requests).toHaveLength(1);
		const stats = await control('GET', '/__sandbox/stats').then((response) => response.json());
		expect(stats).toEqual({ requests: 1, byStatus: { 200: 1 }, rateLimited: 0, faultsInjected: 0 });
	});

	test('POST /__sandbox/reset restores the seed and clears log, stats and faults', async () => {
		const seeded = await startLuigisBoxSandbox({ seed: luigisBoxDemoSeed() });
		try {
			const seedIds = seeded.store.list(TRACKER).map((item) => item.id);
			expect(seedIds).toHaveLength(5);
			await call('DELETE', `${BASE}/scope/${seedIds[0]}`, { target: seeded });
			seeded.injectFault({ type: 'drop' });
			expect((await fetch(`${seeded.url}/__sandbox/reset`, { method: 'POST' })).status).toBe(204);
			expect(seeded.store.list(TRACKER)).toHaveLength(5);
			expect(seeded.requests).toHaveLength(0);
			expect(seeded.stats).toEqual({
				requests: 0,
				byStatus: {},
				rateLimited: 0,
				faultsInjected: 0,
			});
			expect(seeded.faults).toEqual([]);

			const summary = await call('GET', `${BASE}/summary`, { target: seeded });
			expect(summary.body).toEqual({
				scope_counts: { basket: 2, product_detail: 3 },
				user_tags: ['accessories', 'campaign-2024', 'clearance', 'guitars', 'summer', 'winter'],
			});
			const available = seeded.store.list(TRACKER).map((item) => item.available);
			expect(available).toEqual([true, true, true, false, true]);
		} finally {
			await seeded.close();
		}
	});

	test('customizations control routes preload and read the store', async () => {
		const created = await control('POST', '/__sandbox/luigisbox/customizations', [customization()]);
		expect(created.status).toBe(201);
		const listed = await control('GET', '/__sandbox/luigisbox/customizations').then((response) =>
			response.json(),
		);
		expect(listed.results).toHaveLength(1);
		expect(
			(await control('POST', '/__sandbox/luigisbox/customizations', [{ model: 'x' }])).status,
		).toBe(400);
		expect((await control('GET', '/__sandbox/nothing')).status).toBe(404);
	});

	test('customizations control routes replace and remove one (changes over time for triggers)', async () => {
		const created = await control('POST', '/__sandbox/luigisbox/customizations', [customization()]);
		const [{ id, created_at: createdAt }] = (await created.json()).results;
		const path = `/__sandbox/luigisbox/customizations/${id}`;
		const replaced = await control('PUT', path, { ...customization(), tags: ['changed'] });
		expect(replaced.status).toBe(200);
		expect(await replaced.json()).toMatchObject({ id, tags: ['changed'], created_at: createdAt });
		expect((await control('PUT', path, { model: 'x' })).status).toBe(400);
		expect((await control('DELETE', path)).status).toBe(204);
		expect((await control('DELETE', path)).status).toBe(404);
		expect(sandbox.store.list(TRACKER)).toHaveLength(0);
	});

	test('store.put preloads for tests; seed entries may name their tracker', async () => {
		const other = createLuigisBoxSandbox({
			trackers: { [TRACKER]: KEY, [OTHER_TRACKER]: OTHER_KEY },
			seed: [customization(), { ...customization(), tracker: OTHER_TRACKER }],
		});
		expect(other.store.list(TRACKER)).toHaveLength(1);
		expect(other.store.list(OTHER_TRACKER)).toHaveLength(1);
		const put = other.store.put(TRACKER, {
			...customization(),
			id: '199620b4-df1a-46e8-ab59-9e9ed9af7106',
		});
		expect(other.store.get(TRACKER, put.id)).toMatchObject({
			id: '199620b4-df1a-46e8-ab59-9e9ed9af7106',
			creator: 'api',
		});
	});
});
