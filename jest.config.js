// Unit, sandbox, harness and engine tests. The real-n8n end-to-end tests have their own config
// (jest.e2e.config.js): they need the n8n install and run one at a time.
module.exports = {
	testEnvironment: 'node',
	testMatch: ['<rootDir>/test/**/*.test.js'],
	testPathIgnorePatterns: ['/node_modules/', '<rootDir>/test/e2e/'],
	testTimeout: 60000,
	// Engine tests share the 2-core machine with their sandbox servers; two workers keep them fast.
	maxWorkers: 2,
};
