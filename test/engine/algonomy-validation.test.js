// Bad input gets a clear error naming the field and the item, and nothing reaches the API (not even
// the token URL): every item of a run is validated before the first batch goes.
const h = require('./algonomy-helpers');

let sandbox;
beforeAll(async () => {
	sandbox = await h.startAlgonomySandbox();
});
afterAll(() => sandbox.close());
beforeEach(() => sandbox.reset());

const replace = (overrides) => h.fromFields('replace', overrides);
const update = (overrides) => h.fromFields('update', overrides);
const attribute = (name, values) => ({ attributes: { attribute: [{ name, values }] } });
const json = (operation, item) => [h.fromItems(operation), { items: [item] }];
const recs = (overrides) => ({
	resource: 'recommendation',
	operation: 'getForPlacements',
	placements: 'home_page.hero',
	...overrides,
});
const long = (length) => 'x'.repeat(length);

const CASES = [
	// Content from fields
	[
		'content ID that evaluates to nothing',
		[replace({ contentId: '={{ $json.sku }}' })],
		'Invalid "Content ID": is required [item 0]',
	],
	[
		'content ID longer than 100 characters',
		[replace({ contentId: long(101) })],
		'Invalid "Content ID": must be at most 100 characters [item 0]',
	],
	[
		'content ID with a slash',
		[h.fromFields('delete', { contentId: 'summer/banner' })],
		'Invalid "Content ID": must not contain "/" (the API refuses it) [item 0]',
	],
	[
		'name longer than 255 characters',
		[replace({ additionalFields: { name: long(256) } })],
		'Invalid "Name": must be at most 255 characters [item 0]',
	],
	[
		'tag longer than 100 characters',
		[replace({ additionalFields: { tags: `ok, ${long(101)}` } })],
		'Invalid "Tags entry 2": must be at most 100 characters (the API would silently truncate it) [item 0]',
	],
	[
		'start date that is not a date',
		[replace({ additionalFields: { startDate: '={{ "next week" }}' } })],
		'Invalid "Start Date": must be a date as yyyy-mm-dd, such as 2025-06-01 [item 0]',
	],
	[
		'end date before start date',
		[
			replace({
				additionalFields: { startDate: '2025-06-10T00:00:00', endDate: '2025-06-09T00:00:00' },
			}),
		],
		'Invalid "End Date": must not be before the start date (2025-06-10) [item 0]',
	],
	[
		'replace without any attribute',
		[replace({ attributes: {} })],
		'Invalid "Attribute": at least one with a value is required: the API silently drops content that has no attribute [item 0]',
	],
	[
		'replace whose only attribute has no value',
		[replace(attribute('topic', ''))],
		'Invalid "Attribute": at least one with a value is required: the API silently drops content that has no attribute [item 0]',
	],
	[
		'attribute without a name',
		[
			replace({
				attributes: {
					attribute: [
						{ name: 'topic', values: 'a' },
						{ name: ' ', values: 'b' },
					],
				},
			}),
		],
		'Invalid "Attribute entry 2 › Name": is required [item 0]',
	],
	[
		'attribute given twice',
		[
			replace({
				attributes: {
					attribute: [
						{ name: 'topic', values: 'a' },
						{ name: 'topic', values: 'b' },
					],
				},
			}),
		],
		'Invalid "Attribute entry 2 › Name": "topic" is given twice [item 0]',
	],
	[
		'attribute named like a standard field',
		[replace(attribute('name', 'x'))],
		'Invalid "Attribute › Name": "name" is a standard field, not an attribute; use its own field [item 0]',
	],
	[
		'attribute value that is an object',
		[replace(attribute('size', '={{ [{ "w": 300 }] }}'))],
		'Invalid "Attribute › size entry 1": must be text (numbers are converted; objects and lists are not allowed) [item 0]',
	],
	[
		'update with nothing to change',
		[update({ attributes: {}, updateFields: {} })],
		'Invalid "Update Fields": has nothing to change: give at least one field or attribute besides the ID [item 0]',
	],
	// Content from each input item's JSON
	[
		'input item without an ID',
		json('replace', { name: 'x', topic: ['a'] }),
		'Invalid "id": is required [item 0]',
	],
	[
		'delete of an input item without an ID',
		json('delete', { sku: 'a' }),
		'Invalid "id": is required [item 0]',
	],
	[
		'date-time where a date is expected',
		json('replace', h.content('c-1', { start_date: '2025-06-01T10:00:00Z' })),
		'Invalid "start_date": must be a date as yyyy-mm-dd, such as 2025-06-01 [item 0]',
	],
	[
		'a day that does not exist',
		json('update', { id: 'c-1', end_date: '2025-02-30' }),
		'Invalid "end_date": must be a date as yyyy-mm-dd, such as 2025-06-01 [item 0]',
	],
	[
		'end_date before start_date',
		json('replace', h.content('c-1', { start_date: '2025-06-02', end_date: '2025-06-01' })),
		'Invalid "end_date": must not be before the start date (2025-06-02) [item 0]',
	],
	[
		'tags as one text instead of a list',
		json('replace', h.content('c-1', { tags: 'a, b' })),
		'Invalid "tags": must be a list of texts [item 0]',
	],
	[
		'rating that is not a number',
		json('replace', h.content('c-1', { rating: 'five' })),
		'Invalid "rating": must be a number [item 0]',
	],
	[
		'attribute value that is a nested list',
		json('replace', h.content('c-1', { color: [['red']] })),
		'Invalid "Attribute › color entry 1": must be text (numbers are converted; objects and lists are not allowed) [item 0]',
	],
	[
		'attribute that is an object',
		json('replace', h.content('c-1', { dimensions: { w: 1 } })),
		'Invalid "Attribute › dimensions": must be a list of texts (numbers are converted; objects are not allowed) [item 0]',
	],
	[
		'replace of an item with only standard fields',
		json('replace', { id: 'c-1', name: 'No attributes' }),
		'Invalid "Attribute": at least one with a value is required: the API silently drops content that has no attribute [item 0]',
	],
	[
		'update of an item with only its ID',
		json('update', { id: 'c-1' }),
		'Invalid "Input Item JSON": has nothing to change: give at least one field or attribute besides the ID [item 0]',
	],
	[
		'name that is not text',
		json('update', { id: 'c-1', name: { en: 'x' } }),
		'Invalid "name": must be text [item 0]',
	],
	// Options
	[
		'batch size 0',
		[h.fromItems('replace', { batchSize: 0 })],
		'Invalid "Batch Size": must be a whole number from 1 to 1000 (got 0) [item 0]',
	],
	[
		'batch size above the maximum',
		[h.fromItems('replace', { batchSize: 5000 })],
		'Invalid "Batch Size": must be a whole number from 1 to 1000 (got 5000) [item 0]',
	],
	[
		'negative batch size',
		[h.fromItems('replace', { batchSize: -5 })],
		'Invalid "Batch Size": must be a whole number from 1 to 1000 (got -5) [item 0]',
	],
	[
		'fractional batch size',
		[h.fromItems('replace', { batchSize: 2.5 })],
		'Invalid "Batch Size": must be a whole number from 1 to 1000 (got 2.5) [item 0]',
	],
	// Hostile input (issue #9 §4): prototype keys and objects where texts belong
	[
		'__proto__ key in an input item',
		json('replace', JSON.parse('{"id":"c","topic":["x"],"__proto__":{"x":"yes"}}')),
		'Invalid "Input Item JSON": the key "__proto__" (at __proto__) is not allowed [item 0]',
	],
	[
		'constructor key in an input item',
		json('update', { id: 'c', constructor: ['x'] }),
		'Invalid "Input Item JSON": the key "constructor" (at constructor) is not allowed [item 0]',
	],
	[
		'__proto__ key nested in an attribute',
		json('replace', JSON.parse('{"id":"c","topic":[{"__proto__":{"x":"yes"}}]}')),
		'Invalid "Input Item JSON": the key "__proto__" (at topic[0].__proto__) is not allowed [item 0]',
	],
	[
		'__proto__ key in a delete item',
		json('delete', JSON.parse('{"id":"c","__proto__":{"id":"other"}}')),
		'Invalid "Input Item JSON": the key "__proto__" (at __proto__) is not allowed [item 0]',
	],
	[
		'attribute values that are an object',
		[replace(attribute('size', '={{ { "a": 1 } }}'))],
		'Invalid "Attribute entry 1 › Values": must be text or a list of texts, not an object [item 0]',
	],
	[
		'tags that are an object',
		[replace({ additionalFields: { tags: '={{ { "a": 1 } }}' } })],
		'Invalid "Tags": must be text or a list of texts, not an object [item 0]',
	],
	// Recommendations
	[
		'placement without a page type',
		[recs({ placements: 'hero' })],
		'Invalid "Placements": each must be pageType.placementName, such as item_page.horizontal [item 0]',
	],
	[
		'placements of two page types',
		[recs({ placements: 'item_page.a, cart_page.b' })],
		'Invalid "Placements": must all be of the same page type (the part before the dot) [item 0]',
	],
	[
		'item page without product IDs',
		[recs({ placements: 'item_page.horizontal' })],
		'Invalid "Product IDs": is required for item_page placements (Product IDs) [item 0]',
	],
	[
		'category page without category ID',
		[recs({ placements: 'category_page.top' })],
		'Invalid "Category ID": is required for category_page placements (Category ID) [item 0]',
	],
	[
		'prices that are not whole cents',
		[
			recs({
				placements: 'purchase_complete_page.a',
				recommendationContext: {
					productIds: 'p',
					orderId: 'o',
					purchasedProductIds: 'p',
					purchasedPricesCents: '19.99',
				},
			}),
		],
		'Invalid "Purchased Product Prices (Cents)": must be whole numbers of cents, such as 1999, 4500 [item 0]',
	],
	[
		'one price for two products',
		[
			recs({
				placements: 'purchase_complete_page.a',
				recommendationContext: {
					orderId: 'o',
					purchasedProductIds: 'p, q',
					purchasedPricesCents: '1999',
				},
			}),
		],
		'Invalid "Purchased Product Prices (Cents)": needs one price per purchased product (2 product IDs given) [item 0]',
	],
	[
		'purchase page without prices',
		[
			recs({
				placements: 'purchase_complete_page.a',
				recommendationContext: { orderId: 'o', purchasedProductIds: 'p' },
			}),
		],
		'Invalid "Purchased Product Prices (Cents)": is required for purchase_complete_page placements: give the prices in cents or in dollars [item 0]',
	],
	[
		'purchase page without order ID',
		[
			recs({
				placements: 'purchase_complete_page.a',
				recommendationContext: { purchasedProductIds: 'p', purchasedPricesCents: '1999' },
			}),
		],
		'Invalid "Order ID": is required for purchase_complete_page placements (Order ID) [item 0]',
	],
	[
		'purchase page without products',
		[
			recs({
				placements: 'purchase_complete_page.a',
				recommendationContext: { orderId: 'o', purchasedPricesCents: '1999' },
			}),
		],
		'Invalid "Product IDs": is required for purchase_complete_page placements (Purchased Product IDs) [item 0]',
	],
	[
		'prices in dollars that are not amounts',
		[
			recs({
				placements: 'purchase_complete_page.a',
				recommendationContext: {
					orderId: 'o',
					purchasedProductIds: 'p',
					purchasedPricesDollars: '$19.99',
				},
			}),
		],
		'Invalid "Purchased Product Prices (Dollars)": must be amounts in dollars, such as 19.99, 45 [item 0]',
	],
	[
		'quantity 0',
		[
			recs({
				placements: 'purchase_complete_page.a',
				recommendationContext: {
					orderId: 'o',
					purchasedProductIds: 'p',
					purchasedPricesCents: '1999',
					purchasedQuantities: '0',
				},
			}),
		],
		'Invalid "Purchased Quantities": must be whole numbers of at least 1, such as 1, 2 [item 0]',
	],
	[
		'one quantity for two products',
		[
			recs({
				placements: 'purchase_complete_page.a',
				recommendationContext: {
					orderId: 'o',
					purchasedProductIds: 'p, q',
					purchasedPricesCents: '1, 2',
					purchasedQuantities: '1',
				},
			}),
		],
		'Invalid "Purchased Quantities": needs one quantity per purchased product (2 product IDs given) [item 0]',
	],
	[
		'purchased IDs that differ from Product IDs',
		[
			recs({
				placements: 'purchase_complete_page.a',
				recommendationContext: {
					orderId: 'o',
					productIds: 'a',
					purchasedProductIds: 'b',
					purchasedPricesCents: '1',
				},
			}),
		],
		'Invalid "Purchased Product IDs": differs from Product IDs: both are sent as productId, so give the purchased products in one of them [item 0]',
	],
	[
		'product IDs that are an object',
		[
			recs({
				placements: 'item_page.a',
				recommendationContext: { productIds: '={{ { "a": 1 } }}' },
			}),
		],
		'Invalid "Product IDs": must be text or a list of texts, not an object [item 0]',
	],
	[
		'order ID that is an object',
		[
			recs({
				placements: 'purchase_complete_page.a',
				recommendationContext: {
					orderId: '={{ { "id": 1 } }}',
					purchasedProductIds: 'p',
					purchasedPricesCents: '1',
				},
			}),
		],
		'Invalid "Order ID": must be text, not an object or a list [item 0]',
	],
	[
		'user ID that is a list',
		[recs({ userId: '={{ ["u1", "u2"] }}' })],
		'Invalid "User ID": must be text, not an object or a list [item 0]',
	],
	[
		'count 0',
		[recs({ recommendationOptions: { count: 0 } })],
		'Invalid "Count": must be a whole number at least 1 (got 0) [item 0]',
	],
	[
		'negative count',
		[recs({ recommendationOptions: { count: -3 } })],
		'Invalid "Count": must be a whole number at least 1 (got -3) [item 0]',
	],
	[
		'fractional count',
		[recs({ recommendationOptions: { count: 1.5 } })],
		'Invalid "Count": must be a whole number at least 1 (got 1.5) [item 0]',
	],
	[
		'__proto__ key in extra query parameters',
		[recs({ recommendationOptions: { extraQuery: '{"__proto__": {"apiKey": "x"}}' } })],
		'Invalid "Additional Query Parameters": the key "__proto__" (at __proto__) is not allowed [item 0]',
	],
	[
		'extra query parameters that are not an object',
		[recs({ recommendationOptions: { extraQuery: '["a"]' } })],
		'Invalid "Additional Query Parameters": must be a JSON object [item 0]',
	],
	[
		'extra query parameters that set the API key',
		[recs({ recommendationOptions: { extraQuery: '{"apiKey": "other"}' } })],
		'Invalid "Additional Query Parameters": must not set apiKey: it comes from the credential [item 0]',
	],
	[
		'malformed extra query JSON',
		[recs({ recommendationOptions: { extraQuery: '{"a":' } })],
		/^Invalid "Additional Query Parameters": not valid JSON.*\[item 0\]$/,
	],
];

describe.each(CASES)('%s', (_name, [parameters, options = {}], expected) => {
	test('fails before any request, naming field and item', async () => {
		const { status, error } = await h.run(sandbox, parameters, options);
		expect(status).toBe('error');
		if (expected instanceof RegExp) expect(error.message).toMatch(expected);
		else expect(error.message).toBe(expected);
		expect(sandbox.requests).toHaveLength(0);
	});
});

test('recommendations without an API Client Key (credential or option) are refused before sending', async () => {
	const { error } = await h.run(sandbox, recs(), { credentials: { apiClientKey: '' } });
	expect(error.message).toBe(
		'Invalid "API Client Key": is required for recommendations: set it in the credential or in the options [item 0]',
	);
	expect(sandbox.requests).toHaveLength(0);
});

test('n8n itself refuses to start with an empty required Content ID or Placements', async () => {
	for (const parameters of [replace({ contentId: '' }), recs({ placements: '' })]) {
		const { status, result } = await h.run(sandbox, parameters);
		expect(status).toBe('error');
		expect(result.error.message).toMatch(/issues/i);
	}
	expect(sandbox.requests).toHaveLength(0);
});

test('the item named is the failing one, and no item is sent when one is bad', async () => {
	const items = [h.content('c-0'), h.content('c-1'), h.content('c/2'), h.content('c-3')];
	const { error } = await h.run(sandbox, h.fromItems('replace', { batchSize: 1 }), { items });
	expect(error.message).toBe('Invalid "id": must not contain "/" (the API refuses it) [item 2]');
	expect(sandbox.requests).toHaveLength(0);
});

test('every further problem of the item is listed in the description', async () => {
	const { error } = await h.run(
		sandbox,
		...json('replace', { id: long(101), name: long(300), tags: [long(101)] }),
	);
	expect(error.message).toBe('Invalid "id": must be at most 100 characters [item 0]');
	expect(error.description).toBe(
		'All problems: "id": must be at most 100 characters; "name": must be at most 255 characters; "tags entry 1": must be at most 100 characters (the API would silently truncate it); "Attribute": at least one with a value is required: the API silently drops content that has no attribute',
	);
});
