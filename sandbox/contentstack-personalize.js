'use strict';

/**
 * Sandbox of Contentstack Personalize as its documentation and its own clients describe it (the
 * documented examples are in test/fixtures/documented/; the clients run in
 * test/sandbox/contentstack-personalize-vendor-clients.test.js).
 * One server plays every host of a region:
 * - the Management API at the root: attributes, events, audiences, experiences, versions,
 *   priority, analytics, geolocation and the undocumented /projects;
 * - the public Edge API under /edge (/edge/manifest, /edge/user-attributes, /edge/events), since
 *   its /events would clash with the Management API's;
 * - the CMA login POST /v3/user-session, counting logins, with the 20-authtoken cap, and 2FA by
 *   a fixed code or an RFC 6238 TOTP secret; the CMA's variant groups GET/PUT /v3/variant_groups;
 * - the Developer Hub token endpoint POST /token (authorization_code with client_secret or PKCE
 *   S256, refresh_token with or without the secret, as @contentstack/management sends them), and the
 *   app UI's consent step, path-style, GET /apps/{uid}/authorize (consents at once, redirects).
 *
 * Auth: `authtoken` or `authorization: Bearer` on every Management call; OAuth tokens carry
 * scopes (writes need personalize:manage) and expire; `x-project-uid` on project-scoped calls,
 * `organization_uid` on /projects. Rate limit: 10 requests per second per organization, reads
 * (GET) and writes (POST/PUT/PATCH/DELETE) counted apart, answered 429 with Retry-After above it.
 *
 * Where the notes mark a fact uncertain, this sandbox picks a reading and says so:
 * - Error bodies are `{ error: <code>, message }` with namespaced codes; a 401 answers in the
 *   CMA's style `{ error_message, error_code: 105 }`. Codes not seen in the notes are marked (sandbox).
 * - A missing x-project-uid → 400 (sandbox); an unknown project → 404; another organization's → 403.
 * - A 2FA account without a code → 401 `{ error_code: 294 }` (status unconfirmed); a wrong password → 422
 *   error_code 104.
 * - Version rules: one DRAFT; ACTIVE archives the previously ACTIVE or PAUSED version; an ACTIVE
 *   version takes only a PUT to PAUSED (CANNOT_UPDATE_LOCKED_VERSION); PAUSED → DRAFT is refused;
 *   DRAFT → PAUSED is INVALID_STATUS (sandbox); only a DRAFT can be deleted (sandbox:
 *   CANNOT_DELETE_NON_DRAFT_VERSION), never the last version (CANNOT_DELETE_ONLY_DRAFT).
 * - A/B traffic with CUSTOM_PERCENTAGE (or no split) must add up to 100 (sandbox:
 *   INVALID_TRAFFIC_DISTRIBUTION); an active A/B test needs 2 variants, a segmented one 1.
 * - Priority is `{ priorityOrder: [...] }` both ways; a list missing an experience → 400 MISSING_EXPERIENCES.
 * - Analytics need ?version=; they count edge impressions per variant and conversions (metric events
 *   after an impression); no impression yet → 404 SUMMARY_NOT_FOUND / TIME_SERIES_ANALYTICS_NOT_FOUND.
 *   The summary's probabilityToBeBest (0–1) is a Bayesian P2BB, as the docs say Personalize uses; its
 *   field name, scale and leadingVariant (the most probable variant) are this sandbox's reading.
 *   POST /__sandbox/contentstack-personalize/analytics adds visitors to a version (sandbox.addAnalytics).
 * - Geolocation takes `search`, `country`, `region` and `limit` (names unverified) over a tiny data set.
 * - The Edge API evaluates custom-attribute rules only (presets never match), A/B by a hash of the UID.
 */

const crypto = require('node:crypto');
const http = require('node:http');
const { createSandbox, httpError } = require('./framework');

const DEFAULT_ORG_UID = 'blt0rg5a4db0x1c2d3e4f5a6';
const OTHER_ORG_UID = 'blt0rg9f8e7d6c5b4a3f2e1d';
const DEFAULT_PROJECT_UID = '65a1b2c3d4e5f60718293a4b';
const OTHER_PROJECT_UID = '65f0e1d2c3b4a59687786950';
/** An empty second project of the default organization (option productionProject): a promotion target. */
const PRODUCTION_PROJECT_UID = '65a1b2c3d4e5f60718293a4c';
const DEFAULT_EMAIL = 'editor@example.com';
const DEFAULT_PASSWORD = 'sandbox-Passw0rd!';
const DEFAULT_AUTHTOKEN = 'bltsandboxauthtoken0f1e2d3c4b5a6978';
const OTHER_AUTHTOKEN = 'bltsandboxotherorg9a8b7c6d5e4f3021';
const DEFAULT_CLIENT_ID = 'sandboxClientId123';
const DEFAULT_CLIENT_SECRET = 'sandbox-client-secret-4f7a';
const MAX_AUTHTOKENS = 20;
const OAUTH_TTL_SECONDS = 3600;
const SCOPES = ['personalize:read', 'personalize:manage'];
const OBJECT_ID = /^[0-9a-f]{24}$/i;
const LYTICS_ID = /^[0-9a-f]{32}$/i;
const PRESETS = [
	'CITY',
	'COUNTRY',
	'DATE_AND_TIME',
	'DEVICE_TYPE',
	'OPERATING_SYSTEM',
	'QUERY_PARAMETERS',
	'REFERRER',
	'REGION',
];
const STRING_CONDITIONS = ['STRING_EQUALS', 'CONTAINS_SUBSTRING'];
const NUMBER_CONDITIONS = ['NUMBER_EQUAL_TO', 'NUMBER_GREATER_THAN', 'NUMBER_LESS_THAN'];
const NOT_LOGGED_IN = "You're not allowed in here unless you're logged in.";
const DAY_MS = 24 * 60 * 60 * 1000;

const GEO = {
	countries: [
		{ code: 'AT', name: 'Austria' },
		{ code: 'DE', name: 'Germany' },
		{ code: 'FR', name: 'France' },
		{ code: 'GB', name: 'United Kingdom' },
		{ code: 'US', name: 'United States' },
	],
	regions: [
		{ code: 'DE-BY', name: 'Bavaria', countryCode: 'DE' },
		{ code: 'DE-BE', name: 'Berlin', countryCode: 'DE' },
		{ code: 'US-CA', name: 'California', countryCode: 'US' },
		{ code: 'US-NY', name: 'New York', countryCode: 'US' },
		{ code: 'AT-9', name: 'Vienna', countryCode: 'AT' },
	],
	cities: [
		{ name: 'Berlin', regionCode: 'DE-BE', countryCode: 'DE' },
		{ name: 'Munich', regionCode: 'DE-BY', countryCode: 'DE' },
		{ name: 'Nuremberg', regionCode: 'DE-BY', countryCode: 'DE' },
		{ name: 'Los Angeles', regionCode: 'US-CA', countryCode: 'US' },
		{ name: 'New York City', regionCode: 'US-NY', countryCode: 'US' },
		{ name: 'Vienna', regionCode: 'AT-9', countryCode: 'AT' },
	],
};

const objectId = () => crypto.randomBytes(12).toString('hex');
const isPlainObject = (value) =>
	value !== null && typeof value === 'object' && !Array.isArray(value);
const isText = (value) => typeof value === 'string' && value.trim() !== '';
const reason = (status) =>
	(http.STATUS_CODES[status] || 'Error').toUpperCase().replace(/[^A-Z]+/g, '_');
const nowIso = () => new Date().toISOString();

/** `{ error: <code>, message }`; 401 in the CMA's shape. */
function personalizeErrorResponse(status, message, details) {
	if (status === 401)
		return { status, body: { error_message: message || NOT_LOGGED_IN, error_code: 105 } };
	return { status, body: { error: (details && details.code) || reason(status), message } };
}

const fail = (status, code, message) => httpError(status, message, { code });
const badRequest = (code, message) => fail(400, code, message);

// ---------------------------------------------------------------------------------------------
// Login and OAuth helpers (checked by the vendors' own clients in
// test/sandbox/contentstack-personalize-vendor-clients.test.js)

/** RFC 4648 base32 (the form TOTP secrets are shown in, and what otplib's authenticator takes). */
function base32Decode(text) {
	const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
	let bits = '';
	for (const char of String(text).toUpperCase().replace(/[\s=]/g, '')) {
		const value = alphabet.indexOf(char);
		if (value === -1) throw new Error(`Not a base32 character: ${char}`);
		bits += value.toString(2).padStart(5, '0');
	}
	const bytes = [];
	for (let index = 0; index + 8 <= bits.length; index += 8)
		bytes.push(parseInt(bits.slice(index, index + 8), 2));
	return Buffer.from(bytes);
}

/** RFC 6238 TOTP (HMAC-SHA1, 30 s steps, 6 digits: the defaults of otplib's authenticator, which
 * @contentstack/management uses for `mfaSecret`). `key` is the raw secret. */
function totp(key, timeMs = Date.now(), step = 30, digits = 6) {
	const counter = Buffer.alloc(8);
	counter.writeBigUInt64BE(BigInt(Math.floor(timeMs / 1000 / step)));
	const hmac = crypto.createHmac('sha1', key).update(counter).digest();
	const offset = hmac[hmac.length - 1] & 0x0f;
	const binary = hmac.readUInt32BE(offset) & 0x7fffffff;
	return String(binary % 10 ** digits).padStart(digits, '0');
}

/** A code is valid in its 30 s step and the one before and after (clock drift). */
function totpMatches(base32Secret, code, timeMs = Date.now()) {
	const key = base32Decode(base32Secret);
	return [-1, 0, 1].some((drift) => totp(key, timeMs + drift * 30000) === String(code));
}

/** PKCE S256 (RFC 7636): BASE64URL(SHA256(code_verifier)). */
const pkceChallenge = (verifier) =>
	crypto.createHash('sha256').update(verifier).digest('base64url');

function requireObjectId(uid) {
	if (!OBJECT_ID.test(uid))
		throw badRequest('personalize.VALIDATION.INVALID_OBJECT_ID', `${uid} is not a valid ObjectId`);
}

// ---------------------------------------------------------------------------------------------
// Stores

function createProject({
	uid = objectId(),
	name,
	description = '',
	organizationUid,
	connectedStackApiKey,
}) {
	const presets = PRESETS.map((key) => ({
		uid: crypto.createHash('md5').update(`${uid}:${key}`).digest('hex').slice(0, 24),
		name: key.charAt(0) + key.slice(1).toLowerCase().replace(/_/g, ' '),
		key,
		description: `Preset attribute ${key}`,
		__type: 'PRESET',
	}));
	return {
		uid,
		name,
		description,
		organizationUid,
		connectedStackApiKey,
		presets,
		attributes: new Map(),
		events: new Map(),
		audiences: new Map(),
		experiences: new Map(),
		versions: new Map(),
		priority: [],
		nextExperienceShortUid: 0,
		visitors: new Map(),
		impressions: [],
		conversionsLog: [],
		createdAt: nowIso(),
	};
}

function stamp(who, object, existing) {
	const at = nowIso();
	return {
		...object,
		createdBy: existing ? existing.createdBy : who.user.uid,
		createdByUserName: existing ? existing.createdByUserName : who.user.name,
		updatedBy: who.user.uid,
		updatedByUserName: who.user.name,
		createdAt: existing ? existing.createdAt : at,
		updatedAt: at,
	};
}

function publicProject(project) {
	return {
		uid: project.uid,
		_id: project.uid,
		name: project.name,
		description: project.description,
		organizationUid: project.organizationUid,
		connectedStackApiKey: project.connectedStackApiKey,
		audienceCount: project.audiences.size,
		activeExperienceCount: [...project.experiences.values()].filter(
			(experience) => experience.status === 'ACTIVE',
		).length,
		createdAt: project.createdAt,
	};
}

// ---------------------------------------------------------------------------------------------
// Validation of audience definitions

function validateDefinition(project, node, path, problems) {
	if (!isPlainObject(node)) return problems.push(`${path} must be an object`);
	if (node.__type === 'RuleCombination') {
		if (!['AND', 'OR'].includes(node.combinationType))
			problems.push(`${path}.combinationType must be AND or OR`);
		if (!Array.isArray(node.rules) || node.rules.length === 0)
			return problems.push(`${path}.rules must be a non-empty array`);
		node.rules.forEach((rule, index) =>
			validateDefinition(project, rule, `${path}.rules[${index}]`, problems),
		);
		return undefined;
	}
	if (node.__type !== 'Rule')
		return problems.push(`${path}.__type must be Rule or RuleCombination`);
	const attribute = node.attribute;
	if (!isPlainObject(attribute)) return problems.push(`${path}.attribute is required`);
	if (attribute.__type === 'CustomAttributeReference') {
		if (!project.attributes.has(attribute.ref))
			problems.push(
				`${path}.attribute.ref ${attribute.ref} is not a custom attribute of this project`,
			);
	} else if (attribute.__type === 'PresetAttributeReference') {
		if (!PRESETS.includes(attribute.ref))
			problems.push(`${path}.attribute.ref must be a preset attribute`);
	} else if (attribute.__type !== 'LyticsAttributeReference') {
		problems.push(`${path}.attribute.__type is not valid`);
	}
	const condition = node.attributeMatchCondition;
	if (!isText(condition)) return problems.push(`${path}.attributeMatchCondition is required`);
	validateMatchOptions(condition, node.attributeMatchOptions, problems);
	if (node.invertCondition !== undefined && typeof node.invertCondition !== 'boolean')
		problems.push(`${path}.invertCondition must be a boolean`);
	return undefined;
}

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?$/;

/**
 * Match options per condition, as the docs' examples show them: StringMatchOptions and
 * NumberMatchOptions for text and number conditions; JSON_MATCH takes JSONMatchOptions {pointer,
 * matchCondition, matchOptions, invertCondition} whose nested options follow the same rules;
 * BETWEEN_TIME takes DateTimeMatchOptions {startTime, endTime, useVisitorTimezone}. The message is
 * the one seen from the API for STRING_EQUALS ("valid matchOptions is required for … condition");
 * that the API words the other cases the same way is the sandbox's assumption.
 */
function validateMatchOptions(condition, options, problems) {
	const invalid = () => problems.push(`valid matchOptions is required for ${condition} condition`);
	if (STRING_CONDITIONS.includes(condition)) {
		if (
			!(
				isPlainObject(options) &&
				options.__type === 'StringMatchOptions' &&
				typeof options.value === 'string'
			)
		)
			invalid();
	} else if (NUMBER_CONDITIONS.includes(condition)) {
		if (
			!(
				isPlainObject(options) &&
				options.__type === 'NumberMatchOptions' &&
				typeof options.value === 'number'
			)
		)
			invalid();
	} else if (condition === 'JSON_MATCH') {
		if (
			!isPlainObject(options) ||
			options.__type !== 'JSONMatchOptions' ||
			typeof options.pointer !== 'string' ||
			!options.pointer.startsWith('/') ||
			!isText(options.matchCondition)
		)
			return invalid();
		if (options.invertCondition !== undefined && typeof options.invertCondition !== 'boolean')
			return invalid();
		if (['JSON_MATCH', 'BETWEEN_TIME'].includes(options.matchCondition)) return invalid();
		validateMatchOptions(options.matchCondition, options.matchOptions, problems);
	} else if (condition === 'BETWEEN_TIME') {
		if (
			!isPlainObject(options) ||
			options.__type !== 'DateTimeMatchOptions' ||
			!LOCAL_DATE_TIME.test(String(options.startTime)) ||
			!LOCAL_DATE_TIME.test(String(options.endTime)) ||
			typeof options.useVisitorTimezone !== 'boolean' ||
			String(options.startTime) >= String(options.endTime)
		)
			invalid();
	}
	return undefined;
}

// ---------------------------------------------------------------------------------------------
// Rule evaluation for the Edge manifest (custom attributes only)

function evaluate(project, node, attributes) {
	if (node.__type === 'RuleCombination') {
		const results = node.rules.map((rule) => evaluate(project, rule, attributes));
		return node.combinationType === 'AND' ? results.every(Boolean) : results.some(Boolean);
	}
	const attribute =
		node.attribute.__type === 'CustomAttributeReference'
			? project.attributes.get(node.attribute.ref)
			: undefined;
	const value = attribute ? attributes[attribute.key] : undefined;
	const expected = node.attributeMatchOptions && node.attributeMatchOptions.value;
	let result;
	switch (node.attributeMatchCondition) {
		case 'STRING_EQUALS':
			result = value !== undefined && String(value) === String(expected);
			break;
		case 'CONTAINS_SUBSTRING':
			result = value !== undefined && String(value).includes(String(expected));
			break;
		case 'NUMBER_EQUAL_TO':
			result = Number(value) === Number(expected);
			break;
		case 'NUMBER_GREATER_THAN':
			result = Number(value) > Number(expected);
			break;
		case 'NUMBER_LESS_THAN':
			result = Number(value) < Number(expected);
			break;
		case 'HAS_ANY_VALUE':
			result = value !== undefined && value !== null && value !== '';
			break;
		case 'IS_TRUE':
			result = value === true || value === 'true';
			break;
		case 'IS_FALSE':
			result = value === false || value === 'false';
			break;
		default:
			result = false;
	}
	return node.invertCondition ? !result : result;
}

function inAudiences(project, uids, combination, attributes) {
	const results = uids.map((uid) => {
		const audience = project.audiences.get(uid);
		return Boolean(audience && evaluate(project, audience.definition, attributes));
	});
	if (results.length === 0) return true;
	return combination === 'AND' ? results.every(Boolean) : results.some(Boolean);
}

function hashShare(text) {
	return (
		parseInt(crypto.createHash('md5').update(text).digest('hex').slice(0, 8), 16) / 0x100000000
	);
}

/** The standard normal CDF (Abramowitz–Stegun 7.1.26, error below 1.5e-7). */
function normalCdf(z) {
	const t = 1 / (1 + (0.3275911 * Math.abs(z)) / Math.SQRT2);
	const poly =
		t *
		(0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
	const erf = 1 - poly * Math.exp(-(z * z) / 2);
	return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/**
 * Probability to be best per variant, the Bayesian way the Personalize docs describe (P2BB): each
 * conversion rate has a Beta(1 + conversions, 1 + non-conversions) posterior, here approximated by
 * a normal curve, and P(i is best) = ∫ f_i(x) · Π_{j≠i} F_j(x) dx, integrated on a grid. The docs
 * name the method, not the formula or the answer's field: both are this sandbox's reading.
 */
function probabilityToBeBest(figures) {
	if (figures.length < 2) return figures.map(() => 1);
	const curves = figures.map(({ impressions, conversions }) => {
		const a = 1 + conversions;
		const b = 1 + impressions - conversions;
		const mean = a / (a + b);
		return { mean, sd: Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1))) };
	});
	const steps = 4000;
	const sums = curves.map(() => 0);
	for (let step = 0; step < steps; step++) {
		const x = (step + 0.5) / steps;
		const cdfs = curves.map(({ mean, sd }) => normalCdf((x - mean) / sd));
		curves.forEach(({ mean, sd }, index) => {
			const density = Math.exp(-(((x - mean) / sd) ** 2) / 2) / (sd * Math.sqrt(2 * Math.PI));
			let others = 1;
			cdfs.forEach((cdf, other) => {
				if (other !== index) others *= cdf;
			});
			sums[index] += (density * others) / steps;
		});
	}
	const total = sums.reduce((sum, value) => sum + value, 0) || 1;
	return sums.map((value) => Math.round((value / total) * 10000) / 10000);
}

// ---------------------------------------------------------------------------------------------
// The sandbox

/**
 * @param {object} [options]
 * @param {boolean} [options.seed] demo data: attributes, events, an audience and an active experience
 * @param {boolean} [options.abTest] with the seed, also a live A/B test that has a leader (the demo's)
 * @param {{requestsPerSecond, burst}|null|'documented'} [options.rateLimit] 'documented' (default): 10/s per org and class
 * @param {number|null} [options.maxEventsPerRequest] edge events per request before 413 (not documented; off)
 * @param {number} [options.oauthTtlSeconds]
 * @param {boolean} [options.productionProject] also an empty "Sandbox website (production)" project
 */
function createContentstackPersonalizeSandbox(options = {}) {
	const settings = {
		rateLimit: options.rateLimit === undefined ? 'documented' : options.rateLimit,
		maxEventsPerRequest: options.maxEventsPerRequest ?? null,
		oauthTtlSeconds: options.oauthTtlSeconds ?? OAUTH_TTL_SECONDS,
	};
	const state = {};
	const counters = { logins: 0, failedLogins: 0, oauthTokenRequests: 0, visitors: 0 };

	function loadSeed() {
		counters.logins = 0;
		counters.failedLogins = 0;
		counters.oauthTokenRequests = 0;
		state.users = [
			{
				uid: 'bltu5e7a1b2c3d4e5f6',
				name: 'Sandbox Editor',
				email: DEFAULT_EMAIL,
				password: DEFAULT_PASSWORD,
				organizationUid: DEFAULT_ORG_UID,
				tfaCode: null,
				tfaSecret: null,
			},
			{
				uid: 'bltu9f8e7d6c5b4a3f2',
				name: 'Other Org User',
				email: 'other@example.com',
				password: 'other-Passw0rd!',
				organizationUid: OTHER_ORG_UID,
				tfaCode: null,
				tfaSecret: null,
			},
		];
		state.authtokens = new Map([
			[DEFAULT_AUTHTOKEN, { userUid: state.users[0].uid, createdAt: 0, valid: true }],
			[OTHER_AUTHTOKEN, { userUid: state.users[1].uid, createdAt: 0, valid: true }],
		]);
		state.oauthTokens = new Map();
		state.refreshTokens = new Map();
		state.clients = new Map([[DEFAULT_CLIENT_ID, { secret: DEFAULT_CLIENT_SECRET }]]);
		state.variantGroups = new Map(); // experience uid → content type uids linked to its variant group
		state.projects = new Map();
		state.projects.set(
			DEFAULT_PROJECT_UID,
			createProject({
				uid: DEFAULT_PROJECT_UID,
				name: 'Sandbox website',
				organizationUid: DEFAULT_ORG_UID,
			}),
		);
		state.projects.set(
			OTHER_PROJECT_UID,
			createProject({
				uid: OTHER_PROJECT_UID,
				name: 'Other organization',
				organizationUid: OTHER_ORG_UID,
			}),
		);
		if (options.productionProject)
			state.projects.set(
				PRODUCTION_PROJECT_UID,
				createProject({
					uid: PRODUCTION_PROJECT_UID,
					name: 'Sandbox website (production)',
					organizationUid: DEFAULT_ORG_UID,
				}),
			);
		if (options.seed)
			seedDemo(state.projects.get(DEFAULT_PROJECT_UID), { user: state.users[0] }, options.abTest);
	}

	const userBy = (uid) => state.users.find((user) => user.uid === uid);

	// ---- authentication -------------------------------------------------------------------------

	/** The caller of a Management request: { user, organizationUid, scopes|null } or a rejection. */
	function caller(req) {
		const authtoken = req.headers.authtoken;
		if (authtoken) {
			const record = state.authtokens.get(String(authtoken));
			if (!record || !record.valid)
				return { rejection: personalizeErrorResponse(401, NOT_LOGGED_IN) };
			const user = userBy(record.userUid);
			return { who: { user, organizationUid: user.organizationUid, scopes: null } };
		}
		const bearer = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization || ''));
		if (bearer) {
			const record = state.oauthTokens.get(bearer[1]);
			if (!record || record.revoked || Date.now() >= record.expiresAt)
				return { rejection: personalizeErrorResponse(401, NOT_LOGGED_IN) };
			return {
				who: {
					user: userBy(record.userUid),
					organizationUid: record.organizationUid,
					scopes: record.scopes,
				},
			};
		}
		return { rejection: personalizeErrorResponse(401, NOT_LOGGED_IN) };
	}

	/**
	 * Wraps a Management handler: token, scope for writes, and the project or organization header.
	 * The 401 text is the one reported for the API [3p]; the codes and texts of the 400/403/404 answers
	 * below (AUTH.INSUFFICIENT_SCOPE, PROJECTS.PROJECT_UID_REQUIRED, …FORBIDDEN, …NOT_FOUND,
	 * …ORGANIZATION_UID_REQUIRED) are the sandbox's own: the API is not known to send them.
	 */
	function guarded(scope, handler) {
		return async (req) => {
			const { who, rejection } = caller(req);
			if (rejection) return rejection;
			const write = !['GET', 'HEAD'].includes(req.method);
			if (write && who.scopes && !who.scopes.includes('personalize:manage'))
				throw fail(
					403,
					'personalize.AUTH.INSUFFICIENT_SCOPE',
					'This token has the personalize:read scope; changes need personalize:manage',
				);
			if (scope === 'project') {
				const projectUid = req.headers['x-project-uid'];
				if (!projectUid)
					throw badRequest(
						'personalize.PROJECTS.PROJECT_UID_REQUIRED',
						'The x-project-uid header is required',
					);
				const project = state.projects.get(String(projectUid));
				if (!project)
					throw fail(404, 'personalize.PROJECTS.NOT_FOUND', `Project ${projectUid} was not found`);
				if (project.organizationUid !== who.organizationUid)
					throw fail(
						403,
						'personalize.PROJECTS.FORBIDDEN',
						'The project belongs to another organization',
					);
				req.project = project;
			}
			if (scope === 'organization') {
				const organizationUid = req.headers.organization_uid;
				if (!organizationUid)
					throw badRequest(
						'personalize.PROJECTS.ORGANIZATION_UID_REQUIRED',
						'The organization_uid header is required',
					);
				if (organizationUid !== who.organizationUid)
					throw fail(
						403,
						'personalize.PROJECTS.FORBIDDEN',
						'The token does not belong to this organization',
					);
			}
			req.who = who;
			return await handler(req);
		};
	}

	/** 2FA: a fixed code set by a test (setTfaCode), or a TOTP secret whose current RFC 6238 code is due. */
	function tfaAccepted(account, token) {
		const given = String(token || '');
		if (account.tfaCode !== null && given !== account.tfaCode) return false;
		if (account.tfaSecret && !(/^\d{6}$/.test(given) && totpMatches(account.tfaSecret, given)))
			return false;
		return true;
	}

	function login(req) {
		const body = req.json();
		const user = isPlainObject(body) && isPlainObject(body.user) ? body.user : {};
		const account = state.users.find(
			(candidate) =>
				candidate.email ===
				String(user.email || '')
					.trim()
					.toLowerCase(),
		);
		if (!account || account.password !== user.password) {
			counters.failedLogins += 1;
			// 422 with error_code 104: the CLI maps exactly this pair to "Invalid email or password" [sdk:
			// cli-utilities formatError]. The message text is the one reported for the CMA [3p].
			return {
				status: 422,
				body: {
					error_message:
						'Looks like your email or password is invalid. Please try again or reset your password.',
					error_code: 104,
					errors: {},
				},
			};
		}
		if (!tfaAccepted(account, user.tfa_token)) {
			counters.failedLogins += 1;
			// error_code 294 = "2FA required": the CLI's login handler branches on errorCode 294 [sdk]. The HTTP
			// status is unconfirmed: @contentstack/management lists 294 among the codes that come with a 401 but
			// are no token expiry (concurrency-queue NON_AUTH_401_ERROR_CODES), so 401 here. The message
			// text is the sandbox's own, and a wrong code answers the same 294 (unconfirmed).
			return {
				status: 401,
				body: {
					error_message: 'Please login using the Two-Factor verification Token',
					error_code: 294,
					errors: {},
				},
			};
		}
		counters.logins += 1;
		const authtoken = `blt${crypto.randomBytes(16).toString('hex')}`;
		state.authtokens.set(authtoken, {
			userUid: account.uid,
			createdAt: Date.now() + counters.logins,
			valid: true,
		});
		// A user holds at most 20 authtokens: each login beyond ends the oldest session, silently.
		const own = [...state.authtokens.entries()]
			.filter(([, record]) => record.userUid === account.uid && record.valid)
			.sort((a, b) => a[1].createdAt - b[1].createdAt);
		for (const [, record] of own.slice(0, Math.max(0, own.length - MAX_AUTHTOKENS)))
			record.valid = false;
		return {
			status: 200,
			body: {
				notice: 'Login Successful.',
				user: { uid: account.uid, email: account.email, username: account.name, authtoken },
			},
		};
	}

	function logout(req) {
		const record = state.authtokens.get(String(req.headers.authtoken || ''));
		if (!record || !record.valid) return personalizeErrorResponse(401, NOT_LOGGED_IN);
		record.valid = false;
		return { status: 200, body: { notice: "You've logged out successfully." } }; // notice text: sandbox
	}

	function issueOAuth({
		userUid = state.users[0].uid,
		scope = 'personalize:manage',
		clientId = DEFAULT_CLIENT_ID,
	} = {}) {
		const user = userBy(userUid);
		const scopes = String(scope)
			.split(/[\s,]+/)
			.filter((entry) => SCOPES.includes(entry));
		const accessToken = `cs_at_${crypto.randomBytes(16).toString('hex')}`;
		const refreshToken = `cs_rt_${crypto.randomBytes(16).toString('hex')}`;
		state.oauthTokens.set(accessToken, {
			userUid,
			organizationUid: user.organizationUid,
			scopes,
			expiresAt: Date.now() + settings.oauthTtlSeconds * 1000,
			revoked: false,
		});
		state.refreshTokens.set(refreshToken, { userUid, scopes, clientId, used: false });
		return {
			access_token: accessToken,
			refresh_token: refreshToken,
			token_type: 'Bearer',
			expires_in: settings.oauthTtlSeconds,
			organization_uid: user.organizationUid,
			user_uid: userUid,
			location: 'NA',
			region: 'NA',
			authorization_type: 'oauth',
			scope: scopes.join(' '),
		};
	}

	/**
	 * POST /token (Developer Hub), form-urlencoded, as @contentstack/management's OAuthHandler sends it:
	 * - authorization_code: `code, redirect_uri, client_id` plus `client_secret` (confidential app) or
	 *   `code_verifier` (PKCE, no secret: the SDK's default when no clientSecret is given);
	 * - refresh_token: `refresh_token, client_id, redirect_uri` and NO client_secret (refreshAccessToken);
	 *   a client secret, when sent (n8n's OAuth2 credential, Segment), must be right.
	 * The client may also authenticate by HTTP Basic (RFC 6749 §2.3.1). Error bodies follow RFC 6749
	 * (`error`, `error_description`); Contentstack's own error body here is unconfirmed (sandbox).
	 */
	function oauthToken(req) {
		counters.oauthTokenRequests += 1;
		const fields = new URLSearchParams(req.rawBody);
		const basic = /^Basic\s+(\S+)$/i.exec(String(req.headers.authorization || ''));
		let clientId = fields.get('client_id');
		let secret = fields.get('client_secret');
		if (basic) {
			// n8n's client-oauth2 puts the raw id and secret in the header (RFC 6749 would form-encode them).
			const [id, ...rest] = Buffer.from(basic[1], 'base64').toString('utf8').split(':');
			clientId = id;
			secret = rest.join(':');
		}
		const invalidClient = {
			status: 401,
			body: { error: 'invalid_client', error_description: 'Client authentication failed' },
		};
		const invalidGrant = (text) => ({
			status: 400,
			body: { error: 'invalid_grant', error_description: text },
		});
		const client = state.clients.get(clientId);
		if (!client || (secret !== null && secret !== client.secret)) return invalidClient;
		if (fields.get('grant_type') === 'refresh_token') {
			const record = state.refreshTokens.get(fields.get('refresh_token'));
			if (!record || record.used || record.clientId !== clientId)
				return invalidGrant('The refresh token is invalid');
			record.used = true; // refresh tokens rotate
			return {
				status: 200,
				body: issueOAuth({
					userUid: record.userUid,
					scope: record.scopes.join(' '),
					clientId: record.clientId,
				}),
			};
		}
		if (fields.get('grant_type') === 'authorization_code') {
			const code = state.codes && state.codes.get(fields.get('code'));
			if (!code) return invalidGrant('The authorization code is invalid');
			state.codes.delete(fields.get('code')); // one use, even when the exchange fails
			if ((code.clientId || DEFAULT_CLIENT_ID) !== clientId)
				return invalidGrant('The authorization code was issued to another client');
			if (code.redirectUri && fields.get('redirect_uri') !== code.redirectUri)
				return invalidGrant('redirect_uri does not match the authorization request');
			const verifier = fields.get('code_verifier');
			if (code.codeChallenge) {
				// PKCE: the verifier must hash to the challenge of the authorization request (S256 only).
				if (
					!verifier ||
					code.codeChallengeMethod !== 'S256' ||
					pkceChallenge(verifier) !== code.codeChallenge
				)
					return invalidGrant('code_verifier does not match the code_challenge');
			} else if (secret === null) {
				return invalidClient; // no PKCE in the authorization request: the app must prove itself with its secret
			}
			return { status: 200, body: issueOAuth(code) };
		}
		return {
			status: 400,
			body: {
				error: 'unsupported_grant_type',
				error_description: 'grant_type must be authorization_code or refresh_token',
			},
		};
	}

	/**
	 * GET /apps/{appUid}/authorize (the app UI's consent step, path-style as third-party integrations use
	 * it, since the SDK's `/#!/apps/…/authorize` fragment is lost on the login redirect). The sandbox
	 * consents at once for the first user and redirects to redirect_uri with `code`, `state` and the
	 * region as `location` (the docs name that parameter). A PKCE challenge is kept with the code. The
	 * refusals (400 JSON) are the sandbox's own; the real UI shows a page.
	 */
	function authorize(req) {
		const query = req.query;
		const client = state.clients.get(query.get('client_id'));
		if (!client)
			return {
				status: 400,
				body: { error: 'invalid_client', error_description: 'Unknown client_id (sandbox)' },
			};
		if (query.get('response_type') !== 'code')
			return {
				status: 400,
				body: {
					error: 'unsupported_response_type',
					error_description: 'response_type must be code (sandbox)',
				},
			};
		const redirectUri = query.get('redirect_uri');
		let target;
		try {
			target = new URL(redirectUri);
		} catch {
			return {
				status: 400,
				body: {
					error: 'invalid_request',
					error_description: 'redirect_uri must be an absolute URL (sandbox)',
				},
			};
		}
		const challenge = query.get('code_challenge');
		const method = query.get('code_challenge_method') || (challenge ? 'plain' : null);
		if (challenge && method !== 'S256')
			return {
				status: 400,
				body: {
					error: 'invalid_request',
					error_description: 'code_challenge_method must be S256 (sandbox)',
				},
			};
		const code = sandbox.oauth.code({
			clientId: query.get('client_id'),
			redirectUri,
			scope: query.get('scope') || SCOPES.join(' '),
			...(challenge ? { codeChallenge: challenge, codeChallengeMethod: method } : {}),
		});
		target.searchParams.set('code', code);
		if (query.get('state') !== null) target.searchParams.set('state', query.get('state'));
		target.searchParams.set('location', 'NA');
		return { status: 302, headers: { Location: target.toString() }, body: '' };
	}

	// ---- CRUD of attributes, events, audiences, experiences --------------------------------------

	function readBody(req) {
		const body = req.json();
		if (!isPlainObject(body))
			throw badRequest('personalize.VALIDATION.INVALID_BODY', 'The body must be a JSON object');
		return body;
	}

	function attributeFields(project, body, existing) {
		const uid = existing && existing.uid;
		if (!isText(body.name))
			throw badRequest('personalize.ATTRIBUTES.VALIDATION', 'name is required');
		if (!isText(body.key)) throw badRequest('personalize.ATTRIBUTES.VALIDATION', 'key is required');
		const taken = [...project.attributes.values(), ...project.presets].some(
			(entry) => entry.key === body.key && entry.uid !== uid,
		);
		if (taken)
			throw badRequest(
				'personalize.ATTRIBUTES.DUPLICATE_KEY',
				`An attribute with key ${body.key} already exists`,
			);
		if (body.description !== undefined && typeof body.description !== 'string')
			throw badRequest('personalize.ATTRIBUTES.VALIDATION', 'description must be a string');
		// The docs' create answer carries __type CUSTOM, as the list does.
		return {
			name: body.name,
			key: body.key,
			description: body.description ?? '',
			__type: 'CUSTOM',
		};
	}

	function eventFields(project, body, existing) {
		const uid = existing && existing.uid;
		if (!isText(body.key)) throw badRequest('personalize.EVENTS.VALIDATION', 'key is required');
		if ([...project.events.values()].some((entry) => entry.key === body.key && entry.uid !== uid))
			throw badRequest(
				'personalize.EVENTS.DUPLICATE_KEY',
				`An event with key ${body.key} already exists`,
			);
		if (body.description !== undefined && typeof body.description !== 'string')
			throw badRequest('personalize.EVENTS.VALIDATION', 'description must be a string');
		return { key: body.key, description: body.description ?? '' };
	}

	function audienceFields(project, body) {
		if (!isText(body.name))
			throw badRequest('personalize.AUDIENCES.VALIDATION', 'name is required');
		const problems = [];
		validateDefinition(project, body.definition, 'definition', problems);
		if (problems.length)
			throw badRequest('personalize.AUDIENCES.INVALID_DEFINITION', problems.join('; '));
		return {
			name: body.name,
			description: body.description ?? '',
			definition: body.definition,
			slug: body.name.toLowerCase().replace(/[^a-z0-9]+/g, '_'),
			source: 'CONTENTSTACK',
		};
	}

	function experienceFields(project, body, existing) {
		if (!isText(body.name))
			throw badRequest('personalize.EXPERIENCES.VALIDATION', 'name is required');
		if (!['SEGMENTED', 'AB_TEST'].includes(body.__type))
			throw badRequest(
				'personalize.EXPERIENCES.NOT_VALID_ENUM',
				'__type must be SEGMENTED or AB_TEST',
			);
		if (existing && existing.__type !== body.__type)
			throw badRequest(
				'personalize.EXPERIENCES.TYPE_CANNOT_CHANGE',
				'The type of an experience cannot change (sandbox)',
			);
		if (
			body.tags !== undefined &&
			!(Array.isArray(body.tags) && body.tags.every((tag) => typeof tag === 'string'))
		)
			throw badRequest('personalize.EXPERIENCES.VALIDATION', 'tags must be an array of strings');
		return {
			name: body.name,
			description: body.description ?? '',
			__type: body.__type,
			...(body.tags ? { tags: body.tags } : {}),
		};
	}

	/** Routes for one collection: list, create, and PUT/DELETE by uid. */
	function collectionRoutes(path, mapName, fields, { onCreate, onDelete, list } = {}) {
		const find = (req) => {
			requireObjectId(req.params.uid);
			const entry = req.project[mapName].get(req.params.uid);
			if (!entry)
				throw fail(
					404,
					`personalize.${mapName.toUpperCase()}.NOT_FOUND`,
					`${mapName.charAt(0).toUpperCase()}${mapName.slice(1, -1)} ${req.params.uid} was not found`,
				);
			return entry;
		};
		return [
			{
				method: 'GET',
				path,
				handler: guarded('project', (req) => ({
					status: 200,
					body: list ? list(req.project) : [...req.project[mapName].values()],
				})),
			},
			{
				method: 'POST',
				path,
				handler: guarded('project', (req) => {
					const created = stamp(req.who, {
						uid: objectId(),
						...fields(req.project, readBody(req)),
						project: req.project.uid,
					});
					req.project[mapName].set(
						created.uid,
						onCreate ? onCreate(req.project, created, req.who) : created,
					);
					return { status: 201, body: req.project[mapName].get(created.uid) };
				}),
			},
			{
				method: 'PUT',
				path: `${path}/:uid`,
				handler: guarded('project', (req) => {
					const existing = find(req);
					const updated = stamp(
						req.who,
						{ ...existing, ...fields(req.project, readBody(req), existing) },
						existing,
					);
					req.project[mapName].set(existing.uid, updated);
					return { status: 200, body: updated };
				}),
			},
			{
				method: 'DELETE',
				path: `${path}/:uid`,
				handler: guarded('project', (req) => {
					const existing = find(req);
					req.project[mapName].delete(existing.uid);
					if (onDelete) onDelete(req.project, existing);
					return { status: 204 };
				}),
			},
			...(mapName === 'experiences'
				? [
						{
							method: 'GET',
							path: `${path}/:uid`,
							handler: guarded('project', (req) => ({ status: 200, body: find(req) })),
						},
					]
				: []),
		];
	}

	// ---- experiences and versions ---------------------------------------------------------------

	function createExperience(project, experience, who) {
		const draft = stamp(who, {
			uid: objectId(),
			experienceUid: experience.uid,
			status: 'DRAFT',
			variants: [],
			nextVariantShortUid: 0,
		});
		project.versions.set(experience.uid, [draft]);
		project.priority.push(experience.uid);
		const created = {
			...experience,
			shortUid: String(project.nextExperienceShortUid++),
			status: 'DRAFT',
			latestVersion: draft.uid,
			_cms: {},
			referredAudiences: [],
			referredLyticsAudiences: [],
			metadata: {},
		};
		return created;
	}

	function deleteExperience(project, experience) {
		project.versions.delete(experience.uid);
		project.priority = project.priority.filter((uid) => uid !== experience.uid);
	}

	function publicVersion(version) {
		const { nextVariantShortUid, ...rest } = version;
		void nextVariantShortUid;
		return structuredClone(rest);
	}

	function refreshExperience(project, experienceUid) {
		const experience = project.experiences.get(experienceUid);
		const versions = project.versions.get(experienceUid) || [];
		const statuses = versions.map((version) => version.status);
		const status = statuses.includes('ACTIVE')
			? 'ACTIVE'
			: statuses.includes('PAUSED')
				? 'PAUSED'
				: 'DRAFT';
		const live = versions.find((version) => version.status === 'ACTIVE');
		const referred = new Set();
		for (const variant of (live || versions[versions.length - 1] || { variants: [] }).variants)
			for (const uid of variant.audiences || []) referred.add(uid);
		project.experiences.set(experienceUid, {
			...experience,
			status,
			latestVersion: versions.length ? versions[versions.length - 1].uid : undefined,
			referredAudiences: [...referred],
			_cms: live
				? {
						variantGroup: `cs${experience.uid.slice(0, 16)}`,
						variants: Object.fromEntries(
							live.variants.map((variant) => [
								variant.shortUid,
								`cs${crypto.createHash('md5').update(`${experience.uid}:${variant.shortUid}`).digest('hex').slice(0, 16)}`,
							]),
						),
					}
				: {},
		});
	}

	function experienceOf(req) {
		requireObjectId(req.params.uid);
		const experience = req.project.experiences.get(req.params.uid);
		if (!experience)
			throw fail(
				404,
				'personalize.EXPERIENCES.NOT_FOUND',
				`Experience ${req.params.uid} was not found`,
			);
		return experience;
	}

	/** Checks a version body against the experience type; returns the problems' first error. */
	function validateVersion(project, experience, body) {
		const code = (name) => `personalize.EXPERIENCES.VERSIONS.${name}`;
		if (body.status === undefined) throw badRequest(code('STATUS_REQUIRED'), 'status is required');
		if (!['DRAFT', 'ACTIVE', 'PAUSED'].includes(body.status))
			throw badRequest(code('INVALID_STATUS'), 'status must be DRAFT, ACTIVE or PAUSED');
		if (!Array.isArray(body.variants))
			throw badRequest(code('VARIANTS_NOT_ARRAY'), 'variants must be an array');
		const abTest = experience.__type === 'AB_TEST';
		const type = abTest ? 'ABTestVariant' : 'SegmentedVariant';
		body.variants.forEach((variant, index) => {
			if (!isPlainObject(variant) || variant.__type !== type)
				throw badRequest(
					code('INVALID_VARIANT_TYPE'),
					`variants[${index}].__type must be ${type} for a ${experience.__type} experience`,
				);
			if (!isText(variant.name))
				throw badRequest(code('VALIDATION'), `variants[${index}].name is required`);
			if (abTest) {
				if (
					typeof variant.trafficDistribution !== 'number' ||
					variant.trafficDistribution < 0 ||
					variant.trafficDistribution > 100
				)
					throw badRequest(
						code('VALIDATION'),
						`variants[${index}].trafficDistribution must be a number from 0 to 100`,
					);
				return;
			}
			const audiences = Array.isArray(variant.audiences) ? variant.audiences : [];
			const lytics = Array.isArray(variant.lyticsAudiences) ? variant.lyticsAudiences : [];
			if (audiences.length + lytics.length === 0 && !variant.target)
				throw badRequest('EMPTY_ARRAY', `variants[${index}].audiences must not be empty`);
			if (!['AND', 'OR'].includes(variant.audienceCombinationType))
				throw badRequest(
					'NOT_VALID_ENUM',
					`variants[${index}].audienceCombinationType must be AND or OR`,
				);
			// `audiences` takes ObjectIds only; Lytics audiences (32-hex) go in lyticsAudiences
			// (@contentstack/cli-variants audiences-helper). The message is the API's; the code is the sandbox's.
			const notObjectId = audiences.find((uid) => !OBJECT_ID.test(String(uid)));
			if (notObjectId !== undefined)
				throw badRequest(
					'personalize.EXPERIENCES.VERSIONS.VALIDATION',
					`${notObjectId} is not a valid ObjectId`,
				);
			const notLytics = lytics.find((uid) => !LYTICS_ID.test(String(uid)));
			if (notLytics !== undefined)
				throw badRequest(
					'personalize.EXPERIENCES.VERSIONS.VALIDATION',
					`${notLytics} is not a valid Lytics audience ID`,
				);
			const unknown = audiences.find((uid) => !project.audiences.has(uid));
			if (unknown)
				throw badRequest('personalize.AUDIENCES.NOT_FOUND', `Audience ${unknown} was not found`);
		});
		if (abTest) {
			if (
				body.variantSplit !== undefined &&
				!['EQUALLY_SPLIT', 'CUSTOM_PERCENTAGE'].includes(body.variantSplit)
			)
				throw badRequest(
					'NOT_VALID_ENUM',
					'variantSplit must be EQUALLY_SPLIT or CUSTOM_PERCENTAGE',
				);
			const total = body.variants.reduce((sum, variant) => sum + variant.trafficDistribution, 0);
			if (
				body.variantSplit !== 'EQUALLY_SPLIT' &&
				body.variants.length > 0 &&
				Math.abs(total - 100) > 1e-6
			)
				throw badRequest(
					code('INVALID_TRAFFIC_DISTRIBUTION'),
					`trafficDistribution must add up to 100, not ${total}`,
				);
		}
		if (body.metrics !== undefined) {
			if (!Array.isArray(body.metrics))
				throw badRequest(code('VALIDATION'), 'metrics must be an array');
			for (const metric of body.metrics) {
				if (!isPlainObject(metric) || !isText(metric.name) || !project.events.has(metric.event))
					throw badRequest(
						'personalize.EVENTS.NOT_FOUND',
						`metric event ${metric && metric.event} was not found`,
					);
			}
		}
		if (body.targeting !== undefined && !isPlainObject(body.targeting))
			throw badRequest(code('VALIDATION'), 'targeting must be an object');
		const targeted =
			(body.targeting && body.targeting.audience && body.targeting.audience.audiences) || [];
		const targetNotObjectId = targeted.find((uid) => !OBJECT_ID.test(String(uid)));
		if (targetNotObjectId !== undefined)
			throw badRequest(
				'personalize.EXPERIENCES.VERSIONS.VALIDATION',
				`${targetNotObjectId} is not a valid ObjectId`,
			);
		const unknownTarget = targeted.find((uid) => !project.audiences.has(uid));
		if (unknownTarget)
			throw badRequest(
				'personalize.AUDIENCES.NOT_FOUND',
				`Audience ${unknownTarget} was not found`,
			);
		if (body.status === 'ACTIVE' && body.variants.length < (abTest ? 2 : 1))
			throw badRequest(
				code('CANNOT_ACTIVATE'),
				abTest
					? 'An A/B test needs at least 2 variants to be activated'
					: 'A version needs a variant to be activated',
			);
	}

	/** Applies a version body; fresh short UIDs for variants without one (the counter never goes back). */
	function applyVersion(version, body) {
		const variants = body.variants.map((variant) => ({
			...variant,
			shortUid: isText(variant.shortUid)
				? String(variant.shortUid)
				: String(version.nextVariantShortUid++),
		}));
		const next = { ...version, status: body.status, variants };
		for (const key of ['variantSplit', 'metrics', 'targeting']) {
			if (body[key] === undefined) delete next[key];
			else next[key] = body[key];
		}
		return next;
	}

	function archiveOthers(project, experienceUid, keepUid) {
		for (const version of project.versions.get(experienceUid)) {
			if (version.uid !== keepUid && ['ACTIVE', 'PAUSED'].includes(version.status))
				version.status = 'ARCHIVED';
		}
	}

	const versionRoutes = [
		{
			method: 'GET',
			path: '/experiences/:uid/versions',
			handler: guarded('project', (req) => ({
				status: 200,
				body: req.project.versions.get(experienceOf(req).uid).map(publicVersion),
			})),
		},
		{
			method: 'POST',
			path: '/experiences/:uid/versions',
			handler: guarded('project', (req) => {
				const experience = experienceOf(req);
				const body = readBody(req);
				validateVersion(req.project, experience, body);
				const versions = req.project.versions.get(experience.uid);
				if (body.status === 'PAUSED')
					throw badRequest(
						'personalize.EXPERIENCES.VERSIONS.INVALID_STATUS',
						'A new version cannot be paused',
					);
				if (body.status === 'DRAFT' && versions.some((version) => version.status === 'DRAFT'))
					throw badRequest(
						'personalize.EXPERIENCES.VERSIONS.CANNOT_CREATE_VERSION_AS_DRAFT_ALREADY_EXISTS',
						'A draft version already exists',
					);
				const nextShortUid = versions.reduce(
					(max, version) => Math.max(max, version.nextVariantShortUid),
					0,
				);
				const created = applyVersion(
					stamp(req.who, {
						uid: objectId(),
						experienceUid: experience.uid,
						nextVariantShortUid: nextShortUid,
					}),
					body,
				);
				versions.push(created);
				if (created.status === 'ACTIVE') archiveOthers(req.project, experience.uid, created.uid);
				refreshExperience(req.project, experience.uid);
				return { status: 201, body: publicVersion(created) };
			}),
		},
		{
			method: 'PUT',
			path: '/experiences/:uid/versions/:versionUid',
			handler: guarded('project', (req) => {
				const experience = experienceOf(req);
				requireObjectId(req.params.versionUid);
				const versions = req.project.versions.get(experience.uid);
				const index = versions.findIndex((version) => version.uid === req.params.versionUid);
				if (index === -1)
					throw fail(
						404,
						'personalize.EXPERIENCES.VERSIONS.NOT_FOUND',
						`Version ${req.params.versionUid} was not found`,
					);
				const current = versions[index];
				const body = readBody(req);
				const code = (name) => `personalize.EXPERIENCES.VERSIONS.${name}`;
				if (body.status === undefined)
					throw badRequest(code('STATUS_REQUIRED'), 'status is required');
				if (!Array.isArray(body.variants))
					throw badRequest(code('VARIANTS_NOT_ARRAY'), 'variants must be an array');
				if (
					current.status === 'ARCHIVED' ||
					(current.status === 'ACTIVE' && body.status !== 'PAUSED')
				)
					throw badRequest(
						code('CANNOT_UPDATE_LOCKED_VERSION'),
						'An active or archived version cannot be changed; pause it or create a new version',
					);
				if (current.status === 'PAUSED' && body.status === 'DRAFT')
					throw badRequest(
						code('CANNOT_MARK_VERSION_AS_DRAFT'),
						'A paused version cannot become a draft',
					);
				if (current.status === 'DRAFT' && body.status === 'PAUSED')
					throw badRequest(code('INVALID_STATUS'), 'Only an active version can be paused');
				if (current.status === 'ACTIVE') {
					// Pausing: the status changes, the locked content stays as it is.
					versions[index] = stamp(req.who, { ...current, status: 'PAUSED' }, current);
				} else {
					validateVersion(req.project, experience, body);
					versions[index] = stamp(req.who, applyVersion(current, body), current);
					if (body.status === 'ACTIVE') archiveOthers(req.project, experience.uid, current.uid);
				}
				refreshExperience(req.project, experience.uid);
				return { status: 200, body: publicVersion(versions[index]) };
			}),
		},
		{
			method: 'DELETE',
			path: '/experiences/:uid/versions/:versionUid',
			handler: guarded('project', (req) => {
				const experience = experienceOf(req);
				requireObjectId(req.params.versionUid);
				const versions = req.project.versions.get(experience.uid);
				const version = versions.find((entry) => entry.uid === req.params.versionUid);
				if (!version)
					throw fail(
						404,
						'personalize.EXPERIENCES.VERSIONS.NOT_FOUND',
						`Version ${req.params.versionUid} was not found`,
					);
				if (versions.length === 1)
					throw badRequest(
						'personalize.EXPERIENCES.VERSIONS.CANNOT_DELETE_ONLY_DRAFT',
						'The only version of an experience cannot be deleted',
					);
				if (version.status !== 'DRAFT')
					throw badRequest(
						'personalize.EXPERIENCES.VERSIONS.CANNOT_DELETE_NON_DRAFT_VERSION',
						'Only a draft version can be deleted (sandbox)',
					);
				req.project.versions.set(
					experience.uid,
					versions.filter((entry) => entry !== version),
				);
				refreshExperience(req.project, experience.uid);
				return { status: 204 };
			}),
		},
	];

	// ---- priority and analytics -----------------------------------------------------------------

	const priorityRoutes = [
		{
			method: 'GET',
			path: '/experiences-priority',
			handler: guarded('project', (req) => ({
				status: 200,
				body: { priorityOrder: [...req.project.priority] },
			})),
		},
		{
			method: 'PUT',
			path: '/experiences-priority',
			handler: guarded('project', (req) => {
				const order = readBody(req).priorityOrder;
				if (!Array.isArray(order))
					throw badRequest(
						'personalize.EXPERIENCES_PRIORITY.VALIDATION',
						'priorityOrder must be an array of experience UIDs',
					);
				const unknown = order.filter((uid) => !req.project.experiences.has(uid));
				if (unknown.length)
					throw badRequest(
						'personalize.EXPERIENCES_PRIORITY.INVALID_EXPERIENCES',
						`Unknown experiences: ${unknown.join(', ')}`,
					);
				if (new Set(order).size !== order.length)
					throw badRequest(
						'personalize.EXPERIENCES_PRIORITY.DUPLICATE_EXPERIENCES',
						'An experience is listed twice',
					);
				const missing = [...req.project.experiences.keys()].filter((uid) => !order.includes(uid));
				if (missing.length)
					throw badRequest(
						'personalize.EXPERIENCES_PRIORITY.MISSING_EXPERIENCES',
						'The priority order must contain every experience of the project',
					);
				req.project.priority = [...order];
				return { status: 200, body: { priorityOrder: [...order] } };
			}),
		},
	];

	function analyticsFor(req, notFoundCode) {
		const experience = experienceOf(req);
		const versionUid = req.query.get('version');
		if (!versionUid)
			throw badRequest(
				'personalize.ANALYTICS.VERSION_REQUIRED',
				'The version query parameter is required',
			);
		const version = req.project.versions
			.get(experience.uid)
			.find((entry) => entry.uid === versionUid);
		if (!version)
			throw fail(
				404,
				'personalize.EXPERIENCES.VERSIONS.NOT_FOUND',
				`Version ${versionUid} was not found`,
			);
		const impressions = req.project.impressions.filter((entry) => entry.versionUid === versionUid);
		if (version.status === 'DRAFT' || impressions.length === 0)
			throw fail(404, notFoundCode, 'No analytics for this version yet');
		const metricKeys = new Set(
			(version.metrics || [])
				.map((metric) => req.project.events.get(metric.event))
				.filter(Boolean)
				.map((event) => event.key),
		);
		const converted = (entry) =>
			req.project.conversionsLog.some(
				(event) =>
					event.userUid === entry.userUid &&
					metricKeys.has(event.eventKey) &&
					event.at >= entry.at &&
					event.at - entry.at <= 30 * DAY_MS,
			);
		return { experience, version, impressions, converted };
	}

	function variantFigures(version, impressions, converted) {
		return version.variants.map((variant) => {
			const seen = new Map();
			for (const entry of impressions.filter(
				(impression) => impression.variantShortUid === variant.shortUid,
			))
				if (!seen.has(entry.userUid)) seen.set(entry.userUid, entry);
			const conversions = [...seen.values()].filter(converted).length;
			return {
				shortUid: variant.shortUid,
				name: variant.name,
				impressions: seen.size,
				conversions,
				conversionRate: seen.size ? conversions / seen.size : 0,
			};
		});
	}

	const analyticsRoutes = [
		{
			method: 'GET',
			path: '/experiences/:uid/analytics/summary',
			handler: guarded('project', (req) => {
				const { experience, version, impressions, converted } = analyticsFor(
					req,
					'personalize.ANALYTICS.SUMMARY_NOT_FOUND',
				);
				const variants = variantFigures(version, impressions, converted);
				probabilityToBeBest(variants).forEach((probability, index) => {
					variants[index].probabilityToBeBest = probability;
				});
				const leading = [...variants].sort(
					(a, b) => b.probabilityToBeBest - a.probabilityToBeBest,
				)[0];
				return {
					status: 200,
					body: {
						experienceUid: experience.uid,
						versionUid: version.uid,
						type: experience.__type,
						variants,
						leadingVariant: experience.__type === 'AB_TEST' && leading ? leading.shortUid : null,
					},
				};
			}),
		},
		{
			method: 'GET',
			path: '/experiences/:uid/analytics/time-series',
			handler: guarded('project', (req) => {
				const { experience, version, impressions, converted } = analyticsFor(
					req,
					'personalize.ANALYTICS.TIME_SERIES_ANALYTICS_NOT_FOUND',
				);
				const days = [
					...new Set(impressions.map((entry) => new Date(entry.at).toISOString().slice(0, 10))),
				].sort();
				const series = days.map((date) => ({
					date,
					variants: variantFigures(
						version,
						impressions.filter((entry) => new Date(entry.at).toISOString().slice(0, 10) === date),
						converted,
					),
				}));
				return {
					status: 200,
					body: {
						experienceUid: experience.uid,
						versionUid: version.uid,
						granularity: 'DAY',
						series,
					},
				};
			}),
		},
	];

	// ---- geolocation and projects ---------------------------------------------------------------

	function geolocation(kind) {
		return guarded('none', (req) => {
			const search = String(req.query.get('search') || '').toLowerCase();
			const country = req.query.get('country');
			const region = req.query.get('region');
			const limit = Number(req.query.get('limit')) || Infinity;
			const rows = GEO[kind]
				.filter(
					(row) =>
						!search ||
						row.name.toLowerCase().includes(search) ||
						String(row.code || '').toLowerCase() === search,
				)
				.filter(
					(row) =>
						!country ||
						row.countryCode === country ||
						(kind === 'countries' && row.code === country),
				)
				.filter((row) => !region || row.regionCode === region)
				.slice(0, limit);
			return { status: 200, body: rows };
		});
	}

	const projectRoutes = [
		{
			method: 'GET',
			path: '/projects',
			handler: guarded('organization', (req) => {
				const stack = req.query.get('connectedStackApiKey');
				const projects = [...state.projects.values()].filter(
					(project) =>
						project.organizationUid === req.who.organizationUid &&
						(!stack || project.connectedStackApiKey === stack),
				);
				return { status: 200, body: projects.map(publicProject) };
			}),
		},
		{
			method: 'POST',
			path: '/projects',
			handler: guarded('organization', (req) => {
				const body = readBody(req);
				if (!isText(body.name))
					throw badRequest('personalize.PROJECTS.VALIDATION', 'name is required');
				const taken = [...state.projects.values()].some(
					(project) =>
						project.organizationUid === req.who.organizationUid &&
						project.name.toLowerCase() === body.name.trim().toLowerCase(),
				);
				if (taken)
					throw badRequest(
						'personalize.PROJECTS.DUPLICATE_NAME',
						`A project named ${body.name} already exists`,
					);
				const project = createProject({
					name: body.name.trim(),
					description: body.description ?? '',
					organizationUid: req.who.organizationUid,
					connectedStackApiKey: body.connectedStackApiKey,
				});
				state.projects.set(project.uid, project);
				return { status: 201, body: publicProject(project) };
			}),
		},
		{
			method: 'DELETE',
			path: '/projects/:uid',
			handler: guarded('organization', (req) => {
				requireObjectId(req.params.uid);
				const project = state.projects.get(req.params.uid);
				if (!project || project.organizationUid !== req.who.organizationUid)
					throw fail(
						404,
						'personalize.PROJECTS.NOT_FOUND',
						`Project ${req.params.uid} was not found`,
					);
				state.projects.delete(project.uid);
				return { status: 204 };
			}),
		},
	];

	// ---- Edge API -------------------------------------------------------------------------------
	// Only the manifest's 404 `{ error: "personalize.MANIFEST.PROJECT_NOT_FOUND" }` is known (the Edge SDK
	// tests for it). Every `personalize.EDGE.*` code, every message and the success bodies
	// (`{ message: … }`) are the sandbox's own: the SDK reads neither, and the docs do not give them.

	function edgeProject(req) {
		const project = state.projects.get(String(req.headers['x-project-uid'] || ''));
		if (!project)
			throw fail(
				404,
				'personalize.MANIFEST.PROJECT_NOT_FOUND',
				'personalize.MANIFEST.PROJECT_NOT_FOUND',
			);
		return project;
	}

	function edgeUser(req) {
		const uid = req.headers['x-cs-personalize-user-uid'];
		if (!uid)
			throw badRequest(
				'personalize.EDGE.USER_UID_REQUIRED',
				'The x-cs-personalize-user-uid header is required',
			);
		return String(uid);
	}

	const visitor = (project, uid) => {
		if (!project.visitors.has(uid)) project.visitors.set(uid, {});
		return project.visitors.get(uid);
	};

	function manifest(req) {
		const project = edgeProject(req);
		const userUid = String(req.headers['x-cs-personalize-user-uid'] || crypto.randomUUID());
		// The Edge SDK sends the Lytics identity as a pair (X-Lytics-Id-Field / X-Lytics-Id-Value); one
		// without the other is refused here. Code and message are the sandbox's, not known from the API.
		if (Boolean(req.headers['x-lytics-id-field']) !== Boolean(req.headers['x-lytics-id-value']))
			throw badRequest(
				'personalize.EDGE.INVALID_LYTICS_IDENTITY',
				'x-lytics-id-field and x-lytics-id-value go together',
			);
		let live = {};
		if (req.headers['x-live-attributes']) {
			try {
				live = JSON.parse(String(req.headers['x-live-attributes']));
			} catch {
				throw badRequest(
					'personalize.EDGE.INVALID_LIVE_ATTRIBUTES',
					'x-live-attributes must be a JSON object',
				);
			}
		}
		const attributes = { ...(project.visitors.get(userUid) || {}), ...live };
		const tags = [].concat(req.query.getAll('tags[]'), req.query.getAll('tags')).filter(Boolean);
		const experiences = [];
		for (const uid of project.priority) {
			const experience = project.experiences.get(uid);
			if (!experience || experience.status !== 'ACTIVE') continue;
			if (tags.length && !(experience.tags || []).some((tag) => tags.includes(tag))) continue;
			const version = project.versions.get(uid).find((entry) => entry.status === 'ACTIVE');
			let chosen = null;
			if (experience.__type === 'AB_TEST') {
				const target = version.targeting && version.targeting.audience;
				if (
					!target ||
					inAudiences(project, target.audiences || [], target.audienceCombinationType, attributes)
				) {
					const share = hashShare(`${userUid}:${uid}`) * 100;
					let sum = 0;
					const equal = version.variantSplit === 'EQUALLY_SPLIT';
					for (const variant of version.variants) {
						sum += equal ? 100 / version.variants.length : variant.trafficDistribution;
						if (share < sum) {
							chosen = variant.shortUid;
							break;
						}
					}
				}
			} else {
				const match = version.variants.find((variant) =>
					inAudiences(
						project,
						variant.audiences || [],
						variant.audienceCombinationType,
						attributes,
					),
				);
				chosen = match ? match.shortUid : null;
			}
			experiences.push({ shortUid: experience.shortUid, activeVariantShortUid: chosen });
		}
		return {
			status: 200,
			headers: { 'x-cs-personalize-user-uid': userUid },
			body: {
				activeVariants: Object.fromEntries(
					experiences.map((entry) => [entry.shortUid, entry.activeVariantShortUid]),
				),
				experiences,
			},
		};
	}

	function setAttributes(req) {
		const project = edgeProject(req);
		const userUid = edgeUser(req);
		const body = req.json();
		if (!isPlainObject(body))
			throw badRequest(
				'personalize.EDGE.INVALID_BODY',
				'The body must be an object of attribute keys and values',
			);
		for (const [key, value] of Object.entries(body)) {
			if (value !== null && !['string', 'number', 'boolean'].includes(typeof value))
				throw badRequest(
					'personalize.EDGE.INVALID_ATTRIBUTE',
					`${key} must be a string, number or boolean`,
				);
		}
		Object.assign(visitor(project, userUid), body);
		return { status: 200, body: { message: 'Attributes updated' } };
	}

	function mergeUsers(req) {
		const project = edgeProject(req);
		const body = req.json();
		if (!isPlainObject(body) || !isText(body.sourceUserUid) || !isText(body.targetUserUid))
			throw badRequest(
				'personalize.EDGE.INVALID_BODY',
				'sourceUserUid and targetUserUid are required',
			);
		const source = project.visitors.get(body.sourceUserUid) || {};
		const target = visitor(project, body.targetUserUid);
		for (const [key, value] of Object.entries(source)) if (!(key in target)) target[key] = value;
		project.visitors.delete(body.sourceUserUid);
		for (const list of [project.impressions, project.conversionsLog])
			for (const entry of list)
				if (entry.userUid === body.sourceUserUid) entry.userUid = body.targetUserUid;
		return { status: 200, body: { message: 'Users merged' } };
	}

	function trackEvents(req) {
		const project = edgeProject(req);
		const userUid = edgeUser(req);
		const body = req.json();
		if (!Array.isArray(body))
			throw badRequest('personalize.EDGE.INVALID_BODY', 'The body must be an array of events');
		// The Edge SDK posts `[]` when an impression is triggered for an experience with no active variant
		// (triggerImpressions drops null variants, then posts what is left); the API's answer is unknown,
		// and the SDK ignores it. The sandbox records nothing and says so.
		if (body.length === 0) return { status: 200, body: { message: 'No events', count: 0 } };
		if (settings.maxEventsPerRequest !== null && body.length > settings.maxEventsPerRequest)
			throw fail(
				413,
				'personalize.EDGE.TOO_MANY_EVENTS',
				`At most ${settings.maxEventsPerRequest} events per request`,
			);
		body.forEach((event, index) => {
			if (!isPlainObject(event))
				throw badRequest('personalize.EDGE.INVALID_EVENT', `[${index}] must be an object`);
			if (event.type === 'IMPRESSION') {
				if (!isText(event.experienceShortUid) || !isText(event.variantShortUid))
					throw badRequest(
						'personalize.EDGE.INVALID_EVENT',
						`[${index}] needs experienceShortUid and variantShortUid`,
					);
			} else if (event.type === 'EVENT') {
				if (!isText(event.eventKey))
					throw badRequest('personalize.EDGE.INVALID_EVENT', `[${index}] needs eventKey`);
			} else {
				throw badRequest(
					'personalize.EDGE.INVALID_EVENT',
					`[${index}].type must be IMPRESSION or EVENT`,
				);
			}
		});
		const at = Date.now();
		for (const event of body) {
			if (event.type === 'EVENT') {
				project.conversionsLog.push({ userUid, eventKey: event.eventKey, at });
				continue;
			}
			const experience = [...project.experiences.values()].find(
				(entry) => entry.shortUid === event.experienceShortUid,
			);
			const version =
				experience &&
				project.versions.get(experience.uid).find((entry) => entry.status === 'ACTIVE');
			if (version)
				project.impressions.push({
					userUid,
					experienceUid: experience.uid,
					versionUid: version.uid,
					variantShortUid: event.variantShortUid,
					at,
				});
		}
		return { status: 200, body: { message: 'Events recorded', count: body.length } };
	}

	// ---- CMS integration: the experience's variant group (undocumented; @contentstack/cli-variants) --

	/**
	 * GET/POST /experiences/{uid}/cms-integration/variant-group, as the CLI's PersonalizationAdapter
	 * calls them (getCTsFromExperience / updateCTsInExperience): POST `{ contentTypes: [uid, ...] }` links
	 * the experience's CMS variant group to those content types; both answer `{ uid, contentTypes }`
	 * (CMSExperienceStruct; the CLI also reads `content_types`, sent too). The group uid is the one in
	 * the experience's `_cms.variantGroup`. Validation codes and messages are the sandbox's own.
	 */
	const variantGroupUid = (experience) =>
		(experience._cms && experience._cms.variantGroup) || `cs${experience.uid.slice(0, 16)}`;
	const variantGroupBody = (experience, contentTypes) => ({
		uid: variantGroupUid(experience),
		contentTypes: [...contentTypes],
		content_types: [...contentTypes],
	});

	const variantGroupRoutes = [
		{
			method: 'GET',
			path: '/experiences/:uid/cms-integration/variant-group',
			handler: guarded('project', (req) => {
				const experience = experienceOf(req);
				return {
					status: 200,
					body: variantGroupBody(experience, state.variantGroups.get(experience.uid) || []),
				};
			}),
		},
		{
			method: 'POST',
			path: '/experiences/:uid/cms-integration/variant-group',
			handler: guarded('project', (req) => {
				const experience = experienceOf(req);
				const { contentTypes } = readBody(req);
				if (!Array.isArray(contentTypes) || !contentTypes.every(isText))
					throw badRequest(
						'personalize.EXPERIENCES.CMS_INTEGRATION.VALIDATION',
						'contentTypes must be an array of content type UIDs (sandbox)',
					);
				state.variantGroups.set(experience.uid, [...new Set(contentTypes)]);
				return {
					status: 200,
					body: variantGroupBody(experience, state.variantGroups.get(experience.uid)),
				};
			}),
		},
	];

	/**
	 * The CMA's side of the same groups, as the CLI's import/export reach them (getVariantGroup /
	 * updateVariantGroup): GET /v3/variant_groups?experience_uid=… and PUT /v3/variant_groups/{uid} with
	 * the group object itself (not wrapped), on the stack given by the `api_key` header. Groups list their
	 * content types as `{ uid, status: "linked" }` (the CMA docs' example; the CLI filters on
	 * `ct.uid` and `ct.status === 'linked'`). The sandbox has no stacks: a stack's groups are the
	 * experiences of the caller's projects connected to that api_key, or connected to none. The PUT
	 * answer, the error bodies and their texts are the sandbox's own (unconfirmed).
	 */
	function stackExperiences(req) {
		const { who, rejection } = caller(req);
		if (rejection) return { rejection };
		const apiKey = req.headers.api_key;
		if (!apiKey)
			return {
				rejection: {
					status: 422,
					body: {
						error_message: 'The api_key header is required (sandbox)',
						errors: { api_key: ['is required'] },
					},
				},
			};
		const projects = [...state.projects.values()].filter(
			(project) =>
				project.organizationUid === who.organizationUid &&
				(!project.connectedStackApiKey || project.connectedStackApiKey === apiKey),
		);
		return { who, experiences: projects.flatMap((project) => [...project.experiences.values()]) };
	}

	function cmaVariantGroup(experience) {
		return {
			uid: variantGroupUid(experience),
			name: experience.name,
			description: experience.description || '',
			content_types: (state.variantGroups.get(experience.uid) || []).map((uid) => ({
				uid,
				status: 'linked',
			})),
			branches: ['main'],
			created_by: experience.createdBy,
			updated_by: experience.updatedBy,
			created_at: experience.createdAt,
			updated_at: experience.updatedAt,
		};
	}

	const cmaVariantGroupRoutes = [
		{
			method: 'GET',
			path: '/v3/variant_groups',
			auth: false,
			handler: (req) => {
				const { experiences, rejection } = stackExperiences(req);
				if (rejection) return rejection;
				const experienceUid = req.query.get('experience_uid');
				const contentType = req.query.get('content_type');
				const groups = experiences
					.filter((experience) => !experienceUid || experience.uid === experienceUid)
					.map(cmaVariantGroup)
					.filter(
						(group) =>
							!contentType || group.content_types.some((entry) => entry.uid === contentType),
					);
				return {
					status: 200,
					body: {
						variant_groups: groups,
						...(req.query.get('include_count') === 'true' ? { count: groups.length } : {}),
					},
				};
			},
		},
		{
			method: 'PUT',
			path: '/v3/variant_groups/:uid',
			auth: false,
			handler: (req) => {
				const { experiences, rejection } = stackExperiences(req);
				if (rejection) return rejection;
				const experience = experiences.find((entry) => variantGroupUid(entry) === req.params.uid);
				if (!experience)
					return {
						status: 404,
						body: {
							error_message: `Variant group ${req.params.uid} was not found (sandbox)`,
							errors: {},
						},
					};
				const body = req.json();
				const contentTypes = isPlainObject(body) ? body.content_types : undefined;
				// Strings are taken as linked: the CLI's type and the SDK's create example send strings.
				const entries = Array.isArray(contentTypes)
					? contentTypes.map((entry) =>
							typeof entry === 'string' ? { uid: entry, status: 'linked' } : entry,
						)
					: null;
				if (
					!entries ||
					!entries.every(
						(entry) =>
							isPlainObject(entry) &&
							isText(entry.uid) &&
							['linked', 'unlinked'].includes(entry.status),
					)
				)
					return {
						status: 422,
						body: {
							error_message:
								'content_types must be a list of { uid, status: linked|unlinked } (sandbox)',
							errors: { content_types: ['is invalid'] },
						},
					};
				const linked = new Set(state.variantGroups.get(experience.uid) || []);
				for (const entry of entries) {
					if (entry.status === 'linked') linked.add(entry.uid);
					else linked.delete(entry.uid);
				}
				state.variantGroups.set(experience.uid, [...linked]);
				return {
					status: 200,
					body: {
						notice: 'Variant group updated successfully (sandbox)',
						variant_group: cmaVariantGroup(experience),
					},
				};
			},
		},
	];

	// ---- rate limit -----------------------------------------------------------------------------

	/** One bucket per organization and class (read/write); the edge per project; logins apart. */
	function rateLimitKey(req) {
		if (req.path.startsWith('/edge/')) return `edge:${req.headers['x-project-uid'] || '-'}`;
		if (req.path.startsWith('/v3/') || req.path === '/token' || req.path.startsWith('/apps/'))
			return 'auth';
		const { who } = caller(req);
		return `${who ? who.organizationUid : 'anonymous'}:${['GET', 'HEAD'].includes(req.method) ? 'read' : 'write'}`;
	}

	const documentedRateLimit = { requestsPerSecond: 10, burst: 10 };

	const sandbox = createSandbox({
		name: 'contentstack-personalize',
		errorResponse: personalizeErrorResponse,
		rateLimit: settings.rateLimit === 'documented' ? documentedRateLimit : settings.rateLimit,
		rateLimitKey,
		redactHeaders: ['authtoken', 'authorization'],
		onReset: loadSeed,
		routes: [
			{ method: 'POST', path: '/v3/user-session', handler: login, auth: false },
			{ method: 'DELETE', path: '/v3/user-session', handler: logout, auth: false },
			{ method: 'POST', path: '/token', handler: oauthToken, auth: false },
			{ method: 'GET', path: '/apps/:appUid/authorize', handler: authorize, auth: false },
			...collectionRoutes('/attributes', 'attributes', attributeFields, {
				list: (project) => [
					...project.presets,
					...[...project.attributes.values()].map((entry) => ({ ...entry, __type: 'CUSTOM' })),
				],
			}),
			...collectionRoutes('/events', 'events', eventFields),
			...collectionRoutes('/audiences', 'audiences', audienceFields),
			...collectionRoutes('/experiences', 'experiences', experienceFields, {
				onCreate: createExperience,
				onDelete: deleteExperience,
				list: (project) => project.priority.map((uid) => project.experiences.get(uid)),
			}),
			...versionRoutes,
			...priorityRoutes,
			...analyticsRoutes,
			...variantGroupRoutes,
			...cmaVariantGroupRoutes,
			{ method: 'GET', path: '/geolocation/countries', handler: geolocation('countries') },
			{ method: 'GET', path: '/geolocation/regions', handler: geolocation('regions') },
			{ method: 'GET', path: '/geolocation/cities', handler: geolocation('cities') },
			...projectRoutes,
			{ method: 'GET', path: '/edge/manifest', handler: manifest, auth: false },
			{ method: 'PATCH', path: '/edge/user-attributes', handler: setAttributes, auth: false },
			{
				method: 'POST',
				path: '/edge/user-attributes/actions/merge',
				handler: mergeUsers,
				auth: false,
			},
			{ method: 'POST', path: '/edge/events', handler: trackEvents, auth: false },
		],
		controlRoutes: [
			{
				method: 'GET',
				path: '/__sandbox/contentstack-personalize/logins',
				handler: () => ({ status: 200, body: sandbox.loginStats }),
			},
			{
				method: 'POST',
				path: '/__sandbox/contentstack-personalize/authtokens/expire',
				handler: () => (sandbox.authtokens.expireAll(), { status: 204 }),
			},
			{
				method: 'POST',
				path: '/__sandbox/contentstack-personalize/oauth/issue',
				handler: (req) => ({ status: 200, body: issueOAuth(req.rawBody.trim() ? req.json() : {}) }),
			},
			{
				method: 'POST',
				path: '/__sandbox/contentstack-personalize/oauth/expire',
				handler: () => (sandbox.oauth.expireAll(), { status: 204 }),
			},
			{
				method: 'POST',
				path: '/__sandbox/contentstack-personalize/tfa',
				handler: (req) => (sandbox.setTfaCode(req.json().code ?? null), { status: 204 }),
			},
			{
				method: 'POST',
				path: '/__sandbox/contentstack-personalize/tfa-secret',
				handler: (req) => (sandbox.setTfaSecret(req.json().secret ?? null), { status: 204 }),
			},
			{
				method: 'POST',
				path: '/__sandbox/contentstack-personalize/analytics',
				handler: (req) => ({ status: 200, body: sandbox.addAnalytics(req.json()) }),
			},
			{
				method: 'GET',
				path: '/__sandbox/contentstack-personalize/project',
				handler: (req) => ({
					status: 200,
					body: sandbox.project(req.query.get('uid') || DEFAULT_PROJECT_UID),
				}),
			},
		],
	});

	loadSeed();
	Object.assign(sandbox, {
		authtokens: {
			/** Ends every session (as Contentstack does when a user logs out everywhere). */
			expireAll: () => {
				for (const record of state.authtokens.values()) record.valid = false;
			},
			active: (email = DEFAULT_EMAIL) => {
				const user = state.users.find((candidate) => candidate.email === email);
				return [...state.authtokens.values()].filter(
					(record) => record.userUid === user.uid && record.valid,
				).length;
			},
		},
		oauth: {
			issue: (spec) => issueOAuth(spec),
			expireAll: () => {
				for (const record of state.oauthTokens.values()) record.expiresAt = 0;
			},
			revokeAll: () => {
				for (const record of state.oauthTokens.values()) record.revoked = true;
			},
			/**
			 * An authorization code for the code exchange (what the browser step would yield). spec: userUid,
			 * scope, clientId, and from the authorize URL redirectUri, codeChallenge, codeChallengeMethod.
			 */
			code: (spec = {}) => {
				state.codes = state.codes || new Map();
				const code = `code_${crypto.randomBytes(8).toString('hex')}`;
				state.codes.set(code, spec);
				return code;
			},
		},
		setTfaCode(code) {
			state.users[0].tfaCode = code === null || code === undefined ? null : String(code);
		},
		/** Turns on 2FA by an authenticator app: logins then need the current TOTP code of this base32 secret. */
		setTfaSecret(secret) {
			if (secret !== null && secret !== undefined) base32Decode(secret);
			state.users[0].tfaSecret = secret === null || secret === undefined ? null : String(secret);
		},
		/** A snapshot of a project: its objects, versions (by experience) and priority. */
		project(uid = DEFAULT_PROJECT_UID) {
			const project = state.projects.get(uid);
			if (!project) return null;
			return structuredClone({
				...publicProject(project),
				attributes: [...project.attributes.values()],
				events: [...project.events.values()],
				audiences: [...project.audiences.values()],
				experiences: [...project.experiences.values()],
				versions: Object.fromEntries(
					[...project.versions.entries()].map(([key, list]) => [key, list.map(publicVersion)]),
				),
				priority: project.priority,
				visitors: Object.fromEntries(project.visitors),
				impressions: project.impressions,
				conversions: project.conversionsLog,
			});
		},
		projects: () => [...state.projects.values()].map(publicProject),
		/**
		 * Advances a version's analytics (for tests that wait for an A/B test's leader): spec
		 * { experienceUid, versionUid? (default: the active one), project?, variants: [{ shortUid,
		 * impressions, conversions }] } adds that many impressions of new visitors, of whom
		 * `conversions` then fire the version's first metric event. Answers the figures added.
		 */
		addAnalytics(spec = {}) {
			const project = state.projects.get(spec.project || DEFAULT_PROJECT_UID);
			const versions = project && project.versions.get(spec.experienceUid);
			if (!versions) throw fail(404, 'personalize.EXPERIENCES.NOT_FOUND', 'No such experience');
			const version = spec.versionUid
				? versions.find((entry) => entry.uid === spec.versionUid)
				: versions.find((entry) => entry.status === 'ACTIVE');
			if (!version)
				throw fail(404, 'personalize.EXPERIENCES.VERSIONS.NOT_FOUND', 'No such (active) version');
			const metric = (version.metrics || [])
				.map((entry) => project.events.get(entry.event))
				.find(Boolean);
			const added = [];
			for (const figures of Array.isArray(spec.variants) ? spec.variants : []) {
				const impressions = Math.max(0, Math.floor(Number(figures.impressions) || 0));
				const conversions = Math.min(impressions, Math.floor(Number(figures.conversions) || 0));
				if (conversions && !metric)
					throw badRequest('SANDBOX.NO_METRIC', 'The version has no metric event to convert on');
				const at = Date.now();
				for (let index = 0; index < impressions; index++) {
					const userUid = `sandbox-visitor-${++counters.visitors}`;
					project.impressions.push({
						userUid,
						experienceUid: spec.experienceUid,
						versionUid: version.uid,
						variantShortUid: String(figures.shortUid),
						at,
					});
					if (index < conversions)
						project.conversionsLog.push({ userUid, eventKey: metric.key, at });
				}
				added.push({ shortUid: String(figures.shortUid), impressions, conversions });
			}
			return { experienceUid: spec.experienceUid, versionUid: version.uid, added };
		},
		/** Puts objects straight into a project (for tests): { attributes, events, audiences }. */
		insert(uid, kind, object) {
			const project = state.projects.get(uid);
			const created = {
				uid: objectId(),
				project: uid,
				createdAt: nowIso(),
				updatedAt: nowIso(),
				...object,
			};
			project[kind].set(created.uid, created);
			return created;
		},
	});
	Object.defineProperties(sandbox, {
		/** Successful logins through /v3/user-session (the figure "logins per N executions"). */
		logins: { get: () => counters.logins, enumerable: true },
		loginStats: {
			get: () => ({
				logins: counters.logins,
				failedLogins: counters.failedLogins,
				oauthTokenRequests: counters.oauthTokenRequests,
				activeAuthtokens: sandbox.authtokens.active(),
			}),
			enumerable: true,
		},
	});
	return sandbox;
}

/** Demo data in a project: two custom attributes, two events, an audience and a live segmented experience. */
function seedDemo(project, who, abTest = false) {
	const add = (kind, object) => {
		const created = stamp(who, { project: project.uid, ...object });
		project[kind].set(created.uid, created);
		return created;
	};
	const tier = add('attributes', {
		uid: '6650a1b2c3d4e5f601234501',
		name: 'Loyalty tier',
		key: 'loyalty_tier',
		description: 'bronze, silver or gold',
	});
	add('attributes', {
		uid: '6650a1b2c3d4e5f601234502',
		name: 'Orders',
		key: 'orders',
		description: 'Number of orders placed',
	});
	const purchase = add('events', {
		uid: '6650a1b2c3d4e5f601234511',
		key: 'purchase',
		description: 'Order completed',
	});
	add('events', {
		uid: '6650a1b2c3d4e5f601234512',
		key: 'signup',
		description: 'Newsletter signup',
	});
	const gold = add('audiences', {
		uid: '6650a1b2c3d4e5f601234521',
		name: 'Gold members',
		description: 'Visitors in the gold loyalty tier',
		slug: 'gold_members',
		source: 'CONTENTSTACK',
		definition: {
			__type: 'RuleCombination',
			combinationType: 'AND',
			rules: [
				{
					__type: 'Rule',
					attribute: { __type: 'CustomAttributeReference', ref: tier.uid },
					attributeMatchCondition: 'STRING_EQUALS',
					attributeMatchOptions: { __type: 'StringMatchOptions', value: 'gold' },
					invertCondition: false,
				},
			],
		},
	});
	const experienceUid = '6650a1b2c3d4e5f601234531';
	const versionUid = '6650a1b2c3d4e5f601234541';
	project.experiences.set(
		experienceUid,
		stamp(who, {
			uid: experienceUid,
			project: project.uid,
			name: 'Homepage hero by tier',
			description: '',
			__type: 'SEGMENTED',
			shortUid: '0',
			status: 'ACTIVE',
			latestVersion: versionUid,
			_cms: {},
			referredAudiences: [gold.uid],
		}),
	);
	project.nextExperienceShortUid = 1;
	project.versions.set(experienceUid, [
		stamp(who, {
			uid: versionUid,
			experienceUid,
			status: 'ACTIVE',
			nextVariantShortUid: 1,
			variants: [
				{
					__type: 'SegmentedVariant',
					name: 'Gold hero',
					shortUid: '0',
					audiences: [gold.uid],
					lyticsAudiences: [],
					audienceCombinationType: 'OR',
				},
			],
		}),
	]);
	project.priority.push(experienceUid);
	if (abTest) seedAbTest(project, who, purchase);
}

/** A live A/B test whose second variant leads (for the "A/B test has a winner" example). */
function seedAbTest(project, who, purchase) {
	// A live A/B test whose second variant leads (9 % against 6 % of 1,500 visitors each: a
	// probability to be best above 99 %), for the "A/B test has a winner" example.
	const testUid = '6650a1b2c3d4e5f601234532';
	const testVersionUid = '6650a1b2c3d4e5f601234542';
	project.experiences.set(
		testUid,
		stamp(who, {
			uid: testUid,
			project: project.uid,
			name: 'Checkout button A/B test',
			description: 'Does a green checkout button sell more?',
			__type: 'AB_TEST',
			shortUid: '1',
			status: 'ACTIVE',
			latestVersion: testVersionUid,
			_cms: {},
			referredAudiences: [],
		}),
	);
	project.nextExperienceShortUid = 2;
	project.versions.set(testUid, [
		stamp(who, {
			uid: testVersionUid,
			experienceUid: testUid,
			status: 'ACTIVE',
			nextVariantShortUid: 2,
			variantSplit: 'CUSTOM_PERCENTAGE',
			variants: [
				{ __type: 'ABTestVariant', name: 'Blue button', shortUid: '0', trafficDistribution: 50 },
				{ __type: 'ABTestVariant', name: 'Green button', shortUid: '1', trafficDistribution: 50 },
			],
			metrics: [{ __type: 'Primary', name: 'Purchases', event: purchase.uid }],
		}),
	]);
	project.priority.push(testUid);
	const at = Date.now();
	for (const [variantShortUid, conversions] of [
		['0', 90],
		['1', 135],
	])
		for (let index = 0; index < 1500; index++) {
			const userUid = `demo-visitor-${variantShortUid}-${index}`;
			project.impressions.push({
				userUid,
				experienceUid: testUid,
				versionUid: testVersionUid,
				variantShortUid,
				at,
			});
			if (index < conversions) project.conversionsLog.push({ userUid, eventKey: purchase.key, at });
		}
}

async function startContentstackPersonalizeSandbox(options) {
	const sandbox = createContentstackPersonalizeSandbox(options);
	await sandbox.listen(0);
	return sandbox;
}

module.exports = {
	createContentstackPersonalizeSandbox,
	startContentstackPersonalizeSandbox,
	personalizeErrorResponse,
	totp,
	base32Decode,
	pkceChallenge,
	DEFAULT_ORG_UID,
	OTHER_ORG_UID,
	DEFAULT_PROJECT_UID,
	OTHER_PROJECT_UID,
	PRODUCTION_PROJECT_UID,
	DEFAULT_EMAIL,
	DEFAULT_PASSWORD,
	DEFAULT_AUTHTOKEN,
	OTHER_AUTHTOKEN,
	DEFAULT_CLIENT_ID,
	DEFAULT_CLIENT_SECRET,
	MAX_AUTHTOKENS,
};
