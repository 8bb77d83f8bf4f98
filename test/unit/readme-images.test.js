// The README shows each example workflow as a screenshot of the real editor (docs/images/, made by
// scripts/n8n/editor-check.js). A screenshot that is referenced but not committed renders as a
// broken image on GitHub and npm, so this fails instead. Run it alone:
//   npx jest test/unit/readme-images.test.js
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');

const ROOT = path.join(__dirname, '..', '..');
const DOCUMENTS = ['README.md', 'CONTRIBUTING.md'];
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
// Screenshots are committed to git and shipped in every clone: keep them small.
const MAX_IMAGE_BYTES = 1024 * 1024;

/** Image sources in a Markdown text: `![alt](src "title")`, `![alt](<src>)` and `<img src="…">`. */
function imageSources(markdown) {
	const sources = [];
	for (const match of markdown.matchAll(/!\[[^\]]*\]\(\s*(<[^>]*>|[^)\s]+)[^)]*\)/g))
		sources.push(match[1].replace(/^<|>$/g, ''));
	for (const match of markdown.matchAll(
		/<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi,
	))
		sources.push(match[1] ?? match[2] ?? match[3]);
	return sources;
}

const isRemote = (source) => /^[a-z][a-z0-9+.-]*:/i.test(source) || source.startsWith('//');

/** Files git tracks under `root`, or undefined when `root` is not a git work tree. */
function trackedFiles(root) {
	try {
		const output = execFileSync('git', ['ls-files', '-z'], {
			cwd: root,
			encoding: 'utf8',
			stdio: ['ignore', 'pipe', 'ignore'],
		});
		if (path.resolve(gitTopLevel(root)) !== path.resolve(root)) return undefined;
		return new Set(output.split('\0').filter(Boolean));
	} catch {
		return undefined;
	}
}

const gitTopLevel = (root) =>
	execFileSync('git', ['rev-parse', '--show-toplevel'], {
		cwd: root,
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'ignore'],
	}).trim();

/**
 * Every problem with the images of the documents under `root`: a referenced image that is missing,
 * not committed, not a PNG/SVG/JPEG/GIF it claims to be, or too large; and an example workflow of
 * `examples/` whose screenshot (`<example basename>.png`) the README does not show.
 */
function imageProblems(root, { examples, documents = DOCUMENTS } = {}) {
	const problems = [];
	const tracked = trackedFiles(root);
	const referencedByReadme = new Set();
	for (const document of documents) {
		const file = path.join(root, document);
		if (!fs.existsSync(file)) continue;
		for (const source of imageSources(fs.readFileSync(file, 'utf8'))) {
			if (isRemote(source)) continue;
			const relative = path.posix.normalize(
				path.posix.join(path.posix.dirname(document), decodeURI(source.split(/[?#]/)[0])),
			);
			if (document === 'README.md') referencedByReadme.add(relative);
			const image = path.join(root, relative);
			if (relative.startsWith('..') || !fs.existsSync(image) || !fs.statSync(image).isFile()) {
				problems.push(`${document} shows ${source}, which is missing from the repository`);
				continue;
			}
			if (tracked && !tracked.has(relative)) {
				problems.push(`${document} shows ${source}, which exists here but is not added to git`);
				continue;
			}
			const bytes = fs.readFileSync(image);
			if (relative.endsWith('.png') && !bytes.subarray(0, 8).equals(PNG_SIGNATURE))
				problems.push(`${document} shows ${source}, which is not a PNG file`);
			if (bytes.length > MAX_IMAGE_BYTES)
				problems.push(
					`${document} shows ${source}, which is ${bytes.length} bytes (at most ${MAX_IMAGE_BYTES})`,
				);
		}
	}
	for (const example of examples) {
		const wanted = `docs/images/${path.basename(example, '.json')}.png`;
		if (!referencedByReadme.has(wanted))
			problems.push(`README.md shows no screenshot of examples/${example} (${wanted})`);
	}
	return problems;
}

describe('images in README.md and CONTRIBUTING.md', () => {
	test('every referenced image is committed, and every example workflow has its screenshot', () => {
		const { exampleFiles } = require('../../scripts/n8n/examples');
		expect(exampleFiles().length).toBeGreaterThan(0);
		expect(imageProblems(ROOT, { examples: exampleFiles() })).toEqual([]);
	});
});

// The check itself, on a small copy of the layout: it must see each kind of problem.
describe('the image check', () => {
	let root;
	const write = (relative, content) => {
		fs.mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
		fs.writeFileSync(path.join(root, relative), content);
	};
	const png = (size = 64) => Buffer.concat([PNG_SIGNATURE, Buffer.alloc(size)]);

	beforeEach(() => {
		root = fs.mkdtempSync(path.join(os.tmpdir(), 'readme-images-'));
	});
	afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

	test('finds Markdown images, angle-bracket and titled ones, and <img src>; skips links', () => {
		expect(
			imageSources(
				'![a](docs/images/a.png) [not an image](docs/x.png) ![b](<docs/images/b c.png> "B")\n' +
					'<img src="docs/images/c.png" width="400"> <IMG alt="d" src=\'docs/images/d.png\'>',
			),
		).toEqual([
			'docs/images/a.png',
			'docs/images/b c.png',
			'docs/images/c.png',
			'docs/images/d.png',
		]);
	});

	test('passes when every image exists and every example is shown', () => {
		write('docs/images/one.png', png());
		write('README.md', '![One](docs/images/one.png)\n![Logo](https://example.com/logo.png)\n');
		write('CONTRIBUTING.md', '<img src="docs/images/one.png">\n');
		expect(imageProblems(root, { examples: ['one.json'] })).toEqual([]);
	});

	test('reports a referenced image that is missing, in either document', () => {
		write('docs/images/one.png', png());
		write('README.md', '![One](docs/images/one.png)\n![Two](docs/images/two.png)\n');
		write('CONTRIBUTING.md', '<img src="./docs/images/three.png" alt="Three">\n');
		expect(imageProblems(root, { examples: ['one.json'] })).toEqual([
			'README.md shows docs/images/two.png, which is missing from the repository',
			'CONTRIBUTING.md shows ./docs/images/three.png, which is missing from the repository',
		]);
	});

	test('reports an example workflow without a screenshot in the README', () => {
		write('docs/images/one.png', png());
		write('docs/images/two.png', png());
		write('README.md', '![One](docs/images/one.png)\n');
		// Shown only in CONTRIBUTING: users read the README.
		write('CONTRIBUTING.md', '![Two](docs/images/two.png)\n');
		expect(imageProblems(root, { examples: ['one.json', 'two.json'] })).toEqual([
			'README.md shows no screenshot of examples/two.json (docs/images/two.png)',
		]);
	});

	test('reports a file that is not a PNG, a too large image and a path outside the repository', () => {
		write('docs/images/one.png', 'not a png');
		write('docs/images/big.png', png(MAX_IMAGE_BYTES));
		write('README.md', '![One](docs/images/one.png) ![Big](docs/images/big.png) ![Up](../up.png)');
		expect(imageProblems(root, { examples: [] })).toEqual([
			'README.md shows docs/images/one.png, which is not a PNG file',
			`README.md shows docs/images/big.png, which is ${MAX_IMAGE_BYTES + 8} bytes (at most ${MAX_IMAGE_BYTES})`,
			'README.md shows ../up.png, which is missing from the repository',
		]);
	});

	test('in a git work tree, reports an image that exists but is not committed', () => {
		execFileSync('git', ['init', '-q'], { cwd: root });
		write('docs/images/one.png', png());
		write('docs/images/two.png', png());
		write('README.md', '![One](docs/images/one.png)\n![Two](docs/images/two.png)\n');
		execFileSync('git', ['add', 'README.md', 'docs/images/one.png'], { cwd: root });
		expect(imageProblems(root, { examples: ['one.json', 'two.json'] })).toEqual([
			'README.md shows docs/images/two.png, which exists here but is not added to git',
		]);
	});
});
