import type { IDataObject, IExecuteFunctions, IHttpRequestMethods } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

import { algonomyTokenIsStale } from './token';
import {
	ALGONOMY_TOKEN_ERROR_PREFIX,
	algonomyGatewayUrl,
	algonomyRecommendationUrl,
	algonomyTokenUrl,
} from './urls';
import type { RequestContext, ServiceProfile } from '../common/transport';
import { apiRequest, getCredentialData, readRequestSettings } from '../common/transport';

const CREDENTIAL_TYPE = 'algonomyApi';
/** The light credential with only the runtime keys (no client ID or secret). */
export const RECS_CREDENTIAL_TYPE = 'algonomyRecsApi';

/** The gateway (Content Update): bearer token, refreshed once by n8n when the API answers 401. */
export const algonomyProfile: ServiceProfile = {
	serviceName: 'Algonomy',
	credentialType: CREDENTIAL_TYPE,
	// Algonomy documents no gateway rate limit: the pace is learned from its 429s. 10 is what
	// "Max Requests per Second" shows when added. A batch holds many items.
	defaultRequestsPerSecond: 10,
	learnsRate: true,
	credentialRefreshStatusCodes: [401],
	// A short error title; codes (invalid_token) and long texts go to the error's details.
	errorText: { shortTitle: true },
	statusHint: (statusCode, _request, genericHint) => {
		if (statusCode === 404)
			return `Check the API Key and the environment in the credential: the key is part of the content URL, and a wrong one answers 404. ${genericHint ?? ''}`.trim();
		if (statusCode === 401)
			return 'The API refused the access token even after n8n fetched a new one: check that the client ID belongs to this API key and environment.';
		return genericHint;
	},
	credentialStep: {
		prefix: ALGONOMY_TOKEN_ERROR_PREFIX,
		code: 'token_request_failed',
		missing: 'access token',
		explain: (credentials) =>
			`The token is requested from ${algonomyTokenUrl(credentials)} with the credential's client ID and secret.`,
	},
};

/**
 * The public recommendation API: keys in the query, no token, so a 401 there is final. Paced apart.
 * Sent without n8n's authentication, so no token request (and no client secret) goes before it.
 */
export function algonomyRecommendationProfile(credentialType: string): ServiceProfile {
	return {
		serviceName: 'Algonomy recommendations',
		credentialType,
		defaultRequestsPerSecond: 10,
		learnsRate: true,
		errorText: { shortTitle: true },
	};
}

/** Which credential the Recommendation resource uses: the node's Authentication choice. */
export function recommendationCredentialType(
	context: IExecuteFunctions,
	itemIndex: number,
): string {
	const choice = context.getNodeParameter('authentication', itemIndex, 'gatewayCredential');
	return choice === 'recommendationKeys' ? RECS_CREDENTIAL_TYPE : CREDENTIAL_TYPE;
}

/** The key in the content path; refused early when missing, since the URL would then point elsewhere. */
function requireApiKey(context: RequestContext, credentials: IDataObject): string {
	const apiKey = String(credentials.apiKey ?? '').trim();
	if (!apiKey)
		throw new NodeOperationError(context.getNode(), 'The Algonomy credential has no API Key', {
			description: 'The API key is part of every content URL (/contentupdate/v1/{API key}).',
		});
	return apiKey;
}

export interface ContentRequest {
	method: IHttpRequestMethods;
	qs?: IDataObject;
	body: IDataObject[];
	idempotent: boolean;
}

/** One collection request to /contentupdate/v1/{API key}; answers { trackingId }. */
export async function contentRequest(
	context: IExecuteFunctions,
	request: ContentRequest,
): Promise<IDataObject> {
	const credentials = await getCredentialData(context, CREDENTIAL_TYPE);
	const apiKey = requireApiKey(context, credentials);
	// An empty token makes n8n's preAuthentication fetch a new one with the current values; n8n then
	// stores it with its expiry and fingerprint, and this run's later batches reuse it.
	if (algonomyTokenIsStale(credentials, Date.now())) credentials.accessToken = '';
	const response = await apiRequest<IDataObject>(
		context,
		algonomyProfile,
		{
			method: request.method,
			url: `${algonomyGatewayUrl(credentials)}/contentupdate/v1/${encodeURIComponent(apiKey)}`,
			qs: request.qs,
			body: request.body,
			headers: { 'Content-Type': 'application/json' },
			idempotent: request.idempotent,
		},
		readRequestSettings(context, 0),
	);
	return response.body && typeof response.body === 'object' ? response.body : {};
}

/**
 * GET /rrserver/api/rrPlatform/recsForPlacements on the public recommendation host, with either
 * credential: only its API key, API client key and host are read.
 */
export async function recommendationRequest(
	context: IExecuteFunctions,
	qs: IDataObject,
	itemIndex: number,
): Promise<IDataObject> {
	const credentialType = recommendationCredentialType(context, itemIndex);
	const credentials = await getCredentialData(context, credentialType);
	const apiKey = requireApiKey(context, credentials);
	const response = await apiRequest<IDataObject>(
		context,
		algonomyRecommendationProfile(credentialType),
		{
			method: 'GET',
			url: `${algonomyRecommendationUrl(credentials)}/rrserver/api/rrPlatform/recsForPlacements`,
			qs: { apiKey, apiClientKey: credentials.apiClientKey, ...qs },
			itemIndex,
			authenticate: false,
		},
		readRequestSettings(context, itemIndex),
	);
	return response.body && typeof response.body === 'object' ? response.body : {};
}
