// `npm run demo` is the newcomer's first command: it must run every example through the engine.
const { execFileSync } = require('node:child_process');
const path = require('node:path');

test('the demo runs every example workflow, also under injected 429/503, and names the steps it did not run', () => {
	const output = execFileSync(
		process.execPath,
		[path.join(__dirname, '..', 'scripts', 'demo.js')],
		{
			encoding: 'utf8',
			timeout: 60000,
		},
	);
	// The backup's file steps are pass-through stand-ins here: the demo must not call the backup done.
	expect(output).toMatch(
		/nightly backup of all customizations .* → our nodes: success; not run \(stand-ins\): Convert to JSON file, Write backup file\n/,
	);
	expect(output).toMatch(/○ Write backup file \[n8n-nodes-base.readWriteFile\]/);
	expect(output).toMatch(/upsert pins from a list .* → success\n/);
	// The trigger runs for real, as "Fetch Test Event" does: the seed has a pin ending in 3 days.
	expect(output).toMatch(/pins expiring this week .* → success\n/);
	expect(output).toMatch(
		/● Pins expiring within 7 days .* 0 in → 1 out.*\n.*"event":"pinsExpiring"/,
	);
	// Fetch Test Event on the demo seed: its one unsubscribed profile, then one record for it.
	expect(output).toMatch(/new unsubscribes .* → success\n/);
	expect(output).toMatch(
		/● New unsubscribes .* 0 in → 1 out.*\n.*"event":"profileUnsubscribed".*"status":"unsubscribed"/,
	);
	expect(output).toMatch(/◐ Record unsubscribes \[n8n-nodes-base.code\] 1 in → 1 out/);
	expect(output).toMatch(/answering 429 \(Retry-After: 1\) then 503 → our nodes: success/);
	expect(output).not.toMatch(/ERROR/);
});
