// runInBatches (nodes/common/execution.ts) with Request Options › Max Requests in Flight: several
// batches on their way at once, output still one item per input item in input order.
const { runInBatches } = require('../../dist/nodes/common/execution.js');

function fakeContext({ items = 20, requestOptions = {}, continueOnFail = false } = {}) {
	return {
		getInputData: () => Array.from({ length: items }, (_, n) => ({ json: { n } })),
		getNode: () => ({ id: 'n', name: 'Node', type: 'test', typeVersion: 1, parameters: {} }),
		getNodeParameter: (name, _itemIndex, fallback) =>
			name === 'requestOptions' ? requestOptions : fallback,
		continueOnFail: () => continueOnFail,
	};
}

const wait = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A send that records how many batches were on their way at once; `fail` names failing batches. */
function recorder({ fail = [], delays = {} } = {}) {
	const state = { inFlight: 0, most: 0, started: [], finished: [] };
	state.send = async (payloads, batchNumber) => {
		state.started.push(batchNumber);
		state.inFlight++;
		state.most = Math.max(state.most, state.inFlight);
		await wait(delays[batchNumber] ?? 20);
		state.inFlight--;
		state.finished.push(batchNumber);
		if (fail.includes(batchNumber)) throw new Error(`batch ${batchNumber} failed`);
		return payloads.map((payload) => ({ payload, batchNumber }));
	};
	return state;
}

const prepare = (itemIndex) => itemIndex;

test('by default one batch at a time, in order', async () => {
	const state = recorder();
	const output = await runInBatches(fakeContext(), { prepare, batchSize: 4, send: state.send });
	expect(state.most).toBe(1);
	expect(state.started).toEqual([1, 2, 3, 4, 5]);
	expect(output.map((item) => item.json.payload)).toEqual([...Array(20).keys()]);
});

test('Max Requests in Flight 3: three batches at once, started in order, output in input order', async () => {
	// Later batches answer first, so the output order cannot come from the answers' order.
	const state = recorder({ delays: { 1: 60, 2: 40, 3: 20 } });
	const output = await runInBatches(fakeContext({ requestOptions: { maxInFlight: 3 } }), {
		prepare,
		batchSize: 2,
		send: state.send,
	});
	expect(state.most).toBe(3);
	expect(state.started).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
	expect(state.finished.indexOf(3)).toBeLessThan(state.finished.indexOf(1));
	expect(output.map((item) => item.json.payload)).toEqual([...Array(20).keys()]);
	output.forEach((item, index) => expect(item.pairedItem).toEqual({ item: index }));
	expect(output.map((item) => item.json.batchNumber)).toEqual(
		[...Array(20).keys()].map((n) => Math.floor(n / 2) + 1),
	);
});

test('never more batches at once than there are', async () => {
	const state = recorder();
	await runInBatches(fakeContext({ items: 3, requestOptions: { maxInFlight: 10 } }), {
		prepare,
		batchSize: 2,
		send: state.send,
	});
	expect(state.most).toBe(2);
});

test('Continue On Fail: a failed batch gives its items the error; the others go on', async () => {
	const state = recorder({ fail: [2] });
	const output = await runInBatches(
		fakeContext({ items: 8, requestOptions: { maxInFlight: 2 }, continueOnFail: true }),
		{ prepare, batchSize: 2, send: state.send },
	);
	expect(state.started).toEqual([1, 2, 3, 4]);
	expect(output.map((item) => item.json.error ?? 'ok')).toEqual([
		'ok',
		'ok',
		'batch 2 failed',
		'batch 2 failed',
		'ok',
		'ok',
		'ok',
		'ok',
	]);
});

test('without Continue On Fail the first failure stops new batches; the earliest failure is thrown', async () => {
	// Batch 3 fails first (fast), batch 2 fails later: batch 2 is the earlier in input order.
	const state = recorder({ fail: [2, 3], delays: { 1: 10, 2: 60, 3: 5 } });
	await expect(
		runInBatches(fakeContext({ items: 20, requestOptions: { maxInFlight: 3 } }), {
			prepare,
			batchSize: 2,
			send: state.send,
		}),
	).rejects.toThrow('batch 2 failed');
	// batch 1 finished before batch 3 failed, so batch 4 may have started; nothing after the failure
	expect(state.started.length).toBeLessThanOrEqual(4);
	expect(state.inFlight).toBe(0);
});

test('a bad Max Requests in Flight is refused before anything is sent', async () => {
	for (const maxInFlight of [0, 11, 1.5, 'many']) {
		const state = recorder();
		await expect(
			runInBatches(fakeContext({ requestOptions: { maxInFlight } }), {
				prepare,
				batchSize: 2,
				send: state.send,
			}),
		).rejects.toThrow(/Max Requests in Flight/);
		expect(state.started).toEqual([]);
	}
});
