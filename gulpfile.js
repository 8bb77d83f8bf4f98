// Copies the static files tsc does not emit (icons) into dist/, next to the compiled node and
// credential classes that reference them with `file:` icons.
const { src, dest } = require('gulp');

function buildIcons() {
	return src(['icons/**/*.{png,svg}', 'nodes/**/*.{png,svg}', 'credentials/**/*.{png,svg}'], {
		base: '.',
		encoding: false,
	}).pipe(dest('dist'));
}

exports['build:icons'] = buildIcons;
