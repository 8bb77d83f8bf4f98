import type {
	IDataObject,
	IExecuteFunctions,
	INode,
	INodeProperties,
	JsonObject,
} from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';
import { z } from 'zod';

import { getCredentialData } from '../../../common/transport';
import {
	invalidInput,
	parseJsonParameter,
	toList,
	validateInput,
	wholeNumber,
} from '../../../common/validation';
import { recommendationCredentialType, recommendationRequest } from '../../transport';
import { trimmedOrUndefined as text, withoutUndefined } from '../../../common/values';

const show = { resource: ['recommendation'], operation: ['getForPlacements'] };

/**
 * What each page type needs besides its placements [Algonomy recsForPlacements docs]. cart_page needs
 * productId only when the cart is not empty, so nothing is required there. A purchase-complete page
 * needs the order and its products, and their prices in dollars (pp) or cents (ppc): the docs mark both
 * required, the vendor's SDKs send one of them.
 */
const PAGE_REQUIREMENTS: Record<string, Array<[keyof RecommendationQuery, string]>> = {
	item_page: [['productId', 'Product IDs']],
	purchase_complete_page: [
		['productId', 'Purchased Product IDs'],
		['o', 'Order ID'],
	],
	category_page: [['categoryId', 'Category ID']],
	add_to_cart_page: [['atcid', 'Add-to-Cart Product ID']],
};

export const description: INodeProperties[] = [
	{
		displayName:
			"Algonomy records every recommendation request as shopper activity, so calls made here show up in the site's analytics. Track clicks through the returned clickURL.",
		name: 'recommendationNotice',
		type: 'notice',
		default: '',
		displayOptions: { show },
	},
	{
		displayName: 'Placements',
		name: 'placements',
		type: 'string',
		required: true,
		default: '',
		placeholder: 'item_page.horizontal|item_page.vertical',
		displayOptions: { show },
		description:
			'Placement names as pageType.placementName, separated by | or commas, all of the same page type',
	},
	{
		displayName: 'Session ID',
		name: 'sessionId',
		type: 'string',
		default: '',
		displayOptions: { show },
		description: "The shopper's session ID on the site",
	},
	{
		displayName: 'User ID',
		name: 'userId',
		type: 'string',
		default: '',
		displayOptions: { show },
		description: "The shopper's user ID; leave empty for an anonymous shopper",
	},
	{
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
				placeholder: 'p-100, p-200',
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
				placeholder: '1999, 4500',
				description:
					'Price in cents of each purchased product (ppc), comma-separated, in the same order. Give these or the prices in dollars.',
			},
			{
				displayName: 'Purchased Product Prices (Dollars)',
				name: 'purchasedPricesDollars',
				type: 'string',
				default: '',
				placeholder: '19.99, 45',
				description:
					'Price in dollars of each purchased product (pp), comma-separated, in the same order. Give these or the prices in cents.',
			},
			{
				displayName: 'Purchased Quantities',
				name: 'purchasedQuantities',
				type: 'string',
				default: '',
				placeholder: '1, 2',
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
	},
	{
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
				description:
					"Overrides the credential's API Client Key, e.g. for another channel (web, app)",
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
	},
];

interface RecommendationQuery {
	placements: string;
	sessionId?: string;
	userId?: string;
	productId?: string;
	categoryId?: string;
	searchTerm?: string;
	atcid?: string;
	o?: string;
	pp?: string;
	ppc?: string;
	q?: string;
	rid?: string;
	bi?: string;
	count?: number;
	excludeHtml?: boolean;
	excludeItemAttributes?: boolean;
	apiClientKey: string;
}

const LABELS = {
	placements: 'Placements',
	productId: 'Product IDs',
	categoryId: 'Category ID',
	atcid: 'Add-to-Cart Product ID',
	o: 'Order ID',
	pp: 'Purchased Product Prices (Dollars)',
	ppc: 'Purchased Product Prices (Cents)',
	q: 'Purchased Quantities',
	count: 'Count',
	apiClientKey: 'API Client Key',
	extraQuery: 'Additional Query Parameters',
};

const PLACEMENT = /^[^.\s|,]+\.[^\s|,]+$/;
const pipeList = (value: string | undefined) => (value ? value.split('|') : []);

const querySchema = z
	.object({
		placements: z
			.string()
			.min(1, 'is required')
			.refine(
				(value) => pipeList(value).every((placement) => PLACEMENT.test(placement)),
				'each must be pageType.placementName, such as item_page.horizontal',
			)
			.refine(
				(value) => new Set(pipeList(value).map((placement) => placement.split('.')[0])).size === 1,
				'must all be of the same page type (the part before the dot)',
			),
		productId: z.string().optional(),
		categoryId: z.string().optional(),
		atcid: z.string().optional(),
		o: z.string().optional(),
		pp: z
			.string()
			.regex(/^\d+(\.\d+)?(\|\d+(\.\d+)?)*$/, 'must be amounts in dollars, such as 19.99, 45')
			.optional(),
		ppc: z
			.string()
			.regex(/^\d+(\|\d+)*$/, 'must be whole numbers of cents, such as 1999, 4500')
			.optional(),
		q: z
			.string()
			.regex(/^[1-9]\d*(\|[1-9]\d*)*$/, 'must be whole numbers of at least 1, such as 1, 2')
			.optional(),
		count: z.number().int('must be a whole number').min(1, 'must be at least 1').optional(),
		apiClientKey: z
			.string({ required_error: 'is required' })
			.min(1, 'is required for recommendations: set it in the credential or in the options'),
		extraQuery: z
			.record(
				z.union(
					[
						z.string(),
						z.number(),
						z.boolean(),
						z.array(z.union([z.string(), z.number(), z.boolean()])),
					],
					{
						errorMap: () => ({ message: 'must be text, a number, true/false or a list of them' }),
					},
				),
				{ invalid_type_error: 'must be a JSON object' },
			)
			.optional(),
	})
	.passthrough()
	.superRefine((query, context) => {
		const pageType = pipeList(query.placements)[0]?.split('.')[0];
		for (const [key, label] of PAGE_REQUIREMENTS[pageType] ?? []) {
			if (!query[key as keyof typeof query])
				context.addIssue({
					code: z.ZodIssueCode.custom,
					path: [key],
					message: `is required for ${pageType} placements (${label})`,
				});
		}
		if (pageType === 'purchase_complete_page' && query.pp === undefined && query.ppc === undefined)
			context.addIssue({
				code: z.ZodIssueCode.custom,
				path: ['ppc'],
				message:
					'is required for purchase_complete_page placements: give the prices in cents or in dollars',
			});
		// Each purchase list pairs with productId entry by entry, as the SDKs build them.
		const products = pipeList(query.productId).length;
		for (const [key, what] of [
			['pp', 'one price per purchased product'],
			['ppc', 'one price per purchased product'],
			['q', 'one quantity per purchased product'],
		] as const) {
			const list = query[key];
			if (list !== undefined && pipeList(list).length !== products)
				context.addIssue({
					code: z.ZodIssueCode.custom,
					path: [key],
					message: `needs ${what} (${products} product ID${products === 1 ? '' : 's'} given)`,
				});
		}
	});

/** Comma- or pipe-separated input → the API's pipe list; undefined when empty. */
function pipeJoined(value: unknown): string | undefined {
	const list = toList(Array.isArray(value) ? value : String(value ?? '').replace(/\|/g, ','));
	return list.length ? list.join('|') : undefined;
}

/** A list field whose value came from an expression as an object: refused, not sent as "[object Object]". */
function listField(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
): string | undefined {
	const entries = Array.isArray(value) ? value : [value];
	if (entries.some((entry) => entry !== null && typeof entry === 'object'))
		throw invalidInput(node, field, itemIndex, 'must be text or a list of texts, not an object');
	return pipeJoined(value);
}

/** One output item per recommended product, with its placement and position, as the API lists them. */
function productsOf(response: IDataObject): IDataObject[] {
	const placements = response.placements;
	if (!Array.isArray(placements)) return [response];
	return (placements as IDataObject[]).flatMap((placement) => {
		const products = Array.isArray(placement.recommendedProducts)
			? (placement.recommendedProducts as IDataObject[])
			: [];
		return products.map((product, index) => ({
			placement: placement.placement,
			placementType: placement.placementType,
			strategyMessage: placement.strategyMessage,
			position: index + 1,
			viewGuid: response.viewGuid,
			...product,
		}));
	});
}

export async function execute(this: IExecuteFunctions, itemIndex: number) {
	const node = this.getNode();
	const context = this.getNodeParameter('recommendationContext', itemIndex, {}) as IDataObject;
	const options = this.getNodeParameter('recommendationOptions', itemIndex, {}) as IDataObject;
	const credentials = await getCredentialData(this, recommendationCredentialType(this, itemIndex));
	const extraQuery = parseJsonParameter(
		node,
		options.extraQuery,
		'Additional Query Parameters',
		itemIndex,
	);
	const list = (value: unknown, field: string) => listField(node, value, field, itemIndex);
	// A single value that arrives from an expression as an object would be sent as "[object Object]".
	const single = (value: unknown, field: string) => {
		if (value !== null && typeof value === 'object')
			throw invalidInput(node, field, itemIndex, 'must be text, not an object or a list');
		return text(value);
	};

	const productIds = list(context.productIds, 'Product IDs');
	const purchasedProductIds = list(context.purchasedProductIds, 'Purchased Product IDs');
	// Both are productId on the wire; two different lists would leave one of them unsent.
	if (productIds && purchasedProductIds && productIds !== purchasedProductIds)
		throw invalidInput(
			node,
			'Purchased Product IDs',
			itemIndex,
			'differs from Product IDs: both are sent as productId, so give the purchased products in one of them',
		);
	const count =
		options.count === undefined ? undefined : wholeNumber(node, options.count, 'Count', itemIndex);

	const query = validateInput(
		node,
		querySchema,
		withoutUndefined({
			placements: list(this.getNodeParameter('placements', itemIndex, ''), 'Placements') ?? '',
			sessionId: single(this.getNodeParameter('sessionId', itemIndex, ''), 'Session ID'),
			userId: single(this.getNodeParameter('userId', itemIndex, ''), 'User ID'),
			productId: productIds ?? purchasedProductIds,
			categoryId: single(context.categoryId, 'Category ID'),
			searchTerm: single(context.searchTerm, 'Search Term'),
			atcid: single(context.addToCartProductId, 'Add-to-Cart Product ID'),
			o: single(context.orderId, 'Order ID'),
			pp: list(context.purchasedPricesDollars, 'Purchased Product Prices (Dollars)'),
			ppc: list(context.purchasedPricesCents, 'Purchased Product Prices (Cents)'),
			q: list(context.purchasedQuantities, 'Purchased Quantities'),
			rid: single(context.regionId, 'Region ID'),
			bi: list(options.blockedProductIds, 'Blocked Product IDs'),
			count,
			excludeHtml: options.excludeHtml ?? true,
			excludeItemAttributes: options.excludeItemAttributes || undefined,
			apiClientKey:
				single(options.apiClientKey, 'API Client Key') ?? text(credentials.apiClientKey) ?? '',
			extraQuery: extraQuery ?? undefined,
		}),
		itemIndex,
		LABELS,
	);
	const { extraQuery: extra, ...known } = query;
	if (extra && 'apiKey' in extra)
		throw invalidInput(
			node,
			'Additional Query Parameters',
			itemIndex,
			'must not set apiKey: it comes from the credential',
		);

	// ts defeats caches between n8n and Algonomy, as Algonomy's own clients do.
	const response = await recommendationRequest(
		this,
		{ ...known, ts: Date.now(), ...(extra ?? {}) },
		itemIndex,
	);
	if (response.status === 'error')
		throw new NodeApiError(node, response as JsonObject, {
			message: `Algonomy recommendations answered with an error: ${String(response.errormessage ?? 'no message')}`,
			description: 'Check the placements, the API Key and the API Client Key.',
			itemIndex,
		});
	return options.output === 'raw' ? response : productsOf(response);
}
