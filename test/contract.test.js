// Workflows and credentials that users saved refer to our node types, parameter names and option
// values. None of those may be renamed or removed once shipped (test/contract/contract.txt records
// them); new ones are recorded with `npm run contract:update` in the same commit that adds them.
const fs = require('node:fs');
const { contractLines, CONTRACT_FILE } = require('../scripts/contract');

const recorded = fs.readFileSync(CONTRACT_FILE, 'utf8').split('\n').filter(Boolean);
const current = contractLines();

test('nothing shipped was renamed or removed', () => {
	const missing = recorded.filter((line) => !current.includes(line));
	expect(missing).toEqual([]);
});

test('every new name or value is recorded (npm run contract:update)', () => {
	const unrecorded = current.filter((line) => !recorded.includes(line));
	expect(unrecorded).toEqual([]);
});
