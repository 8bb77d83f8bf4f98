'use strict';

/**
 * Sandbox of the Ocamba Hood API (v1) as Ocamba documents it (the documented examples are in
 * test/fixtures/documented/ocamba-hood.json): Bearer auth,
 * the `{ total, items }` lists with `page=N,M`, `sort`, `q`/`q_fields`, `fields`, `view` and
 * `field=[op:]value` filters, the error body `{ code, title, message, trace_id }`, and the rate limits
 * of tier C (10 requests per second, 150 per minute, fixed windows, per account) with X-RateLimit-*
 * headers on answers and 429 + Retry-After when a window is full, Retry-After: -1 when too many
 * requests of one account are in flight at once.
 *
 * Where the docs are silent this sandbox takes the strict reading, so that a node which passes here
 * also passes against the real service:
 * - Unknown query parameters, unsortable/unsearchable/unfilterable fields, unknown `fields` → 400.
 * - Unknown body fields → 400; `target` on a new property is legacy → 400.
 * - The X-RateLimit-* headers describe the window with the fewest requests left (the docs name one
 *   trio of headers for two windows); Reset is in seconds, fractional when time is scaled down.
 * - `page=N,M` with M above the largest page (500 unless `maxPageSize` says otherwise) serves the
 *   largest page instead; `total` tells how many there are.
 * - `total` is a numeric string on segments (the docs show `"61"`), a number elsewhere (as in the
 *   profile property, segment-by-ID and campaign examples).
 * - The segment list answers CSV unless `out=json`.
 * - A duplicate property label → 409; changing or deleting a system property → 403.
 * - `POST /profiles/import` takes at most 1,000 profiles (the docs state no maximum), checks property
 *   keys at once (400) and queues the rest (202). The docs show no body for this 202; the answer here
 *   is the long-running-operation record of its sibling `POST /profiles/imports`
 *   (`{id, company_id, member_id, name, status: "running", start_time}`), which is an inference, so
 *   `importAnswer: 'empty'` answers without a body instead. The queue applies an import
 *   `importDelayMs` after it was accepted (0: at once); `GET /reports/profiles/import/{id}/full`
 *   answers the documented rows `{event_date, event_time, profile_id, code, update_time}`, one per
 *   profile once applied and `[]` while queued (an empty report while queued is our reading; a 404
 *   for an unknown import ID is invented). `SUCCESS` is the documented code; `PROFILE_NOT_FOUND`
 *   for an unknown profile is invented here.
 * - Property listings name a property `label` (the newer list example) or `property` (the API
 *   reference's example); `propertyName` chooses which one this sandbox answers with.
 * - `POST /profiles` answers 201 with the whole profile as the API reference shows it (every value a
 *   string, the ID a 19–20 digit string), or without a body (an older page) with
 *   `profileCreateAnswer: 'empty'`.
 * - Paths the docs do not show (GET/DELETE /profile-properties/{id}, GET /profiles, GET /profiles/{id})
 *   behave like their documented neighbours.
 */

const crypto = require('node:crypto');
const { createSandbox, httpError } = require('./framework');

const BASE = '/v1/hood';
const DEFAULT_TOKEN = 'ocmb_sandbox_7f3e91c2a8d54b60e1f9';
const DEFAULT_TOKENS = { [DEFAULT_TOKEN]: 'company-1001' };
const MAX_PAGE_SIZE = 500;
const MAX_IMPORT_PROFILES = 1000;
const MAX_CUSTOM_PROPERTIES = 100;
const DAY_MS = 24 * 60 * 60 * 1000;
const TITLES = {
	400: 'Bad request.',
	401: 'Unauthorized.',
	403: 'Forbidden.',
	404: 'Not found.',
	405: 'Method not allowed.',
	409: 'Conflict.',
	413: 'Payload too large.',
	429: 'Too many requests.',
	500: 'Internal server error.',
	502: 'Bad gateway.',
	503: 'Service unavailable.',
};
const OPERATORS = [
	'eq',
	'neq',
	'gt',
	'gte',
	'lt',
	'lte',
	'in',
	'nin',
	'is',
	'isn',
	'r',
	'rf',
	'rl',
	'rr',
];
const RANGE_OPERATORS = ['r', 'rf', 'rl', 'rr'];
const LIST_PARAMETERS = ['page', 'sort', 'q', 'q_fields', 'fields', 'view'];
const DEPRECATED_TARGETING = {
	remote_users: 'remote_ids',
	users: 'profiles',
	subscribed_age: 'profile_age',
	user_data: 'custom_properties',
	tags: 'containers',
	accounts: 'partners',
};
const E164 = /^\+[1-9]\d{6,14}$/;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const HOOD_TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/;
const COUNTRY_PREFIXES = [
	['+381', 'RS'],
	['+385', 'HR'],
	['+44', 'GB'],
	['+49', 'DE'],
	['+43', 'AT'],
	['+33', 'FR'],
	['+39', 'IT'],
	['+34', 'ES'],
	['+1', 'US'],
];

/**
 * The tier C limits. `timeScale` > 1 shortens both windows by that factor (tests, bench), and the
 * whole seconds of Reset and Retry-After with them.
 */
function ocambaHoodRateLimit(timeScale = 1) {
	const second = 1 / timeScale;
	return {
		windows: [
			{ limit: 10, seconds: second, precision: second },
			{ limit: 150, seconds: 60 * second, precision: second },
		],
	};
}

function hoodErrorResponse(status, message) {
	const body = { code: status, title: TITLES[status] || 'Error.', trace_id: crypto.randomUUID() };
	// The docs show 500 answers without a message.
	if (message && status !== 500) body.message = message;
	return { status, body };
}

const bad = (message) => httpError(400, message);
const notFound = (what) => httpError(404, `${what} not found.`);
const isObject = (value) => value !== null && typeof value === 'object' && !Array.isArray(value);
const hoodTime = (ms) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

// ---------------------------------------------------------------------------------------------
// Lists: filters, search, sort, fields, pages

/**
 * What a collection supports, from the docs where they list it. `numeric` and `dates` are the fields
 * range operators apply to; `defaultView` the fields served without view=full.
 */
const COLLECTIONS = {
	properties: {
		searchable: ['target', 'label', 'description'],
		sortable: ['data_type', 'pi_data', 'importable', 'exportable', 'create_time', 'update_time'],
		filterable: [
			'id',
			'target',
			'label',
			'data_type',
			'example',
			'pi_data',
			'system',
			'importable',
			'exportable',
			'create_time',
			'update_time',
		],
		fields: [
			'id',
			'company_id',
			'target',
			'label',
			'data_type',
			'example',
			'description',
			'import_aliases',
			'export_alias',
			'pi_data',
			'system',
			'importable',
			'exportable',
			'create_time',
			'update_time',
		],
		numeric: ['id', 'pi_data', 'system', 'importable', 'exportable'],
		// Both documented property listings show a numeric total.
	},
	profiles: {
		searchable: ['email', 'full_name', 'mobile_phone_number'],
		sortable: ['email', 'full_name', 'create_time', 'update_time'],
		filterable: [
			'id',
			'email',
			'mobile_phone_number',
			'full_name',
			'status',
			'country_code',
			'organization_id',
			'create_time',
			'update_time',
		],
		fields: [
			'id',
			'status',
			'email',
			'mobile_phone_number',
			'full_name',
			'country_code',
			'organization_id',
			'lists',
			'comment',
			'custom_properties',
			'channels',
			'create_time',
			'update_time',
		],
		numeric: ['id', 'organization_id'],
	},
	lists: {
		searchable: ['name'],
		sortable: ['name', 'description', 'color', 'create_time', 'update_time'],
		filterable: ['id', 'name', 'color', 'create_time', 'update_time'],
		fields: ['id', 'company_id', 'name', 'description', 'color', 'create_time', 'update_time'],
		numeric: ['id'],
	},
	segments: {
		searchable: ['name'],
		sortable: ['name', 'status', 'create_time'],
		filterable: ['id', 'name', 'status', 'create_time', 'update_time'],
		fields: ['id', 'name', 'status', 'targeting', 'create_time', 'update_time'],
		numeric: ['id'],
		totalAsString: true,
		out: true,
	},
	campaigns: {
		searchable: ['name', 'description'],
		// As the API reference lists them.
		sortable: ['name', 'status', 'next_run_time', 'run_counter', 'create_time', 'update_time'],
		filterable: ['id', 'name', 'status', 'create_time', 'update_time', 'scheduled_time'],
		fields: [
			'id',
			'company_id',
			'creator_id',
			'creator',
			'name',
			'description',
			'status',
			'labels',
			'metadata',
			'messages',
			'ab_test',
			'targeting',
			'scheduled_time',
			'next_run_time',
			'run_counter',
			'was_launched',
			'run_immediately',
			'is_draft',
			'reason',
			'create_time',
			'update_time',
		],
		// The keys of the documented list example (its messages are left to view=full here).
		defaultView: [
			'id',
			'company_id',
			'creator_id',
			'creator',
			'name',
			'description',
			'status',
			'labels',
			'metadata',
			'scheduled_time',
			'was_launched',
			'ab_test',
			'create_time',
			'update_time',
		],
		numeric: ['id'],
		defaultPageSize: 10,
		defaultSort: '-create_time',
	},
	analytics: {
		searchable: [],
		sortable: ['event_date', 'event_time'],
		filterable: ['event', 'page_url', 'event_time'],
		fields: ['event_time', 'event_date', 'page_url', 'event'],
		numeric: [],
	},
};
const DATE_FIELDS = ['create_time', 'update_time', 'scheduled_time', 'event_time', 'event_date'];

function csvList(value, name, allowed) {
	const entries = String(value)
		.split(',')
		.map((entry) => entry.trim())
		.filter(Boolean);
	if (entries.length === 0) throw bad(`${name} must not be empty.`);
	const unknown = allowed ? entries.find((entry) => !allowed.includes(entry)) : undefined;
	if (unknown !== undefined)
		throw bad(`"${unknown}" is not allowed in ${name}; allowed: ${allowed.join(', ') || 'none'}.`);
	return entries;
}

function single(query, name) {
	const values = query.getAll(name);
	if (values.length > 1) throw bad(`${name} may be given once.`);
	return values[0];
}

/** A date-only bound covers its whole day: the start for lower bounds, the end for upper ones. */
function dateBound(value, upper) {
	return /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value} ${upper ? '23:59:59' : '00:00:00'}` : value;
}

function compareValues(left, right) {
	const a = left === null || left === undefined ? '' : left;
	const b = right === null || right === undefined ? '' : right;
	if (
		a !== '' &&
		b !== '' &&
		!Number.isNaN(Number(a)) &&
		!Number.isNaN(Number(b)) &&
		typeof a !== 'object'
	)
		return Number(a) - Number(b);
	return String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0;
}

/** `field=[op:]value` → a predicate, or a 400 for what the API would refuse. */
function parseFilter(field, raw, collection) {
	const match = /^([a-z]+):(.*)$/s.exec(raw);
	const [operator, value] =
		match && OPERATORS.includes(match[1]) ? [match[1], match[2]] : ['eq', raw];
	const isDate = DATE_FIELDS.includes(field);
	const get = (item) => item[field];
	if (operator === 'is') return (item) => !['', null, undefined].includes(get(item));
	if (operator === 'isn') return (item) => ['', null, undefined].includes(get(item));
	if (value === '') throw bad(`The filter on ${field} needs a value.`);
	if (operator === 'in' || operator === 'nin') {
		const values = value.split(',').map((entry) => entry.trim());
		return operator === 'in'
			? (item) => values.includes(String(get(item)))
			: (item) => !values.includes(String(get(item)));
	}
	if (RANGE_OPERATORS.includes(operator)) {
		if (!isDate && !collection.numeric.includes(field))
			throw bad(`Range operators apply to numbers and dates only, not to ${field}.`);
		const bounds = value.split(',').map((entry) => entry.trim());
		if (bounds.length !== 2 || bounds.includes(''))
			throw bad(`A range on ${field} is written start,end.`);
		const [low, high] = isDate ? [dateBound(bounds[0], false), dateBound(bounds[1], true)] : bounds;
		const includeLow = operator === 'rf' || operator === 'rl';
		const includeHigh = operator === 'rf' || operator === 'rr';
		return (item) => {
			const fromLow = compareValues(get(item), low);
			const toHigh = compareValues(get(item), high);
			return (includeLow ? fromLow >= 0 : fromLow > 0) && (includeHigh ? toHigh <= 0 : toHigh < 0);
		};
	}
	const bound = isDate ? dateBound(value, operator === 'lte' || operator === 'gt') : value;
	const tests = {
		eq: (c) => c === 0,
		neq: (c) => c !== 0,
		gt: (c) => c > 0,
		gte: (c) => c >= 0,
		lt: (c) => c < 0,
		lte: (c) => c <= 0,
	};
	if (operator === 'eq' || operator === 'neq')
		return (item) => tests[operator](String(get(item) ?? '') === value ? 0 : 1);
	return (item) =>
		get(item) !== null &&
		get(item) !== undefined &&
		get(item) !== '' &&
		tests[operator](compareValues(get(item), bound));
}

/**
 * Answers a list request over `items` (already the caller's objects). `extra` names further allowed
 * parameters; `implicitFilter` applies when no filter on its field was given (analytics: 7 days).
 */
function listResponse(req, collection, items, { maxPageSize, implicitFilter } = {}) {
	const { query } = req;
	const allowed = [
		...LIST_PARAMETERS,
		...collection.filterable,
		...(collection.out ? ['out'] : []),
	];
	for (const key of new Set(query.keys())) {
		if (!allowed.includes(key)) throw bad(`Unknown query parameter "${key}".`);
	}
	let selected = items;
	for (const field of collection.filterable) {
		const raw = single(query, field);
		if (raw !== undefined) selected = selected.filter(parseFilter(field, raw, collection));
	}
	if (implicitFilter && single(query, implicitFilter.field) === undefined)
		selected = selected.filter(implicitFilter.test);

	const q = single(query, 'q');
	const qFieldsRaw = single(query, 'q_fields');
	if (qFieldsRaw !== undefined && q === undefined) throw bad('q_fields needs q.');
	if (q !== undefined) {
		if (collection.searchable.length === 0) throw bad('This list cannot be searched.');
		const fields =
			qFieldsRaw === undefined
				? [collection.searchable[0]]
				: csvList(qFieldsRaw, 'q_fields', collection.searchable);
		const needle = q.toLowerCase();
		selected = selected.filter((item) =>
			fields.some((field) =>
				String(item[field] ?? '')
					.toLowerCase()
					.includes(needle),
			),
		);
	}

	const sortRaw = single(query, 'sort') ?? collection.defaultSort;
	if (sortRaw !== undefined) {
		const rules = csvList(sortRaw, 'sort').map((entry) => {
			const descending = entry.startsWith('-');
			const field = descending ? entry.slice(1) : entry;
			if (
				!collection.sortable.includes(field) &&
				!(collection.defaultSort && entry === collection.defaultSort)
			) {
				throw bad(`"${field}" is not sortable; sortable: ${collection.sortable.join(', ')}.`);
			}
			return { field, direction: descending ? -1 : 1 };
		});
		selected = [...selected].sort((a, b) => {
			for (const { field, direction } of rules) {
				const order = compareValues(a[field], b[field]);
				if (order !== 0) return order * direction;
			}
			return compareValues(a.id, b.id) * rules[0].direction; // ties: creation order, in the first rule's direction
		});
	}

	const pageRaw = single(query, 'page');
	let page = 1;
	let size = collection.defaultPageSize || 20;
	if (pageRaw !== undefined) {
		const match = /^(\d+)(?:,(\d+))?$/.exec(pageRaw);
		if (!match || Number(match[1]) < 1 || (match[2] !== undefined && Number(match[2]) < 1)) {
			throw bad('page must be N or N,M with whole numbers from 1 up.');
		}
		page = Number(match[1]);
		if (match[2] !== undefined) size = Math.min(Number(match[2]), maxPageSize || MAX_PAGE_SIZE);
	}

	const fieldsRaw = single(query, 'fields');
	const view = single(query, 'view');
	if (view !== undefined && !['default', 'full'].includes(view))
		throw bad('view must be default or full.');
	const fields =
		fieldsRaw !== undefined
			? csvList(fieldsRaw, 'fields', collection.fields)
			: view === 'full'
				? null
				: collection.defaultView || null;
	const project = (item) =>
		fields
			? Object.fromEntries(
					fields.filter((field) => field in item).map((field) => [field, item[field]]),
				)
			: item;

	const total = selected.length;
	const pageItems = selected
		.slice((page - 1) * size, page * size)
		.map((item) => project(structuredClone(item)));
	return {
		status: 200,
		body: { total: collection.totalAsString ? String(total) : total, items: pageItems },
	};
}

function toCsv(items) {
	if (items.length === 0) return '';
	const columns = Object.keys(items[0]);
	const cell = (value) => {
		const text =
			value === null || value === undefined
				? ''
				: typeof value === 'object'
					? JSON.stringify(value)
					: String(value);
		return /[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
	};
	return [
		columns.join(','),
		...items.map((item) => columns.map((column) => cell(item[column])).join(',')),
	].join('\n');
}

// ---------------------------------------------------------------------------------------------
// Body checks

function readBody(req, { allowEmpty = false } = {}) {
	if (req.rawBody.trim() === '') {
		if (allowEmpty) return {};
		throw bad('The request body is not valid.');
	}
	const body = req.json();
	if (!isObject(body)) throw bad('The request body is not valid.');
	return body;
}

function onlyKnown(body, known) {
	const unknown = Object.keys(body).find((key) => !known.includes(key));
	if (unknown !== undefined) throw bad(`Unknown field "${unknown}".`);
}

function checkFlags(body, names) {
	for (const name of names)
		if (body[name] !== undefined && ![0, 1].includes(body[name]))
			throw bad(`${name} must be 0 or 1.`);
}

function checkText(body, name, max) {
	if (body[name] === undefined) return;
	if (typeof body[name] !== 'string') throw bad(`${name} must be a string.`);
	if (body[name].length > max) throw bad(`${name} must be at most ${max} characters.`);
}

function checkTargeting(targeting) {
	if (targeting === undefined) return;
	if (!isObject(targeting)) throw bad('targeting must be an object.');
	for (const key of Object.keys(targeting)) {
		if (DEPRECATED_TARGETING[key])
			throw bad(`Targeting key "${key}" is deprecated; use "${DEPRECATED_TARGETING[key]}".`);
	}
}

/** RFC 7386 JSON Merge Patch. */
function mergePatch(target, patch) {
	if (!isObject(patch)) return structuredClone(patch);
	const result = isObject(target) ? { ...target } : {};
	for (const [key, value] of Object.entries(patch)) {
		if (value === null) delete result[key];
		else result[key] = mergePatch(result[key], value);
	}
	return result;
}

function countryOf(phone) {
	const match = COUNTRY_PREFIXES.find(([prefix]) => phone && phone.startsWith(prefix));
	return match ? match[1] : null;
}

// ---------------------------------------------------------------------------------------------
// Store

function createStore({ now }) {
	const state = {};
	let nextId;
	let nextProfile;

	const stamp = () => hoodTime(now());
	const id = () => String(nextId++);
	// 20 digits, beyond Number.MAX_SAFE_INTEGER, as in the docs: the first is their example's ID.
	const profileId = () => String(17430755068336100382n + BigInt(nextProfile++));

	function clear() {
		Object.assign(state, {
			properties: new Map(),
			profiles: new Map(),
			lists: new Map(),
			segments: new Map(),
			campaigns: new Map(),
			events: new Map(),
			unsubscribed: new Set(),
			imports: [],
		});
		nextId = 1000100;
		nextProfile = 1;
	}

	function addProperty(input) {
		const property = {
			id: id(),
			company_id: '1001',
			target: input.label,
			label: input.label,
			data_type: input.data_type || 'text',
			example: input.example ?? '',
			description: input.description ?? '',
			import_aliases: [],
			export_alias: input.export_alias ?? '',
			pi_data: input.pi_data ?? 0,
			system: input.system ?? 0,
			importable: input.importable ?? 1,
			exportable: input.exportable ?? 1,
			create_time: stamp(),
			update_time: stamp(),
		};
		state.properties.set(property.id, property);
		return property;
	}

	function addProfile(input) {
		const profile = {
			id: input.id || profileId(),
			company_id: '1001',
			// Seeds (control route, tests) may set the status and the creation time; the API cannot.
			status: input.status || 'active',
			email: input.email ?? null,
			mobile_phone_number: input.mobile_phone_number ?? null,
			full_name: input.full_name ?? null,
			country_code: countryOf(input.mobile_phone_number),
			organization_id: input.organization_id ?? null,
			lists: input.lists ?? [],
			comment: input.comment ?? null,
			custom_properties: input.custom_properties ?? {},
			channels: { email: input.email ? 1 : 0, sms: input.mobile_phone_number ? 1 : 0, push: 0 },
			// The rest of the documented 201 answer of POST /profiles, every value a string as shown there.
			container_id: '0',
			app_type: 'web',
			app_name: '',
			region: '0',
			city: '0',
			asn: '0',
			os_id: '0',
			browser_id: '0',
			device_id: '0',
			user_lang: 'en',
			timezone: '',
			total_pageviews: '0',
			total_goals: '0',
			push_wokenup: '0',
			push_clicks: '0',
			ad_served: '0',
			ad_impressions: '0',
			create_time: input.create_time ?? stamp(),
			update_time: input.update_time ?? input.create_time ?? stamp(),
		};
		if (profile.status === 'unsubscribed')
			for (const contact of [profile.email, profile.mobile_phone_number])
				if (contact) state.unsubscribed.add(contact);
		state.profiles.set(profile.id, profile);
		return profile;
	}

	function addList(input) {
		const list = {
			id: id(),
			company_id: '1001',
			name: input.name,
			description: input.description ?? '',
			color: input.color ?? '#9e9e9e',
			create_time: stamp(),
			update_time: stamp(),
		};
		state.lists.set(list.id, list);
		return list;
	}

	function addSegment(input) {
		const segment = {
			id: id(),
			name: input.name,
			status: input.status || 'active',
			targeting: input.targeting ?? {},
			create_time: stamp(),
			update_time: stamp(),
		};
		state.segments.set(segment.id, segment);
		return segment;
	}

	function addCampaign(input) {
		const status =
			input.status ||
			(input.is_draft
				? 'draft'
				: input.run_immediately
					? 'running'
					: input.scheduled_time
						? 'scheduled'
						: 'manual');
		const campaign = {
			company_id: '1001',
			creator_id: '1000223',
			creator: { id: '1000223', name: 'Sandbox user', status: 'active', image: '' },
			labels: [],
			metadata: {},
			messages: [],
			targeting: {},
			was_launched: false,
			...structuredClone(input),
			id: id(),
			status,
			next_run_time: input.scheduled_time ?? null,
			run_counter: input.run_counter ?? 0,
			create_time: stamp(),
			update_time: stamp(),
		};
		state.campaigns.set(campaign.id, campaign);
		return campaign;
	}

	function addEvents(profile, events) {
		const list = state.events.get(profile) || [];
		for (const event of events) {
			const time = event.event_time || hoodTime(now());
			list.push({
				event_time: time,
				event_date: time.slice(0, 10),
				page_url: event.page_url ?? null,
				event: event.event,
			});
		}
		state.events.set(profile, list);
	}

	/** Live (not deleted) profile, or a 404 / 400. */
	function liveProfile(profileIdValue, error = () => notFound('Profile')) {
		const profile = state.profiles.get(profileIdValue);
		if (!profile || profile.status === 'deleted') throw error();
		return profile;
	}

	clear();
	return {
		state,
		clear,
		addProperty,
		addProfile,
		addList,
		addSegment,
		addCampaign,
		addEvents,
		liveProfile,
		stamp,
		touch: (object) => (object.update_time = stamp()),
	};
}

/** System properties every account has; custom ones for demos. */
function seedStore(store, seed, now) {
	for (const label of ['email', 'mobile_phone_number', 'full_name', 'country_code']) {
		store.addProperty({
			label,
			system: 1,
			pi_data: label === 'country_code' ? 0 : 1,
			description: `System property ${label}`,
		});
	}
	if (seed !== 'demo') return;
	store.addProperty({
		label: 'loyalty_tier',
		description: 'Bronze, silver or gold',
		example: 'gold',
	});
	store.addProperty({
		label: 'lifetime_value',
		data_type: 'number',
		description: 'Revenue in EUR',
		example: '129.90',
		exportable: 1,
	});
	store.addProperty({
		label: 'newsletter_topic',
		description: 'Preferred topic',
		example: 'shoes',
		importable: 0,
	});
	const newsletter = store.addList({
		name: 'Newsletter',
		color: '#1a73e8',
		description: 'Opted in to the weekly newsletter',
	});
	store.addList({ name: 'VIP', color: '#fca311', description: 'Top customers' });
	const ana = store.addProfile({
		email: 'ana@example.com',
		full_name: 'Ana Petrović',
		mobile_phone_number: '+381641234567',
		lists: [newsletter.id],
		custom_properties: { loyalty_tier: 'gold' },
	});
	store.addProfile({
		email: 'jonas@example.com',
		full_name: 'Jonas Weber',
		mobile_phone_number: '+4915123456789',
	});
	store.addProfile({ mobile_phone_number: '+447700900123', full_name: 'Olivia Smith' });
	// So that the trigger's Fetch Test Event has an unsubscribe to show.
	store.addProfile({
		email: 'lukas@example.com',
		full_name: 'Lukas Novak',
		status: 'unsubscribed',
	});
	store.addSegment({
		name: 'German speakers',
		targeting: { languages: { op: 'in', items: ['de'] } },
	});
	store.addCampaign({
		name: 'Summer sale',
		status: 'running',
		messages: [{ name: 'Push', channel: 'push', push: { title: { en: 'Summer sale' } } }],
	});
	store.addCampaign({ name: 'Welcome series', status: 'draft', is_draft: true });
	store.addEvents(ana.id, [
		{
			event: 'page_view',
			page_url: 'https://shop.example.com/',
			event_time: hoodTime(now() - DAY_MS),
		},
		{
			event: 'purchase',
			page_url: 'https://shop.example.com/checkout',
			event_time: hoodTime(now() - 2 * DAY_MS),
		},
		{
			event: 'page_view',
			page_url: 'https://shop.example.com/sale',
			event_time: hoodTime(now() - 20 * DAY_MS),
		},
	]);
}

// ---------------------------------------------------------------------------------------------
// Handlers

const PROPERTY_CHANGES = [
	'example',
	'description',
	'export_alias',
	'pi_data',
	'importable',
	'exportable',
];

function createHandlers({ store, now, options }) {
	const { state } = store;
	/** Applies the queued imports whose time has come, writing one report row per profile. */
	function applyImports() {
		for (const record of state.imports) {
			if (record.status !== 'running' || record.readyAt > now()) continue;
			const time = hoodTime(now());
			record.results = record.profiles.map((entry) => {
				const profile = state.profiles.get(entry.id);
				let code = 'PROFILE_NOT_FOUND';
				if (profile && profile.status !== 'deleted') {
					for (const [key, { value }] of Object.entries(entry.custom_properties))
						profile.custom_properties[key] = value;
					store.touch(profile);
					code = 'SUCCESS';
				}
				return {
					event_date: `${time.slice(0, 10)}T00:00:00Z`,
					event_time: record.start_time,
					profile_id: entry.id,
					code,
					update_time: time,
				};
			});
			record.status = 'finished';
		}
	}
	/** A property as the listings show it: its name under `label` or under `property`. */
	const presentProperty = (item) => {
		if (options.propertyName !== 'property' || !isObject(item) || !('label' in item)) return item;
		const { label, ...rest } = item;
		return { ...rest, property: label };
	};
	const presentProperties = (response) => {
		if (response.body && Array.isArray(response.body.items))
			response.body.items = response.body.items.map(presentProperty);
		return response;
	};
	const list = (collection, itemsOf, extra) => (req) =>
		listResponse(req, COLLECTIONS[collection], itemsOf(req), {
			maxPageSize: options.maxPageSize,
			...extra,
		});
	/** Single-item GETs answer the list envelope; `fields` and `view` work as on the lists. */
	const envelope = (req, collection, item) => {
		for (const key of new Set(req.query.keys()))
			if (!['fields', 'view'].includes(key)) throw bad(`Unknown query parameter "${key}".`);
		const view = single(req.query, 'view');
		if (view !== undefined && !['default', 'full'].includes(view))
			throw bad('view must be default or full.');
		const fieldsRaw = single(req.query, 'fields');
		const fields =
			fieldsRaw !== undefined
				? csvList(fieldsRaw, 'fields', collection.fields)
				: view === 'full'
					? null
					: collection.defaultView || null;
		const copy = structuredClone(item);
		const shown = fields
			? Object.fromEntries(
					fields.filter((field) => field in copy).map((field) => [field, copy[field]]),
				)
			: copy;
		return { status: 200, body: { total: 1, items: [shown] } };
	};
	const found = (map, what) => (req) => {
		const item = map().get(req.params.id);
		if (!item) throw notFound(what);
		return item;
	};
	const property = found(() => state.properties, 'Profile property');
	const profileList = found(() => state.lists, 'Profile list');
	const segment = found(() => state.segments, 'Segment');
	const campaign = found(() => state.campaigns, 'Campaign');

	function checkProperty(body) {
		checkFlags(body, ['pi_data', 'importable', 'exportable']);
		checkText(body, 'description', 2000);
		for (const name of ['example', 'export_alias']) checkText(body, name, 2000);
	}

	function checkCustomProperties(values, entry) {
		if (!isObject(values)) throw bad('custom_properties must be an object.');
		const custom = new Map(
			[...state.properties.values()].filter((p) => !p.system).map((p) => [p.label, p]),
		);
		for (const [key, value] of Object.entries(values)) {
			if (!custom.has(key)) throw bad(`Unknown custom property "${key}".`);
			entry(key, value);
		}
	}

	function checkProfileContact(body) {
		if (body.email !== undefined && (typeof body.email !== 'string' || !EMAIL.test(body.email)))
			throw bad('email is not a valid email address.');
		if (
			body.mobile_phone_number !== undefined &&
			(typeof body.mobile_phone_number !== 'string' || !E164.test(body.mobile_phone_number))
		) {
			throw bad('mobile_phone_number must be in E.164 format.');
		}
	}

	function checkCampaign(body, { creating }) {
		if (creating && (typeof body.name !== 'string' || body.name.trim() === ''))
			throw bad('name is required.');
		if (body.messages !== undefined) {
			if (!Array.isArray(body.messages)) throw bad('messages must be an array.');
			const perChannel = {};
			for (const message of body.messages) {
				if (!isObject(message) || !['push', 'email', 'sms'].includes(message.channel))
					throw bad('Every message needs a channel: push, email or sms.');
				if (message.channel !== 'push' && !message.integration_id)
					throw bad(`integration_id is required for ${message.channel} messages.`);
				perChannel[message.channel] = (perChannel[message.channel] || 0) + 1;
			}
			for (const [channel, count] of Object.entries(perChannel)) {
				if (count > 4) throw bad(`At most 4 ${channel} messages.`);
				if (count > 1 && !body.ab_test)
					throw bad(`ab_test is required when several messages share the ${channel} channel.`);
			}
		}
		if (
			body.scheduled_time !== undefined &&
			(typeof body.scheduled_time !== 'string' || !HOOD_TIME.test(body.scheduled_time))
		) {
			throw bad('scheduled_time must be YYYY-MM-DD HH:MM:SS.');
		}
		checkTargeting(body.targeting);
	}

	function reasonOnly(req) {
		const body = readBody(req, { allowEmpty: true });
		onlyKnown(body, ['reason']);
		checkText(body, 'reason', 2000);
		return body;
	}

	const PAST = { pause: 'paused', resume: 'resumed', cancel: 'canceled' };
	const campaignAction = (allowed, verb, apply) => (req) => {
		const item = campaign(req);
		const body = verb === 'resume' ? readBody(req) : reasonOnly(req);
		if (!allowed.includes(item.status))
			throw bad(`A campaign in status ${item.status} cannot be ${PAST[verb]}.`);
		apply(item, body);
		store.touch(item);
		return { status: 204 };
	};

	return {
		applyImports,
		// Profile properties
		listProperties: (req) =>
			presentProperties(list('properties', () => [...state.properties.values()])(req)),
		getProperty: (req) => presentProperties(envelope(req, COLLECTIONS.properties, property(req))),
		createProperty(req) {
			const body = readBody(req);
			if (body.target !== undefined) throw bad('target is legacy; send label instead.');
			onlyKnown(body, ['label', 'data_type', ...PROPERTY_CHANGES]);
			if (typeof body.label !== 'string' || body.label.trim() === '')
				throw bad('label is required.');
			if (body.data_type !== undefined && !['text', 'number', 'date'].includes(body.data_type))
				throw bad('data_type must be text, number or date.');
			checkProperty(body);
			if ([...state.properties.values()].some((existing) => existing.label === body.label)) {
				throw httpError(409, `A profile property with the label "${body.label}" already exists.`);
			}
			return { status: 201, body: presentProperty(store.addProperty(body)) };
		},
		updateProperty(req) {
			const item = property(req);
			const body = readBody(req);
			onlyKnown(body, PROPERTY_CHANGES);
			if (Object.keys(body).length === 0) throw bad('At least one field is required.');
			if (item.system) throw httpError(403, 'Operation not permitted.');
			checkProperty(body);
			Object.assign(item, body);
			store.touch(item);
			return { status: 204 };
		},
		deleteProperty(req) {
			const item = property(req);
			if (item.system) throw httpError(403, 'Operation not permitted.');
			state.properties.delete(item.id);
			for (const profile of state.profiles.values()) delete profile.custom_properties[item.label];
			return { status: 204 };
		},

		// Profiles
		listProfiles: list('profiles', () =>
			[...state.profiles.values()].filter((profile) => profile.status !== 'deleted'),
		),
		getProfile: (req) => envelope(req, COLLECTIONS.profiles, store.liveProfile(req.params.id)),
		createProfile(req) {
			const body = readBody(req);
			onlyKnown(body, ['full_name', 'email', 'mobile_phone_number']);
			if (!body.email && !body.mobile_phone_number)
				throw bad('Email or mobile phone number is required.');
			checkProfileContact(body);
			checkText(body, 'full_name', 200);
			for (const contact of [body.email, body.mobile_phone_number]) {
				if (contact && state.unsubscribed.has(contact))
					throw bad(`${contact} is unsubscribed and cannot be attached to a new profile.`);
			}
			const created = store.addProfile(body);
			return options.profileCreateAnswer === 'empty'
				? { status: 201 }
				: { status: 201, body: created };
		},
		updateProfile(req) {
			const item = store.liveProfile(req.params.id);
			const body = readBody(req);
			onlyKnown(body, [
				'email',
				'mobile_phone_number',
				'full_name',
				'organization_id',
				'lists',
				'comment',
				'custom_properties',
			]);
			if (Object.keys(body).length === 0) throw bad('At least one field is required.');
			checkProfileContact(body);
			if (body.lists !== undefined) {
				if (!Array.isArray(body.lists)) throw bad('lists must be an array of profile list ids.');
				const unknown = body.lists.find((listId) => !state.lists.has(String(listId)));
				if (unknown !== undefined) throw bad(`Unknown profile list id ${unknown}.`);
			}
			const custom = {};
			if (body.custom_properties !== undefined) {
				checkCustomProperties(body.custom_properties, (key, value) => {
					if (isObject(value) || Array.isArray(value))
						throw bad(`The value of ${key} must be a scalar.`);
					custom[key] = value;
				});
			}
			const rest = { ...body };
			delete rest.custom_properties;
			Object.assign(item, rest);
			if (rest.lists) item.lists = rest.lists.map(String);
			if (rest.mobile_phone_number) item.country_code = countryOf(rest.mobile_phone_number);
			for (const [key, value] of Object.entries(custom)) {
				if (value === null) delete item.custom_properties[key];
				else item.custom_properties[key] = value;
			}
			store.touch(item);
			return { status: 204 };
		},
		deleteProfile(req) {
			const item = state.profiles.get(req.params.id);
			if (!item) throw notFound('Profile');
			item.status = 'deleted'; // idempotent: deleting twice answers 204 twice
			store.touch(item);
			return { status: 204 };
		},
		unsubscribeProfile(req) {
			const item = store.liveProfile(req.params.id);
			readBody(req, { allowEmpty: true });
			item.status = 'unsubscribed';
			for (const contact of [item.email, item.mobile_phone_number])
				if (contact) state.unsubscribed.add(contact);
			store.touch(item);
			return { status: 204 };
		},
		mergeProfiles(req) {
			const { id, sid } = req.params;
			if (id === sid) throw bad('A profile cannot be merged into itself.');
			const unknown = () => bad('Unknown profile id.');
			const target = store.liveProfile(id, unknown);
			const source = store.liveProfile(sid, unknown);
			for (const field of [
				'email',
				'mobile_phone_number',
				'full_name',
				'organization_id',
				'comment',
				'country_code',
			]) {
				if (
					[null, undefined, ''].includes(target[field]) &&
					![null, undefined, ''].includes(source[field])
				)
					target[field] = source[field];
			}
			for (const [key, value] of Object.entries(source.custom_properties))
				if (!(key in target.custom_properties)) target.custom_properties[key] = value;
			if (target.lists.length === 0) target.lists = [...source.lists];
			source.status = 'deleted';
			store.touch(target);
			store.touch(source);
			return { status: 204 };
		},
		profileAnalytics(req) {
			const profile = store.liveProfile(req.params.id);
			const since = hoodTime(now() - 7 * DAY_MS);
			return listResponse(req, COLLECTIONS.analytics, state.events.get(profile.id) || [], {
				maxPageSize: options.maxPageSize,
				// Without an event_time filter the API answers the last 7 days.
				implicitFilter: { field: 'event_time', test: (event) => event.event_time >= since },
			});
		},
		importCustomProperties(req) {
			const body = readBody(req);
			onlyKnown(body, ['profiles']);
			if (!Array.isArray(body.profiles) || body.profiles.length === 0)
				throw bad('profiles must be a non-empty array.');
			if (body.profiles.length > options.maxImportProfiles)
				throw httpError(413, `At most ${options.maxImportProfiles} profiles per request.`);
			body.profiles.forEach((entry, index) => {
				if (!isObject(entry)) throw bad(`profiles[${index}] must be an object.`);
				onlyKnown(entry, ['id', 'custom_properties']);
				if (typeof entry.id !== 'string' || !/^\d+$/.test(entry.id))
					throw bad(`profiles[${index}].id must be a profile id string.`);
				if (!isObject(entry.custom_properties) || Object.keys(entry.custom_properties).length === 0)
					throw bad(`profiles[${index}].custom_properties must be a non-empty object.`);
				if (Object.keys(entry.custom_properties).length > MAX_CUSTOM_PROPERTIES)
					throw bad(`At most ${MAX_CUSTOM_PROPERTIES} custom properties per profile.`);
				checkCustomProperties(entry.custom_properties, (key, value) => {
					if (
						!isObject(value) ||
						!['string', 'number', 'date'].includes(value.type) ||
						!('value' in value)
					) {
						throw bad(`profiles[${index}].custom_properties.${key} must be {type, value}.`);
					}
				});
			});
			const accepted = now();
			const record = {
				id: crypto.randomUUID(),
				status: 'running',
				start_time: hoodTime(accepted),
				readyAt: accepted + options.importDelayMs,
				profiles: structuredClone(body.profiles),
				results: [],
			};
			state.imports.push(record);
			// Inferred: the LRO record that POST /profiles/imports documents for its 202.
			const answer = {
				id: record.id,
				company_id: '1001',
				member_id: '1000223',
				name: 'profile-import',
				status: 'running',
				start_time: record.start_time,
			};
			if (options.importDelayMs <= 0) applyImports();
			return options.importAnswer === 'empty' ? { status: 202 } : { status: 202, body: answer };
		},
		importReport(req) {
			applyImports();
			for (const key of new Set(req.query.keys()))
				if (key !== 'page') throw bad(`Unknown query parameter "${key}".`);
			const record = state.imports.find((entry) => entry.id === req.params.id);
			if (!record) throw notFound('Import'); // invented: the docs show only 400 and 500
			let rows = record.results;
			const page = single(req.query, 'page');
			if (page !== undefined) {
				const match = /^(\d+)(?:,(\d+))?$/.exec(page);
				if (!match || Number(match[1]) < 1 || (match[2] !== undefined && Number(match[2]) < 1))
					throw bad('page must be N or N,M with whole numbers from 1 up.');
				const size = Math.min(Number(match[2] ?? 100), options.maxPageSize || MAX_PAGE_SIZE);
				rows = rows.slice((Number(match[1]) - 1) * size, Number(match[1]) * size);
			}
			return { status: 200, body: structuredClone(rows) };
		},

		// Profile lists
		listLists: list('lists', () => [...state.lists.values()]),
		createList(req) {
			const body = readBody(req);
			onlyKnown(body, ['name', 'color', 'description']);
			if (typeof body.name !== 'string' || body.name.trim() === '') throw bad('name is required.');
			checkText(body, 'name', 100);
			checkText(body, 'description', 2000);
			if (body.color !== undefined && !/^#(?:[0-9a-fA-F]{3}){1,2}$/.test(body.color))
				throw bad('color must be a hex color such as #1a73e8.');
			return { status: 201, body: store.addList(body) };
		},
		updateList(req) {
			const item = profileList(req);
			const body = readBody(req);
			onlyKnown(body, ['name', 'color', 'description']);
			if (Object.keys(body).length === 0) throw bad('At least one field is required.');
			if (body.name !== undefined && (typeof body.name !== 'string' || body.name.trim() === ''))
				throw bad('name must not be empty.');
			if (body.color !== undefined && !/^#(?:[0-9a-fA-F]{3}){1,2}$/.test(body.color))
				throw bad('color must be a hex color such as #1a73e8.');
			Object.assign(item, body);
			store.touch(item);
			return { status: 204 };
		},
		deleteList(req) {
			const item = profileList(req);
			const usedBy = [...state.segments.values(), ...state.campaigns.values()].some((user) =>
				(
					(user.targeting && user.targeting.profile_lists && user.targeting.profile_lists.items) ||
					[]
				)
					.map(String)
					.includes(item.id),
			);
			if (usedBy) throw bad('The profile list is used by a campaign, segment or scheduled task.');
			state.lists.delete(item.id);
			for (const profile of state.profiles.values())
				profile.lists = profile.lists.filter((listId) => listId !== item.id);
			return { status: 204 };
		},

		// Segments
		listSegments(req) {
			const out = single(req.query, 'out');
			if (out !== undefined && !['json', 'csv'].includes(out))
				throw bad('out must be json or csv.');
			const response = listResponse(req, COLLECTIONS.segments, [...state.segments.values()], {
				maxPageSize: options.maxPageSize,
			});
			if (out === 'json') return response;
			return {
				status: 200,
				body: toCsv(response.body.items),
				headers: { 'Content-Type': 'text/csv; charset=utf-8' },
			};
		},
		getSegment: (req) => envelope(req, COLLECTIONS.segments, segment(req)),
		createSegment(req) {
			const body = readBody(req);
			onlyKnown(body, ['name', 'status', 'targeting']);
			if (typeof body.name !== 'string' || body.name.trim() === '') throw bad('name is required.');
			if (body.status !== undefined && !['active', 'inactive'].includes(body.status))
				throw bad('status must be active or inactive.');
			checkTargeting(body.targeting);
			return { status: 201, body: store.addSegment(body) };
		},
		updateSegment(req) {
			const item = segment(req);
			const body = readBody(req);
			onlyKnown(body, ['name', 'status', 'targeting']);
			if (Object.keys(body).length === 0) throw bad('At least one field is required.');
			if (body.status !== undefined && !['active', 'inactive'].includes(body.status))
				throw bad('status must be active or inactive.');
			checkTargeting(body.targeting);
			Object.assign(item, body);
			store.touch(item);
			return { status: 204 };
		},

		// Campaigns
		listCampaigns: list('campaigns', () => [...state.campaigns.values()]),
		getCampaign: (req) => envelope(req, COLLECTIONS.campaigns, campaign(req)),
		createCampaign(req) {
			const body = readBody(req);
			checkCampaign(body, { creating: true });
			for (const field of ['id', 'status', 'create_time', 'update_time'])
				if (field in body) throw bad(`${field} is set by the server.`);
			const modes = [
				body.is_draft === true,
				body.run_immediately === true,
				body.scheduled_time !== undefined,
			].filter(Boolean);
			if (modes.length > 1)
				throw bad('Choose one of is_draft, run_immediately and scheduled_time.');
			return { status: 201, body: store.addCampaign(body) };
		},
		updateCampaign(req) {
			const item = campaign(req);
			const body = readBody(req);
			if (Object.keys(body).length === 0) throw bad('At least one field is required.');
			if (['running', 'canceled', 'sent', 'needs_decision'].includes(item.status))
				throw bad(`A campaign in status ${item.status} cannot be changed.`);
			if ('status' in body && item.status !== 'draft')
				throw bad('The status can only change from draft.');
			for (const field of ['id', 'create_time', 'update_time'])
				if (field in body) throw bad(`${field} is set by the server.`);
			const merged = mergePatch(item, body);
			checkCampaign(merged, { creating: true });
			Object.assign(item, merged);
			for (const key of Object.keys(item)) if (!(key in merged)) delete item[key];
			store.touch(item);
			return { status: 204 };
		},
		pauseCampaign: campaignAction(['running', 'scheduled'], 'pause', (item, body) =>
			Object.assign(item, { status: 'paused', reason: body.reason ?? null }),
		),
		resumeCampaign: campaignAction(['paused'], 'resume', (item, body) => {
			onlyKnown(body, ['run_immediately', 'scheduled_time']);
			const now = body.run_immediately === true;
			const later = typeof body.scheduled_time === 'string' && HOOD_TIME.test(body.scheduled_time);
			if (now === later)
				throw bad('Send either run_immediately: true or scheduled_time (YYYY-MM-DD HH:MM:SS).');
			Object.assign(
				item,
				later
					? { status: 'scheduled', scheduled_time: body.scheduled_time }
					: { status: 'running' },
			);
		}),
		cancelCampaign: campaignAction(['running', 'scheduled', 'paused'], 'cancel', (item, body) =>
			Object.assign(item, { status: 'canceled', reason: body.reason ?? null }),
		),
	};
}

// ---------------------------------------------------------------------------------------------
// Factory

/**
 * @param {object} [options]
 * @param {Record<string, string>} [options.tokens] API token → account; the rate limit counts per account
 * @param {'documented'|null|object} [options.rateLimit] 'documented' (tier C, default), null (off) or a framework rate limit
 * @param {number} [options.timeScale] with 'documented': shorten both windows by this factor (e.g. 10: 0.1 s and 6 s)
 * @param {number|null} [options.maxParallel] requests of one account in flight at once before 429 + Retry-After: -1
 * @param {number} [options.latencyMs] time each answer takes, so parallel requests overlap
 * @param {number} [options.maxPageSize] the largest page served
 * @param {number} [options.maxImportProfiles] profiles per /profiles/import request
 * @param {'demo'|'empty'} [options.seed] 'empty' has only the system properties
 * @param {'label'|'property'} [options.propertyName] the key property listings name a property under
 * @param {'full'|'empty'} [options.profileCreateAnswer] POST /profiles: 201 with the profile, or without a body
 * @param {'lro'|'empty'} [options.importAnswer] POST /profiles/import: 202 with an import record, or without a body
 * @param {number} [options.importDelayMs] how long an accepted import stays queued before it is applied
 * @param {() => number} [options.now] clock in ms
 */
function createOcambaHoodSandbox({
	tokens = DEFAULT_TOKENS,
	rateLimit = 'documented',
	timeScale = 1,
	maxParallel = 10,
	latencyMs = 0,
	maxPageSize = MAX_PAGE_SIZE,
	maxImportProfiles = MAX_IMPORT_PROFILES,
	seed = 'empty',
	propertyName = 'label',
	profileCreateAnswer = 'full',
	importAnswer = 'lro',
	importDelayMs = 0,
	now = () => Date.now(),
} = {}) {
	const store = createStore({ now });
	const options = {
		maxPageSize,
		maxImportProfiles,
		maxParallel,
		latencyMs,
		propertyName,
		profileCreateAnswer,
		importAnswer,
		importDelayMs,
	};
	// reset() goes back to these answer forms; the limits stay as set (setLimits).
	const answerForms = { propertyName, profileCreateAnswer, importAnswer, importDelayMs };
	const handlers = createHandlers({ store, now, options });
	const state = () => store.state;
	const accountOf = (req) => {
		const match = /^Bearer (\S+)$/.exec(req.headers.authorization || '');
		return match && Object.prototype.hasOwnProperty.call(tokens, match[1])
			? tokens[match[1]]
			: 'anonymous';
	};
	const inFlight = new Map();

	/** Every handler counts as in flight for its account while it runs (and takes `latencyMs`). */
	const guarded = (handler) => async (req) => {
		const account = accountOf(req);
		const running = inFlight.get(account) || 0;
		if (options.maxParallel && running >= options.maxParallel) {
			throw httpError(429, 'Too many parallel requests.', undefined, { 'Retry-After': '-1' });
		}
		inFlight.set(account, running + 1);
		handlers.applyImports();
		try {
			if (options.latencyMs > 0)
				await new Promise((resolve) => setTimeout(resolve, options.latencyMs));
			return await handler(req);
		} finally {
			inFlight.set(account, inFlight.get(account) - 1);
		}
	};
	const route = (method, path, handler) => ({
		method,
		path: `${BASE}${path}`,
		handler: guarded(handler),
	});

	const sandbox = createSandbox({
		name: 'ocamba-hood',
		errorResponse: hoodErrorResponse,
		authenticate: (req) => {
			const header = req.headers.authorization;
			if (!header) return hoodErrorResponse(401, 'Missing API token.');
			const match = /^Bearer (\S+)$/.exec(header);
			if (!match || !Object.prototype.hasOwnProperty.call(tokens, match[1]))
				return hoodErrorResponse(401, 'Invalid API token.');
			return null;
		},
		rateLimit: rateLimit === 'documented' ? ocambaHoodRateLimit(timeScale) : rateLimit,
		rateLimitKey: accountOf,
		rateLimitHeaders: true,
		redactHeaders: ['authorization'],
		onReset: () => {
			Object.assign(options, answerForms);
			store.clear();
			seedStore(store, seed, now);
		},
		routes: [
			route('GET', '/profile-properties', handlers.listProperties),
			route('POST', '/profile-properties', handlers.createProperty),
			route('GET', '/profile-properties/:id', handlers.getProperty),
			route('PATCH', '/profile-properties/:id', handlers.updateProperty),
			route('DELETE', '/profile-properties/:id', handlers.deleteProperty),
			route('GET', '/profiles', handlers.listProfiles),
			route('POST', '/profiles', handlers.createProfile),
			route('POST', '/profiles/import', handlers.importCustomProperties),
			route('GET', '/profiles/:id', handlers.getProfile),
			route('PATCH', '/profiles/:id', handlers.updateProfile),
			route('DELETE', '/profiles/:id', handlers.deleteProfile),
			route('POST', '/profiles/:id/unsubscribe', handlers.unsubscribeProfile),
			route('POST', '/profiles/:id/merge/:sid', handlers.mergeProfiles),
			route('GET', '/profiles/:id/analytics', handlers.profileAnalytics),
			route('GET', '/profile-lists', handlers.listLists),
			route('POST', '/profile-lists', handlers.createList),
			route('PATCH', '/profile-lists/:id', handlers.updateList),
			route('DELETE', '/profile-lists/:id', handlers.deleteList),
			route('GET', '/segments', handlers.listSegments),
			route('POST', '/segments', handlers.createSegment),
			route('GET', '/segments/:id', handlers.getSegment),
			route('PATCH', '/segments/:id', handlers.updateSegment),
			route('GET', '/campaigns', handlers.listCampaigns),
			route('POST', '/campaigns', handlers.createCampaign),
			route('GET', '/campaigns/:id', handlers.getCampaign),
			route('PATCH', '/campaigns/:id', handlers.updateCampaign),
			route('POST', '/campaigns/:id/pause', handlers.pauseCampaign),
			route('POST', '/campaigns/:id/resume', handlers.resumeCampaign),
			route('POST', '/campaigns/:id/cancel', handlers.cancelCampaign),
			route('GET', '/reports/profiles/import/:id/full', handlers.importReport),
		],
		controlRoutes: [
			{
				method: 'GET',
				path: '/__sandbox/ocamba-hood/store',
				handler: () => {
					handlers.applyImports();
					return { status: 200, body: snapshot(store) };
				},
			},
			{
				method: 'POST',
				path: '/__sandbox/ocamba-hood/options',
				handler: (req) => {
					const body = req.json();
					if (!isObject(body))
						throw bad(
							'Expected {propertyName?, profileCreateAnswer?, importAnswer?, importDelayMs?}.',
						);
					sandbox.setOptions(body);
					const {
						propertyName: name,
						profileCreateAnswer: create,
						importAnswer: answer,
						importDelayMs: delay,
					} = options;
					return {
						status: 200,
						body: {
							propertyName: name,
							profileCreateAnswer: create,
							importAnswer: answer,
							importDelayMs: delay,
						},
					};
				},
			},
			{
				method: 'POST',
				path: '/__sandbox/ocamba-hood/limits',
				handler: (req) => {
					const body = req.json();
					if (!isObject(body)) throw bad('Expected {timeScale?, maxParallel?, latencyMs?}.');
					sandbox.setLimits(body);
					return {
						status: 200,
						body: {
							rateLimit: sandbox.rateLimit,
							maxParallel: options.maxParallel,
							latencyMs: options.latencyMs,
						},
					};
				},
			},
			{
				method: 'POST',
				path: '/__sandbox/ocamba-hood/seed',
				handler: (req) => {
					const body = req.json();
					if (!isObject(body))
						throw bad(
							'Expected {properties?, profiles?, lists?, segments?, campaigns?} with arrays of objects.',
						);
					const add = {
						properties: store.addProperty,
						profiles: store.addProfile,
						lists: store.addList,
						segments: store.addSegment,
						campaigns: store.addCampaign,
					};
					const created = {};
					for (const [kind, entries] of Object.entries(body)) {
						if (!add[kind] || !Array.isArray(entries)) throw bad(`Cannot seed "${kind}".`);
						created[kind] = entries.map((entry) => add[kind](entry));
					}
					return { status: 201, body: created };
				},
			},
			{
				// Applies every queued import now, whatever its delay: its report gets its rows.
				method: 'POST',
				path: '/__sandbox/ocamba-hood/imports/finish',
				handler: () => {
					for (const record of state().imports) if (record.status === 'running') record.readyAt = 0;
					handlers.applyImports();
					return {
						status: 200,
						body: state().imports.map(({ id, status }) => ({ id, status })),
					};
				},
			},
			{
				// Sets a campaign's status directly (the API's pause/resume/cancel check the transition).
				method: 'POST',
				path: '/__sandbox/ocamba-hood/campaigns/:id/status',
				handler: (req) => {
					const body = req.json();
					if (!isObject(body) || typeof body.status !== 'string' || !body.status)
						throw bad('Expected {status}.');
					const campaign = state().campaigns.get(req.params.id);
					if (!campaign) throw notFound('Campaign');
					campaign.status = body.status;
					store.touch(campaign);
					return { status: 200, body: campaign };
				},
			},
			{
				method: 'POST',
				path: '/__sandbox/ocamba-hood/events',
				handler: (req) => {
					const body = req.json();
					if (!isObject(body) || typeof body.profileId !== 'string' || !Array.isArray(body.events))
						throw bad('Expected {profileId, events: [{event, page_url?, event_time?}]}.');
					store.addEvents(body.profileId, body.events);
					return { status: 204 };
				},
			},
		],
	});

	sandbox.reset();
	sandbox.store = store;
	sandbox.state = store.state;
	sandbox.tokens = { ...tokens };
	/** Switches between the documented answer forms and sets the import queue's delay. */
	sandbox.setOptions = ({
		propertyName: name,
		profileCreateAnswer: create,
		importAnswer: answer,
		importDelayMs: delay,
	} = {}) => {
		if (name !== undefined) {
			if (!['label', 'property'].includes(name))
				throw bad('propertyName must be label or property.');
			options.propertyName = name;
		}
		if (create !== undefined) {
			if (!['full', 'empty'].includes(create))
				throw bad('profileCreateAnswer must be full or empty.');
			options.profileCreateAnswer = create;
		}
		if (answer !== undefined) {
			if (!['lro', 'empty'].includes(answer)) throw bad('importAnswer must be lro or empty.');
			options.importAnswer = answer;
		}
		if (delay !== undefined) options.importDelayMs = Math.max(0, Number(delay) || 0);
	};
	/** Applies the queued imports that are due (the store does so on every request). */
	sandbox.applyImports = () => handlers.applyImports();
	/** Re-tunes the limits: tier C scaled by `timeScale`, the parallel limit, the latency. */
	sandbox.setLimits = ({ timeScale: scale, maxParallel: parallel, latencyMs: latency } = {}) => {
		if (scale !== undefined) {
			if (!(Number(scale) > 0)) throw bad('timeScale must be a positive number.');
			sandbox.setRateLimit(ocambaHoodRateLimit(Number(scale)));
		}
		if (parallel !== undefined) options.maxParallel = parallel === null ? null : Number(parallel);
		if (latency !== undefined) options.latencyMs = Number(latency) || 0;
	};
	return sandbox;
}

function snapshot(store) {
	const { state } = store;
	const values = (map) => [...map.values()];
	return {
		properties: values(state.properties),
		profiles: values(state.profiles),
		lists: values(state.lists),
		segments: values(state.segments),
		campaigns: values(state.campaigns),
		imports: state.imports,
	};
}

async function startOcambaHoodSandbox(options) {
	const sandbox = createOcambaHoodSandbox(options);
	await sandbox.listen(0);
	return sandbox;
}

module.exports = {
	createOcambaHoodSandbox,
	startOcambaHoodSandbox,
	ocambaHoodRateLimit,
	hoodErrorResponse,
	DEFAULT_TOKEN,
	DEFAULT_TOKENS,
	MAX_PAGE_SIZE,
	MAX_IMPORT_PROFILES,
};
