// Algonomy's documented examples (test/fixtures/documented/algonomy.json): the sandbox accepts each
// documented request and answers in the documented shape, and the node produces each request that has
// a `node` entry (the token exchange through the credential, recsForPlacements through the node).
const fixture = require('../fixtures/documented/algonomy.json');
const { expectDocumentedShape, expectSameRequest } = require('../documented/shape');
const h = require('../engine/algonomy-helpers');

const RAML_CLIENT = { id: 'asRjkljasf12348flkaj', secret: 'fkjkjigu24q5lkjaksfj' };
const FIXTURE_KEYS = { apiKey: 'showcaseparent', apiClientKey: '615389034415e91d' };
const answerExample = fixture.examples.find(
	(example) => example.request.query?.apiKey === FIXTURE_KEYS.apiKey,
);

let sandbox;
beforeAll(async () => {
	// The documented example client and keys, and the documented products as the catalog.
	const products = answerExample.response.body.placements[0].recommendedProducts.map(
		({ clickURL: _clickUrl, ...product }) => product,
	);
	sandbox = await h.startAlgonomySandbox({
		clients: {
			[h.CLIENT_ID]: { secret: h.CLIENT_SECRET, apiKeys: [h.API_KEY] },
			[RAML_CLIENT.id]: { secret: RAML_CLIENT.secret, apiKeys: [h.API_KEY] },
		},
		apiClientKeys: {
			[h.API_KEY]: [h.API_CLIENT_KEY],
			[FIXTURE_KEYS.apiKey]: [FIXTURE_KEYS.apiClientKey],
		},
		products,
	});
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

/** Placeholders of the fixture → the sandbox's values. */
function fill(value) {
	if (typeof value === 'string')
		return value
			.replaceAll('{apiKey}', h.API_KEY)
			.replaceAll('{apiClientKey}', h.API_CLIENT_KEY)
			.replaceAll('{gateway}', sandbox.url);
	if (Array.isArray(value)) return value.map(fill);
	if (value && typeof value === 'object')
		return Object.fromEntries(Object.entries(value).map(([key, entry]) => [key, fill(entry)]));
	return value;
}

async function send(request) {
	const url = new URL(request.path, sandbox.url);
	for (const [key, value] of Object.entries(request.query ?? {}))
		url.searchParams.append(key, value);
	const body =
		request.body === undefined
			? undefined
			: typeof request.body === 'string'
				? request.body
				: JSON.stringify(request.body);
	const response = await fetch(url, { method: request.method, headers: request.headers, body });
	const text = await response.text();
	return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

test('the fixture holds examples, each with a source', () => {
	expect(fixture.service).toBe('algonomy');
	expect(fixture.examples.length).toBeGreaterThanOrEqual(5);
	for (const example of fixture.examples) expect(example.source).toMatch(/^https:\/\//);
});

describe.each(fixture.examples.map((example) => [example.name, example]))(
	'%s',
	(_name, example) => {
		const request = () => fill(example.request);

		test('the sandbox accepts the documented request and answers in the documented shape', async () => {
			const answer = await send(request());
			expect(answer.status).toBe(example.response?.status ?? 200);
			// recsForPlacements answers refusals with HTTP 200 and status "error".
			expect(answer.body.status).not.toBe('error');
			expect(answer.body.error).toBeUndefined();
			if (example.response) expectDocumentedShape(answer.body, example.response.body);
		});

		if (example.node) {
			test('the node produces the documented request', async () => {
				const { resource, operation, parameters, credential = {} } = fill(example.node);
				const { status } = await h.run(
					sandbox,
					{ resource, operation, ...parameters },
					{ credentials: credential },
				);
				expect(status).toBe('success');
				const documented = request();
				const received = sandbox.requests.filter((entry) => entry.path === documented.path);
				expect(received).toHaveLength(1);
				expectSameRequest(received[0], documented);
			});
		}
	},
);

test('the old shape is refused: purchased product IDs sent as pp', async () => {
	const answer = await send(
		fill({
			method: 'GET',
			path: '/rrserver/api/rrPlatform/recsForPlacements',
			query: {
				apiKey: '{apiKey}',
				apiClientKey: '{apiClientKey}',
				placements: 'purchase_complete_page.horizontal',
				productId: 'p-1|p-2',
				o: '456',
				pp: 'p-1|p-2',
				ppc: '100|75',
			},
		}),
	);
	expect(answer.body).toMatchObject({
		status: 'error',
		errormessage: 'pp must be prices in dollars, separated by |',
	});
});
