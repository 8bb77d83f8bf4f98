// The Contentstack Personalize credential in a real n8n 2.41 process: email and password log in once,
// the authtoken is stored in n8n's credentials database, so separate `n8n execute` processes reuse it;
// an ended session logs in once more; a wrong password fails with the login explanation and the
// password appears nowhere.
const fs = require('node:fs');
const path = require('node:path');
const { createInstance } = require('../../scripts/n8n/instance');
const { sandboxCredentials } = require('../../scripts/sandboxes');
const { startSandboxProcess } = require('./sandbox-process');

const ROOT = path.join(__dirname, '..', '..');
const EXAMPLE = JSON.parse(
	fs.readFileSync(path.join(ROOT, 'examples', 'contentstack-personalize-ab-test.json'), 'utf8'),
);
const WRONG_PASSWORD = 'wrong-password-for-e2e';
const SERVICE = 'contentstack-personalize';

let n8n;
let sandboxes;
let credential;
const logins = async () =>
	(await sandboxes.control(SERVICE, 'contentstack-personalize/logins')).logins;
const requests = async () => (await sandboxes.control(SERVICE, 'requests')).requests;

beforeAll(async () => {
	sandboxes = await startSandboxProcess(['--service', SERVICE]);
	n8n = await createInstance({ port: 5695 });
	[credential] = sandboxCredentials(sandboxes.urls);
	const wrong = {
		...credential,
		id: 'contentstackWrongPassword',
		name: 'Contentstack wrong password',
		data: { ...credential.data, password: WRONG_PASSWORD },
	};
	await n8n.importCredentials([credential, wrong]);
	await n8n.importWorkflow({ ...EXAMPLE, id: 'contentstackLoginE2E' });
	await n8n.importWorkflow({
		...EXAMPLE,
		id: 'contentstackWrongE2E',
		nodes: EXAMPLE.nodes.map((node) =>
			node.credentials
				? {
						...node,
						credentials: { contentstackPersonalizeApi: { id: wrong.id, name: wrong.name } },
					}
				: node,
		),
	});
}, 20 * 60_000);

afterAll(async () => {
	await sandboxes?.stop();
	n8n?.cleanup();
});

test(
	'one login for several executions (separate processes); an ended session logs in once more',
	async () => {
		const runs = [];
		for (let execution = 0; execution < 3; execution++) {
			const run = await n8n.execute('contentstackLoginE2E');
			expect(run.status).toBe('success');
			expect(run.data.resultData.runData['Activate the test'][0].data.main[0][0].json.status).toBe(
				'ACTIVE',
			);
			runs.push(run);
		}
		expect(await logins()).toBe(1); // the authtoken came from n8n's credentials database

		await sandboxes.control(SERVICE, 'contentstack-personalize/authtokens/expire', 'POST');
		const after = await n8n.execute('contentstackLoginE2E');
		expect(after.status).toBe('success');
		expect(await logins()).toBe(2);
		const audiencePosts = (await requests())
			.filter((request) => request.method === 'POST' && request.path === '/audiences')
			.map((request) => request.status);
		expect(audiencePosts).toEqual([201, 201, 201, 401, 201]);

		for (const run of [...runs, after]) {
			const text = JSON.stringify(run);
			expect(text).not.toContain(credential.data.password);
			expect(text).not.toMatch(/"authtoken":"blt/);
		}
	},
	10 * 60_000,
);

test(
	'a wrong password fails with the login explanation; only the login was sent; the password appears nowhere',
	async () => {
		const before = (await requests()).length;
		let outcome;
		try {
			outcome = JSON.stringify(await n8n.execute('contentstackWrongE2E'));
		} catch (error) {
			outcome = error.message; // `n8n execute` exits non-zero when the workflow fails
		}
		expect(outcome).toContain(
			'Contentstack login failed: Looks like your email or password is invalid',
		);
		expect(outcome).not.toContain(WRONG_PASSWORD);
		const sent = (await requests()).slice(before);
		expect(sent.map((request) => request.path)).toEqual(['/v3/user-session']);
	},
	10 * 60_000,
);

// Found in the editor: a password changed to a wrong one was "tested successfully", because the
// session kept from before was sent and no login was made. n8n's own credential test (the REST call
// the Save button makes) must prove the values typed now.
test(
	'the credential test proves the values typed now, not the session kept from before',
	async () => {
		// The stored credential holds a session from the runs above.
		await n8n.inEditor(async ({ testCredential }) => {
			const stats = async () => sandboxes.control(SERVICE, 'contentstack-personalize/logins');
			const before = await stats();
			const wrong = await testCredential(credential, { password: WRONG_PASSWORD });
			expect(wrong.status).toBe('Error');
			expect(JSON.stringify(wrong)).not.toContain(WRONG_PASSWORD);
			const after = await stats();
			expect(after.failedLogins).toBeGreaterThan(before.failedLogins); // a login was made with the typed password
			expect(after.logins).toBe(before.logins);

			const right = await testCredential(credential, { password: credential.data.password });
			expect(right.status).toBe('OK');
		});
	},
	10 * 60_000,
);
