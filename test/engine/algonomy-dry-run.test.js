// Algonomy content replace/update/delete with "Dry Run (Send Nothing)": validated and planned,
// nothing sent (not even a token request).
const h = require('./algonomy-helpers');

let sandbox;
beforeAll(async () => {
	sandbox = await h.startAlgonomySandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const dryRun = (operation, options = {}) => ({ ...h.fromItems(operation, options), dryRun: true });
const methods = { replace: 'PUT', update: 'PATCH', delete: 'DELETE' };

describe.each(['replace', 'update', 'delete'])('%s', (operation) => {
	test('outputs the batches and the content per item, sends no request', async () => {
		sandbox.store.put(h.API_KEY, h.content('c-0'));
		const items = Array.from({ length: 5 }, (_, i) => h.content(`c-${i}`, { rating: i }));
		const {
			status,
			json,
			items: output,
		} = await h.run(sandbox, dryRun(operation, { batchSize: 2 }), {
			items,
		});
		expect(status).toBe('success');
		expect(sandbox.requests).toHaveLength(0);
		expect(sandbox.content(h.API_KEY)).toEqual([h.content('c-0')]);
		expect(output.map((item) => item.pairedItem.item)).toEqual([0, 1, 2, 3, 4]);
		expect(json.map((item) => [item.action, item.request.batch, item.request.objects])).toEqual([
			[operation, 1, 2],
			[operation, 1, 2],
			[operation, 2, 2],
			[operation, 2, 2],
			[operation, 3, 1],
		]);
		expect(json[4]).toMatchObject({
			dryRun: true,
			id: 'c-4',
			request: { method: methods[operation], path: 'contentupdate/v1/{apiKey}' },
			content: operation === 'delete' ? { id: 'c-4' } : h.content('c-4', { rating: 4 }),
		});
		if (operation === 'delete') expect(json[4].content).toEqual({ id: 'c-4' });
	});

	test('"Use POST Form" shows the POST and its action', async () => {
		const { json } = await h.run(sandbox, dryRun(operation, { usePostForm: true }), {
			items: [h.content('c-1')],
		});
		expect(json[0].request).toMatchObject({ method: 'POST', qs: { action: expect.any(String) } });
		expect(sandbox.requests).toHaveLength(0);
	});
});

test('bad input is refused before any request; with Continue On Fail one output per item', async () => {
	const items = [h.content('c-1'), { id: 'bad/id' }];
	const failed = await h.run(sandbox, dryRun('replace'), { items });
	expect(failed.status).toBe('error');
	expect(failed.error.message).toMatch(/item 1/);
	const { json } = await h.run(sandbox, dryRun('replace'), { items, continueOnFail: true });
	expect(json).toHaveLength(2);
	expect(json[0]).toMatchObject({ dryRun: true, action: 'replace', id: 'c-1' });
	expect(json[1].error).toMatch(/item 1/);
	expect(sandbox.requests).toHaveLength(0);
});
