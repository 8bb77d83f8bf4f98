'use strict';

const { spawn } = require('node:child_process');
const path = require('node:path');
const readline = require('node:readline');
const {
	startAlgonomySandbox,
	algonomyDemoSeed,
	DEFAULT_API_KEY: API_KEY,
	DEFAULT_CLIENT_ID: CLIENT_ID,
	DEFAULT_CLIENT_SECRET: CLIENT_SECRET,
	DEFAULT_API_CLIENT_KEY: API_CLIENT_KEY,
	TOKEN_PATH_WITH_API_KEY,
} = require('../../sandbox/algonomy');

const TOKEN_PATH = '/contentupdate/v1/oauth2/token';
const CONTENT = `/contentupdate/v1/${API_KEY}`;
const RECS = '/rrserver/api/rrPlatform/recsForPlacements';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let clock = Date.now();
let sandbox;
beforeAll(async () => {
	sandbox = await startAlgonomySandbox({
		now: () => clock,
		seed: { [API_KEY]: [{ id: 'seeded', topic: ['x'] }] },
	});
});
afterAll(() => sandbox.close());
beforeEach(() => {
	sandbox.reset();
	clock = Date.now();
});

async function call(method, pathWithQuery, { body, headers = {}, target = sandbox } = {}) {
	const response = await fetch(target.url + pathWithQuery, {
		method,
		headers: {
			...(body !== undefined && typeof body !== 'string'
				? { 'Content-Type': 'application/json' }
				: {}),
			...headers,
		},
		body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body),
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

const form = (fields) => ({
	body: new URLSearchParams(fields).toString(),
	headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
});
const credentials = {
	grant_type: 'client_credentials',
	client_id: CLIENT_ID,
	client_secret: CLIENT_SECRET,
};

async function token(target = sandbox) {
	const response = await call('POST', TOKEN_PATH, { ...form(credentials), target });
	expect(response.status).toBe(200);
	return response.body.access_token;
}

async function content(method, items, { query = '', bearer, apiKey = API_KEY } = {}) {
	const accessToken = bearer ?? (await token());
	return await call(method, `/contentupdate/v1/${apiKey}${query}`, {
		body: items,
		headers: { Authorization: `Bearer ${accessToken}` },
	});
}

describe('token endpoint', () => {
	test('client credentials in a form body → bearer token with expires_in, not cached', async () => {
		const response = await call('POST', TOKEN_PATH, form(credentials));
		expect(response.status).toBe(200);
		expect(response.body).toEqual({
			token_type: 'bearer',
			access_token: expect.stringMatching(/^sbx_/),
			expires_in: 7200,
		});
		expect(response.headers.get('cache-control')).toBe('no-store');
		expect(sandbox.tokenRequests).toBe(1);
		expect(sandbox.tokensIssued).toBe(1);
	});

	test('client credentials in the query string, or as HTTP Basic, work too', async () => {
		const query = await call('POST', `${TOKEN_PATH}?${new URLSearchParams(credentials)}`);
		expect(query.status).toBe(200);
		const basic = await call('POST', TOKEN_PATH, {
			...form({ grant_type: 'client_credentials' }),
			headers: {
				'Content-Type': 'application/x-www-form-urlencoded',
				Authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
			},
		});
		expect(basic.status).toBe(200);
	});

	test.each([
		[
			'a wrong secret',
			{ ...credentials, client_secret: 'nope' },
			'invalid_client',
			'Invalid client authentication',
		],
		[
			'an unknown client',
			{ ...credentials, client_id: 'stranger' },
			'invalid_client',
			'Invalid client authentication',
		],
		[
			'no grant type',
			{ client_id: CLIENT_ID, client_secret: CLIENT_SECRET },
			'unsupported_grant_type',
			'Invalid grant_type',
		],
		[
			'another grant type',
			{ ...credentials, grant_type: 'password' },
			'unsupported_grant_type',
			'Invalid grant_type',
		],
	])(
		'%s → 400 { error, error_description }, counted',
		async (_name, fields, error, description) => {
			const response = await call('POST', TOKEN_PATH, form(fields));
			expect(response).toMatchObject({
				status: 400,
				body: { error, error_description: description },
			});
			expect(sandbox.tokenRequests).toBe(1);
			expect(sandbox.tokensIssued).toBe(0);
		},
	);

	test('a server without the client-credentials grant answers unsupported_grant_type', async () => {
		sandbox.setGrantTypes(['authorization_code']);
		expect((await call('POST', TOKEN_PATH, form(credentials))).body.error).toBe(
			'unsupported_grant_type',
		);
	});

	test('the token path with the API key in it, when configured', async () => {
		const other = await startAlgonomySandbox({ tokenPaths: [TOKEN_PATH_WITH_API_KEY] });
		try {
			expect((await call('POST', TOKEN_PATH, { ...form(credentials), target: other })).status).toBe(
				404,
			);
			expect(
				(
					await call('POST', `/contentupdate/v1/${API_KEY}/oauth2/token`, {
						...form(credentials),
						target: other,
					})
				).status,
			).toBe(200);
			expect(
				(
					await call('POST', '/contentupdate/v1/other-key/oauth2/token', {
						...form(credentials),
						target: other,
					})
				).status,
			).toBe(404);
		} finally {
			await other.close();
		}
	});
});

describe('bearer token on content routes', () => {
	test.each([
		['no token', undefined, 'Missing bearer token'],
		['an unknown token', 'sbx_unknown', 'The access token is not valid'],
	])('%s → 401 invalid_token', async (_name, bearer, description) => {
		const response = await call('PUT', CONTENT, {
			body: [{ id: 'a', t: ['x'] }],
			headers: bearer ? { Authorization: `Bearer ${bearer}` } : {},
		});
		expect(response).toEqual({
			status: 401,
			headers: expect.anything(),
			body: { error: 'invalid_token', error_description: description },
		});
	});

	test('tokens expire after the configured time', async () => {
		sandbox.setTokenTtl(60);
		const accessToken = await token();
		clock += 59_000;
		expect((await content('PUT', [{ id: 'a', t: ['x'] }], { bearer: accessToken })).status).toBe(
			200,
		);
		clock += 2_000;
		expect((await content('PUT', [{ id: 'a', t: ['x'] }], { bearer: accessToken })).body).toEqual({
			error: 'invalid_token',
			error_description: 'The access token expired',
		});
	});

	test('tokens "valid until revoked" (no expires_in) when the TTL is null', async () => {
		sandbox.setTokenTtl(null);
		const response = await call('POST', TOKEN_PATH, form(credentials));
		expect(response.body.expires_in).toBeUndefined();
		clock += 365 * 86_400_000;
		expect(
			(await content('PUT', [{ id: 'a', t: ['x'] }], { bearer: response.body.access_token }))
				.status,
		).toBe(200);
	});

	test('expire and revoke, in process and over the control routes', async () => {
		const first = await token();
		sandbox.tokens.revoke(first);
		expect(
			(await content('PUT', [{ id: 'a', t: ['x'] }], { bearer: first })).body.error_description,
		).toBe('The access token was revoked');
		const second = await token();
		await call('POST', '/__sandbox/algonomy/tokens/expire', { body: { token: second } });
		expect(
			(await content('PUT', [{ id: 'a', t: ['x'] }], { bearer: second })).body.error_description,
		).toBe('The access token expired');
		const third = await token();
		await call('POST', '/__sandbox/algonomy/tokens/revoke');
		expect((await content('PUT', [{ id: 'a', t: ['x'] }], { bearer: third })).status).toBe(401);
		expect((await call('GET', '/__sandbox/algonomy/tokens')).body).toEqual({
			tokenRequests: 3,
			tokensIssued: 3,
			active: 0,
		});
		expect(
			(await call('POST', '/__sandbox/algonomy/token-ttl', { body: { seconds: 5 } })).body,
		).toEqual({ tokenTtlSeconds: 5 });
		expect((await call('POST', TOKEN_PATH, form(credentials))).body.expires_in).toBe(5);
	});

	test('an API key the client does not own → 404 in the documented shape', async () => {
		const response = await content('PUT', [{ id: 'a', t: ['x'] }], { apiKey: 'someone-elses-key' });
		expect(response).toMatchObject({
			status: 404,
			body: { code: 404, message: 'API key not found', status: 'NOT_FOUND' },
		});
	});
});

describe('content endpoints', () => {
	test('PUT adds or fully replaces, answers { trackingId }', async () => {
		const response = await content('PUT', [
			{ id: 'seeded', name: 'New', topic: ['y'] },
			{ id: 'b', color: ['red'], start_date: '2025-06-01' },
		]);
		expect(response).toMatchObject({
			status: 200,
			body: { trackingId: expect.stringMatching(UUID) },
		});
		expect(sandbox.content()).toEqual([
			{ id: 'seeded', name: 'New', topic: ['y'] },
			{ id: 'b', color: ['red'], start_date: '2025-06-01' },
		]);
		expect(sandbox.updates).toEqual([
			expect.objectContaining({
				trackingId: response.body.trackingId,
				action: 'replace',
				method: 'PUT',
				ids: ['seeded', 'b'],
			}),
		]);
	});

	test('PUT silently drops content without an attribute and truncates tags to 100 characters, as the API does', async () => {
		const response = await content('PUT', [
			{ id: 'bare', name: 'x' },
			{ id: 'long', tags: ['y'.repeat(120)], topic: ['a'] },
		]);
		expect(response.status).toBe(200);
		expect(sandbox.content().map((item) => item.id)).toEqual(['seeded', 'long']);
		expect(sandbox.content()[1].tags[0]).toHaveLength(100);
		expect(sandbox.updates[0]).toMatchObject({ dropped: ['bare'], truncatedTags: ['long'] });
	});

	test('PATCH changes the given properties of stored items; unknown IDs are ignored', async () => {
		await content('PATCH', [
			{ id: 'seeded', name: 'Renamed' },
			{ id: 'ghost', name: 'x' },
		]);
		expect(sandbox.content()).toEqual([{ id: 'seeded', topic: ['x'], name: 'Renamed' }]);
		expect(sandbox.updates[0]).toMatchObject({ action: 'update', ignored: ['ghost'] });
	});

	test('DELETE with a body removes the IDs; unknown ones are no-ops', async () => {
		const response = await content('DELETE', [{ id: 'seeded' }, { id: 'ghost' }]);
		expect(response.status).toBe(200);
		expect(sandbox.content()).toEqual([]);
		expect(sandbox.updates[0]).toMatchObject({ action: 'delete', ignored: ['ghost'] });
	});

	test.each([
		['replace', 'replace'],
		['edit', 'update'],
		['delete', 'delete'],
	])('POST ?action=%s does what its method does', async (action, recorded) => {
		const response = await content('POST', [{ id: 'seeded', topic: ['z'] }], {
			query: `?action=${action}`,
		});
		expect(response.status).toBe(200);
		expect(sandbox.updates[0]).toMatchObject({ action: recorded, method: 'POST' });
	});

	test('POST without a known action → 400', async () => {
		const response = await content('POST', [{ id: 'a', t: ['x'] }], { query: '?action=upsert' });
		expect(response).toMatchObject({
			status: 400,
			body: {
				code: 400,
				message: 'Query parameter action must be replace, edit or delete',
				status: 'BAD_REQUEST',
			},
		});
	});

	test.each([
		['an ID with a slash', [{ id: 'a/b', t: ['x'] }], '[0].id', 'must not contain "/"'],
		[
			'an ID over 100 characters',
			[{ id: 'i'.repeat(101), t: ['x'] }],
			'[0].id',
			'must be at most 100 characters',
		],
		['a missing ID', [{ t: ['x'] }], '[0].id', 'is required and must be a string'],
		[
			'a name over 255 characters',
			[{ id: 'a', name: 'n'.repeat(256), t: ['x'] }],
			'[0].name',
			'must be a string of at most 255 characters',
		],
		[
			'a date-time',
			[{ id: 'a', start_date: '2025-06-01T00:00:00Z', t: ['x'] }],
			'[0].start_date',
			'must be a date as yyyy-mm-dd',
		],
		[
			'end before start',
			[{ id: 'a', start_date: '2025-06-02', end_date: '2025-06-01', t: ['x'] }],
			'[0].end_date',
			'must not be before start_date',
		],
		[
			'an attribute that is not a list of strings',
			[{ id: 'a', size: [300] }],
			'[0].size',
			'custom attributes must be arrays of strings',
		],
		[
			'a rating that is text',
			[{ id: 'a', rating: '5', t: ['x'] }],
			'[0].rating',
			'must be a number',
		],
	])(
		'%s → 400 { code, details, message, status }, nothing stored',
		async (_name, items, field, message) => {
			const response = await content('PUT', items);
			expect(response).toMatchObject({
				status: 400,
				body: {
					code: 400,
					message: `Invalid content: ${field} ${message}`,
					status: 'BAD_REQUEST',
					details: [{ field, message }],
				},
			});
			expect(sandbox.content()).toEqual([{ id: 'seeded', topic: ['x'] }]);
			expect(sandbox.updates).toEqual([]);
		},
	);

	test('the body must be a non-empty JSON array sent as application/json', async () => {
		const accessToken = await token();
		const auth = { Authorization: `Bearer ${accessToken}` };
		expect((await call('PUT', CONTENT, { body: { id: 'a' }, headers: auth })).status).toBe(400);
		expect((await call('PUT', CONTENT, { body: [], headers: auth })).status).toBe(400);
		expect(
			(
				await call('PUT', CONTENT, {
					body: '[{"id":',
					headers: { ...auth, 'Content-Type': 'application/json' },
				})
			).body.message,
		).toMatch(/^Malformed JSON body/);
		expect(
			(
				await call('PUT', CONTENT, {
					body: '[]',
					headers: { ...auth, 'Content-Type': 'text/plain' },
				})
			).status,
		).toBe(415);
	});

	test('IDs refused by the catalog, and a batch-size limit', async () => {
		const other = await startAlgonomySandbox({ maxBatchSize: 2, rejectContentIds: ['bad'] });
		try {
			const accessToken = await token(other);
			const put = (items) =>
				call('PUT', CONTENT, {
					body: items,
					headers: { Authorization: `Bearer ${accessToken}` },
					target: other,
				});
			expect(
				await put([
					{ id: 'a', t: ['x'] },
					{ id: 'bad', t: ['x'] },
				]),
			).toMatchObject({
				status: 400,
				body: {
					message: 'Content refused: bad',
					details: [{ field: '[1].id', message: 'refused by the catalog' }],
				},
			});
			expect((await put([1, 2, 3].map((n) => ({ id: `i${n}`, t: ['x'] })))).status).toBe(413);
			await call('POST', '/__sandbox/algonomy/reject-ids', { body: { ids: [] }, target: other });
			expect((await put([{ id: 'bad', t: ['x'] }])).status).toBe(200);
		} finally {
			await other.close();
		}
	});

	test('the store and the update log are readable over the control routes', async () => {
		const { body } = await content('PUT', [{ id: 'b', t: ['x'] }]);
		expect((await call('GET', '/__sandbox/algonomy/content')).body).toEqual({
			apiKey: API_KEY,
			results: [
				{ id: 'seeded', topic: ['x'] },
				{ id: 'b', t: ['x'] },
			],
		});
		expect((await call('GET', '/__sandbox/algonomy/updates')).body.updates).toEqual([
			expect.objectContaining({ trackingId: body.trackingId, ids: ['b'] }),
		]);
	});

	test('the request log masks the bearer token', async () => {
		await content('PUT', [{ id: 'b', t: ['x'] }]);
		const logged = sandbox.requests.find((request) => request.method === 'PUT');
		expect(logged.headers.authorization).toBe('[redacted]');
	});

	test('reset brings the seed back and forgets tokens', async () => {
		const accessToken = await token();
		await content('DELETE', [{ id: 'seeded' }], { bearer: accessToken });
		sandbox.reset();
		expect(sandbox.content()).toEqual([{ id: 'seeded', topic: ['x'] }]);
		expect(sandbox.tokenRequests).toBe(0);
		expect((await content('PUT', [{ id: 'a', t: ['x'] }], { bearer: accessToken })).status).toBe(
			401,
		);
	});
});

describe('recsForPlacements', () => {
	const recs = (query) =>
		call(
			'GET',
			`${RECS}?${new URLSearchParams({ apiKey: API_KEY, apiClientKey: API_CLIENT_KEY, ...query })}`,
		);

	test('the documented shape: status, viewGuid, placements with recommendedProducts', async () => {
		const response = await recs({
			placements: 'item_page.horizontal|item_page.vertical',
			productId: 'p-100',
			count: '2',
			excludeHtml: 'true',
		});
		expect(response.status).toBe(200);
		expect(response.body).toEqual({
			status: 'ok',
			viewGuid: expect.stringMatching(UUID),
			placements: [
				expect.objectContaining({
					placement: 'item_page.horizontal',
					placementType: 'ITEM_PAGE',
					htmlElementId: 'item_page_horizontal',
					recommendedProducts: expect.any(Array),
				}),
				expect.objectContaining({
					placement: 'item_page.vertical',
					recommendedProducts: expect.any(Array),
				}),
			],
		});
		const [product] = response.body.placements[0].recommendedProducts;
		expect(product).toEqual({
			id: 'p-101',
			name: 'Waterproof jacket',
			clickURL: expect.stringMatching(/^https:\/\//),
			imageURL: expect.any(String),
			priceCents: 2990,
			rating: expect.any(Number),
			numReviews: expect.any(Number),
			categoryIds: ['apparel'],
			isRecommendable: true,
			attributes: { brand: ['Summit'], color: ['blue'] },
		});
		expect(
			response.body.placements.every(
				(placement) => placement.recommendedProducts.length === 2 && placement.html === undefined,
			),
		).toBe(true);
	});

	test('blocked IDs, no attributes, HTML unless excluded, no token needed', async () => {
		const response = await recs({
			placements: 'home_page.hero',
			bi: 'p-100|p-101',
			excludeItemAttributes: 'true',
		});
		const [placement] = response.body.placements;
		expect(placement.html).toMatch(/^<div>/);
		expect(placement.recommendedProducts.map((product) => product.id)).not.toEqual(
			expect.arrayContaining(['p-100', 'p-101']),
		);
		expect(placement.recommendedProducts[0].attributes).toBeUndefined();
	});

	test.each([
		['a wrong apiKey', { apiKey: 'x', placements: 'home_page.a' }, 'Invalid apiKey'],
		[
			'a wrong apiClientKey',
			{ apiClientKey: 'x', placements: 'home_page.a' },
			'Invalid apiClientKey',
		],
		['no placements', {}, 'placements is required'],
		[
			'a placement without page type',
			{ placements: 'hero' },
			'placements must be pageType.placementName',
		],
		[
			'mixed page types',
			{ placements: 'item_page.a|cart_page.b', productId: 'p' },
			'All placements must be of the same page type',
		],
		[
			'item page without productId',
			{ placements: 'item_page.a' },
			'productId is required for item_page',
		],
		[
			'category page without categoryId',
			{ placements: 'category_page.a' },
			'categoryId is required for category_page',
		],
		[
			'add-to-cart page without atcid',
			{ placements: 'add_to_cart_page.a' },
			'atcid is required for add_to_cart_page',
		],
		[
			'purchase page without the order',
			{ placements: 'purchase_complete_page.a', productId: 'p' },
			'o is required for purchase_complete_page',
		],
		[
			'purchase page without prices',
			{ placements: 'purchase_complete_page.a', productId: 'p', o: '1' },
			'pp or ppc is required for purchase_complete_page',
		],
		[
			'purchased IDs sent as pp (the old shape)',
			{ placements: 'purchase_complete_page.a', productId: 'p-1', o: '1', pp: 'p-1' },
			'pp must be prices in dollars, separated by |',
		],
		[
			'prices in cents that are not whole',
			{ placements: 'purchase_complete_page.a', productId: 'p-1', o: '1', ppc: '19.99' },
			'ppc must be prices in cents, separated by |',
		],
		[
			'a quantity of 0',
			{ placements: 'purchase_complete_page.a', productId: 'p-1', o: '1', ppc: '1999', q: '0' },
			'q must be quantities, separated by |',
		],
		[
			'fewer prices than products',
			{ placements: 'purchase_complete_page.a', productId: 'p-1|p-2', o: '1', pp: '19.99' },
			'pp needs one entry per productId',
		],
	])('%s → { status: "error", errormessage }', async (_name, query, message) => {
		const response = await recs(query);
		expect(response.body).toEqual({
			status: 'error',
			errormessage: message,
			viewGuid: expect.stringMatching(UUID),
		});
	});

	test.each([
		[
			'purchase complete, prices in dollars and quantities',
			{
				placements: 'purchase_complete_page.a',
				productId: 'p-1|p-2',
				o: '1',
				pp: '19.99|45',
				q: '2|1',
			},
		],
		[
			'purchase complete, prices in cents',
			{ placements: 'purchase_complete_page.a', productId: 'p-1', o: '1', ppc: '1999' },
		],
		['an empty cart (no productId)', { placements: 'cart_page.a' }],
		[
			'a cart with products and prices',
			{ placements: 'cart_page.a', productId: 'p-1', ppc: '1999' },
		],
	])('%s → ok', async (_name, query) => {
		const response = await recs(query);
		expect(response.body).toMatchObject({
			status: 'ok',
			placements: [expect.objectContaining({ recommendedProducts: expect.any(Array) })],
		});
	});

	test('a bare page type is a listening request: ok, no placements', async () => {
		const response = await recs({ placements: 'home_page' });
		expect(response.body).toEqual({
			status: 'ok',
			viewGuid: expect.stringMatching(UUID),
			placements: [],
		});
	});

	test('the token endpoint also answers at the RAML path (/contentupdate/oauth2/token)', async () => {
		const response = await fetch(`${sandbox.url}/contentupdate/oauth2/token`, {
			method: 'POST',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_id: CLIENT_ID,
				client_secret: CLIENT_SECRET,
			}).toString(),
		});
		expect(response.status).toBe(200);
		expect(await response.json()).toMatchObject({
			token_type: 'bearer',
			access_token: expect.any(String),
			expires_in: 7200,
		});
	});
});

describe('sandbox CLI', () => {
	test('serves the seeded Algonomy sandbox and stops on SIGTERM', async () => {
		const child = spawn(
			process.execPath,
			[
				path.join(__dirname, '../../sandbox/cli.js'),
				'--service',
				'algonomy',
				'--port',
				'0',
				'--seed',
			],
			{ stdio: ['ignore', 'pipe', 'inherit'] },
		);
		const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
		try {
			const line = await new Promise((resolve) =>
				readline.createInterface({ input: child.stdout }).once('line', resolve),
			);
			const { algonomy } = JSON.parse(line);
			const store = await fetch(`${algonomy}/__sandbox/algonomy/content`).then((response) =>
				response.json(),
			);
			expect(store.results.map((item) => item.id)).toEqual(
				algonomyDemoSeed()[API_KEY].map((item) => item.id),
			);
		} finally {
			child.kill('SIGTERM');
		}
		expect(await exited).toBe(0);
	});
});
