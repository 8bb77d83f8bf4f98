// Every Algonomy operation, run through n8n's WorkflowExecute against the sandbox over HTTP.
const { testCredential } = require('../harness');
const h = require('./algonomy-helpers');

let sandbox;
beforeAll(async () => {
	sandbox = await h.startAlgonomySandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const stored = () => sandbox.content(h.API_KEY);
const seed = (...items) => items.forEach((item) => sandbox.store.put(h.API_KEY, item));
const contentRequests = () => h.contentRequests(sandbox);

describe('content: replace', () => {
	test('each input item is a content object; 250 items go as 3 PUT requests, outputs paired with their batch trackingId', async () => {
		const items = Array.from({ length: 250 }, (_, i) => h.content(`c-${i}`, { rating: i % 5 }));
		const { status, items: output } = await h.run(sandbox, h.fromItems('replace'), { items });
		expect(status).toBe('success');
		expect(output).toHaveLength(250);
		expect(output.map((item) => item.pairedItem.item)).toEqual(items.map((_, i) => i));

		const requests = contentRequests();
		expect(
			requests.map((request) => [request.method, request.path, JSON.parse(request.rawBody).length]),
		).toEqual([
			['PUT', `/contentupdate/v1/${h.API_KEY}`, 100],
			['PUT', `/contentupdate/v1/${h.API_KEY}`, 100],
			['PUT', `/contentupdate/v1/${h.API_KEY}`, 50],
		]);
		const trackingIds = sandbox.updates.map((update) => update.trackingId);
		expect(output[0].json).toEqual({
			success: true,
			id: 'c-0',
			trackingId: trackingIds[0],
			batch: 1,
		});
		expect(output[99].json.trackingId).toBe(trackingIds[0]);
		expect(output[100].json).toMatchObject({ id: 'c-100', trackingId: trackingIds[1], batch: 2 });
		expect(output[249].json).toMatchObject({ id: 'c-249', trackingId: trackingIds[2], batch: 3 });
		expect(stored()).toHaveLength(250);
		expect(stored()[7]).toEqual(h.content('c-7', { rating: 2 }));
		expect(h.tokenRequests(sandbox)).toHaveLength(1);
	});

	test('from fields: standard fields, dates from the picker as yyyy-mm-dd, attributes as lists of texts', async () => {
		const { status, json } = await h.run(
			sandbox,
			h.fromFields('replace', {
				contentId: '={{ $json.slug }}',
				additionalFields: {
					name: 'Summer sale',
					tags: 'summer, homepage',
					rating: 4.5,
					startDate: '2025-06-01T00:00:00',
					endDate: '={{ "2025-08-31T23:59:59+02:00" }}',
				},
				attributes: {
					attribute: [
						{ name: 'placement', values: 'home_page.hero' },
						{ name: 'size', values: '={{ [300, 250] }}' },
						{ name: 'audience', values: 'new, returning' },
					],
				},
			}),
			{ items: [{ slug: 'banner-1' }] },
		);
		expect(status).toBe('success');
		expect(json).toEqual([
			{ success: true, id: 'banner-1', trackingId: sandbox.updates[0].trackingId, batch: 1 },
		]);
		expect(stored()).toEqual([
			{
				id: 'banner-1',
				name: 'Summer sale',
				tags: ['summer', 'homepage'],
				rating: 4.5,
				start_date: '2025-06-01',
				end_date: '2025-08-31',
				placement: ['home_page.hero'],
				size: ['300', '250'],
				audience: ['new', 'returning'],
			},
		]);
		const [request] = contentRequests();
		expect(request.headers['content-type']).toMatch(/^application\/json/);
		expect(request.headers.authorization).toBe('[redacted]'); // a bearer was sent; the log masks it
	});

	test('numbers in input items become texts: a numeric ID and numeric attribute values', async () => {
		const { status } = await h.run(sandbox, h.fromItems('replace'), {
			items: [{ id: 42, width: 300, featured: true, topic: 'news' }],
		});
		expect(status).toBe('success');
		expect(stored()).toEqual([{ id: '42', width: ['300'], featured: ['true'], topic: ['news'] }]);
	});

	test('null values (empty cells) are left out', async () => {
		await h.run(sandbox, h.fromItems('replace'), {
			items: [{ id: 'c-1', name: null, rating: null, topic: ['x'], color: null }],
		});
		expect(stored()).toEqual([{ id: 'c-1', topic: ['x'] }]);
	});

	test('Batch Size decides the number of requests', async () => {
		const items = Array.from({ length: 5 }, (_, i) => h.content(`c-${i}`));
		const { json } = await h.run(sandbox, h.fromItems('replace', { batchSize: 2 }), { items });
		expect(contentRequests()).toHaveLength(3);
		expect(json.map((entry) => entry.batch)).toEqual([1, 1, 2, 2, 3]);
	});
});

describe('content: update and delete', () => {
	test('update from fields sends a PATCH with only the given properties', async () => {
		seed(h.content('c-1', { rating: 1, color: ['red'] }));
		const { status, json } = await h.run(
			sandbox,
			h.fromFields('update', {
				updateFields: { rating: 5 },
				attributes: { attribute: [{ name: 'color', values: 'blue' }] },
			}),
		);
		expect(status).toBe('success');
		expect(json[0]).toMatchObject({ success: true, id: 'c-1', batch: 1 });
		const [request] = contentRequests();
		expect(request.method).toBe('PATCH');
		expect(JSON.parse(request.rawBody)).toEqual([{ id: 'c-1', rating: 5, color: ['blue'] }]);
		expect(stored()).toEqual([h.content('c-1', { rating: 5, color: ['blue'] })]);
	});

	test('update from input items, no attribute needed', async () => {
		seed(h.content('c-1'), h.content('c-2'));
		const { status } = await h.run(sandbox, h.fromItems('update'), {
			items: [
				{ id: 'c-1', name: 'One' },
				{ id: 'c-2', tags: ['new'] },
			],
		});
		expect(status).toBe('success');
		expect(stored()).toEqual([
			h.content('c-1', { name: 'One' }),
			h.content('c-2', { tags: ['new'] }),
		]);
		expect(JSON.parse(contentRequests()[0].rawBody)).toEqual([
			{ id: 'c-1', name: 'One' },
			{ id: 'c-2', tags: ['new'] },
		]);
	});

	test('delete sends only the IDs, in one DELETE request with a body', async () => {
		seed(h.content('c-1'), h.content('c-2'), h.content('c-3'));
		const { status, json } = await h.run(sandbox, h.fromItems('delete'), {
			items: [h.content('c-1'), { id: 'c-3', extra: 'ignored' }],
		});
		expect(status).toBe('success');
		expect(json.map((entry) => entry.id)).toEqual(['c-1', 'c-3']);
		expect(json[0]).toMatchObject({ deleted: true, success: true, id: 'c-1', batch: 1 });
		const [request] = contentRequests();
		expect(request.method).toBe('DELETE');
		expect(JSON.parse(request.rawBody)).toEqual([{ id: 'c-1' }, { id: 'c-3' }]);
		expect(stored().map((item) => item.id)).toEqual(['c-2']);
	});

	test('delete from fields, one request for all items', async () => {
		seed(h.content('a'), h.content('b'));
		const { json } = await h.run(
			sandbox,
			h.fromFields('delete', { contentId: '={{ $json.sku }}' }),
			{ items: [{ sku: 'a' }, { sku: 'b' }] },
		);
		expect(json).toHaveLength(2);
		expect(contentRequests()).toHaveLength(1);
		expect(stored()).toEqual([]);
	});

	test.each([
		['replace', 'replace'],
		['update', 'edit'],
		['delete', 'delete'],
	])('"Use POST Form": %s goes as POST ?action=%s', async (operation, action) => {
		seed(h.content('c-1'));
		const { status } = await h.run(sandbox, h.fromItems(operation, { usePostForm: true }), {
			items: [h.content('c-1', { name: 'Posted' })],
		});
		expect(status).toBe('success');
		const [request] = contentRequests();
		expect([request.method, request.query]).toEqual(['POST', { action }]);
		expect(sandbox.updates[0].action).toBe(operation);
	});
});

describe('content: documented errors', () => {
	test('a wrong API key in the path answers 404, explained', async () => {
		const { status, error } = await h.run(sandbox, h.fromItems('replace'), {
			items: [h.content('c-1')],
			credentials: { apiKey: 'not-our-key' },
		});
		expect(status).toBe('error');
		expect(error.httpCode).toBe('404');
		expect(error.message).toBe('Algonomy answered 404: API key not found');
		expect(error.description).toMatch(/^Check the API Key and the environment/);
	});

	test('a batch the API refuses answers 400 with the documented { code, details, message, status }', async () => {
		sandbox.rejectContentIds(['c-2']);
		const { status, error } = await h.run(sandbox, h.fromItems('replace'), {
			items: [h.content('c-1'), h.content('c-2')],
		});
		expect(status).toBe('error');
		expect(error.httpCode).toBe('400');
		expect(error.message).toBe(
			'Algonomy answered 400: Content refused: c-2 – [1].id: refused by the catalog',
		);
		expect(stored()).toEqual([]);
	});

	test('500 with the documented shape is reported after the retries (replace is idempotent)', async () => {
		sandbox.injectFault({
			type: 'status',
			status: 500,
			count: 3,
			path: '/contentupdate/v1/sandbox-api-key',
		});
		const { status, error } = await h.run(
			sandbox,
			{ ...h.fromItems('replace'), requestOptions: { maxRetries: 2 } },
			{ items: [h.content('c-1')] },
		);
		expect(status).toBe('error');
		expect(error.httpCode).toBe('500');
		expect(error.message).toBe('Algonomy answered 500: Injected fault');
		expect(error.description).toMatch(/Gave up after 3 attempts/);
	});

	test('a batch too large for the API answers 413 with a hint to lower the batch size', async () => {
		await h.withSandbox({ maxBatchSize: 10 }, async (own) => {
			const items = Array.from({ length: 11 }, (_, i) => h.content(`c-${i}`));
			const { error } = await h.run(own, h.fromItems('replace', { batchSize: 11 }), { items });
			expect(error.httpCode).toBe('413');
			expect(error.description).toMatch(/lower the batch size/);
			const { status } = await h.run(own, h.fromItems('replace', { batchSize: 10 }), { items });
			expect(status).toBe('success');
		});
	});
});

describe('recommendation: placements as a list (version 1.1)', () => {
	const V11 = { typeVersion: 1.1 };
	const base = {
		resource: 'recommendation',
		operation: 'getForPlacements',
		recommendationContext: { productIds: 'p-100' },
	};
	const placementsSent = () =>
		sandbox.requests
			.filter((request) => request.path.startsWith('/rrserver/'))
			.map((request) => request.query.placements);

	test('the list builds the same request as the text: pageType.name, | between them', async () => {
		const { status } = await h.run(
			sandbox,
			{
				...base,
				placementList: {
					placement: [
						{ pageType: 'item_page', name: 'horizontal' },
						{ pageType: 'item_page', name: ' vertical ' },
					],
				},
			},
			V11,
		);
		expect(status).toBe('success');
		const text = await h.run(
			sandbox,
			{ ...base, placementsInput: 'text', placements: 'item_page.horizontal, item_page.vertical' },
			V11,
		);
		expect(text.status).toBe('success');
		expect(placementsSent()).toEqual([
			'item_page.horizontal|item_page.vertical',
			'item_page.horizontal|item_page.vertical',
		]);
	});

	test('a version 1 node (saved before the list) still reads the text field', async () => {
		const { status } = await h.run(sandbox, { ...base, placements: 'item_page.horizontal' });
		expect(status).toBe('success');
		expect(placementsSent()).toEqual(['item_page.horizontal']);
	});

	test.each([
		[{}, 'Invalid "Placements": is required [item 0]'],
		[
			{ placementList: { placement: [{ pageType: 'item_page', name: '' }] } },
			'Invalid "Placements › Placement entry 1 › Placement Name": is required [item 0]',
		],
		[
			{
				placementList: {
					placement: [
						{ pageType: 'item_page', name: 'a' },
						{ pageType: 'item_page', name: 'item_page.b' },
					],
				},
			},
			'Invalid "Placements › Placement entry 2 › Placement Name": must be the name alone, such as horizontal (the page type is its own field) [item 0]',
		],
		[
			{
				placementList: {
					placement: [
						{ pageType: 'item_page', name: 'a' },
						{ pageType: 'cart_page', name: 'b' },
					],
				},
			},
			'Invalid "Placements": must all be of the same page type (the part before the dot) [item 0]',
		],
	])('bad list %j is refused before anything is sent', async (parameters, message) => {
		const { status, error } = await h.run(sandbox, { ...base, ...parameters }, V11);
		expect(status).toBe('error');
		expect(error.message).toBe(message);
		expect(sandbox.requests).toHaveLength(0);
	});
});

describe('recommendation: getForPlacements', () => {
	const recs = (overrides = {}) => ({
		resource: 'recommendation',
		operation: 'getForPlacements',
		placements: 'item_page.horizontal|item_page.vertical',
		sessionId: 's-1',
		userId: 'u-1',
		recommendationContext: { productIds: 'p-100' },
		...overrides,
	});
	const recsRequests = () =>
		sandbox.requests.filter((request) => request.path.startsWith('/rrserver/'));

	test('one item per recommended product, with its placement and position; keys in the query, no token', async () => {
		const { status, json, items } = await h.run(
			sandbox,
			recs({ recommendationOptions: { count: 3 } }),
		);
		expect(status).toBe('success');
		expect(json).toHaveLength(6);
		expect(items.every((item) => item.pairedItem.item === 0)).toBe(true);
		expect(json.map((product) => [product.placement, product.position])).toEqual([
			['item_page.horizontal', 1],
			['item_page.horizontal', 2],
			['item_page.horizontal', 3],
			['item_page.vertical', 1],
			['item_page.vertical', 2],
			['item_page.vertical', 3],
		]);
		expect(json[0]).toMatchObject({
			placementType: 'ITEM_PAGE',
			strategyMessage: expect.any(String),
			viewGuid: expect.any(String),
			id: 'p-101',
			name: 'Waterproof jacket',
			priceCents: 2990,
		});
		expect(json[0].clickURL).toMatch(/^https:\/\//);
		expect(json[0].attributes).toEqual({ brand: ['Summit'], color: ['blue'] });
		expect(json.some((product) => product.id === 'p-100')).toBe(false); // the product being viewed

		const [request] = recsRequests();
		expect(request.path).toBe('/rrserver/api/rrPlatform/recsForPlacements');
		expect(request.query).toMatchObject({
			apiKey: h.API_KEY,
			apiClientKey: h.API_CLIENT_KEY,
			placements: 'item_page.horizontal|item_page.vertical',
			sessionId: 's-1',
			userId: 'u-1',
			productId: 'p-100',
			count: '3',
			excludeHtml: 'true',
		});
		expect(request.headers.authorization).toBeUndefined();
	});

	test('raw output, context fields, an API Client Key override and extra query parameters', async () => {
		const { json } = await h.run(
			sandbox,
			recs({
				placements: 'purchase_complete_page.bottom',
				recommendationContext: {
					productIds: 'p-100, p-101',
					orderId: 'o-9',
					purchasedProductIds: 'p-100|p-101',
					purchasedPricesCents: '1990, 2990',
					purchasedPricesDollars: '19.90, 29.90',
					purchasedQuantities: '1, 2',
					regionId: 'eu',
				},
				recommendationOptions: {
					output: 'raw',
					apiClientKey: 'sandbox-channel-web',
					extraQuery: '{"strategySet": "pc", "attribute": ["brand", "color"]}',
					excludeItemAttributes: true,
					blockedProductIds: 'p-102',
				},
			}),
		);
		expect(json).toHaveLength(1);
		expect(json[0]).toMatchObject({ status: 'ok', viewGuid: expect.any(String) });
		expect(json[0].placements[0].recommendedProducts[0].attributes).toBeUndefined();
		const ids = json[0].placements[0].recommendedProducts.map((product) => product.id);
		expect(ids).not.toEqual(expect.arrayContaining(['p-100', 'p-101', 'p-102']));
		expect(recsRequests()[0].query).toMatchObject({
			o: 'o-9',
			pp: '19.90|29.90',
			ppc: '1990|2990',
			q: '1|2',
			rid: 'eu',
			bi: 'p-102',
			strategySet: 'pc',
			attribute: ['brand', 'color'],
			productId: 'p-100|p-101',
		});
	});

	// rr-android-sdk PlacementsRecommendationsBuilder / rr-ios-sdk RCHAPIConstants.m: productId = purchased
	// product IDs, pp = prices in dollars, ppc = prices in cents, q = quantities, o = order ID; lists joined by |.
	test('purchase complete: purchased IDs in productId, prices in dollars in pp, quantities in q', async () => {
		const { status } = await h.run(
			sandbox,
			recs({
				placements: 'purchase_complete_page.bottom',
				recommendationContext: {
					orderId: 'o-1',
					purchasedProductIds: 'p-100, p-101',
					purchasedPricesDollars: '19.99, 45',
					purchasedQuantities: '2, 1',
				},
			}),
		);
		expect(status).toBe('success');
		const { query } = recsRequests()[0];
		expect(query).toMatchObject({ productId: 'p-100|p-101', o: 'o-1', pp: '19.99|45', q: '2|1' });
		expect(query.ppc).toBeUndefined();
	});

	test('purchase complete with prices in cents only', async () => {
		const { status } = await h.run(
			sandbox,
			recs({
				placements: 'purchase_complete_page.bottom',
				recommendationContext: {
					orderId: 'o-2',
					purchasedProductIds: 'p-100',
					purchasedPricesCents: '1999',
				},
			}),
		);
		expect(status).toBe('success');
		expect(recsRequests()[0].query).toMatchObject({ productId: 'p-100', o: 'o-2', ppc: '1999' });
		expect(recsRequests()[0].query.pp).toBeUndefined();
	});

	test('the sandbox refuses purchased product IDs sent as pp (the old shape)', async () => {
		const response = await fetch(
			`${sandbox.url}/rrserver/api/rrPlatform/recsForPlacements?apiKey=${h.API_KEY}&apiClientKey=${h.API_CLIENT_KEY}&placements=purchase_complete_page.bottom&productId=p-100&o=o-1&pp=p-100&ppc=1999`,
		);
		expect(await response.json()).toMatchObject({
			status: 'error',
			errormessage: 'pp must be prices in dollars, separated by |',
		});
	});

	test('cart page with an empty cart: no product IDs needed', async () => {
		const { status, json } = await h.run(
			sandbox,
			recs({ placements: 'cart_page.recs', recommendationContext: {} }),
		);
		expect(status).toBe('success');
		expect(json.length).toBeGreaterThan(0);
		expect(recsRequests()[0].query.productId).toBeUndefined();
	});

	test('with the gateway credential: no token request, and no client ID or secret needed', async () => {
		const { status } = await h.run(sandbox, recs(), {
			credentials: { clientId: '', clientSecret: '' },
		});
		expect(status).toBe('success');
		expect(sandbox.tokenRequests).toBe(0);
		expect(recsRequests()).toHaveLength(1);
	});

	test('with the keys-only credential (algonomyRecsApi): no token request, same request', async () => {
		const { status, json } = await h.run(sandbox, recs({ authentication: 'recommendationKeys' }), {
			credentialStore: h.recsCredentialsFor(sandbox),
			nodeCredentials: { algonomyRecsApi: { ...h.RECS_CREDENTIAL } },
		});
		expect(status).toBe('success');
		expect(json.length).toBeGreaterThan(0);
		expect(sandbox.tokenRequests).toBe(0);
		expect(sandbox.requests.every((request) => request.path.startsWith('/rrserver/'))).toBe(true);
		expect(recsRequests()[0].query).toMatchObject({
			apiKey: h.API_KEY,
			apiClientKey: h.API_CLIENT_KEY,
			productId: 'p-100',
		});
	});

	test('each input item gets its own request and its products, paired', async () => {
		const { items } = await h.run(
			sandbox,
			recs({
				recommendationContext: { productIds: '={{ $json.viewing }}' },
				recommendationOptions: { count: 1 },
				placements: 'item_page.one',
			}),
			{
				items: [{ viewing: 'p-100' }, { viewing: 'p-101' }],
			},
		);
		expect(items.map((item) => [item.pairedItem.item, item.json.id])).toEqual([
			[0, 'p-101'],
			[1, 'p-100'],
		]);
		expect(recsRequests()).toHaveLength(2);
	});

	test('an error answer ({ status: "error", errormessage }) becomes a node error', async () => {
		const { status, error } = await h.run(
			sandbox,
			recs({ recommendationOptions: { apiClientKey: 'unknown-channel' } }),
		);
		expect(status).toBe('error');
		expect(error.message).toBe(
			'Algonomy recommendations answered with an error: Invalid apiClientKey',
		);
	});
});

describe('credential test: keys-only recommendations credential', () => {
	test('valid keys: OK, no token request', async () => {
		const result = await testCredential(
			'algonomyRecsApi',
			h.recsCredentialsFor(sandbox).algonomyRecsApi.data,
		);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(sandbox.tokenRequests).toBe(0);
		expect(sandbox.requests[0].query).toMatchObject({ placements: 'home_page', apiKey: h.API_KEY });
	});

	test('a wrong API client key: error', async () => {
		const result = await testCredential(
			'algonomyRecsApi',
			h.recsCredentialsFor(sandbox, { apiClientKey: 'nope' }).algonomyRecsApi.data,
		);
		expect(result).toEqual({
			status: 'Error',
			message: 'Algonomy refused the keys: check the API Key and the API Client Key',
		});
	});
});

describe('credential test', () => {
	test('valid credentials: the token request alone, nothing written (issue 13)', async () => {
		const result = await testCredential('algonomyApi', h.credentialData(sandbox));
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		// n8n's preAuthentication fetches a token, then the test request asks for one again.
		expect(sandbox.tokenRequests).toBe(2);
		expect(contentRequests()).toHaveLength(0);
		const tokenCalls = sandbox.requests.filter((request) => request.path.endsWith('/oauth2/token'));
		expect(tokenCalls).toHaveLength(2);
		for (const request of tokenCalls) {
			expect(request.method).toBe('POST');
			expect(request.headers.authorization).toBeUndefined();
			expect(new URLSearchParams(request.rawBody).get('grant_type')).toBe('client_credentials');
		}
	});

	test('a wrong secret: invalid_client, explained', async () => {
		const result = await testCredential(
			'algonomyApi',
			h.credentialData(sandbox, { clientSecret: 'wrong-secret-value' }),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^Algonomy token request failed: invalid_client \(Invalid client authentication\)\. Check the Client ID and Client Secret/,
		);
		expect(contentRequests()).toHaveLength(0);
	});

	test('a token URL that refuses the grant: unsupported_grant_type, explained', async () => {
		sandbox.setGrantTypes(['authorization_code']);
		const result = await testCredential('algonomyApi', h.credentialData(sandbox));
		expect(result.message).toMatch(
			/^Algonomy token request failed: unsupported_grant_type \(Invalid grant_type\)\. The token URL does not accept the client-credentials grant/,
		);
	});

	test('the API key is not checked by the test (the content API has no read call): nothing sent to it', async () => {
		const result = await testCredential(
			'algonomyApi',
			h.credentialData(sandbox, { apiKey: 'nope' }),
		);
		expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
		expect(contentRequests()).toHaveLength(0);
	});

	test('a token URL that does not exist: 404, with the hint about the API key in the path', async () => {
		const result = await testCredential(
			'algonomyApi',
			h.credentialData(sandbox, { tokenUrl: `${sandbox.url}/contentupdate/v2/oauth2/token` }),
		);
		expect(result.message).toMatch(
			/^Algonomy token request failed: the token URL answered 404 .*set the Token URL/,
		);
	});
});
