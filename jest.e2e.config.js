// End-to-end tests in a real n8n process (installed once into .cache/ by scripts/n8n/ensure.js).
module.exports = {
	testEnvironment: 'node',
	testMatch: ['<rootDir>/test/e2e/**/*.test.js'],
	testTimeout: 10 * 60_000,
	maxWorkers: 1,
};
