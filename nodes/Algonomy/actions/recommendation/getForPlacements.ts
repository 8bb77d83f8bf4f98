import type { IDataObject, IExecuteFunctions, INodeProperties, JsonObject } from 'n8n-workflow';
import { NodeApiError } from 'n8n-workflow';

import { getCredentialData } from '../../../common/transport';
import {
	entryLabel,
	invalidInput,
	parseJsonParameter,
	validateInput,
	wholeNumber,
} from '../../../common/validation';
import { trimmedOrUndefined as text, withoutUndefined } from '../../../common/values';
import { recommendationCredentialType, recommendationRequest } from '../../transport';
import {
	placementsFields,
	recommendationContext,
	recommendationNotice,
	recommendationOptions,
	sessionIdField,
	userIdField,
} from './fields';
import { LABELS, listField, productsOf, querySchema, singleField } from './query';

export const description: INodeProperties[] = [
	recommendationNotice,
	...placementsFields,
	sessionIdField,
	userIdField,
	recommendationContext,
	recommendationOptions,
];

/** A placement's name alone: the page type comes from its own field. */
const PLACEMENT_NAME = /^[^.\s|,]+$/;

/**
 * The placements as the API's pipe list. Version 1 nodes, and "Define Placements: As Text", read
 * the text field; the list gives pageType.name per entry (the same request).
 */
function readPlacements(context: IExecuteFunctions, itemIndex: number): string | undefined {
	const node = context.getNode();
	const input =
		node.typeVersion < 1.1
			? 'text'
			: context.getNodeParameter('placementsInput', itemIndex, 'list');
	if (input === 'text')
		return listField(
			node,
			context.getNodeParameter('placements', itemIndex, ''),
			'Placements',
			itemIndex,
		);
	const entries =
		(context.getNodeParameter('placementList.placement', itemIndex, []) as IDataObject[]) ?? [];
	const placements = entries.map((entry, position) => {
		const label = `Placements › ${entryLabel('Placement', position)}`;
		const pageType = singleField(node, entry.pageType, `${label} › Page Type`, itemIndex);
		if (!pageType) throw invalidInput(node, `${label} › Page Type`, itemIndex, 'is required');
		const name = singleField(node, entry.name, `${label} › Placement Name`, itemIndex);
		if (!name) throw invalidInput(node, `${label} › Placement Name`, itemIndex, 'is required');
		if (!PLACEMENT_NAME.test(name))
			throw invalidInput(
				node,
				`${label} › Placement Name`,
				itemIndex,
				'must be the name alone, such as horizontal (the page type is its own field)',
			);
		return `${pageType}.${name}`;
	});
	return placements.length ? placements.join('|') : undefined;
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
	const single = (value: unknown, field: string) => singleField(node, value, field, itemIndex);

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
			placements: readPlacements(this, itemIndex) ?? '',
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
