import type { IDataObject, IExecuteFunctions } from 'n8n-workflow';

import type { ListSpec } from '../common/list';
import type { PageLimits } from '../common/pagination';
import { collectPages } from '../common/pagination';
import type { ResourceSpec, ServiceApi } from '../common/resource';
import type { LocatorSpec } from '../common/locator';
import type { RequestContext } from '../common/transport';
import { LABELS } from './schemas';
import type { Envelope } from './transport';
import { envelopeTotal, hoodRequest, ocambaHoodProfile } from './transport';

/** Ocamba does not publish its largest page; this is served where tried, and smaller caps are followed. */
export const MAX_PAGE_SIZE = 500;

/** Ocamba Hood as the common resource helpers see it. */
export const hoodApi: ServiceApi = {
	serviceName: ocambaHoodProfile.serviceName,
	request: hoodRequest,
	labels: LABELS,
	// Single-object GETs answer with the list envelope `{ total: 1, items: [...] }`.
	unwrapOne: (body) =>
		Array.isArray((body as Envelope)?.items)
			? (body as Envelope).items?.[0]
			: (body as IDataObject | undefined),
};

/** A resource of this node: objects at `<path>/<id>`, updated by PATCH with the changed fields. */
export const hoodResource = (
	resource: string,
	noun: string,
	plural: string,
	path: string,
	locator?: LocatorSpec,
): ResourceSpec => ({
	api: hoodApi,
	resource,
	noun,
	plural,
	path,
	locator,
	idKey: 'id',
	update: { method: 'PATCH' },
});

/** Every page of a collection (or report) up to the limits, each page one `page=N,M` request. */
export async function fetchPages(
	context: RequestContext,
	path: string,
	query: IDataObject,
	limits: PageLimits,
	itemIndex?: number,
): Promise<IDataObject[]> {
	return await collectPages(async (page, size) => {
		const body = await hoodRequest<Envelope | IDataObject[] | string>(context, {
			method: 'GET',
			path,
			qs: { ...query, page: `${page},${size}` },
			itemIndex,
		});
		// Lists answer `{ total, items }`; the import report is documented as a plain list.
		if (Array.isArray(body)) return { items: body };
		const envelope = body && typeof body === 'object' ? body : undefined;
		return { items: envelope?.items ?? [], total: envelopeTotal(envelope) };
	}, limits);
}

/** The whole of a small collection (properties, lists) for a dropdown or a lookup. */
export async function fetchAll(
	context: RequestContext,
	path: string,
	query: IDataObject = {},
): Promise<IDataObject[]> {
	return await fetchPages(context, path, query, {
		returnAll: true,
		limit: 0,
		pageSize: MAX_PAGE_SIZE,
	});
}

/** The `fetch` of a Get Many: the pages of `path` (or of the item's path) with the item's query. */
export const pagesAt =
	(path: string | ((context: IExecuteFunctions, itemIndex: number) => string)): ListSpec['fetch'] =>
	async (context, itemIndex, query, limits) =>
		await fetchPages(
			context,
			typeof path === 'string' ? path : path(context, itemIndex),
			query.qs,
			{ ...limits, pageSize: query.pageSize ?? MAX_PAGE_SIZE },
			itemIndex,
		);
