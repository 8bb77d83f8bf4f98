import type { IDataObject } from 'n8n-workflow';

import type { RequestContext, ServiceProfile } from '../common/transport';
import { apiRequest, getCredentialData, readRequestSettings } from '../common/transport';
import { collectOffsetPages } from '../common/pagination';
import { trimTrailingSlashes } from '../common/urls';
import { headerValue } from '../common/validation';
import type { ResourceRequest, ServiceApi } from '../common/resource';
import { LABELS } from './schemas';

export const luigisBoxProfile: ServiceProfile = {
	serviceName: "Luigi's Box",
	credentialType: 'luigisBoxApi',
	// Luigi's Box throttles but publishes no figure: the pace is learned from its 429s. 20 is what
	// "Max Requests per Second" shows when added, a guess well clear of the limit.
	defaultRequestsPerSecond: 20,
	learnsRate: true,
	// A short error title; a code or a long text goes to the error's details.
	errorText: { shortTitle: true },
};

/** `path` is below /v1/recommender/pin/{tracker}/, e.g. `scope/<id>`; NDJSON bodies are text. */
export interface LuigisBoxRequest extends Omit<ResourceRequest, 'body'> {
	body?: IDataObject | string;
	contentType?: string;
}

/** Only the public parts of the credential: the private key stays inside its authenticate(). */
async function account(
	context: RequestContext,
	itemIndex: number,
): Promise<{ baseUrl: string; trackerId: string }> {
	const credentials = await getCredentialData(context, luigisBoxProfile.credentialType);
	return {
		baseUrl: trimTrailingSlashes(credentials.baseUrl) || 'https://live.luigisbox.com',
		// The tracker ID goes into the Authorization header: a line break there is refused, not sent.
		trackerId: headerValue(
			context.getNode(),
			String(credentials.trackerId ?? ''),
			'Tracker ID',
			itemIndex,
		),
	};
}

export async function luigisBoxRequest<T = IDataObject>(
	context: RequestContext,
	request: LuigisBoxRequest,
): Promise<T> {
	const { baseUrl, trackerId } = await account(context, request.itemIndex ?? 0);
	const response = await apiRequest<T>(
		context,
		luigisBoxProfile,
		{
			method: request.method,
			baseURL: baseUrl,
			url: `/v1/recommender/pin/${encodeURIComponent(trackerId)}/${request.path}`,
			qs: request.qs,
			body: request.body,
			headers: request.contentType ? { 'Content-Type': request.contentType } : undefined,
			idempotent: request.idempotent,
			itemIndex: request.itemIndex,
		},
		readRequestSettings(context, request.itemIndex ?? 0),
	);
	return response.body;
}

/** This API for the shared resource helpers (nodes/common/resource.ts). */
export const luigisBoxApi: ServiceApi = {
	serviceName: luigisBoxProfile.serviceName,
	labels: LABELS,
	request: async <T>(context: RequestContext, request: ResourceRequest) =>
		await luigisBoxRequest<T>(context, request),
};

export const MAX_PAGE_SIZE = 500;

/**
 * Customizations from the search endpoint (POST scopes), page after page up to the limits; filters
 * go as repeated query keys, criteria in the body. Luigi's Box documents no largest page: 500 is
 * served, and a smaller page from the server is followed.
 */
export async function fetchCustomizations(
	context: RequestContext,
	request: { qs?: IDataObject; body?: IDataObject; itemIndex?: number },
	limits: { returnAll: boolean; limit: number; pageSize?: number },
): Promise<IDataObject[]> {
	return await collectOffsetPages(
		async (offset, pageLimit) => {
			const page = await luigisBoxRequest<{
				pagination?: { total?: number };
				results?: IDataObject[];
			}>(context, {
				method: 'POST',
				path: 'scopes',
				qs: { ...request.qs, limit: pageLimit, offset },
				body: request.body,
				idempotent: true, // a search: repeating it changes nothing
				itemIndex: request.itemIndex,
			});
			return { items: page.results ?? [], total: page.pagination?.total };
		},
		{ ...limits, pageSize: limits.pageSize ?? MAX_PAGE_SIZE },
	);
}
