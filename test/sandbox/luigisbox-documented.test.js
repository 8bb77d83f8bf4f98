// Luigi's Box's documented examples (test/fixtures/documented/luigisbox.json): the sandbox accepts each
// documented request and answers in the documented shape, and the node produces each request.
const fixture = require('../fixtures/documented/luigisbox.json');
const { expectDocumentedShape, expectSameRequest } = require('../documented/shape');
const { luigisBoxAuthHeaders } = require('../../sandbox/luigisbox');
const h = require('../engine/luigisbox-helpers');

// The docs' own placeholders: tracker_id, private_key and customization_id of every example.
const DOCS_CUSTOMIZATION_ID = '199620b4-df1a-46e8-ab59-9e9ed9af7106';

let sandbox;
beforeAll(async () => {
	sandbox = await h.startLuigisBoxSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => {
	sandbox.reset();
	// The examples get, update and delete the docs' customization ID, so it exists.
	sandbox.store.put(h.TRACKER, h.customization({ id: DOCS_CUSTOMIZATION_ID }));
	sandbox.requests.length = 0;
});

const withTracker = (request) => ({
	...request,
	path: request.path.replace('{tracker_id}', h.TRACKER),
});
const contentTypeOf = (request) =>
	request.headers?.['Content-Type'] ?? 'application/json; charset=utf-8';

test('the fixture holds an example for every customization endpoint but Export', () => {
	const endpoints = fixture.examples.map(({ request }) => `${request.method} ${request.path}`);
	expect(new Set(endpoints).size).toBe(7);
	for (const example of fixture.examples)
		expect(example.source).toMatch(/^https:\/\/docs\.luigisbox\.com\//);
});

const replayable = fixture.examples.filter(
	(example) => !example.bodyNotRetrieved || example.bodyOptional,
);

describe.each(replayable.map((example) => [example.name, example]))(
	'%s, sent as documented',
	(_name, example) => {
		test('the sandbox accepts it and answers in the documented shape', async () => {
			const request = withTracker(example.request);
			const query = new URLSearchParams(request.query ?? {}).toString();
			const pathWithQuery = `${request.path}${query ? `?${query}` : ''}`;
			const headers = luigisBoxAuthHeaders({
				tracker: h.TRACKER,
				privateKey: h.PRIVATE_KEY,
				method: request.method,
				path: pathWithQuery,
				contentType: contentTypeOf(request),
			});
			const response = await fetch(sandbox.url + pathWithQuery, {
				method: request.method,
				headers,
				body:
					typeof request.body === 'string' || request.body === undefined
						? request.body
						: JSON.stringify(request.body),
			});
			const text = await response.text();
			expect({ status: response.status, text }).toEqual({
				status: example.response.status,
				text: expect.any(String),
			});
			if (example.response.body !== undefined)
				expectDocumentedShape(JSON.parse(text), example.response.body);
			else expect(text).toBe('');
		});
	},
);

describe.each(
	fixture.examples.filter((example) => example.node).map((example) => [example.name, example]),
)('%s, produced by the node', (_name, example) => {
	test('the node sends the documented request, with its Content-Type, and the sandbox accepts it', async () => {
		const { status, error, json } = await h.run(sandbox, {
			operation: example.node.operation,
			...example.node.parameters,
		});
		expect({ status, error: error?.message }).toEqual({ status: 'success', error: undefined });
		expect(sandbox.requests).toHaveLength(1);
		const [received] = sandbox.requests;
		expectSameRequest(received, withTracker(example.request));
		expect(received.headers['content-type']).toBe(contentTypeOf(example.request));
		expect(received.status).toBe(example.response.status);
		// These operations output the API's answer as it came, so its shape is the documented one.
		if (['create', 'get', 'getSummary'].includes(example.node.operation))
			expectDocumentedShape(json[0], example.response.body);
	});
});
