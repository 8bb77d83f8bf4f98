import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	INodePropertyOptions,
	Icon,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';

import { algonomyTokenFingerprint, algonomyTokenIsStale } from '../nodes/Algonomy/token';
import {
	ALGONOMY_DEFAULT_RECS_URL,
	ALGONOMY_TOKEN_ERROR_PREFIX,
	algonomyGatewayUrl,
	algonomyTokenUrl,
} from '../nodes/Algonomy/urls';
import { requestToken } from '../nodes/common/token';
import { choiceUrlExpression, requestTarget } from '../nodes/common/urls';

/** The credential's environments: each value is the gateway's host name (<value>.richrelevance.com). */
export const ALGONOMY_ENVIRONMENTS: INodePropertyOptions[] = [
	{ name: 'Production (gateway.richrelevance.com)', value: 'gateway' },
	{ name: 'Staging (staging-gateway.richrelevance.com)', value: 'staging-gateway' },
	{ name: 'QA (qa-gateway.richrelevance.com)', value: 'qa-gateway' },
	{ name: 'Custom Gateway URL', value: 'custom' },
];

/** algonomyGatewayUrl as an n8n expression over `$credentials`, for the credential test. */
export const ALGONOMY_GATEWAY_URL_EXPRESSION = choiceUrlExpression(
	'$credentials',
	{
		field: 'environment',
		values: ALGONOMY_ENVIRONMENTS.map(({ value }) => value),
		fallback: 'gateway',
	},
	'gatewayUrl',
	(environment) => algonomyGatewayUrl({ environment }),
);

/** Runtime ("rrserver") APIs take their keys in the query and never a bearer token. */
const RUNTIME_API_PATH = '/rrserver/';

/**
 * The bearer token goes only to the gateway host, and never to the public runtime API under
 * /rrserver/ (recommendations), which authenticates with keys in the query. A content token that
 * reached the public recommendation host would otherwise sit in its logs.
 */
export function algonomyTokenApplies(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): boolean {
	const target = requestTarget(requestOptions);
	let gateway: URL;
	try {
		gateway = new URL(algonomyGatewayUrl(credentials));
	} catch {
		return false;
	}
	if (!target || target.origin !== gateway.origin) return false;
	// A token request (the credential test sends one) authenticates with the client's ID and secret.
	if (target.pathname.endsWith('/oauth2/token')) return false;
	return !target.pathname.startsWith(RUNTIME_API_PATH);
}

/** Explains a refused token request: the OAuth2 error code, what it means, what to check. */
function tokenFailureMessage(
	url: string,
	statusCode: number,
	body: IDataObject | string | undefined,
) {
	const object = typeof body === 'object' ? body : {};
	const code = typeof object.error === 'string' ? object.error : undefined;
	const detail =
		typeof object.error_description === 'string'
			? object.error_description
			: typeof body === 'string'
				? body.slice(0, 200)
				: undefined;
	const answered = `the token URL answered ${statusCode}`;
	switch (code) {
		case 'invalid_client':
			return `${ALGONOMY_TOKEN_ERROR_PREFIX}: invalid_client (${detail ?? 'client authentication failed'}). Check the Client ID and Client Secret in the credential; Algonomy issues them per environment, so staging ones do not work in production.`;
		case 'unsupported_grant_type':
			return `${ALGONOMY_TOKEN_ERROR_PREFIX}: unsupported_grant_type (${detail ?? 'grant type not supported'}). The token URL does not accept the client-credentials grant: check that the Token URL is the Content Update token endpoint (${url}).`;
		case undefined:
			break;
		default:
			return `${ALGONOMY_TOKEN_ERROR_PREFIX}: ${code}${detail ? ` (${detail})` : ''}; ${answered}.`;
	}
	if (statusCode === 404)
		return `${ALGONOMY_TOKEN_ERROR_PREFIX}: ${answered} (${url}). Check the environment, or set the Token URL in the credential: some Algonomy documents place the API key in it (…/contentupdate/v1/<API key>/oauth2/token).`;
	return `${ALGONOMY_TOKEN_ERROR_PREFIX}: ${answered}${detail ? ` (${detail})` : ''}.`;
}

export class AlgonomyApi implements ICredentialType {
	name = 'algonomyApi';

	displayName = 'Algonomy (RichRelevance) API';

	icon: Icon = { light: 'file:../icons/algonomy.svg', dark: 'file:../icons/algonomy.dark.svg' };

	documentationUrl =
		'https://help.richrelevance.com/Personalization_Cloud/Relevance_Cloud%3A_Core_APIs/Core_APIs/Content_Update_API';

	properties: INodeProperties[] = [
		{
			displayName: 'Environment',
			name: 'environment',
			type: 'options',
			options: ALGONOMY_ENVIRONMENTS,
			default: 'gateway',
			description:
				'The gateway that serves the Content Update API. Tokens and client credentials belong to one environment.',
		},
		{
			displayName: 'Gateway URL',
			name: 'gatewayUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://gateway.example.com',
			displayOptions: { show: { environment: ['custom'] } },
			description: 'Base URL of the gateway, without /contentupdate (for a proxy or a test server)',
		},
		{
			displayName: 'API Key',
			name: 'apiKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description:
				"The site API key, from Algonomy's dashboard. Content changes and recommendations both use it.",
		},
		{
			displayName: 'Client ID',
			name: 'clientId',
			type: 'string',
			default: '',
			required: true,
			description: 'OAuth2 client ID issued by Algonomy for this site and environment',
		},
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Sent only to the token URL, to obtain an access token',
		},
		{
			displayName: 'Token URL',
			name: 'tokenUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://gateway.richrelevance.com/contentupdate/v1/oauth2/token',
			hint: "Algonomy's documents give three paths: <gateway>/contentupdate/v1/oauth2/token (the default), <gateway>/contentupdate/oauth2/token (the RAML reference) and <gateway>/contentupdate/v1/{API key}/oauth2/token (the newest help page). Set one here if the default answers 404.",
			description:
				'Leave empty to use <gateway>/contentupdate/v1/oauth2/token. Which of the three documented paths a tenant serves is not confirmed.',
		},
		{
			displayName: 'Recommendation URL',
			name: 'recsBaseUrl',
			type: 'string',
			default: ALGONOMY_DEFAULT_RECS_URL,
			description:
				'Host of the public recommendation API, e.g. https://recs.algorecs.com, the legacy https://recs.richrelevance.com, or https://integration.algorecs.com for testing. It receives no token.',
		},
		{
			displayName: 'API Client Key',
			name: 'apiClientKey',
			type: 'string',
			default: '',
			description:
				'The key of the channel (web, app) recommendations are for. Only the Recommendation resource needs it.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		// Kept with the token: when it ends (from expires_in) and what produced it (algonomyTokenFingerprint).
		{
			displayName: 'Token Expires At',
			name: 'tokenExpiresAt',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Token Lifetime',
			name: 'tokenLifetimeMs',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
		{
			displayName: 'Token Fingerprint',
			name: 'tokenFingerprint',
			type: 'hidden',
			typeOptions: { password: true },
			default: '',
		},
	];

	/**
	 * Fetches a client-credentials token. n8n calls this when no token is stored yet (the node clears
	 * a token that is about to expire or was issued for other credential values, see
	 * algonomyTokenIsStale), once after the API answered 401 (invalid_token), and on every credential
	 * test. n8n stores the result with the credential, so every item and every execution reuses one
	 * token. This is the only request that carries the client secret.
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		const url = algonomyTokenUrl(credentials);
		const result = await requestToken(this, {
			url,
			body: new URLSearchParams({
				grant_type: 'client_credentials',
				client_id: String(credentials.clientId ?? ''),
				client_secret: String(credentials.clientSecret ?? ''),
			}),
			secrets: [credentials.clientSecret],
			noAnswer: (reason) =>
				`${ALGONOMY_TOKEN_ERROR_PREFIX}: no answer from the token URL ${url}${reason ? ` (${reason})` : ''}. Check the environment or the Token URL.`,
			refused: (statusCode, body) =>
				statusCode >= 400
					? tokenFailureMessage(url, statusCode, body)
					: `${ALGONOMY_TOKEN_ERROR_PREFIX}: the token URL answered ${statusCode} without an access_token. Check the Token URL (${url}).`,
			read: (body) => {
				const accessToken = body.access_token;
				if (typeof accessToken !== 'string' || accessToken === '') return undefined;
				// The RAML gives expires_in (7200 in its example); older pages say "valid until revoked".
				const expiresIn = Number(body.expires_in);
				const lifetimeMs =
					Number.isFinite(expiresIn) && expiresIn > 0 ? expiresIn * 1000 : undefined;
				return {
					accessToken,
					tokenExpiresAt: lifetimeMs === undefined ? '' : String(Date.now() + lifetimeMs),
					tokenLifetimeMs: lifetimeMs === undefined ? '' : String(lifetimeMs),
					tokenFingerprint: algonomyTokenFingerprint(credentials),
				};
			},
		});
		if ('failure' in result) throw new UserError(result.failure);
		return result.token;
	}

	/**
	 * Adds the bearer token to gateway requests only (see algonomyTokenApplies). A token issued for
	 * other values (a changed secret, client, token URL or API key) or about to expire is not sent:
	 * the API's 401 then makes n8n fetch one with the current values. The node's own calls refresh
	 * before sending; this covers the credential test and the HTTP Request node.
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		if (!algonomyTokenApplies(credentials, requestOptions)) return requestOptions;
		const token = algonomyTokenIsStale(credentials, Date.now())
			? ''
			: String(credentials.accessToken ?? '');
		return {
			...requestOptions,
			headers: { ...(requestOptions.headers ?? {}), Authorization: `Bearer ${token}` },
		};
	}

	/**
	 * Writes nothing: the test is the token request alone (client-credentials grant at the Token URL).
	 * It proves the Client ID and Client Secret, the environment and the Token URL. The API Key is not
	 * checked here, since the content API has no read call: a wrong key answers 404 on first use, with
	 * a hint. (n8n's preAuthentication fetches a token first, so the token URL is asked twice.)
	 */
	test: ICredentialTestRequest = {
		request: {
			method: 'POST',
			url: `={{ ($credentials.tokenUrl || "").trim() || (${ALGONOMY_GATEWAY_URL_EXPRESSION}) + "/contentupdate/v1/oauth2/token" }}`,
			headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
			body: '={{ "grant_type=client_credentials&client_id=" + encodeURIComponent($credentials.clientId) + "&client_secret=" + encodeURIComponent($credentials.clientSecret) }}',
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					// OAuth 2.0 token endpoints answer a wrong client 400 or 401 (invalid_client).
					value: 400,
					message:
						'The token URL refused the request (400, as for invalid_client): check the Client ID and Client Secret, and that they belong to this environment',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'The token URL refused the Client ID and Client Secret: check them, and that they belong to this environment',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message:
						'Nothing found at the Token URL: check the environment, or set the Token URL in the credential',
				},
			},
		],
	};
}
