// Promotion between projects: Project → Export Configuration of the seeded project A, Import
// Configuration into the sandbox's empty second project B, through the real engine over HTTP.
const h = require('./contentstack-personalize-helpers');

const B = { projectUid: h.contentstack.PRODUCTION_PROJECT_UID };
const EXPORT = { resource: 'project', operation: 'exportConfiguration' };
const IMPORT = { resource: 'project', operation: 'importConfiguration' };

let sandbox;

beforeAll(async () => {
	sandbox = await h.startSandbox({
		seed: true,
		abTest: true,
		productionProject: true,
		rateLimit: null,
	});
});
afterAll(async () => await sandbox.close());
beforeEach(() => sandbox.reset());

async function exportOf(credentials) {
	const outcome = await h.run(sandbox, EXPORT, { credentials });
	expect(outcome.status).toBe('success');
	expect(outcome.json).toHaveLength(1);
	return outcome.json[0];
}

async function importInto(snapshot, parameters = {}, options = {}) {
	return await h.run(
		sandbox,
		{ ...IMPORT, ...parameters },
		{ credentials: B, items: [snapshot], ...options },
	);
}

/** The snapshot without what differs between projects: UIDs, the time and the project. */
function modUids(snapshot) {
	const { exportedAt, project, ...rest } = snapshot;
	void exportedAt;
	void project;
	return JSON.parse(JSON.stringify(rest, (key, value) => (key === 'uid' ? undefined : value)));
}

const writes = () =>
	sandbox.requests.filter((request) => request.method !== 'GET' && request.method !== 'HEAD');

test('export: a versioned snapshot whose references are keys and names', async () => {
	const snapshot = await exportOf();
	expect(snapshot).toMatchObject({
		format: 'n8n-contentstack-personalize-config',
		version: 1,
		project: { uid: h.PROJECT },
	});
	expect(snapshot.attributes.map((entry) => entry.key)).toEqual(['loyalty_tier', 'orders']);
	expect(snapshot.events.map((entry) => entry.key)).toEqual(['purchase', 'signup']);
	const gold = snapshot.audiences.find((entry) => entry.name === 'Gold members');
	expect(gold.definition.rules[0].attribute).toEqual({
		__type: 'CustomAttributeReference',
		ref: 'loyalty_tier',
	});
	const hero = snapshot.experiences.find((entry) => entry.name === 'Homepage hero by tier');
	expect(hero.versions.active.variants[0].audiences).toEqual(['Gold members']);
	expect(snapshot.priority).toContain('Homepage hero by tier');
	expect(JSON.stringify(snapshot)).not.toMatch(/6650a1b2c3d4e5f60123452[1-9]"\]/);

	const some = await h.run(sandbox, { ...EXPORT, include: ['attributes', 'events'] });
	expect(Object.keys(some.json[0]).sort()).toEqual(
		['attributes', 'events', 'exportedAt', 'format', 'project', 'version'].sort(),
	);
});

/** A draft beside the seeded active version of A's segmented experience, through the API. */
async function addDraftInA() {
	const response = await fetch(`${sandbox.url}/experiences/6650a1b2c3d4e5f601234531/versions`, {
		method: 'POST',
		headers: {
			'content-type': 'application/json',
			authtoken: h.contentstack.DEFAULT_AUTHTOKEN,
			'x-project-uid': h.PROJECT,
		},
		body: JSON.stringify({
			status: 'DRAFT',
			variants: [
				{
					__type: 'SegmentedVariant',
					name: 'Gold hero, new copy',
					audiences: ['6650a1b2c3d4e5f601234521'],
					audienceCombinationType: 'OR',
				},
			],
		}),
	});
	expect(response.status).toBe(201);
}

test('export A → import into empty B → export B equals A modulo UIDs; a second import changes nothing', async () => {
	await addDraftInA();
	const a = await exportOf();
	expect(a.experiences[0].versions.draft.variants[0].audiences).toEqual(['Gold members']);
	const first = await importInto(a, { activate: true });
	expect(first.status).toBe('success');
	const actions = first.json.map(
		(entry) => `${entry.type}:${entry.key ?? entry.name}:${entry.action}`,
	);
	expect(actions).toEqual(
		expect.arrayContaining([
			'attribute:loyalty_tier:created',
			'event:purchase:created',
			'audience:Gold members:created',
			'experience:Homepage hero by tier:created',
			'experienceVersion:Homepage hero by tier (active):created',
			'experienceVersion:Homepage hero by tier (draft):created',
		]),
	);
	for (const entry of first.json.filter((item) => item.action === 'created'))
		expect(entry.newUid).toMatch(/^[0-9a-f]{24}$/);
	const b = await exportOf(B);
	expect(modUids(b)).toEqual(modUids(a));
	// B's references point at B's own objects.
	const goldB = b.audiences.find((entry) => entry.name === 'Gold members');
	expect(goldB.uid).not.toBe(a.audiences.find((entry) => entry.name === 'Gold members').uid);

	sandbox.requests.length = 0;
	const second = await importInto(a, { activate: true });
	expect(second.status).toBe('success');
	expect(second.json.length).toBe(first.json.length);
	expect(second.json.every((entry) => entry.action === 'unchanged')).toBe(true);
	expect(writes()).toEqual([]);

	// Variant short UIDs are the API's numbering, not content: other numbers change nothing either.
	const renumbered = structuredClone(a);
	for (const experience of renumbered.experiences)
		for (const version of Object.values(experience.versions))
			for (const variant of version.variants) variant.shortUid = `9${variant.shortUid}`;
	const third = await importInto(renumbered, { activate: true });
	expect(third.json.every((entry) => entry.action === 'unchanged')).toBe(true);
	expect(writes()).toEqual([]);
});

test('changes in the source are applied as updates naming the changed fields', async () => {
	const a = await exportOf();
	await importInto(a, { activate: true });
	const changed = structuredClone(a);
	changed.attributes[0].description = 'Changed';
	changed.experiences[0].description = 'New text';
	changed.experiences[0].versions.draft = {
		variants: changed.experiences[0].versions.active.variants,
	};
	changed.priority = [...a.priority].reverse();
	const outcome = await importInto(changed);
	const by = (type, name) =>
		outcome.json.find((entry) => entry.type === type && (entry.key ?? entry.name) === name);
	expect(by('attribute', changed.attributes[0].key)).toMatchObject({
		action: 'updated',
		changes: ['description'],
	});
	expect(by('experience', changed.experiences[0].name)).toMatchObject({
		action: 'updated',
		changes: ['description'],
	});
	expect(by('experienceVersion', `${changed.experiences[0].name} (draft)`).action).toBe('created');
	expect(by('priority', 'priority').action).toBe('updated');
	const b = await exportOf(B);
	expect(b.priority).toEqual(changed.priority);
});

test('without Activate the active version is skipped and only the draft is written', async () => {
	const a = await exportOf();
	const outcome = await importInto(a);
	const active = outcome.json.filter(
		(entry) => entry.type === 'experienceVersion' && entry.name.endsWith('(active)'),
	);
	expect(active.length).toBeGreaterThan(0);
	expect(active.every((entry) => entry.action === 'skipped')).toBe(true);
	const b = await exportOf(B);
	expect(b.experiences.every((entry) => entry.versions.active === undefined)).toBe(true);
});

test('Delete Unlisted removes what the snapshot does not name; without it nothing unnamed is touched', async () => {
	const a = await exportOf();
	await importInto(a, { activate: true });
	const smaller = structuredClone(a);
	smaller.attributes = smaller.attributes.filter((entry) => entry.key !== 'orders');
	smaller.events = smaller.events.filter((entry) => entry.key !== 'signup');
	const dropped = smaller.experiences.find((entry) => entry.name !== 'Homepage hero by tier');
	smaller.experiences = smaller.experiences.filter((entry) => entry !== dropped);
	smaller.priority = smaller.priority.filter((name) => name !== dropped.name);

	const kept = await importInto(smaller, { activate: true });
	expect(kept.json.some((entry) => entry.action === 'deleted')).toBe(false);
	expect((await exportOf(B)).attributes.map((entry) => entry.key)).toContain('orders');

	const deleted = await importInto(smaller, { activate: true, deleteUnlisted: true });
	expect(
		deleted.json
			.filter((entry) => entry.action === 'deleted')
			.map((entry) => `${entry.type}:${entry.key ?? entry.name}`)
			.sort(),
	).toEqual(['attribute:orders', 'event:signup', `experience:${dropped.name}`].sort());
	const b = await exportOf(B);
	expect(modUids(b)).toEqual(modUids(smaller));
});

test('Delete Unlisted stays inside the parts the snapshot holds; a dry run of it deletes nothing', async () => {
	const a = await exportOf();
	await importInto(a, { activate: true });
	const onlyAttributes = {
		format: a.format,
		version: a.version,
		attributes: a.attributes.filter((entry) => entry.key === 'loyalty_tier'),
	};
	const before = await exportOf(B);
	sandbox.requests.length = 0;
	const planned = await importInto(onlyAttributes, {
		deleteUnlisted: true,
		dryRun: true,
	});
	expect(writes()).toEqual([]);
	expect(planned.json.map((entry) => [entry.key, entry.action])).toEqual([
		['loyalty_tier', 'unchanged'],
		['orders', 'deleted'],
	]);
	expect(planned.json[1].requests).toEqual([
		{ method: 'DELETE', path: `/attributes/${planned.json[1].oldUid}` },
	]);
	expect(modUids(await exportOf(B))).toEqual(modUids(before));

	await importInto(onlyAttributes, { deleteUnlisted: true });
	const after = await exportOf(B);
	expect(after.attributes.map((entry) => entry.key)).toEqual(['loyalty_tier']);
	expect(modUids({ ...after, attributes: [] })).toEqual(modUids({ ...before, attributes: [] }));
});

test('a failure half-way reports what was applied; running it again completes the job', async () => {
	const a = await exportOf();
	sandbox.injectFault({ type: 'status', status: 500, method: 'POST', path: '/audiences' });
	const failed = await importInto(a, { activate: true });
	expect(failed.status).toBe('error');
	expect(failed.error.message).toMatch(/import stopped/);
	expect(failed.error.description).toMatch(/created attribute "loyalty_tier"/);
	expect(failed.error.description).toMatch(/Run the import again/);

	sandbox.injectFault({ type: 'status', status: 500, method: 'POST', path: '/experiences' });
	const reported = await importInto(a, { activate: true }, { continueOnFail: true });
	expect(reported.status).toBe('success');
	const last = reported.json[reported.json.length - 1];
	expect(last.error).toMatch(/import stopped/);
	expect(reported.json.find((entry) => entry.key === 'loyalty_tier').action).toBe('unchanged');
	expect(reported.json.find((entry) => entry.name === 'Gold members').action).toBe('created');

	const rerun = await importInto(a, { activate: true });
	expect(rerun.status).toBe('success');
	expect(modUids(await exportOf(B))).toEqual(modUids(a));
});

test('Dry Run (Send Nothing): the plan and its requests are output, the sandbox receives no write', async () => {
	const a = await exportOf();
	sandbox.requests.length = 0;
	const planned = await importInto(a, { activate: true, dryRun: true });
	expect(planned.status).toBe('success');
	expect(writes()).toEqual([]);
	expect(sandbox.requests.length).toBeGreaterThan(0);
	const tier = planned.json.find((entry) => entry.key === 'loyalty_tier');
	expect(tier).toMatchObject({ action: 'created', dryRun: true });
	expect(tier.requests).toEqual([
		{
			method: 'POST',
			path: '/attributes',
			body: { name: 'Loyalty tier', key: 'loyalty_tier', description: 'bronze, silver or gold' },
		},
	]);
	const gold = planned.json.find((entry) => entry.name === 'Gold members');
	expect(gold.requests[0].body.definition.rules[0].attribute.ref).toBe(tier.newUid);
	expect((await exportOf(B)).attributes).toEqual([]);

	// The same plan applied for real matches what the dry run announced.
	const applied = await importInto(a, { activate: true });
	expect(
		applied.json.map((entry) => `${entry.type}:${entry.key ?? entry.name}:${entry.action}`),
	).toEqual(
		planned.json.map((entry) => `${entry.type}:${entry.key ?? entry.name}:${entry.action}`),
	);
});

describe('bad input is refused before any request', () => {
	const valid = {
		format: 'n8n-contentstack-personalize-config',
		version: 1,
		attributes: [{ key: 'tier', name: 'Tier', description: '' }],
	};
	test.each([
		['not a snapshot', { name: 'Homepage hero' }, /not a configuration snapshot/],
		['another format version', { ...valid, version: 2 }, /version 2 is not supported/],
		[
			'a __proto__ key',
			JSON.parse(
				'{"format":"n8n-contentstack-personalize-config","version":1,"attributes":[{"key":"a","__proto__":{"x":1}}]}',
			),
			/__proto__/,
		],
		['a section that is not a list', { ...valid, events: {} }, /events must be a list/],
		[
			'a key listed twice',
			{ ...valid, attributes: [...valid.attributes, ...valid.attributes] },
			/lists key "tier" twice/,
		],
		[
			'an experience of an unknown type',
			{ ...valid, experiences: [{ name: 'X', __type: 'OTHER', versions: {} }] },
			/__type "OTHER"/,
		],
	])('%s', async (_name, snapshot, message) => {
		const outcome = await importInto(snapshot);
		expect(outcome.status).toBe('error');
		expect(outcome.error.message).toMatch(message);
		expect(outcome.error.message).toMatch(/Snapshot/);
		expect(sandbox.requests).toEqual([]);
	});

	test('a reference neither in the snapshot nor in the project: refused after reading, before any write', async () => {
		const snapshot = {
			...valid,
			audiences: [
				{
					name: 'Ghosts',
					definition: {
						__type: 'RuleCombination',
						combinationType: 'AND',
						rules: [
							{
								__type: 'Rule',
								attribute: { __type: 'CustomAttributeReference', ref: 'missing_key' },
								attributeMatchCondition: 'HAS_ANY_VALUE',
								invertCondition: false,
							},
						],
					},
				},
			],
		};
		const outcome = await importInto(snapshot);
		expect(outcome.status).toBe('error');
		expect(outcome.error.message).toMatch(
			/audience "Ghosts" refers to the attribute with key "missing_key"/,
		);
		expect(writes()).toEqual([]);
	});

	test('Snapshot (JSON) that is not JSON', async () => {
		const outcome = await h.run(
			sandbox,
			{ ...IMPORT, snapshotInput: 'json', snapshotJson: '{ nope' },
			{ credentials: B },
		);
		expect(outcome.error.message).toMatch(/Snapshot \(JSON\).*not valid JSON/);
		expect(sandbox.requests).toEqual([]);
	});
});

test('Visitor → Track Events with Dry Run: the requests as they would be batched, nothing sent', async () => {
	const items = ['u1', 'u1', 'u2'].map((userUid, index) => ({ userUid, index }));
	const outcome = await h.run(
		sandbox,
		{
			resource: 'visitor',
			operation: 'trackEvents',
			userUid: '={{ $json.userUid }}',
			eventsInput: 'json',
			eventsJson: '={{ JSON.stringify([{ type: "EVENT", eventKey: "purchase" }]) }}',
			dryRun: true,
		},
		{ items },
	);
	expect(outcome.status).toBe('success');
	expect(sandbox.requests.filter((request) => request.method === 'POST')).toEqual([]);
	expect(outcome.json.map((entry) => [entry.request, entry.requestEvents])).toEqual([
		[1, 2],
		[1, 2],
		[2, 1],
	]);
	expect(outcome.json[0].plannedRequest).toEqual({
		method: 'POST',
		path: '/events',
		headers: { 'x-cs-personalize-user-uid': 'u1' },
		body: [
			{ type: 'EVENT', eventKey: 'purchase' },
			{ type: 'EVENT', eventKey: 'purchase' },
		],
	});
	expect(outcome.json[1].plannedRequest).toBeUndefined();
});
