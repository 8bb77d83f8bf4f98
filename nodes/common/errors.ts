import type { IDataObject, INode, JsonObject } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { redactSecrets } from './redact';

const STATUS_HINTS: Record<number, string> = {
	400: 'The service refused the request as malformed.',
	401: 'The service did not accept the credential. Check the keys or token in the credential.',
	403: 'The credential is valid but not allowed to do this.',
	404: 'The resource (or the account/tracker in the path) was not found.',
	409: 'The request conflicts with data that already exists.',
	413: 'The request is too large; lower the batch size.',
	422: 'The service could not process the data it was sent.',
	429: 'The service kept answering "too many requests"; lower the request rate in the node options.',
};

/** A caught failure as a node error: returned as it is when it already is one. */
export function asNodeError(node: INode, error: unknown, itemIndex?: number): Error {
	if (
		error instanceof NodeApiError ||
		error instanceof NodeOperationError ||
		(error as { node?: unknown })?.node
	)
		return error as Error;
	return new NodeOperationError(node, error as Error, itemIndex === undefined ? {} : { itemIndex });
}

const CODE_KEYS = new Set(['code', 'error', 'error_code', 'errorcode']);

/** The error codes a vendor's error body carries: values under code-like keys, at any depth. */
export function errorCodesIn(body: unknown, depth = 0): string[] {
	if (depth > 5 || body === null || typeof body !== 'object') return [];
	return Object.entries(body as IDataObject).flatMap(([key, value]) =>
		CODE_KEYS.has(key.toLowerCase()) && (typeof value === 'string' || typeof value === 'number')
			? [String(value)]
			: errorCodesIn(value, depth + 1),
	);
}

/**
 * Whether a failure's vendor body carries `code`, also as the last part of a namespaced code
 * (Contentstack's `personalize.EXPERIENCES_PRIORITY.MISSING_EXPERIENCES` has MISSING_EXPERIENCES).
 */
export function hasErrorCode(error: unknown, code: string): boolean {
	const body = (error as { errorResponse?: unknown })?.errorResponse;
	return errorCodesIn(body).some((found) => found === code || found.endsWith(`.${code}`));
}

export interface ErrorTextOptions {
	/**
	 * The body's `error` holds a code (Contentstack: `personalize.EXPERIENCES.NOT_FOUND`), not a reason
	 * phrase (Luigi's Box: "Not Found"): it is then named after the message instead of before it.
	 */
	errorIsCode?: boolean;
	/**
	 * A short, readable title: vendor codes (`invalid_token`, `personalize.EXPERIENCES.NOT_FOUND`,
	 * `error_code`) go to the error's details instead of its message, and a text longer than
	 * TITLE_LENGTH is cut there and given whole in the details.
	 */
	shortTitle?: boolean;
	/** With `shortTitle`: the title for an answer that carries only a code, e.g. "Not found (audiences)". */
	codeTitle?: (code: string) => string;
}

/** Where a short title puts the vendor's codes: the error's details. */
export const errorCodeNote = (codes: string[]) =>
	codes.length ? `Error code: ${codes.join(', ')}.` : undefined;

/** The longest vendor text a short title carries (n8n's error panel shows the title on one line). */
export const TITLE_LENGTH = 120;

/** A machine code rather than words: no spaces, with `_` or `.` between parts, or all capitals. */
export function isErrorCode(text: string): boolean {
	return /^[A-Za-z0-9]+([._][A-Za-z0-9]+)+$/.test(text) || /^[A-Z0-9]{2,}$/.test(text);
}

/** A text, a list of texts, or an object with a message (some vendors nest it), as texts. */
function textsOf(value: unknown): string[] {
	return (Array.isArray(value) ? value : [value]).flatMap((entry) => {
		if (typeof entry === 'string') return entry ? [entry] : [];
		const message = (entry as IDataObject | null)?.message;
		return typeof message === 'string' ? [message] : [];
	});
}

/** `details` or `errors`: a list of texts or { field | line, message }, or field → message(s). */
function detailTexts(details: unknown): string[] {
	if (Array.isArray(details))
		return details.slice(0, 10).flatMap((detail) => {
			if (typeof detail === 'string') return [detail];
			if (!detail || typeof detail !== 'object') return [];
			const { field, message, line } = detail as IDataObject;
			const where = field ?? (line !== undefined ? `line ${line}` : undefined);
			if (!message) return [];
			return [where ? `${String(where)}: ${String(message)}` : String(message)];
		});
	if (!details || typeof details !== 'object') return [];
	return Object.entries(details as IDataObject)
		.slice(0, 10)
		.map(([field, messages]) => {
			const list = Array.isArray(messages) ? messages : [messages];
			const texts = list.map((entry) =>
				typeof entry === 'string' ? entry : JSON.stringify(entry),
			);
			return `${field}: ${texts.join(', ')}`;
		});
}

/**
 * Collects readable text from the many shapes vendors use for error bodies: title, error, message,
 * error_message, error_description, reason and detail (texts, lists of texts or { message }), then
 * `details` or `errors` (a list, or field → messages), then `error_code`.
 */
export function describeErrorBody(
	body: unknown,
	{ errorIsCode = false }: ErrorTextOptions = {},
): string | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	if (typeof body === 'string') return body.slice(0, 500);
	if (typeof body !== 'object') return String(body);
	const object = body as IDataObject;
	const parts: string[] = [];
	for (const text of textKeys(errorIsCode).flatMap((key) => textsOf(object[key])))
		if (!parts.includes(text)) parts.push(text);
	parts.push(...detailTexts(object.details ?? object.errors));
	if (object.error_code !== undefined) parts.push(`error_code ${String(object.error_code)}`);
	return parts.length ? parts.join(' – ') : JSON.stringify(body).slice(0, 500);
}

const textKeys = (errorIsCode: boolean) =>
	errorIsCode
		? ['title', 'message', 'error_message', 'error', 'error_description', 'reason', 'detail']
		: ['title', 'error', 'message', 'error_message', 'error_description', 'reason', 'detail'];

/**
 * An error body's readable texts (as `describeErrorBody` orders them) and its vendor codes apart:
 * code-like texts (`isErrorCode`) and `error_code`. For `shortTitle` errors.
 */
export function errorBodyParts(
	body: unknown,
	{ errorIsCode = false }: ErrorTextOptions = {},
): { texts: string[]; codes: string[]; details: string[] } {
	if (body === undefined || body === null || body === '')
		return { texts: [], codes: [], details: [] };
	if (typeof body === 'string') return { texts: [body.slice(0, 500)], codes: [], details: [] };
	if (typeof body !== 'object') return { texts: [String(body)], codes: [], details: [] };
	const object = body as IDataObject;
	const texts: string[] = [];
	const codes: string[] = [];
	for (const text of textKeys(errorIsCode).flatMap((key) => textsOf(object[key]))) {
		const list = isErrorCode(text) ? codes : texts;
		if (!list.includes(text)) list.push(text);
	}
	const details = detailTexts(object.details ?? object.errors);
	if (object.error_code !== undefined) codes.push(String(object.error_code));
	if (!texts.length && !details.length && !codes.length)
		texts.push(JSON.stringify(body).slice(0, 500));
	return { texts, codes, details };
}

export interface HttpFailure {
	serviceName: string;
	statusCode: number;
	/** The vendor's error body; it holds no secret of ours, and is redacted anyway. */
	body: unknown;
	itemIndex?: number;
	/** Text after the status hint: how often it was tried, the vendor's trace ID. */
	extraDescription?: string;
	/**
	 * The service's hint for this status, given the generic one; undefined leaves no hint. Without
	 * it the generic hint is used.
	 */
	statusHint?: (statusCode: number, genericHint: string | undefined) => string | undefined;
	errorText?: ErrorTextOptions;
}

/** Builds the error a user sees for an HTTP error answer, from a body that holds no secret. */
export function httpStatusError(node: INode, failure: HttpFailure): NodeApiError {
	const { serviceName, statusCode, body } = failure;
	const shortTitle = failure.errorText?.shortTitle === true;
	const parts = shortTitle
		? errorBodyParts(body, failure.errorText)
		: { texts: [], codes: [], details: [] };
	const { codes } = parts;
	const allTexts = [...parts.texts, ...parts.details];
	// An answer whose message is only a code is titled after the code; its other texts go below.
	const codeTitle =
		!parts.texts.length && codes.length ? failure.errorText?.codeTitle?.(codes[0]) : undefined;
	const vendorText = !shortTitle
		? describeErrorBody(body, failure.errorText)
		: (codeTitle ?? allTexts.join(' – '));
	const title =
		shortTitle && vendorText && vendorText.length > TITLE_LENGTH
			? `${vendorText.slice(0, TITLE_LENGTH - 1).trimEnd()}…`
			: vendorText;
	const message = redactSecrets(
		`${serviceName} answered ${statusCode}${title ? `: ${title}` : ''}`,
	);
	const genericHint = STATUS_HINTS[statusCode];
	const hint = failure.statusHint ? failure.statusHint(statusCode, genericHint) : genericHint;
	// With a short title, the details hold what the title leaves out: the whole text, the codes.
	const details = shortTitle
		? [
				title !== vendorText ? `${serviceName} said: ${vendorText}.` : undefined,
				codeTitle && allTexts.length ? `${serviceName} said: ${allTexts.join(' – ')}.` : undefined,
				errorCodeNote(codes),
			]
		: [];
	const description = redactSecrets(
		[hint, ...details, failure.extraDescription].filter(Boolean).join(' '),
	);
	const safeBody =
		body && typeof body === 'object'
			? (JSON.parse(redactSecrets(JSON.stringify(body))) as JsonObject)
			: ({ body: redactSecrets(String(body ?? '')) } as JsonObject);
	return new NodeApiError(node, safeBody, {
		message,
		description: description || undefined,
		httpCode: String(statusCode),
		itemIndex: failure.itemIndex,
	});
}

/**
 * Builds the error for a request that got no HTTP answer at all. The network code stays out of the
 * message and the error body: n8n would otherwise swap our explanation for its stock text.
 */
export function connectionError(
	node: INode,
	message: string,
	description: string,
	itemIndex?: number,
): NodeApiError {
	return new NodeApiError(node, { connection: 'failed' } as JsonObject, {
		message,
		description,
		itemIndex,
	});
}

/**
 * The credential's own token step (a login, a token request in preAuthentication) failed, so no
 * request was sent: its message stays, the description says so and where the token comes from.
 */
export function credentialStepError(
	node: INode,
	message: string,
	code: string,
	description: string,
	itemIndex?: number,
): NodeApiError {
	return new NodeApiError(node, { error: code } as JsonObject, { message, description, itemIndex });
}
