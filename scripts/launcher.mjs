#!/bin/sh
':' //; exec node --max-semi-space-size=8 "$0" "$@"
// rollwatch's launcher: scripts/build.mjs copies it to dist/cli.js, naming the bundle it was built with.
//
// It is two programs in one file. Run as a program (npm's bin link, npx), /bin/sh reads the second line
// and starts Node with rollwatch's V8 settings; `node dist/cli.js` reads the same line as JavaScript (a
// string and a comment) and runs with Node's defaults. A shebang cannot carry the settings: Linux passes
// everything after the interpreter as one argument, and `env -S` is missing from BusyBox (Alpine) and
// from coreutils before 8.30 (Amazon Linux 2, RHEL 7). Windows' npm shim would need a /bin/sh.
// - --max-semi-space-size=8: the young generation (where every frame's garbage goes) may grow to 2 × 64 MB
//   by default and stays that big once a burst has grown it; 8 MB takes 65–95 MB off the peak RSS of a
//   1,000-replica rollout and of 10,000 pods for 2–13 % more CPU per event. Settings given from inside
//   the process (v8.setFlagsFromString) come too late: the heap is already sized.
// The rest is plain enough for any Node to parse, so an old one gets a sentence, not a stack.
import {createRequire} from 'node:module';

const [major] = process.versions.node.split('.').map(Number);
if (major < 22) {
	process.stderr.write(`rollwatch: needs Node.js 22 or newer, this is ${process.version}; inside the repository run it through npx (npx rollwatch), which uses the Node 24 it installs.\n`);
	process.exit(2);
}

// The bundle (dist/rollwatch.js) is one async function expression, compiled here as a script with a V8
// code cache. Node's own compile cache (module.enableCompileCache) only keeps what V8 compiled before the
// module ran: the bundle's top level. Nearly all of rollwatch's code (every module's initialiser, React,
// Ink, the first render) is compiled lazily, on first call, at every start. A script's cache can be made
// after it ran, so this one holds every function the first frame needed.
const BUNDLE_ID = '__BUNDLE_ID__';
/** Caches of other builds kept beside this one's. */
const KEPT_CACHES = 6;
const require = createRequire(import.meta.url);
const {mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync} = require('node:fs');
const {join} = require('node:path');
const {Script} = require('node:vm');
const {subscribe} = require('node:diagnostics_channel');

const bundle = join(import.meta.dirname, 'rollwatch.js');
const caches = codeCacheFiles();
const {script, loaded, accepted} = compile();
if (caches && !(accepted && loaded === 'drawn')) {
	// The UI announces its first frame (source/ui/run.tsx): the cache made then holds the start-up path.
	// A run that draws nothing (--help, status, an error) leaves a cache of what it ran, if there is none.
	let drawn = false;
	let saved = false;
	const saveOnce = kind => {
		if (saved) return;
		saved = true;
		save(caches, kind);
	};
	subscribe('rollwatch:drawn', () => {
		if (drawn) return;
		drawn = true;
		// After the frame has been written: making the cache takes a few milliseconds, once.
		setTimeout(() => saveOnce('drawn'), 0);
	});
	process.once('exit', () => {
		if (drawn) saveOnce('drawn');
		else if (!accepted) saveOnce('ran');
	});
}
// Once the first frame is out (and its code cache saved, by the timer queued above), TurboFan inlines less:
// what rollwatch does after start-up is short bursts of watch events, and the V8 threads compiling them were
// 40 % of a 1,000-replica rollout's CPU. Bench, 09:03–09:07 UTC: rollout 304 → 250 µs/event (1.88 → 1.46×
// kubectl), 10,000 pods 1,510 / 1,630 → 1,300 / 1,350. On the command line the flag costs every start
// ≈ 20 ms: it changes V8's flag hash, and Node rejects the code cache of its own modules.
subscribe('rollwatch:drawn', () => setTimeout(() => require('node:v8').setFlagsFromString('--max-inlined-bytecode-size-cumulative=150'), 0));
await script.runInThisContext()(require, {
	url: new URL('rollwatch.js', import.meta.url).href,
	filename: bundle,
	dirname: import.meta.dirname,
	resolve: specifier => import.meta.resolve(specifier),
});

/** The bundle as a script, with the best cache there is (the buffer is not kept: V8 has copied what it needs). */
function compile() {
	for (const kind of caches ? ['drawn', 'ran'] : []) {
		let cachedData;
		try {
			cachedData = readFileSync(caches[kind]);
		} catch {
			continue;
		}
		const script = new Script(readFileSync(bundle, 'utf8'), {filename: bundle, cachedData});
		return {script, loaded: kind, accepted: !script.cachedDataRejected};
	}
	return {script: new Script(readFileSync(bundle, 'utf8'), {filename: bundle}), accepted: false};
}

function codeCacheFiles() {
	if (process.env.NODE_DISABLE_COMPILE_CACHE) return undefined;
	const base = process.env.XDG_CACHE_HOME || (process.env.HOME ? join(process.env.HOME, '.cache') : undefined);
	if (!base) return undefined;
	const dir = join(base, 'rollwatch');
	// V8 checks the source's length, its own version and flags, not the text: the bundle's hash names the
	// file. Node flags are part of the name so that two ways of starting keep one cache each.
	const key = `${BUNDLE_ID}-${process.version}-${process.arch}-${fnv1a([...process.execArgv, process.env.NODE_OPTIONS ?? ''].join(' '))}`;
	return {dir, drawn: join(dir, `${key}.drawn`), ran: join(dir, `${key}.ran`)};
}

function save(files, kind) {
	try {
		mkdirSync(files.dir, {recursive: true, mode: 0o700});
		const partial = `${files[kind]}.${process.pid}`;
		writeFileSync(partial, script.createCachedData(), {mode: 0o600});
		renameSync(partial, files[kind]);
		if (kind === 'drawn') rmSync(files.ran, {force: true});
		// A replaced install or a rebuilt checkout leaves its caches behind: the newest few stay (two
		// installs, two ways of starting), older ones go.
		const others = readdirSync(files.dir)
			.filter(name => !name.startsWith(BUNDLE_ID))
			.map(name => ({file: join(files.dir, name), at: statSync(join(files.dir, name)).mtimeMs}))
			.sort((a, b) => b.at - a.at);
		for (const {file} of others.slice(KEPT_CACHES)) rmSync(file, {force: true});
	} catch {
		// A read-only or full disk: the next start compiles again, as it would without a cache.
	}
}

function fnv1a(text) {
	let hash = 0x81_1c_9d_c5;
	for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01_00_01_93) >>> 0;
	return hash.toString(16);
}
