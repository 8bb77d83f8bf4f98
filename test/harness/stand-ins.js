'use strict';

/**
 * HARNESS STAND-INS for n8n core (`n8n-nodes-base`) types.
 *
 * n8n-nodes-base is not installed here (it is the n8n app's own package, not a dependency of a
 * community package), so the example workflows' core nodes are replaced by these small stand-ins.
 * They are only there so a workflow's shape (trigger -> our nodes -> "Convert to File" ...) runs in
 * the real engine. In real n8n (the e2e tests against an n8n 2.41 process) the real nodes run.
 *
 * - manualTrigger / scheduleTrigger: real trigger-type nodes (`trigger()` + `manualTriggerFunction`),
 *   so WorkflowExecute drives them through its real manual-trigger path; they emit one empty item.
 * - any other n8n-nodes-base.* type: a pass-through that returns its input items (output 0 only).
 *   Multi-output core nodes (IF, Switch) and nodes that really transform data are NOT emulated:
 *   pin their output (workflow `pinData`) when a test depends on what they produce.
 * - oAuth2Api: the base credential that OAuth2 credentials `extends`; it lives in n8n-nodes-base.
 *   Only its properties (with the defaults n8n 2.41 uses) are needed by the credentials helper.
 */
const vm = require('node:vm');
const { NodeConnectionTypes } = require('n8n-workflow');

const CORE_PREFIX = 'n8n-nodes-base.';
const STAND_IN_SUFFIX = ' (harness stand-in)';

/** Trigger stand-in: in manual mode n8n calls `trigger()` and awaits `manualTriggerFunction`. */
function createTriggerStandIn(type, displayName) {
	return {
		description: {
			displayName: displayName + STAND_IN_SUFFIX,
			name: type,
			group: ['trigger'],
			version: 1,
			description: 'Harness stand-in: emits one empty item when run manually',
			defaults: { name: displayName },
			inputs: [],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async trigger() {
			const manualTriggerFunction = async () => {
				this.emit([this.helpers.returnJsonArray([{}])]);
			};
			return { manualTriggerFunction };
		},
	};
}

/** Generic stand-in for any other core node: returns its input, paired 1:1. */
function createPassThroughStandIn(type) {
	return {
		description: {
			displayName: type.slice(CORE_PREFIX.length) + STAND_IN_SUFFIX,
			name: type,
			group: ['transform'],
			version: 1,
			description: 'Harness stand-in: passes its input items through unchanged',
			defaults: { name: type },
			inputs: [NodeConnectionTypes.Main],
			outputs: [NodeConnectionTypes.Main],
			properties: [],
		},
		async execute() {
			const items = this.getInputData();
			return [
				items.map((item, index) => ({
					json: item.json,
					...(item.binary ? { binary: item.binary } : {}),
					pairedItem: { item: index },
				})),
			];
		},
	};
}

/**
 * Code node stand-in ("Run Once for All Items", JavaScript only): runs `jsCode` in a node:vm context
 * with `$input.all()`, `items` and `$json` of the first item, as simple example code needs. n8n runs
 * the real Code node in its task runner; the e2e tests cover that.
 */
function createCodeStandIn(type) {
	const node = createPassThroughStandIn(type);
	node.description.properties = [
		{ displayName: 'JavaScript', name: 'jsCode', type: 'string', default: '' },
	];
	node.execute = async function () {
		const items = this.getInputData();
		const code = this.getNodeParameter('jsCode', 0);
		const context = {
			$input: { all: () => items, first: () => items[0] },
			items,
			$json: items[0]?.json ?? {},
		};
		const result = await vm.runInNewContext(`(async () => {${code}\n})()`, context, {
			timeout: 5000,
		});
		const list = Array.isArray(result) ? result : [result];
		return [
			list.map((entry, index) => ({
				json: entry?.json ?? entry,
				pairedItem: { item: Math.min(index, items.length - 1) },
			})),
		];
	};
	return node;
}

const TRIGGER_STAND_INS = {
	[`${CORE_PREFIX}manualTrigger`]: 'Manual Trigger',
	[`${CORE_PREFIX}scheduleTrigger`]: 'Schedule Trigger',
};

const standInCache = new Map();

/** Returns the stand-in node type for a core type name, or undefined for non-core types. */
function getCoreStandIn(type) {
	if (!type.startsWith(CORE_PREFIX)) return undefined;
	if (!standInCache.has(type)) {
		const triggerName = TRIGGER_STAND_INS[type];
		const standIn = triggerName
			? createTriggerStandIn(type, triggerName)
			: type === `${CORE_PREFIX}code`
				? createCodeStandIn(type)
				: createPassThroughStandIn(type);
		standInCache.set(type, standIn);
	}
	return standInCache.get(type);
}

/** Base credential `oAuth2Api` (properties only; defaults as in n8n-nodes-base 2.41). */
const OAUTH2_API_STAND_IN = {
	name: 'oAuth2Api',
	displayName: 'OAuth2 API' + STAND_IN_SUFFIX,
	genericAuth: true,
	properties: [
		{
			displayName: 'Use Dynamic Client Registration',
			name: 'useDynamicClientRegistration',
			type: 'hidden',
			default: false,
		},
		{
			displayName: 'Grant Type',
			name: 'grantType',
			type: 'options',
			options: [
				{ name: 'Authorization Code', value: 'authorizationCode' },
				{ name: 'Client Credentials', value: 'clientCredentials' },
				{ name: 'PKCE', value: 'pkce' },
			],
			default: 'authorizationCode',
		},
		{
			displayName: 'Authorization URL',
			name: 'authUrl',
			type: 'string',
			displayOptions: { show: { grantType: ['authorizationCode', 'pkce'] } },
			default: '',
			required: true,
		},
		{
			displayName: 'Access Token URL',
			name: 'accessTokenUrl',
			type: 'string',
			default: '',
			required: true,
		},
		{ displayName: 'Client ID', name: 'clientId', type: 'string', default: '', required: true },
		{
			displayName: 'Client Secret',
			name: 'clientSecret',
			type: 'string',
			typeOptions: { password: true },
			default: '',
			required: true,
		},
		{ displayName: 'Scope', name: 'scope', type: 'string', default: '' },
		{
			displayName: 'Auth URI Query Parameters',
			name: 'authQueryParameters',
			type: 'string',
			displayOptions: { show: { grantType: ['authorizationCode', 'pkce'] } },
			default: '',
		},
		{
			displayName: 'Authentication',
			name: 'authentication',
			type: 'options',
			options: [
				{ name: 'Body', value: 'body' },
				{ name: 'Header', value: 'header' },
			],
			default: 'header',
		},
		{
			displayName: 'Send Additional Body Properties',
			name: 'sendAdditionalBodyProperties',
			type: 'boolean',
			default: false,
			displayOptions: { show: { grantType: ['clientCredentials'], authentication: ['body'] } },
		},
		{
			displayName: 'Additional Body Properties',
			name: 'additionalBodyProperties',
			type: 'json',
			displayOptions: {
				show: {
					grantType: ['clientCredentials'],
					authentication: ['body'],
					sendAdditionalBodyProperties: [true],
				},
			},
			default: '',
		},
		{
			displayName: 'Ignore SSL Issues (Insecure)',
			name: 'ignoreSSLIssues',
			type: 'boolean',
			default: false,
			doNotInherit: true,
		},
		{
			displayName: 'Token Expired Status Code',
			name: 'tokenExpiredStatusCode',
			type: 'number',
			default: 401,
			doNotInherit: true,
		},
		{
			displayName: 'JWE Token Decryption',
			name: 'jweEnabled',
			type: 'boolean',
			default: false,
			doNotInherit: true,
		},
	],
};

const BASE_CREDENTIAL_STAND_INS = { oAuth2Api: OAUTH2_API_STAND_IN };

module.exports = { getCoreStandIn, BASE_CREDENTIAL_STAND_INS, STAND_IN_SUFFIX };
