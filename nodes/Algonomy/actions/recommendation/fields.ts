import type { INodeProperties } from 'n8n-workflow';

const show = { resource: ['recommendation'], operation: ['getForPlacements'] };

export const recommendationNotice: INodeProperties = {
	displayName:
		"Algonomy records every recommendation request as shopper activity, so calls made here show up in the site's analytics. Track clicks through the returned clickURL.",
	name: 'recommendationNotice',
	type: 'notice',
	default: '',
	displayOptions: { show },
};

export const placementsField: INodeProperties = {
	displayName: 'Placements',
	name: 'placements',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. item_page.horizontal|item_page.vertical',
	displayOptions: { show },
	description:
		'Placement names as pageType.placementName, separated by | or commas, all of the same page type',
};

export const sessionIdField: INodeProperties = {
	displayName: 'Session ID',
	name: 'sessionId',
	type: 'string',
	default: '',
	displayOptions: { show },
	description: "The shopper's session ID on the site",
};

export const userIdField: INodeProperties = {
	displayName: 'User ID',
	name: 'userId',
	type: 'string',
	default: '',
	displayOptions: { show },
	description: "The shopper's user ID; leave empty for an anonymous shopper",
};

export const recommendationContext: INodeProperties = {
	displayName: 'Context',
	name: 'recommendationContext',
	type: 'collection',
	placeholder: 'Add Context',
	default: {},
	displayOptions: { show },
	description:
		'What the shopper is looking at. An item page needs Product IDs; a cart page the products in the cart (none when it is empty); a category page its Category ID; an add-to-cart page the Add-to-Cart Product ID; a purchase-complete page the Order ID, the purchased products and their prices.',
	options: [
		{
			displayName: 'Add-to-Cart Product ID',
			name: 'addToCartProductId',
			type: 'string',
			default: '',
			description: 'The product just added to the cart (atcid), for add_to_cart_page placements',
		},
		{
			displayName: 'Category ID',
			name: 'categoryId',
			type: 'string',
			default: '',
			description: 'The category shown, for category_page placements',
		},
		{
			displayName: 'Order ID',
			name: 'orderId',
			type: 'string',
			default: '',
			description: 'The order just placed (o), for purchase_complete_page placements',
		},
		{
			displayName: 'Product IDs',
			name: 'productIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. p-100, p-200',
			description:
				'The product(s) shown or in the cart (productId), comma-separated. On a cart page leave it empty when the cart is empty.',
		},
		{
			displayName: 'Purchased Product IDs',
			name: 'purchasedProductIds',
			type: 'string',
			default: '',
			description:
				"Products of the order, comma-separated, for purchase_complete_page placements. Sent as productId, as Algonomy's SDKs do; give them here or in Product IDs.",
		},
		{
			displayName: 'Purchased Product Prices (Cents)',
			name: 'purchasedPricesCents',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1999, 4500',
			description:
				'Price in cents of each purchased product (ppc), comma-separated, in the same order. Give these or the prices in dollars.',
		},
		{
			displayName: 'Purchased Product Prices (Dollars)',
			name: 'purchasedPricesDollars',
			type: 'string',
			default: '',
			placeholder: 'e.g. 19.99, 45',
			description:
				'Price in dollars of each purchased product (pp), comma-separated, in the same order. Give these or the prices in cents.',
		},
		{
			displayName: 'Purchased Quantities',
			name: 'purchasedQuantities',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1, 2',
			description: 'Quantity of each purchased product (q), comma-separated, in the same order',
		},
		{
			displayName: 'Region ID',
			name: 'regionId',
			type: 'string',
			default: '',
			description: 'Region for regional catalogs and prices (rid)',
		},
		{
			displayName: 'Search Term',
			name: 'searchTerm',
			type: 'string',
			default: '',
			description: 'The search the shopper made, for search_page placements',
		},
	],
};

export const recommendationOptions: INodeProperties = {
	displayName: 'Options',
	name: 'recommendationOptions',
	type: 'collection',
	placeholder: 'Add option',
	default: {},
	displayOptions: { show },
	options: [
		{
			displayName: 'Additional Query Parameters (JSON)',
			name: 'extraQuery',
			type: 'json',
			default: '{}',
			description:
				'Any other recsForPlacements parameter, e.g. {"filterAtr": "brand:acme", "strategySet": "x"}. Lists are sent as repeated parameters. They are sent as given and override the fields above.',
		},
		{
			displayName: 'API Client Key',
			name: 'apiClientKey',
			type: 'string',
			default: '',
			description: "Overrides the credential's API Client Key, e.g. for another channel (web, app)",
		},
		{
			displayName: 'Blocked Product IDs',
			name: 'blockedProductIds',
			type: 'string',
			default: '',
			description: 'Products never to recommend (bi), comma-separated',
		},
		{
			displayName: 'Count',
			name: 'count',
			type: 'number',
			typeOptions: { minValue: 1 },
			default: 10,
			description: 'How many products to recommend per placement',
		},
		{
			displayName: 'Exclude HTML',
			name: 'excludeHtml',
			type: 'boolean',
			default: true,
			description:
				'Whether to leave the rendered HTML out of the response (n8n works with the data)',
		},
		{
			displayName: 'Exclude Item Attributes',
			name: 'excludeItemAttributes',
			type: 'boolean',
			default: false,
			description: "Whether to leave the products' catalog attributes out of the response",
		},
		{
			displayName: 'Output',
			name: 'output',
			type: 'options',
			options: [
				{
					name: 'One Item per Recommended Product',
					value: 'products',
					description: 'Each product with its placement, position and the view GUID',
				},
				{
					name: 'Raw Response',
					value: 'raw',
					description:
						"The API answer as it came, one item per request. Use it if fields are missing: the response shape is taken from Algonomy's public SDK, not from an API reference.",
				},
			],
			default: 'products',
		},
	],
};
