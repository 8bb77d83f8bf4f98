// The Algonomy credential's URL logic and bearer placement, and the shared yyyy-mm-dd date helpers.
const {
	ALGONOMY_ENVIRONMENTS,
	ALGONOMY_GATEWAY_URL_EXPRESSION,
	AlgonomyApi,
	algonomyTokenApplies,
} = require('../../dist/credentials/AlgonomyApi.credentials.js');
const {
	algonomyGatewayUrl,
	algonomyTokenUrl,
	algonomyRecommendationUrl,
} = require('../../dist/nodes/Algonomy/urls.js');
const {
	algonomyTokenFingerprint,
	algonomyTokenIsStale,
} = require('../../dist/nodes/Algonomy/token.js');
const {
	isCalendarDate,
	calendarDateSchema,
	toCalendarDate,
	endNotBeforeStart,
} = require('../../dist/nodes/common/schemas.js');
const { z } = require('zod');

describe('URLs from the credential', () => {
	test("the credential test's gateway expression, in n8n's engine, agrees with algonomyGatewayUrl", async () => {
		const { resolveCredentialValue } = require('../harness/expressions');
		const cases = [
			...ALGONOMY_ENVIRONMENTS.map(({ value }) => ({
				environment: value,
				gatewayUrl: ' http://gw/x/ ',
			})),
			{},
		];
		for (const credentials of cases)
			expect(
				await resolveCredentialValue(`={{ ${ALGONOMY_GATEWAY_URL_EXPRESSION} }}`, credentials),
			).toBe(algonomyGatewayUrl(credentials));
		// The credential test is the token request: its URL is algonomyTokenUrl's.
		const { url } = new AlgonomyApi().test.request;
		for (const credentials of [
			{ environment: 'staging-gateway', apiKey: 'k/1' },
			{ environment: 'custom', gatewayUrl: 'https://proxy.example.com/a/' },
			{
				environment: 'gateway',
				tokenUrl: ' https://gateway.richrelevance.com/contentupdate/oauth2/token ',
			},
		])
			expect(await resolveCredentialValue(url, credentials)).toBe(algonomyTokenUrl(credentials));
	});

	test.each([
		[{ environment: 'gateway' }, 'https://gateway.richrelevance.com'],
		[{ environment: 'staging-gateway' }, 'https://staging-gateway.richrelevance.com'],
		[{ environment: 'qa-gateway' }, 'https://qa-gateway.richrelevance.com'],
		[
			{ environment: 'custom', gatewayUrl: ' https://proxy.example.com/algonomy/ ' },
			'https://proxy.example.com/algonomy',
		],
		[{}, 'https://gateway.richrelevance.com'],
	])('gateway for %j', (credentials, expected) => {
		expect(algonomyGatewayUrl(credentials)).toBe(expected);
	});

	test('token URL: derived from the environment unless overridden', () => {
		expect(algonomyTokenUrl({ environment: 'staging-gateway' })).toBe(
			'https://staging-gateway.richrelevance.com/contentupdate/v1/oauth2/token',
		);
		expect(
			algonomyTokenUrl({
				environment: 'gateway',
				tokenUrl: ' https://gateway.richrelevance.com/contentupdate/v1/KEY/oauth2/token ',
			}),
		).toBe('https://gateway.richrelevance.com/contentupdate/v1/KEY/oauth2/token');
	});

	test('recommendation host: the default, or the one given without a trailing slash', () => {
		expect(algonomyRecommendationUrl({})).toBe('https://recs.algorecs.com');
		expect(algonomyRecommendationUrl({ recsBaseUrl: 'https://integration.algorecs.com/' })).toBe(
			'https://integration.algorecs.com',
		);
	});
});

describe('authenticate(): the bearer goes to the gateway only', () => {
	const credential = new AlgonomyApi();
	const issuedFor = {
		environment: 'gateway',
		clientId: 'client',
		clientSecret: 'secret',
		apiKey: 'KEY',
		recsBaseUrl: 'https://recs.algorecs.com',
	};
	const credentials = {
		...issuedFor,
		accessToken: 'tok-123',
		tokenFingerprint: algonomyTokenFingerprint(issuedFor),
	};

	test.each([
		[{ method: 'PUT', url: 'https://gateway.richrelevance.com/contentupdate/v1/KEY' }, true],
		[
			{
				method: 'PUT',
				baseURL: 'https://gateway.richrelevance.com/',
				url: '/contentupdate/v1/KEY',
			},
			true,
		],
		[{ method: 'GET', uri: 'https://gateway.richrelevance.com/catalogupdate/v1/x', url: '' }, true],
		[
			{ method: 'GET', url: 'https://recs.algorecs.com/rrserver/api/rrPlatform/recsForPlacements' },
			false,
		],
		[
			{
				method: 'GET',
				url: 'https://gateway.richrelevance.com/rrserver/api/rrPlatform/recsForPlacements',
			},
			false,
		],
		// The token request authenticates with the client's ID and secret, never with a bearer.
		[
			{ method: 'POST', url: 'https://gateway.richrelevance.com/contentupdate/v1/oauth2/token' },
			false,
		],
		[{ method: 'GET', url: 'https://evil.example.com/contentupdate/v1/KEY' }, false],
		[{ method: 'GET', url: 'http://gateway.richrelevance.com/contentupdate/v1/KEY' }, false],
	])('%j → bearer %s', async (requestOptions, expected) => {
		const signed = await credential.authenticate(credentials, { ...requestOptions });
		expect(signed.headers?.Authorization === 'Bearer tok-123').toBe(expected);
		expect(algonomyTokenApplies(credentials, requestOptions)).toBe(expected);
	});

	test('a token issued for other values, or about to expire, is not sent (the 401 makes n8n fetch a new one)', async () => {
		const gatewayCall = {
			method: 'PUT',
			url: 'https://gateway.richrelevance.com/contentupdate/v1/KEY',
		};
		const changedSecret = await credential.authenticate(
			{ ...credentials, clientSecret: 'typed-now' },
			{ ...gatewayCall },
		);
		expect(changedSecret.headers.Authorization).toBe('Bearer ');
		const expiring = await credential.authenticate(
			{ ...credentials, tokenExpiresAt: String(Date.now() + 1000), tokenLifetimeMs: '7200000' },
			{ ...gatewayCall },
		);
		expect(expiring.headers.Authorization).toBe('Bearer ');
		const current = await credential.authenticate(
			{ ...credentials, tokenExpiresAt: String(Date.now() + 3600000), tokenLifetimeMs: '7200000' },
			{ ...gatewayCall },
		);
		expect(current.headers.Authorization).toBe('Bearer tok-123');
	});

	test('keeps the other headers', async () => {
		const signed = await credential.authenticate(credentials, {
			method: 'PUT',
			url: 'https://gateway.richrelevance.com/contentupdate/v1/K',
			headers: { 'Content-Type': 'application/json' },
		});
		expect(signed.headers).toEqual({
			'Content-Type': 'application/json',
			Authorization: 'Bearer tok-123',
		});
	});

	test('the token field is hidden, expirable and masked; the secret is a password field', () => {
		const byName = Object.fromEntries(
			credential.properties.map((property) => [property.name, property]),
		);
		expect(byName.accessToken).toMatchObject({
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
		});
		expect(byName.clientSecret.typeOptions).toEqual({ password: true });
	});
});

describe('the cached token: expiry and fingerprint', () => {
	const values = { environment: 'gateway', apiKey: 'KEY', clientId: 'id', clientSecret: 'secret' };
	const fingerprint = algonomyTokenFingerprint(values);
	const now = 1_750_000_000_000;
	const cached = (extra = {}) => ({
		...values,
		accessToken: 'tok',
		tokenFingerprint: fingerprint,
		...extra,
	});

	test('the fingerprint changes with each value that produced the token, and hides the secret', () => {
		expect(fingerprint).toMatch(/^[0-9a-f]{64}$/);
		for (const change of [
			{ clientId: 'x' },
			{ clientSecret: 'x' },
			{ apiKey: 'x' },
			{ tokenUrl: 'https://x/token' },
			{ environment: 'staging-gateway' },
		]) {
			expect(algonomyTokenFingerprint({ ...values, ...change })).not.toBe(fingerprint);
		}
		expect(
			algonomyTokenFingerprint({ ...values, recsBaseUrl: 'https://x', apiClientKey: 'y' }),
		).toBe(fingerprint);
	});

	test.each([
		['no token', { accessToken: '' }, true],
		['a token from other values', { tokenFingerprint: 'other' }, true],
		['a token from before fingerprints (none stored)', { tokenFingerprint: '' }, true],
		['no expiry (valid until revoked)', {}, false],
		['7200 s left', { tokenExpiresAt: String(now + 7_200_000), tokenLifetimeMs: '7200000' }, false],
		[
			'six minutes left',
			{ tokenExpiresAt: String(now + 360_000), tokenLifetimeMs: '7200000' },
			false,
		],
		[
			'four minutes left (within the 5-minute margin)',
			{ tokenExpiresAt: String(now + 240_000), tokenLifetimeMs: '7200000' },
			true,
		],
		['expired', { tokenExpiresAt: String(now - 1), tokenLifetimeMs: '7200000' }, true],
		[
			'a 60 s token with 40 s left (margin: half its life)',
			{ tokenExpiresAt: String(now + 40_000), tokenLifetimeMs: '60000' },
			false,
		],
		[
			'a 60 s token with 20 s left',
			{ tokenExpiresAt: String(now + 20_000), tokenLifetimeMs: '60000' },
			true,
		],
	])('%s → stale %s', (_name, extra, expected) => {
		expect(algonomyTokenIsStale(cached(extra), now)).toBe(expected);
	});

	test('the token URL hint names all three documented paths', () => {
		const tokenUrl = new AlgonomyApi().properties.find((property) => property.name === 'tokenUrl');
		for (const path of [
			'/contentupdate/v1/oauth2/token',
			'/contentupdate/oauth2/token',
			'/contentupdate/v1/{API key}/oauth2/token',
		]) {
			expect(tokenUrl.hint).toContain(path);
		}
	});
});

describe('yyyy-mm-dd dates (nodes/common/schemas)', () => {
	test.each([
		['2025-06-01', true],
		['2024-02-29', true],
		['2025-02-29', false],
		['2025-13-01', false],
		['2025-6-1', false],
		['2025-06-01T00:00:00Z', false],
		['', false],
	])('isCalendarDate(%j) = %s', (value, expected) => {
		expect(isCalendarDate(value)).toBe(expected);
	});

	test.each([
		['2025-06-01T00:00:00', '2025-06-01'],
		['2025-06-01T23:30:00-05:00', '2025-06-01'],
		['2025-06-01T10:00:00.000+02:00', '2025-06-01'],
		['2025-06-01 08:00', '2025-06-01'],
		['2025-06-01', '2025-06-01'],
		['next week', 'next week'],
		[20250601, 20250601],
	])('toCalendarDate(%j) = %j', (value, expected) => {
		expect(toCalendarDate(value)).toEqual(expected);
	});

	test('schema and end-not-before-start refinement', () => {
		const schema = z
			.object({ from: calendarDateSchema().optional(), to: calendarDateSchema().optional() })
			.superRefine(endNotBeforeStart('from', 'to', 'From'));
		expect(schema.safeParse({ from: '2025-06-01', to: '2025-06-01' }).success).toBe(true);
		expect(schema.safeParse({ to: '2025-06-01' }).success).toBe(true);
		const reversed = schema.safeParse({ from: '2025-06-02', to: '2025-06-01' });
		expect(reversed.error.issues).toEqual([
			expect.objectContaining({ path: ['to'], message: 'must not be before From (2025-06-02)' }),
		]);
		expect(schema.safeParse({ from: '01/06/2025' }).error.issues[0].message).toBe(
			'must be a date as yyyy-mm-dd, such as 2025-06-01',
		);
		expect(schema.safeParse({ from: 20250601 }).error.issues[0].message).toBe(
			'must be a date as yyyy-mm-dd, such as 2025-06-01',
		);
	});
});

describe('which credential the node asks for', () => {
	const { NodeHelpers } = require('n8n-workflow');
	const { Algonomy } = require('../../dist/nodes/Algonomy/Algonomy.node.js');
	const description = new Algonomy().description;
	const shown = (parameters) => {
		const full = NodeHelpers.getNodeParameters(
			description.properties,
			parameters,
			true,
			false,
			null,
			description,
		);
		return description.credentials
			.filter((credential) =>
				NodeHelpers.displayParameter(full, credential, null, description, full),
			)
			.map((credential) => credential.name);
	};

	test.each([
		['content', { resource: 'content', operation: 'replace' }, ['algonomyApi']],
		[
			'recommendations in a workflow saved before the choice existed',
			{ resource: 'recommendation', operation: 'getForPlacements' },
			['algonomyApi'],
		],
		[
			'recommendations with the keys-only credential',
			{
				resource: 'recommendation',
				operation: 'getForPlacements',
				authentication: 'recommendationKeys',
			},
			['algonomyRecsApi'],
		],
		[
			'content after switching from recommendations with keys only',
			{ resource: 'content', operation: 'replace', authentication: 'recommendationKeys' },
			['algonomyApi'],
		],
	])('%s → %j', (_name, parameters, expected) => {
		expect(shown(parameters)).toEqual(expected);
	});
});
