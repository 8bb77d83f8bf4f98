// Starts every service sandbox in this process and returns the n8n credentials that point at them,
// keyed by credential type as the example workflows reference them. Shared by demo and bench.
const { startLuigisBoxSandbox, luigisBoxDemoSeed, DEFAULT_TRACKERS } = require('../sandbox/luigisbox');

async function startSandboxes({ seed = true } = {}) {
	const luigisBox = await startLuigisBoxSandbox({ seed: seed ? luigisBoxDemoSeed(Date.now()) : [] });
	const [trackerId, privateKey] = Object.entries(DEFAULT_TRACKERS)[0];
	const credentials = {
		luigisBoxApi: {
			id: 'lbSandbox',
			name: "Luigi's Box sandbox",
			data: { trackerId, privateKey, baseUrl: luigisBox.url },
		},
	};
	return {
		sandboxes: { luigisBox },
		credentials,
		close: async () => Promise.all([luigisBox.close()]),
	};
}

module.exports = { startSandboxes };
