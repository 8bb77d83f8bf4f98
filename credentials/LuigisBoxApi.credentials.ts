import { createHmac } from 'node:crypto';
import type {
	ICredentialDataDecryptedObject,
	ICredentialTestRequest,
	ICredentialType,
	IHttpRequestOptions,
	INodeProperties,
	Icon,
} from 'n8n-workflow';

import { requestTarget } from '../nodes/common/urls';
import { findHeaderKey } from '../nodes/common/values';

export const LUIGIS_BOX_JSON_CONTENT_TYPE = 'application/json; charset=utf-8';

export interface LuigisBoxSignatureInput {
	privateKey: string;
	method: string;
	contentType: string;
	date: string;
	path: string;
}

/**
 * Luigi's Box HMAC: base64(HMAC-SHA256(private key, METHOD\nContent-Type\nDate\npath)), where the
 * path has no host and no query string and the other fields equal the headers sent byte for byte.
 */
export function signLuigisBox({
	privateKey,
	method,
	contentType,
	date,
	path,
}: LuigisBoxSignatureInput) {
	const stringToSign = [method.toUpperCase(), contentType, date, path].join('\n');
	return createHmac('sha256', privateKey).update(stringToSign, 'utf8').digest('base64').trim();
}

export class LuigisBoxApi implements ICredentialType {
	name = 'luigisBoxApi';

	displayName = "Luigi's Box API";

	icon: Icon = { light: 'file:../icons/luigisbox.svg', dark: 'file:../icons/luigisbox.dark.svg' };

	documentationUrl = 'https://docs.luigisbox.com/platform-foundations/api-principles/';

	properties: INodeProperties[] = [
		{
			displayName: 'Tracker ID',
			name: 'trackerId',
			type: 'string',
			default: '',
			required: true,
			placeholder: 'e.g. 1234-5678',
			description:
				"The site's public key, shown in the Luigi's Box app under General settings → Integration settings",
		},
		{
			displayName: 'Private Key',
			name: 'privateKey',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
			description: 'Used only to sign requests (HMAC-SHA256); it is never sent',
		},
		{
			displayName: 'Base URL',
			name: 'baseUrl',
			type: 'string',
			default: 'https://live.luigisbox.com',
			description:
				"Luigi's Box recommends https://live.luigisbox.tech; https://live.luigisbox.com works too. The host is not part of the signature.",
		},
	];

	/** Signs every request with a fresh Date: the server accepts only a few seconds of clock skew. */
	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		requestOptions: IHttpRequestOptions,
	): Promise<IHttpRequestOptions> {
		const headers: Record<string, unknown> = { ...(requestOptions.headers ?? {}) };
		const contentTypeKey = findHeaderKey(headers, 'content-type');
		const contentType = contentTypeKey
			? String(headers[contentTypeKey])
			: LUIGIS_BOX_JSON_CONTENT_TYPE;
		if (!contentTypeKey) headers['Content-Type'] = contentType;
		const dateKey = findHeaderKey(headers, 'date');
		if (dateKey) delete headers[dateKey];
		const date = new Date().toUTCString();
		const signature = signLuigisBox({
			privateKey: String(credentials.privateKey),
			method: requestOptions.method ?? 'GET',
			contentType,
			date,
			// The host and query string are not signed, only the path the request really hits.
			path: requestTarget(requestOptions)?.pathname ?? '/',
		});
		headers.Date = date;
		headers.Authorization = `ApiAuth ${String(credentials.trackerId)}:${signature}`;
		return { ...requestOptions, headers: headers as IHttpRequestOptions['headers'] };
	}

	test: ICredentialTestRequest = {
		request: {
			baseURL: '={{$credentials.baseUrl}}',
			url: '=/v1/recommender/pin/{{$credentials.trackerId}}/summary',
			method: 'GET',
		},
	};
}
