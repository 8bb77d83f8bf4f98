// What the editor walk-through (test/e2e/editor-walkthrough.test.js) does with each node, as the
// editor does it: the parameters a new node gets (n8n-workflow's NodeHelpers, the same code the
// editor runs), every dropdown and From-list picker loaded through n8n's REST endpoints, and one-node
// branches run in a real n8n.
const path = require('node:path');
const { NodeHelpers } = require('n8n-workflow');

const ROOT = path.join(__dirname, '..', '..');
const PACKAGE = require('../../package.json');

/** The version the editor gives a node added now: the newest. */
const newestVersion = (description) =>
	description.defaultVersion ?? Math.max(...[description.version].flat());

/**
 * Every node of the package: `{ type, version, description }`, `type` as n8n registers it and
 * `version` the one a user adds now (stored workflows keep older ones; the other e2e tests run those).
 */
function packageNodes() {
	return PACKAGE.n8n.nodes.map((file) => {
		const NodeClass = require(path.join(ROOT, file))[path.basename(file).split('.')[0]];
		const { description } = new NodeClass();
		return {
			type: `${PACKAGE.name}.${description.name}`,
			version: newestVersion(description),
			description,
		};
	});
}

/** The parameters a node gets when a user picks `chosen` (resource, operation) in the editor. */
function editorParameters(description, chosen = {}) {
	const typeVersion = newestVersion(description);
	const node = { name: 'x', type: description.name, typeVersion, parameters: chosen };
	return NodeHelpers.getNodeParameters(
		description.properties,
		chosen,
		true,
		false,
		node,
		description,
	);
}

const isShown = (description, parameters, property) =>
	NodeHelpers.displayParameter(
		parameters,
		property,
		{ name: 'x', type: description.name, typeVersion: newestVersion(description), parameters },
		description,
	);

/** Every resource/operation pair of an action node; `[{}]` for a node without resources (triggers). */
function operations(description) {
	const resource = description.properties.find((property) => property.name === 'resource');
	if (!resource) return [{}];
	return resource.options.flatMap(({ value }) => {
		const selector = description.properties.find(
			(property) =>
				property.name === 'operation' && property.displayOptions?.show?.resource?.includes(value),
		);
		return selector.options.map((option) => ({ resource: value, operation: option.value }));
	});
}

/**
 * Every dropdown with loadOptions and every From-list picker the user can reach with `parameters`:
 * top-level ones that are shown, and those inside a shown collection or fixed collection (shown once
 * the user adds them). `[{ kind: 'options' | 'list', method, path, displayName }]`.
 */
function dynamicParameters(description, parameters) {
	const found = [];
	const visit = (properties, prefix, labels, checkShown) => {
		for (const property of properties) {
			if (checkShown && !isShown(description, parameters, property)) continue;
			const at = `${prefix}${property.name}`;
			const label = [...labels, property.displayName];
			const method = property.typeOptions?.loadOptionsMethod;
			if (method) found.push({ kind: 'options', method, path: at, displayName: label.join(' › ') });
			for (const mode of property.modes ?? []) {
				const search = mode.typeOptions?.searchListMethod;
				if (search)
					found.push({ kind: 'list', method: search, path: at, displayName: label.join(' › ') });
			}
			if (property.type === 'collection') visit(property.options, `${at}.`, label, false);
			if (property.type === 'fixedCollection')
				for (const group of property.options)
					visit(group.values, `${at}.${group.name}.`, [...label, group.displayName], false);
		}
	};
	visit(description.properties, 'parameters.', [], true);
	return found;
}

/** Required top-level parameters shown with `parameters`, with their labels. */
function requiredParameters(description, parameters) {
	return description.properties.filter(
		(property) => property.required && isShown(description, parameters, property),
	);
}

/** `{ credentialType: { id, name } }` for the credentials the node shows with `parameters`. */
function credentialsFor(description, parameters, imported) {
	const credentials = {};
	for (const credential of description.credentials ?? []) {
		if (!isShown(description, parameters, credential)) continue;
		const stored = imported.find((candidate) => candidate.type === credential.name);
		if (stored) credentials[credential.name] = { id: stored.id, name: stored.name };
	}
	return credentials;
}

/** A one-line check of an error message: what a user must never read. */
const UNREADABLE =
	/Cannot read propert|Cannot destructure|is not a function|is not iterable|\bundefined\b|\bnull\b|\[object Object\]|^\s*$|\n\s+at .+:\d+:\d+/;

module.exports = {
	packageNodes,
	editorParameters,
	operations,
	dynamicParameters,
	requiredParameters,
	credentialsFor,
	isShown,
	UNREADABLE,
};
