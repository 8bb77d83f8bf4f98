// Small pure pieces of the Contentstack Personalize node and credentials (built files in dist/), and
// the two generic options it added to the shared transport: `pacingKey` and `authenticate: false`.
const {
	ContentstackPersonalizeApi,
	managementPathOf,
	sessionFingerprint,
} = require('../../dist/credentials/ContentstackPersonalizeApi.credentials.js');
const {
	CONTENTSTACK_REGIONS,
	contentstackRegionUrl,
	contentstackUrl,
	regionUrlExpression,
} = require('../../dist/nodes/ContentstackPersonalize/urls.js');
const { apiRequest } = require('../../dist/nodes/common/transport.js');
const { requestClass } = require('../../dist/nodes/ContentstackPersonalize/transport.js');
const { describeErrorBody } = require('../../dist/nodes/common/errors.js');
/** Contentstack's `error` is a code, so its profile reads error bodies with errorIsCode. */
const contentstackText = (body) => describeErrorBody(body, { errorIsCode: true });
const {
	equalShares,
} = require('../../dist/nodes/ContentstackPersonalize/actions/experienceVersion/fields.js');

const HOSTS = {
	na: [
		'https://personalize-api.contentstack.com',
		'https://personalize-edge.contentstack.com',
		'https://api.contentstack.io',
		'https://app.contentstack.com',
		'https://developerhub-api.contentstack.com',
	],
	eu: [
		'https://eu-personalize-api.contentstack.com',
		'https://eu-personalize-edge.contentstack.com',
		'https://eu-api.contentstack.com',
		'https://eu-app.contentstack.com',
		'https://eu-developerhub-api.contentstack.com',
	],
	au: [
		'https://au-personalize-api.contentstack.com',
		'https://au-personalize-edge.contentstack.com',
		'https://au-api.contentstack.com',
		'https://au-app.contentstack.com',
		'https://au-developerhub-api.contentstack.com',
	],
	'azure-na': [
		'https://azure-na-personalize-api.contentstack.com',
		'https://azure-na-personalize-edge.contentstack.com',
		'https://azure-na-api.contentstack.com',
		'https://azure-na-app.contentstack.com',
		'https://azure-na-developerhub-api.contentstack.com',
	],
	'azure-eu': [
		'https://azure-eu-personalize-api.contentstack.com',
		'https://azure-eu-personalize-edge.contentstack.com',
		'https://azure-eu-api.contentstack.com',
		'https://azure-eu-app.contentstack.com',
		'https://azure-eu-developerhub-api.contentstack.com',
	],
	'gcp-na': [
		'https://gcp-na-personalize-api.contentstack.com',
		'https://gcp-na-personalize-edge.contentstack.com',
		'https://gcp-na-api.contentstack.com',
		'https://gcp-na-app.contentstack.com',
		'https://gcp-na-developerhub-api.contentstack.com',
	],
	'gcp-eu': [
		'https://gcp-eu-personalize-api.contentstack.com',
		'https://gcp-eu-personalize-edge.contentstack.com',
		'https://gcp-eu-api.contentstack.com',
		'https://gcp-eu-app.contentstack.com',
		'https://gcp-eu-developerhub-api.contentstack.com',
	],
};
const SERVICES = ['management', 'edge', 'cma', 'app', 'developerHub'];
const FIELDS = {
	management: 'managementUrl',
	edge: 'edgeUrl',
	cma: 'cmaUrl',
	app: 'customAppUrl',
	developerHub: 'customDeveloperHubUrl',
};

/** Evaluates one of the credential's `{{ }}` host expressions the way n8n would, for a plain object. */
function evaluate(expression, variable, value) {
	return new Function(variable, `return ${expression};`)(value); // test-only: the expression is our own text
}

describe('regions', () => {
	test('the 7 documented regions and custom hosts are offered', () => {
		expect(CONTENTSTACK_REGIONS.map((region) => region.value).sort()).toEqual([
			'au',
			'azure-eu',
			'azure-na',
			'custom',
			'eu',
			'gcp-eu',
			'gcp-na',
			'na',
		]);
	});

	test.each(Object.entries(HOSTS))(
		"%s: every service host (NA's CMA ends in .io); the expressions agree",
		(region, hosts) => {
			SERVICES.forEach((service, index) => {
				expect(contentstackRegionUrl(region, service)).toBe(hosts[index]);
				expect(
					evaluate(regionUrlExpression('$self', service, FIELDS[service]), '$self', { region }),
				).toBe(hosts[index]);
			});
		},
	);

	test("n8n's expression engine gives contentstackRegionUrl for every region and service", async () => {
		const { resolveCredentialValue } = require('../harness/expressions');
		const resolve = (variable, service, data) =>
			resolveCredentialValue(
				`={{ ${regionUrlExpression(variable, service, FIELDS[service])} }}`,
				data,
			);
		for (const { value: region } of CONTENTSTACK_REGIONS.filter((r) => r.value !== 'custom'))
			for (const service of SERVICES)
				for (const variable of ['$self', '$credentials'])
					expect([region, service, variable, await resolve(variable, service, { region })]).toEqual(
						[region, service, variable, contentstackRegionUrl(region, service)],
					);
		expect(await resolve('$self', 'app', { region: '' })).toBe(contentstackRegionUrl('na', 'app'));
		expect(
			await resolve('$credentials', 'management', {
				region: 'custom',
				managementUrl: ' http://p/x// ',
			}),
		).toBe('http://p/x');
	});

	test('custom hosts come from the credential, without trailing slashes', () => {
		const credentials = {
			region: 'custom',
			managementUrl: 'http://proxy.local/personalize/ ',
			edgeUrl: 'http://proxy.local/edge//',
			cmaUrl: 'http://cma.local',
		};
		expect(contentstackUrl(credentials, 'management')).toBe('http://proxy.local/personalize');
		expect(contentstackUrl(credentials, 'edge')).toBe('http://proxy.local/edge');
		expect(contentstackUrl(credentials, 'cma')).toBe('http://cma.local');
		expect(
			evaluate(
				regionUrlExpression('$credentials', 'management', 'managementUrl'),
				'$credentials',
				credentials,
			),
		).toBe('http://proxy.local/personalize');
	});
});

describe("the API credential's authenticate()", () => {
	const credential = new ContentstackPersonalizeApi();
	const base = {
		region: 'custom',
		managementUrl: 'http://h',
		edgeUrl: 'http://h/edge',
		projectUid: 'p'.repeat(24),
		organizationUid: 'org1',
	};
	const sign = (data, url, headers = {}) =>
		credential.authenticate({ ...base, ...data }, { url, method: 'GET', headers });

	test('authtoken, login session or bearer token, by mode', async () => {
		expect(
			(await sign({ authMode: 'authtoken', authtoken: 'a1' }, 'http://h/events')).headers,
		).toEqual({ authtoken: 'a1', 'x-project-uid': base.projectUid });
		const login = {
			authMode: 'emailPassword',
			email: 'a@b.c',
			password: 'pw',
			sessionToken: 's1',
			authtoken: 'ignored',
		};
		const fingerprint = sessionFingerprint({ ...base, ...login });
		expect(
			(await sign({ ...login, sessionFingerprint: fingerprint }, 'http://h/events')).headers,
		).toEqual({ authtoken: 's1', 'x-project-uid': base.projectUid });
		// A session from other login values is not sent: the API's 401 makes n8n log in again.
		expect(
			(
				await sign(
					{ ...login, sessionFingerprint: fingerprint, password: 'changed' },
					'http://h/events',
				)
			).headers.authtoken,
		).toBe('');
		expect(
			(await sign({ ...login, sessionFingerprint: '' }, 'http://h/events')).headers.authtoken,
		).toBe('');
		expect(
			(await sign({ authMode: 'oauthToken', accessToken: 't1' }, 'http://h/events')).headers,
		).toEqual({ authorization: 'Bearer t1', 'x-project-uid': base.projectUid });
	});

	test('scope headers: none for geolocation, organization_uid for /projects, and an existing header is kept', async () => {
		expect((await sign({ authtoken: 'a1' }, 'http://h/geolocation/countries')).headers).toEqual({
			authtoken: 'a1',
		});
		expect((await sign({ authtoken: 'a1' }, 'http://h/projects/abc')).headers).toEqual({
			authtoken: 'a1',
			organization_uid: 'org1',
		});
		expect(
			(await sign({ authtoken: 'a1' }, 'http://h/events', { 'X-Project-Uid': 'other' })).headers,
		).toEqual({ authtoken: 'a1', 'X-Project-Uid': 'other' });
	});

	test('no token to the Edge API (even below the management URL), nor to another host', async () => {
		const edge = { url: 'http://h/edge/events', method: 'POST', headers: { 'x-project-uid': 'p' } };
		expect(await credential.authenticate({ ...base, authtoken: 'a1' }, edge)).toBe(edge);
		const elsewhere = { url: 'https://example.com/events', method: 'GET' };
		expect(await credential.authenticate({ ...base, authtoken: 'a1' }, elsewhere)).toBe(elsewhere);
		expect(managementPathOf(base, { url: 'http://h/experiences/x/versions' })).toBe(
			'/experiences/x/versions',
		);
		expect(managementPathOf(base, { url: 'http://hx/events' })).toBeUndefined();
		expect(managementPathOf(base, { baseURL: 'http://h', url: '/events' })).toBe('/events');
	});

	test('preAuthentication logs in only for email and password', async () => {
		const calls = [];
		const helpers = {
			helpers: {
				httpRequest: async (options) => (
					calls.push(options),
					{ statusCode: 200, body: { user: { authtoken: 'new' } } }
				),
			},
		};
		expect(
			await credential.preAuthentication.call(helpers, { ...base, authMode: 'authtoken' }),
		).toEqual({});
		expect(
			await credential.preAuthentication.call(helpers, { ...base, authMode: 'oauthToken' }),
		).toEqual({});
		expect(calls).toEqual([]);
		const output = await credential.preAuthentication.call(helpers, {
			region: 'eu',
			authMode: 'emailPassword',
			email: ' a@b.c ',
			password: 'pw',
			tfaToken: '',
		});
		expect(output).toEqual({
			sessionToken: 'new',
			sessionFingerprint: sessionFingerprint({ region: 'eu', email: 'a@b.c', password: 'pw' }),
		});
		expect(calls).toEqual([
			expect.objectContaining({
				method: 'POST',
				url: 'https://eu-api.contentstack.com/v3/user-session',
				body: { user: { email: 'a@b.c', password: 'pw' } },
			}),
		]);
	});
});

describe('node helpers', () => {
	test('request classes: GET reads, other methods write, public calls are the edge', () => {
		expect(
			['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'].map((method) => requestClass({ method })),
		).toEqual(['read', 'read', 'write', 'write', 'write', 'write']);
		expect(requestClass({ method: 'POST', authenticate: false })).toBe('edge');
	});

	test('error text from every shape Contentstack uses', () => {
		expect(
			contentstackText({ error: 'personalize.X.MISSING_EXPERIENCES', message: 'Missing' }),
		).toBe('Missing – personalize.X.MISSING_EXPERIENCES');
		expect(contentstackText({ error_message: 'Not logged in', error_code: 105 })).toBe(
			'Not logged in – error_code 105',
		);
		expect(contentstackText({ errors: { name: ['is required'], key: 'taken' } })).toBe(
			'name: is required – key: taken',
		);
		expect(contentstackText({ message: ['a', 'b'] })).toBe('a – b');
		expect(contentstackText('Bad gateway')).toBe('Bad gateway');
		expect(contentstackText({ other: 1 })).toBe('{"other":1}');
		expect(contentstackText('')).toBeUndefined();
	});

	test('equal A/B shares add up to 100', () => {
		for (let count = 1; count <= 9; count++)
			expect(equalShares(count).reduce((a, b) => a + b, 0)).toBe(100);
		expect(equalShares(3)).toEqual([34, 33, 33]);
		expect(equalShares(6)).toEqual([17, 17, 17, 17, 16, 16]);
	});
});

describe('shared transport: pacingKey and authenticate: false (generic, backward compatible)', () => {
	function fakeContext({ credentialId = 'c1' } = {}) {
		const log = [];
		const answer = () => ({ statusCode: 200, headers: {}, body: {} });
		return {
			log,
			getNode: () => ({
				id: 'n',
				name: 'Node',
				credentials: { fakeApi: { id: credentialId, name: 'x' } },
			}),
			getCredentials: async () => (log.push({ credentials: true }), { secret: 's' }),
			helpers: {
				httpRequestWithAuthentication: async function (type, options) {
					log.push({ at: Date.now(), via: 'auth', method: options.method, url: options.url });
					return answer();
				},
				httpRequest: async (options) => (
					log.push({
						at: Date.now(),
						via: 'plain',
						method: options.method,
						url: options.url,
						ignore: options.ignoreHttpStatusErrors,
					}),
					answer()
				),
			},
		};
	}

	const profile = (extra = {}) => ({
		serviceName: 'Fake',
		credentialType: 'fakeApi',
		defaultRequestsPerSecond: 10,
		...extra,
	});
	const send = (context, p, method, extra = {}) =>
		apiRequest(context, p, { method, url: `http://x/${method}`, ...extra });

	test('with a pacingKey, each class has its own pacer: reads and writes are paced apart, side by side', async () => {
		const context = fakeContext({ credentialId: 'split' });
		const split = profile({
			pacingKey: (request) => (request.method === 'GET' ? 'read' : 'write'),
		});
		await Promise.all(
			[...Array(8)].flatMap(() => [send(context, split, 'GET'), send(context, split, 'POST')]),
		);
		const times = (method) =>
			context.log.filter((entry) => entry.method === method).map((entry) => entry.at);
		// Each class keeps its own 10 per second: its nth request leaves no earlier than n slots after
		// its first (slots are fixed, so a late timer is followed by a shorter gap, never an early one).
		for (const method of ['GET', 'POST']) {
			const sent = times(method);
			for (let n = 1; n < sent.length; n++)
				expect(sent[n] - sent[0]).toBeGreaterThanOrEqual(n * 100 - 30);
		}
		// …and the two run side by side: with one shared pacer no two requests would be this close.
		const all = context.log.filter((entry) => entry.at).map((entry) => entry.at);
		all.sort((a, b) => a - b);
		const gaps = all.slice(1).map((at, n) => at - all[n]);
		expect(gaps.filter((gap) => gap < 50).length).toBeGreaterThanOrEqual(4);
	});

	test('without one (every other service), all requests of a credential share one pacer, as before', async () => {
		const context = fakeContext({ credentialId: 'shared' });
		const started = Date.now();
		await Promise.all(
			[...Array(8)].flatMap(() => [
				send(context, profile(), 'GET'),
				send(context, profile(), 'POST'),
			]),
		);
		expect(Date.now() - started).toBeGreaterThanOrEqual(1480);
	});

	test('authenticate: false goes through the plain HTTP helper and never reads the credential', async () => {
		const context = fakeContext({ credentialId: 'public' });
		await send(context, profile({ credentialRefreshStatusCodes: [401] }), 'POST', {
			authenticate: false,
		});
		expect(context.log).toEqual([
			{
				at: expect.any(Number),
				via: 'plain',
				method: 'POST',
				url: 'http://x/POST',
				ignore: { ignore: true, except: [] },
			},
		]);
		await send(context, profile(), 'POST');
		expect(context.log.slice(1).map((entry) => entry.via ?? 'credentials')).toEqual([
			'credentials',
			'auth',
		]);
	});
});

describe('2FA: RFC 6238 time-based one-time passwords (node:crypto)', () => {
	const {
		base32Decode,
		totp,
	} = require('../../dist/credentials/ContentstackPersonalizeApi.credentials.js');
	// RFC 6238 Appendix B: the seeds are the ASCII digits, 20, 32 and 64 bytes long; 8-digit codes.
	const SEEDS = {
		sha1: Buffer.from('12345678901234567890'),
		sha256: Buffer.from('12345678901234567890123456789012'),
		sha512: Buffer.from('1234567890123456789012345678901234567890123456789012345678901234'),
	};
	const VECTORS = [
		[59, '94287082', '46119246', '90693936'],
		[1111111109, '07081804', '68084774', '25091201'],
		[1111111111, '14050471', '67062674', '99943326'],
		[1234567890, '89005924', '91819424', '93441116'],
		[2000000000, '69279037', '90698825', '38618901'],
		[20000000000, '65353130', '77737706', '47863826'],
	];

	test.each(VECTORS)('T = %i', (time, sha1, sha256, sha512) => {
		expect(totp(SEEDS.sha1, time, { digits: 8 })).toBe(sha1);
		expect(totp(SEEDS.sha256, time, { digits: 8, algorithm: 'sha256' })).toBe(sha256);
		expect(totp(SEEDS.sha512, time, { digits: 8, algorithm: 'sha512' })).toBe(sha512);
	});

	test('the authenticator-app form: a base32 secret, 6 digits, 30-second steps', () => {
		// base32 of the RFC's SHA-1 seed; a 6-digit code is the last 6 digits of the 8-digit one.
		const key = base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq');
		expect(key.equals(SEEDS.sha1)).toBe(true);
		expect(totp(key, 59)).toBe('287082');
		expect(totp(key, 1111111109)).toBe('081804');
		expect(totp(key, 1111111080)).toBe('081804'); // the same 30-second step
		expect(totp(key, 1111111110)).toBe('050471'); // the next one
		expect(() => base32Decode('not base32!')).toThrow('not a base32 key');
		expect(() => base32Decode('')).toThrow('not a base32 key');
	});

	test('the session fingerprint changes with the email, password, login URL or 2FA secret, not with the code', () => {
		const base = {
			authMode: 'emailPassword',
			region: 'eu',
			email: 'a@example.com',
			password: 'p1',
			mfaSecret: '',
		};
		const fingerprint = sessionFingerprint(base);
		expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
		expect(fingerprint).not.toContain('p1');
		expect(sessionFingerprint({ ...base, tfaToken: '123456', sessionToken: 'blt1' })).toBe(
			fingerprint,
		);
		for (const change of [
			{ email: 'b@example.com' },
			{ password: 'p2' },
			{ region: 'na' },
			{ mfaSecret: 'JBSWY3DPEHPK3PXP' },
			{ region: 'custom', cmaUrl: 'https://cma.example' },
		])
			expect(sessionFingerprint({ ...base, ...change })).not.toBe(fingerprint);
	});
});
