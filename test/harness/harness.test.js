'use strict';

/**
 * Proves the real-engine harness against the fixture package `test/fixtures/demo-package`
 * and a loopback HTTP server (no mocks: n8n-core sends real requests).
 */
const http = require('node:http');
const path = require('node:path');
const { createHmac } = require('node:crypto');

const { runWorkflow, testCredential, createCredentialsHelper, loadPackage } = require('.');

const PACKAGE_DIR = path.resolve(__dirname, '..', 'fixtures', 'demo-package');
const HMAC = { keyId: 'demo-key', secret: 'hmac-secret' };
const GOOD_SECRET = 'good-secret';

// ---- loopback API ------------------------------------------------------------------------------

function sendJson(res, status, body) {
	res.writeHead(status, { 'content-type': 'application/json' });
	res.end(JSON.stringify(body));
}

function readBody(req) {
	return new Promise((resolve) => {
		let body = '';
		req.on('data', (chunk) => (body += chunk));
		req.on('end', () => resolve(body ? JSON.parse(body) : {}));
	});
}

/** Returns who the request authenticated as, or sends the rejection and returns undefined. */
function authorize(req, url, res, state) {
	if (req.headers['x-demo-key']) {
		const expected = createHmac('sha256', HMAC.secret)
			.update(`${req.method} ${url.pathname}`)
			.digest('hex');
		if (req.headers['x-demo-key'] !== HMAC.keyId || req.headers['x-demo-signature'] !== expected) {
			return sendJson(res, 403, { message: 'bad signature' });
		}
		return { auth: 'hmac' };
	}
	const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
	if (!token || !state.tokens.has(token)) return sendJson(res, 401, { message: 'unknown token' });
	if (state.reject401Once) {
		// Simulates a token the API revoked: this request fails once, a fresh token works again.
		state.reject401Once = false;
		state.tokens.delete(token);
		return sendJson(res, 401, { message: 'token expired' });
	}
	return { auth: 'bearer', token, clientId: state.tokens.get(token) };
}

async function handle(req, res, state) {
	const url = new URL(req.url, 'http://localhost');
	const body = await readBody(req);
	const entry = { method: req.method, path: url.pathname, query: url.search, headers: req.headers };
	state.requests.push(entry);

	if (req.method === 'POST' && url.pathname === '/token') {
		state.tokenCalls++;
		if (body.client_secret !== GOOD_SECRET) return sendJson(res, 401, { error: 'invalid_client' });
		const token = `tok-${++state.issued}`;
		state.tokens.set(token, body.client_id);
		return sendJson(res, 200, { access_token: token });
	}
	const who = authorize(req, url, res, state);
	if (!who) return;
	entry.status = 200;
	if (url.pathname === '/me') {
		if (who.clientId === 'disabled') return sendJson(res, 200, { error: { name: 'Disabled' } });
		return sendJson(res, 200, { user: who.clientId ?? who.auth });
	}
	if (url.pathname === '/fail') return sendJson(res, 500, { message: 'boom' });
	if (url.pathname === '/slow')
		return void setTimeout(() => !res.writableEnded && sendJson(res, 200, {}), 2000).unref();
	return sendJson(res, 200, {
		path: url.pathname,
		message: url.searchParams.get('message'),
		...who,
	});
}

function startServer() {
	const state = { tokens: new Map(), issued: 0, tokenCalls: 0, requests: [], reject401Once: false };
	const server = http.createServer((req, res) => void handle(req, res, state));
	return new Promise((resolve) => {
		server.listen(0, '127.0.0.1', () => {
			resolve({ server, state, baseUrl: `http://127.0.0.1:${server.address().port}` });
		});
	});
}

// ---- workflow builders ---------------------------------------------------------------------------

const HMAC_CREDENTIAL = { demoHmacApi: { id: '1', name: 'Demo HMAC', data: HMAC } };

function echoWorkflow({
	baseUrl,
	parameters = {},
	credential = 'demoHmacApi',
	pinData,
	echoNode = {},
}) {
	const credentialRef =
		credential === 'demoHmacApi' ? { id: '1', name: 'Demo HMAC' } : { id: '2', name: 'Demo Token' };
	return {
		name: 'Harness demo',
		nodes: [
			{
				id: 'n1',
				name: 'When clicking ‘Execute workflow’',
				type: 'n8n-nodes-base.manualTrigger',
				typeVersion: 1,
				position: [0, 0],
				parameters: {},
			},
			{
				id: 'n2',
				name: 'Echo',
				type: 'n8n-nodes-demo.demoEcho',
				typeVersion: 1,
				position: [220, 0],
				parameters: {
					authentication: credential === 'demoHmacApi' ? 'hmac' : 'token',
					baseUrl,
					message: '={{ $json.msg }}',
					...parameters,
				},
				credentials: { [credential]: credentialRef },
				...echoNode,
			},
			{
				id: 'n3',
				name: 'Convert to File',
				type: 'n8n-nodes-base.convertToFile',
				typeVersion: 1.1,
				position: [440, 0],
				parameters: { operation: 'toJson', options: {} },
			},
			{
				id: 'n4',
				name: 'Sticky Note',
				type: 'n8n-nodes-base.stickyNote',
				typeVersion: 1,
				position: [0, -200],
				parameters: { content: 'Not connected; never runs' },
			},
		],
		connections: {
			'When clicking ‘Execute workflow’': { main: [[{ node: 'Echo', type: 'main', index: 0 }]] },
			Echo: { main: [[{ node: 'Convert to File', type: 'main', index: 0 }]] },
		},
		...(pinData ? { pinData: { 'When clicking ‘Execute workflow’': pinData } } : {}),
	};
}

const items = (...messages) => messages.map((msg) => ({ json: { msg } }));

// ---- tests -------------------------------------------------------------------------------------

describe('real-engine harness', () => {
	let api;
	const echoCalls = () => api.state.requests.filter((request) => request.path === '/echo');

	beforeAll(async () => {
		api = await startServer();
	});
	afterAll(async () => {
		api.server.closeAllConnections();
		await new Promise((resolve) => api.server.close(resolve));
	});
	beforeEach(() => {
		api.state.requests.length = 0;
	});

	test('loadPackage loads the built package with PackageDirectoryLoader', async () => {
		const loader = await loadPackage(PACKAGE_DIR);
		expect(loader.packageName).toBe('n8n-nodes-demo');
		expect(Object.keys(loader.known.nodes).sort()).toEqual(['demoDecl', 'demoEcho']);
		expect(Object.keys(loader.known.credentials).sort()).toEqual(['demoHmacApi', 'demoTokenApi']);
		expect(await loadPackage(PACKAGE_DIR)).toBe(loader);
	});

	test('items flow from the trigger through the node and the stand-in, with pairedItem', async () => {
		const result = await runWorkflow(
			echoWorkflow({ baseUrl: api.baseUrl, parameters: { message: 'hello' } }),
			{
				packageDir: PACKAGE_DIR,
				credentials: HMAC_CREDENTIAL,
			},
		);

		expect(result.status).toBe('success');
		expect(result.error).toBeUndefined();
		expect(result.items('Echo')).toEqual([
			{ json: { path: '/echo', message: 'hello', auth: 'hmac' }, pairedItem: { item: 0 } },
		]);
		expect(result.json('Convert to File')).toEqual([
			{ path: '/echo', message: 'hello', auth: 'hmac' },
		]);
		expect(result.summary()).toEqual([
			expect.objectContaining({
				node: 'When clicking ‘Execute workflow’',
				type: 'n8n-nodes-base.manualTrigger',
				itemsIn: 0,
				itemsOut: 1,
				status: 'success',
			}),
			expect.objectContaining({
				node: 'Echo',
				type: 'n8n-nodes-demo.demoEcho',
				itemsIn: 1,
				itemsOut: 1,
				status: 'success',
			}),
			expect.objectContaining({
				node: 'Convert to File',
				itemsIn: 1,
				itemsOut: 1,
				status: 'success',
			}),
		]);
		expect(result.summary().every((row) => typeof row.ms === 'number')).toBe(true);
		expect(result.nodeExecutionOrder).toEqual([
			'When clicking ‘Execute workflow’',
			'Echo',
			'Convert to File',
		]);
		expect(result.executionTimeMs).toBeGreaterThanOrEqual(0);
	});

	test('the function-style authenticate header reaches the server', async () => {
		const result = await runWorkflow(
			echoWorkflow({ baseUrl: api.baseUrl, parameters: { message: 'signed' } }),
			{
				packageDir: PACKAGE_DIR,
				credentials: HMAC_CREDENTIAL,
			},
		);

		expect(result.status).toBe('success');
		const [request] = echoCalls();
		expect(request.headers['x-demo-key']).toBe(HMAC.keyId);
		const expected = createHmac('sha256', HMAC.secret).update('GET /echo').digest('hex');
		expect(request.headers['x-demo-signature']).toBe(expected);
	});

	test('pinData on the trigger feeds the items instead of running the trigger', async () => {
		const pinned = items('a', 'b', 'c');
		const result = await runWorkflow(echoWorkflow({ baseUrl: api.baseUrl, pinData: pinned }), {
			packageDir: PACKAGE_DIR,
			credentials: HMAC_CREDENTIAL,
		});

		expect(result.status).toBe('success');
		expect(result.json('When clicking ‘Execute workflow’')).toEqual([
			{ msg: 'a' },
			{ msg: 'b' },
			{ msg: 'c' },
		]);
		expect(result.json('Echo').map((json) => json.message)).toEqual(['a', 'b', 'c']);
		expect(result.items('Echo').map((item) => item.pairedItem)).toEqual([
			{ item: 0 },
			{ item: 1 },
			{ item: 2 },
		]);
		expect(echoCalls()).toHaveLength(3);
	});

	test('pinData is ignored outside manual mode, as in n8n', async () => {
		const result = await runWorkflow(
			echoWorkflow({ baseUrl: api.baseUrl, pinData: items('a', 'b') }),
			{
				packageDir: PACKAGE_DIR,
				credentials: HMAC_CREDENTIAL,
				mode: 'trigger',
			},
		);
		expect(result.status).toBe('success');
		expect(result.items('Echo')).toHaveLength(1);
	});

	describe('preAuthentication with an expirable token', () => {
		const tokenCredential = () => ({
			demoTokenApi: {
				id: '2',
				name: 'Demo Token',
				data: { baseUrl: api.baseUrl, clientId: 'client-1', clientSecret: GOOD_SECRET },
			},
		});

		test('runs once across two executions and the stored token is reused', async () => {
			const helper = await createCredentialsHelper(tokenCredential(), { packageDir: PACKAGE_DIR });
			const workflow = echoWorkflow({
				baseUrl: api.baseUrl,
				credential: 'demoTokenApi',
				pinData: items('x', 'y'),
			});
			const tokenCallsBefore = api.state.tokenCalls;

			const first = await runWorkflow(workflow, { packageDir: PACKAGE_DIR, credentials: helper });
			const second = await runWorkflow(workflow, { packageDir: PACKAGE_DIR, credentials: helper });

			expect(first.status).toBe('success');
			expect(second.status).toBe('success');
			expect(helper.preAuthenticationCalls.demoTokenApi).toBe(1);
			expect(api.state.tokenCalls - tokenCallsBefore).toBe(1);
			const token = helper.getStoredCredentials('demoTokenApi').sessionToken;
			expect(token).toMatch(/^tok-\d+$/);
			expect([...first.json('Echo'), ...second.json('Echo')].map((json) => json.token)).toEqual([
				token,
				token,
				token,
				token,
			]);
			// The expression default (tokenUrl = {{$self.baseUrl}}/token) was resolved but not persisted.
			expect(helper.getStoredCredentials('demoTokenApi')).not.toHaveProperty('tokenUrl');
		});

		test('after one 401 the token is refreshed and the request retried once', async () => {
			const helper = await createCredentialsHelper(tokenCredential(), { packageDir: PACKAGE_DIR });
			const workflow = echoWorkflow({
				baseUrl: api.baseUrl,
				credential: 'demoTokenApi',
				pinData: items('x', 'y'),
			});
			await runWorkflow(workflow, { packageDir: PACKAGE_DIR, credentials: helper });
			const oldToken = helper.getStoredCredentials('demoTokenApi').sessionToken;
			api.state.requests.length = 0;

			api.state.reject401Once = true;
			const result = await runWorkflow(workflow, { packageDir: PACKAGE_DIR, credentials: helper });

			expect(result.status).toBe('success');
			expect(helper.preAuthenticationCalls.demoTokenApi).toBe(2);
			const newToken = helper.getStoredCredentials('demoTokenApi').sessionToken;
			expect(newToken).not.toBe(oldToken);
			expect(
				api.state.requests.map((r) =>
					`${r.method} ${r.path} ${r.headers.authorization ?? ''}`.trim(),
				),
			).toEqual([
				`GET /echo Bearer ${oldToken}`,
				'POST /token',
				`GET /echo Bearer ${newToken}`,
				`GET /echo Bearer ${newToken}`,
			]);
			expect(result.json('Echo').map((json) => json.token)).toEqual([newToken, newToken]);
		});
	});

	test('a declarative node runs through RoutingNode with generic auth + preAuthentication', async () => {
		const workflow = echoWorkflow({ baseUrl: api.baseUrl, pinData: items('d1', 'd2') });
		workflow.nodes[1] = {
			id: 'n2',
			name: 'Echo',
			type: 'n8n-nodes-demo.demoDecl',
			typeVersion: 1,
			position: [220, 0],
			parameters: { message: '={{ $json.msg }}' },
			credentials: { demoTokenApi: { id: '2', name: 'Demo Token' } },
		};
		const credentials = {
			demoTokenApi: {
				id: '2',
				name: 'Demo Token',
				data: { baseUrl: api.baseUrl, clientId: 'c', clientSecret: GOOD_SECRET },
			},
		};
		const result = await runWorkflow(workflow, { packageDir: PACKAGE_DIR, credentials });

		expect(result.status).toBe('success');
		expect(result.json('Echo').map((json) => [json.message, json.auth])).toEqual([
			['d1', 'bearer'],
			['d2', 'bearer'],
		]);
		expect(result.items('Echo').map((item) => item.pairedItem)).toEqual([{ item: 0 }, { item: 1 }]);
		// RoutingNode sends the items' requests concurrently, each loading the credential while its token is
		// still empty, so real n8n fetches one token per item on the very first run. Later runs reuse it.
		const helper = result.credentialsHelper;
		expect(helper.preAuthenticationCalls.demoTokenApi).toBe(2);
		const again = await runWorkflow(workflow, { packageDir: PACKAGE_DIR, credentials: helper });
		expect(again.status).toBe('success');
		expect(helper.preAuthenticationCalls.demoTokenApi).toBe(2);
	});

	describe('errors', () => {
		test('an HTTP error thrown by the node fails the execution and is stored as the node error', async () => {
			const result = await runWorkflow(
				echoWorkflow({ baseUrl: api.baseUrl, parameters: { path: '/fail' } }),
				{ packageDir: PACKAGE_DIR, credentials: HMAC_CREDENTIAL },
			);

			expect(result.status).toBe('error');
			expect(result.error.message).toBeTruthy();
			const nodeError = result.nodeError('Echo');
			expect(nodeError).toBeDefined();
			expect(nodeError.httpCode).toBe('500');
			expect(nodeError.message).toBe(result.error.message);
			expect(result.items('Echo')).toEqual([]);
			expect(result.runData['Convert to File']).toBeUndefined();
			expect(result.summary().find((row) => row.node === 'Echo')).toMatchObject({
				status: 'error',
			});
		});

		test('a NodeOperationError from the node surfaces with its message', async () => {
			const result = await runWorkflow(echoWorkflow({ baseUrl: '' }), {
				packageDir: PACKAGE_DIR,
				credentials: HMAC_CREDENTIAL,
			});
			expect(result.status).toBe('error');
			expect(result.nodeError('Echo').message).toBe('Base URL is required');
		});

		test('continueOnFail gives one output item per input item', async () => {
			const workflow = echoWorkflow({
				baseUrl: api.baseUrl,
				parameters: { path: '={{ $json.path }}' },
				pinData: [
					{ json: { msg: 'a', path: '/echo' } },
					{ json: { msg: 'b', path: '/fail' } },
					{ json: { msg: 'c', path: '/echo' } },
				],
				echoNode: { onError: 'continueRegularOutput' },
			});
			const result = await runWorkflow(workflow, {
				packageDir: PACKAGE_DIR,
				credentials: HMAC_CREDENTIAL,
			});

			expect(result.status).toBe('success');
			const output = result.items('Echo');
			expect(output.map((item) => item.pairedItem)).toEqual([
				{ item: 0 },
				{ item: 1 },
				{ item: 2 },
			]);
			expect(output[0].json.message).toBe('a');
			expect(output[1].json.error).toEqual(expect.any(String));
			expect(output[2].json.message).toBe('c');
			expect(result.nodeError('Echo')).toBeUndefined();
		});

		test('a credential reference that does not match the stored id fails like n8n', async () => {
			const result = await runWorkflow(echoWorkflow({ baseUrl: api.baseUrl }), {
				packageDir: PACKAGE_DIR,
				credentials: { demoHmacApi: { id: '99', name: 'Other', data: HMAC } },
			});
			expect(result.status).toBe('error');
			expect(result.nodeError('Echo').message).toMatch(/Credential with ID "1" does not exist/);
		});

		test('runWorkflow rejects after timeoutMs and cancels the execution', async () => {
			const workflow = echoWorkflow({ baseUrl: api.baseUrl, parameters: { path: '/slow' } });
			await expect(
				runWorkflow(workflow, {
					packageDir: PACKAGE_DIR,
					credentials: HMAC_CREDENTIAL,
					timeoutMs: 300,
				}),
			).rejects.toThrow('Workflow did not finish within 300 ms');
		});

		test('a workflow without a start node returns status error (as n8n records a failed start)', async () => {
			const result = await runWorkflow(
				{ name: 'empty', nodes: [], connections: {} },
				{ packageDir: PACKAGE_DIR },
			);
			expect(result.status).toBe('error');
			expect(result.error.message).toBe('No node to start the workflow from could be found');
		});
	});

	describe('testCredential', () => {
		const tokenData = (overrides = {}) => ({
			baseUrl: api.baseUrl,
			clientId: 'client-1',
			clientSecret: GOOD_SECRET,
			...overrides,
		});

		test('OK for good data (preAuthentication runs, token is sent)', async () => {
			const result = await testCredential('demoTokenApi', tokenData(), { packageDir: PACKAGE_DIR });
			expect(result).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(result.credentialsHelper.preAuthenticationCalls.demoTokenApi).toBe(1);
			const me = api.state.requests.find((request) => request.path === '/me');
			expect(me.headers.authorization).toMatch(/^Bearer tok-\d+$/);
		});

		test('preAuthentication always runs during a test, even with a stored token', async () => {
			const result = await testCredential('demoTokenApi', tokenData({ sessionToken: 'stale' }), {
				packageDir: PACKAGE_DIR,
			});
			expect(result.status).toBe('OK');
			expect(result.credentialsHelper.preAuthenticationCalls.demoTokenApi).toBe(1);
		});

		test('Error for bad client credentials (no valid token)', async () => {
			const result = await testCredential('demoTokenApi', tokenData({ clientSecret: 'wrong' }), {
				packageDir: PACKAGE_DIR,
			});
			expect(result.status).toBe('Error');
			expect(result.message).toBe('Unauthorized');
		});

		test('Error from a responseSuccessBody rule', async () => {
			const result = await testCredential('demoTokenApi', tokenData({ clientId: 'disabled' }), {
				packageDir: PACKAGE_DIR,
			});
			expect(result).toEqual({ status: 'Error', message: 'This client is disabled' });
		});

		test('function authenticate: OK with the right secret, responseCode rule message with a wrong one', async () => {
			const good = await testCredential(
				'demoHmacApi',
				{ baseUrl: api.baseUrl, ...HMAC },
				{ packageDir: PACKAGE_DIR },
			);
			const bad = await testCredential(
				'demoHmacApi',
				{ baseUrl: api.baseUrl, ...HMAC, secret: 'nope' },
				{ packageDir: PACKAGE_DIR },
			);
			expect(good).toEqual({ status: 'OK', message: 'Connection successful!' });
			expect(bad).toEqual({ status: 'Error', message: 'Signature rejected' });
		});
	});
});
