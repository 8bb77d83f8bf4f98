import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

import { trimTrailingSlashes } from '../common/urls';

/** Every message about a failed token request starts with this, so the node can recognise it. */
export const ALGONOMY_TOKEN_ERROR_PREFIX = 'Algonomy token request failed';
export const ALGONOMY_DEFAULT_RECS_URL = 'https://recs.algorecs.com';

/** https://gateway.richrelevance.com, its staging/QA siblings, or the custom URL. */
export function algonomyGatewayUrl(credentials: ICredentialDataDecryptedObject): string {
	const environment = String(credentials.environment || 'gateway');
	if (environment === 'custom') return trimTrailingSlashes(credentials.gatewayUrl);
	return `https://${environment}.richrelevance.com`;
}

/** The Content Update token URL: the credential's override, else `<gateway>/contentupdate/v1/oauth2/token`. */
export function algonomyTokenUrl(credentials: ICredentialDataDecryptedObject): string {
	const override = String(credentials.tokenUrl ?? '').trim();
	return override || `${algonomyGatewayUrl(credentials)}/contentupdate/v1/oauth2/token`;
}

export function algonomyRecommendationUrl(credentials: ICredentialDataDecryptedObject): string {
	return trimTrailingSlashes(credentials.recsBaseUrl) || ALGONOMY_DEFAULT_RECS_URL;
}
