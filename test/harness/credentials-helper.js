'use strict';

/**
 * In-memory `ICredentialsHelper` that follows n8n's CLI `CredentialsHelper`
 * (packages/cli/src/credentials-helper.ts) wherever node code can observe the difference:
 *
 * - getDecrypted: stored data + the credential type's property defaults (`NodeHelpers.getNodeParameters`),
 *   then expressions resolved with `$self` = the other fields (so `={{$self["baseUrl"]}}/token` works),
 *   per item when n8n-core passes expression-resolve values.
 * - authenticate: function style is awaited; generic style resolves every key/value with the workflow's
 *   expression engine and `$credentials`.
 * - preAuthentication: only for types with a hidden `expirable` property; runs when that field is '', when
 *   `credentialsExpired`, or for the credential-test mock node; the returned fields are persisted.
 *
 * What it leaves out on purpose: DB/encryption at rest, credential overwrites, external secrets, dynamic
 * (per-user) credentials, AI-gateway credentials, project/policy checks.
 *
 * Store: `{ [credentialType]: { id, name, data, others? } }`, `others` holding more credentials of the
 * same type (`[{ id, name, data }]`, e.g. a staging and a production project). Nodes reference
 * credentials by `{ id, name }` exactly as exported workflows do; the reference must match a stored
 * `id` of that type (as in n8n's DB lookup).
 */
require('./setup');
const {
	ICredentialsHelper,
	NodeHelpers,
	Workflow,
	UserError,
	UnexpectedError,
	isExpression,
	getCredentialOwnRequestAllowedDomains,
} = require('n8n-workflow');
const { getAdditionalKeys } = require('n8n-core');

/** Same shape as the CLI's mock node used to resolve credential expressions outside an execution. */
const MOCK_NODE = { name: '', typeVersion: 1, type: 'mock', position: [0, 0], parameters: {} };
const MOCK_NODE_TYPES = {
	getKnownTypes: () => ({}),
	getByName: () => ({ description: { properties: [] } }),
	getByNameAndVersion: () => ({ description: { properties: [] } }),
};

const clone = (value) => (value === undefined ? undefined : structuredClone(value));

/** Applies the credential's own allowed-domains setting to preAuthentication's requests (as the CLI does). */
function restrictToCredentialDomains(helpers, credentials) {
	return {
		helpers: {
			httpRequest: async (requestOptions) => {
				const allowedDomains = getCredentialOwnRequestAllowedDomains(credentials);
				if (allowedDomains === undefined) return await helpers.helpers.httpRequest(requestOptions);
				if (requestOptions.allowedDomains !== undefined) {
					throw new UserError(
						'This credential restricts requests to specific domains, which cannot be combined with the domains its authentication step asks for.',
					);
				}
				return await helpers.helpers.httpRequest({ ...requestOptions, allowedDomains });
			},
		},
	};
}

class TestCredentialsHelper extends ICredentialsHelper {
	/**
	 * @param {import('./types').CredentialTypes} credentialTypes
	 * @param {Record<string, {id: string, name: string, data: object}>} credentials keyed by credential type
	 */
	constructor(credentialTypes, credentials = {}) {
		super();
		this.credentialTypes = credentialTypes;
		this.store = new Map();
		for (const [type, entry] of Object.entries(credentials)) this.setCredentials(type, entry);
		/** How often each type's `preAuthentication` actually ran (tests assert token reuse/refresh). */
		this.preAuthenticationCalls = {};
		/** How often `authenticate` ran per type. */
		this.authenticateCalls = {};
	}

	setCredentials(type, { id, name = type, data = {}, others = [] }) {
		if (id === undefined || id === null)
			throw new UserError(`Credentials for "${type}" need an "id"`);
		this.store.set(type, {
			id: String(id),
			name,
			data: clone(data),
			others: others.map((other) => ({
				id: String(other.id),
				name: other.name ?? type,
				data: clone(other.data ?? {}),
			})),
		});
	}

	/** Current stored (raw, as persisted) data of a credential type, e.g. to see a refreshed token. */
	getStoredCredentials(type) {
		return clone(this.store.get(type)?.data);
	}

	/** Finds the stored entry the way the CLI's repository lookup does: by id AND type. */
	getEntry(nodeCredentials, type) {
		if (!nodeCredentials?.id) {
			throw new UserError(
				`Credential "${nodeCredentials?.name ?? type}" of type "${type}" has no ID.`,
			);
		}
		const stored = this.store.get(type);
		const entry = [stored, ...(stored?.others ?? [])].find(
			(candidate) => candidate && candidate.id === String(nodeCredentials.id),
		);
		if (!entry) {
			throw new UserError(
				`Credential with ID "${nodeCredentials.id}" does not exist for type "${type}".`,
			);
		}
		return entry;
	}

	// ---- ICredentialsHelper ------------------------------------------------------------------

	getParentTypes(typeName) {
		return this.credentialTypes.getParentTypes(typeName);
	}

	isCredentialUsableByNode(credentialType, nodeType) {
		let typeDef;
		try {
			typeDef = this.credentialTypes.getByName(credentialType);
		} catch {
			return true; // unknown type: let the real error surface later, as n8n does
		}
		if (!typeDef.restrictToSupportedNodes) return true;
		return this.credentialTypes.getSupportedNodes(credentialType).includes(nodeType);
	}

	async authenticate(credentials, typeName, requestOptions, workflow, node) {
		this.authenticateCalls[typeName] = (this.authenticateCalls[typeName] ?? 0) + 1;
		const credentialType = this.credentialTypes.getByName(typeName);
		const { authenticate } = credentialType;
		if (typeof authenticate === 'function') {
			return await authenticate(credentials, requestOptions);
		}
		if (typeof authenticate === 'object') {
			if (!workflow || !node) {
				throw new UnexpectedError(
					'Workflow and node are required for declarative credential authentication',
				);
			}
			requestOptions.headers ??= {};
			if (authenticate.type === 'generic') {
				for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
					for (const [key, value] of Object.entries(outerValue)) {
						const keys = { $credentials: credentials };
						const keyResolved = this.resolveValue(key, keys, workflow, node);
						const valueResolved = this.resolveValue(value, keys, workflow, node);
						requestOptions[outerKey] ??= {};
						requestOptions[outerKey][keyResolved] = valueResolved;
					}
				}
			}
		}
		return requestOptions;
	}

	async preAuthentication(helpers, credentials, typeName, node, credentialsExpired) {
		const credentialType = this.credentialTypes.getByName(typeName);
		const expirableProperty = credentialType.properties.find(
			(property) => property.type === 'hidden' && property?.typeOptions?.expirable === true,
		);
		if (expirableProperty?.name === undefined) return undefined;

		// The credential tester runs the test request through a mock `n8n-nodes-base.noOp` node with `temp: ''`.
		const isTestingCredentials =
			node?.parameters?.temp === '' && node?.type === 'n8n-nodes-base.noOp';
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		const fieldName = expirableProperty.name;
		if (!(credentials[fieldName] === '' || credentialsExpired || isTestingCredentials))
			return undefined;

		this.preAuthenticationCalls[typeName] = (this.preAuthenticationCalls[typeName] ?? 0) + 1;
		const output = await credentialType.preAuthentication.call(
			restrictToCredentialDomains(helpers, credentials),
			credentials,
		);
		// Only an output that carries the expirable field gets persisted (else the DB would not update).
		if (output[fieldName] === undefined) return undefined;
		if (!node.credentials) return undefined;

		const nodeCredentials = node.credentials[credentialType.name];
		const storedData = await (
			await this.getCredentials(nodeCredentials, credentialType.name)
		).getData();
		const dataToPersist = { ...storedData };
		for (const [key, value] of Object.entries(output)) {
			// Never overwrite a field the user stored as an expression with this run's resolved value.
			if (key === fieldName || !isExpression(storedData[key])) dataToPersist[key] = value;
		}
		await this.updateCredentials(nodeCredentials, credentialType.name, dataToPersist);
		return Object.assign(credentials, output);
	}

	async runPreAuthentication(helpers, credentials, typeName) {
		const credentialType = this.credentialTypes.getByName(typeName);
		if (typeof credentialType.preAuthentication !== 'function') return undefined;
		this.preAuthenticationCalls[typeName] = (this.preAuthenticationCalls[typeName] ?? 0) + 1;
		const output = await credentialType.preAuthentication.call(
			restrictToCredentialDomains(helpers, credentials),
			credentials,
		);
		return output ?? undefined;
	}

	/** Returns an `ICredentials`-like view of the stored (raw) data. */
	async getCredentials(nodeCredentials, type) {
		const entry = this.getEntry(nodeCredentials, type);
		return {
			id: entry.id,
			name: entry.name,
			type,
			getData: async () => clone(entry.data),
		};
	}

	async getDecrypted(
		additionalData,
		nodeCredentials,
		type,
		mode,
		executeData,
		raw,
		expressionResolveValues,
	) {
		const decryptedDataOriginal = clone(this.getEntry(nodeCredentials, type).data);
		if (raw === true) return decryptedDataOriginal;
		return await this.applyDefaultsAndOverwrites(
			additionalData,
			decryptedDataOriginal,
			type,
			mode,
			executeData,
			expressionResolveValues,
		);
	}

	/** Type defaults + expression resolution, as in the CLI (minus admin overwrites). */
	async applyDefaultsAndOverwrites(
		additionalData,
		decryptedDataOriginal,
		type,
		mode,
		executeData,
		expressionResolveValues,
	) {
		const credentialsProperties = this.getCredentialsProperties(type);
		let decryptedData = NodeHelpers.getNodeParameters(
			credentialsProperties,
			{ ...decryptedDataOriginal },
			true,
			false,
			null,
			null,
		);
		// Fields that are not declared as properties but that n8n carries along anyway.
		for (const key of ['oauthTokenData', 'allowedHttpRequestDomains', 'allowedDomains']) {
			if (decryptedData[key] === undefined && decryptedDataOriginal[key] !== undefined) {
				decryptedData[key] = decryptedDataOriginal[key];
			}
		}

		const additionalKeys = getAdditionalKeys(additionalData, mode, null, { isCredential: true });
		if (expressionResolveValues) {
			const { workflow, runExecutionData, runIndex, itemIndex, node, connectionInputData } =
				expressionResolveValues;
			try {
				decryptedData = workflow.expression.getParameterValue(
					decryptedData,
					runExecutionData,
					runIndex,
					itemIndex,
					node.name,
					connectionInputData,
					mode,
					additionalKeys,
					executeData,
					false,
					decryptedData,
				);
			} catch (error) {
				error.message += ' [Error resolving credentials]';
				throw error;
			}
			return decryptedData;
		}

		const workflow = new Workflow({
			nodes: [{ ...MOCK_NODE }],
			connections: {},
			active: false,
			nodeTypes: MOCK_NODE_TYPES,
		});
		await workflow.expression.acquireIsolate();
		try {
			return workflow.expression.getComplexParameterValue(
				MOCK_NODE,
				decryptedData,
				mode,
				additionalKeys,
				undefined,
				undefined,
				decryptedData,
			);
		} finally {
			await workflow.expression.releaseIsolate();
		}
	}

	async updateCredentials(nodeCredentials, type, data) {
		this.getEntry(nodeCredentials, type).data = clone(data);
	}

	async updateCredentialsOauthTokenData(nodeCredentials, type, data) {
		const entry = this.getEntry(nodeCredentials, type);
		entry.data = { ...entry.data, oauthTokenData: clone(data.oauthTokenData) };
	}

	getCredentialsProperties(type) {
		const credentialTypeData = this.credentialTypes.getByName(type);
		if (credentialTypeData.extends === undefined) {
			// n8n adds the field that stores OAuth access/refresh tokens to the two OAuth base types.
			if (['oAuth1Api', 'oAuth2Api'].includes(type)) {
				return [
					...credentialTypeData.properties,
					{
						displayName: 'oauthTokenData',
						name: 'oauthTokenData',
						type: 'json',
						required: false,
						default: {},
					},
				];
			}
			return credentialTypeData.properties;
		}
		const combined = [];
		for (const parentType of credentialTypeData.extends) {
			NodeHelpers.mergeNodeProperties(combined, this.getCredentialsProperties(parentType));
		}
		// The extending type's own properties take precedence.
		NodeHelpers.mergeNodeProperties(combined, credentialTypeData.properties);
		return combined;
	}

	/** Resolves `=...` values with `$credentials` (generic authenticate), as the CLI does. */
	resolveValue(parameterValue, additionalKeys, workflow, node) {
		if (!isExpression(parameterValue)) return parameterValue;
		const value = workflow.expression.getSimpleParameterValue(
			node,
			parameterValue,
			'internal',
			additionalKeys,
			undefined,
			'',
		);
		return value ? value.toString() : '';
	}
}

module.exports = { TestCredentialsHelper };
