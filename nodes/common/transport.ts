import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	IExecuteFunctions,
	IHttpRequestMethods,
	IHttpRequestOptions,
	ILoadOptionsFunctions,
	INode,
	IPollFunctions,
} from 'n8n-workflow';
import { sleep } from 'n8n-workflow';

import type { ErrorTextOptions } from './errors';
import { connectionError, credentialStepError, httpStatusError } from './errors';
import type { PacerFeedback, Pace } from './pacing';
import { LEARN_RATE, getPacer } from './pacing';
import { redactSecrets } from './redact';
import { invalidInput, wholeNumber } from './validation';
import { readHeader } from './values';

export type RequestContext = IExecuteFunctions | ILoadOptionsFunctions | IPollFunctions;

/** What the shared transport needs to know about one vendor API. */
export interface ServiceProfile {
	serviceName: string;
	credentialType: string;
	/**
	 * Pace used when the node does not override it: the documented limit. With `learnsRate` it is
	 * only the value "Max Requests per Second" shows when the user adds it.
	 */
	defaultRequestsPerSecond: number;
	/**
	 * The vendor publishes no limit: unless the user sets "Max Requests per Second", requests start
	 * unpaced and the pace is learned from the 429s (see RateLearner), per credential.
	 */
	learnsRate?: boolean;
	/**
	 * Statuses n8n itself must see as errors so that its credential refresh (preAuthentication)
	 * runs and the request is re-signed once. Every other status comes back to this transport.
	 */
	credentialRefreshStatusCodes?: number[];
	/**
	 * Sees the headers of every answer (error answers too), so the service's own rate-limit headers can
	 * steer the shared pacer. `paceFromRateLimitHeaders` reads the common X-RateLimit-* headers.
	 */
	observeResponse?: (headers: Record<string, unknown>, pacer: PacerFeedback) => void;
	/** Extra text for an error's description from the vendor's error body, e.g. its trace ID. */
	errorDetails?: (body: unknown) => string | undefined;
	/**
	 * The hint an HTTP error's description starts with, in the service's terms. It gets the generic
	 * hint for the status (if there is one) and returns the text used instead; undefined leaves none.
	 * The retry count and `errorDetails` follow it as for every service.
	 */
	statusHint?: (
		statusCode: number,
		request: ApiRequest,
		genericHint: string | undefined,
	) => string | undefined;
	/** How the vendor's error body reads (see describeErrorBody). */
	errorText?: ErrorTextOptions;
	/**
	 * The credential's own token step (a login or token request in its preAuthentication). When it
	 * fails, n8n surfaces a failure without an HTTP status whose message starts with `prefix`; the
	 * error keeps that message and says that nothing was sent, and where the token comes from.
	 */
	credentialStep?: CredentialStep;
	/**
	 * Splits the shared pacer by request class, for services that count classes apart (Contentstack
	 * counts reads and writes separately): each distinct key gets its own pacer at the same rate.
	 * Without it (or when it returns undefined) all requests of a credential share one pacer.
	 */
	pacingKey?: (request: ApiRequest) => string | undefined;
}

export interface CredentialStep {
	prefix: string;
	/** The error body's `error`, e.g. login_failed. */
	code: string;
	/** What the failed step did not get, e.g. "authtoken" (in "No authtoken, so nothing was sent…"). */
	missing: string;
	/** Where and how the credential gets it, as a sentence. */
	explain: (credentials: ICredentialDataDecryptedObject) => string;
}

export interface RequestSettings {
	/** 0 turns pacing off. */
	requestsPerSecond?: number;
	/** How many n8n processes (queue-mode workers) send with this credential: divides documented limits. */
	workersSharingCredential?: number;
	/** How many batches a bulk operation may have on their way at once (read by runInBatches). */
	maxInFlight?: number;
	maxRetries?: number;
	/** Milliseconds before a request without an answer is abandoned. */
	timeout?: number;
}

/**
 * The Request Options an operation's user set (`requestOptionsCollection`); none outside an
 * execution (list searches and option loaders run with the service's defaults).
 */
export function readRequestSettings(context: RequestContext, itemIndex: number): RequestSettings {
	if (!('getInputData' in context)) return {};
	return (context as IExecuteFunctions).getNodeParameter(
		'requestOptions',
		itemIndex,
		{},
	) as RequestSettings;
}

export interface ApiRequest {
	method: IHttpRequestMethods;
	url: string;
	baseURL?: string;
	qs?: IDataObject;
	body?: IDataObject | IDataObject[] | string;
	headers?: IDataObject;
	/**
	 * Whether sending the request twice has the same effect as sending it once. Defaults to true
	 * for GET, HEAD, PUT and DELETE. A POST that only reads (a search) may set it; a create must not,
	 * because a create that failed ambiguously may already have been applied.
	 */
	idempotent?: boolean;
	itemIndex?: number;
	/**
	 * false sends the request without the credential, through n8n's plain HTTP helper: for the public
	 * endpoints of an API whose other endpoints need it, so no token reaches them. Default true.
	 */
	authenticate?: boolean;
}

export interface ApiResponse<T = unknown> {
	statusCode: number;
	headers: Record<string, unknown>;
	body: T;
}

const DEFAULT_MAX_RETRIES = 4;
const BASE_DELAY_MS = 500;
const MAX_BACKOFF_MS = 30_000;
/** A Retry-After longer than this is reported instead of waited out. */
const MAX_RETRY_AFTER_MS = 5 * 60_000;
/** Network codes that prove the request never reached the server, so any method may be repeated. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'EAI_AGAIN']);
const NETWORK_CODES = new Set([
	...NOT_SENT_CODES,
	'ECONNRESET',
	'EPIPE',
	'ETIMEDOUT',
	'ECONNABORTED',
	'ESOCKETTIMEDOUT',
	'ERR_SOCKET_CONNECTION_TIMEOUT',
]);

function isIdempotent(request: ApiRequest): boolean {
	if (request.idempotent !== undefined) return request.idempotent;
	return ['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'].includes(request.method);
}

/** 429 and 503 mean "not processed, come back later"; other 5xx may have been half-applied. */
function isRetryableStatus(statusCode: number, idempotent: boolean): boolean {
	if (statusCode === 429 || statusCode === 503) return true;
	return idempotent && statusCode >= 500 && statusCode !== 501;
}

/** Retry-After as milliseconds: delta-seconds or an HTTP date; nothing usable (e.g. -1) → undefined. */
export function parseRetryAfter(value: string | undefined, now = Date.now()): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	if (/^-?\d+(\.\d+)?$/.test(value.trim())) {
		const seconds = Number(value);
		return seconds >= 0 ? Math.ceil(seconds * 1000) : undefined;
	}
	const date = Date.parse(value);
	return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/**
 * X-RateLimit-Reset as milliseconds from now. Most services send seconds until the window resets;
 * a few (GitHub, for one) send the reset time in epoch seconds, told apart by their size.
 */
export function parseRateLimitReset(
	value: string | undefined,
	now = Date.now(),
): number | undefined {
	if (value === undefined || value.trim() === '') return undefined;
	const seconds = Number(value);
	if (!Number.isFinite(seconds) || seconds < 0) return undefined;
	if (seconds > 1e9) return Math.max(0, Math.ceil(seconds * 1000 - now));
	return Math.ceil(seconds * 1000);
}

/**
 * A ready-made `observeResponse`: X-RateLimit-Remaining and X-RateLimit-Reset tell the pacer how many
 * more requests the current window takes and when it resets. Answers without them change nothing.
 */
export function paceFromRateLimitHeaders(
	headers: Record<string, unknown>,
	pacer: PacerFeedback,
): void {
	const remainingText = readHeader(headers, 'x-ratelimit-remaining');
	const remaining =
		remainingText === undefined || remainingText.trim() === '' ? NaN : Number(remainingText);
	const resetInMs = parseRateLimitReset(readHeader(headers, 'x-ratelimit-reset'));
	if (Number.isFinite(remaining) && resetInMs !== undefined)
		pacer.reportQuota(remaining, resetInMs);
}

/** Exponential backoff with equal jitter, so parallel workflows do not retry in lockstep. */
export function backoffDelay(attempt: number): number {
	const ceiling = Math.min(MAX_BACKOFF_MS, BASE_DELAY_MS * 2 ** attempt);
	return ceiling / 2 + Math.random() * (ceiling / 2);
}

/** The pieces of a failure thrown by n8n's HTTP helper that are safe to keep (never its config). */
function inspectThrown(error: unknown): { statusCode?: number; body?: unknown; code?: string } {
	const thrown = error as {
		httpCode?: string | null;
		code?: string;
		cause?: { code?: string; response?: { status?: number; data?: unknown } };
		context?: { data?: unknown };
	};
	const statusCode = thrown.cause?.response?.status ?? (Number(thrown.httpCode) || undefined);
	return {
		statusCode,
		body: thrown.cause?.response?.data ?? thrown.context?.data,
		code: thrown.cause?.code ?? thrown.code,
	};
}

/**
 * One credential read per node run: n8n decrypts (and in the app, loads from its database) on every
 * getCredentials call. The same object is handed to n8n's HTTP helper, so a token refreshed by
 * preAuthentication during the run is reused by the following requests too.
 */
const credentialCache = new WeakMap<
	RequestContext,
	Map<string, Promise<ICredentialDataDecryptedObject>>
>();

export async function getCredentialData(
	context: RequestContext,
	credentialType: string,
): Promise<ICredentialDataDecryptedObject> {
	let byType = credentialCache.get(context);
	if (!byType) {
		byType = new Map();
		credentialCache.set(context, byType);
	}
	let data = byType.get(credentialType);
	if (!data) {
		data = context.getCredentials(credentialType);
		byType.set(credentialType, data);
		data.catch(() => byType?.delete(credentialType));
	}
	return await data;
}

function pacerKey(node: INode, profile: ServiceProfile, request: ApiRequest): string {
	const credential = node.credentials?.[profile.credentialType];
	const base = `${profile.serviceName}:${credential?.id ?? credential?.name ?? node.id ?? node.name}`;
	const requestClass = profile.pacingKey ? profile.pacingKey(request) : undefined;
	return requestClass === undefined ? base : `${base}:${requestClass}`;
}

/**
 * The Request Options of `requestOptionsCollection` can arrive through expressions: a negative rate,
 * a fractional retry count or a text are refused before anything is sent, naming the option.
 */
function checkRequestSettings(
	node: INode,
	settings: RequestSettings,
	itemIndex: number,
): RequestSettings {
	const { requestsPerSecond, maxRetries, timeout, workersSharingCredential } = settings;
	if (requestsPerSecond !== undefined) {
		const rate = Number(requestsPerSecond);
		if (typeof requestsPerSecond === 'boolean' || !Number.isFinite(rate) || rate < 0)
			throw invalidInput(
				node,
				'Request Options › Max Requests per Second',
				itemIndex,
				`must be a number of at least 0 (got ${JSON.stringify(requestsPerSecond)})`,
			);
	}
	return {
		requestsPerSecond: requestsPerSecond === undefined ? undefined : Number(requestsPerSecond),
		maxRetries:
			maxRetries === undefined
				? undefined
				: wholeNumber(node, maxRetries, 'Request Options › Max Retries', itemIndex, {
						min: 0,
						max: 10,
					}),
		timeout:
			timeout === undefined
				? undefined
				: wholeNumber(node, timeout, 'Request Options › Timeout (Ms)', itemIndex, { min: 0 }),
		workersSharingCredential:
			workersSharingCredential === undefined
				? undefined
				: wholeNumber(
						node,
						workersSharingCredential,
						'Request Options › Workers Sharing This Credential',
						itemIndex,
						{ min: 1, max: 1000 },
					),
	};
}

/**
 * The pace of one request: the user's "Max Requests per Second" when set (0 = off), else a learned
 * one where the vendor publishes no limit, else the documented limit, divided among the workers that
 * share the credential (each n8n process paces on its own).
 */
export function paceFor(profile: ServiceProfile, settings: RequestSettings): Pace {
	if (settings.requestsPerSecond !== undefined) return settings.requestsPerSecond;
	if (profile.learnsRate) return LEARN_RATE;
	return profile.defaultRequestsPerSecond / (settings.workersSharingCredential ?? 1);
}

/**
 * Sends one request through n8n's credential-aware HTTP helper, paced to the service's rate limit,
 * retried where that is safe, and turned into a clear NodeApiError (without secrets) when it fails.
 */
export async function apiRequest<T = unknown>(
	context: RequestContext,
	profile: ServiceProfile,
	request: ApiRequest,
	requestSettings: RequestSettings = {},
): Promise<ApiResponse<T>> {
	const node = context.getNode();
	const settings = checkRequestSettings(node, requestSettings, request.itemIndex ?? 0);
	const idempotent = isIdempotent(request);
	const maxRetries = settings.maxRetries ?? DEFAULT_MAX_RETRIES;
	const pacer = getPacer(pacerKey(node, profile, request), paceFor(profile, settings));
	const authenticated = request.authenticate !== false;
	const refreshCodes = authenticated ? (profile.credentialRefreshStatusCodes ?? []) : [];
	const options: IHttpRequestOptions = {
		method: request.method,
		url: request.url,
		baseURL: request.baseURL,
		qs: request.qs,
		body: request.body,
		headers: request.headers,
		json: typeof request.body !== 'string',
		arrayFormat: 'repeat',
		returnFullResponse: true,
		ignoreHttpStatusErrors: { ignore: true, except: refreshCodes },
		timeout: settings.timeout,
	};

	const credentials = authenticated ? await getCredentialData(context, profile.credentialType) : {};
	const credentialReference = {
		id: node.credentials?.[profile.credentialType]?.id ?? '',
		name: node.credentials?.[profile.credentialType]?.name ?? '',
		type: profile.credentialType,
	};

	const statusError = (statusCode: number, body: unknown, attempts: number) =>
		httpStatusError(node, {
			serviceName: profile.serviceName,
			statusCode,
			body,
			itemIndex: request.itemIndex,
			extraDescription:
				[
					attempts > 1 ? `Gave up after ${attempts} attempts.` : undefined,
					profile.errorDetails ? profile.errorDetails(body) : undefined,
				]
					.filter(Boolean)
					.join(' ') || undefined,
			statusHint: profile.statusHint
				? (code, genericHint) => profile.statusHint?.(code, request, genericHint)
				: undefined,
			errorText: profile.errorText,
		});

	for (let attempt = 0; ; attempt++) {
		const ticket = await pacer.acquire();
		let response: ApiResponse<T>;
		try {
			// A fresh copy each time: authenticate() signs the options in place (Date, signature).
			const attemptOptions = { ...options, headers: { ...(options.headers ?? {}) } };
			response = (
				authenticated
					? await context.helpers.httpRequestWithAuthentication.call(
							context,
							profile.credentialType,
							attemptOptions,
							{ credentialsDecrypted: { ...credentialReference, data: credentials } },
						)
					: await context.helpers.httpRequest(attemptOptions)
			) as ApiResponse<T>;
		} catch (error) {
			const failure = inspectThrown(error);
			if (failure.statusCode !== undefined) throw statusError(failure.statusCode, failure.body, 1);
			const code = failure.code && NETWORK_CODES.has(failure.code) ? failure.code : undefined;
			if (code === undefined) {
				// Not a transient network failure (an unknown host, an invalid URL, the credential's
				// token step): not worth repeating. Rebuilt rather than rethrown: the original carries
				// the signed request headers.
				const text = redactSecrets(String((error as Error).message ?? error));
				const step = authenticated ? profile.credentialStep : undefined;
				if (step && text.startsWith(step.prefix))
					throw credentialStepError(
						node,
						text,
						step.code,
						`No ${step.missing}, so nothing was sent to ${profile.serviceName}. ${step.explain(credentials)}`,
						request.itemIndex,
					);
				throw connectionError(
					node,
					`Request to ${profile.serviceName} failed`,
					text,
					request.itemIndex,
				);
			}
			const safeToRepeat = idempotent || NOT_SENT_CODES.has(code);
			if (safeToRepeat && attempt < maxRetries) {
				await sleep(backoffDelay(attempt));
				continue;
			}
			throw connectionError(
				node,
				`The connection to ${profile.serviceName} failed before an answer arrived`,
				safeToRepeat
					? `Network error ${code}, still failing after ${attempt + 1} attempts.`
					: `Network error ${code}. The request may or may not have been applied, so it was not sent again: check ${profile.serviceName} before running it again.`,
				request.itemIndex,
			);
		}

		if (profile.observeResponse)
			profile.observeResponse(response.headers ?? {}, pacer.feedback(ticket));
		const { statusCode } = response;
		const retryAfter =
			statusCode < 400 ? undefined : parseRetryAfter(readHeader(response.headers, 'retry-after'));
		// "Slow down", whether or not this request is repeated: a learned pace is cut (and everybody
		// waits as told), a fixed one stays as set. Every other answer counts as accepted.
		if (statusCode === 429 || (statusCode === 503 && retryAfter !== undefined))
			pacer.reportCongestion(
				ticket,
				Date.now() + Math.min(retryAfter ?? backoffDelay(attempt), MAX_RETRY_AFTER_MS),
			);
		else pacer.reportAccepted();
		if (statusCode < 400) return response;
		if (isRetryableStatus(statusCode, idempotent) && attempt < maxRetries) {
			if (retryAfter === undefined || retryAfter <= MAX_RETRY_AFTER_MS) {
				const delay = retryAfter ?? backoffDelay(attempt);
				if (statusCode === 429) pacer.holdUntil(Date.now() + delay);
				await sleep(delay);
				continue;
			}
		}
		throw statusError(statusCode, response.body, attempt + 1);
	}
}
