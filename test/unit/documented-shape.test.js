const { shapeDifferences } = require('../documented/shape');

test('documented shape: keys and JSON types, extra keys allowed, values free', () => {
	const documented = { id: 'x', items: [{ a: 1 }], note: null };
	expect(
		shapeDifferences({ id: 'y', items: [{ a: 2, b: 3 }], note: 'n', extra: true }, documented),
	).toEqual([]);
	expect(shapeDifferences({ id: 1, items: [{}] }, documented)).toEqual([
		'$.id: documented string, got number',
		'$.items[0].a: documented, missing',
		'$.note: documented, missing',
	]);
	expect(shapeDifferences([], { a: 1 })).toEqual(['$: documented object, got array']);
});
