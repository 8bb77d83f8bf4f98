// Small pure pieces of the Ocamba Hood node: paging, time format, import reports, list refusals.
const { collectPages } = require('../../dist/nodes/common/pagination.js');
const { toHoodTime } = require('../../dist/nodes/OcambaHood/actions/shared/time.js');
const { OcambaHoodApi } = require('../../dist/credentials/OcambaHoodApi.credentials.js');

describe('collectPages (page=N,M)', () => {
	const data = Array.from({ length: 23 }, (_, i) => i);
	const server = ({ cap = 1000, total = true } = {}) => {
		const calls = [];
		const fetchPage = async (page, size) => {
			calls.push(`${page},${size}`);
			const served = Math.min(size, cap);
			return {
				items: data.slice((page - 1) * served, page * served),
				total: total ? data.length : undefined,
			};
		};
		return { calls, fetchPage };
	};

	test('Return All walks pages of the largest size until total', async () => {
		const { calls, fetchPage } = server();
		expect(await collectPages(fetchPage, { returnAll: true, limit: 0, pageSize: 10 })).toEqual(
			data,
		);
		expect(calls).toEqual(['1,10', '2,10', '3,10']);
	});

	test('Limit below a page asks for exactly that; above it keeps the page size and cuts', async () => {
		let { calls, fetchPage } = server();
		expect(await collectPages(fetchPage, { returnAll: false, limit: 4, pageSize: 10 })).toEqual(
			data.slice(0, 4),
		);
		expect(calls).toEqual(['1,4']);
		({ calls, fetchPage } = server());
		expect(await collectPages(fetchPage, { returnAll: false, limit: 12, pageSize: 10 })).toEqual(
			data.slice(0, 12),
		);
		expect(calls).toEqual(['1,10', '2,10']);
	});

	test('a server capping its page size is followed: no gaps, no repeats', async () => {
		const { calls, fetchPage } = server({ cap: 5 });
		expect(await collectPages(fetchPage, { returnAll: true, limit: 0, pageSize: 10 })).toEqual(
			data,
		);
		expect(calls).toEqual(['1,10', '2,5', '3,5', '4,5', '5,5']);
	});

	test('without a total, a short page ends the walk', async () => {
		const { calls, fetchPage } = server({ total: false });
		expect(await collectPages(fetchPage, { returnAll: true, limit: 0, pageSize: 10 })).toEqual(
			data,
		);
		expect(calls).toEqual(['1,10', '2,10', '3,10']);
	});

	test('an empty list is one request', async () => {
		const calls = [];
		expect(
			await collectPages(
				async (page, size) => (calls.push([page, size]), { items: [], total: 0 }),
				{ returnAll: true, limit: 0, pageSize: 500 },
			),
		).toEqual([]);
		expect(calls).toHaveLength(1);
	});
});

describe('toHoodTime', () => {
	const node = { name: 'Ocamba Hood' };
	test("date picker values mean the workflow time zone; Ocamba's own format is GMT already", () => {
		expect(toHoodTime(node, '2025-07-01T10:00:00', 'Europe/Berlin', 'From', 0)).toBe(
			'2025-07-01 08:00:00',
		);
		expect(toHoodTime(node, '2025-01-01T10:00:00', 'Europe/Berlin', 'From', 0)).toBe(
			'2025-01-01 09:00:00',
		);
		expect(toHoodTime(node, '2025-07-01T10:00:00+02:00', 'America/New_York', 'From', 0)).toBe(
			'2025-07-01 08:00:00',
		);
		expect(toHoodTime(node, '2025-07-01 10:00:00', 'Europe/Berlin', 'From', 0)).toBe(
			'2025-07-01 10:00:00',
		);
	});
	test('anything else names the field and item', () => {
		expect(() => toHoodTime(node, 'tomorrow', 'UTC', 'Scheduled Time', 3)).toThrow(
			'Invalid "Scheduled Time": must be a date-time, such as 2025-06-01T08:00:00 or 2025-06-01 08:00:00 [item 3]',
		);
	});
});

test('the credential sends a Bearer token and tests with one property', () => {
	const credential = new OcambaHoodApi();
	expect(credential.authenticate).toEqual({
		type: 'generic',
		properties: { headers: { Authorization: '=Bearer {{$credentials.apiToken}}' } },
	});
	expect(credential.properties.find((p) => p.name === 'apiToken').typeOptions).toEqual({
		password: true,
	});
	expect(credential.properties.find((p) => p.name === 'baseUrl').default).toBe(
		'https://api.ocamba.com',
	);
	expect(credential.test.request).toMatchObject({
		url: '/v1/hood/profile-properties',
		qs: { page: '1,1' },
	});
});

describe('import reports and list refusals', () => {
	const {
		importIdOf,
		latestByProfile,
	} = require('../../dist/nodes/OcambaHood/actions/profile/importReport.js');
	const { mapListRefusal } = require('../../dist/nodes/OcambaHood/actions/shared/query.js');
	const { readableField } = require('../../dist/nodes/common/list.js');
	const { propertyName } = require('../../dist/nodes/OcambaHood/actions/profileProperty/fields.js');

	test('the import ID is read from "id" (or "import_id"); no body or no ID gives none', () => {
		expect(importIdOf({ id: '70823f7d-b3ed-4eda-9720-09eaec0a7deb', status: 'running' })).toBe(
			'70823f7d-b3ed-4eda-9720-09eaec0a7deb',
		);
		expect(importIdOf({ import_id: 42 })).toBe('42');
		for (const answer of [undefined, '', {}, [], { id: null }])
			expect(importIdOf(answer)).toBeUndefined();
	});

	test('the latest report row per profile wins', () => {
		const rows = [
			{ profile_id: 'a', code: 'PENDING', update_time: '2026-04-28 12:00:05' },
			{ profile_id: 'a', code: 'SUCCESS', update_time: '2026-04-28 12:00:09' },
			{ profile_id: 'b', code: 'SUCCESS', update_time: '2026-04-28 12:00:01' },
		];
		expect(
			Object.fromEntries([...latestByProfile(rows)].map(([id, row]) => [id, row.code])),
		).toEqual({ a: 'SUCCESS', b: 'SUCCESS' });
	});

	test('a property name under "label" or "property"; label first', () => {
		expect(propertyName({ label: 'tier' })).toBe('tier');
		expect(propertyName({ property: 'tier', target: 'other' })).toBe('tier');
		expect(propertyName({ label: 'a', property: 'b' })).toBe('a');
		expect(propertyName({ target: 'x' })).toBe('');
	});

	test('readable option names keep the API field as the value', () => {
		expect(
			['next_run_time', 'run_counter', 'id', 'pi_data', 'page_url'].map(readableField),
		).toEqual(['Next Run Time', 'Run Counter', 'ID', 'PI Data', 'Page URL']);
	});

	test('a 400 naming a query parameter gets the node field and item; other errors pass unchanged', () => {
		const sources = {
			q_fields: 'Search In',
			sort: 'Sort',
			name: 'Filter entry 1 › Field',
			page: 'Page Size',
		};
		const refusal = (message, httpCode = '400') => ({
			httpCode,
			message,
			description: 'The service refused the request as malformed.',
		});
		expect(
			mapListRefusal(
				refusal('Ocamba Hood answered 400: Bad request. – "x" is not searchable.'),
				sources,
				3,
			).message,
		).toBe(
			'Invalid "Search In": Ocamba Hood answered 400: Bad request. – "x" is not searchable. [item 3]',
		);
		expect(mapListRefusal(refusal('… – "x" is not sortable.'), sources, 0).message).toMatch(
			/^Invalid "Sort": .*\[item 0\]$/,
		);
		expect(mapListRefusal(refusal('… – Unknown filter on name.'), sources, 1).message).toMatch(
			/^Invalid "Filter entry 1 › Field": .*\[item 1\]$/,
		);
		// "trace_id" or "username" do not name "id" or "name"; a 500 is never remapped.
		expect(mapListRefusal(refusal('… – bad username'), sources, 0).message).toBe(
			'… – bad username',
		);
		expect(mapListRefusal(refusal('… – q_fields broke', '500'), sources, 0).message).toBe(
			'… – q_fields broke',
		);
	});
});
