import type { ICredentialDataDecryptedObject } from 'n8n-workflow';
import { createHash } from 'node:crypto';

import { algonomyTokenUrl } from './urls';

/**
 * Refresh this long before the token's `expires_in` runs out, so a request never goes with a token that
 * ends on the way; at most half the lifetime, for short-lived tokens.
 */
export const ALGONOMY_TOKEN_REFRESH_MARGIN_MS = 5 * 60 * 1000;

/**
 * What produced a token: a hash of the client ID and secret, the token URL and the API key. A cached
 * token whose fingerprint differs was issued for other values (the user edited the credential), so it
 * is not used; a new one is requested with the current values.
 */
export function algonomyTokenFingerprint(credentials: ICredentialDataDecryptedObject): string {
	return createHash('sha256')
		.update(
			JSON.stringify([
				String(credentials.clientId ?? ''),
				String(credentials.clientSecret ?? ''),
				algonomyTokenUrl(credentials),
				String(credentials.apiKey ?? '').trim(),
			]),
		)
		.digest('hex');
}

/**
 * Whether the cached token must not be used: none yet, issued for other credential values, or about
 * to expire (its `expires_in`, kept as tokenExpiresAt, minus the refresh margin). A token answered
 * without `expires_in` ("valid until revoked" in the older docs) is refreshed only on invalid_token.
 */
export function algonomyTokenIsStale(
	credentials: ICredentialDataDecryptedObject,
	now: number,
): boolean {
	if (!credentials.accessToken) return true;
	if (credentials.tokenFingerprint !== algonomyTokenFingerprint(credentials)) return true;
	const expiresAt = Number(credentials.tokenExpiresAt);
	if (!credentials.tokenExpiresAt || !Number.isFinite(expiresAt)) return false;
	const issuedFor = Number(credentials.tokenLifetimeMs);
	const margin = Math.min(
		ALGONOMY_TOKEN_REFRESH_MARGIN_MS,
		Number.isFinite(issuedFor) && issuedFor > 0 ? issuedFor / 2 : ALGONOMY_TOKEN_REFRESH_MARGIN_MS,
	);
	return now >= expiresAt - margin;
}
