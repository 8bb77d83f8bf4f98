import type { IDataObject, INode } from 'n8n-workflow';
import { z } from 'zod';

import { invalidInput, toList } from '../../../common/validation';
import { trimmedOrUndefined as text } from '../../../common/values';

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

export const LABELS = {
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

export const querySchema = z
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
export function listField(
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

/** A single value that arrives from an expression as an object would be sent as "[object Object]". */
export function singleField(
	node: INode,
	value: unknown,
	field: string,
	itemIndex: number,
): string | undefined {
	if (value !== null && typeof value === 'object')
		throw invalidInput(node, field, itemIndex, 'must be text, not an object or a list');
	return text(value);
}

/** One output item per recommended product, with its placement and position, as the API lists them. */
export function productsOf(response: IDataObject): IDataObject[] {
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
