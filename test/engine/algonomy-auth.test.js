// The client-credentials token: fetched once, reused across items and executions, refreshed only
// when the API answers invalid_token, clear errors when the token URL refuses, no secret anywhere.
const h = require('./algonomy-helpers');
const { testCredential } = require('../harness');

let sandbox;
beforeAll(async () => {
	sandbox = await h.startAlgonomySandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const items = (count, prefix = 'c') =>
	Array.from({ length: count }, (_, i) => h.content(`${prefix}-${i}`));
const replace = (options = {}) => h.fromItems('replace', { batchSize: 10, ...options });
const storedToken = (helper) => helper.getStoredCredentials('algonomyApi').accessToken;

describe('token reuse', () => {
	test('one token request for many items and batches, and for later executions', async () => {
		const helper = await h.persistentCredentials(sandbox);
		for (let execution = 0; execution < 3; execution++) {
			const { status } = await h.run(sandbox, replace(), {
				items: items(35, `run${execution}`),
				credentials: helper,
			});
			expect(status).toBe('success');
		}
		expect(h.contentRequests(sandbox)).toHaveLength(12); // 3 executions × 4 batches
		expect(sandbox.tokenRequests).toBe(1);
		expect(helper.preAuthenticationCalls.algonomyApi).toBe(1);
		expect(storedToken(helper)).toMatch(/^sbx_/); // persisted with the credential, as n8n's database does
	});

	test('the secret goes only to the token URL, and the token only to the gateway', async () => {
		const helper = await h.persistentCredentials(sandbox);
		await h.run(sandbox, replace(), { items: items(3), credentials: helper });
		await h.run(
			sandbox,
			{ resource: 'recommendation', operation: 'getForPlacements', placements: 'home_page.hero' },
			{ credentials: helper },
		);
		for (const request of sandbox.requests) {
			const sent = JSON.stringify({ query: request.query, body: request.rawBody });
			if (request.path.endsWith('/oauth2/token')) expect(sent).toContain(h.CLIENT_SECRET);
			else expect(sent).not.toContain(h.CLIENT_SECRET);
		}
		const recs = sandbox.requests.filter((request) => request.path.startsWith('/rrserver/'));
		expect(recs).toHaveLength(1);
		expect(recs[0].headers.authorization).toBeUndefined();
		expect(
			h.contentRequests(sandbox).every((request) => request.headers.authorization === '[redacted]'),
		).toBe(true);
		expect(sandbox.tokenRequests).toBe(1);
	});
});

describe('refresh only on invalid_token', () => {
	test.each([
		['revoked', () => sandbox.tokens.revokeAll()],
		['expired', () => sandbox.tokens.expireAll()],
	])(
		'a %s token is replaced once and the request resent; later batches use the new token',
		async (_name, invalidate) => {
			const helper = await h.persistentCredentials(sandbox);
			await h.run(sandbox, replace(), { items: items(5), credentials: helper });
			const firstToken = storedToken(helper);
			invalidate();
			const before = h.contentRequests(sandbox).length;

			const { status, json } = await h.run(sandbox, replace(), {
				items: items(30, 'again'),
				credentials: helper,
			});
			expect(status).toBe('success');
			expect(json).toHaveLength(30);
			expect(
				h
					.contentRequests(sandbox)
					.slice(before)
					.map((request) => request.status),
			).toEqual([401, 200, 200, 200]);
			expect(sandbox.tokenRequests).toBe(2);
			expect(helper.preAuthenticationCalls.algonomyApi).toBe(2);
			expect(storedToken(helper)).not.toBe(firstToken);
			expect(sandbox.content()).toHaveLength(35);
		},
	);

	test('tokens that expire by time (expires_in) are refreshed in the same way', async () => {
		let clock = Date.now();
		await h.withSandbox({ tokenTtlSeconds: 60, now: () => clock }, async (own) => {
			const helper = await h.persistentCredentials(own);
			await h.run(own, replace(), { items: items(2), credentials: helper });
			clock += 61_000;
			const { status } = await h.run(own, replace(), { items: items(2), credentials: helper });
			expect(status).toBe('success');
			expect(own.tokenRequests).toBe(2);
		});
	});

	test('other errors (404, 400) never fetch a new token', async () => {
		const helper = await h.persistentCredentials(sandbox);
		await h.run(sandbox, replace(), { items: items(1), credentials: helper });
		sandbox.rejectContentIds(['c-0']);
		await h.run(sandbox, replace(), { items: items(1), credentials: helper });
		const wrongKey = await h.persistentCredentials(sandbox, { apiKey: 'other-key' });
		await h.run(sandbox, replace(), { items: items(1), credentials: wrongKey });
		expect(sandbox.tokenRequests).toBe(2); // one per credential
	});

	test('a token the API keeps refusing is reported after one refresh, not looped', async () => {
		sandbox.injectFault({
			type: 'status',
			status: 401,
			method: 'PUT',
			count: 5,
			body: { error: 'invalid_token', error_description: 'Token not accepted' },
		});
		const { status, error } = await h.run(sandbox, replace(), { items: items(1) });
		expect(status).toBe('error');
		expect(error.httpCode).toBe('401');
		// The vendor's code goes to the details, the title stays readable (issue 13).
		expect(error.message).toBe('Algonomy answered 401: Token not accepted');
		expect(error.description).toMatch(/refused the access token even after n8n fetched a new one/);
		expect(error.description).toMatch(/Error code: invalid_token\.$/);
		expect(h.contentRequests(sandbox)).toHaveLength(2);
		expect(sandbox.tokenRequests).toBe(2);
	});
});

describe('expires_in: refreshed before the token ends, not only on a 401', () => {
	const statuses = (own) => h.contentRequests(own).map((request) => request.status);

	test('the token is stored with its expiry (expires_in) and the fingerprint of what produced it', async () => {
		const helper = await h.persistentCredentials(sandbox);
		const before = Date.now();
		await h.run(sandbox, replace(), { items: items(1), credentials: helper });
		const stored = helper.getStoredCredentials('algonomyApi');
		expect(Number(stored.tokenExpiresAt)).toBeGreaterThanOrEqual(before + 7200 * 1000);
		expect(Number(stored.tokenExpiresAt)).toBeLessThanOrEqual(Date.now() + 7200 * 1000);
		expect(stored.tokenFingerprint).toMatch(/^[0-9a-f]{64}$/);
		expect(JSON.stringify(stored.tokenFingerprint)).not.toContain(h.CLIENT_SECRET);
	});

	test('a token that ends within the margin is replaced before the request: no 401 is needed', async () => {
		await h.withSandbox({ tokenTtlSeconds: 2 }, async (own) => {
			const helper = await h.persistentCredentials(own);
			await h.run(own, replace(), { items: items(1), credentials: helper });
			const first = storedToken(helper);
			// Half the 2 s lifetime is the margin; the sandbox still accepts the old token for another second.
			await new Promise((resolve) => setTimeout(resolve, 1100));
			const { status } = await h.run(own, replace(), {
				items: items(1, 'later'),
				credentials: helper,
			});
			expect(status).toBe('success');
			expect(own.tokenRequests).toBe(2);
			expect(statuses(own)).toEqual([200, 200]);
			expect(storedToken(helper)).not.toBe(first);
		});
	});

	test('a stored expiry within five minutes triggers the refresh; one far off does not', async () => {
		const helper = await h.persistentCredentials(sandbox);
		await h.run(sandbox, replace(), { items: items(1), credentials: helper });
		const stored = helper.getStoredCredentials('algonomyApi');
		helper.setCredentials('algonomyApi', {
			...h.CREDENTIAL,
			data: { ...stored, tokenExpiresAt: String(Date.now() + 60_000) },
		});
		await h.run(sandbox, replace(), { items: items(1, 'b'), credentials: helper });
		expect(sandbox.tokenRequests).toBe(2);
		await h.run(sandbox, replace(), { items: items(1, 'c'), credentials: helper });
		expect(sandbox.tokenRequests).toBe(2);
		expect(statuses(sandbox)).toEqual([200, 200, 200]);
	});
});

describe('the cached token belongs to the credential values that produced it', () => {
	test('a secret changed to a wrong one fails at once, although a valid token is cached', async () => {
		const helper = await h.persistentCredentials(sandbox);
		await h.run(sandbox, replace(), { items: items(1), credentials: helper });
		const stored = helper.getStoredCredentials('algonomyApi');
		helper.setCredentials('algonomyApi', {
			...h.CREDENTIAL,
			data: { ...stored, clientSecret: 'wrong-secret-value' },
		});
		const { status, error } = await h.run(sandbox, replace(), {
			items: items(1, 'b'),
			credentials: helper,
		});
		expect(status).toBe('error');
		expect(error.message).toMatch(/^Algonomy token request failed: invalid_client/);
		expect(sandbox.tokenRequests).toBe(2);
		expect(h.contentRequests(sandbox)).toHaveLength(1);
	});

	test.each([
		['client ID and secret', { clientId: 'second-client', clientSecret: 'second-secret' }],
		['token URL', (own) => ({ tokenUrl: `${own.url}/contentupdate/v1/${h.API_KEY}/oauth2/token` })],
		['API key', { apiKey: 'second-key' }],
	])('a changed %s gets a new token with the new values', async (_name, change) => {
		const clients = {
			[h.CLIENT_ID]: { secret: h.CLIENT_SECRET, apiKeys: [h.API_KEY, 'second-key'] },
			'second-client': { secret: 'second-secret', apiKeys: [h.API_KEY] },
		};
		await h.withSandbox(
			{ clients, tokenPaths: [h.algonomy.DEFAULT_TOKEN_PATH, h.algonomy.TOKEN_PATH_WITH_API_KEY] },
			async (own) => {
				const helper = await h.persistentCredentials(own);
				await h.run(own, replace(), { items: items(1), credentials: helper });
				const stored = helper.getStoredCredentials('algonomyApi');
				const values = typeof change === 'function' ? change(own) : change;
				helper.setCredentials('algonomyApi', { ...h.CREDENTIAL, data: { ...stored, ...values } });
				const { status } = await h.run(own, replace(), {
					items: items(1, 'b'),
					credentials: helper,
				});
				expect(status).toBe('success');
				expect(own.tokenRequests).toBe(2);
				expect(h.contentRequests(own).map((request) => request.status)).toEqual([200, 200]);
				expect(helper.getStoredCredentials('algonomyApi').tokenFingerprint).not.toBe(
					stored.tokenFingerprint,
				);
			},
		);
	});

	test('the credential test proves the current values: a wrong secret fails even with a valid token cached', async () => {
		const helper = await h.persistentCredentials(sandbox);
		await h.run(sandbox, replace(), { items: items(1), credentials: helper });
		const stored = helper.getStoredCredentials('algonomyApi');
		const result = await testCredential('algonomyApi', {
			...stored,
			clientSecret: 'wrong-secret-value',
		});
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(/^Algonomy token request failed: invalid_client/);
		const again = await testCredential('algonomyApi', stored);
		expect(again).toEqual({ status: 'OK', message: 'Connection successful!' });
		// Every test asks for a token (preAuthentication), and its test request is a token request:
		// 1 (the run) + 1 (the refused test) + 2 (the passing test).
		expect(sandbox.tokenRequests).toBe(4);
	});
});

describe('token URL failures are clear and send nothing', () => {
	test('invalid_client: the secret is wrong', async () => {
		const { status, error } = await h.run(sandbox, replace(), {
			items: items(3),
			credentials: { clientSecret: 'wrong-secret-value' },
		});
		expect(status).toBe('error');
		expect(error.message).toBe(
			'Algonomy token request failed: invalid_client (Invalid client authentication). Check the Client ID and Client Secret in the credential; Algonomy issues them per environment, so staging ones do not work in production.',
		);
		expect(error.description).toBe(
			`No access token, so nothing was sent to Algonomy. The token is requested from ${sandbox.url}/contentupdate/v1/oauth2/token with the credential's client ID and secret.`,
		);
		expect(h.contentRequests(sandbox)).toHaveLength(0);
		expect(sandbox.tokenRequests).toBe(1); // a refused client is not asked again
	});

	test('unsupported_grant_type', async () => {
		sandbox.setGrantTypes(['password']);
		const { error } = await h.run(sandbox, replace(), { items: items(1) });
		expect(error.message).toMatch(
			/^Algonomy token request failed: unsupported_grant_type \(Invalid grant_type\)\. The token URL does not accept the client-credentials grant/,
		);
		expect(sandbox.tokenRequests).toBe(1);
	});

	test('invalid_client under Continue On Fail: every item carries the error', async () => {
		const { status, json } = await h.run(sandbox, replace(), {
			items: items(3),
			continueOnFail: true,
			credentials: { clientId: 'someone-else' },
		});
		expect(status).toBe('success');
		expect(json.map((entry) => entry.error)).toEqual(
			Array(3).fill(expect.stringMatching(/^Algonomy token request failed: invalid_client/)),
		);
	});

	test('the token URL with the API key in the path: the default answers 404 and says so; the override works', async () => {
		await h.withSandbox({ tokenPaths: [h.algonomy.TOKEN_PATH_WITH_API_KEY] }, async (own) => {
			const { error } = await h.run(own, replace(), { items: items(1) });
			expect(error.message).toBe(
				`Algonomy token request failed: the token URL answered 404 (${own.url}/contentupdate/v1/oauth2/token). Check the environment, or set the Token URL in the credential: some Algonomy documents place the API key in it (…/contentupdate/v1/<API key>/oauth2/token).`,
			);
			const tokenUrl = `${own.url}/contentupdate/v1/${h.API_KEY}/oauth2/token`;
			const { status } = await h.run(own, replace(), {
				items: items(1),
				credentials: { tokenUrl },
			});
			expect(status).toBe('success');
			expect(h.tokenRequests(own).map((request) => request.path)).toEqual([
				'/contentupdate/v1/oauth2/token',
				`/contentupdate/v1/${h.API_KEY}/oauth2/token`,
			]);
		});
	});

	test('a token answer without access_token', async () => {
		sandbox.injectFault({
			type: 'status',
			status: 200,
			path: '/contentupdate/v1/oauth2/token',
			body: { token_type: 'bearer' },
		});
		const { error } = await h.run(sandbox, replace(), { items: items(1) });
		expect(error.message).toBe(
			`Algonomy token request failed: the token URL answered 200 without an access_token. Check the Token URL (${sandbox.url}/contentupdate/v1/oauth2/token).`,
		);
	});

	test('a token URL that answers 500', async () => {
		sandbox.injectFault({ type: 'status', status: 500, path: '/contentupdate/v1/oauth2/token' });
		const { error } = await h.run(sandbox, replace(), { items: items(1) });
		expect(error.message).toBe('Algonomy token request failed: the token URL answered 500.');
	});

	test('an unreachable token URL', async () => {
		const { error } = await h.run(sandbox, replace(), {
			items: items(1),
			credentials: { tokenUrl: 'http://127.0.0.1:9/token' },
		});
		expect(error.message).toBe(
			'Algonomy token request failed: no answer from the token URL http://127.0.0.1:9/token (connection refused). Check the environment or the Token URL.',
		);
		expect(h.contentRequests(sandbox)).toHaveLength(0);
	});
});

test('no secret and no token in any output or error, whatever happened', async () => {
	const helper = await h.persistentCredentials(sandbox);
	const runs = [
		await h.run(sandbox, replace(), { items: items(3), credentials: helper }),
		await h.run(sandbox, replace(), {
			items: items(1),
			credentials: { clientSecret: 'wrong-secret-value' },
		}),
		await h.run(sandbox, replace(), {
			items: items(1),
			credentials: { clientSecret: 'wrong-secret-value' },
			continueOnFail: true,
		}),
		await h.run(sandbox, replace(), { items: items(1), credentials: { apiKey: 'not-ours' } }),
	];
	const token = storedToken(helper);
	sandbox.tokens.revokeAll();
	sandbox.injectFault({ type: 'status', status: 401, method: 'PUT', count: 2 });
	runs.push(await h.run(sandbox, replace(), { items: items(1), credentials: helper }));
	runs.push(
		await h.run(
			sandbox,
			{ ...replace(), requestOptions: { maxRetries: 0 } },
			{ items: items(1), credentials: { tokenUrl: 'http://127.0.0.1:9/token' } },
		),
	);
	sandbox.injectFault({ type: 'status', status: 500, method: 'PATCH' });
	runs.push(await h.run(sandbox, h.fromItems('update'), { items: items(1), credentials: helper }));
	const latest = storedToken(helper);
	expect(latest).not.toBe(token);
	for (const { result } of runs) {
		const everything = JSON.stringify(result.runData) + JSON.stringify(result.error ?? {});
		for (const secret of [h.CLIENT_SECRET, 'wrong-secret-value', token, latest])
			expect(everything).not.toContain(secret);
		expect(everything).not.toMatch(/Bearer [^\s"[]/);
	}
});
