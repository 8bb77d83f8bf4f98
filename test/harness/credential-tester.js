'use strict';

/**
 * `testCredential()` does what the "Test" button in n8n does (CLI `CredentialsTester.testCredentials`):
 * apply the type's defaults and expressions to the data, then either call a node's `credentialTest`
 * function or run the `ICredentialTestRequest` through n8n-core's `RoutingNode` on a temporary mock
 * node (so `preAuthentication` + `authenticate` + the real HTTP helper run), and map the outcome and
 * the request's `rules` to `{ status: 'OK' | 'Error', message }`.
 */
require('./setup');
const path = require('node:path');
const { CredentialTestContext, ExecuteContext, RoutingNode } = require('n8n-core');
const { NodeHelpers, VersionedNodeType, Workflow } = require('n8n-workflow');

const { loadTypes } = require('./types');
const { TestCredentialsHelper } = require('./credentials-helper');
const { createAdditionalData } = require('./additional-data');

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const TEST_CREDENTIAL = { id: 'credential-under-test', name: 'Credential under test' };

/** The mock node type the CLI tests requests with (n8n's NoOp). Its name is what preAuthentication checks. */
const NO_OP_NODE_TYPE = {
	description: {
		displayName: 'No Operation, do nothing',
		name: 'n8n-nodes-base.noOp',
		group: ['organization'],
		version: 1,
		defaults: { name: 'No Operation, do nothing' },
		inputs: ['main'],
		outputs: ['main'],
		properties: [],
	},
};

const ok = () => ({ status: 'OK', message: 'Connection successful!' });
const fail = (message) => ({ status: 'Error', message });

/** lodash.get for dotted keys used by `responseSuccessBody` rules. */
function getPath(object, key) {
	return String(key)
		.split('.')
		.reduce(
			(value, part) => (value === undefined || value === null ? undefined : value[part]),
			object,
		);
}

function nodeVersions(nodeType) {
	return nodeType instanceof VersionedNodeType ? Object.values(nodeType.nodeVersions) : [nodeType];
}

/** Where the test lives: the credential's `test`, or a supported node's `testedBy` (CLI order). */
function getCredentialTestFunction(credentialType, { credentialTypes, nodeTypes }) {
	const type = credentialTypes.getByName(credentialType);
	if (type.test) return { testRequest: type.test };

	for (const nodeName of credentialTypes.getSupportedNodes(credentialType)) {
		const node = nodeTypes.getByName(nodeName);
		for (const nodeType of nodeVersions(node)) {
			for (const { name, testedBy } of nodeType.description.credentials ?? []) {
				if (name !== credentialType) continue;
				const parents = credentialTypes.getParentTypes(name);
				if (parents.includes('oAuth2Api') || name === 'oAuth2Api') {
					return async (credential) =>
						credential?.data?.oauthTokenData?.access_token
							? ok()
							: fail('Connection failed: no OAuth2 access token (connect the account first)');
				}
				if (!testedBy) continue;
				if (typeof testedBy === 'string') {
					for (const version of nodeVersions(node).reverse()) {
						const fn = version.methods?.credentialTest?.[testedBy];
						if (fn) return fn;
					}
					return undefined;
				}
				return { nodeType, testRequest: testedBy };
			}
		}
	}
	return undefined;
}

/** Maps a failed test request to the CLI's result (rules with responseCode first, then non-2xx). */
function mapRequestError(error, rules) {
	const response = error.cause?.response;
	if (response) {
		const statusCode = response.status;
		for (const rule of rules ?? []) {
			if (rule.type === 'responseCode' && statusCode === rule.properties.value) {
				return fail(rule.properties.message);
			}
		}
		if (statusCode < 199 || statusCode > 299) {
			return fail(response.statusText || `Received HTTP status code: ${statusCode}`);
		}
	} else if (error.cause?.code) {
		return fail(error.cause.code);
	}
	return fail(String(error.message));
}

/** Runs the test request through RoutingNode on a temp node that carries the credential. */
async function runTestRequest(
	credentialType,
	credentialsDecrypted,
	{ nodeType = NO_OP_NODE_TYPE, testRequest },
	additionalData,
) {
	const typeName = nodeType.description.name;
	const node = {
		id: 'temp',
		parameters: {},
		name: 'Temp-Node',
		type: typeName,
		typeVersion: Array.isArray(nodeType.description.version)
			? nodeType.description.version.slice(-1)[0]
			: nodeType.description.version,
		position: [0, 0],
		credentials: {
			[credentialType]: { id: credentialsDecrypted.id, name: credentialsDecrypted.name },
		},
	};
	const nodeTypeCopy = {
		description: {
			...nodeType.description,
			credentials: [{ name: credentialType, required: true }],
			properties: [
				{
					displayName: 'Temp',
					name: 'temp',
					type: 'string',
					routing: { request: testRequest.request },
					default: '',
				},
			],
		},
	};
	const mockNodeTypes = {
		getKnownTypes: () => ({}),
		getByName: (type) => (type === typeName ? nodeTypeCopy : undefined),
		getByNameAndVersion: (type, version) =>
			NodeHelpers.getVersionedNodeType(mockNodeTypes.getByName(type), version),
	};
	// The Workflow constructor fills `temp: ''` into node.parameters (how preAuthentication spots a test).
	const workflow = new Workflow({
		nodes: [node],
		connections: {},
		active: false,
		nodeTypes: mockNodeTypes,
	});
	const inputData = { main: [[{ json: {} }]] };
	const runExecutionData = { resultData: { runData: {} } };
	const executeData = { node, data: {}, source: null };
	const context = new ExecuteContext(
		workflow,
		node,
		additionalData,
		'internal',
		runExecutionData,
		0,
		[],
		inputData,
		executeData,
		[],
	);

	let response;
	try {
		response = await new RoutingNode(context, nodeTypeCopy, credentialsDecrypted).runNode();
	} catch (error) {
		return mapRequestError(error, testRequest.rules);
	}
	for (const rule of Array.isArray(testRequest.rules) ? testRequest.rules : []) {
		if (
			rule.type === 'responseSuccessBody' &&
			getPath(response?.[0]?.[0]?.json, rule.properties.key) === rule.properties.value
		) {
			return fail(rule.properties.message);
		}
	}
	return ok();
}

/**
 * @param {string} credentialType e.g. 'luigisBoxApi'
 * @param {object} data the credential fields as a user would enter them
 * @returns {Promise<{status: 'OK'|'Error', message: string, credentialsHelper: TestCredentialsHelper}>}
 */
async function testCredential(credentialType, data, { packageDir = REPO_ROOT } = {}) {
	const types = await loadTypes(packageDir);
	const testFunction = getCredentialTestFunction(credentialType, types);
	if (testFunction === undefined) return fail('No testing function found for this credential.');

	const credentialsHelper = new TestCredentialsHelper(types.credentialTypes, {
		[credentialType]: { ...TEST_CREDENTIAL, data },
	});
	const additionalData = createAdditionalData({ credentialsHelper, executionId: undefined });
	const credentialsDecrypted = {
		...TEST_CREDENTIAL,
		type: credentialType,
		data: structuredClone(data),
	};
	const withHelper = (result) =>
		Object.defineProperty(result, 'credentialsHelper', { value: credentialsHelper });

	try {
		credentialsDecrypted.data = await credentialsHelper.applyDefaultsAndOverwrites(
			additionalData,
			credentialsDecrypted.data,
			credentialType,
			'internal',
		);
	} catch (error) {
		return withHelper(fail(String(error.message)));
	}

	if (typeof testFunction === 'function') {
		return withHelper(await testFunction.call(new CredentialTestContext(), credentialsDecrypted));
	}
	return withHelper(
		await runTestRequest(credentialType, credentialsDecrypted, testFunction, additionalData),
	);
}

module.exports = { testCredential };
