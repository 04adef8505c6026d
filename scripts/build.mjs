// Bundles the CLI for a fast start (bench/RESULTS.md has the figures):
// - dist/rollwatch.js holds rollwatch and its dependencies in one file, tree-shaken: loading the
//   @kubernetes/client-node package as published resolves and compiles hundreds of modules (≈1 s and
//   ≈130 MB before the first frame); bundled, only what rollwatch uses is kept.
// - React runs its production build (the development build is several times slower per render).
// - dist/cli.js is a tiny launcher that turns on Node's compile cache *before* importing the bundle, so
//   the bundle's compiled code is reused from the second run on (a module cannot cache itself).
import {build} from 'esbuild';
import {chmod, mkdir, writeFile} from 'node:fs/promises';

// Ink imports its React DevTools bridge only when DEV=true and react-devtools-core is installed;
// bundling must not turn that optional import into a hard one.
const noDevtools = {
	name: 'no-ink-devtools',
	setup(builder) {
		builder.onResolve({filter: /^\.\/devtools\.js$/}, args => (args.importer.includes('node_modules/ink/') ? {path: 'ink-devtools', namespace: 'empty'} : undefined));
		builder.onLoad({filter: /.*/, namespace: 'empty'}, () => ({contents: ''}));
	},
};

await mkdir('dist', {recursive: true});
await build({
	entryPoints: ['source/cli.tsx'],
	outfile: 'dist/rollwatch.js',
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node22',
	jsx: 'automatic',
	define: {'process.env.NODE_ENV': '"production"'},
	plugins: [noDevtools],
	minify: true,
	keepNames: true,
	legalComments: 'linked',
	sourcemap: 'linked',
	// Bundled CommonJS dependencies call require() for Node built-ins.
	banner: {js: 'import {createRequire as __rollwatchRequire} from "node:module"; const require = __rollwatchRequire(import.meta.url);'},
	logLevel: 'warning',
});
await writeFile('dist/cli.js', '#!/usr/bin/env node\n// Compile cache first, then the bundle (see scripts/build.mjs).\nimport {enableCompileCache} from \'node:module\';\nenableCompileCache?.();\nawait import(\'./rollwatch.js\');\n');
await chmod('dist/cli.js', 0o755);
