// One entry per service: how to start its sandbox (seeded for demos) and which n8n credential points at
// it. The demo and the real-n8n tests use the same credential ids the example workflows reference.
const { createLuigisBoxSandbox, luigisBoxDemoSeed, DEFAULT_TRACKERS } = require('../sandbox/luigisbox');

const SERVICES = {
	// Key = the service name sandbox/cli.js uses.
	luigisbox: {
		create: ({ seed }) => createLuigisBoxSandbox({ seed: seed ? luigisBoxDemoSeed(Date.now()) : [] }),
		credential: (url) => {
			const [trackerId, privateKey] = Object.entries(DEFAULT_TRACKERS)[0];
			return {
				id: 'lbSandbox',
				name: "Luigi's Box sandbox",
				type: 'luigisBoxApi',
				data: { trackerId, privateKey, baseUrl: url },
			};
		},
	},
};

/** n8n credentials (`[{ id, name, type, data }]`) for sandboxes listening at `urls` (service → URL). */
function sandboxCredentials(urls) {
	return Object.entries(urls).map(([service, url]) => SERVICES[service].credential(url));
}

/** Starts every sandbox in this process; `credentials` is keyed by credential type, as the harness wants. */
async function startSandboxes({ seed = true } = {}) {
	const sandboxes = {};
	for (const [service, { create }] of Object.entries(SERVICES)) {
		sandboxes[service] = create({ seed });
		await sandboxes[service].listen(0);
	}
	const urls = Object.fromEntries(Object.entries(sandboxes).map(([service, sandbox]) => [service, sandbox.url]));
	const credentials = Object.fromEntries(sandboxCredentials(urls).map((credential) => [credential.type, credential]));
	return {
		sandboxes,
		credentials,
		close: async () => Promise.all(Object.values(sandboxes).map((sandbox) => sandbox.close())),
	};
}

module.exports = { SERVICES, sandboxCredentials, startSandboxes };
