// Contentstack Personalize's documented examples (test/fixtures/documented/contentstack-personalize.json):
// the sandbox accepts each documented request and answers in the documented shape, and the node
// produces each documented request.
const fixture = require('../fixtures/documented/contentstack-personalize.json');
const { expectDocumentedShape, expectSameRequest } = require('../documented/shape');
const h = require('../engine/contentstack-personalize-helpers');

// The custom attribute the docs' audience example refers to.
const DOCS_CUSTOM_ATTRIBUTE = '66702e03d84509d0106bec05';

let sandbox;
let age;
beforeAll(async () => {
	sandbox = await h.startSandbox({ seed: false, rateLimit: null });
});
afterAll(() => sandbox.close());

/** A Management API call of the test's own setup (not compared with anything). */
async function setup(method, path, body) {
	const response = await fetch(`${sandbox.url}${path}`, {
		method,
		headers: {
			authtoken: h.contentstack.DEFAULT_AUTHTOKEN,
			'x-project-uid': h.PROJECT,
			'content-type': 'application/json',
		},
		body: JSON.stringify(body),
	});
	expect(response.status).toBeLessThan(300);
	return await response.json();
}

beforeEach(async () => {
	sandbox.reset();
	// The custom attribute the docs' audience example refers to, with the fields the docs list.
	sandbox.insert(h.PROJECT, 'attributes', {
		uid: DOCS_CUSTOM_ATTRIBUTE,
		name: 'Average Order Value',
		key: 'average_order_value',
		description: '',
		createdBy: 'bltu5e7a1b2c3d4e5f6',
		updatedBy: 'bltu5e7a1b2c3d4e5f6',
		createdByUserName: 'Sandbox Editor',
		updatedByUserName: 'Sandbox Editor',
		__type: 'CUSTOM',
	});
	// A live A/B test, so that the manifest names a variant for every visitor.
	const experience = await setup('POST', '/experiences', { name: 'Hero test', __type: 'AB_TEST' });
	await setup('PUT', `/experiences/${experience.uid}/versions/${experience.latestVersion}`, {
		status: 'ACTIVE',
		variantSplit: 'EQUALLY_SPLIT',
		variants: [
			{ __type: 'ABTestVariant', name: 'A', trafficDistribution: 50 },
			{ __type: 'ABTestVariant', name: 'B', trafficDistribution: 50 },
		],
	});
	age = undefined;
	sandbox.requests.length = 0;
});

/** Update an Attribute changes the docs' "age" attribute, so it must exist first. */
async function prepare(example) {
	if (!example.request.path.includes('{uid}')) return;
	age = await setup('POST', '/attributes', {
		name: 'Age',
		key: 'age',
		description: 'Age of the visitor',
	});
	sandbox.requests.length = 0;
}

/** The docs' placeholders: {project_uid} in headers, {uid} in paths. */
function resolved(request) {
	const headers = Object.fromEntries(
		Object.entries(request.headers ?? {}).map(([name, value]) => [
			name,
			value.replace('{project_uid}', h.PROJECT),
		]),
	);
	return { ...request, path: age ? request.path.replace('{uid}', age.uid) : request.path, headers };
}

const isEdge = (example) => example.source.includes('/personalize-edge-api/');

test('the fixture holds examples of both APIs, each with its source page', () => {
	expect(fixture.examples.some(isEdge)).toBe(true);
	expect(fixture.examples.some((example) => !isEdge(example))).toBe(true);
	for (const example of fixture.examples)
		expect(example.source).toMatch(
			/^https:\/\/www\.contentstack\.com\/docs\/developers\/apis\/personalize-(management|edge)-api\//,
		);
});

describe.each(fixture.examples.map((example) => [example.name, example]))(
	'%s, sent as documented',
	(_name, example) => {
		test('the sandbox accepts it and answers in the documented shape', async () => {
			await prepare(example);
			const request = resolved(example.request);
			const response = await fetch(
				`${sandbox.url}${isEdge(example) ? '/edge' : ''}${request.path}`,
				{
					method: request.method,
					headers: {
						...(isEdge(example) ? {} : { authtoken: h.contentstack.DEFAULT_AUTHTOKEN }),
						...(request.body === undefined ? {} : { 'content-type': 'application/json' }),
						...request.headers,
					},
					body: request.body === undefined ? undefined : JSON.stringify(request.body),
				},
			);
			const text = await response.text();
			expect(response.status).toBeLessThan(300);
			if (example.response) {
				expect(response.status).toBe(example.response.status);
				let body = JSON.parse(text);
				// The docs' list shows a custom attribute; the presets listed with it are not documented.
				if (example.name === 'Get all Attributes') {
					body = body.filter((entry) => entry.__type === 'CUSTOM');
					expect(body.length).toBeGreaterThan(0);
				}
				expectDocumentedShape(body, example.response.body);
			}
		});
	},
);

describe.each(
	fixture.examples.filter((example) => example.node).map((example) => [example.name, example]),
)('%s, produced by the node', (_name, example) => {
	test('the node sends the documented request, and the sandbox accepts it', async () => {
		await prepare(example);
		const parameters = {
			resource: example.node.resource,
			operation: example.node.operation,
			...example.node.parameters,
		};
		if (example.node.operation === 'update') parameters.attributeId = h.byId(age.uid);
		const { status, error } = await h.run(sandbox, parameters);
		expect({ status, error: error?.message }).toEqual({ status: 'success', error: undefined });
		const received = sandbox.requests[sandbox.requests.length - 1];
		const request = resolved(example.request);
		expectSameRequest(
			{ ...received, path: isEdge(example) ? received.path.replace(/^\/edge/, '') : received.path },
			request,
		);
		for (const [name, value] of Object.entries(request.headers))
			expect(received.headers[name]).toBe(value);
		expect(received.status).toBeLessThan(300);
	});
});
