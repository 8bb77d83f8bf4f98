// Runtime code (package.json, nodes/, credentials/) gets the rule set the n8n verification scanner
// applies; `npm run lint` runs it with --no-inline-config, as the scanner does. Test, sandbox and
// script code runs only on developer machines and CI, so it gets a lighter Node.js config.
import js from '@eslint/js';
import { config as n8nCommunityConfig } from '@n8n/node-cli/eslint';
import globals from 'globals';

export default [
	...n8nCommunityConfig,
	{ ignores: ['dist/**', 'node_modules/**', '.cache/**', 'test/fixtures/**/dist/**'] },
	{
		files: [
			'test/**/*.js',
			'sandbox/**/*.js',
			'scripts/**/*.js',
			'gulpfile.js',
			'jest.config.js',
			'jest.e2e.config.js',
		],
		...js.configs.recommended,
		languageOptions: {
			ecmaVersion: 2023,
			sourceType: 'commonjs',
			globals: { ...globals.node, ...globals.jest },
		},
		rules: {
			...js.configs.recommended.rules,
			'no-unused-vars': ['error', { argsIgnorePattern: '^_', caughtErrors: 'none' }],
		},
	},
];
