import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IDataObject,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';
import { UserError } from 'n8n-workflow';
import { createHash, createHmac } from 'node:crypto';

import { contentstackAccountFields } from '../nodes/ContentstackPersonalize/credentialFields';
import {
	CONTENTSTACK_LOGIN_ERROR_PREFIX,
	contentstackUrl,
	regionUrlExpression,
} from '../nodes/ContentstackPersonalize/urls';
import { requestToken } from '../nodes/common/token';
import { requestTarget } from '../nodes/common/urls';
import { findHeaderKey } from '../nodes/common/values';

/** Paths of the Management API that are not scoped to one project. */
const ORGANIZATION_PATH = /^\/projects(\/|$)/;
const UNSCOPED_PATH = /^\/(projects|geolocation)(\/|$)/;

function below(target: URL, base: string): string | undefined {
	let root: URL;
	try {
		root = new URL(base);
	} catch {
		return undefined;
	}
	const rootPath = root.pathname.replace(/\/+$/, '');
	if (target.origin !== root.origin) return undefined;
	if (target.pathname !== rootPath && !target.pathname.startsWith(`${rootPath}/`)) return undefined;
	return target.pathname.slice(rootPath.length) || '/';
}

/**
 * The path below the Management API when a request goes there, else undefined. The Edge API is public
 * (no token), and with custom hosts it may sit below the management URL, so it is ruled out first.
 */
export function managementPathOf(
	credentials: ICredentialDataDecryptedObject,
	requestOptions: IHttpRequestOptions,
): string | undefined {
	const target = requestTarget(requestOptions);
	if (!target) return undefined;
	const edge = contentstackUrl(credentials, 'edge');
	if (edge && below(target, edge) !== undefined) return undefined;
	return below(target, contentstackUrl(credentials, 'management'));
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** RFC 4648 base32 (the form authenticator apps show a TOTP secret in); spaces and padding ignored. */
export function base32Decode(text: string): Buffer {
	const clean = text.replace(/[\s=-]/g, '').toUpperCase();
	if (clean === '' || /[^A-Z2-7]/.test(clean))
		throw new Error('not a base32 key (letters A-Z and digits 2-7)');
	let bits = 0;
	let value = 0;
	const bytes: number[] = [];
	for (const character of clean) {
		value = (value << 5) | BASE32.indexOf(character);
		bits += 5;
		if (bits >= 8) {
			bytes.push((value >>> (bits - 8)) & 0xff);
			bits -= 8;
		}
	}
	return Buffer.from(bytes);
}

/**
 * An RFC 6238 time-based one-time password: HOTP (RFC 4226) of the 30-second step count. SHA-1 and
 * 6 digits are what authenticator apps and otplib's authenticator (used by @contentstack/management
 * for its mfaSecret) produce.
 */
export function totp(
	key: Buffer,
	unixSeconds: number,
	{
		digits = 6,
		step = 30,
		algorithm = 'sha1',
	}: { digits?: number; step?: number; algorithm?: 'sha1' | 'sha256' | 'sha512' } = {},
): string {
	const counter = Buffer.alloc(8);
	counter.writeBigUInt64BE(BigInt(Math.floor(unixSeconds / step)));
	const hmac = createHmac(algorithm, key).update(counter).digest();
	const offset = hmac[hmac.length - 1] & 0x0f;
	const binary = hmac.readUInt32BE(offset) & 0x7fffffff;
	return String(binary % 10 ** digits).padStart(digits, '0');
}

/**
 * What a stored session was obtained with: the login URL (region or CMA URL), email, password and
 * TOTP secret. A session whose fingerprint differs from the current values is not used, so a changed
 * password or region is proven by a new login instead of hidden behind the old token.
 */
export function sessionFingerprint(credentials: ICredentialDataDecryptedObject): string {
	return createHash('sha256')
		.update(
			JSON.stringify([
				`${contentstackUrl(credentials, 'cma')}/v3/user-session`,
				String(credentials.email ?? '').trim(),
				String(credentials.password ?? ''),
				String(credentials.mfaSecret ?? '').replace(/\s/g, ''),
			]),
		)
		.digest('hex');
}

/** Explains a refused login: wrong password, a missing or stale 2FA code, an SSO-only account. */
function loginFailureMessage(url: string, statusCode: number, body: IDataObject): string {
	const vendor = typeof body.error_message === 'string' ? body.error_message : undefined;
	const code = body.error_code;
	const text = `${vendor ?? `the login answered ${statusCode}`}${code !== undefined ? ` (error_code ${String(code)})` : ''}`;
	if (String(code) === '294' || /two.?factor|2fa|tfa/i.test(vendor ?? ''))
		return `${CONTENTSTACK_LOGIN_ERROR_PREFIX}: ${text}. The account uses two-factor authentication: enter its secret in "2FA Secret (TOTP)" so that every login gets a fresh code, or a current code in "2FA Code" (good for one login).`;
	if (statusCode === 404)
		return `${CONTENTSTACK_LOGIN_ERROR_PREFIX}: ${text}. Nothing answers at ${url}: check the region (or the CMA URL of custom hosts).`;
	if (statusCode >= 500) return `${CONTENTSTACK_LOGIN_ERROR_PREFIX}: ${text}. Try again later.`;
	return `${CONTENTSTACK_LOGIN_ERROR_PREFIX}: ${text}. Check the email and password; accounts of SSO-enforced organizations get no authtoken from a login and must use OAuth.`;
}

const account = contentstackAccountFields({ region: 'Tokens belong to one region.' });

export class ContentstackPersonalizeApi implements ICredentialType {
	name = 'contentstackPersonalizeApi';

	displayName = 'Contentstack Personalize API';

	icon: Icon = {
		light: 'file:../icons/contentstack-personalize.svg',
		dark: 'file:../icons/contentstack-personalize.dark.svg',
	};

	documentationUrl = 'https://www.contentstack.com/docs/developers/apis/personalize-management-api';

	properties: INodeProperties[] = [
		account.region,
		account.managementUrl,
		account.edgeUrl,
		{
			displayName: 'CMA URL (Login)',
			name: 'cmaUrl',
			type: 'string',
			default: '',
			placeholder: 'e.g. https://api.contentstack.io',
			displayOptions: { show: { region: ['custom'], authMode: ['emailPassword'] } },
			description:
				'Base URL of the Content Management API, where the email and password log in (/v3/user-session)',
		},
		account.projectUid,
		account.organizationUid,
		{
			displayName: 'Authenticate With',
			name: 'authMode',
			type: 'options',
			options: [
				{
					name: 'Authtoken',
					value: 'authtoken',
					description: 'A user session token, e.g. from a Contentstack CLI login',
				},
				{
					name: 'Email and Password',
					value: 'emailPassword',
					description:
						'Logs in once and keeps the authtoken with this credential; logs in again when it is refused or the login values change',
				},
				{
					name: 'OAuth Access Token',
					value: 'oauthToken',
					description:
						'A user access token from a Developer Hub app. It is not refreshed; use the OAuth2 credential for that.',
				},
			],
			default: 'authtoken',
			description: 'Management tokens (stack tokens) are refused by the Personalize API',
		},
		{
			displayName: 'Authtoken',
			name: 'authtoken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authMode: ['authtoken'] } },
			description:
				'A user authtoken. Authtokens do not expire, but a user holds at most 20: each further login ends the oldest session.',
		},
		{
			displayName: 'Access Token',
			name: 'accessToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authMode: ['oauthToken'] } },
			description:
				'A user OAuth access token with the personalize:read or personalize:manage scope (it lasts about an hour)',
		},
		{
			displayName: 'Email',
			name: 'email',
			type: 'string',
			placeholder: 'e.g. name@email.com',
			default: '',
			displayOptions: { show: { authMode: ['emailPassword'] } },
		},
		{
			displayName: 'Password',
			name: 'password',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authMode: ['emailPassword'] } },
			description: "Sent only to the region's CMA login (/v3/user-session), never to Personalize",
		},
		{
			displayName: '2FA Secret (TOTP)',
			name: 'mfaSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authMode: ['emailPassword'] } },
			description:
				"Only for accounts with two-factor authentication: the secret key of the authenticator app (base32, shown when 2FA is set up). Every login then sends a fresh code computed from it, as the official SDK's mfaSecret does.",
		},
		{
			displayName: '2FA Code',
			name: 'tfaToken',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			displayOptions: { show: { authMode: ['emailPassword'] } },
			description:
				'Instead of the secret: a current code, good for one login only. The authtoken it yields is kept; when Contentstack ends that session, the next login needs a new code (or the secret).',
		},
		{
			displayName: 'Session Authtoken',
			name: 'sessionToken',
			type: 'hidden',
			typeOptions: { expirable: true, password: true },
			default: '',
		},
		{
			displayName: 'Session Fingerprint',
			name: 'sessionFingerprint',
			type: 'hidden',
			default: '',
		},
	];

	/**
	 * Email and password only: logs in through the region's CMA and returns the authtoken, which n8n
	 * stores with the credential. n8n calls this when no authtoken is stored yet and once after the API
	 * answered 401, never per execution: a user holds at most 20 authtokens and every login silently
	 * ends the oldest session. The other modes need no login (nothing is returned, nothing stored).
	 */
	async preAuthentication(this: IHttpRequestHelper, credentials: ICredentialDataDecryptedObject) {
		if (credentials.authMode !== 'emailPassword') return {};
		const url = `${contentstackUrl(credentials, 'cma')}/v3/user-session`;
		const user: IDataObject = {
			email: String(credentials.email ?? '').trim(),
			password: String(credentials.password ?? ''),
		};
		// A secret gives a fresh code at every login; a typed code is good for one login only.
		const secret = String(credentials.mfaSecret ?? '').trim();
		const tfaToken = String(credentials.tfaToken ?? '').trim();
		if (secret) {
			let key: Buffer;
			try {
				key = base32Decode(secret);
			} catch (error) {
				throw new UserError(
					`${CONTENTSTACK_LOGIN_ERROR_PREFIX}: "2FA Secret (TOTP)" is ${(error as Error).message}. Nothing was sent.`,
				);
			}
			user.tfa_token = totp(key, Date.now() / 1000);
		} else if (tfaToken) user.tfa_token = tfaToken;
		const result = await requestToken(this, {
			url,
			body: { user },
			secrets: [
				credentials.password,
				credentials.tfaToken,
				credentials.mfaSecret,
				credentials.sessionToken,
			],
			noAnswer: () =>
				`${CONTENTSTACK_LOGIN_ERROR_PREFIX}: no answer from ${url}. Check the region (or the CMA URL of custom hosts).`,
			refused: (statusCode, body) =>
				loginFailureMessage(url, statusCode, typeof body === 'object' ? body : {}),
			read: (body) => {
				const authtoken = (body.user as IDataObject | undefined)?.authtoken;
				if (typeof authtoken !== 'string' || authtoken === '') return undefined;
				return { sessionToken: authtoken, sessionFingerprint: sessionFingerprint(credentials) };
			},
		});
		if ('failure' in result) throw new UserError(result.failure);
		return result.token;
	}

	/**
	 * The token goes only to the Management API: authtoken (pasted or from the login) or a bearer
	 * access token. Project-scoped calls also get x-project-uid, /projects calls organization_uid, when
	 * the request does not carry them already (the HTTP Request node with this credential, the test).
	 */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const path = managementPathOf(credentials, requestOptions);
		if (path === undefined) return requestOptions;
		const headers: IDataObject = { ...(requestOptions.headers ?? {}) };
		if (credentials.authMode === 'oauthToken')
			headers.authorization = `Bearer ${String(credentials.accessToken ?? '')}`;
		else if (credentials.authMode === 'emailPassword') {
			// A session obtained with other values (a changed password, email, region or 2FA secret) is
			// not sent: the API's 401 then makes n8n log in again with the current values.
			const current = credentials.sessionFingerprint === sessionFingerprint(credentials);
			headers.authtoken = current ? String(credentials.sessionToken ?? '') : '';
		} else headers.authtoken = String(credentials.authtoken ?? '');
		const projectUid = String(credentials.projectUid ?? '').trim();
		if (
			!UNSCOPED_PATH.test(path) &&
			projectUid &&
			findHeaderKey(headers, 'x-project-uid') === undefined
		)
			headers['x-project-uid'] = projectUid;
		const organizationUid = String(credentials.organizationUid ?? '').trim();
		if (
			ORGANIZATION_PATH.test(path) &&
			organizationUid &&
			findHeaderKey(headers, 'organization_uid') === undefined
		)
			headers.organization_uid = organizationUid;
		return { ...requestOptions, headers };
	}

	/** Lists the project's attributes: proves the token (after a login), the region and the project UID. */
	test: ICredentialTestRequest = {
		request: {
			method: 'GET',
			url: `={{ ${regionUrlExpression('$credentials', 'management', 'managementUrl')} }}/attributes`,
		},
		rules: [
			{
				type: 'responseCode',
				properties: {
					value: 401,
					message:
						'Personalize refused the token: check it (a management token is refused) and the region',
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 403,
					message:
						"The token may not read this project: check the Project UID and the user's access",
				},
			},
			{
				type: 'responseCode',
				properties: {
					value: 404,
					message: 'No such project in this region: check the Project UID and the region',
				},
			},
		],
	};
}
