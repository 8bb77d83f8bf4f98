// The shared resource, list and locator helpers, with a stand-in context and a recording API. The
// nodes' engine tests run the same helpers over real HTTP; these pin the rules every service shares.
const { z } = require('zod');
const {
	createObject,
	updateObject,
	getObject,
	deleteObject,
} = require('../../dist/nodes/common/resource.js');
const {
	checkFieldName,
	fieldParameter,
	listOperation,
	readableField,
	readSortRules,
} = require('../../dist/nodes/common/list.js');
const { locatorField, readLocator } = require('../../dist/nodes/common/locator.js');

const node = { name: 'Node', type: 'test', typeVersion: 1, position: [0, 0], parameters: {} };

function context(parameters = {}) {
	return {
		getNode: () => node,
		getNodeParameter: (name, _itemIndex, fallback) =>
			name in parameters ? parameters[name] : fallback,
	};
}

function recordingApi(answers = {}) {
	const requests = [];
	return {
		requests,
		api: {
			serviceName: 'Test Service',
			labels: { name: 'Name', size: 'Size' },
			request: async (_context, request) => {
				requests.push(request);
				const answer = answers[`${request.method} ${request.path}`];
				return typeof answer === 'function' ? answer(request) : answer;
			},
		},
	};
}

const schema = z.object({ name: z.string().min(1, 'is required'), size: z.number().optional() });

function spec(api, extra = {}) {
	return {
		api,
		resource: 'thing',
		noun: 'thing',
		plural: 'things',
		path: '/things',
		idKey: 'id',
		update: { method: 'PATCH' },
		...extra,
	};
}

describe('resource helpers', () => {
	test('create checks the body before sending and outputs the answer, or what was sent', async () => {
		const { api, requests } = recordingApi({ 'POST /things': { id: '1', name: 'a' } });
		await expect(createObject(context(), 2, spec(api), schema, { name: '' })).rejects.toThrow(
			'Invalid "Name": is required [item 2]',
		);
		expect(requests).toHaveLength(0);
		expect(await createObject(context(), 0, spec(api), schema, { name: 'a' })).toEqual({
			id: '1',
			name: 'a',
		});
		const silent = recordingApi();
		expect(await createObject(context(), 0, spec(silent.api), schema, { name: 'b' })).toEqual({
			name: 'b',
		});
		expect(requests[0]).toMatchObject({ method: 'POST', path: '/things', body: { name: 'a' } });
		expect(requests[0].idempotent).toBeUndefined();
	});

	test('an update without fields is refused; PATCH sends only the changes, idempotent', async () => {
		const { api, requests } = recordingApi();
		await expect(updateObject(context(), 1, spec(api), '7', schema.partial(), {})).rejects.toThrow(
			'Invalid "Update Fields": add at least one field to change; an empty update is not sent [item 1]',
		);
		expect(requests).toHaveLength(0);
		const output = await updateObject(context(), 0, spec(api), '7', schema.partial(), {
			size: 3,
			name: undefined,
		});
		expect(requests[0]).toEqual({
			method: 'PATCH',
			path: '/things/7',
			body: { size: 3 },
			idempotent: true,
			itemIndex: 0,
		});
		expect(output).toEqual({ success: true, id: '7', size: 3 });
	});

	test('PUT with resend sends the stored fields again, the changes win', async () => {
		const { api, requests } = recordingApi({
			'GET /things/7': { id: '7', name: 'old', size: 1, createdAt: 'x' },
			'PUT /things/7': (request) => ({ id: '7', ...request.body }),
		});
		const output = await updateObject(
			context(),
			0,
			spec(api, { update: { method: 'PUT', resend: ['name', 'size'] } }),
			'7',
			schema,
			{ size: 2 },
		);
		expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
			'GET /things/7',
			'PUT /things/7',
		]);
		expect(requests[1].body).toEqual({ name: 'old', size: 2 });
		expect(output).toEqual({ id: '7', name: 'old', size: 2 });
	});

	test('get unwraps an envelope or finds the object in the whole list; absent says so', async () => {
		const { api } = recordingApi({ 'GET /things/7': { items: [{ id: 7 }] } });
		api.unwrapOne = (body) => body.items[0];
		expect(await getObject(context(), 0, spec(api), '7')).toEqual({ id: 7 });
		const listed = spec(recordingApi().api, { listAll: async () => [{ id: '1' }, { id: '2' }] });
		expect(await getObject(context(), 0, listed, '2')).toEqual({ id: '2' });
		await expect(getObject(context(), 3, listed, '9')).rejects.toThrow(
			'Test Service has no thing with ID 9',
		);
	});

	test('delete outputs { deleted, id }, and success and the ID under the service key as before', async () => {
		const { api, requests } = recordingApi();
		expect(await deleteObject(context(), 0, spec(api, { idKey: 'uid' }), 'ab')).toEqual({
			deleted: true,
			id: 'ab',
			success: true,
			uid: 'ab',
		});
		expect(requests[0]).toMatchObject({ method: 'DELETE', path: '/things/ab' });
	});
});

describe('list helpers', () => {
	test('readable option names keep the API field as value', () => {
		expect(readableField('next_run_time')).toBe('Next Run Time');
		expect(readableField('profile_id')).toBe('Profile ID');
		expect(fieldParameter('S', ['b_x', 'a'], 'sortable').options.map((o) => o.value)).toEqual([
			'a',
			'b_x',
		]);
		expect(fieldParameter('S', undefined, 'sortable').type).toBe('string');
	});

	test.each([
		['created_at&sort=x', 'must be an API field name such as create_time'],
		['__proto__', '"__proto__" is not allowed as a field name'],
		['price', '"price" is not sortable here; S documents: a, b'],
	])('field name %s is refused', (field, message) => {
		expect(() =>
			checkFieldName(node, field, 'Sort entry 1 › Field', 4, {
				fields: ['a', 'b'],
				what: 'sortable',
				serviceName: 'S',
			}),
		).toThrow(`Invalid "Sort entry 1 › Field": ${message} [item 4]`);
	});

	test('sort rules are read in order with their defaults; a bad direction names the rule', () => {
		const sort = {
			serviceName: 'S',
			fields: ['a', 'b'],
			defaultField: 'a',
			defaultDirection: 'desc',
		};
		expect(readSortRules(node, { rule: [{ field: 'b', direction: 'asc' }, {}] }, sort, 0)).toEqual([
			{ field: 'b', direction: 'asc' },
			{ field: 'a', direction: 'desc' },
		]);
		expect(() =>
			readSortRules(node, { rule: [{}, { field: 'a', direction: 'down' }] }, sort, 1),
		).toThrow('Invalid "Sort entry 2 › Direction": must be asc or desc [item 1]');
	});

	test('a Get Many keeps, limits and simplifies what the fetch answered', async () => {
		const fetched = [];
		const operation = listOperation({
			resource: 'thing',
			noun: 'thing',
			plural: 'things',
			simplify: ['id'],
			query: {
				describe: () => [],
				read: () => ({ qs: { q: 'x' }, keep: (entry) => entry.id !== 2 }),
			},
			fetch: async (_context, _itemIndex, query, limits) => {
				fetched.push({ query: query.qs, limits });
				return [{ id: 1, extra: true }, { id: 2 }, { id: 3, extra: true }];
			},
		});
		const names = operation.description.map((property) => property.name);
		expect(names).toEqual(['returnAll', 'limit', 'simplify']);
		const output = await operation.execute.call(context({ returnAll: false, limit: 1 }), 0);
		expect(output).toEqual([{ id: 1 }]);
		expect(fetched).toEqual([{ query: { q: 'x' }, limits: { returnAll: false, limit: 1 } }]);
	});
});

describe('resource locator', () => {
	const spec = {
		name: 'thingId',
		displayName: 'Thing',
		searchListMethod: 'searchThings',
		placeholder: '12',
		pattern: '\\d+',
		patternError: 'Not a thing ID',
		schema: z.string().trim().regex(/^\d+$/, 'must be digits'),
		label: 'Thing ID',
	};

	test('the editor checks the By ID mode with the same pattern', () => {
		const field = locatorField(spec, { resource: ['thing'] });
		const regex = new RegExp(field.modes[1].validation[0].properties.regex);
		expect(regex.test(' 42 ')).toBe(true);
		expect(regex.test('4/2')).toBe(false);
	});

	test('an ID that could change the path is refused before sending', () => {
		expect(readLocator(context({ thingId: ' 42 ' }), spec, 0)).toBe('42');
		expect(() => readLocator(context({ thingId: '4/../2' }), spec, 5)).toThrow(
			'Invalid "Thing ID": must be digits [item 5]',
		);
	});
});
