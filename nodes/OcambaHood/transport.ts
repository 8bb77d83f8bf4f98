import type { IDataObject } from 'n8n-workflow';

import type { RequestContext, ServiceProfile } from '../common/transport';
import {
	apiRequest,
	getCredentialData,
	paceFromRateLimitHeaders,
	readRequestSettings,
} from '../common/transport';
import { trimTrailingSlashes } from '../common/urls';
import type { ResourceRequest } from '../common/resource';

export const DEFAULT_BASE_URL = 'https://api.ocamba.com';
/** Every Hood path lives below this prefix. */
export const HOOD_PREFIX = '/v1/hood';

/** Where an Ocamba API token comes from, for the errors that point to it. */
export const TOKEN_STEPS =
	"Create one in the Ocamba app: profile menu (top right) → API Tokens → Add Token, then paste it into the credential's API Token.";

/** What to check when Ocamba refuses a request, in the terms of its app. */
export function hoodStatusHint(statusCode: number, genericHint?: string): string | undefined {
	if (statusCode === 401)
		return `Ocamba Hood did not accept the API token: it may be mistyped, deleted, or outside its "valid from/until" window. ${TOKEN_STEPS}`;
	if (statusCode === 403)
		return "The API token is valid but its user may not do this: check the user's role in Ocamba, or use a token of a user with access to Hood.";
	return genericHint;
}

export const ocambaHoodProfile: ServiceProfile = {
	serviceName: 'Ocamba Hood',
	credentialType: 'ocambaHoodApi',
	// Hood endpoints are rate tier C: 10 requests per second in bursts, 150 per minute steady.
	// 150/min is 2.5/s; the X-RateLimit-* headers catch what even spacing cannot (window edges,
	// other clients of the same account).
	defaultRequestsPerSecond: 2.5,
	observeResponse: paceFromRateLimitHeaders,
	statusHint: (statusCode, _request, genericHint) => hoodStatusHint(statusCode, genericHint),
	errorDetails: (body) => {
		const traceId = body && typeof body === 'object' ? (body as IDataObject).trace_id : undefined;
		return typeof traceId === 'string' && traceId ? `Ocamba trace ID: ${traceId}.` : undefined;
	},
};

/** `path` is below /v1/hood, e.g. `/profile-properties/123`. */
export type HoodRequest = ResourceRequest;

/** The answer of every collection and of single-item GETs: `{ total, items }`; total may be a string. */
export interface Envelope {
	total?: number | string;
	items?: IDataObject[];
}

async function baseUrl(context: RequestContext): Promise<string> {
	const credentials = await getCredentialData(context, ocambaHoodProfile.credentialType);
	return trimTrailingSlashes(credentials.baseUrl) || DEFAULT_BASE_URL;
}

export async function hoodRequest<T = IDataObject>(
	context: RequestContext,
	request: HoodRequest,
): Promise<T> {
	const response = await apiRequest<T>(
		context,
		ocambaHoodProfile,
		{
			method: request.method,
			baseURL: await baseUrl(context),
			url: `${HOOD_PREFIX}${request.path}`,
			qs: request.qs,
			body: request.body,
			idempotent: request.idempotent,
			itemIndex: request.itemIndex,
		},
		readRequestSettings(context, request.itemIndex ?? 0),
	);
	return response.body;
}

/** `total` arrives as a number or as a numeric string; anything else counts as unknown. */
export function envelopeTotal(envelope: Envelope | undefined): number | undefined {
	const total = Number(envelope?.total);
	return envelope?.total === undefined || envelope.total === null || !Number.isFinite(total)
		? undefined
		: total;
}
