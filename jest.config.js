module.exports = {
	testEnvironment: 'node',
	testMatch: ['<rootDir>/test/**/*.test.js'],
	testTimeout: 60000,
	// Engine tests share the 2-core machine with their sandbox servers; two workers keep them fast.
	maxWorkers: 2,
};
