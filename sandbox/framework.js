'use strict';

/**
 * A tiny HTTP framework for sandbox API servers: routing, a request log, a token-bucket rate
 * limiter, switchable fault injection and HTTP control endpoints under /__sandbox/.
 *
 * A service (Luigi's Box, Algonomy, ...) is one file that calls createSandbox() with its routes,
 * its authenticate() hook and its error body shape. Tests steer it in-process
 * (sandbox.injectFault(...)); a demo or a real n8n steers it over HTTP (POST /__sandbox/faults).
 *
 * Request pipeline, in order:
 *   control route? -> log -> fault injection -> route match -> rate limit -> 404/405 -> authenticate -> handler
 * Rate limiting runs before the 404/405 answer so that a client hammering wrong URLs is throttled too.
 */

const http = require('node:http');

const CONTROL_PREFIX = '/__sandbox';
const MAX_BODY_BYTES = 20 * 1024 * 1024;
const FAULT_TYPES = ['status', 'slow', 'drop', 'dropAfterHandling'];
const HTTP_ERROR_TAG = Symbol('sandboxHttpError');

/** Error a handler (or req.json()) throws to answer with an error response of the service's shape. */
function httpError(status, message, details, headers) {
	const error = new Error(message);
	error[HTTP_ERROR_TAG] = true;
	error.status = status;
	error.details = details;
	error.headers = headers;
	return error;
}

function isHttpError(error) {
	return Boolean(error && error[HTTP_ERROR_TAG]);
}

/** Default error body: { error: <reason phrase>, message, details? }. Services may pass their own. */
function defaultErrorResponse(status, message, details) {
	const body = { error: http.STATUS_CODES[status] || 'Error', message };
	if (details !== undefined) body.details = details;
	return { status, body };
}

// ---------------------------------------------------------------------------------------------
// Routing

function compileRoute(route) {
	if (!route || typeof route.path !== 'string' || typeof route.handler !== 'function') {
		throw new TypeError('A route needs a string path and a handler function');
	}
	return {
		...route,
		method: (route.method || 'GET').toUpperCase(),
		segments: route.path.split('/'),
	};
}

/** Returns the params object when `path` matches the route's pattern, else null. */
function matchPath(segments, path) {
	const parts = path.split('/');
	if (parts.length !== segments.length) return null;
	const params = {};
	for (let i = 0; i < segments.length; i++) {
		const pattern = segments[i];
		if (pattern.startsWith(':')) {
			if (parts[i] === '') return null;
			try {
				params[pattern.slice(1)] = decodeURIComponent(parts[i]);
			} catch {
				return null; // malformed percent-encoding cannot match anything
			}
		} else if (pattern !== parts[i]) {
			return null;
		}
	}
	return params;
}

/** Finds the route for method + path; reports whether the path exists with other methods (405). */
function findRoute(routes, method, path) {
	const allowed = [];
	for (const route of routes) {
		const params = matchPath(route.segments, path);
		if (!params) continue;
		if (route.method === method) return { route, params, allowed };
		allowed.push(route.method);
	}
	return { route: null, params: {}, allowed };
}

// ---------------------------------------------------------------------------------------------
// Rate limiting: one token bucket per key

function normalizeRateLimit(config) {
	if (config === null || config === undefined) return null;
	if (config.windows !== undefined) return normalizeWindows(config);
	const requestsPerSecond = Number(config.requestsPerSecond);
	if (!(requestsPerSecond > 0)) throw new TypeError('requestsPerSecond must be a positive number');
	const burst =
		config.burst === undefined || config.burst === null
			? Math.max(1, Math.ceil(requestsPerSecond))
			: Number(config.burst);
	if (!(burst >= 1)) throw new TypeError('burst must be at least 1');
	return {
		requestsPerSecond,
		burst,
		key: typeof config.key === 'function' ? config.key : undefined,
	};
}

/**
 * Fixed-window limits, as many APIs count: `{ windows: [{ limit: 10, seconds: 1 }, { limit: 150, seconds: 60 }] }`
 * allows 10 requests per clock second and 150 per clock minute; a request must fit in every window.
 * Fractional seconds shorten the windows (tests and benchmarks scale time down this way); an optional
 * `precision` (seconds) sets how Reset and Retry-After are rounded up.
 */
function normalizeWindows(config) {
	if (!Array.isArray(config.windows) || config.windows.length === 0)
		throw new TypeError('windows must be a non-empty array');
	const windows = config.windows.map((window) => {
		const limit = Number(window && window.limit);
		const seconds = Number(window && window.seconds);
		if (!Number.isInteger(limit) || limit < 1)
			throw new TypeError('a window limit must be a positive integer');
		if (!(seconds > 0)) throw new TypeError('window seconds must be a positive number');
		if (window.precision === undefined) return { limit, seconds };
		const precision = Number(window.precision);
		if (!(precision > 0)) throw new TypeError('window precision must be a positive number');
		return { limit, seconds, precision };
	});
	return { windows, key: typeof config.key === 'function' ? config.key : undefined };
}

/**
 * Seconds for a header, rounded up to the window's `precision`: by default whole seconds for
 * whole-second windows (as APIs send them), else milliseconds. A scaled-down window passes its
 * scaled second as precision, so the rounding scales with it.
 */
function windowSeconds(ms, window) {
	const precision = window.precision ?? (Number.isInteger(window.seconds) ? 1 : 0.001);
	const units = Math.max(1, Math.ceil(ms / (precision * 1000) - 1e-9));
	return Number((units * precision).toFixed(6));
}

/**
 * One fixed-window count per key and window. Rejected requests are not counted. The quota reported
 * is the window with the fewest requests left (ties: the longer window), the one a client would run
 * into first.
 */
function takeFromWindows(config, counters, nowMs) {
	const views = config.windows.map((window, index) => {
		const lengthMs = window.seconds * 1000;
		const start = Math.floor(nowMs / lengthMs) * lengthMs;
		const counter = counters[index];
		if (counter.start !== start) Object.assign(counter, { start, count: 0 });
		return { window, counter, resetMs: start + lengthMs - nowMs };
	});
	const exhausted = views.filter((view) => view.counter.count >= view.window.limit);
	if (exhausted.length > 0) {
		const longest = exhausted.reduce((a, b) => (b.resetMs > a.resetMs ? b : a));
		return {
			allowed: false,
			limit: longest.window.limit,
			remaining: 0,
			retryAfterSeconds: windowSeconds(longest.resetMs, longest.window),
		};
	}
	for (const view of views) view.counter.count += 1;
	const binding = views.reduce((a, b) => {
		const left = a.window.limit - a.counter.count;
		const right = b.window.limit - b.counter.count;
		return right < left || (right === left && b.window.seconds > a.window.seconds) ? b : a;
	});
	return {
		allowed: true,
		limit: binding.window.limit,
		remaining: binding.window.limit - binding.counter.count,
		resetSeconds: windowSeconds(binding.resetMs, binding.window),
	};
}

function createRateLimiter(defaultKey) {
	let config = null;
	let buckets = new Map();

	function refill(bucket, nowMs) {
		const elapsedSeconds = (nowMs - bucket.updatedAt) / 1000;
		bucket.tokens = Math.min(
			config.burst,
			bucket.tokens + elapsedSeconds * config.requestsPerSecond,
		);
		bucket.updatedAt = nowMs;
	}

	return {
		configure(newConfig) {
			config = normalizeRateLimit(newConfig);
			buckets = new Map(); // a new limit starts with full buckets
		},
		get config() {
			if (config && config.windows)
				return { windows: config.windows.map((window) => ({ ...window })) };
			return config && { requestsPerSecond: config.requestsPerSecond, burst: config.burst };
		},
		/** Takes one token for this request. Returns null when rate limiting is off. */
		take(req, nowMs = Date.now()) {
			if (!config) return null;
			const keyFunction = config.key || defaultKey;
			const key = keyFunction ? String(keyFunction(req)) : 'default';
			if (config.windows) {
				if (!buckets.has(key))
					buckets.set(
						key,
						config.windows.map(() => ({ start: -1, count: 0 })),
					);
				return takeFromWindows(config, buckets.get(key), nowMs);
			}
			let bucket = buckets.get(key);
			if (!bucket) {
				bucket = { tokens: config.burst, updatedAt: nowMs };
				buckets.set(key, bucket);
			}
			refill(bucket, nowMs);
			const secondsPerToken = 1 / config.requestsPerSecond;
			if (bucket.tokens >= 1) {
				bucket.tokens -= 1;
				return {
					allowed: true,
					limit: config.burst,
					remaining: Math.floor(bucket.tokens),
					resetSeconds: Math.ceil((config.burst - bucket.tokens) * secondsPerToken),
				};
			}
			const retryAfterSeconds = Math.max(1, Math.ceil((1 - bucket.tokens) * secondsPerToken));
			return { allowed: false, limit: config.burst, remaining: 0, retryAfterSeconds };
		},
	};
}

// ---------------------------------------------------------------------------------------------
// Fault injection

function normalizeFault(spec) {
	if (!spec || typeof spec !== 'object') throw new TypeError('A fault must be an object');
	if (!FAULT_TYPES.includes(spec.type)) {
		throw new TypeError(`Fault type must be one of ${FAULT_TYPES.join(', ')}`);
	}
	const count = spec.count === undefined ? 1 : Number(spec.count);
	if (!Number.isInteger(count) || count < 1)
		throw new TypeError('Fault count must be a positive integer');
	if (spec.path !== undefined && typeof spec.path !== 'string' && !(spec.path instanceof RegExp)) {
		throw new TypeError('Fault path must be a string prefix or a RegExp');
	}
	if (spec.type === 'slow' && !(Number(spec.delayMs) >= 0)) {
		throw new TypeError('A slow fault needs delayMs');
	}
	return { ...spec, method: spec.method ? String(spec.method).toUpperCase() : undefined, count };
}

function faultMatches(fault, req) {
	if (fault.method && fault.method !== req.method) return false;
	if (fault.path instanceof RegExp) return fault.path.test(req.path);
	if (typeof fault.path === 'string') return req.path.startsWith(fault.path);
	return true;
}

function describeFault(fault) {
	return { ...fault, path: fault.path instanceof RegExp ? String(fault.path) : fault.path };
}

// ---------------------------------------------------------------------------------------------
// Request and response plumbing

function readBody(nodeReq) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		let size = 0;
		let tooLarge = false;
		nodeReq.on('data', (chunk) => {
			size += chunk.length;
			if (size > MAX_BODY_BYTES) tooLarge = true;
			else chunks.push(chunk);
		});
		nodeReq.on('end', () => resolve({ rawBody: Buffer.concat(chunks).toString('utf8'), tooLarge }));
		nodeReq.on('error', reject);
	});
}

/** URLSearchParams -> plain object; repeated keys become arrays. */
function queryToObject(query) {
	const result = {};
	for (const [key, value] of query) {
		if (!(key in result)) result[key] = value;
		else if (Array.isArray(result[key])) result[key].push(value);
		else result[key] = [result[key], value];
	}
	return result;
}

function buildRequest(nodeReq, rawBody, sandbox, errorResponse) {
	// The raw path is kept byte-for-byte (no URL normalisation) because services sign it.
	const rawUrl = nodeReq.url || '/';
	const queryIndex = rawUrl.indexOf('?');
	const path = queryIndex === -1 ? rawUrl : rawUrl.slice(0, queryIndex);
	const query = new URLSearchParams(queryIndex === -1 ? '' : rawUrl.slice(queryIndex + 1));
	return {
		method: nodeReq.method.toUpperCase(),
		path,
		query,
		params: {},
		headers: { ...nodeReq.headers },
		rawBody,
		sandbox,
		json() {
			try {
				return JSON.parse(rawBody);
			} catch (error) {
				throw httpError(400, `Malformed JSON body: ${error.message}`);
			}
		},
		errorResponse,
	};
}

function serializeBody(response) {
	const headers = { ...(response.headers || {}) };
	const hasContentType = Object.keys(headers).some((name) => name.toLowerCase() === 'content-type');
	if (
		response.status === 204 ||
		response.status === 304 ||
		response.body === undefined ||
		response.body === null
	) {
		return { headers, payload: null };
	}
	if (typeof response.body === 'string' || Buffer.isBuffer(response.body)) {
		if (!hasContentType) headers['Content-Type'] = 'text/plain; charset=utf-8';
		return { headers, payload: Buffer.from(response.body) };
	}
	if (!hasContentType) headers['Content-Type'] = 'application/json; charset=utf-8';
	return { headers, payload: Buffer.from(JSON.stringify(response.body)) };
}

function sendResponse(nodeRes, response) {
	if (nodeRes.destroyed || nodeRes.headersSent) return;
	const { headers, payload } = serializeBody(response);
	if (payload) headers['Content-Length'] = payload.length;
	nodeRes.writeHead(response.status, headers);
	nodeRes.end(payload || undefined);
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function redact(headers, names) {
	if (names.length === 0) return headers;
	const copy = { ...headers };
	for (const name of names) if (name in copy) copy[name] = '[redacted]';
	return copy;
}

// ---------------------------------------------------------------------------------------------
// The sandbox

/**
 * @param {object} options
 * @param {string} [options.name] service name, used in messages only
 * @param {Array<{method, path, handler, auth?}>} options.routes
 * @param {Array<{method, path, handler}>} [options.controlRoutes] extra unauthenticated routes; paths start with /__sandbox/
 * @param {(req) => null | {status, body, headers}} [options.authenticate]
 * @param {(status, message, details) => {status, body, headers?}} [options.errorResponse] the service's error body shape
 * @param {{requestsPerSecond, burst, key?}|{windows: Array<{limit, seconds}>, key?}|null} [options.rateLimit]
 *        initial rate limit (off by default): a token bucket, or fixed windows that must all have room
 * @param {(req) => string} [options.rateLimitKey] default bucket key (e.g. per tracker); req.params is filled
 * @param {boolean} [options.rateLimitHeaders] add X-RateLimit-Limit/-Remaining/-Reset to non-429 responses
 * @param {string[]} [options.redactHeaders] header names masked in the request log (API keys, tokens)
 * @param {() => void} [options.onReset] put the service's store back to its seed
 */
function createSandbox(options = {}) {
	const errorResponse = options.errorResponse || defaultErrorResponse;
	const routes = (options.routes || []).map(compileRoute);
	const authenticate = options.authenticate || (() => null);
	const rateLimiter = createRateLimiter(options.rateLimitKey);
	rateLimiter.configure(options.rateLimit || null);
	const redactedHeaders = (options.redactHeaders || []).map((name) => name.toLowerCase());
	let faults = [];
	let server = null;

	const requests = [];
	const counters = { requests: 0, byStatus: {}, rateLimited: 0, faultsInjected: 0 };

	function recordStatus(entry, status) {
		entry.status = status;
		counters.byStatus[status] = (counters.byStatus[status] || 0) + 1;
	}

	function takeFault(req) {
		const index = faults.findIndex((fault) => faultMatches(fault, req));
		if (index === -1) return null;
		const fault = faults[index];
		fault.count -= 1;
		if (fault.count === 0) faults.splice(index, 1);
		counters.faultsInjected += 1;
		return fault;
	}

	function faultResponse(fault) {
		const status = fault.status || 500;
		const base =
			fault.body === undefined
				? errorResponse(status, 'Injected fault')
				: { status, body: fault.body };
		const headers = { ...(base.headers || {}), ...(fault.headers || {}) };
		if (fault.retryAfter !== undefined) headers['Retry-After'] = String(fault.retryAfter);
		return { status, body: base.body, headers };
	}

	function toResponse(error) {
		if (isHttpError(error)) {
			const response = errorResponse(error.status, error.message, error.details);
			return { ...response, headers: { ...(response.headers || {}), ...(error.headers || {}) } };
		}
		return errorResponse(500, 'Internal sandbox error');
	}

	async function routeAndHandle(req) {
		const { route, params, allowed } = findRoute(routes, req.method, req.path);
		req.params = params;
		const quota = rateLimiter.take(req);
		if (quota && !quota.allowed) {
			counters.rateLimited += 1;
			const response = errorResponse(
				429,
				`Rate limit exceeded; retry in ${quota.retryAfterSeconds} s`,
			);
			return {
				...response,
				headers: { ...(response.headers || {}), 'Retry-After': String(quota.retryAfterSeconds) },
			};
		}
		const response = await handleRoute(req, route, allowed);
		// Like the APIs it emulates, a 429 (from a handler too) carries Retry-After instead of these.
		if (quota && options.rateLimitHeaders && response.status !== 429) {
			response.headers = {
				...(response.headers || {}),
				'X-RateLimit-Limit': String(quota.limit),
				'X-RateLimit-Remaining': String(quota.remaining),
				'X-RateLimit-Reset': String(quota.resetSeconds),
			};
		}
		return response;
	}

	async function handleRoute(req, route, allowed) {
		if (!route && allowed.length > 0) {
			const response = errorResponse(405, `Method ${req.method} not allowed on ${req.path}`);
			return {
				...response,
				headers: { ...(response.headers || {}), Allow: [...new Set(allowed)].join(', ') },
			};
		}
		if (!route) return errorResponse(404, `No route for ${req.method} ${req.path}`);
		try {
			if (route.auth !== false) {
				const rejection = await authenticate(req);
				if (rejection) return rejection;
			}
			return (await route.handler(req)) || { status: 204 };
		} catch (error) {
			return toResponse(error);
		}
	}

	async function handleService(nodeReq, nodeRes, req) {
		const entry = {
			method: req.method,
			path: req.path,
			query: queryToObject(req.query),
			headers: redact(req.headers, redactedHeaders),
			rawBody: req.rawBody,
			status: null,
			at: new Date().toISOString(),
		};
		requests.push(entry);
		counters.requests += 1;

		const fault = takeFault(req);
		if (fault) entry.fault = fault.type;
		if (fault && fault.type === 'drop') {
			nodeReq.socket.destroy();
			return;
		}
		if (fault && fault.type === 'status') {
			const response = faultResponse(fault);
			recordStatus(entry, response.status);
			sendResponse(nodeRes, response);
			return;
		}
		if (fault && fault.type === 'slow') await delay(Number(fault.delayMs));

		const response = await routeAndHandle(req);
		if (fault && fault.type === 'dropAfterHandling') {
			entry.handledStatus = response.status; // what the client would have seen
			nodeReq.socket.destroy();
			return;
		}
		recordStatus(entry, response.status);
		sendResponse(nodeRes, response);
	}

	async function handleControl(nodeRes, req) {
		const { route, params, allowed } = findRoute(controlRoutes, req.method, req.path);
		req.params = params;
		let response;
		if (!route) {
			response =
				allowed.length > 0
					? errorResponse(405, `Method ${req.method} not allowed on ${req.path}`)
					: errorResponse(404, `No control route ${req.path}`);
		} else {
			try {
				response = (await route.handler(req)) || { status: 204 };
			} catch (error) {
				response = isHttpError(error) ? toResponse(error) : errorResponse(400, error.message);
			}
		}
		sendResponse(nodeRes, response);
	}

	async function onRequest(nodeReq, nodeRes) {
		nodeRes.on('error', () => {}); // the client may be gone already (drop faults, aborted fetches)
		try {
			const { rawBody, tooLarge } = await readBody(nodeReq);
			const req = buildRequest(nodeReq, rawBody, sandbox, errorResponse);
			if (tooLarge) {
				sendResponse(nodeRes, errorResponse(413, `Request body exceeds ${MAX_BODY_BYTES} bytes`));
				return;
			}
			const isControl = req.path === CONTROL_PREFIX || req.path.startsWith(`${CONTROL_PREFIX}/`);
			if (isControl) await handleControl(nodeRes, req);
			else await handleService(nodeReq, nodeRes, req);
		} catch {
			sendResponse(nodeRes, errorResponse(500, 'Internal sandbox error'));
		}
	}

	const sandbox = {
		name: options.name || 'sandbox',
		url: null,
		server: null,
		requests,
		routes,
		get stats() {
			return { ...counters, byStatus: { ...counters.byStatus } };
		},
		get rateLimit() {
			return rateLimiter.config;
		},
		get faults() {
			return faults.map(describeFault);
		},
		setRateLimit(config) {
			rateLimiter.configure(config);
		},
		injectFault(spec) {
			faults.push(normalizeFault(spec));
		},
		clearFaults() {
			faults = [];
		},
		reset() {
			requests.length = 0; // in place, so references held by tests stay valid
			Object.assign(counters, { requests: 0, byStatus: {}, rateLimited: 0, faultsInjected: 0 });
			faults = [];
			if (options.onReset) options.onReset();
		},
		async listen(port = 0, host = '127.0.0.1') {
			if (server) throw new Error('Sandbox is already listening');
			server = http.createServer((nodeReq, nodeRes) => void onRequest(nodeReq, nodeRes));
			await new Promise((resolve, reject) => {
				server.once('error', reject);
				server.listen(port, host, () => {
					server.off('error', reject);
					resolve();
				});
			});
			const address = server.address();
			const printableHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
			sandbox.url = `http://${printableHost}:${address.port}`;
			sandbox.server = server;
			return { url: sandbox.url };
		},
		async close() {
			if (!server) return;
			const closing = server;
			server = null;
			sandbox.server = null;
			await new Promise((resolve) => {
				closing.close(() => resolve());
				closing.closeAllConnections(); // keep-alive sockets would otherwise keep jest alive
			});
		},
	};

	const controlRoutes = [...builtInControlRoutes(sandbox), ...(options.controlRoutes || [])].map(
		compileRoute,
	);
	return sandbox;
}

/** HTTP equivalents of the in-process steering methods; unauthenticated, unlogged, never rate limited. */
function builtInControlRoutes(sandbox) {
	const parseJson = (req) => (req.rawBody.trim() === '' ? null : req.json());
	return [
		{ method: 'POST', path: '/__sandbox/reset', handler: () => (sandbox.reset(), { status: 204 }) },
		{
			method: 'POST',
			path: '/__sandbox/faults',
			handler: (req) => {
				sandbox.injectFault(parseJson(req));
				return { status: 204 };
			},
		},
		{
			method: 'GET',
			path: '/__sandbox/faults',
			handler: () => ({ status: 200, body: { faults: sandbox.faults } }),
		},
		{
			method: 'DELETE',
			path: '/__sandbox/faults',
			handler: () => (sandbox.clearFaults(), { status: 204 }),
		},
		{
			method: 'POST',
			path: '/__sandbox/rate-limit',
			handler: (req) => {
				sandbox.setRateLimit(parseJson(req));
				return { status: 200, body: { rateLimit: sandbox.rateLimit } };
			},
		},
		{
			method: 'GET',
			path: '/__sandbox/requests',
			handler: () => ({ status: 200, body: { requests: sandbox.requests } }),
		},
		{
			method: 'GET',
			path: '/__sandbox/stats',
			handler: () => ({ status: 200, body: sandbox.stats }),
		},
	];
}

module.exports = { createSandbox, httpError, isHttpError, defaultErrorResponse, queryToObject };
