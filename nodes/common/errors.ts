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

/** Collects readable text from the many shapes vendors use for error bodies. */
export function describeErrorBody(body: unknown): string | undefined {
	if (body === undefined || body === null || body === '') return undefined;
	if (typeof body === 'string') return body.slice(0, 500);
	if (typeof body !== 'object') return String(body);
	const object = body as IDataObject;
	const parts: string[] = [];
	for (const key of ['title', 'error', 'message', 'error_description', 'reason', 'detail']) {
		const value = object[key];
		if (typeof value === 'string' && value && !parts.includes(value)) parts.push(value);
		else if (
			value &&
			typeof value === 'object' &&
			typeof (value as IDataObject).message === 'string'
		)
			parts.push((value as IDataObject).message as string);
	}
	const details = object.details ?? object.errors;
	if (Array.isArray(details)) {
		for (const detail of details.slice(0, 10)) {
			if (typeof detail === 'string') parts.push(detail);
			else if (detail && typeof detail === 'object') {
				const { field, message, line } = detail as IDataObject;
				const where = field ?? (line !== undefined ? `line ${line}` : undefined);
				if (message) parts.push(where ? `${String(where)}: ${String(message)}` : String(message));
			}
		}
	}
	return parts.length ? parts.join(' – ') : JSON.stringify(body).slice(0, 500);
}

/** Builds the error a user sees for an HTTP error answer, from a body that holds no secret. */
export function httpStatusError(
	node: INode,
	serviceName: string,
	statusCode: number,
	body: unknown,
	itemIndex?: number,
	extraDescription?: string,
): NodeApiError {
	const vendorText = describeErrorBody(body);
	const message = redactSecrets(
		`${serviceName} answered ${statusCode}${vendorText ? `: ${vendorText}` : ''}`,
	);
	const description = [STATUS_HINTS[statusCode], extraDescription].filter(Boolean).join(' ');
	const safeBody =
		body && typeof body === 'object'
			? (JSON.parse(redactSecrets(JSON.stringify(body))) as JsonObject)
			: ({ body: redactSecrets(String(body ?? '')) } as JsonObject);
	return new NodeApiError(node, safeBody, {
		message,
		description: description || undefined,
		httpCode: String(statusCode),
		itemIndex,
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
