// The signer and authenticate() against the test vectors in shared/apis/luigisbox.md §2.
const {
	LuigisBoxApi,
	signLuigisBox,
} = require('../../dist/credentials/LuigisBoxApi.credentials.js');

const JSON_TYPE = 'application/json; charset=utf-8';
const VECTORS = [
	[
		'secret',
		'GET',
		JSON_TYPE,
		'Thu, 29 Jun 2017 12:11:16 GMT',
		'/v1/content_export',
		'wXj4oFdv4IRkL7RVSVrO2PiKwP3U5ssaYKsUzQAld7Y=',
	],
	[
		'secret',
		'POST',
		JSON_TYPE,
		'Thu, 29 Jun 2017 12:11:16 GMT',
		'/v1/content',
		'6DyKg257unB1yLVi5aPuy+Xqy9xII5wuGJtG71gMX2w=',
	],
	[
		'your_private_api_key',
		'POST',
		JSON_TYPE,
		'Mon, 20 Jan 2025 12:00:00 GMT',
		'/v1/recommender/pin/1234-5678/scope',
		'p7L8w8fAeFHKhgy39xUaA9bTJHTfTu/qfBwhN73WwU4=',
	],
	[
		'your_private_api_key',
		'GET',
		JSON_TYPE,
		'Mon, 20 Jan 2025 12:00:00 GMT',
		'/v1/recommender/pin/1234-5678/scope/199620b4-df1a-46e8-ab59-9e9ed9af7106',
		'e6gb0XVIotdiwhkDBBNTi5ILcg3YLRygjAdYwnvhKhQ=',
	],
	[
		'your_private_api_key',
		'POST',
		JSON_TYPE,
		'Mon, 20 Jan 2025 12:00:00 GMT',
		'/v1/recommender/pin/1234-5678/scopes',
		'vSYspLbtpLNeCyZ3GQApb2hSd/5/6E33IL9aOI6FkTI=',
	],
	[
		'your_private_api_key',
		'POST',
		'application/x-ndjson',
		'Mon, 20 Jan 2025 12:00:00 GMT',
		'/v1/recommender/pin/1234-5678/scopes/_bulk',
		'wdUqdPWKT4Qpg0XzL215+hKRataOTgNGvjpakV3Zoto=',
	],
	[
		'your_private_api_key',
		'GET',
		JSON_TYPE,
		'Mon, 20 Jan 2025 12:00:00 GMT',
		'/v1/recommender/pin/1234-5678/summary',
		'f/jrysuod6Vl3A1ayq4mxumrYY/PpLUlGcu0F+8nJ8I=',
	],
];

describe("Luigi's Box HMAC signature", () => {
	test.each(VECTORS)(
		'vector with key %s, %s %s %s %s',
		(privateKey, method, contentType, date, path, expected) => {
			expect(signLuigisBox({ privateKey, method, contentType, date, path })).toBe(expected);
		},
	);

	test('lower-case method is signed upper-case', () => {
		const [privateKey, , contentType, date, path, expected] = VECTORS[0];
		expect(signLuigisBox({ privateKey, method: 'get', contentType, date, path })).toBe(expected);
	});
});

describe('authenticate()', () => {
	const credential = new LuigisBoxApi();
	const credentials = {
		trackerId: '1234-5678',
		privateKey: 'your_private_api_key',
		baseUrl: 'https://live.luigisbox.tech',
	};

	function verify(signed, method, path) {
		const [, signature] = signed.headers.Authorization.match(/^ApiAuth 1234-5678:(.+)$/);
		const contentType = signed.headers['Content-Type'] ?? signed.headers['content-type'];
		expect(signature).toBe(
			signLuigisBox({
				privateKey: credentials.privateKey,
				method,
				contentType,
				date: signed.headers.Date,
				path,
			}),
		);
	}

	test('signs url + baseURL, without the query string, with a fresh RFC 1123 Date', async () => {
		const signed = await credential.authenticate(credentials, {
			method: 'POST',
			baseURL: 'https://live.luigisbox.tech/',
			url: '/v1/recommender/pin/1234-5678/scopes',
			qs: { limit: 10, model: ['basket'] },
		});
		expect(signed.headers.Date).toMatch(
			/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/,
		);
		expect(Math.abs(Date.parse(signed.headers.Date) - Date.now())).toBeLessThan(2000);
		expect(signed.headers['Content-Type']).toBe(JSON_TYPE);
		verify(signed, 'POST', '/v1/recommender/pin/1234-5678/scopes');
	});

	test('signs the uri the HTTP Request node passes, query string stripped', async () => {
		const signed = await credential.authenticate(credentials, {
			method: 'GET',
			uri: 'https://live.luigisbox.tech/v1/recommender/pin/1234-5678/summary?x=1',
			url: '',
		});
		verify(signed, 'GET', '/v1/recommender/pin/1234-5678/summary');
	});

	test('keeps and signs an explicit content type (NDJSON) and replaces a stale Date', async () => {
		const signed = await credential.authenticate(credentials, {
			method: 'POST',
			baseURL: 'https://live.luigisbox.tech',
			url: 'v1/recommender/pin/1234-5678/scopes/_bulk',
			headers: { 'content-type': 'application/x-ndjson', date: 'Mon, 20 Jan 2025 12:00:00 GMT' },
		});
		expect(signed.headers['content-type']).toBe('application/x-ndjson');
		expect(signed.headers.date).toBeUndefined();
		verify(signed, 'POST', '/v1/recommender/pin/1234-5678/scopes/_bulk');
	});

	test('never puts the private key into the request', async () => {
		const signed = await credential.authenticate(credentials, {
			method: 'GET',
			url: 'https://x.test/v1/a',
		});
		expect(JSON.stringify(signed)).not.toContain(credentials.privateKey);
	});
});

// The docs' own signing recipe (every customization page's shell example, e.g.
// https://docs.luigisbox.com/recommendations/customization/bulk_create_customizations.html):
//   string_to_sign="$(printf "${method}\n${content_type}\n${date}\n${base_path}")"
//   signature=$(echo -n "${string_to_sign}" | openssl dgst -sha256 -hmac "${private_key}" -binary | base64)
// with the docs' tracker_id 1234-5678, private_key your_private_api_key and their example date
// (api-principles: "Mon, 20 Jan 2025 12:00:00 GMT"); signatures below are that recipe's output, run
// with openssl. The signed path is base_path: the curl goes to full_path, with the query string.
// Luigi's Box's Magento plugin (luigisbox/search-suite-magento2 Helper::digest) builds the same string.
describe("authenticate() against the docs' shell recipe", () => {
	const credential = new LuigisBoxApi();
	const credentials = {
		trackerId: '1234-5678',
		privateKey: 'your_private_api_key',
		baseUrl: 'https://live.luigisbox.tech',
	};
	const DOCS_DATE = 'Mon, 20 Jan 2025 12:00:00 GMT';

	beforeAll(() => {
		jest.useFakeTimers({ now: Date.parse(DOCS_DATE), doNotFake: ['nextTick', 'setImmediate'] });
	});
	afterAll(() => jest.useRealTimers());

	test.each([
		[
			'Get Customizations',
			'POST',
			'/v1/recommender/pin/1234-5678/scopes',
			{ model: 'basket', limit: 10, sort: 'created_at:desc' },
			undefined,
			'vSYspLbtpLNeCyZ3GQApb2hSd/5/6E33IL9aOI6FkTI=',
		],
		[
			'Bulk Create',
			'POST',
			'/v1/recommender/pin/1234-5678/scopes/_bulk',
			{ conflict_strategy: 'override' },
			'application/x-ndjson',
			'wdUqdPWKT4Qpg0XzL215+hKRataOTgNGvjpakV3Zoto=',
		],
		[
			'Get Summary',
			'GET',
			'/v1/recommender/pin/1234-5678/summary',
			undefined,
			undefined,
			'f/jrysuod6Vl3A1ayq4mxumrYY/PpLUlGcu0F+8nJ8I=',
		],
		[
			'Delete Customization',
			'DELETE',
			'/v1/recommender/pin/1234-5678/scope/199620b4-df1a-46e8-ab59-9e9ed9af7106',
			undefined,
			undefined,
			'SlNum4aiB0mBCZkg88zjvl6lxFwmXSQ0k5hiVDsTElA=',
		],
		[
			'Update Customization',
			'PUT',
			'/v1/recommender/pin/1234-5678/scope/199620b4-df1a-46e8-ab59-9e9ed9af7106',
			undefined,
			undefined,
			'MvcWrLm1j3Q/NjPN/pT6zmVY9rYJeq0iasJN5qr6FiQ=',
		],
	])(
		'%s: same Date, Content-Type and Authorization as the recipe',
		async (_name, method, path, qs, contentType, signature) => {
			const signed = await credential.authenticate(credentials, {
				method,
				baseURL: 'https://live.luigisbox.tech',
				url: path,
				qs,
				headers: contentType ? { 'Content-Type': contentType } : undefined,
			});
			expect(signed.headers.Date).toBe(DOCS_DATE);
			expect(signed.headers['Content-Type']).toBe(contentType ?? 'application/json; charset=utf-8');
			expect(signed.headers.Authorization).toBe(`ApiAuth 1234-5678:${signature}`);
		},
	);
});
