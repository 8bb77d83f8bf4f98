// Test, sandbox and script code runs only on developer machines and CI, never inside n8n, so it
// gets a plain Node.js rule set here. `eslint.config.mjs` stays n8n's default (strict mode checks
// that it is unchanged) and lints the runtime code (package.json, nodes/, credentials/) with the
// rule set of the n8n verification scanner. `npm run lint` runs both: this one via `eslint -c`.
import js from '@eslint/js';
import globals from 'globals';

export default [
	{ ignores: ['dist/**', 'node_modules/**', '.cache/**', 'test/fixtures/**/dist/**'] },
	{
		files: ['**/*.js'],
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
	{
		files: ['**/*.mjs'],
		...js.configs.recommended,
		languageOptions: { ecmaVersion: 2023, sourceType: 'module', globals: globals.node },
	},
];
