// `npm run demo` is the newcomer's first command: it must run every example through the engine.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

test('the demo runs every example workflow successfully, also under injected 429/503', () => {
	const output = execFileSync(process.execPath, [path.join(__dirname, '..', 'scripts', 'demo.js')], {
		encoding: 'utf8',
		timeout: 60000,
	});
	expect(output).toMatch(/nightly backup of all customizations .* → success/);
	expect(output).toMatch(/upsert pins from a list .* → success/);
	expect(output).toMatch(/answering 429 \(Retry-After: 1\) then 503 → success/);
	expect(output).not.toMatch(/ERROR/);
});
