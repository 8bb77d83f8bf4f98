// n8n's UX guidelines: a placeholder shows an example value and starts with "e.g." (issue 13). Read
// from the built descriptions of every node and credential, at any depth (collections, fixed
// collections, resource locator modes). An empty placeholder, or one that is not text, is not checked.
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');

function loadBuilt(file) {
	const exports = require(path.join(ROOT, file));
	return new exports[path.basename(file).split('.')[0]]();
}

/** Every placeholder under a list of properties, with where it is. */
function placeholders(properties, where) {
	const found = [];
	for (const property of properties ?? []) {
		const at = `${where} › ${property.displayName ?? property.name}`;
		if (typeof property.placeholder === 'string' && property.placeholder.trim() !== '')
			found.push({ at, placeholder: property.placeholder, property });
		// Resource locator modes carry their own placeholders.
		for (const mode of property.modes ?? [])
			if (typeof mode.placeholder === 'string' && mode.placeholder.trim() !== '')
				found.push({ at: `${at} (${mode.displayName})`, placeholder: mode.placeholder, property });
		for (const option of property.options ?? []) {
			if (option.values)
				found.push(...placeholders(option.values, `${at} › ${option.displayName}`));
			else if (option.type) found.push(...placeholders([option], at));
		}
	}
	return found;
}

/**
 * The "Add Field"/"Add Rule" button text of a collection or fixedCollection is its placeholder too:
 * n8n shows it on the button, so it names an action rather than an example.
 */
const isButtonText = ({ property }) =>
	property.type === 'collection' || property.type === 'fixedCollection';

const { n8n } = require(path.join(ROOT, 'package.json'));
const owners = [
	...n8n.nodes.map((file) => {
		const { description } = loadBuilt(file);
		return [`node ${description.name}`, description.properties];
	}),
	...n8n.credentials.map((file) => {
		const credential = loadBuilt(file);
		return [`credential ${credential.name}`, credential.properties];
	}),
];

test.each(owners)('%s: every example placeholder starts with "e.g."', (owner, properties) => {
	const wrong = placeholders(properties, owner)
		.filter((entry) => !isButtonText(entry))
		.filter(({ placeholder }) => !placeholder.startsWith('e.g. '))
		.map(({ at, placeholder }) => `${at}: ${JSON.stringify(placeholder)}`);
	expect(wrong).toEqual([]);
});

test('the check sees placeholders at every depth', () => {
	const found = placeholders(
		[
			{ displayName: 'A', name: 'a', type: 'string', placeholder: 'x' },
			{
				displayName: 'B',
				name: 'b',
				type: 'fixedCollection',
				placeholder: 'Add B',
				options: [
					{
						displayName: 'Entry',
						name: 'entry',
						values: [{ displayName: 'C', name: 'c', type: 'string', placeholder: 'y' }],
					},
				],
			},
			{
				displayName: 'D',
				name: 'd',
				type: 'collection',
				options: [{ displayName: 'E', name: 'e', type: 'string', placeholder: 'z' }],
			},
			{
				displayName: 'F',
				name: 'f',
				type: 'resourceLocator',
				modes: [{ displayName: 'By ID', name: 'id', type: 'string', placeholder: 'w' }],
			},
		],
		'T',
	);
	expect(
		found.filter((entry) => !isButtonText(entry)).map(({ placeholder }) => placeholder),
	).toEqual(['x', 'y', 'z', 'w']);
});
