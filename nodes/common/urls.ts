import type { IDataObject, IHttpRequestOptions } from 'n8n-workflow';

export const trimTrailingSlashes = (value: unknown) =>
	String(value ?? '')
		.trim()
		.replace(/\/+$/, '');

/**
 * A credential's base URL as an n8n expression (credential tests, OAuth2 URLs), from the helper the
 * node uses: the custom URL field (as trimTrailingSlashes leaves it) when the choice is "custom",
 * else a table of `urlOf` for every value of the choice.
 */
export function choiceUrlExpression(
	variable: '$credentials' | '$self',
	choice: { field: string; values: unknown[]; fallback: string },
	customField: string,
	urlOf: (value: string) => string,
): string {
	const urls: Record<string, string> = {};
	for (const value of choice.values)
		if (value !== 'custom') urls[String(value)] = urlOf(String(value));
	return `(${variable}.${choice.field} === "custom" ? String(${variable}.${customField} || "").trim().replace(/\\/+$/, "") : ${JSON.stringify(urls)}[${variable}.${choice.field} || "${choice.fallback}"])`;
}

/**
 * The URL a request will hit, as credentials see it in authenticate(): n8n nodes pass url (+ baseURL),
 * the HTTP Request node passes uri. Undefined when it is not a valid URL.
 */
export function requestTarget(requestOptions: IHttpRequestOptions): URL | undefined {
	const raw =
		(requestOptions as IHttpRequestOptions & { uri?: string }).uri ?? requestOptions.url ?? '';
	const absolute = /^https?:\/\//i.test(raw)
		? raw
		: `${trimTrailingSlashes(requestOptions.baseURL)}/${raw.replace(/^\/+/, '')}`;
	try {
		return new URL(absolute);
	} catch {
		return undefined;
	}
}

/** A response body as an object when it is (or holds) JSON, else its text; undefined when empty. */
export function parseResponseBody(body: unknown): IDataObject | string | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	if (typeof body === 'object') return body as IDataObject;
	const text = String(body);
	try {
		const parsed = JSON.parse(text) as unknown;
		return parsed && typeof parsed === 'object' ? (parsed as IDataObject) : text;
	} catch {
		return text;
	}
}
