'use strict';

/**
 * Sandbox of the Luigi's Box Recommendations Customization API ("pin scopes"), emulating
 * as Luigi's Box documents it: HMAC auth and the 8 endpoints under /v1/recommender/pin/{tracker}
 * (the documented examples are in test/fixtures/documented/luigisbox.json).
 *
 * Where the real API is undocumented, this sandbox chooses the strict reading so that a node which
 * passes here also passes against the real service:
 * - Date must be an IMF-fixdate (`new Date().toUTCString()`), within ±clockSkewSeconds.
 * - Unknown or server-managed fields (id, creator, created_at, available) in a request body → rejected.
 * - `target_identity`/`target_criteria` and `pin_identity`/`pin_criteria` are only allowed with the
 *   matching type; date-times must be ISO 8601 with a time zone (Z or ±hh:mm).
 * - The list endpoint's `criteria` body is validated (array of objects) but does not filter here.
 * - Single create does not check for conflicts; only _bulk does.
 * - Error bodies: { error: <HTTP reason phrase>, message, details? }.
 */

const crypto = require('node:crypto');
const http = require('node:http');
const { createSandbox, httpError } = require('./framework');

const BASE_PATH = '/v1/recommender/pin/:tracker';
const DEFAULT_TRACKERS = { '1234-5678': 'your_private_api_key' };
const DEFAULT_PAGE_SIZE = 10;
const MAX_BULK_LINES = 5000;
const TARGET_TYPES = ['item', 'criteria', 'all'];
const PIN_TYPES = ['item', 'criteria'];
const CONFLICT_STRATEGIES = ['raise', 'ignore', 'override'];
const SORTABLE_FIELDS = ['created_at', 'model', 'target_type', 'target_identity', 'id'];
const REQUEST_FIELDS = [
	'model',
	'target_type',
	'target_identity',
	'target_criteria',
	'target_metadata',
	'tags',
	'pin_definitions',
];
const SERVER_FIELDS = ['id', 'creator', 'created_at', 'available'];
const PIN_FIELDS = [
	'position',
	'pin_type',
	'pin_identity',
	'pin_criteria',
	'widget_id',
	'is_block_pin',
	'is_bundle_pin',
	'active_from',
	'active_to',
];
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HTTP_DATE_PATTERN =
	/^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;
const ISO_DATE_TIME_PATTERN =
	/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/;
const AUTHORIZATION_PATTERN = /^(\S+) ([^\s:]+):(\S+)$/;

// ---------------------------------------------------------------------------------------------
// HMAC signing

/** Base64 HMAC-SHA256 of "METHOD\nContent-Type\nDate\npath" with the tracker's private key. */
function signLuigisBox({ privateKey, method, contentType, date, path }) {
	const stringToSign = [method.toUpperCase(), contentType, date, path].join('\n');
	return crypto
		.createHmac('sha256', Buffer.from(privateKey, 'utf8'))
		.update(stringToSign, 'utf8')
		.digest('base64')
		.trim();
}

/** Headers for a signed request; the query string (if any) is stripped from `path` before signing. */
function luigisBoxAuthHeaders({
	tracker,
	privateKey,
	method,
	path,
	contentType = 'application/json; charset=utf-8',
	date = new Date().toUTCString(),
}) {
	const signature = signLuigisBox({
		privateKey,
		method,
		contentType,
		date,
		path: path.split('?')[0],
	});
	return {
		'Content-Type': contentType,
		Date: date,
		Authorization: `ApiAuth ${tracker}:${signature}`,
	};
}

function signaturesEqual(expected, received) {
	const a = Buffer.from(expected, 'utf8');
	const b = Buffer.from(received, 'utf8');
	return a.length === b.length && crypto.timingSafeEqual(a, b);
}

function unauthorized(message) {
	return { status: 401, body: { error: 'Unauthorized', message } };
}

/**
 * Order of checks (each failure is final):
 *   1. Content-Type present            -> 401
 *   2. Date present, IMF-fixdate, within ±clockSkewSeconds -> 401
 *   3. Authorization "<word> <tracker>:<signature>" -> 401
 *   4. header tracker is configured    -> 401
 *   5. signature valid for the header tracker's key -> 401
 *   6. path tracker is configured      -> 404 Tracker not found
 *   7. path tracker == header tracker  -> 401
 * The signature is checked before the path tracker so that unauthenticated callers cannot probe which
 * trackers exist; step 6 before 7 gives an authenticated caller the more useful "not found".
 */
function createAuthenticator({ trackers, clockSkewSeconds, now }) {
	return function authenticate(req) {
		const contentType = req.headers['content-type'];
		if (!contentType)
			return unauthorized('Missing Content-Type header (it is part of the signature)');

		const date = req.headers.date;
		if (!date) return unauthorized('Missing Date header');
		if (!HTTP_DATE_PATTERN.test(date) || Number.isNaN(Date.parse(date))) {
			return unauthorized(
				'Date header is not an RFC 1123 date such as "Mon, 20 Jan 2025 12:00:00 GMT"',
			);
		}
		if (Math.abs(now() - Date.parse(date)) > clockSkewSeconds * 1000) {
			return unauthorized(
				`Date header differs from server time by more than ${clockSkewSeconds} s`,
			);
		}

		const authorization = req.headers.authorization;
		if (!authorization) return unauthorized('Missing Authorization header');
		const match = AUTHORIZATION_PATTERN.exec(authorization);
		if (!match)
			return unauthorized(
				'Malformed Authorization header; expected "ApiAuth <tracker_id>:<signature>"',
			);
		const [, , headerTracker, signature] = match;
		if (!Object.prototype.hasOwnProperty.call(trackers, headerTracker))
			return unauthorized('Unknown tracker in Authorization header');

		const expected = signLuigisBox({
			privateKey: trackers[headerTracker],
			method: req.method,
			contentType,
			date,
			path: req.path,
		});
		if (!signaturesEqual(expected, signature)) return unauthorized('Signature mismatch');

		const pathTracker = req.params.tracker;
		if (!Object.prototype.hasOwnProperty.call(trackers, pathTracker)) {
			return { status: 404, body: { error: 'Not Found', message: 'Tracker not found' } };
		}
		if (pathTracker !== headerTracker)
			return unauthorized('Tracker in Authorization header does not match the tracker in the path');
		return null;
	};
}

// ---------------------------------------------------------------------------------------------
// Validation of a customization (shared by create, update and bulk)

const isPlainObject = (value) =>
	value !== null && typeof value === 'object' && !Array.isArray(value);
const isNonEmptyString = (value) => typeof value === 'string' && value.trim() !== '';
const isIsoDateTime = (value) =>
	typeof value === 'string' &&
	ISO_DATE_TIME_PATTERN.test(value) &&
	!Number.isNaN(Date.parse(value));

function validatePin(pin, field) {
	const errors = [];
	const add = (name, message) => errors.push({ field: name ? `${field}.${name}` : field, message });
	if (!isPlainObject(pin)) {
		add('', 'must be an object');
		return errors;
	}
	for (const key of Object.keys(pin))
		if (!PIN_FIELDS.includes(key)) add(key, 'is not a known pin field');

	if (!Number.isInteger(pin.position) || pin.position < -1) {
		add('position', 'must be an integer >= -1 (-1 global pin, 0 block pin, >= 1 slot)');
	}
	if (!PIN_TYPES.includes(pin.pin_type)) add('pin_type', `must be one of ${PIN_TYPES.join(', ')}`);
	if (pin.pin_type === 'item' && !isNonEmptyString(pin.pin_identity))
		add('pin_identity', 'is required for pin_type item');
	if (pin.pin_type !== 'item' && pin.pin_identity !== undefined)
		add('pin_identity', 'is only allowed for pin_type item');
	if (pin.pin_type === 'criteria' && !isPlainObject(pin.pin_criteria))
		add('pin_criteria', 'must be an object for pin_type criteria');
	if (pin.pin_type !== 'criteria' && pin.pin_criteria !== undefined)
		add('pin_criteria', 'is only allowed for pin_type criteria');
	if (pin.widget_id !== undefined && typeof pin.widget_id !== 'string')
		add('widget_id', 'must be a string');
	for (const flag of ['is_block_pin', 'is_bundle_pin']) {
		if (pin[flag] !== undefined && typeof pin[flag] !== 'boolean') add(flag, 'must be a boolean');
	}
	for (const bound of ['active_from', 'active_to']) {
		if (pin[bound] !== undefined && pin[bound] !== null && !isIsoDateTime(pin[bound])) {
			add(bound, 'must be an ISO 8601 date-time with time zone, e.g. 2025-06-01T00:00:00Z');
		}
	}
	if (
		isIsoDateTime(pin.active_from) &&
		isIsoDateTime(pin.active_to) &&
		Date.parse(pin.active_to) < Date.parse(pin.active_from)
	) {
		add('active_to', 'must not be before active_from');
	}
	return errors;
}

/** Returns a list of { field, message }; empty when the customization is valid. */
function validateCustomization(input) {
	if (!isPlainObject(input)) return [{ field: '', message: 'customization must be a JSON object' }];
	const errors = [];
	const add = (field, message) => errors.push({ field, message });

	for (const key of Object.keys(input)) {
		if (SERVER_FIELDS.includes(key)) add(key, 'is read-only and set by the server; leave it out');
		else if (!REQUEST_FIELDS.includes(key)) add(key, 'is not a known field');
	}
	if (!isNonEmptyString(input.model)) add('model', 'must be a non-empty string');
	if (!TARGET_TYPES.includes(input.target_type))
		add('target_type', `must be one of ${TARGET_TYPES.join(', ')}`);
	if (input.target_type === 'item' && !isNonEmptyString(input.target_identity))
		add('target_identity', 'is required for target_type item');
	if (input.target_type !== 'item' && input.target_identity !== undefined)
		add('target_identity', 'is only allowed for target_type item');
	if (input.target_type === 'criteria' && !isPlainObject(input.target_criteria))
		add('target_criteria', 'must be an object for target_type criteria');
	if (input.target_type !== 'criteria' && input.target_criteria !== undefined)
		add('target_criteria', 'is only allowed for target_type criteria');
	if (input.target_metadata !== undefined && !isPlainObject(input.target_metadata))
		add('target_metadata', 'must be an object');
	if (
		input.tags !== undefined &&
		!(Array.isArray(input.tags) && input.tags.every((tag) => typeof tag === 'string'))
	) {
		add('tags', 'must be an array of strings');
	}
	if (!Array.isArray(input.pin_definitions) || input.pin_definitions.length === 0) {
		add('pin_definitions', 'must be a non-empty array');
	} else {
		input.pin_definitions.forEach((pin, index) =>
			errors.push(...validatePin(pin, `pin_definitions[${index}]`)),
		);
	}
	return errors;
}

function validationError(status, errors, prefix = 'Invalid customization') {
	const first = errors[0];
	const where = first.field ? `${first.field} ` : '';
	return httpError(status, `${prefix}: ${where}${first.message}`, errors);
}

// ---------------------------------------------------------------------------------------------
// Store

function isPinActive(pin, nowMs) {
	if (pin.active_from && Date.parse(pin.active_from) > nowMs) return false;
	if (pin.active_to && Date.parse(pin.active_to) < nowMs) return false;
	return true;
}

function pickRequestFields(input) {
	const fields = {};
	for (const key of REQUEST_FIELDS)
		if (input[key] !== undefined) fields[key] = structuredClone(input[key]);
	return fields;
}

/** Customizations per tracker, in creation order. Stored records never carry `available`; it is computed on read. */
function createCustomizationStore({ now }) {
	const byTracker = new Map();
	let lastCreatedMs = 0;
	// Strictly increasing timestamps, so that sort=created_at:desc is meaningful for quick successive creates.
	const nextCreatedAt = () => {
		lastCreatedMs = Math.max(now(), lastCreatedMs + 1);
		return new Date(lastCreatedMs).toISOString();
	};
	const bucket = (tracker) => {
		if (!byTracker.has(tracker)) byTracker.set(tracker, new Map());
		return byTracker.get(tracker);
	};
	const present = (record) => {
		const copy = structuredClone(record);
		// The Get Customization docs list `tags` among the attributes of every customization (unlike
		// target_identity/target_criteria, which depend on the target type), so it is always answered.
		if (copy.tags === undefined) copy.tags = [];
		copy.available = record.pin_definitions.some((pin) => isPinActive(pin, now()));
		return copy;
	};

	return {
		present,
		list: (tracker) => [...bucket(tracker).values()].map(present),
		get(tracker, id) {
			const record = bucket(tracker).get(id);
			return record ? present(record) : undefined;
		},
		/** Inserts (or, with an existing id, replaces) a customization; fills id/creator/created_at. */
		put(tracker, input) {
			const id = input.id || crypto.randomUUID();
			const record = {
				id,
				...pickRequestFields(input),
				creator: input.creator || 'api',
				created_at: input.created_at || nextCreatedAt(),
			};
			bucket(tracker).set(id, record);
			return present(record);
		},
		/** Full replace that keeps id, creator and created_at. */
		replace(tracker, id, input) {
			const existing = bucket(tracker).get(id);
			if (!existing) return undefined;
			const record = {
				id,
				...pickRequestFields(input),
				creator: existing.creator,
				created_at: existing.created_at,
			};
			bucket(tracker).set(id, record);
			return present(record);
		},
		remove: (tracker, id) => bucket(tracker).delete(id),
		clear: () => byTracker.clear(),
		trackers: () => [...byTracker.keys()],
	};
}

// ---------------------------------------------------------------------------------------------
// Query parsing helpers

function parseNonNegativeInteger(query, name, fallback) {
	const values = query.getAll(name);
	if (values.length === 0) return fallback;
	if (values.length > 1 || !/^\d+$/.test(values[0]))
		throw httpError(422, `${name} must be a non-negative integer`);
	return Number(values[0]);
}

function parseTargetTypes(values) {
	const bad = values.find((value) => !TARGET_TYPES.includes(value));
	if (bad !== undefined)
		throw httpError(
			422,
			`Unknown target_type "${bad}"; expected one of ${TARGET_TYPES.join(', ')}`,
		);
	return values;
}

function parseSort(values) {
	return values.map((value) => {
		const match = /^([a-z_]+):(asc|desc)$/.exec(value);
		if (!match || !SORTABLE_FIELDS.includes(match[1])) {
			throw httpError(
				422,
				`Malformed sort "${value}"; expected <field>:asc|desc with field one of ${SORTABLE_FIELDS.join(', ')}`,
			);
		}
		return { field: match[1], direction: match[2] === 'asc' ? 1 : -1 };
	});
}

function compareBy(sorts) {
	return (a, b) => {
		for (const { field, direction } of sorts) {
			const left = a[field];
			const right = b[field];
			if (left === right) continue;
			if (left === undefined) return 1; // missing values last, whatever the direction
			if (right === undefined) return -1;
			return (left < right ? -1 : 1) * direction;
		}
		return 0; // Array.prototype.sort is stable: ties keep creation order
	};
}

function singleValue(query, name) {
	const values = query.getAll(name);
	if (values.length > 1) throw httpError(422, `${name} accepts a single value on this endpoint`);
	return values[0];
}

function parseBooleanFlag(query, name) {
	const value = singleValue(query, name);
	if (value === undefined || value === 'false') return false;
	if (value === 'true') return true;
	throw httpError(422, `${name} must be true or false`);
}

/** Filters shared by list and export; each list is OR-ed, different filters are AND-ed. */
function matchesFilters(customization, { models, tags, targetTypes, targetIdentities }) {
	if (models.length && !models.includes(customization.model)) return false;
	if (tags.length && !(customization.tags || []).some((tag) => tags.includes(tag))) return false;
	if (targetTypes.length && !targetTypes.includes(customization.target_type)) return false;
	if (targetIdentities.length && !targetIdentities.includes(customization.target_identity))
		return false;
	return true;
}

/** Same model + target_type + target means the same customization slot (used by _bulk). */
function conflictKey(customization) {
	let target = '';
	if (customization.target_type === 'item') target = customization.target_identity;
	if (customization.target_type === 'criteria')
		target = canonicalJson(customization.target_criteria);
	return JSON.stringify([customization.model, customization.target_type, target]);
}

function canonicalJson(value) {
	if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
	if (isPlainObject(value)) {
		const keys = Object.keys(value).sort();
		return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(value[key])}`).join(',')}}`;
	}
	return JSON.stringify(value);
}

function mediaType(contentType) {
	return String(contentType || '')
		.split(';')[0]
		.trim()
		.toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Endpoint handlers

function createHandlers({ store, maxPageSize, now, getNonexistentItems }) {
	const notFound = (message) => httpError(404, message);

	function findCustomizationOr404(req) {
		const { tracker, id } = req.params;
		const customization = UUID_PATTERN.test(id) ? store.get(tracker, id) : undefined;
		if (!customization) throw notFound('Customization not found');
		return customization;
	}

	function parseJsonBody(req, status) {
		if (req.rawBody.trim() === '')
			throw httpError(status, 'Request body is empty; expected a JSON object');
		try {
			return JSON.parse(req.rawBody);
		} catch (error) {
			throw httpError(status, `Malformed JSON body: ${error.message}`);
		}
	}

	function createCustomization(req) {
		const input = parseJsonBody(req, 400);
		const errors = validateCustomization(input);
		if (errors.length) throw validationError(400, errors);
		return { status: 201, body: store.put(req.params.tracker, input) };
	}

	function getCustomization(req) {
		return { status: 200, body: findCustomizationOr404(req) };
	}

	function updateCustomization(req) {
		findCustomizationOr404(req);
		const input = parseJsonBody(req, 400);
		const errors = validateCustomization(input);
		if (errors.length) {
			// The docs list 400 (malformed) and 422 (invalid pin definition) for update.
			const onlyPinErrors = errors.every((error) => error.field.startsWith('pin_definitions['));
			throw validationError(onlyPinErrors ? 422 : 400, errors);
		}
		store.replace(req.params.tracker, req.params.id, input);
		return { status: 204 };
	}

	function deleteCustomization(req) {
		findCustomizationOr404(req);
		store.remove(req.params.tracker, req.params.id);
		return { status: 204 };
	}

	function validateSearchBody(req) {
		if (req.rawBody.trim() === '') return;
		const body = parseJsonBody(req, 422);
		if (!isPlainObject(body))
			throw httpError(422, 'Body must be a JSON object such as {"criteria": [...]}');
		const unknown = Object.keys(body).filter((key) => key !== 'criteria');
		if (unknown.length) throw httpError(422, `Unknown body field(s): ${unknown.join(', ')}`);
		if (
			body.criteria !== undefined &&
			!(Array.isArray(body.criteria) && body.criteria.every(isPlainObject))
		) {
			throw httpError(422, 'criteria must be an array of objects', [
				{ field: 'criteria', message: 'must be an array of objects' },
			]);
		}
		// The criteria structure is undocumented, so the sandbox accepts it without filtering on it.
	}

	function listCustomizations(req) {
		const { query } = req;
		const limit = Math.min(parseNonNegativeInteger(query, 'limit', DEFAULT_PAGE_SIZE), maxPageSize);
		const offset = parseNonNegativeInteger(query, 'offset', 0);
		const filters = {
			models: query.getAll('model'),
			tags: query.getAll('tag'),
			targetTypes: parseTargetTypes(query.getAll('target_type')),
			targetIdentities: query.getAll('target_identity'),
		};
		const sorts = parseSort(query.getAll('sort'));
		validateSearchBody(req);

		const matches = store
			.list(req.params.tracker)
			.filter((customization) => matchesFilters(customization, filters));
		if (sorts.length) matches.sort(compareBy(sorts));
		return {
			status: 200,
			body: {
				pagination: { total: matches.length },
				results: matches.slice(offset, offset + limit),
			},
		};
	}

	function summarize(req) {
		const scopeCounts = {};
		const tags = new Set();
		for (const customization of store.list(req.params.tracker)) {
			scopeCounts[customization.model] = (scopeCounts[customization.model] || 0) + 1;
			for (const tag of customization.tags || []) tags.add(tag);
		}
		return { status: 200, body: { scope_counts: scopeCounts, user_tags: [...tags].sort() } };
	}

	function exportCustomizations(req) {
		const { query } = req;
		const single = (name) => singleValue(query, name);
		const targetType = single('target_type');
		if (targetType !== undefined) parseTargetTypes([targetType]);
		const targetIdentity = single('target_identity');
		if (targetIdentity !== undefined && targetType !== 'item')
			throw httpError(422, 'target_identity requires target_type=item');
		const filters = {
			models: [single('model')].filter((value) => value !== undefined),
			tags: [single('tag')].filter((value) => value !== undefined),
			targetTypes: targetType === undefined ? [] : [targetType],
			targetIdentities: targetIdentity === undefined ? [] : [targetIdentity],
		};
		const removeExpired = parseBooleanFlag(query, 'remove_expired_pins');
		const removeNonexistent = parseBooleanFlag(query, 'remove_nonexisting_item_pins');
		const nowMs = now();
		const nonexistent = new Set(getNonexistentItems());

		const results = store
			.list(req.params.tracker)
			.filter((customization) => matchesFilters(customization, filters))
			.map((customization) => {
				const pins = customization.pin_definitions.filter((pin) => {
					if (removeExpired && pin.active_to && Date.parse(pin.active_to) < nowMs) return false;
					if (removeNonexistent && pin.pin_type === 'item' && nonexistent.has(pin.pin_identity))
						return false;
					return true;
				});
				return {
					...customization,
					pin_definitions: pins,
					available: pins.some((pin) => isPinActive(pin, nowMs)),
				};
			});
		return { status: 200, body: { results } };
	}

	function parseBulkLines(rawBody) {
		const lines = [];
		rawBody.split('\n').forEach((text, index) => {
			if (text.trim() !== '') lines.push({ line: index + 1, text });
		});
		if (lines.length > MAX_BULK_LINES) {
			throw httpError(
				413,
				`Too many customizations: ${lines.length} lines, at most ${MAX_BULK_LINES} allowed`,
			);
		}
		if (lines.length === 0)
			throw httpError(422, 'Body contains no customizations; expected one JSON object per line');

		const details = [];
		for (const entry of lines) {
			try {
				entry.customization = JSON.parse(entry.text);
			} catch (error) {
				details.push({ line: entry.line, field: '', message: `Malformed JSON: ${error.message}` });
				continue;
			}
			for (const error of validateCustomization(entry.customization))
				details.push({ line: entry.line, ...error });
		}
		if (details.length) {
			const first = details[0];
			throw httpError(
				422,
				`Invalid customization on line ${first.line}: ${first.field ? `${first.field} ` : ''}${first.message}`,
				details,
			);
		}
		return lines;
	}

	function bulkCreate(req) {
		const strategy = req.query.get('conflict_strategy') ?? 'raise';
		if (!CONFLICT_STRATEGIES.includes(strategy)) {
			throw httpError(
				422,
				`Unknown conflict_strategy "${strategy}"; expected one of ${CONFLICT_STRATEGIES.join(', ')}`,
			);
		}
		if (mediaType(req.headers['content-type']) !== 'application/x-ndjson') {
			throw httpError(415, 'Bulk create expects Content-Type application/x-ndjson');
		}
		// Unknown whether the real API refuses an NDJSON body whose last line has no newline: its docs
		// only post a file (`curl --data-binary @pins.ndjson`), and NDJSON ends every line with one.
		// Elasticsearch's `_bulk`, whose name this endpoint borrows, answers 400 "The bulk request must be
		// terminated by a newline [\n]"; the sandbox does the same (status and message are ours), so a
		// client that passes here sends what a file upload sends.
		if (req.rawBody.length > 0 && !req.rawBody.endsWith('\n')) {
			throw httpError(400, 'The bulk request must be terminated by a newline [\\n]');
		}
		const lines = parseBulkLines(req.rawBody);
		const { tracker } = req.params;

		// Everything is decided before anything is stored, so a 409 leaves the store untouched.
		const existingIdByKey = new Map();
		for (const customization of store.list(tracker)) {
			const key = conflictKey(customization);
			if (!existingIdByKey.has(key)) existingIdByKey.set(key, customization.id);
		}
		const lineByKey = new Map();
		const conflicts = [];
		const plan = [];
		for (const { line, customization } of lines) {
			const key = conflictKey(customization);
			const existingId = existingIdByKey.get(key);
			const earlierLine = lineByKey.get(key);
			if (existingId === undefined && earlierLine === undefined) {
				plan.push({ action: 'create', key, customization });
			} else if (strategy === 'raise') {
				conflicts.push(
					existingId !== undefined
						? { line, id: existingId }
						: { line, id: null, conflicting_line: earlierLine },
				);
			} else if (strategy === 'override') {
				plan.push({
					action: existingId !== undefined ? 'replace' : 'replaceFromBatch',
					key,
					id: existingId,
					customization,
				});
			}
			if (earlierLine === undefined) lineByKey.set(key, line);
		}
		if (conflicts.length) {
			throw httpError(
				409,
				`${conflicts.length} customization(s) conflict with existing ones (conflict_strategy=raise); nothing was stored`,
				conflicts,
			);
		}

		const createdIdByKey = new Map();
		for (const step of plan) {
			if (step.action === 'create')
				createdIdByKey.set(step.key, store.put(tracker, step.customization).id);
			else if (step.action === 'replace') store.replace(tracker, step.id, step.customization);
			else store.replace(tracker, createdIdByKey.get(step.key), step.customization);
		}
		return { status: 200, body: {} };
	}

	return {
		createCustomization,
		getCustomization,
		updateCustomization,
		deleteCustomization,
		listCustomizations,
		summarize,
		exportCustomizations,
		bulkCreate,
	};
}

/** Puts the conflicts list under `conflicts` (the documented-by-us 409 shape) instead of `details`. */
function luigisBoxErrorResponse(status, message, details) {
	const body = { error: http.STATUS_CODES[status] || 'Error', message };
	if (details !== undefined) body[status === 409 ? 'conflicts' : 'details'] = details;
	return { status, body };
}

// ---------------------------------------------------------------------------------------------
// Factory

/**
 * @param {object} [options]
 * @param {Record<string, string>} [options.trackers] tracker id -> private key
 * @param {number} [options.clockSkewSeconds] tolerated Date header skew
 * @param {{requestsPerSecond, burst}|null} [options.rateLimit] initial rate limit, per tracker in the path
 * @param {number} [options.maxPageSize] the list endpoint clamps `limit` to this
 * @param {Array<object>} [options.seed] customizations loaded at start and on reset; an optional
 *        `tracker` property picks the tracker (default: the first configured one)
 * @param {string[]} [options.nonexistentItems] item identities export treats as gone from the catalog
 * @param {() => number} [options.now] clock in ms, for pin activity and Date checks
 */
function createLuigisBoxSandbox({
	trackers = DEFAULT_TRACKERS,
	clockSkewSeconds = 5,
	rateLimit = null,
	maxPageSize = 500,
	seed = [],
	nonexistentItems = [],
	now = () => Date.now(),
} = {}) {
	const defaultTracker = Object.keys(trackers)[0];
	const store = createCustomizationStore({ now });
	let currentNonexistentItems = [...nonexistentItems];

	function loadSeed() {
		store.clear();
		for (const { tracker = defaultTracker, ...customization } of seed)
			store.put(tracker, customization);
		currentNonexistentItems = [...nonexistentItems];
	}

	const handlers = createHandlers({
		store,
		maxPageSize,
		now,
		getNonexistentItems: () => currentNonexistentItems,
	});
	const route = (method, path, handler) => ({ method, path: `${BASE_PATH}${path}`, handler });

	const sandbox = createSandbox({
		name: 'luigisbox',
		errorResponse: luigisBoxErrorResponse,
		authenticate: createAuthenticator({ trackers, clockSkewSeconds, now }),
		rateLimit,
		rateLimitKey: (req) => req.params.tracker || 'unrouted',
		onReset: loadSeed,
		routes: [
			route('POST', '/scope', handlers.createCustomization),
			route('POST', '/scopes', handlers.listCustomizations),
			route('GET', '/scope/:id', handlers.getCustomization),
			route('PUT', '/scope/:id', handlers.updateCustomization),
			route('DELETE', '/scope/:id', handlers.deleteCustomization),
			route('GET', '/summary', handlers.summarize),
			route('POST', '/scopes/export', handlers.exportCustomizations),
			route('POST', '/scopes/_bulk', handlers.bulkCreate),
		],
		controlRoutes: [
			{
				method: 'POST',
				path: '/__sandbox/luigisbox/nonexistent-items',
				handler: (req) => {
					const body = req.json();
					const items = Array.isArray(body) ? body : body && body.items;
					if (!Array.isArray(items) || !items.every((item) => typeof item === 'string')) {
						throw httpError(400, 'Expected a JSON array of item identities or {"items": [...]}');
					}
					currentNonexistentItems = items;
					return { status: 204 };
				},
			},
			{
				method: 'GET',
				path: '/__sandbox/luigisbox/customizations',
				handler: (req) => {
					const tracker = req.query.get('tracker') || defaultTracker;
					return { status: 200, body: { tracker, results: store.list(tracker) } };
				},
			},
			{
				method: 'POST',
				path: '/__sandbox/luigisbox/customizations',
				handler: (req) => {
					const tracker = req.query.get('tracker') || defaultTracker;
					const body = req.json();
					const items = Array.isArray(body) ? body : [body];
					const errors = items.flatMap((item, index) =>
						validateCustomization(pickRequestFields(item || {})).map((error) => ({
							index,
							...error,
						})),
					);
					if (errors.length) throw httpError(400, 'Invalid customization(s)', errors);
					return {
						status: 201,
						body: { tracker, results: items.map((item) => store.put(tracker, item)) },
					};
				},
			},
			// Changes over time for the triggers' real-n8n tests: replace or remove one customization.
			{
				method: 'PUT',
				path: '/__sandbox/luigisbox/customizations/:id',
				handler: (req) => {
					const tracker = req.query.get('tracker') || defaultTracker;
					const input = pickRequestFields(req.json() || {});
					const errors = validateCustomization(input);
					if (errors.length) throw httpError(400, 'Invalid customization', errors);
					const replaced = store.replace(tracker, req.params.id, input);
					if (!replaced) throw httpError(404, `No customization ${req.params.id}`);
					return { status: 200, body: replaced };
				},
			},
			{
				method: 'DELETE',
				path: '/__sandbox/luigisbox/customizations/:id',
				handler: (req) => {
					const tracker = req.query.get('tracker') || defaultTracker;
					if (!store.remove(tracker, req.params.id))
						throw httpError(404, `No customization ${req.params.id}`);
					return { status: 204 };
				},
			},
		],
	});

	loadSeed();
	sandbox.store = store;
	sandbox.trackers = { ...trackers };
	sandbox.setNonexistentItems = (items) => {
		currentNonexistentItems = [...items];
	};
	return sandbox;
}

async function startLuigisBoxSandbox(options) {
	const sandbox = createLuigisBoxSandbox(options);
	await sandbox.listen(0);
	return sandbox;
}

/** About five realistic customizations for demos (`cli.js --seed`); dates are relative to now. */
function luigisBoxDemoSeed(nowMs = Date.now()) {
	const day = 24 * 60 * 60 * 1000;
	const iso = (offsetDays) =>
		new Date(nowMs + offsetDays * day).toISOString().replace(/\.\d{3}Z$/, 'Z');
	return [
		{
			model: 'basket',
			target_type: 'item',
			target_identity: '/p/sunglasses-aviator/',
			tags: ['summer', 'accessories'],
			pin_definitions: [
				{
					position: 1,
					pin_type: 'item',
					pin_identity: '/p/sunscreen-spf50/',
					active_from: iso(-10),
					active_to: iso(60),
				},
				{
					position: 2,
					pin_type: 'item',
					pin_identity: '/p/beach-towel/',
					active_from: iso(-20),
					active_to: iso(3),
				},
			],
		},
		{
			model: 'basket',
			target_type: 'all',
			tags: ['clearance'],
			pin_definitions: [
				{
					position: 0,
					pin_type: 'item',
					pin_identity: '/p/discontinued-kettle/',
					is_block_pin: true,
				},
			],
		},
		{
			model: 'product_detail',
			target_type: 'criteria',
			target_criteria: { brand: 'Fender' },
			tags: ['guitars'],
			pin_definitions: [
				{ position: -1, pin_type: 'criteria', pin_criteria: { category: 'Guitar strings' } },
			],
		},
		{
			model: 'product_detail',
			target_type: 'item',
			target_identity: '/p/winter-jacket/',
			tags: ['winter', 'campaign-2024'],
			pin_definitions: [
				{
					position: 1,
					pin_type: 'item',
					pin_identity: '/p/wool-scarf/',
					active_from: iso(-120),
					active_to: iso(-30),
				},
			],
		},
		{
			model: 'product_detail',
			target_type: 'item',
			target_identity: '/p/espresso-machine/',
			tags: ['summer'],
			pin_definitions: [
				{
					position: 1,
					pin_type: 'item',
					pin_identity: '/p/coffee-beans-1kg/',
					widget_id: 'pdp-accessories',
				},
				{ position: 2, pin_type: 'item', pin_identity: '/p/milk-frother/', is_bundle_pin: true },
			],
		},
	];
}

module.exports = {
	createLuigisBoxSandbox,
	startLuigisBoxSandbox,
	signLuigisBox,
	luigisBoxAuthHeaders,
	validateCustomization,
	luigisBoxDemoSeed,
	DEFAULT_TRACKERS,
	DEFAULT_PAGE_SIZE,
	MAX_BULK_LINES,
};
