import type { IDataObject, IHttpRequestHelper, IN8nHttpFullResponse } from 'n8n-workflow';

import { redactSecrets } from './redact';
import { parseResponseBody } from './urls';

/**
 * Network codes in words. n8n swaps any error message that contains a code such as ECONNREFUSED for
 * its own stock text, which would hide that the token URL was the one not answering.
 */
const NETWORK_REASONS: Record<string, string> = {
	ECONNREFUSED: 'connection refused',
	ECONNRESET: 'connection reset',
	ENOTFOUND: 'host not found',
	EAI_AGAIN: 'host name lookup failed',
	ETIMEDOUT: 'timed out',
	ECONNABORTED: 'timed out',
	ESOCKETTIMEDOUT: 'timed out',
	EHOSTUNREACH: 'host unreachable',
	CERT_HAS_EXPIRED: 'TLS certificate expired',
	DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed TLS certificate',
};

export interface TokenRequest<T> {
	url: string;
	/** A form (sent as application/x-www-form-urlencoded) or a JSON body. */
	body: URLSearchParams | IDataObject;
	/** The secrets the request carries: no message shows them. */
	secrets: unknown[];
	/** The message when no answer arrived; `reason` names the network failure in words, when known. */
	noAnswer: (reason: string | undefined) => string;
	/** What to keep from an answer below 400 (the token and what goes with it); undefined: no token. */
	read: (body: IDataObject, statusCode: number) => T | undefined;
	/** The message for an answer of 400 or more, or one below without a token. */
	refused: (statusCode: number, body: IDataObject | string | undefined) => string;
}

/** What the token step kept from the answer, or the message (without secrets) of why it failed. */
export type TokenResult<T> = { token: T } | { failure: string };

/**
 * The token step of a credential's preAuthentication: sends the request and reads the answer. Every
 * failure comes back as the credential's message without a secret, for the credential to throw as a
 * UserError: a token failure carries no HTTP status and no network code, so n8n does not take it for
 * an expired token (it would ask again), and the node shows this message rather than a generic
 * network error. A token request is rare (once per credential, then when the token is refused), so a
 * transient network failure there is left to n8n's Retry On Fail.
 */
export async function requestToken<T>(
	helper: IHttpRequestHelper,
	request: TokenRequest<T>,
): Promise<TokenResult<T>> {
	const secrets = request.secrets.map((value) => String(value ?? ''));
	const form = request.body instanceof URLSearchParams;
	let response: IN8nHttpFullResponse;
	try {
		response = (await helper.helpers.httpRequest({
			method: 'POST',
			url: request.url,
			...(form
				? {
						body: request.body.toString(),
						headers: {
							'Content-Type': 'application/x-www-form-urlencoded',
							Accept: 'application/json',
						},
					}
				: {
						body: request.body,
						json: true,
						headers: { 'Content-Type': 'application/json' },
					}),
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		})) as IN8nHttpFullResponse;
	} catch (error) {
		// Not passed on: the original carries the request, and so the secrets in its body.
		const code =
			(error as { code?: string; cause?: { code?: string } }).cause?.code ??
			(error as { code?: string }).code;
		return { failure: redactSecrets(request.noAnswer(NETWORK_REASONS[code ?? '']), secrets) };
	}
	const body = parseResponseBody(response.body);
	const token =
		response.statusCode < 400
			? request.read(typeof body === 'object' ? body : {}, response.statusCode)
			: undefined;
	if (token === undefined)
		return { failure: redactSecrets(request.refused(response.statusCode, body), secrets) };
	return { token };
}
