// Bundles the CLI for a fast start (bench/RESULTS.md has the figures):
// - dist/rollwatch.js holds rollwatch and its dependencies in one file, tree-shaken: loading the
//   @kubernetes/client-node package as published resolves and compiles hundreds of modules (≈1 s and
//   ≈130 MB before the first frame); bundled, only what rollwatch uses is kept.
// - React runs its production build (the development build is several times slower per render).
// - dist/cli.js is the launcher (scripts/launcher.mjs): it runs the bundle with a V8 code cache of
//   everything the previous start compiled up to its first frame.
import {createHash} from 'node:crypto';
import {build} from 'esbuild';
import {chmod, mkdir, readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {bundlePlugins} from './bundle-plugins.mjs';

// `node scripts/build.mjs --outdir=DIR` builds elsewhere (a second build to compare against); default dist/.
// `--unminified` keeps names and lines readable for `node --cpu-prof`; `--metafile` (below).
const outdir = process.argv.find(arg => arg.startsWith('--outdir='))?.slice('--outdir='.length) ?? 'dist';
const minify = !process.argv.includes('--unminified');
const IMPORT_META = '__rollwatchImportMeta';
await mkdir(outdir, {recursive: true});
const {metafile} = await build({
	entryPoints: ['source/cli.tsx'],
	outfile: join(outdir, 'rollwatch.js'),
	bundle: true,
	platform: 'node',
	format: 'esm',
	target: 'node22',
	jsx: 'automatic',
	plugins: bundlePlugins,
	minify,
	// No keepNames: it wrapped ≈3,900 functions in a `name` defineProperty call, run as each module
	// initialised (and, for closures, each time one was made, renders included): ≈10 ms of every start.
	// Nothing rollwatch bundles reads its own functions' names (only built-ins', which keep theirs).
	keepNames: false,
	legalComments: 'linked',
	sourcemap: 'linked',
	// The bundle is one function expression, not a module: the launcher compiles it as a script, which
	// lets it keep a V8 code cache of what a start really runs (scripts/launcher.mjs). Its top-level
	// await stays legal inside the async function; `require` (for Node built-ins, which bundled CommonJS
	// dependencies call too) and `import.meta` are the launcher's, given as arguments.
	banner: {js: `(async function (require, ${IMPORT_META}) {"use strict";`},
	footer: {js: '})'},
	define: {'process.env.NODE_ENV': '"production"', 'import.meta': IMPORT_META},
	logLevel: 'warning',
	metafile: true,
});
// A script has no import or import(): one left in the bundle (not resolved at bundle time) would fail at
// run time, so it fails the build.
const left = Object.values(metafile.outputs).flatMap(output => output.imports.filter(entry => entry.external && entry.kind !== 'require-call'));
if (left.length > 0) throw new Error(`build: the bundle still imports ${left.map(entry => `${entry.path} (${entry.kind})`).join(', ')}`);
// `--metafile`: what each input adds to the bundle (dist/meta.json, for esbuild's analyzer or a script).
if (process.argv.includes('--metafile')) await writeFile(join(outdir, 'meta.json'), JSON.stringify(metafile));
const bundled = await readFile(join(outdir, 'rollwatch.js'), 'utf8');
// …and an import(expression) esbuild could not follow is not in the metafile (the minified text has no comments to confuse).
const dynamicImport = minify ? /(?<![\w$.])import\(/.exec(bundled) : null;
if (dynamicImport) throw new Error(`build: the bundle still has an import() near ${JSON.stringify(bundled.slice(dynamicImport.index - 60, dynamicImport.index + 40))}`);
// Names this build's code cache: a cache made for another bundle is never offered to V8.
const bundleId = createHash('sha256').update(bundled).digest('hex').slice(0, 16);
// The launcher (dist/cli.js): scripts/launcher.mjs, told which bundle it runs.
const launcher = await readFile(new URL('launcher.mjs', import.meta.url), 'utf8');
if (!launcher.includes('__BUNDLE_ID__')) throw new Error('build: scripts/launcher.mjs no longer names __BUNDLE_ID__');
await writeFile(join(outdir, 'cli.js'), launcher.replace('__BUNDLE_ID__', bundleId));
await chmod(join(outdir, 'cli.js'), 0o755);
