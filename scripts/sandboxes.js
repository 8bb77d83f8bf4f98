// Starts sandboxes in this process for the demo and dev, and lists the credentials pointing at them.
const { SERVICES } = require('../sandbox/services');

/** n8n credentials (`[{ id, name, type, data }]`) for sandboxes listening at `urls` (service → URL). */
function sandboxCredentials(urls) {
	return Object.entries(urls).flatMap(([service, url]) => [
		SERVICES[service].credential(url),
		// A service may offer more than one credential (Algonomy: a keys-only one for recommendations).
		...(SERVICES[service].extraCredentials ? SERVICES[service].extraCredentials(url) : []),
	]);
}

/** Starts every sandbox in this process; `credentials` is keyed by credential type, as the harness wants. */
async function startSandboxes({ seed = true } = {}) {
	const sandboxes = {};
	for (const [service, { create }] of Object.entries(SERVICES)) {
		sandboxes[service] = create({ seed });
		await sandboxes[service].listen(0);
	}
	const urls = Object.fromEntries(
		Object.entries(sandboxes).map(([service, sandbox]) => [service, sandbox.url]),
	);
	// Keyed by type; a second credential of a type (Contentstack's production project) rides along
	// in the first one's `others`, where the harness finds it by id.
	const credentials = {};
	for (const credential of sandboxCredentials(urls)) {
		const first = credentials[credential.type];
		if (first) first.others = [...(first.others ?? []), credential];
		else credentials[credential.type] = { ...credential };
	}
	return {
		sandboxes,
		credentials,
		close: async () => Promise.all(Object.values(sandboxes).map((sandbox) => sandbox.close())),
	};
}

module.exports = { SERVICES, sandboxCredentials, startSandboxes };
