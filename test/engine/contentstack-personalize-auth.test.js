// Every way the Contentstack Personalize credentials authenticate, through n8n's real engine:
// email + password log in once (never per execution: a user holds at most 20 authtokens) and again
// only after a 401; pasted authtokens and OAuth access tokens; the OAuth2 credential with n8n's token
// refresh; the Edge API never sees a token; no secret in any output or error.
const { testCredential } = require('../harness');
const h = require('./contentstack-personalize-helpers');

let sandbox;
beforeAll(async () => {
	sandbox = await h.startSandbox({ seed: true, rateLimit: null });
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const LIST_EVENTS = { resource: 'event', operation: 'getAll', returnAll: true };
const CREATE_EVENT = { resource: 'event', operation: 'create', key: '={{ "event_" + $json.n }}' };
const items = (count) => Array.from({ length: count }, (_, n) => ({ n }));
const stored = (helper, type = h.API) => helper.getStoredCredentials(type);

describe('email and password: one login, kept with the credential', () => {
	test("one login for many items, several nodes' worth of requests and 10 executions", async () => {
		const helper = await h.persistentCredentials(h.loginData(sandbox));
		for (let execution = 0; execution < 10; execution++) {
			const { status, json } = await h.run(
				sandbox,
				execution % 2 ? LIST_EVENTS : { ...CREATE_EVENT, key: `={{ "e${execution}_" + $json.n }}` },
				{ items: items(3), credentials: helper },
			);
			expect(status).toBe('success');
			expect(json.length).toBeGreaterThan(0);
		}
		expect(sandbox.logins).toBe(1);
		expect(helper.preAuthenticationCalls[h.API]).toBe(1);
		const login = sandbox.requests.filter((request) => request.path === '/v3/user-session');
		expect(login).toHaveLength(1);
		expect(JSON.parse(login[0].rawBody)).toEqual({
			user: { email: h.contentstack.DEFAULT_EMAIL, password: h.contentstack.DEFAULT_PASSWORD },
		});
		expect(stored(helper).sessionToken).toMatch(/^blt[0-9a-f]{32}$/);
		// The user's other sessions survive: a login per execution would have ended the oldest ones.
		expect(sandbox.authtokens.active()).toBe(2);
		const management = sandbox.requests.filter((request) => request.path.startsWith('/events'));
		expect(
			management.every(
				(request) => request.headers.authtoken === '[redacted]' && request.status < 400,
			),
		).toBe(true);
	});

	test('a 401 (the session ended) logs in once more and resends; later executions use the new authtoken', async () => {
		const helper = await h.persistentCredentials(h.loginData(sandbox));
		await h.run(sandbox, LIST_EVENTS, { credentials: helper });
		const first = stored(helper).sessionToken;
		sandbox.authtokens.expireAll();
		const { status } = await h.run(
			sandbox,
			{ ...CREATE_EVENT },
			{ items: items(3), credentials: helper },
		);
		expect(status).toBe('success');
		expect(
			sandbox.requests.map((request) => `${request.method} ${request.path} ${request.status}`),
		).toEqual([
			'POST /v3/user-session 200',
			'GET /events 200',
			'POST /events 401',
			'POST /v3/user-session 200',
			'POST /events 201',
			'POST /events 201',
			'POST /events 201',
		]);
		expect(stored(helper).sessionToken).not.toBe(first);
		await h.run(sandbox, LIST_EVENTS, { credentials: helper });
		expect(sandbox.logins).toBe(2);
		expect(helper.preAuthenticationCalls[h.API]).toBe(2);
	});

	test('the kept session is tied to the login values: a changed password logs in again (and fails), the same values do not', async () => {
		const helper = await h.persistentCredentials(h.loginData(sandbox));
		expect((await h.run(sandbox, LIST_EVENTS, { credentials: helper })).status).toBe('success');
		expect((await h.run(sandbox, LIST_EVENTS, { credentials: helper })).status).toBe('success');
		expect(sandbox.logins).toBe(1);
		const kept = stored(helper);
		expect(kept.sessionFingerprint).toMatch(/^[0-9a-f]{64}$/);
		// The user types a wrong password into the saved credential: the old session must not hide it.
		helper.setCredentials(h.API, {
			...h.CREDENTIAL,
			data: { ...kept, password: 'wrong-password-123' },
		});
		const before = sandbox.requests.length;
		const { status, error } = await h.run(sandbox, LIST_EVENTS, { credentials: helper });
		expect(status).toBe('error');
		expect(error.message).toMatch(
			/^Contentstack login failed: Looks like your email or password is invalid/,
		);
		expect(
			sandbox.requests
				.slice(before)
				.map((request) => `${request.method} ${request.path} ${request.status}`),
		).toEqual(['GET /events 401', 'POST /v3/user-session 422']);
		expect(sandbox.requests[before].headers.authtoken).not.toBe(kept.sessionToken);
		// Back to the right password: one new login, then the session is reused again.
		helper.setCredentials(h.API, {
			...h.CREDENTIAL,
			data: {
				...kept,
				email: ` ${h.contentstack.DEFAULT_EMAIL}`,
				sessionFingerprint: 'from other values',
			},
		});
		expect((await h.run(sandbox, LIST_EVENTS, { credentials: helper })).status).toBe('success');
		expect((await h.run(sandbox, LIST_EVENTS, { credentials: helper })).status).toBe('success');
		expect(sandbox.logins).toBe(2);
	});

	test('the credential test proves the current values even with a session kept from before', async () => {
		const helper = await h.persistentCredentials(h.loginData(sandbox));
		await h.run(sandbox, LIST_EVENTS, { credentials: helper });
		const kept = stored(helper);
		const wrong = await testCredential(h.API, { ...kept, password: 'wrong-password-123' });
		expect(wrong.status).toBe('Error');
		expect(wrong.message).toMatch(
			/^Contentstack login failed: Looks like your email or password is invalid/,
		);
		const region = await testCredential(h.API, { ...kept, cmaUrl: 'http://127.0.0.1:9' });
		expect(region.status).toBe('Error');
		expect(region.message).toMatch(
			/^Contentstack login failed: no answer from http:\/\/127\.0\.0\.1:9/,
		);
	});

	test('other errors (400, 404, 429, 500) never log in again', async () => {
		const helper = await h.persistentCredentials(h.loginData(sandbox));
		await h.run(
			sandbox,
			{ resource: 'attribute', operation: 'create', name: 'Tier', key: 'loyalty_tier' },
			{ credentials: helper },
		);
		await h.run(
			sandbox,
			{
				resource: 'experience',
				operation: 'get',
				experienceId: h.byId('6650a1b2c3d4e5f6012345ff'),
			},
			{ credentials: helper },
		);
		sandbox.injectFault({ type: 'status', status: 429, retryAfter: 0 });
		sandbox.injectFault({ type: 'status', status: 500, method: 'GET' });
		const { status } = await h.run(sandbox, LIST_EVENTS, { credentials: helper });
		expect(status).toBe('success');
		expect(sandbox.logins).toBe(1);
	});

	test('an authtoken the API keeps refusing is reported after one fresh login, not looped', async () => {
		sandbox.injectFault({
			type: 'status',
			status: 401,
			path: '/events',
			count: 5,
			body: {
				error_message: "You're not allowed in here unless you're logged in.",
				error_code: 105,
			},
		});
		const { status, error } = await h.run(sandbox, LIST_EVENTS, {
			credentials: h.loginData(sandbox),
		});
		expect(status).toBe('error');
		expect(error.httpCode).toBe('401');
		expect(error.message).toBe(
			"Contentstack Personalize answered 401: You're not allowed in here unless you're logged in.",
		);
		expect(error.description).toBe(
			'The API refused the authtoken even right after a fresh login: check the region. Error code: 105.',
		);
		expect(h.calls(sandbox)).toEqual([
			'POST /v3/user-session',
			'GET /events',
			'POST /v3/user-session',
			'GET /events',
		]);
	});
});

describe('login failures are clear and send nothing else', () => {
	test('a wrong password', async () => {
		const { status, error } = await h.run(sandbox, CREATE_EVENT, {
			items: items(2),
			credentials: h.loginData(sandbox, { password: 'wrong-password-123' }),
		});
		expect(status).toBe('error');
		expect(error.message).toBe(
			'Contentstack login failed: Looks like your email or password is invalid. Please try again or reset your password. (error_code 104). Check the email and password; accounts of SSO-enforced organizations get no authtoken from a login and must use OAuth.',
		);
		expect(error.description).toBe(
			`No authtoken, so nothing was sent to Contentstack Personalize. The credential logs in with its email and password at ${sandbox.url}/v3/user-session.`,
		);
		expect(h.calls(sandbox)).toEqual(['POST /v3/user-session']);
	});

	test('two-factor authentication: without the code it says so; with it the login works', async () => {
		sandbox.setTfaCode('482913');
		const missing = await h.run(sandbox, LIST_EVENTS, { credentials: h.loginData(sandbox) });
		expect(missing.error.message).toBe(
			'Contentstack login failed: Please login using the Two-Factor verification Token (error_code 294). The account uses two-factor authentication: enter its secret in "2FA Secret (TOTP)" so that every login gets a fresh code, or a current code in "2FA Code" (good for one login).',
		);
		const withCode = await h.run(sandbox, LIST_EVENTS, {
			credentials: h.loginData(sandbox, { tfaToken: '482913' }),
		});
		expect(withCode.status).toBe('success');
		expect(
			JSON.parse(
				sandbox.requests.filter((request) => request.path === '/v3/user-session').pop().rawBody,
			).user.tfa_token,
		).toBe('482913');
	});

	test('2FA secret: every login sends a fresh RFC 6238 code; a stored one-time code would be stale at the re-login', async () => {
		const {
			base32Decode,
			totp,
		} = require('../../dist/credentials/ContentstackPersonalizeApi.credentials.js');
		const secret = 'JBSWY3DPEHPK3PXP';
		const codeAt = (seconds) => totp(base32Decode(secret), seconds);
		const first = 1_800_000_000; // two moments in different 30-second steps, so two different codes
		const second = first + 3600;
		expect(codeAt(first)).not.toBe(codeAt(second));
		const now = jest.spyOn(Date, 'now');
		try {
			const helper = await h.persistentCredentials(
				h.loginData(sandbox, { mfaSecret: secret, tfaToken: '000000' }),
			);
			now.mockReturnValue(first * 1000);
			sandbox.setTfaCode(codeAt(first));
			expect((await h.run(sandbox, LIST_EVENTS, { credentials: helper })).status).toBe('success');
			sandbox.authtokens.expireAll();
			now.mockReturnValue(second * 1000);
			sandbox.setTfaCode(codeAt(second));
			expect((await h.run(sandbox, LIST_EVENTS, { credentials: helper })).status).toBe('success');
			const codes = sandbox.requests
				.filter((request) => request.path === '/v3/user-session')
				.map((request) => JSON.parse(request.rawBody).user.tfa_token);
			expect(codes).toEqual([codeAt(first), codeAt(second)]);
		} finally {
			now.mockRestore();
		}
	});

	test('2FA secret that is not base32: said before anything is sent', async () => {
		const { error } = await h.run(sandbox, LIST_EVENTS, {
			credentials: h.loginData(sandbox, { mfaSecret: 'not-a-secret!' }),
		});
		expect(error.message).toBe(
			'Contentstack login failed: "2FA Secret (TOTP)" is not a base32 key (letters A-Z and digits 2-7). Nothing was sent.',
		);
		expect(sandbox.requests).toEqual([]);
	});

	test('Continue On Fail: every item carries the login error', async () => {
		const { status, json } = await h.run(sandbox, CREATE_EVENT, {
			items: items(3),
			continueOnFail: true,
			credentials: h.loginData(sandbox, { password: 'wrong-password-123' }),
		});
		expect(status).toBe('success');
		expect(json.map((entry) => entry.error)).toEqual(
			Array(3).fill(
				expect.stringMatching(
					/^Contentstack login failed: Looks like your email or password is invalid/,
				),
			),
		);
	});

	test('a CMA host that does not answer', async () => {
		const { error } = await h.run(sandbox, LIST_EVENTS, {
			credentials: h.loginData(sandbox, { cmaUrl: 'http://127.0.0.1:9' }),
		});
		expect(error.message).toBe(
			'Contentstack login failed: no answer from http://127.0.0.1:9/v3/user-session. Check the region (or the CMA URL of custom hosts).',
		);
		expect(sandbox.requests).toEqual([]);
	});
});

describe('pasted tokens', () => {
	test('authtoken: sent as the authtoken header; refused → 401 at once (a pasted token cannot be renewed)', async () => {
		const { error } = await h.run(sandbox, CREATE_EVENT, {
			credentials: { authtoken: 'blt-logged-out-session' },
		});
		expect(error.httpCode).toBe('401');
		expect(error.description).toMatch(
			/^The token was refused: it may have been logged out \(a user holds at most 20 authtokens/,
		);
		expect(h.calls(sandbox)).toEqual(['POST /events']);
	});

	test('OAuth access token: sent as Authorization: Bearer, and no authtoken header', async () => {
		const token = sandbox.oauth.issue({ scope: 'personalize:manage' });
		const { status } = await h.run(sandbox, CREATE_EVENT, {
			credentials: { authMode: 'oauthToken', authtoken: '', accessToken: token.access_token },
		});
		expect(status).toBe('success');
		const [request] = sandbox.requests;
		expect(request.headers.authorization).toBe('[redacted]');
		expect(request.headers.authtoken).toBeUndefined();
		expect(request.status).toBe(201);
	});

	test('a read-only OAuth token can list but not change; the error says which scope is missing', async () => {
		const token = sandbox.oauth.issue({ scope: 'personalize:read' });
		const credentials = { authMode: 'oauthToken', accessToken: token.access_token };
		expect((await h.run(sandbox, LIST_EVENTS, { credentials })).status).toBe('success');
		const { error } = await h.run(sandbox, CREATE_EVENT, { credentials });
		expect(error.httpCode).toBe('403');
		expect(error.message).toBe(
			'Contentstack Personalize answered 403: This token has the personalize:read scope; changes need personalize:manage',
		);
		// The vendor's code is in the details, not the title (issue 13).
		expect(error.description).toMatch(
			/^The token may not do this: changes need the personalize:manage scope.* Error code: personalize\.AUTH\.INSUFFICIENT_SCOPE\.$/,
		);
	});

	test("another organization's project: 403 with a hint", async () => {
		const { error } = await h.run(sandbox, LIST_EVENTS, {
			credentials: { projectUid: h.contentstack.OTHER_PROJECT_UID },
		});
		expect(error.httpCode).toBe('403');
	});
});

describe('the Edge API (Visitor) never receives a token', () => {
	test.each([
		['authtoken', () => ({})],
		['email and password', () => h.loginData(sandbox)],
		[
			'OAuth access token',
			() => ({ authMode: 'oauthToken', accessToken: sandbox.oauth.issue().access_token }),
		],
	])('%s', async (_name, data) => {
		const { status } = await h.run(
			sandbox,
			{
				resource: 'visitor',
				operation: 'setAttributes',
				userUid: 'v-1',
				attributesInput: 'json',
				attributesJson: '{"loyalty_tier":"gold"}',
			},
			{ credentials: data() },
		);
		expect(status).toBe('success');
		const edge = sandbox.requests.filter((request) => request.path.startsWith('/edge/'));
		expect(edge).toHaveLength(1);
		expect(edge[0].headers.authtoken).toBeUndefined();
		expect(edge[0].headers.authorization).toBeUndefined();
		expect(sandbox.requests.filter((request) => request.path === '/v3/user-session')).toHaveLength(
			0,
		); // no login for a public call
	});
});

describe("the OAuth2 credential (n8n's authorization-code flow, connected)", () => {
	const oauthCredentials = async (token, overrides) =>
		await h.persistentCredentials(h.oauth2Data(sandbox, token, overrides), h.OAUTH2);

	test('requests carry the Bearer token; /projects takes the organization from the token answer', async () => {
		const helper = await oauthCredentials(sandbox.oauth.issue());
		const created = await h.run(sandbox, CREATE_EVENT, { type: h.OAUTH2, credentials: helper });
		expect(created.status).toBe('success');
		const projects = await h.run(
			sandbox,
			{ resource: 'project', operation: 'getAll', returnAll: true },
			{ type: h.OAUTH2, credentials: helper },
		);
		expect(projects.json.map((entry) => entry.name)).toEqual(['Sandbox website']);
		const [post, list] = sandbox.requests;
		expect(post.headers).toMatchObject({ authorization: '[redacted]', 'x-project-uid': h.PROJECT });
		expect(list.headers).toMatchObject({
			authorization: '[redacted]',
			organization_uid: h.contentstack.DEFAULT_ORG_UID,
		});
	});

	test('an expired access token is refreshed once through the token URL and the request resent', async () => {
		const first = sandbox.oauth.issue();
		const helper = await oauthCredentials(first);
		sandbox.oauth.expireAll();
		const { status, json } = await h.run(sandbox, CREATE_EVENT, {
			items: items(2),
			type: h.OAUTH2,
			credentials: helper,
		});
		expect(status).toBe('success');
		expect(json).toHaveLength(2);
		expect(
			sandbox.requests.map((request) => `${request.method} ${request.path} ${request.status}`),
		).toEqual(['POST /events 401', 'POST /token 200', 'POST /events 201', 'POST /events 201']);
		const form = new URLSearchParams(sandbox.requests[1].rawBody);
		expect(form.get('grant_type')).toBe('refresh_token');
		expect(form.get('refresh_token')).toBe(first.refresh_token);
		expect(form.get('client_id')).toBe(h.contentstack.DEFAULT_CLIENT_ID);
		const refreshed = stored(helper, h.OAUTH2).oauthTokenData;
		expect(refreshed.access_token).not.toBe(first.access_token);
		expect(refreshed.refresh_token).not.toBe(first.refresh_token);
	});

	test('the Edge API gets no Bearer token from the OAuth2 credential either', async () => {
		const helper = await oauthCredentials(sandbox.oauth.issue());
		const { status } = await h.run(
			sandbox,
			{ resource: 'visitor', operation: 'getManifest', userUid: 'v-1' },
			{ type: h.OAUTH2, credentials: helper },
		);
		expect(status).toBe('success');
		expect(sandbox.requests[0].headers.authorization).toBeUndefined();
	});

	test('a credential that was never connected says so', async () => {
		const helper = await oauthCredentials(undefined);
		const { error } = await h.run(sandbox, LIST_EVENTS, { type: h.OAUTH2, credentials: helper });
		expect(error.message).toBe('The Contentstack Personalize OAuth2 credential is not connected');
		expect(error.description).toBe(
			'Open the credential and click "Connect my account" to authorize the Developer Hub app.',
		);
		expect(sandbox.requests).toEqual([]);
	});

	test('the authorize and token URLs follow the region (n8n resolves them with $self)', async () => {
		const { loadTypes } = require('../harness/types');
		const { REPO_ROOT } = require('../harness');
		const { credentialTypes } = await loadTypes(REPO_ROOT);
		const helper = await h.persistentCredentials(
			{ region: 'eu', appUid: 'app123', clientId: 'c', clientSecret: 's', projectUid: h.PROJECT },
			h.OAUTH2,
		);
		const resolved = await helper.applyDefaultsAndOverwrites(
			require('../harness/additional-data').createAdditionalData({ credentialsHelper: helper }),
			helper.getStoredCredentials(h.OAUTH2),
			h.OAUTH2,
			'internal',
		);
		expect(resolved).toMatchObject({
			grantType: 'authorizationCode',
			authUrl: 'https://eu-app.contentstack.com/apps/app123/authorize',
			accessTokenUrl: 'https://eu-developerhub-api.contentstack.com/token',
			scope: 'personalize:manage',
			authentication: 'body',
		});
		expect(credentialTypes.getParentTypes(h.OAUTH2)).toContain('oAuth2Api');
	});
});

describe('the OAuth2 credential: PKCE and the authorize URL', () => {
	const http = require('node:http');
	const { ClientOAuth2 } = require('@n8n/client-oauth2');
	const { createAdditionalData } = require('../harness/additional-data');

	async function resolve(data) {
		const helper = await h.persistentCredentials(data, h.OAUTH2);
		return await helper.applyDefaultsAndOverwrites(
			createAdditionalData({ credentialsHelper: helper }),
			helper.getStoredCredentials(h.OAUTH2),
			h.OAUTH2,
			'internal',
		);
	}

	test('the authorize URL: path style by default, the docs\' "#!" style on request, the override wins', async () => {
		const base = {
			region: 'na',
			appUid: ' app123 ',
			clientId: 'c',
			clientSecret: 's',
			projectUid: h.PROJECT,
		};
		expect((await resolve(base)).authUrl).toBe(
			'https://app.contentstack.com/apps/app123/authorize',
		);
		expect((await resolve({ ...base, authorizeUrlStyle: 'fragment' })).authUrl).toBe(
			'https://app.contentstack.com/#!/apps/app123/authorize',
		);
		expect(
			(
				await resolve({
					...base,
					authorizeUrlStyle: 'fragment',
					authorizationUrlOverride: 'https://proxy.example/authorize',
				})
			).authUrl,
		).toBe('https://proxy.example/authorize');
	});

	test("PKCE: no client secret is kept or sent; n8n's code flow sends the code verifier and client_id", async () => {
		const resolved = await resolve({
			region: 'custom',
			appUid: 'app123',
			customAppUrl: 'https://app.example',
			clientId: 'public-app',
			clientSecret: 'left-over-secret',
			grantType: 'pkce',
			projectUid: h.PROJECT,
		});
		expect(resolved.grantType).toBe('pkce');
		expect(resolved.clientSecret).toBeUndefined();
		const received = [];
		const server = http.createServer((req, res) => {
			let body = '';
			req.on('data', (chunk) => (body += chunk));
			req.on('end', () => {
				received.push({
					headers: req.headers,
					body: Object.fromEntries(new URLSearchParams(body)),
				});
				res.writeHead(200, { 'content-type': 'application/json' });
				res.end(
					JSON.stringify({
						access_token: 'a',
						refresh_token: 'r',
						token_type: 'Bearer',
						expires_in: 3600,
					}),
				);
			});
		});
		await new Promise((done) => server.listen(0, '127.0.0.1', done));
		try {
			// What n8n's OAuth2 controller builds from the resolved credential (grant type pkce).
			const client = new ClientOAuth2({
				clientId: resolved.clientId,
				clientSecret: resolved.clientSecret ?? '',
				accessTokenUri: `http://127.0.0.1:${server.address().port}/token`,
				authorizationUri: resolved.authUrl,
				redirectUri: 'http://localhost:5678/rest/oauth2-credential/callback',
				scopes: [resolved.scope],
				authentication: resolved.authentication,
			});
			const uri = new URL(
				client.code.getUri({
					state: 'st',
					query: { code_challenge: 'challenge', code_challenge_method: 'S256' },
				}),
			);
			expect(`${uri.origin}${uri.pathname}`).toBe('https://app.example/apps/app123/authorize');
			expect(Object.fromEntries(uri.searchParams)).toMatchObject({
				client_id: 'public-app',
				code_challenge: 'challenge',
				code_challenge_method: 'S256',
				response_type: 'code',
				scope: 'personalize:manage',
			});
			await client.code.getToken(
				'http://localhost:5678/rest/oauth2-credential/callback?code=c1&state=st',
				{ state: 'st', body: { code_verifier: 'verifier-1' } },
			);
			expect(received[0].body).toEqual({
				code: 'c1',
				grant_type: 'authorization_code',
				redirect_uri: 'http://localhost:5678/rest/oauth2-credential/callback',
				client_id: 'public-app',
				code_verifier: 'verifier-1',
			});
			expect(received[0].headers.authorization).toBeUndefined();
		} finally {
			await new Promise((done) => server.close(done));
		}
	});
});

describe('credential test (the "Test" button)', () => {
	test.each([
		['a pasted authtoken', () => h.credentialData(sandbox), 'OK', 'Connection successful!'],
		['email and password (logs in)', () => h.loginData(sandbox), 'OK', 'Connection successful!'],
		[
			'an OAuth access token',
			() =>
				h.credentialData(sandbox, {
					authMode: 'oauthToken',
					accessToken: sandbox.oauth.issue().access_token,
				}),
			'OK',
			'Connection successful!',
		],
		[
			'a refused authtoken',
			() => h.credentialData(sandbox, { authtoken: 'blt-refused' }),
			'Error',
			'Personalize refused the token: check it (a management token is refused) and the region',
		],
		[
			'an unknown project',
			() => h.credentialData(sandbox, { projectUid: '6650a1b2c3d4e5f6012345ff' }),
			'Error',
			'No such project in this region: check the Project UID and the region',
		],
		[
			"another organization's project",
			() => h.credentialData(sandbox, { projectUid: h.contentstack.OTHER_PROJECT_UID }),
			'Error',
			"The token may not read this project: check the Project UID and the user's access",
		],
	])('%s', async (_name, data, status, message) => {
		const result = await testCredential(h.API, data());
		expect(result).toMatchObject({ status, message });
		const test = sandbox.requests.find((request) => request.path === '/attributes');
		expect(test.headers['x-project-uid']).toMatch(/^[0-9a-f]{24}$/);
	});

	test('a wrong password fails the test with the login explanation', async () => {
		const result = await testCredential(
			h.API,
			h.loginData(sandbox, { password: 'wrong-password-123' }),
		);
		expect(result.status).toBe('Error');
		expect(result.message).toMatch(
			/^Contentstack login failed: Looks like your email or password is invalid/,
		);
		expect(result.message).not.toContain('wrong-password-123');
	});

	test('the OAuth2 credential, connected', async () => {
		const result = await testCredential(h.OAUTH2, h.oauth2Data(sandbox, sandbox.oauth.issue()));
		expect(result).toMatchObject({ status: 'OK' });
		expect(sandbox.requests.pop().headers).toMatchObject({
			authorization: '[redacted]',
			'x-project-uid': h.PROJECT,
		});
	});
});

test('no password, authtoken or OAuth token in any output or error, whatever happened', async () => {
	const helper = await h.persistentCredentials(h.loginData(sandbox));
	const oauth = sandbox.oauth.issue();
	const runs = [
		await h.run(sandbox, CREATE_EVENT, { items: items(2), credentials: helper }),
		await h.run(sandbox, CREATE_EVENT, {
			credentials: h.loginData(sandbox, { password: 'wrong-password-123' }),
		}),
		await h.run(sandbox, CREATE_EVENT, {
			credentials: h.loginData(sandbox, { password: 'wrong-password-123' }),
			continueOnFail: true,
		}),
		await h.run(sandbox, LIST_EVENTS, { credentials: { authtoken: 'blt-refused-token-xyz' } }),
		await h.run(sandbox, LIST_EVENTS, {
			credentials: { authMode: 'oauthToken', accessToken: oauth.access_token },
		}),
	];
	const session = stored(helper).sessionToken;
	sandbox.authtokens.expireAll();
	sandbox.injectFault({ type: 'status', status: 401, path: '/events', count: 2 });
	runs.push(await h.run(sandbox, LIST_EVENTS, { credentials: helper }));
	sandbox.injectFault({ type: 'status', status: 500, method: 'POST', path: '/events' });
	runs.push(await h.run(sandbox, CREATE_EVENT, { credentials: helper, continueOnFail: true }));
	runs.push(
		await h.run(sandbox, LIST_EVENTS, {
			type: h.OAUTH2,
			credentials: await h.persistentCredentials(h.oauth2Data(sandbox, oauth), h.OAUTH2),
		}),
	);
	const latest = stored(helper).sessionToken;
	expect(latest).not.toBe(session);
	const secrets = [
		h.contentstack.DEFAULT_PASSWORD,
		'wrong-password-123',
		h.contentstack.DEFAULT_AUTHTOKEN,
		'blt-refused-token-xyz',
		session,
		latest,
		oauth.access_token,
		oauth.refresh_token,
		h.contentstack.DEFAULT_CLIENT_SECRET,
	];
	for (const { result } of runs) {
		const everything = JSON.stringify(result.runData) + JSON.stringify(result.error ?? {});
		for (const secret of secrets) expect(everything).not.toContain(secret);
		expect(everything).not.toMatch(/Bearer [^\s"[]/);
	}
});
