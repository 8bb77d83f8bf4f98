// The package's public contract: what users' saved workflows and credentials refer to by value.
// Node and credential type names, parameter names (with their nesting), and option values, each with
// the resource and operation they are shown for. `node scripts/contract.js` prints it;
// `--write` records it in test/contract/contract.txt, which test/contract.test.js compares with the build.
const fs = require('node:fs');
const path = require('node:path');

const ROOT = path.join(__dirname, '..');
const CONTRACT_FILE = path.join(ROOT, 'test', 'contract', 'contract.txt');

function loadBuilt(file) {
	const exports = require(path.join(ROOT, file));
	return new exports[path.basename(file).split('.')[0]]();
}

/**
 * `[resource:operation]` contexts a top-level parameter is shown in ('*' where it is not limited).
 * A parameter hidden for some resources is shown for the node's other ones (`allResources`).
 */
function contexts(property, allResources = []) {
	const show = property.displayOptions?.show ?? {};
	const hidden = property.displayOptions?.hide?.resource;
	const resources =
		show.resource ??
		(hidden && allResources.length
			? allResources.filter((resource) => !hidden.includes(resource))
			: ['*']);
	const operations = show.operation ?? ['*'];
	return resources.flatMap((resource) =>
		operations.map((operation) => `[${resource}:${operation}]`),
	);
}

function propertyLines(owner, property, prefix, context) {
	const name = `${prefix}${property.name}`;
	const lines = [`${owner} ${context} ${name}`];
	for (const option of property.options ?? []) {
		if (option.value !== undefined && !option.values && !option.type)
			lines.push(`${owner} ${context} ${name} = ${JSON.stringify(option.value)}`);
		else if (option.values)
			for (const value of option.values)
				lines.push(...propertyLines(owner, value, `${name}>${option.name}>`, context));
		else if (option.name && option.type)
			lines.push(...propertyLines(owner, option, `${name}>`, context));
	}
	return lines;
}

function contractLines() {
	const { n8n } = require(path.join(ROOT, 'package.json'));
	const lines = new Set();
	for (const file of n8n.nodes) {
		const { description } = loadBuilt(file);
		lines.add(`node ${description.name}`);
		const allResources = (
			description.properties.find((property) => property.name === 'resource')?.options ?? []
		).map((option) => option.value);
		for (const property of description.properties)
			for (const context of description.properties.length ? contexts(property, allResources) : [])
				for (const line of propertyLines(`node ${description.name}`, property, '', context))
					lines.add(line);
	}
	for (const file of n8n.credentials) {
		const credential = loadBuilt(file);
		lines.add(`credential ${credential.name}`);
		for (const property of credential.properties)
			for (const line of propertyLines(`credential ${credential.name}`, property, '', '[*:*]'))
				lines.add(line);
	}
	return [...lines].sort();
}

if (require.main === module) {
	const lines = contractLines();
	if (process.argv.includes('--write')) {
		// What shipped stays recorded, so a removal keeps failing the test until retired.txt explains it.
		const shipped = fs.existsSync(CONTRACT_FILE)
			? fs.readFileSync(CONTRACT_FILE, 'utf8').split('\n').filter(Boolean)
			: [];
		for (const line of shipped) if (!lines.includes(line)) lines.push(line);
		lines.sort();
		fs.mkdirSync(path.dirname(CONTRACT_FILE), { recursive: true });
		fs.writeFileSync(CONTRACT_FILE, `${lines.join('\n')}\n`);
		console.log(`${lines.length} entries written to ${path.relative(ROOT, CONTRACT_FILE)}`);
	} else console.log(lines.join('\n'));
}

module.exports = { contractLines, CONTRACT_FILE };
