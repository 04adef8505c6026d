// The esbuild plugins every bundle of rollwatch's UI is built with: dist/rollwatch.js (scripts/build.mjs)
// and the frame bench's harness (bench/measure/frame.mjs), so the bench measures the code users run.
import {readFile} from 'node:fs/promises';
import {builtinModules} from 'node:module';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {inkOutputRewrites} from './ink-output-rewrites.mjs';

// Ink imports its React DevTools bridge only when DEV=true and react-devtools-core is installed;
// bundling must not turn that optional import into a hard one.
const noDevtools = {
	name: 'no-ink-devtools',
	setup(builder) {
		builder.onResolve({filter: /^\.\/devtools\.js$/}, args => (args.importer.includes('node_modules/ink/') ? {path: 'ink-devtools', namespace: 'empty'} : undefined));
		builder.onLoad({filter: /.*/, namespace: 'empty'}, () => ({contents: ''}));
	},
};

const graphemesModule = fileURLToPath(new URL('../source/cli/graphemes.ts', import.meta.url));
const importGraphemes = name => `import {${name}} from ${JSON.stringify(graphemesModule)};`;

// Start-up and per-frame costs inside dependencies, removed at bundle time. Each rewrite must find its text: a
// dependency update that changes it fails the build instead of silently losing the fix.
const dependencyRewrites = {
	name: 'dependency-rewrites',
	setup(builder) {
		const rewrite = (filter, edits) => builder.onLoad({filter}, async args => {
			let contents = await readFile(args.path, 'utf8');
			for (const [from, to] of edits) {
				if (!contents.includes(from)) throw new Error(`dependency-rewrites: ${args.path} no longer contains ${JSON.stringify(from.slice(0, 60))}`);
				contents = contents.replaceAll(from, to);
			}
			return {contents, loader: 'js'};
		});
		// yoga's wasm is inlined as base64; when fetch exists (Node 18+) emscripten "downloads" the data:
		// URL through undici's fetch, whose percent-decoding of 120 kB took 20–40 ms of every start.
		// Without fetch it decodes the same bytes with atob.
		rewrite(/yoga-layout\/dist\/binaries\/yoga-wasm-base64-esm\.js$/, [['"function"!=typeof fetch', '!0']]);
		// Ink builds a new Output, and with it new caches of each text's styled characters and widths, for
		// every frame, so every frame re-tokenized and re-measured the whole screen (string-width's
		// grapheme segmentation and emoji regex per character): half of a frame's cost with 5 pods. The
		// entries are pure functions of the text and never mutated, so the frames share one set, dropped
		// whenever it holds 1,000 texts (a few MB at most) so that scrolling content cannot grow it forever.
		rewrite(/ink\/build\/output\.js$/, [
			['    caches = new OutputCaches();', '    caches = sharedOutputCaches();'],
			['export default class Output {', `let sharedCaches;
const sharedOutputCaches = () => {
    if (sharedCaches === undefined || sharedCaches.styledChars.size > 1000 || sharedCaches.widths.size > 10000 || sharedCaches.blockWidths.size > 1000) {
        sharedCaches = new OutputCaches();
    }
    return sharedCaches;
};
export default class Output {`],
			...inkOutputRewrites,
		]);
		// string-width: every importer gets source/cli/string-width.ts (memoized, with a fast path for the
		// text rollwatch draws); only that module reaches the real one.
		builder.onResolve({filter: /^string-width$/}, args => (args.importer.endsWith('source/cli/string-width.ts') ? undefined : {path: fileURLToPath(new URL('../source/cli/string-width.ts', import.meta.url))}));
		// …whose emoji regex takes ≈40 ms to build: built on first use, which the fast path often avoids.
		rewrite(/node_modules\/string-width\/index\.js$/, [
			['const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;', 'let rgiEmojiPattern;\nconst rgiEmojiRegex = {test: text => (rgiEmojiPattern ??= /^\\p{RGI_Emoji}$/v).test(text)};'],
			['const segmenter = new Intl.Segmenter();', importGraphemes('graphemeSegmenter')],
			['segmenter.segment(string)', 'graphemeSegmenter().segment(string)'],
		]);
		// Ink splits every text into grapheme clusters with Intl.Segmenter (its own, ansi-tokenize's and
		// those of its text helpers), and each module made its segmenter at import. The first one loads
		// ICU's break-iteration data: 10–30 ms of every start. source/cli/graphemes.ts counts text whose
		// every unit is a cluster (all rollwatch draws) itself and makes one segmenter when other text comes.
		rewrite(/@alcalzone\/ansi-tokenize\/build\/tokenize\.js$/, [
			['const segmenter = new Intl.Segmenter(undefined, { granularity: "grapheme" });', importGraphemes('segmentGraphemes')],
			['segmenter.segment(str)', 'segmentGraphemes(str)'],
		]);
		rewrite(/ink\/build\/line-update\.js$/, [
			["const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });", importGraphemes('segmentGraphemes')],
			['segmenter.segment(previousText)', 'segmentGraphemes(previousText)'],
			['segmenter.segment(nextText)', 'segmentGraphemes(nextText)'],
		]);
		rewrite(/node_modules\/wrap-ansi\/index\.js$/, [
			['const segmenter = new Intl.Segmenter();', importGraphemes('graphemeSegmenter')],
			['segmenter.segment(plainText)', 'graphemeSegmenter().segment(plainText)'],
		]);
		rewrite(/node_modules\/slice-ansi\/tokenize-ansi\.js$/, [
			["const GRAPHEME_SEGMENTER = new Intl.Segmenter(undefined, {granularity: 'grapheme'});", importGraphemes('graphemeSegmenter')],
			['GRAPHEME_SEGMENTER.segment(', 'graphemeSegmenter().segment('],
		]);
		// undici's HTTP/2 client (and with it node:http2, ≈6 ms to load) is needed only once a server has
		// chosen h2 for a connection, after its TLS handshake: loaded then, not at every start.
		rewrite(/undici\/lib\/dispatcher\/client\.js$/, [[
			"const connectH2 = require('./client-h2.js')",
			"const connectH2 = (client, socket) => require('./client-h2.js')(client, socket)",
		]]);
		// client-node's SOCKS proxy support (socks-proxy-agent, socks, ip-address's tables, debug) is only
		// used for a kubeconfig with a socks5:// proxy-url: ≈4 ms of every start, loaded on first use now.
		rewrite(/@kubernetes\/client-node\/dist\/config\.js$/, [
			["import { SocksProxyAgent } from 'socks-proxy-agent';\nimport { SocksClient } from 'socks';\n", ''],
			['new SocksProxyAgent(', "new (require('socks-proxy-agent').SocksProxyAgent)("],
			['SocksClient.createConnection(', "require('socks').SocksClient.createConnection("],
		]);
		// meow normalizes package.json only when `cli.pkg` is read (never, here), but its bundled
		// dependencies built the spdx licence tables for that at import: ≈10 ms. Built on first use now.
		rewrite(/meow\/build\/dependencies\.js$/, [[
			'var normalizeExports = requireNormalize();\nconst normalizePackageData = getDefaultExportFromCjs(normalizeExports);',
			'const normalizePackageData = (...args) => getDefaultExportFromCjs(requireNormalize())(...args);',
		]]);
	},
};

// Node built-ins are reached through require, never an ESM import: for an imported built-in Node builds an
// ESM facade by reading every export, and node:http's exports include lazy getters (WebSocket,
// MessageEvent, …) whose first read loads Node's own copy of undici: ≈15 ms and 0.7 MB of source at every
// start, for nothing. Bundled code reads the same module object's properties when it uses them.
const builtinsThroughRequire = {
	name: 'builtins-through-require',
	setup(builder) {
		const builtins = new Set(builtinModules.map(name => name.replace(/^node:/, '')));
		builder.onResolve({filter: /^(node:)?[a-z_/]+$/}, args => {
			const name = args.path.replace(/^node:/, '');
			if (args.kind === 'require-call' || !builtins.has(name)) return undefined;
			return {path: name, namespace: 'node-builtin'};
		});
		builder.onLoad({filter: /.*/, namespace: 'node-builtin'}, args => ({contents: `module.exports = require('node:${args.path}');`, loader: 'js'}));
	},
};

// @kubernetes/client-node's index re-exports every generated API and model (≈760 model classes, the
// informer, websockets, tar for cp, …) and declares no sideEffects, so importing three names from it
// bundled and initialised all of it: 0.4 MB of the bundle. rollwatch's code gets only the modules it
// uses; an import of anything else fails the build ("No matching export") rather than pulling the index
// back in. KubeConfig's own module reaches the generated index only for the two names below.
const clientNodeParts = {
	name: 'client-node-parts',
	setup(builder) {
		const dist = join(dirname(fileURLToPath(import.meta.resolve('@kubernetes/client-node'))));
		const parts = {
			index: `export {KubeConfig} from './config.js';\nexport {HttpMethod, RequestContext} from './gen/http/http.js';\nexport {ApiException} from './gen/apis/exception.js';\n`,
			gen: `export {createConfiguration} from './gen/configuration.js';\nexport {ServerConfiguration} from './gen/servers.js';\n`,
		};
		builder.onResolve({filter: /^@kubernetes\/client-node$/}, args => (args.importer.includes('/node_modules/') ? undefined : {path: 'index', namespace: 'client-node-parts'}));
		builder.onResolve({filter: /^\.\/gen\/index\.js$/}, args => (args.importer === join(dist, 'config.js') ? {path: 'gen', namespace: 'client-node-parts'} : undefined));
		builder.onLoad({filter: /.*/, namespace: 'client-node-parts'}, args => ({contents: parts[args.path], resolveDir: dist, loader: 'js'}));
	},
};

// undici's index initialises all of undici at import: fetch and the web platform under it (Headers, Request,
// web streams, node:stream/web and node:worker_threads), WebSocket, EventSource, caches, cookies, mocks and
// interceptors. Rollwatch and client-node import four names from it (Agent, ProxyAgent, request, fetch), and
// the start-up path needs only the first three: lists and watches go through request(). These four come from
// undici's own modules; fetch, and all it needs, loads on its first call. Like client-node's parts, an
// import of any other name fails the build ("No matching export").
const undiciParts = {
	name: 'undici-parts',
	setup(builder) {
		const root = dirname(fileURLToPath(import.meta.resolve('undici')));
		builder.onResolve({filter: /^undici$/}, () => ({path: 'index', namespace: 'undici-parts'}));
		builder.onLoad({filter: /.*/, namespace: 'undici-parts'}, () => ({
			contents: `
const Dispatcher = require('./lib/dispatcher/dispatcher.js');
const {getGlobalDispatcher} = require('./lib/global.js');
// What undici's index does for every dispatcher: request(), stream(), … as methods.
Object.assign(Dispatcher.prototype, require('./lib/api/index.js'));
exports.Agent = require('./lib/dispatcher/agent.js');
exports.ProxyAgent = require('./lib/dispatcher/proxy-agent.js');
// undici.request(url, options) for a URL (string or URL object) and no callback: the one form rollwatch uses.
exports.request = (url, {dispatcher = getGlobalDispatcher(), ...options} = {}) => {
	const {origin, pathname, search} = new URL(url);
	return dispatcher.request({...options, origin, path: pathname + search, method: options.method ?? (options.body ? 'PUT' : 'GET')});
};
exports.fetch = (input, init) => require('./lib/web/fetch/index.js').fetch(input, init);
`,
			resolveDir: root,
			loader: 'js',
		}));
	},
};

export const bundlePlugins = [noDevtools, dependencyRewrites, builtinsThroughRequire, clientNodeParts, undiciParts];
