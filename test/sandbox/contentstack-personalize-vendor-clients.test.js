// Contentstack's own npm clients against the Contentstack Personalize sandbox: whatever they send, the
// sandbox must take, and whatever it answers, they must understand. The Edge SDK
// (@contentstack/personalize-edge-sdk), the management SDK's login and OAuth handler
// (@contentstack/management) and the CLI's Personalize adapter (@contentstack/cli-variants).
//
// No client may leave the machine: every socket this test file opens is checked, and one to a host
// other than the loopback is refused before any DNS lookup and fails the test.
const fs = require('node:fs');
const net = require('node:net');
const os = require('node:os');
const path = require('node:path');
const contentstack = require('../../sandbox/contentstack-personalize');

// ---- the loopback guard -------------------------------------------------------------------------

const LOOPBACK = new Set(['127.0.0.1', '::1', 'localhost', '::ffff:127.0.0.1']);
const refusedHosts = [];
const originalConnect = net.Socket.prototype.connect;

/** The host of a Socket#connect call, whichever of its forms was used; undefined for a local path. */
function connectHost(args) {
	const first = Array.isArray(args[0]) ? args[0][0] : args[0];
	if (first !== null && typeof first === 'object')
		return first.path ? undefined : (first.host ?? 'localhost');
	if (typeof first === 'number' || /^\d+$/.test(String(first)))
		return typeof args[1] === 'string' ? args[1] : 'localhost';
	return undefined; // an IPC path
}

beforeAll(() => {
	net.Socket.prototype.connect = function guardedConnect(...args) {
		const host = connectHost(args);
		if (host !== undefined && !LOOPBACK.has(String(host).replace(/^\[|\]$/g, ''))) {
			refusedHosts.push(String(host));
			process.nextTick(() =>
				this.destroy(new Error(`Test guard: a vendor client tried to reach ${host}`)),
			);
			return this;
		}
		return originalConnect.apply(this, args);
	};
});
afterAll(() => {
	net.Socket.prototype.connect = originalConnect;
});

// The CLI keeps its settings (the authtoken it sends) in a config store and writes log files: both go
// to a private temporary folder, not to the home folder or the working copy.
const cliConfigDir = fs.mkdtempSync(path.join(os.tmpdir(), 'cs-cli-config-'));
process.env.CS_CLI_CONFIG_PATH = cliConfigDir;
process.env.CS_CLI_LOG_PATH = path.join(cliConfigDir, 'logs');
process.env.XDG_CONFIG_HOME = cliConfigDir;
// A proxy set in the environment must not carry the clients' loopback calls elsewhere.
process.env.NO_PROXY = ['127.0.0.1', 'localhost', '::1', process.env.NO_PROXY]
	.filter(Boolean)
	.join(',');

const Personalize = require('@contentstack/personalize-edge-sdk');
const management = require('@contentstack/management');
const { authenticator } = require('otplib');
const { PersonalizationAdapter } = require('@contentstack/cli-variants');
const { configHandler } = require('@contentstack/cli-utilities');

configHandler.set('log', { level: 'error', 'show-console-logs': false });

const PROJECT = contentstack.DEFAULT_PROJECT_UID;
const SEGMENTED = '6650a1b2c3d4e5f601234531';
const GOLD = '6650a1b2c3d4e5f601234521';
const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';
const REDIRECT_URI = 'http://127.0.0.1:5678/rest/oauth2-credential/callback';

let sandbox;
beforeAll(async () => {
	sandbox = await contentstack.startContentstackPersonalizeSandbox({ seed: true, rateLimit: null });
});
afterAll(async () => {
	await sandbox.close();
	fs.rmSync(cliConfigDir, { recursive: true, force: true });
});
beforeEach(() => sandbox.reset());
afterEach(() => {
	// A client that tried another host fails the test that made it try.
	expect(refusedHosts.splice(0)).toEqual([]);
});

const isLoopbackUrl = (url) => LOOPBACK.has(new URL(url).hostname.replace(/^\[|\]$/g, ''));
const sent = (method, pathname) =>
	sandbox.requests.filter((request) => request.method === method && request.path === pathname);

test('the guard refuses a socket to any other host, before DNS', async () => {
	await expect(fetch('https://personalize-edge.contentstack.com/manifest')).rejects.toThrow();
	expect(refusedHosts.splice(0)).toEqual(['personalize-edge.contentstack.com']);
});

// ---- Edge SDK -------------------------------------------------------------------------------------

describe('@contentstack/personalize-edge-sdk', () => {
	beforeAll(() => Personalize.setEdgeApiUrl(`${sandbox.url}/edge`));
	afterEach(() => Personalize.resetData());

	test('init: the manifest call, a visitor UID from the answer header, variants and aliases', async () => {
		const sdk = await Personalize.init(PROJECT);
		const [manifest] = sent('GET', '/edge/manifest');
		expect(isLoopbackUrl(sandbox.url)).toBe(true);
		expect(manifest.headers).toMatchObject({
			'x-project-uid': PROJECT,
			'x-user-agent': expect.stringMatching(/^personalize-edge-sdk-js\//),
		});
		expect(manifest.headers['x-cs-personalize-user-uid']).toBeUndefined();
		const visitor = sdk.getUserId();
		expect(visitor).toMatch(/^[0-9a-f-]{36}$/);
		// Not in the "Gold members" audience yet: the segmented experience has no active variant.
		expect(sdk.getExperiences()).toEqual([{ shortUid: '0', activeVariantShortUid: null }]);
		expect(sdk.getVariants()).toEqual({ 0: null });
		expect(sdk.getVariantAliases()).toEqual([]);
	});

	test('set attributes, then a new init for the same visitor gets the variant of the audience they now match', async () => {
		const first = await Personalize.init(PROJECT);
		await first.set({ loyalty_tier: 'gold', orders: 3 });
		const [patch] = sent('PATCH', '/edge/user-attributes');
		expect(patch).toMatchObject({
			status: 200,
			headers: { 'x-project-uid': PROJECT, 'x-cs-personalize-user-uid': first.getUserId() },
		});
		expect(JSON.parse(patch.rawBody)).toEqual({ loyalty_tier: 'gold', orders: 3 });
		// The SDK sets no Content-Type: fetch labels the JSON string text/plain, and the Edge API takes it.
		expect(patch.headers['content-type']).toBe('text/plain;charset=UTF-8');
		expect(sandbox.project().visitors[first.getUserId()]).toEqual({
			loyalty_tier: 'gold',
			orders: 3,
		});

		const again = await Personalize.init(PROJECT, { userId: first.getUserId() });
		expect(sent('GET', '/edge/manifest')[1].headers['x-cs-personalize-user-uid']).toBe(
			first.getUserId(),
		);
		expect(again.getVariants()).toEqual({ 0: '0' });
		expect(again.getActiveVariant('0')).toBe('0');
		expect(again.getVariantAliases()).toEqual(['cs_personalize_0_0']);
		expect(again.getVariantParam()).toBe('0_0');
	});

	test('live attributes and tags travel as the SDK sends them (x-live-attributes, tags[])', async () => {
		const sdk = await Personalize.init(PROJECT, {
			userId: 'visitor-live',
			liveAttributes: { loyalty_tier: 'gold' },
			tags: ['home'],
		});
		const [manifest] = sent('GET', '/edge/manifest');
		expect(JSON.parse(manifest.headers['x-live-attributes'])).toEqual({ loyalty_tier: 'gold' });
		expect(manifest.query).toMatchObject({ 'tags[]': 'home' });
		// The seeded experience has no tags, so a tag filter leaves nothing.
		expect(sdk.getExperiences()).toEqual([]);
		const untagged = await Personalize.init(PROJECT, {
			userId: 'visitor-live',
			liveAttributes: { loyalty_tier: 'gold' },
		});
		expect(untagged.getVariants()).toEqual({ 0: '0' });
	});

	test('in an edge function: the visitor cookie and the request context go to the manifest call', async () => {
		const request = new Request('https://shop.example/pricing?utm_campaign=spring', {
			headers: {
				cookie: 'cs-personalize-user-uid=visitor-cookie; other=1',
				referer: 'https://search.example/',
				'x-forwarded-for': '203.0.113.7',
				'user-agent': 'Mozilla/5.0 (test)',
			},
		});
		const sdk = await Personalize.init(PROJECT, { request });
		const [manifest] = sent('GET', '/edge/manifest');
		expect(manifest.status).toBe(200);
		expect(manifest.headers).toMatchObject({
			'x-cs-personalize-user-uid': 'visitor-cookie',
			'x-page-url': 'https://shop.example/pricing?utm_campaign=spring',
			referer: 'https://search.example/',
			'x-forwarded-for': '203.0.113.7',
			'user-agent': 'Mozilla/5.0 (test)',
		});
		expect(sdk.getUserId()).toBe('visitor-cookie');
		const response = new Response('ok');
		sdk.addStateToResponse(response);
		expect(response.headers.get('set-cookie')).toContain('cs-personalize-user-uid=visitor-cookie');
	});

	test('impressions and events reach the sandbox and count in the analytics', async () => {
		const sdk = await Personalize.init(PROJECT, {
			userId: 'visitor-gold',
			liveAttributes: { loyalty_tier: 'gold' },
		});
		await sdk.triggerImpression('0');
		await sdk.triggerImpressions({ aliases: ['cs_personalize_0_0'] });
		await sdk.triggerEvent('purchase');
		const posts = sent('POST', '/edge/events');
		expect(posts.map((request) => request.status)).toEqual([200, 200, 200]);
		expect(posts.map((request) => JSON.parse(request.rawBody))).toEqual([
			[{ experienceShortUid: '0', variantShortUid: '0', type: 'IMPRESSION' }],
			[{ experienceShortUid: '0', variantShortUid: '0', type: 'IMPRESSION' }],
			[{ eventKey: 'purchase', type: 'EVENT' }],
		]);
		for (const request of posts)
			expect(request.headers).toMatchObject({
				'x-project-uid': PROJECT,
				'x-cs-personalize-user-uid': 'visitor-gold',
			});
		const snapshot = sandbox.project();
		expect(snapshot.impressions).toHaveLength(2);
		expect(snapshot.conversions).toEqual([
			expect.objectContaining({ userUid: 'visitor-gold', eventKey: 'purchase' }),
		]);
	});

	test('an impression for an experience without an active variant posts [] and is taken as nothing', async () => {
		const sdk = await Personalize.init(PROJECT, { userId: 'visitor-plain' });
		await sdk.triggerImpression('0');
		const [post] = sent('POST', '/edge/events');
		expect(JSON.parse(post.rawBody)).toEqual([]);
		expect(post.status).toBe(200);
		expect(sandbox.project().impressions).toEqual([]);
	});

	test('setUserId with preserveUserAttributes merges the anonymous visitor into the known one', async () => {
		const sdk = await Personalize.init(PROJECT);
		const anonymous = sdk.getUserId();
		await sdk.set({ loyalty_tier: 'gold' });
		await sdk.triggerImpression('0'); // not gold at init: nothing is sent for it
		await sdk.setUserId('customer-42', { preserveUserAttributes: true });
		const [merge] = sent('POST', '/edge/user-attributes/actions/merge');
		expect(merge.status).toBe(200);
		expect(merge.headers['x-project-uid']).toBe(PROJECT);
		expect(merge.headers['x-cs-personalize-user-uid']).toBeUndefined();
		expect(JSON.parse(merge.rawBody)).toEqual({
			sourceUserUid: anonymous,
			targetUserUid: 'customer-42',
		});
		const { visitors } = sandbox.project();
		expect(visitors['customer-42']).toEqual({ loyalty_tier: 'gold' });
		expect(visitors[anonymous]).toBeUndefined();
		expect(sdk.getUserId()).toBe('customer-42');
		// Without preserveUserAttributes nothing is merged.
		await sdk.setUserId('customer-43');
		expect(sent('POST', '/edge/user-attributes/actions/merge')).toHaveLength(1);
	});

	test('an unknown project: the SDK recognises the 404 body as PROJECT_NOT_FOUND', async () => {
		await expect(Personalize.init('6650a1b2c3d4e5f6012345ff')).rejects.toThrow(
			'Project not found: 6650a1b2c3d4e5f6012345ff',
		);
	});
});

// ---- management SDK: login --------------------------------------------------------------------

describe('@contentstack/management login', () => {
	const port = () => new URL(sandbox.url).port;
	const newClient = () => {
		// The SDK's host check refuses IP addresses, so `host` is taken as the bare host name, with `port`
		// and `insecure` (http). The Developer Hub URL is always https://<derived host> unless set.
		const client = management.client({
			host: '127.0.0.1',
			port: port(),
			insecure: true,
			developerHubBaseUrl: sandbox.url,
			retryOnError: false,
			timeout: 5000,
		});
		const defaults = client.axiosInstance.defaults;
		for (const url of [
			defaults.baseURL.replace('/{api-version}', ''),
			defaults.uiBaseUrl,
			defaults.developerHubBaseUrl,
		])
			expect(isLoopbackUrl(url)).toBe(true);
		return client;
	};
	const loginRequests = () => sent('POST', '/v3/user-session');

	test('email and password: the authtoken works against the sandbox', async () => {
		const client = newClient();
		const answer = await client.login({
			email: contentstack.DEFAULT_EMAIL,
			password: contentstack.DEFAULT_PASSWORD,
		});
		expect(answer.notice).toBe('Login Successful.');
		const authtoken = answer.user.authtoken;
		expect(authtoken).toMatch(/^blt/);
		expect(JSON.parse(loginRequests()[0].rawBody)).toEqual({
			user: { email: contentstack.DEFAULT_EMAIL, password: contentstack.DEFAULT_PASSWORD },
		});
		const events = await fetch(`${sandbox.url}/events`, {
			headers: { authtoken, 'x-project-uid': PROJECT },
		});
		expect(events.status).toBe(200);
		expect(sandbox.logins).toBe(1);
	});

	test('a wrong password: 422 with error_code 104 and its message', async () => {
		const error = await newClient()
			.login({ email: contentstack.DEFAULT_EMAIL, password: 'wrong-Passw0rd' })
			.catch((caught) => caught);
		expect(error).toMatchObject({
			status: 422,
			errorCode: 104,
			errorMessage:
				'Looks like your email or password is invalid. Please try again or reset your password.',
		});
	});

	test('2FA account without a code: error_code 294; a wrong code too', async () => {
		sandbox.setTfaSecret(TOTP_SECRET);
		const client = newClient();
		const missing = await client
			.login({ email: contentstack.DEFAULT_EMAIL, password: contentstack.DEFAULT_PASSWORD })
			.catch((caught) => caught);
		expect(missing).toMatchObject({
			status: 401,
			errorCode: 294,
			errorMessage: 'Please login using the Two-Factor verification Token',
		});
		const current = authenticator.generate(TOTP_SECRET);
		const wrong = String((Number(current) + 500000) % 1000000).padStart(6, '0');
		const refused = await client
			.login({
				email: contentstack.DEFAULT_EMAIL,
				password: contentstack.DEFAULT_PASSWORD,
				tfa_token: wrong,
			})
			.catch((caught) => caught);
		expect(refused).toMatchObject({ errorCode: 294 });
		expect(sandbox.loginStats).toMatchObject({ logins: 0, failedLogins: 2 });
	});

	test('2FA with tfa_token: the current code of the authenticator app logs in', async () => {
		sandbox.setTfaSecret(TOTP_SECRET);
		const tfaToken = authenticator.generate(TOTP_SECRET);
		const answer = await newClient().login({
			email: contentstack.DEFAULT_EMAIL,
			password: contentstack.DEFAULT_PASSWORD,
			tfa_token: tfaToken,
		});
		expect(answer.user.authtoken).toMatch(/^blt/);
		expect(JSON.parse(loginRequests()[0].rawBody).user.tfa_token).toBe(tfaToken);
	});

	test('2FA with mfaSecret: the SDK makes the RFC 6238 code itself and the sandbox checks it', async () => {
		sandbox.setTfaSecret(TOTP_SECRET);
		const answer = await newClient().login({
			email: contentstack.DEFAULT_EMAIL,
			password: contentstack.DEFAULT_PASSWORD,
			mfaSecret: TOTP_SECRET,
		});
		expect(answer.user.authtoken).toMatch(/^blt/);
		const body = JSON.parse(loginRequests()[0].rawBody);
		expect(body.user.mfaSecret).toBeUndefined(); // the secret never leaves the client
		expect(body.user.tfa_token).toMatch(/^\d{6}$/);
		expect(sandbox.logins).toBe(1);
	});

	test('the sandbox TOTP is RFC 6238 (its SHA-1 test vectors) and agrees with otplib', () => {
		const key = Buffer.from('12345678901234567890');
		expect(contentstack.totp(key, 59 * 1000, 30, 8)).toBe('94287082');
		expect(contentstack.totp(key, 1111111109 * 1000, 30, 8)).toBe('07081804');
		expect(contentstack.totp(key, 20000000000 * 1000, 30, 8)).toBe('65353130');
		expect(contentstack.totp(contentstack.base32Decode(TOTP_SECRET))).toBe(
			authenticator.generate(TOTP_SECRET),
		);
	});
});

// ---- management SDK: OAuth ----------------------------------------------------------------------

describe('@contentstack/management OAuth handler', () => {
	const APP_UID = '6400aa06db64de001a31c8a9';
	const newClient = () =>
		management.client({
			host: '127.0.0.1',
			port: new URL(sandbox.url).port,
			insecure: true,
			developerHubBaseUrl: sandbox.url,
			retryOnError: false,
			timeout: 5000,
		});
	const tokenRequests = () =>
		sent('POST', '/token').map((request) =>
			Object.fromEntries(new URLSearchParams(request.rawBody)),
		);
	const works = async (accessToken) =>
		(
			await fetch(`${sandbox.url}/events`, {
				headers: { authorization: `Bearer ${accessToken}`, 'x-project-uid': PROJECT },
			})
		).status;

	/** The browser step: the authorize URL's PKCE challenge goes with the code the app UI would issue. */
	async function authorizeCode(handler) {
		const authorizeUrl = new URL(await handler.authorize());
		expect(authorizeUrl.hash).toBe(`#!/apps/${APP_UID}/authorize`);
		const query = authorizeUrl.searchParams;
		return sandbox.oauth.code({
			clientId: query.get('client_id'),
			redirectUri: REDIRECT_URI,
			codeChallenge: query.get('code_challenge') ?? undefined,
			codeChallengeMethod: query.get('code_challenge_method') ?? undefined,
		});
	}

	test('PKCE: code_verifier and no client_secret; the sandbox checks S256(code_verifier) against the challenge', async () => {
		const handler = newClient().oauth({
			appId: APP_UID,
			clientId: contentstack.DEFAULT_CLIENT_ID,
			redirectUri: REDIRECT_URI,
		});
		const code = await authorizeCode(handler);
		const tokens = await handler.exchangeCodeForToken(code);
		const [form] = tokenRequests();
		expect(form).toEqual({
			grant_type: 'authorization_code',
			code,
			redirect_uri: REDIRECT_URI,
			client_id: contentstack.DEFAULT_CLIENT_ID,
			code_verifier: expect.stringMatching(/^[A-Za-z0-9._~-]{128}$/),
		});
		expect(contentstack.pkceChallenge(form.code_verifier)).toBe(
			new URL(await handler.authorize()).searchParams.get('code_challenge'),
		);
		expect(tokens).toMatchObject({
			token_type: 'Bearer',
			organization_uid: contentstack.DEFAULT_ORG_UID,
			expires_in: 3600,
		});
		expect(handler.getAccessToken()).toBe(tokens.access_token);
		expect(handler.getOrganizationUID()).toBe(contentstack.DEFAULT_ORG_UID);
		expect(await works(tokens.access_token)).toBe(200);
	});

	test('PKCE: another verifier, a reused code and a code without a challenge are refused', async () => {
		const client = newClient();
		const first = client.oauth({
			appId: APP_UID,
			clientId: contentstack.DEFAULT_CLIENT_ID,
			redirectUri: REDIRECT_URI,
		});
		const code = await authorizeCode(first);
		const other = client.oauth({
			appId: APP_UID,
			clientId: contentstack.DEFAULT_CLIENT_ID,
			redirectUri: REDIRECT_URI,
		});
		expect(other.codeVerifier).not.toBe(first.codeVerifier);
		await expect(other.exchangeCodeForToken(code)).rejects.toMatchObject({
			status: 400,
			error: 'invalid_grant',
		});
		await expect(first.exchangeCodeForToken(code)).rejects.toMatchObject({
			status: 400,
			error: 'invalid_grant',
		});
		const withoutChallenge = sandbox.oauth.code({ redirectUri: REDIRECT_URI });
		await expect(first.exchangeCodeForToken(withoutChallenge)).rejects.toMatchObject({
			status: 401,
			error: 'invalid_client',
		});
	});

	test('refresh: refresh_token, client_id and redirect_uri, no secret; tokens rotate', async () => {
		const handler = newClient().oauth({
			appId: APP_UID,
			clientId: contentstack.DEFAULT_CLIENT_ID,
			redirectUri: REDIRECT_URI,
		});
		const tokens = await handler.exchangeCodeForToken(await authorizeCode(handler));
		const refreshed = await handler.refreshAccessToken();
		const form = tokenRequests()[1];
		expect(form).toEqual({
			grant_type: 'refresh_token',
			refresh_token: tokens.refresh_token,
			client_id: contentstack.DEFAULT_CLIENT_ID,
			redirect_uri: REDIRECT_URI,
		});
		expect(refreshed.access_token).not.toBe(tokens.access_token);
		expect(handler.getAccessToken()).toBe(refreshed.access_token);
		expect(handler.getRefreshToken()).toBe(refreshed.refresh_token);
		expect(await works(refreshed.access_token)).toBe(200);
		// The used refresh token is spent; a refresh token is bound to its client.
		await expect(handler.refreshAccessToken(tokens.refresh_token)).rejects.toMatchObject({
			status: 400,
			error: 'invalid_grant',
		});
		const stranger = newClient().oauth({
			appId: APP_UID,
			clientId: 'anotherClient',
			redirectUri: REDIRECT_URI,
		});
		await expect(stranger.refreshAccessToken(refreshed.refresh_token)).rejects.toMatchObject({
			status: 401,
			error: 'invalid_client',
		});
	});

	test('a confidential app sends client_secret instead of PKCE; a wrong secret is refused', async () => {
		const handler = newClient().oauth({
			appId: APP_UID,
			clientId: contentstack.DEFAULT_CLIENT_ID,
			redirectUri: REDIRECT_URI,
			clientSecret: contentstack.DEFAULT_CLIENT_SECRET,
		});
		const authorizeUrl = new URL(await handler.authorize());
		expect(authorizeUrl.searchParams.get('code_challenge')).toBeNull();
		const tokens = await handler.exchangeCodeForToken(await authorizeCode(handler));
		expect(tokens.access_token).toMatch(/^cs_at_/);
		expect(tokenRequests()[0]).toEqual({
			grant_type: 'authorization_code',
			code: expect.any(String),
			redirect_uri: REDIRECT_URI,
			client_id: contentstack.DEFAULT_CLIENT_ID,
			client_secret: contentstack.DEFAULT_CLIENT_SECRET,
		});
		const wrong = newClient().oauth({
			appId: APP_UID,
			clientId: contentstack.DEFAULT_CLIENT_ID,
			redirectUri: REDIRECT_URI,
			clientSecret: 'not-the-secret',
		});
		await expect(wrong.exchangeCodeForToken(await authorizeCode(wrong))).rejects.toMatchObject({
			status: 401,
			error: 'invalid_client',
		});
	});
});

// ---- n8n's OAuth2 client, which the node's OAuth2 credential runs on ------------------------------

describe('@n8n/client-oauth2 (the node credential side of the same token endpoint)', () => {
	const { ClientOAuth2 } = require('@n8n/client-oauth2');
	const oauthClient = (extra = {}) =>
		new ClientOAuth2({
			clientId: contentstack.DEFAULT_CLIENT_ID,
			accessTokenUri: `${sandbox.url}/token`,
			authorizationUri: `${sandbox.url}/apps/app-uid/authorize`,
			redirectUri: REDIRECT_URI,
			scopes: ['personalize:manage'],
			...extra,
		});
	const form = (index) =>
		Object.fromEntries(new URLSearchParams(sent('POST', '/token')[index].rawBody));

	test('a confidential client: the secret in a Basic header for the code, in the body for a refresh', async () => {
		const client = oauthClient({
			clientSecret: contentstack.DEFAULT_CLIENT_SECRET,
			authentication: 'body',
		});
		const code = sandbox.oauth.code({ redirectUri: REDIRECT_URI });
		const token = await client.code.getToken(`${REDIRECT_URI}?code=${code}`);
		expect(token.accessToken).toMatch(/^cs_at_/);
		expect(sent('POST', '/token')[0].headers.authorization).toBeDefined(); // Basic (redacted in the log)
		expect(form(0)).toEqual({ code, grant_type: 'authorization_code', redirect_uri: REDIRECT_URI });
		const refreshed = await token.refresh();
		expect(refreshed.accessToken).not.toBe(token.accessToken);
		expect(form(1)).toEqual({
			refresh_token: token.refreshToken,
			grant_type: 'refresh_token',
			client_id: contentstack.DEFAULT_CLIENT_ID,
			client_secret: contentstack.DEFAULT_CLIENT_SECRET,
		});
		const wrong = oauthClient({ clientSecret: 'not-the-secret' });
		await expect(
			wrong.code.getToken(
				`${REDIRECT_URI}?code=${sandbox.oauth.code({ redirectUri: REDIRECT_URI })}`,
			),
		).rejects.toThrow();
	});

	test('PKCE without a secret, through the path-style authorize URL: client_id and code_verifier; refresh with client_id only', async () => {
		const verifier = 'a'.repeat(20) + '-verifier-' + 'Z'.repeat(30);
		const client = oauthClient({ clientSecret: '' });
		const authorizeUrl = client.code.getUri({
			state: 'st-1',
			query: {
				code_challenge: contentstack.pkceChallenge(verifier),
				code_challenge_method: 'S256',
			},
		});
		const consent = await fetch(authorizeUrl, { redirect: 'manual' });
		expect(consent.status).toBe(302);
		const callback = new URL(consent.headers.get('location'));
		expect(`${callback.origin}${callback.pathname}`).toBe(REDIRECT_URI);
		expect(callback.searchParams.get('state')).toBe('st-1');
		expect(callback.searchParams.get('location')).toBe('NA');
		const code = callback.searchParams.get('code');
		// Another verifier for the same flow is refused (and spends the code).
		const stolen = await fetch(`${sandbox.url}/token`, {
			method: 'POST',
			headers: { 'content-type': 'application/x-www-form-urlencoded' },
			body: new URLSearchParams({
				grant_type: 'authorization_code',
				code,
				redirect_uri: REDIRECT_URI,
				client_id: contentstack.DEFAULT_CLIENT_ID,
				code_verifier: 'x'.repeat(50),
			}),
		});
		expect(stolen.status).toBe(400);
		const again = new URL(
			(await fetch(authorizeUrl, { redirect: 'manual' })).headers.get('location'),
		);
		const token = await client.code.getToken(again.toString(), {
			body: { code_verifier: verifier },
			state: 'st-1',
		});
		expect(form(1)).toEqual({
			code: again.searchParams.get('code'),
			grant_type: 'authorization_code',
			redirect_uri: REDIRECT_URI,
			client_id: contentstack.DEFAULT_CLIENT_ID,
			code_verifier: verifier,
		});
		expect(token.accessToken).toMatch(/^cs_at_/);
		expect((await token.refresh()).accessToken).toMatch(/^cs_at_/);
		expect(form(2)).toEqual({
			refresh_token: token.refreshToken,
			grant_type: 'refresh_token',
			client_id: contentstack.DEFAULT_CLIENT_ID,
		});
	});

	test('the authorize step refuses an unknown client, another response type and a plain challenge', async () => {
		const status = async (query) =>
			(
				await fetch(
					`${sandbox.url}/apps/app-uid/authorize?${new URLSearchParams({ response_type: 'code', client_id: contentstack.DEFAULT_CLIENT_ID, redirect_uri: REDIRECT_URI, ...query })}`,
					{ redirect: 'manual' },
				)
			).status;
		expect(await status({})).toBe(302);
		expect(await status({ client_id: 'nobody' })).toBe(400);
		expect(await status({ response_type: 'token' })).toBe(400);
		expect(await status({ code_challenge: 'abc' })).toBe(400);
	});
});

// ---- CLI Personalize adapter ----------------------------------------------------------------------

describe('@contentstack/cli-variants PersonalizationAdapter', () => {
	const newAdapter = () => {
		const adapter = new PersonalizationAdapter({
			config: {},
			baseURL: sandbox.url,
			headers: {
				authtoken: contentstack.DEFAULT_AUTHTOKEN,
				'X-Project-Uid': PROJECT,
				organization_uid: contentstack.DEFAULT_ORG_UID,
			},
		});
		expect(isLoopbackUrl(adapter.apiClient.request.baseURL)).toBe(true);
		return adapter;
	};

	test('projects: init reads the authtoken from the CLI config, then GET /projects?connectedStackApiKey', async () => {
		configHandler.set('authtoken', contentstack.DEFAULT_AUTHTOKEN);
		const adapter = newAdapter();
		const created = await adapter.createProject({
			name: 'CLI import',
			description: 'from the CLI',
			connectedStackApiKey: 'blt5tack0000000001',
		});
		expect(created).toMatchObject({
			uid: expect.stringMatching(/^[0-9a-f]{24}$/),
			name: 'CLI import',
			connectedStackApiKey: 'blt5tack0000000001',
		});
		const projects = await adapter.projects({ connectedStackApiKey: 'blt5tack0000000001' });
		expect(projects.map((project) => project.uid)).toEqual([created.uid]);
		await expect(adapter.createProject({ name: 'CLI import' })).rejects.toBe(
			'personalize.PROJECTS.DUPLICATE_NAME',
		);
	});

	test('attributes, events and audiences: create and list', async () => {
		const adapter = newAdapter();
		const attribute = await adapter.createAttribute({
			name: 'Plan',
			key: 'plan',
			description: 'Subscription plan',
		});
		expect(attribute).toMatchObject({
			uid: expect.stringMatching(/^[0-9a-f]{24}$/),
			name: 'Plan',
			key: 'plan',
			project: PROJECT,
		});
		const attributes = await adapter.getAttributes();
		expect(
			attributes
				.filter((entry) => entry.__type === 'CUSTOM')
				.map((entry) => entry.key)
				.sort(),
		).toEqual(['loyalty_tier', 'orders', 'plan']);
		expect(attributes.some((entry) => entry.__type === 'PRESET')).toBe(true);

		const event = await adapter.createEvents({ key: 'add_to_cart', description: 'Added to cart' });
		expect(event).toMatchObject({ key: 'add_to_cart' });
		expect((await adapter.getEvents()).map((entry) => entry.key).sort()).toEqual([
			'add_to_cart',
			'purchase',
			'signup',
		]);

		const definition = {
			__type: 'RuleCombination',
			combinationType: 'AND',
			rules: [
				{
					__type: 'Rule',
					attribute: { __type: 'CustomAttributeReference', ref: attribute.uid },
					attributeMatchCondition: 'STRING_EQUALS',
					attributeMatchOptions: { __type: 'StringMatchOptions', value: 'pro' },
					invertCondition: false,
				},
			],
		};
		const audience = await adapter.createAudience({
			name: 'Pro plan',
			description: 'Pro subscribers',
			definition,
		});
		expect(audience).toMatchObject({ name: 'Pro plan', definition });
		expect((await adapter.getAudiences()).map((entry) => entry.name).sort()).toEqual([
			'Gold members',
			'Pro plan',
		]);
		// A refusal reaches the CLI as the error code it reads from `error`.
		await expect(adapter.createAttribute({ name: 'Plan again', key: 'plan' })).rejects.toBe(
			'personalize.ATTRIBUTES.DUPLICATE_KEY',
		);
	});

	test('experiences and versions: create, get, list, update the draft (shortUids stripped), a new draft', async () => {
		const adapter = newAdapter();
		const experience = await adapter.createExperience({
			name: 'Pricing page',
			description: 'By tier',
			__type: 'SEGMENTED',
		});
		expect(experience).toMatchObject({
			name: 'Pricing page',
			__type: 'SEGMENTED',
			status: 'DRAFT',
			latestVersion: expect.stringMatching(/^[0-9a-f]{24}$/),
		});
		expect(await adapter.getExperience(experience.uid)).toMatchObject({
			uid: experience.uid,
			shortUid: experience.shortUid,
		});
		expect((await adapter.getExperiences()).map((entry) => entry.uid)).toEqual([
			SEGMENTED,
			experience.uid,
		]);

		const [draft] = await adapter.getExperienceVersions(experience.uid);
		expect(draft).toMatchObject({ uid: experience.latestVersion, status: 'DRAFT', variants: [] });
		const variant = {
			__type: 'SegmentedVariant',
			name: 'Gold pricing',
			shortUid: '7',
			audiences: [GOLD],
			lyticsAudiences: [],
			audienceCombinationType: 'OR',
		};
		const active = await adapter.updateExperienceVersion(experience.uid, draft.uid, {
			status: 'ACTIVE',
			variants: [variant],
		});
		const { shortUid, ...withoutShortUid } = variant;
		expect(
			JSON.parse(sent('PUT', `/experiences/${experience.uid}/versions/${draft.uid}`)[0].rawBody),
		).toEqual({ status: 'ACTIVE', variants: [withoutShortUid] });
		expect(active).toMatchObject({
			uid: draft.uid,
			status: 'ACTIVE',
			variants: [{ name: 'Gold pricing', shortUid: '0' }],
		});
		expect(shortUid).toBe('7');

		const next = await adapter.createExperienceVersion(experience.uid, {
			status: 'DRAFT',
			variants: [{ ...withoutShortUid, name: 'Gold pricing v2' }],
		});
		expect(next).toMatchObject({
			status: 'DRAFT',
			variants: [{ name: 'Gold pricing v2', shortUid: '1' }],
		});
		expect(
			(await adapter.getExperienceVersions(experience.uid)).map((version) => version.status),
		).toEqual(['ACTIVE', 'DRAFT']);
		await expect(
			adapter.createExperienceVersion(experience.uid, { status: 'DRAFT', variants: [] }),
		).rejects.toBe(
			'personalize.EXPERIENCES.VERSIONS.CANNOT_CREATE_VERSION_AS_DRAFT_ALREADY_EXISTS',
		);
	});

	test('variant group: POST and GET /experiences/{uid}/cms-integration/variant-group', async () => {
		const adapter = newAdapter();
		const before = await adapter.getCTsFromExperience(SEGMENTED);
		const experience = sandbox.project().experiences.find((entry) => entry.uid === SEGMENTED);
		expect(before).toEqual({
			uid: experience._cms.variantGroup ?? expect.stringMatching(/^cs/),
			contentTypes: [],
			content_types: [],
		});
		const updated = await adapter.updateCTsInExperience(
			{ contentTypes: ['page', 'blog_post'] },
			SEGMENTED,
		);
		expect(
			JSON.parse(
				sent('POST', `/experiences/${SEGMENTED}/cms-integration/variant-group`)[0].rawBody,
			),
		).toEqual({ contentTypes: ['page', 'blog_post'] });
		expect(updated).toEqual({
			uid: before.uid,
			contentTypes: ['page', 'blog_post'],
			content_types: ['page', 'blog_post'],
		});
		expect(await adapter.getCTsFromExperience(SEGMENTED)).toEqual(updated);
		await expect(adapter.updateCTsInExperience({ contentTypes: 'page' }, SEGMENTED)).rejects.toBe(
			'personalize.EXPERIENCES.CMS_INTEGRATION.VALIDATION',
		);
		await expect(adapter.getCTsFromExperience('6650a1b2c3d4e5f6012345ff')).rejects.toBe(
			'personalize.EXPERIENCES.NOT_FOUND',
		);
	});

	test('variant group on the CMA: the import flow reads /v3/variant_groups?experience_uid and PUTs the group back', async () => {
		const adapter = new PersonalizationAdapter({
			config: {},
			baseURL: sandbox.url,
			headers: { authtoken: contentstack.DEFAULT_AUTHTOKEN, 'X-Project-Uid': PROJECT },
			cmaConfig: {
				baseURL: `${sandbox.url}/v3`,
				headers: { api_key: 'blt5tack0000000001', authtoken: contentstack.DEFAULT_AUTHTOKEN },
			},
		});
		expect(isLoopbackUrl(adapter.cmaAPIClient.request.baseURL)).toBe(true);
		const {
			variant_groups: [group],
		} = await adapter.getVariantGroup({ experienceUid: SEGMENTED });
		const [read] = sent('GET', '/v3/variant_groups');
		expect(read.query).toEqual({ experience_uid: SEGMENTED });
		expect(read.headers).toMatchObject({ api_key: 'blt5tack0000000001' });
		expect(group).toMatchObject({
			uid: expect.stringMatching(/^cs/),
			name: 'Homepage hero by tier',
			content_types: [],
		});
		// What the import does: keep the exported content types that are linked, put the group back.
		group.content_types = [
			{ uid: 'page', status: 'linked' },
			{ uid: 'blog_post', status: 'linked' },
		];
		await adapter.updateVariantGroup(group);
		const [write] = sent('PUT', `/v3/variant_groups/${group.uid}`);
		expect(write.status).toBe(200);
		expect(JSON.parse(write.rawBody)).toMatchObject({
			uid: group.uid,
			content_types: group.content_types,
		});
		// The same group seen from Personalize.
		expect((await adapter.getCTsFromExperience(SEGMENTED)).contentTypes).toEqual([
			'page',
			'blog_post',
		]);
		const { variant_groups: again } = await adapter.getVariantGroup({ experienceUid: SEGMENTED });
		expect(again[0].content_types).toEqual(group.content_types);
		await expect(
			adapter.updateVariantGroup({ ...group, content_types: [{ uid: 'page', status: 'maybe' }] }),
		).rejects.toMatch(/content_types/);
	});
});
