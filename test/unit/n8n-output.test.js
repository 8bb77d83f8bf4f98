const { parseRunOutput } = require('../../scripts/n8n/output');

const run = {
	status: 'success',
	data: {
		resultData: { runData: { A: [{ data: { main: [[{ json: { text: 'a } { "b' } }]] } }] } },
	},
};
const pretty = JSON.stringify(run, null, 2);

describe('parseRunOutput finds the run whatever n8n logs around it', () => {
	test.each([
		['alone', pretty],
		['log lines before', `Loading...\nRegistered runner "JS Task Runner" (abc)\n${pretty}\n`],
		['log lines after', `${pretty}\nRegistered runner "JS Task Runner" (abc)\n`],
		[
			'log lines before and after, one a JSON log',
			`{"level":"info","msg":"x"}\nstart\n${pretty}\nRegistered runner "JS Task Runner" (abc)\n{"level":"info"}\n`,
		],
		['compact JSON', `Registered runner\n${JSON.stringify(run)}\nbye`],
		['a log line that opens a brace but is no JSON', `{ not json\n${pretty}\n`],
	])('%s', (_name, stdout) => {
		expect(parseRunOutput(stdout)).toEqual(run);
	});

	test('no run printed: the error shows what was printed', () => {
		expect(() => parseRunOutput('Registered runner "JS Task Runner"\nError: boom\n')).toThrow(
			/printed 0 run documents[\s\S]*Error: boom/,
		);
	});

	test('a run cut off is not taken for a run', () => {
		expect(() => parseRunOutput(pretty.slice(0, -5))).toThrow(/printed 0 run documents/);
	});
});
