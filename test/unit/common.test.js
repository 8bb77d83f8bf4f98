// Small pure pieces of nodes/common; the transport as a whole is proven by the engine tests.
const { parseRetryAfter, backoffDelay } = require('../../dist/nodes/common/transport.js');
const { collectOffsetPages } = require('../../dist/nodes/common/pagination.js');
const { RequestPacer } = require('../../dist/nodes/common/pacing.js');
const { redactSecrets } = require('../../dist/nodes/common/redact.js');
const { chunk } = require('../../dist/nodes/common/batching.js');

describe('parseRetryAfter', () => {
	test('delta seconds, HTTP date, and unusable values', () => {
		expect(parseRetryAfter('3')).toBe(3000);
		expect(parseRetryAfter('0')).toBe(0);
		expect(parseRetryAfter('-1')).toBeUndefined();
		expect(parseRetryAfter('soon')).toBeUndefined();
		expect(parseRetryAfter(undefined)).toBeUndefined();
		const now = Date.parse('Mon, 20 Jan 2025 12:00:00 GMT');
		expect(parseRetryAfter('Mon, 20 Jan 2025 12:00:05 GMT', now)).toBe(5000);
	});
});

test('backoff grows and keeps half of its ceiling as a floor', () => {
	for (let attempt = 0; attempt < 8; attempt++) {
		const ceiling = Math.min(30000, 500 * 2 ** attempt);
		const delay = backoffDelay(attempt);
		expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
		expect(delay).toBeLessThanOrEqual(ceiling);
	}
});

describe('collectOffsetPages', () => {
	const data = Array.from({ length: 23 }, (_, i) => i);
	const server = (maxServed) => {
		const calls = [];
		const fetchPage = async (offset, limit) => {
			calls.push([offset, limit]);
			return { items: data.slice(offset, offset + Math.min(limit, maxServed)), total: data.length };
		};
		return { calls, fetchPage };
	};

	test('Return All uses the largest page and stops at total', async () => {
		const { calls, fetchPage } = server(100);
		expect(
			await collectOffsetPages(fetchPage, { returnAll: true, limit: 0, pageSize: 10 }),
		).toEqual(data);
		expect(calls).toEqual([
			[0, 10],
			[10, 10],
			[20, 10],
		]);
	});

	test('Limit asks only for what is still missing', async () => {
		const { calls, fetchPage } = server(100);
		expect(
			await collectOffsetPages(fetchPage, { returnAll: false, limit: 12, pageSize: 10 }),
		).toEqual(data.slice(0, 12));
		expect(calls).toEqual([
			[0, 10],
			[10, 2],
		]);
	});

	test('a server serving smaller pages than asked still yields everything', async () => {
		const { fetchPage } = server(4);
		expect(
			await collectOffsetPages(fetchPage, { returnAll: true, limit: 0, pageSize: 10 }),
		).toEqual(data);
	});
});

test('the pacer spaces requests at the configured rate', async () => {
	const pacer = new RequestPacer(100);
	const started = Date.now();
	for (let i = 0; i < 11; i++) await pacer.acquire();
	expect(Date.now() - started).toBeGreaterThanOrEqual(95);
});

test('redactSecrets removes authorization values, tokens and known secrets', () => {
	const text =
		'Authorization: ApiAuth 1234-5678:abc+/= Bearer eyJhb.c "password":"hunter22" key s3cr3t-value';
	const redacted = redactSecrets(text, ['s3cr3t-value']);
	for (const secret of ['abc+/=', 'eyJhb.c', 'hunter22', 's3cr3t-value'])
		expect(redacted).not.toContain(secret);
});

test('chunk', () => {
	expect(chunk([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
	expect(chunk([], 3)).toEqual([]);
});

describe('toUtcIso', () => {
	const { toUtcIso } = require('../../dist/nodes/common/dates.js');
	test('wall-clock times mean the workflow time zone, including across DST', () => {
		expect(toUtcIso('2025-01-15T10:00:00', 'Europe/Bratislava')).toBe('2025-01-15T09:00:00Z');
		expect(toUtcIso('2025-07-15T10:00:00', 'Europe/Bratislava')).toBe('2025-07-15T08:00:00Z');
		expect(toUtcIso('2025-07-15T10:00', 'America/New_York')).toBe('2025-07-15T14:00:00Z');
		expect(toUtcIso('2025-07-15T10:00:00', 'UTC')).toBe('2025-07-15T10:00:00Z');
	});
	test('values with a zone or that are not date-times pass unchanged', () => {
		expect(toUtcIso('2025-07-15T10:00:00+02:00', 'UTC')).toBe('2025-07-15T10:00:00+02:00');
		expect(toUtcIso('tomorrow', 'UTC')).toBe('tomorrow');
	});
});

describe('values: the small helpers every service shares', () => {
	const {
		withoutUndefined,
		trimmedOrUndefined,
		findHeaderKey,
		readHeader,
	} = require('../../dist/nodes/common/values.js');

	test('withoutUndefined keeps null unless asked, and every other falsy value', () => {
		const input = { a: undefined, b: null, c: 0, d: '', e: false };
		expect(withoutUndefined(input)).toEqual({ b: null, c: 0, d: '', e: false });
		expect(withoutUndefined(input, { alsoNull: true })).toEqual({ c: 0, d: '', e: false });
	});

	test('trimmedOrUndefined', () => {
		expect(trimmedOrUndefined('  x ')).toBe('x');
		expect(trimmedOrUndefined('   ')).toBeUndefined();
		expect(trimmedOrUndefined(null)).toBeUndefined();
		expect(trimmedOrUndefined(0)).toBe('0');
	});

	test('header names are case-insensitive; repeated headers give the first value', () => {
		const headers = { 'Content-Type': 'application/json', 'retry-after': ['3', '5'] };
		expect(findHeaderKey(headers, 'content-type')).toBe('Content-Type');
		expect(findHeaderKey(headers, 'X-Missing')).toBeUndefined();
		expect(readHeader(headers, 'Retry-After')).toBe('3');
		expect(readHeader(undefined, 'date')).toBeUndefined();
	});
});

describe('errors: codes read from the parsed body, one way to wrap a failure', () => {
	const { errorCodesIn, hasErrorCode, asNodeError } = require('../../dist/nodes/common/errors.js');
	const { NodeApiError, NodeOperationError } = require('n8n-workflow');
	const node = { id: '1', name: 'N', type: 't', typeVersion: 1, position: [0, 0], parameters: {} };

	test('codes under code-like keys at any depth; text elsewhere is not a code', () => {
		const body = {
			error: 'personalize.EXPERIENCES_PRIORITY.MISSING_EXPERIENCES',
			message: 'mentions CANNOT_UPDATE_LOCKED_VERSION in passing',
			details: [{ error_code: 104 }],
		};
		expect(errorCodesIn(body)).toEqual([
			'personalize.EXPERIENCES_PRIORITY.MISSING_EXPERIENCES',
			'104',
		]);
		const failure = { errorResponse: body };
		expect(hasErrorCode(failure, 'MISSING_EXPERIENCES')).toBe(true);
		expect(hasErrorCode(failure, 'EXPERIENCES')).toBe(false);
		// Stringified matching would have found this one in the message.
		expect(hasErrorCode(failure, 'CANNOT_UPDATE_LOCKED_VERSION')).toBe(false);
		expect(hasErrorCode(new Error('x'), 'X')).toBe(false);
	});

	test('describeErrorBody reads every vendor shape; a code-like `error` can follow the message', () => {
		const { describeErrorBody } = require('../../dist/nodes/common/errors.js');
		// Luigi's Box: reason phrase, message, details by line or field.
		expect(
			describeErrorBody({
				error: 'Bad Request',
				message: 'Invalid object',
				details: [
					{ line: 2, message: 'Malformed JSON' },
					{ field: 'url', message: 'missing' },
				],
			}),
		).toBe('Bad Request – Invalid object – line 2: Malformed JSON – url: missing');
		// Ocamba Hood: title and message; Algonomy: OAuth2 error and description.
		expect(describeErrorBody({ code: 404, title: 'Not found.', message: 'No such profile.' })).toBe(
			'Not found. – No such profile.',
		);
		expect(describeErrorBody({ error: 'invalid_token', error_description: 'expired' })).toBe(
			'invalid_token – expired',
		);
		expect(describeErrorBody({ error: { message: 'nested' }, reason: 'r', detail: 'd' })).toBe(
			'nested – r – d',
		);
		// The same body read as Contentstack's, whose `error` is a code.
		const body = { error: 'personalize.X.NOT_FOUND', message: 'Missing' };
		expect(describeErrorBody(body)).toBe('personalize.X.NOT_FOUND – Missing');
		expect(describeErrorBody(body, { errorIsCode: true })).toBe(
			'Missing – personalize.X.NOT_FOUND',
		);
		expect(describeErrorBody(42)).toBe('42');
	});

	test('shortTitle: vendor codes and the rest of a long text go to the details, not the title', () => {
		const {
			httpStatusError,
			isErrorCode,
			TITLE_LENGTH,
		} = require('../../dist/nodes/common/errors.js');
		expect(
			['invalid_token', 'personalize.X.NOT_FOUND', 'NOT_FOUND', '104'].map(isErrorCode),
		).toEqual([true, true, true, true]);
		expect(['Not Found', 'Unauthorized', 'Token not accepted.'].map(isErrorCode)).toEqual([
			false,
			false,
			false,
		]);
		const coded = httpStatusError(node, {
			serviceName: 'S',
			statusCode: 401,
			body: { error: 'invalid_token', error_description: 'Token not accepted', error_code: 7 },
			errorText: { shortTitle: true },
			itemIndex: 2,
		});
		expect(coded.message).toBe('S answered 401: Token not accepted');
		expect(coded.description).toMatch(/Error code: invalid_token, 7\.$/);
		expect(coded.context.itemIndex).toBe(2);
		const long = 'word '.repeat(60).trim();
		const cut = httpStatusError(node, {
			serviceName: 'S',
			statusCode: 400,
			body: { message: long },
			errorText: { shortTitle: true },
		});
		expect(cut.message.length).toBeLessThanOrEqual('S answered 400: '.length + TITLE_LENGTH);
		expect(cut.message.endsWith('…')).toBe(true);
		expect(cut.description).toContain(`S said: ${long}.`);
		// Without shortTitle the title stays as it was (codes and all).
		const plain = httpStatusError(node, {
			serviceName: 'S',
			statusCode: 401,
			body: { error: 'invalid_token', error_description: 'Token not accepted' },
		});
		expect(plain.message).toBe('S answered 401: invalid_token – Token not accepted');
	});

	test('asNodeError keeps node errors and wraps the rest with the item', () => {
		const apiError = new NodeApiError(node, { message: 'm' });
		expect(asNodeError(node, apiError)).toBe(apiError);
		const wrapped = asNodeError(node, new Error('plain'), 2);
		expect(wrapped).toBeInstanceOf(NodeOperationError);
		expect(wrapped.message).toBe('plain');
		expect(wrapped.context.itemIndex).toBe(2);
	});
});

describe('requestToken: the token step of a credential', () => {
	const { requestToken } = require('../../dist/nodes/common/token.js');
	const helperAnswering = (answer, sent = []) => ({
		helpers: {
			httpRequest: async (options) => {
				sent.push(options);
				if (answer instanceof Error) throw answer;
				return answer;
			},
		},
	});
	const request = (overrides = {}) => ({
		url: 'https://auth.example/token',
		body: new URLSearchParams({ client_id: 'id', client_secret: 's3cret-value' }),
		secrets: ['s3cret-value'],
		noAnswer: (reason) => `Login failed: no answer${reason ? ` (${reason})` : ''}`,
		refused: (status, body) => `Login failed: ${status} ${JSON.stringify(body)}`,
		read: (body) => (typeof body.token === 'string' ? { token: body.token } : undefined),
		...overrides,
	});

	test('a form or a JSON body, answered with a token', async () => {
		const sent = [];
		await expect(
			requestToken(helperAnswering({ statusCode: 200, body: '{"token":"t1"}' }, sent), request()),
		).resolves.toEqual({ token: { token: 't1' } });
		expect(sent[0]).toMatchObject({
			method: 'POST',
			url: 'https://auth.example/token',
			body: 'client_id=id&client_secret=s3cret-value',
			headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
			returnFullResponse: true,
			ignoreHttpStatusErrors: true,
		});
		await expect(
			requestToken(
				helperAnswering({ statusCode: 201, body: { token: 't2' } }, sent),
				request({ body: { user: { password: 'pw' } } }),
			),
		).resolves.toEqual({ token: { token: 't2' } });
		expect(sent[1]).toMatchObject({
			body: { user: { password: 'pw' } },
			json: true,
			headers: { 'Content-Type': 'application/json' },
		});
	});

	test('a refusal, an answer without a token and no answer: the credential message, no secret', async () => {
		await expect(
			requestToken(
				helperAnswering({ statusCode: 401, body: { error: 'bad s3cret-value' } }),
				request(),
			),
		).resolves.toEqual({ failure: 'Login failed: 401 {"error":"bad [redacted]"}' });
		await expect(
			requestToken(helperAnswering({ statusCode: 200, body: 'plain' }), request()),
		).resolves.toEqual({ failure: 'Login failed: 200 "plain"' });
		const network = Object.assign(new Error('connect ECONNREFUSED, body s3cret-value'), {
			cause: { code: 'ECONNREFUSED' },
			config: { data: 's3cret-value' },
		});
		await expect(requestToken(helperAnswering(network), request())).resolves.toEqual({
			failure: 'Login failed: no answer (connection refused)',
		});
	});
});
