// The Algonomy credential in a real n8n 2.41 process: the token fetched by preAuthentication is stored
// in n8n's credentials database, so separate `n8n execute` processes reuse it; a revoked token is
// replaced once; a wrong secret fails with the invalid_client explanation and without the secret.
const fs = require('node:fs');
const path = require('node:path');
const { createInstance } = require('../../scripts/n8n/instance');
const { sandboxCredentials } = require('../../scripts/sandboxes');
const { startSandboxProcess } = require('./sandbox-process');

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLE = JSON.parse(
	fs.readFileSync(path.join(ROOT, 'examples', 'algonomy-catalog-sync.json'), 'utf8'),
);
const NODE = 'Replace content in Algonomy';
const WRONG_SECRET = 'wrong-secret-for-e2e';

let n8n;
let sandboxes;
let credential;
const tokens = async () => (await sandboxes.control('algonomy', 'algonomy/tokens')).tokenRequests;
const requests = async () => (await sandboxes.control('algonomy', 'requests')).requests;

beforeAll(async () => {
	sandboxes = await startSandboxProcess(['--service', 'algonomy', '--seed']);
	n8n = await createInstance({ port: 5697 });
	[credential] = sandboxCredentials(sandboxes.urls);
	const wrong = {
		...credential,
		id: 'algonomyWrongSecret',
		name: 'Algonomy wrong secret',
		data: { ...credential.data, clientSecret: WRONG_SECRET },
	};
	await n8n.importCredentials([credential, wrong]);
	await n8n.importWorkflow({ ...EXAMPLE, id: 'algonomyTokenE2E' });
	await n8n.importWorkflow({
		...EXAMPLE,
		id: 'algonomyWrongE2E',
		nodes: EXAMPLE.nodes.map((node) =>
			node.name === NODE
				? { ...node, credentials: { algonomyApi: { id: wrong.id, name: wrong.name } } }
				: node,
		),
	});
}, 20 * 60_000);

afterAll(async () => {
	await sandboxes?.stop();
	n8n?.cleanup();
});

test(
	'one token for several executions (separate processes); a revoked token is replaced once',
	async () => {
		const first = await n8n.execute('algonomyTokenE2E');
		expect(first.status).toBe('success');
		const output = first.data.resultData.runData[NODE][0].data.main[0];
		expect(output.map((item) => item.json.success)).toEqual(output.map(() => true));
		expect(new Set(output.map((item) => item.json.trackingId)).size).toBe(1);
		expect(await tokens()).toBe(1);

		const second = await n8n.execute('algonomyTokenE2E');
		expect(second.status).toBe('success');
		expect(await tokens()).toBe(1); // the token came from n8n's credentials database

		await sandboxes.control('algonomy', 'algonomy/tokens/revoke', 'POST');
		const third = await n8n.execute('algonomyTokenE2E');
		expect(third.status).toBe('success');
		expect(await tokens()).toBe(2);
		const puts = (await requests())
			.filter((request) => request.method === 'PUT')
			.map((request) => request.status);
		expect(puts).toEqual([200, 200, 401, 200]);

		for (const run of [first, second, third])
			expect(JSON.stringify(run)).not.toContain(credential.data.clientSecret);
	},
	10 * 60_000,
);

test(
	'a wrong client secret fails with the invalid_client explanation, and the secret appears nowhere',
	async () => {
		const before = (await requests()).length;
		let outcome;
		try {
			outcome = JSON.stringify(await n8n.execute('algonomyWrongE2E'));
		} catch (error) {
			outcome = error.message; // `n8n execute` exits non-zero when the workflow fails
		}
		expect(outcome).toContain(
			'Algonomy token request failed: invalid_client (Invalid client authentication)',
		);
		expect(outcome).not.toContain(WRONG_SECRET);
		const sent = (await requests()).slice(before);
		expect(sent.map((request) => request.path)).toEqual(['/contentupdate/v1/oauth2/token']);
	},
	10 * 60_000,
);

// As for Contentstack: a secret changed to a wrong one must fail the Save button's test, even while a
// token issued for the old values is stored.
test(
	'the credential test proves the values typed now, not the token kept from before',
	async () => {
		await n8n.inEditor(async ({ testCredential }) => {
			const before = await tokens();
			const wrong = await testCredential(credential, { clientSecret: WRONG_SECRET });
			expect(wrong.status).toBe('Error');
			expect(wrong.message).toContain('invalid_client');
			expect(JSON.stringify(wrong)).not.toContain(WRONG_SECRET);
			expect(await tokens()).toBeGreaterThan(before); // a token was asked for with the typed secret

			const right = await testCredential(credential, {
				clientSecret: credential.data.clientSecret,
			});
			expect(right.status).toBe('OK');
		});
	},
	10 * 60_000,
);
