// Workflows and credentials that users saved refer to our node types, parameter names and option
// values. None of those may be renamed or removed once shipped (test/contract/contract.txt records
// them); new ones are recorded with `npm run contract:update` in the same commit that adds them.
const fs = require('node:fs');
const { contractLines, CONTRACT_FILE } = require('../scripts/contract');

const path = require('node:path');

const recorded = fs.readFileSync(CONTRACT_FILE, 'utf8').split('\n').filter(Boolean);
const current = contractLines();
// Deliberate retirements, each with the reason a saved value still gets an answer (test/contract/retired.txt).
const retired = fs
	.readFileSync(path.join(path.dirname(CONTRACT_FILE), 'retired.txt'), 'utf8')
	.split('\n')
	.filter((line) => line.trim() && !line.startsWith('#'))
	.map((line) => line.split('  # ')[0].trim());

test('nothing shipped was renamed or removed, except what retired.txt explains', () => {
	const missing = recorded.filter((line) => !current.includes(line) && !retired.includes(line));
	expect(missing).toEqual([]);
});

test('every retirement names a recorded entry, with its reason', () => {
	for (const line of retired) expect(recorded).toContain(line);
	const reasons = fs
		.readFileSync(path.join(path.dirname(CONTRACT_FILE), 'retired.txt'), 'utf8')
		.split('\n')
		.filter((line) => line.trim() && !line.startsWith('#'));
	for (const line of reasons) expect(line).toMatch(/ {2}# \S/);
});

test('every new name or value is recorded (npm run contract:update)', () => {
	const unrecorded = current.filter((line) => !recorded.includes(line));
	expect(unrecorded).toEqual([]);
});
