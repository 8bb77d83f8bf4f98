'use strict';

/**
 * Sandbox of Algonomy (RichRelevance) as its documentation describes it (the documented examples
 * are in test/fixtures/documented/algonomy.json):
 * - the gateway token endpoint (OAuth2 client credentials, form body or query string),
 * - the Content Update API under /contentupdate/v1/{apiKey} (PUT, PATCH, DELETE and the POST
 *   ?action=replace|edit|delete form), answering { trackingId },
 * - the public recsForPlacements API under /rrserver/api/rrPlatform/ (keys in the query, no token).
 *
 * One server plays both hosts (the gateway and the recommendation host): the paths do not overlap.
 * Where the real API is undocumented, the sandbox picks a reading and says so:
 * - Tokens expire after `tokenTtlSeconds` (the docs say 7200 s in one place, "until revoked" in
 *   another); expired and revoked tokens answer 401 { error: "invalid_token" }.
 * - A token belongs to a client, a client to one or more API keys; any other key in the path → 404.
 * - Content errors have the documented 400/500 shape { code, details, message, status }, with
 *   `details` a list of { field, message } (the real type of `details` is not documented).
 * - Replace silently drops content without a custom attribute, and truncates tags to 100 characters,
 *   as the docs say the API does; both are recorded in the update log for tests to see.
 * - Update (PATCH) merges the given properties into a stored item; a list given replaces the stored
 *   list. An ID that is not stored is ignored. Delete of an unknown ID is a no-op.
 * - recsForPlacements answers errors as HTTP 200 { status: "error", errormessage, viewGuid }.
 */

const crypto = require('node:crypto');
const http = require('node:http');
const { createSandbox, httpError } = require('./framework');

const CONTENT_PATH = '/contentupdate/v1/:apiKey';
const DEFAULT_TOKEN_PATH = '/contentupdate/v1/oauth2/token';
/** The RAML reference's reading: baseUri https://{environment}.richrelevance.com/contentupdate + /oauth2/token. */
const RAML_TOKEN_PATH = '/contentupdate/oauth2/token';
const TOKEN_PATH_WITH_API_KEY = '/contentupdate/v1/:apiKey/oauth2/token';
const RECS_PATH = '/rrserver/api/rrPlatform/recsForPlacements';

const DEFAULT_API_KEY = 'sandbox-api-key';
const DEFAULT_CLIENT_ID = 'n8n-sandbox-client';
const DEFAULT_CLIENT_SECRET = 'sandbox-client-secret-7f3c9a';
const DEFAULT_API_CLIENT_KEY = 'sandbox-channel-web';
const DEFAULT_CLIENTS = {
	[DEFAULT_CLIENT_ID]: { secret: DEFAULT_CLIENT_SECRET, apiKeys: [DEFAULT_API_KEY] },
};
const DEFAULT_API_CLIENT_KEYS = { [DEFAULT_API_KEY]: [DEFAULT_API_CLIENT_KEY] };

const STANDARD_FIELDS = ['id', 'name', 'tags', 'rating', 'start_date', 'end_date'];
const ACTIONS = { replace: 'replace', edit: 'update', delete: 'delete' };
const METHOD_ACTIONS = { PUT: 'replace', PATCH: 'update', DELETE: 'delete' };
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
/**
 * Required per page type [recsForPlacements docs]. cart_page needs productId only when the cart is not
 * empty, which the API cannot know, so nothing is required there. purchase_complete_page: the docs mark
 * pp and ppc both required; the vendor's SDKs send one of them, so one is enough here.
 */
const PAGE_REQUIREMENTS = {
	item_page: ['productId'],
	purchase_complete_page: ['productId', 'o'],
	category_page: ['categoryId'],
	add_to_cart_page: ['atcid'],
};
/**
 * Purchase lists, pipe-separated, one entry per productId (rr-android-sdk PlacementsRecommendationsBuilder,
 * rr-ios-sdk RCHAPIConstants.m): pp prices in dollars, ppc prices in cents, q quantities. The error texts
 * are the sandbox's own; the real API's messages for these are not documented.
 */
const PURCHASE_LISTS = {
	pp: { pattern: /^\d+(\.\d+)?$/, what: 'prices in dollars' },
	ppc: { pattern: /^\d+$/, what: 'prices in cents' },
	q: { pattern: /^[1-9]\d*$/, what: 'quantities' },
};

const isPlainObject = (value) =>
	value !== null && typeof value === 'object' && !Array.isArray(value);
const statusName = (status) =>
	(http.STATUS_CODES[status] || 'Error').toUpperCase().replace(/[^A-Z]+/g, '_');

/** 401 answers carry the OAuth2 error; everything else the documented { code, details, message, status }. */
function algonomyErrorResponse(status, message, details) {
	if (status === 401)
		return { status, body: { error: 'invalid_token', error_description: message } };
	const body = { code: status, message, status: statusName(status) };
	if (details !== undefined) body.details = details;
	return { status, body };
}

function isRealDate(value) {
	if (typeof value !== 'string' || !DATE_PATTERN.test(value)) return false;
	const date = new Date(`${value}T00:00:00Z`);
	return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

// ---------------------------------------------------------------------------------------------
// Validation of content objects (what the API is documented to refuse)

function validateId(id, field, add) {
	if (typeof id !== 'string' || id.trim() === '')
		add(`${field}.id`, 'is required and must be a string');
	else if (id.length > 100) add(`${field}.id`, 'must be at most 100 characters');
	else if (id.includes('/')) add(`${field}.id`, 'must not contain "/"');
}

function validateContent(item, index, action) {
	const errors = [];
	const field = `[${index}]`;
	const add = (name, message) => errors.push({ field: name, message });
	if (!isPlainObject(item)) {
		add(field, 'must be a JSON object');
		return errors;
	}
	validateId(item.id, field, add);
	if (action === 'delete') return errors;
	if (item.name !== undefined && (typeof item.name !== 'string' || item.name.length > 255))
		add(`${field}.name`, 'must be a string of at most 255 characters');
	if (
		item.tags !== undefined &&
		!(Array.isArray(item.tags) && item.tags.every((tag) => typeof tag === 'string'))
	)
		add(`${field}.tags`, 'must be an array of strings');
	if (
		item.rating !== undefined &&
		(typeof item.rating !== 'number' || !Number.isFinite(item.rating))
	)
		add(`${field}.rating`, 'must be a number');
	for (const key of ['start_date', 'end_date']) {
		if (item[key] !== undefined && !isRealDate(item[key]))
			add(`${field}.${key}`, 'must be a date as yyyy-mm-dd');
	}
	if (isRealDate(item.start_date) && isRealDate(item.end_date) && item.end_date < item.start_date)
		add(`${field}.end_date`, 'must not be before start_date');
	for (const [key, value] of Object.entries(item)) {
		if (STANDARD_FIELDS.includes(key)) continue;
		if (!(Array.isArray(value) && value.every((entry) => typeof entry === 'string')))
			add(`${field}.${key}`, 'custom attributes must be arrays of strings');
	}
	return errors;
}

const attributeNames = (item) => Object.keys(item).filter((key) => !STANDARD_FIELDS.includes(key));

// ---------------------------------------------------------------------------------------------
// Stores

/** Content per API key, by ID, in insertion order. */
function createContentStore() {
	const byApiKey = new Map();
	const bucket = (apiKey) => {
		if (!byApiKey.has(apiKey)) byApiKey.set(apiKey, new Map());
		return byApiKey.get(apiKey);
	};
	return {
		list: (apiKey = DEFAULT_API_KEY) =>
			[...bucket(apiKey).values()].map((item) => structuredClone(item)),
		get: (apiKey, id) => {
			const item = bucket(apiKey).get(id);
			return item && structuredClone(item);
		},
		has: (apiKey, id) => bucket(apiKey).has(id),
		put: (apiKey, item) => bucket(apiKey).set(item.id, structuredClone(item)),
		merge(apiKey, item) {
			const merged = { ...bucket(apiKey).get(item.id), ...structuredClone(item) };
			bucket(apiKey).set(item.id, merged);
		},
		remove: (apiKey, id) => bucket(apiKey).delete(id),
		clear: () => byApiKey.clear(),
	};
}

/** Issued tokens; `requests` counts every call to a token URL, `issued` the successful ones. */
function createTokenStore({ now }) {
	const tokens = new Map();
	const counters = { requests: 0, issued: 0 };
	return {
		counters,
		issue(clientId, apiKeys, ttlSeconds) {
			const token = `sbx_${crypto.randomBytes(18).toString('base64url')}`;
			tokens.set(token, {
				clientId,
				apiKeys,
				expiresAt: ttlSeconds === null ? Infinity : now() + ttlSeconds * 1000,
				revoked: false,
			});
			counters.issued += 1;
			return token;
		},
		/** Returns { record } or { problem } for a presented token. */
		check(token) {
			const record = tokens.get(token);
			if (!record) return { problem: 'The access token is not valid' };
			if (record.revoked) return { problem: 'The access token was revoked' };
			if (now() >= record.expiresAt) return { problem: 'The access token expired' };
			return { record };
		},
		expire(token) {
			for (const [key, record] of tokens)
				if (token === undefined || key === token) record.expiresAt = now();
		},
		revoke(token) {
			for (const [key, record] of tokens)
				if (token === undefined || key === token) record.revoked = true;
		},
		active: () =>
			[...tokens.values()].filter((record) => !record.revoked && now() < record.expiresAt).length,
		clear() {
			tokens.clear();
			counters.requests = 0;
			counters.issued = 0;
		},
	};
}

// ---------------------------------------------------------------------------------------------
// Handlers

function tokenError(error, description) {
	return { status: 400, body: { error, error_description: description } };
}

/** Client credentials from the form body, the query string, or HTTP Basic (RFC 6749 §2.3.1). */
function readTokenRequest(req) {
	const fields = new URLSearchParams(req.query);
	const contentType = String(req.headers['content-type'] || '')
		.split(';')[0]
		.trim()
		.toLowerCase();
	if (contentType === 'application/x-www-form-urlencoded') {
		for (const [key, value] of new URLSearchParams(req.rawBody)) fields.set(key, value);
	}
	const basic = /^Basic\s+(\S+)$/i.exec(req.headers.authorization || '');
	if (basic) {
		const [id, secret] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
		if (!fields.has('client_id')) fields.set('client_id', decodeURIComponent(id || ''));
		if (!fields.has('client_secret')) fields.set('client_secret', decodeURIComponent(secret || ''));
	}
	return {
		grantType: fields.get('grant_type'),
		clientId: fields.get('client_id'),
		clientSecret: fields.get('client_secret'),
	};
}

function secretsEqual(expected, received) {
	const a = Buffer.from(String(expected), 'utf8');
	const b = Buffer.from(String(received ?? ''), 'utf8');
	return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function createHandlers({ clients, apiClientKeys, tokens, store, updates, settings, products }) {
	function issueToken(req) {
		tokens.counters.requests += 1;
		const { grantType, clientId, clientSecret } = readTokenRequest(req);
		if (!grantType || !settings.grantTypes.includes(grantType))
			return tokenError('unsupported_grant_type', 'Invalid grant_type');
		const client = clients[clientId];
		if (!client || !secretsEqual(client.secret, clientSecret))
			return tokenError('invalid_client', 'Invalid client authentication');
		if (req.params.apiKey !== undefined && !client.apiKeys.includes(req.params.apiKey)) {
			return {
				status: 404,
				body: { code: 404, message: 'API key not found', status: 'NOT_FOUND' },
			};
		}
		const accessToken = tokens.issue(clientId, client.apiKeys, settings.tokenTtlSeconds);
		const body = { token_type: 'bearer', access_token: accessToken };
		if (settings.tokenTtlSeconds !== null) body.expires_in = settings.tokenTtlSeconds;
		return { status: 200, body, headers: { 'Cache-Control': 'no-store' } };
	}

	function parseContentBody(req, action) {
		const contentType = String(req.headers['content-type'] || '')
			.split(';')[0]
			.trim()
			.toLowerCase();
		if (contentType !== 'application/json')
			throw httpError(415, 'Content-Type must be application/json');
		let body;
		try {
			body = JSON.parse(req.rawBody);
		} catch (error) {
			throw httpError(400, `Malformed JSON body: ${error.message}`);
		}
		if (!Array.isArray(body) || body.length === 0)
			throw httpError(400, 'The body must be a non-empty JSON array of content objects');
		if (settings.maxBatchSize !== null && body.length > settings.maxBatchSize) {
			throw httpError(
				413,
				`Too many content items: ${body.length}, at most ${settings.maxBatchSize} per request`,
			);
		}
		const errors = body.flatMap((item, index) => validateContent(item, index, action));
		if (errors.length)
			throw httpError(400, `Invalid content: ${errors[0].field} ${errors[0].message}`, errors);
		const refused = body
			.map((item, index) => ({ item, index }))
			.filter(({ item }) => settings.rejectContentIds.has(item.id));
		if (refused.length) {
			throw httpError(
				400,
				`Content refused: ${refused.map(({ item }) => item.id).join(', ')}`,
				refused.map(({ index }) => ({ field: `[${index}].id`, message: 'refused by the catalog' })),
			);
		}
		return body;
	}

	/** Applies one accepted request; nothing is stored when the body is refused. */
	function applyContent(req, action) {
		const { apiKey } = req.params;
		const items = parseContentBody(req, action);
		const entry = {
			trackingId: crypto.randomUUID(),
			action,
			method: req.method,
			apiKey,
			ids: items.map((item) => item.id),
			dropped: [],
			ignored: [],
			truncatedTags: [],
			at: new Date().toISOString(),
		};
		for (const item of items) {
			if (action === 'delete') {
				if (!store.remove(apiKey, item.id)) entry.ignored.push(item.id);
				continue;
			}
			const copy = structuredClone(item);
			if (Array.isArray(copy.tags) && copy.tags.some((tag) => tag.length > 100)) {
				entry.truncatedTags.push(item.id);
				copy.tags = copy.tags.map((tag) => tag.slice(0, 100));
			}
			if (action === 'replace') {
				if (attributeNames(copy).length === 0) entry.dropped.push(item.id);
				else store.put(apiKey, copy);
			} else if (store.has(apiKey, item.id)) {
				store.merge(apiKey, copy);
			} else {
				entry.ignored.push(item.id);
			}
		}
		updates.push(entry);
		return { status: 200, body: { trackingId: entry.trackingId } };
	}

	function contentByMethod(req) {
		return applyContent(req, METHOD_ACTIONS[req.method]);
	}

	function contentByAction(req) {
		const action = ACTIONS[req.query.get('action')];
		if (!action) throw httpError(400, 'Query parameter action must be replace, edit or delete');
		return applyContent(req, action);
	}

	function recsError(message) {
		return {
			status: 200,
			body: { status: 'error', errormessage: message, viewGuid: crypto.randomUUID() },
		};
	}

	function recommend(req) {
		const { query } = req;
		const apiKey = query.get('apiKey');
		if (!apiKey || !apiClientKeys[apiKey]) return recsError('Invalid apiKey');
		if (!apiClientKeys[apiKey].includes(query.get('apiClientKey')))
			return recsError('Invalid apiClientKey');
		const placements = (query.get('placements') || '').split('|').filter(Boolean);
		if (placements.length === 0) return recsError('placements is required');
		// A bare page type is a "listening" request (the SDKs' initWithListeningPageType): it logs the
		// page view and asks for no recommendations.
		if (placements.length === 1 && /^[a-z_]+_page$/.test(placements[0]))
			return { status: 200, body: { status: 'ok', viewGuid: crypto.randomUUID(), placements: [] } };
		const pageTypes = new Set(placements.map((placement) => placement.split('.')[0]));
		if (placements.some((placement) => !/^[^.]+\.[^.]+$/.test(placement)))
			return recsError('placements must be pageType.placementName');
		if (pageTypes.size > 1) return recsError('All placements must be of the same page type');
		const [pageType] = pageTypes;
		const missing = (PAGE_REQUIREMENTS[pageType] || []).find((name) => !query.get(name));
		if (missing) return recsError(`${missing} is required for ${pageType}`);
		if (pageType === 'purchase_complete_page' && !query.get('pp') && !query.get('ppc'))
			return recsError('pp or ppc is required for purchase_complete_page');
		const productIds = (query.get('productId') || '').split('|').filter(Boolean);
		for (const [name, { pattern, what }] of Object.entries(PURCHASE_LISTS)) {
			if (!query.has(name)) continue;
			const entries = query.get(name).split('|');
			if (!entries.every((entry) => pattern.test(entry)))
				return recsError(`${name} must be ${what}, separated by |`);
			if (entries.length !== productIds.length)
				return recsError(`${name} needs one entry per productId`);
		}

		const count = Math.max(1, Math.min(Number(query.get('count')) || 5, products.length));
		const excluded = new Set(
			[...(query.get('productId') || '').split('|'), ...(query.get('bi') || '').split('|')].filter(
				Boolean,
			),
		);
		const candidates = products.filter((product) => !excluded.has(product.id));
		const withAttributes = query.get('excludeItemAttributes') !== 'true';
		const withHtml = query.get('excludeHtml') !== 'true';
		const body = {
			status: 'ok',
			viewGuid: crypto.randomUUID(),
			placements: placements.map((placement, placementIndex) => {
				const start = placementIndex % Math.max(1, candidates.length);
				const chosen = [...candidates.slice(start), ...candidates.slice(0, start)].slice(0, count);
				const recommendedProducts = chosen.map((product) => {
					const { attributes, ...fields } = product;
					return {
						...fields,
						clickURL: `https://recs.algorecs.com/rrserver/click?a=${encodeURIComponent(apiKey)}&pti=${placementIndex}&p=${encodeURIComponent(product.id)}`,
						...(withAttributes ? { attributes: structuredClone(attributes) } : {}),
					};
				});
				return {
					placement,
					placementType: pageType.toUpperCase(),
					strategyMessage:
						placementIndex === 0 ? 'Customers who viewed this also viewed' : 'Top sellers',
					htmlElementId: placement.replace('.', '_'),
					...(withHtml
						? { html: `<div>${chosen.map((product) => product.name).join(', ')}</div>` }
						: {}),
					recommendedProducts,
				};
			}),
		};
		return { status: 200, body };
	}

	return { issueToken, contentByMethod, contentByAction, recommend };
}

// ---------------------------------------------------------------------------------------------
// Factory

function defaultProducts() {
	const names = [
		'Trail running shoe',
		'Waterproof jacket',
		'Merino socks',
		'Hydration vest',
		'Headlamp 400 lm',
		'Trekking poles',
		'Sun cap',
		'Energy gel box',
	];
	return names.map((name, index) => ({
		id: `p-${100 + index}`,
		name,
		imageURL: `https://img.example.com/p-${100 + index}.jpg`,
		priceCents: 1990 + index * 1000,
		rating: 4 + (index % 10) / 10,
		numReviews: 10 + index * 7,
		categoryIds: [index % 2 ? 'apparel' : 'gear'],
		isRecommendable: true,
		attributes: {
			brand: [index % 2 ? 'Summit' : 'Ridge'],
			color: [['red', 'blue', 'black'][index % 3]],
		},
	}));
}

/**
 * @param {object} [options]
 * @param {Record<string, {secret: string, apiKeys: string[]}>} [options.clients] client ID → secret and its API keys
 * @param {Record<string, string[]>} [options.apiClientKeys] API key → the apiClientKeys recsForPlacements accepts
 * @param {number|null} [options.tokenTtlSeconds] token lifetime; null = until revoked (no expires_in)
 * @param {string[]} [options.tokenPaths] where the token endpoint answers (by default the v1 path and the
 *        RAML's path without v1; TOKEN_PATH_WITH_API_KEY for tenants whose docs put the key in it)
 * @param {string[]} [options.grantTypes] grant types the token endpoint supports
 * @param {number|null} [options.maxBatchSize] content items per request before 413
 * @param {string[]} [options.rejectContentIds] IDs answered 400 (server-side checks a client cannot know)
 * @param {Record<string, object[]>} [options.seed] content per API key, loaded at start and on reset
 * @param {object[]} [options.products] the catalog recsForPlacements recommends from
 * @param {{requestsPerSecond, burst}|null} [options.rateLimit] per API key
 * @param {() => number} [options.now]
 */
function createAlgonomySandbox({
	clients = DEFAULT_CLIENTS,
	apiClientKeys = DEFAULT_API_CLIENT_KEYS,
	tokenTtlSeconds = 7200,
	tokenPaths = [DEFAULT_TOKEN_PATH, RAML_TOKEN_PATH],
	grantTypes = ['client_credentials'],
	maxBatchSize = null,
	rejectContentIds = [],
	seed = {},
	products = defaultProducts(),
	rateLimit = null,
	now = () => Date.now(),
} = {}) {
	const store = createContentStore();
	const tokens = createTokenStore({ now });
	const updates = [];
	const settings = {
		tokenTtlSeconds,
		grantTypes: [...grantTypes],
		maxBatchSize,
		rejectContentIds: new Set(rejectContentIds),
	};

	function loadSeed() {
		store.clear();
		tokens.clear();
		updates.length = 0;
		settings.tokenTtlSeconds = tokenTtlSeconds;
		settings.grantTypes = [...grantTypes];
		settings.rejectContentIds = new Set(rejectContentIds);
		for (const [apiKey, items] of Object.entries(seed))
			for (const item of items) store.put(apiKey, item);
	}

	/** Bearer token check for content routes; the API key in the path must belong to the token's client. */
	function authenticate(req) {
		const match = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization || '');
		if (!match) return algonomyErrorResponse(401, 'Missing bearer token');
		const { record, problem } = tokens.check(match[1]);
		if (problem) return algonomyErrorResponse(401, problem);
		if (!record.apiKeys.includes(req.params.apiKey))
			return algonomyErrorResponse(404, 'API key not found');
		req.client = record.clientId;
		return null;
	}

	const handlers = createHandlers({
		clients,
		apiClientKeys,
		tokens,
		store,
		updates,
		settings,
		products,
	});
	const tokenRoutes = tokenPaths.map((path) => ({
		method: 'POST',
		path,
		handler: handlers.issueToken,
		auth: false,
	}));

	const sandbox = createSandbox({
		name: 'algonomy',
		errorResponse: algonomyErrorResponse,
		authenticate,
		rateLimit,
		rateLimitKey: (req) => req.params.apiKey || req.query.get('apiKey') || 'token',
		redactHeaders: ['authorization'],
		onReset: loadSeed,
		routes: [
			...tokenRoutes,
			{ method: 'PUT', path: CONTENT_PATH, handler: handlers.contentByMethod },
			{ method: 'PATCH', path: CONTENT_PATH, handler: handlers.contentByMethod },
			{ method: 'DELETE', path: CONTENT_PATH, handler: handlers.contentByMethod },
			{ method: 'POST', path: CONTENT_PATH, handler: handlers.contentByAction },
			{ method: 'GET', path: RECS_PATH, handler: handlers.recommend, auth: false },
		],
		controlRoutes: [
			{
				method: 'GET',
				path: '/__sandbox/algonomy/tokens',
				handler: () => ({
					status: 200,
					body: {
						tokenRequests: tokens.counters.requests,
						tokensIssued: tokens.counters.issued,
						active: tokens.active(),
					},
				}),
			},
			{
				method: 'POST',
				path: '/__sandbox/algonomy/tokens/expire',
				handler: (req) => (
					tokens.expire(req.rawBody.trim() ? req.json().token : undefined),
					{ status: 204 }
				),
			},
			{
				method: 'POST',
				path: '/__sandbox/algonomy/tokens/revoke',
				handler: (req) => (
					tokens.revoke(req.rawBody.trim() ? req.json().token : undefined),
					{ status: 204 }
				),
			},
			{
				method: 'POST',
				path: '/__sandbox/algonomy/token-ttl',
				handler: (req) => {
					const { seconds } = req.json();
					if (seconds !== null && !(Number(seconds) > 0))
						throw httpError(400, 'seconds must be a positive number or null');
					settings.tokenTtlSeconds = seconds === null ? null : Number(seconds);
					return { status: 200, body: { tokenTtlSeconds: settings.tokenTtlSeconds } };
				},
			},
			{
				method: 'GET',
				path: '/__sandbox/algonomy/content',
				handler: (req) => {
					const apiKey = req.query.get('apiKey') || DEFAULT_API_KEY;
					return { status: 200, body: { apiKey, results: store.list(apiKey) } };
				},
			},
			{
				method: 'GET',
				path: '/__sandbox/algonomy/updates',
				handler: () => ({ status: 200, body: { updates } }),
			},
			{
				method: 'POST',
				path: '/__sandbox/algonomy/reject-ids',
				handler: (req) => {
					const body = req.json();
					const ids = Array.isArray(body) ? body : body && body.ids;
					if (!Array.isArray(ids))
						throw httpError(400, 'Expected a JSON array of content IDs or {"ids": [...]}');
					settings.rejectContentIds = new Set(ids);
					return { status: 204 };
				},
			},
		],
	});

	loadSeed();
	Object.assign(sandbox, {
		store,
		/** Every accepted content request: { trackingId, action, method, apiKey, ids, dropped, ignored, truncatedTags }. */
		updates,
		tokens: {
			expireAll: () => tokens.expire(),
			revokeAll: () => tokens.revoke(),
			expire: (token) => tokens.expire(token),
			revoke: (token) => tokens.revoke(token),
			active: () => tokens.active(),
		},
		setTokenTtl(seconds) {
			settings.tokenTtlSeconds = seconds;
		},
		setGrantTypes(types) {
			settings.grantTypes = [...types];
		},
		rejectContentIds(ids) {
			settings.rejectContentIds = new Set(ids);
		},
		content: (apiKey = DEFAULT_API_KEY) => store.list(apiKey),
	});
	Object.defineProperties(sandbox, {
		/** Calls to a token URL, failed ones included. */
		tokenRequests: { get: () => tokens.counters.requests, enumerable: true },
		tokensIssued: { get: () => tokens.counters.issued, enumerable: true },
	});
	return sandbox;
}

async function startAlgonomySandbox(options) {
	const sandbox = createAlgonomySandbox(options);
	await sandbox.listen(0);
	return sandbox;
}

/** A few content items for demos (`cli.js --seed`). */
function algonomyDemoSeed() {
	return {
		[DEFAULT_API_KEY]: [
			{
				id: 'banner-summer-sale',
				name: 'Summer sale banner',
				tags: ['summer', 'homepage'],
				start_date: '2025-06-01',
				end_date: '2025-08-31',
				placement: ['home_page.hero'],
				audience: ['all'],
			},
			{
				id: 'guide-trail-running',
				name: 'Trail running guide',
				tags: ['editorial'],
				rating: 4.6,
				topic: ['running', 'outdoor'],
			},
			{
				id: 'video-layering',
				name: 'How to layer for winter',
				tags: ['video'],
				topic: ['apparel'],
				duration_seconds: ['245'],
			},
		],
	};
}

module.exports = {
	createAlgonomySandbox,
	startAlgonomySandbox,
	algonomyDemoSeed,
	algonomyErrorResponse,
	validateContent,
	DEFAULT_API_KEY,
	DEFAULT_CLIENT_ID,
	DEFAULT_CLIENT_SECRET,
	DEFAULT_API_CLIENT_KEY,
	DEFAULT_TOKEN_PATH,
	RAML_TOKEN_PATH,
	TOKEN_PATH_WITH_API_KEY,
	RECS_PATH,
};
