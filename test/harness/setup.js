'use strict';

/**
 * Process-wide setup that must happen before n8n-core is first required.
 *
 * - N8N_USER_FOLDER: InstanceSettings writes `<folder>/.n8n/config` (an encryption key) on first use;
 *   point it at a throwaway temp dir so tests never touch ~/.n8n.
 * - n8n-core ships its own copies of @n8n/di, @n8n/backend-common, @n8n/backend-network in
 *   node_modules/n8n-core/node_modules. DI tokens are class identities, so anything we put into or read
 *   from the container must come from n8n-core's copy, not from a top-level duplicate. `fromCore()`
 *   resolves a module the way n8n-core itself would.
 */
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

// A folder the harness made is owned by this module instance: jest gives every test file a fresh
// module registry, and a previous file may already have removed its folder.
const ownsFolder =
	!process.env.N8N_USER_FOLDER ||
	process.env.N8N_USER_FOLDER === process.env.N8N_HARNESS_USER_FOLDER;
if (ownsFolder) {
	const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'n8n-harness-'));
	process.env.N8N_USER_FOLDER = folder;
	process.env.N8N_HARNESS_USER_FOLDER = folder;
	const removeFolder = () => fs.rmSync(folder, { recursive: true, force: true });
	// Under jest, process 'exit' listeners of the sandbox do not run: clean up after the test file.
	if (typeof afterAll === 'function') afterAll(removeFolder);
	else process.on('exit', removeFolder);
}

// n8n's own logger would print every node error (with stack) that a test provokes on purpose;
// keep it silent unless the caller asks for a level (e.g. N8N_LOG_LEVEL=debug npx jest ...).
process.env.N8N_LOG_LEVEL ??= 'silent';
process.env.N8N_DIAGNOSTICS_ENABLED ??= 'false';

const coreEntry = require.resolve('n8n-core');
const coreDir = path.dirname(coreEntry);

/** require() a module as resolved from inside n8n-core (so we share its singletons). */
function fromCore(moduleName) {
	return require(require.resolve(moduleName, { paths: [coreDir] }));
}

module.exports = { fromCore, userFolder: process.env.N8N_USER_FOLDER };
