// Ocamba's own request and response examples (test/fixtures/documented/ocamba-hood.json): the sandbox
// accepts each documented request and answers in the documented shape, and the node, given the
// parameters named in `node`, sends exactly the documented request.
const fixture = require('../fixtures/documented/ocamba-hood.json');
const { expectDocumentedShape, expectSameRequest } = require('../documented/shape');
const h = require('../engine/ocamba-hood-helpers');

// The captured pages show the address as "[email protected]": Cloudflare's e-mail obfuscation, not
// the address the docs wrote. Any valid address stands in for it.
const EMAIL_PLACEHOLDER = '[email protected]';
const EMAIL = 'jane.doe@example.com';

let sandbox;
beforeAll(async () => {
	sandbox = await h.startSandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const example = (name) => fixture.examples.find((entry) => entry.name.startsWith(name));
const importBody = () => example('Import profiles').request.body;

/** The stored data each example's answer describes, and the answer forms it shows. Returns `{id}`. */
const SETUP = {
	'List profile properties (the name under "label")': () => {
		const { label, ...rest } = example('List profile properties (the name under "label")').response
			.body.items[0];
		sandbox.store.addProperty({ label, ...rest });
	},
	'List profile properties (the name under "property"': () =>
		sandbox.setOptions({ propertyName: 'property' }),
	'Create profile (an older page': () => sandbox.setOptions({ profileCreateAnswer: 'empty' }),
	'Import profiles': () => seedImport(),
	'Profiles import report': async () => {
		seedImport();
		const accepted = await send({
			method: 'POST',
			path: '/v1/hood/profiles/import',
			body: importBody(),
		});
		expect(accepted.status).toBe(202);
		sandbox.requests.length = 0;
		return accepted.body.id;
	},
	'List segments': () => {
		const { name, status, targeting } = example('List segments').response.body.items[0];
		// Straight into the store: the API now refuses the deprecated keys this stored segment has.
		sandbox.store.addSegment({ name, status, targeting });
	},
	'View segment': () => {
		const { name, status, targeting } = example('View segment').response.body.items[0];
		return sandbox.store.addSegment({ name, status, targeting }).id;
	},
	'List campaigns': () => {
		// The store gives it its own ID and status.
		sandbox.store.addCampaign(example('List campaigns').response.body.items[0]);
	},
};

function seedImport() {
	const labels = new Set(
		importBody().profiles.flatMap((profile) => Object.keys(profile.custom_properties)),
	);
	for (const label of labels) sandbox.store.addProperty({ label });
	for (const profile of importBody().profiles)
		sandbox.store.addProfile({ id: profile.id, email: `${profile.id}@example.com` });
}

async function setUp(entry) {
	const key = Object.keys(SETUP).find((name) => entry.name.startsWith(name));
	return key ? await SETUP[key]() : undefined;
}

/** The documented value with its placeholders filled in. */
function fill(value, id) {
	const text = JSON.stringify(value).split(EMAIL_PLACEHOLDER).join(EMAIL);
	return JSON.parse(id === undefined ? text : text.split('{id}').join(id));
}

async function send({ method, path, query, body }) {
	const url = new URL(`${sandbox.url}${path}`);
	for (const [key, value] of Object.entries(query ?? {})) url.searchParams.set(key, value);
	const response = await fetch(url, {
		method,
		headers: {
			Authorization: `Bearer ${h.TOKEN}`,
			...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
		},
		body: body === undefined ? undefined : JSON.stringify(body),
	});
	const text = await response.text();
	let parsed;
	try {
		parsed = text ? JSON.parse(text) : undefined;
	} catch {
		parsed = text;
	}
	return { status: response.status, body: parsed };
}

test('the fixture names its source for every example', () => {
	expect(fixture.service).toBe('ocamba-hood');
	expect(fixture.examples.length).toBeGreaterThanOrEqual(12);
	for (const entry of fixture.examples)
		expect(entry.source).toMatch(/^https:\/\/(dev-)?docs\.ocamba\.com\//);
});

describe.each(fixture.examples.map((entry) => [entry.name, entry]))('%s', (_name, entry) => {
	test('the sandbox accepts the documented request and answers in the documented shape', async () => {
		const id = await setUp(entry);
		const request = fill(entry.request, id);
		const answer = await send(request);
		if (entry.response) expect(answer.status).toBe(entry.response.status);
		else expect(answer.status).toBeLessThan(300);
		// No documented body (202 of the import, 201 of the older create page): only the status counts.
		if (entry.response?.body === undefined) return;
		if (request.path === '/v1/hood/segments') {
			// The docs name CSV the default format of this list, yet show the JSON answer for a plain
			// request: the plain request is accepted (CSV), and the shape is checked on out=json.
			expect(typeof answer.body).toBe('string');
			expectDocumentedShape(
				(await send({ ...request, query: { out: 'json' } })).body,
				entry.response.body,
			);
			return;
		}
		expectDocumentedShape(answer.body, entry.response.body);
	});

	if (entry.node) {
		test('the node sends the documented request', async () => {
			const id = await setUp(entry);
			const parameters = fill(
				{
					resource: entry.node.resource,
					operation: entry.node.operation,
					...entry.node.parameters,
				},
				id,
			);
			const items =
				entry.node.operation === 'updateCustomProperties' ? importBody().profiles : [{}];
			const { status, error } = await h.run(sandbox, parameters, { items });
			expect(error).toBeUndefined();
			expect(status).toBe('success');
			const documented = fill(entry.request, id);
			const received = sandbox.requests.filter(
				(request) => request.method === documented.method && request.path === documented.path,
			);
			expect(received).toHaveLength(1);
			expectSameRequest(received[0], documented);
		});
	}
});

test('the node outputs the documented 201 profile with its 20-digit ID exact, and an import report row per profile', async () => {
	const created = await h.run(
		sandbox,
		fill({
			resource: 'profile',
			operation: 'create',
			...example('Create profile (201').node.parameters,
		}),
	);
	expect(created.json[0].id).toBe('17430755068336100383');
	expectDocumentedShape(created.json[0], example('Create profile (201').response.body);
	seedImport();
	const update = await h.run(
		sandbox,
		{
			resource: 'profile',
			operation: 'updateCustomProperties',
			...example('Import profiles').node.parameters,
			importOptions: { waitForResult: true, checkInterval: 100 },
		},
		{ items: importBody().profiles },
	);
	for (const item of update.json) {
		expect(item).toMatchObject({ import_status: 'reported', applied: true, code: 'SUCCESS' });
		expectDocumentedShape(item.report, example('Profiles import report').response.body[0]);
	}
});
