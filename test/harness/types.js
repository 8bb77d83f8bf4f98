'use strict';

/**
 * Node and credential type registries over BUILT community packages, loaded with n8n-core's
 * `PackageDirectoryLoader` exactly as n8n loads an installed community package. Node types are
 * addressed as `<packageName>.<nodeName>`, credential types by their plain `name`
 * (mirrors n8n's CLI `NodeTypes`/`CredentialTypes` and core's nodes-testing `LoadNodesAndCredentials`).
 */
require('./setup');
const path = require('node:path');
const {
	PackageDirectoryLoader,
	RoutingNode,
	UnrecognizedNodeTypeError,
	UnrecognizedCredentialTypeError,
} = require('n8n-core');
const { NodeHelpers } = require('n8n-workflow');

const { getCoreStandIn, BASE_CREDENTIAL_STAND_INS } = require('./stand-ins');

const loaderCache = new Map();

/** Loads a built package dir (`package.json` with an `n8n` section, files under `dist/`). Cached per dir. */
async function loadPackage(dir) {
	const directory = path.resolve(dir);
	if (!loaderCache.has(directory)) {
		const loading = (async () => {
			const loader = new PackageDirectoryLoader(directory);
			await loader.loadAll();
			return loader;
		})();
		loaderCache.set(directory, loading);
		loading.catch(() => loaderCache.delete(directory));
	}
	return await loaderCache.get(directory);
}

/** Same rule as the CLI's `shouldAssignExecuteMethod` (packages/cli/src/utils.ts). */
function shouldAssignExecuteMethod(nodeType) {
	const isDeclarativeNode = nodeType?.description?.requestDefaults !== undefined;
	return (
		!nodeType.execute &&
		!nodeType.poll &&
		!nodeType.trigger &&
		(!nodeType.webhook || isDeclarativeNode) &&
		(!nodeType.methods || isDeclarativeNode)
	);
}

/** INodeTypes over the loaded packages, plus the harness stand-ins for n8n-nodes-base.* types. */
class NodeTypes {
	constructor(loaders) {
		this.loaders = new Map(loaders.map((loader) => [loader.packageName, loader]));
	}

	getByName(fullType) {
		const standIn = getCoreStandIn(fullType);
		if (standIn) return standIn;
		const dot = fullType.lastIndexOf('.');
		const packageName = fullType.slice(0, dot);
		const nodeName = fullType.slice(dot + 1);
		const loader = this.loaders.get(packageName);
		if (!loader) throw new UnrecognizedNodeTypeError(packageName, nodeName);
		return loader.getNode(nodeName).type;
	}

	getByNameAndVersion(fullType, version) {
		const nodeType = NodeHelpers.getVersionedNodeType(this.getByName(fullType), version);
		// Like the CLI's NodeTypes: a declarative node gets an `execute` that runs RoutingNode, so it goes
		// through WorkflowExecute's regular executeNode path.
		if (shouldAssignExecuteMethod(nodeType)) {
			nodeType.execute = async function () {
				const data = await new RoutingNode(this, nodeType).runNode();
				return data ?? [];
			};
		}
		return nodeType;
	}

	getKnownTypes() {
		const known = {};
		for (const [packageName, loader] of this.loaders) {
			for (const [name, info] of Object.entries(loader.known.nodes)) {
				known[`${packageName}.${name}`] = {
					...info,
					sourcePath: path.join(loader.directory, info.sourcePath),
				};
			}
		}
		return known;
	}
}

/** Credential types of the loaded packages (+ the `oAuth2Api` base stand-in). */
class CredentialTypes {
	constructor(loaders) {
		this.loaders = loaders;
	}

	findLoader(type) {
		return this.loaders.find((loader) => type in loader.known.credentials);
	}

	recognizes(type) {
		return this.findLoader(type) !== undefined || type in BASE_CREDENTIAL_STAND_INS;
	}

	getByName(type) {
		const loader = this.findLoader(type);
		if (loader) return loader.getCredential(type).type;
		if (type in BASE_CREDENTIAL_STAND_INS) return BASE_CREDENTIAL_STAND_INS[type];
		throw new UnrecognizedCredentialTypeError(type);
	}

	/** All ancestors through `extends`, nearest first (like n8n's CredentialTypes.getParentTypes). */
	getParentTypes(type) {
		const direct = this.recognizes(type) ? (this.getByName(type).extends ?? []) : [];
		return direct.flatMap((parent) => [parent, ...this.getParentTypes(parent)]);
	}

	/** Fully-qualified node types that list this credential (loader's `supportedNodes`). */
	getSupportedNodes(type) {
		const loader = this.findLoader(type);
		if (!loader) return [];
		const supported = loader.known.credentials[type].supportedNodes ?? [];
		return supported.map((nodeName) => `${loader.packageName}.${nodeName}`);
	}
}

/** Node + credential registries for one or more package dirs. */
async function loadTypes(packageDirs) {
	const dirs = Array.isArray(packageDirs) ? packageDirs : [packageDirs];
	const loaders = await Promise.all(dirs.map(loadPackage));
	return {
		loaders,
		nodeTypes: new NodeTypes(loaders),
		credentialTypes: new CredentialTypes(loaders),
	};
}

module.exports = { loadPackage, loadTypes, NodeTypes, CredentialTypes };
