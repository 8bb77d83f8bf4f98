// End-to-end tests in a real n8n process (installed once into .cache/ by scripts/n8n/ensure.js).
module.exports = {
	testEnvironment: 'node',
	testMatch: ['<rootDir>/test/e2e/**/*.test.js'],
	globalSetup: '<rootDir>/test/e2e/global-setup.js',
	testTimeout: 10 * 60_000,
	// Two files at a time (each on its own ports and n8n): a fresh run stays under 15 minutes.
	maxWorkers: 2,
};
