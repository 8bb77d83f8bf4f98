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

/** Version 1 nodes (saved before the list existed) keep the text field alone. */
const VERSION_1 = { '@version': [1] };

/**
 * The placements as text (`placements`): pageType.placementName entries, | or commas between them.
 * Version 1 shows it alone, as it always did; later versions when "Define Placements" is "As Text".
 */
const placementsText = (displayOptions: INodeProperties['displayOptions']): INodeProperties => ({
	displayName: 'Placements',
	name: 'placements',
	type: 'string',
	required: true,
	default: '',
	placeholder: 'e.g. item_page.horizontal|item_page.vertical',
	displayOptions,
	description:
		'The placements to fill, all on one page type, e.g. item_page.horizontal|item_page.vertical (| or commas between them)',
});

/** Page types of Algonomy's placements (the part before the dot in a placement's name). */
export const PAGE_TYPES = [
	{ name: 'Add-to-Cart Page', value: 'add_to_cart_page' },
	{ name: 'Cart Page', value: 'cart_page' },
	{ name: 'Category Page', value: 'category_page' },
	{ name: 'Home Page', value: 'home_page' },
	{ name: 'Item Page', value: 'item_page' },
	{ name: 'Purchase-Complete Page', value: 'purchase_complete_page' },
	{ name: 'Search Page', value: 'search_page' },
];

export const placementsFields: INodeProperties[] = [
	placementsText({ show: { ...show, ...VERSION_1 } }),
	{
		displayName: 'Define Placements',
		name: 'placementsInput',
		type: 'options',
		displayOptions: { show, hide: VERSION_1 },
		options: [
			{
				name: 'As a List',
				value: 'list',
				description: 'One entry per placement: its page type and its name',
			},
			{
				name: 'As Text',
				value: 'text',
				description: 'Typed or from an expression, e.g. item_page.horizontal|item_page.vertical',
			},
		],
		default: 'list',
	},
	{
		displayName: 'Placements',
		name: 'placementList',
		type: 'fixedCollection',
		typeOptions: { multipleValues: true, sortable: true },
		displayOptions: { show: { ...show, placementsInput: ['list'] }, hide: VERSION_1 },
		default: {},
		placeholder: 'Add Placement',
		description: 'The placements to fill, all on one page type, e.g. Item Page and horizontal',
		options: [
			{
				displayName: 'Placement',
				name: 'placement',
				values: [
					{
						displayName: 'Page Type',
						name: 'pageType',
						type: 'options',
						options: PAGE_TYPES,
						default: 'item_page',
						description: 'The kind of page the placement is on; every placement needs the same',
					},
					{
						displayName: 'Placement Name',
						name: 'name',
						type: 'string',
						default: '',
						placeholder: 'e.g. horizontal',
						description: 'The placement as set up in Algonomy, without its page type',
					},
				],
			},
		],
	},
	placementsText({ show: { ...show, placementsInput: ['text'] }, hide: VERSION_1 }),
];

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
			description:
				'The product just added to the cart, e.g. p-100, for Add-to-Cart Page placements',
		},
		{
			displayName: 'Category ID',
			name: 'categoryId',
			type: 'string',
			default: '',
			description: 'The category shown, e.g. c-shoes, for Category Page placements',
		},
		{
			displayName: 'Order ID',
			name: 'orderId',
			type: 'string',
			default: '',
			description: 'The order just placed, e.g. o-1001, for Purchase-Complete Page placements',
		},
		{
			displayName: 'Product IDs',
			name: 'productIds',
			type: 'string',
			default: '',
			placeholder: 'e.g. p-100, p-200',
			description:
				'The product(s) shown or in the cart, comma-separated. On a cart page leave it empty when the cart is empty.',
		},
		{
			displayName: 'Purchased Product IDs',
			name: 'purchasedProductIds',
			type: 'string',
			default: '',
			description:
				'Products of the order, comma-separated, for Purchase-Complete Page placements. Give them here or in Product IDs, not both.',
		},
		{
			displayName: 'Purchased Product Prices (Cents)',
			name: 'purchasedPricesCents',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1999, 4500',
			description:
				'Price in cents of each purchased product, comma-separated, in the same order. Give these or the prices in dollars.',
		},
		{
			displayName: 'Purchased Product Prices (Dollars)',
			name: 'purchasedPricesDollars',
			type: 'string',
			default: '',
			placeholder: 'e.g. 19.99, 45',
			description:
				'Price in dollars of each purchased product, comma-separated, in the same order. Give these or the prices in cents.',
		},
		{
			displayName: 'Purchased Quantities',
			name: 'purchasedQuantities',
			type: 'string',
			default: '',
			placeholder: 'e.g. 1, 2',
			description: 'Quantity of each purchased product, comma-separated, in the same order',
		},
		{
			displayName: 'Region ID',
			name: 'regionId',
			type: 'string',
			default: '',
			description: 'Region for regional catalogs and prices, e.g. us-east',
		},
		{
			displayName: 'Search Term',
			name: 'searchTerm',
			type: 'string',
			default: '',
			description: 'The search the shopper made, e.g. rain jacket, for Search Page placements',
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
				'Any other option Algonomy\'s recommendation API documents, e.g. {"filterAtr": "brand:acme"} to recommend one brand only. A list gives the option several values; these override the fields above.',
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
			description: 'Products never to recommend, comma-separated, e.g. p-100, p-200',
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
