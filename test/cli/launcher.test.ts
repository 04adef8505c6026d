// dist/cli.js as users start it: run as a program (npm's bin link, npx), it starts the Node on PATH with
// rollwatch's V8 settings; run by `node dist/cli.js` it works as plain JavaScript; an old Node gets one
// sentence and exit 2. It keeps a code cache of the start-up path in the user's cache directory, which
// never stands in the way: damaged, unwritable or turned off, rollwatch starts the same.
import {execFile} from 'node:child_process';
import {existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {delimiter, dirname, join} from 'node:path';
import {afterAll, afterEach, beforeAll, describe, expect, it} from 'vitest';
import {spawnPty} from '../support/pty.js';
import type {PtySession} from '../support/pty.js';

const root = new URL('../../', import.meta.url).pathname;
const node = join(root, 'node_modules/.bin/node');
const cli = join(root, 'dist/cli.js');
const {version} = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {version: string};

type Run = {code: number; stdout: string; stderr: string};
const run = (file: string, args: string[], env: Record<string, string> = {}) => new Promise<Run>(resolve => {
	// Node 24 (the one npx and npm scripts put first on PATH) before the system's.
	const path = [dirname(node), process.env.PATH ?? ''].join(delimiter);
	// A cache of its own, not the user's: the preloads below make each run's Node flags, and so its cache, new.
	execFile(file, args, {env: {...process.env, PATH: path, NO_COLOR: '1', XDG_CACHE_HOME: join(dir, 'cache'), ...env}, timeout: 30_000}, (error, stdout, stderr) => {
		resolve({code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr});
	});
});

let dir: string;
let report: string;
let oldNode: string;
beforeAll(() => {
	if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
	dir = mkdtempSync(join(tmpdir(), 'rollwatch-launcher-'));
	// Preloads (through NODE_OPTIONS, as a user could): one reports the flags Node was started with, one
	// makes this Node claim to be Node 20.
	report = join(dir, 'report.cjs');
	writeFileSync(report, 'process.stderr.write(`execArgv ${JSON.stringify(process.execArgv)}\\n`);\n');
	oldNode = join(dir, 'old.cjs');
	writeFileSync(oldNode, "Object.defineProperty(process, 'version', {value: 'v20.19.0'});\nObject.defineProperty(process, 'versions', {value: {...process.versions, node: '20.19.0'}});\n");
});
afterAll(() => {
	if (dir) rmSync(dir, {recursive: true, force: true});
});

describe('the launcher', () => {
	it('run as a program, starts Node with rollwatch\'s V8 settings', async () => {
		const result = await run(cli, ['--version'], {NODE_OPTIONS: `--require ${report}`});
		expect(result.code).toBe(0);
		expect(result.stdout.trim()).toBe(version);
		expect(result.stderr).toMatch(/^execArgv \["--max-semi-space-size=\d+"\]$/m);
	});

	it('run by node, works with Node\'s defaults', async () => {
		const result = await run(node, [cli, '--version'], {NODE_OPTIONS: `--require ${report}`});
		expect(result.code).toBe(0);
		expect(result.stdout.trim()).toBe(version);
		expect(result.stderr).toMatch(/^execArgv \[\]$/m);
	});

	it('tells an old Node one sentence and exits 2, either way', async () => {
		for (const result of [await run(cli, ['--version'], {NODE_OPTIONS: `--require ${oldNode}`}), await run(node, [cli, '--version'], {NODE_OPTIONS: `--require ${oldNode}`})]) {
			expect(result.code).toBe(2);
			expect(result.stdout).toBe('');
			expect(result.stderr).toBe('rollwatch: needs Node.js 22 or newer, this is v20.19.0; inside the repository run it through npx (npx rollwatch), which uses the Node 24 it installs.\n');
		}
	});
});

describe('the start-up code cache', () => {
	let cacheHome: string;
	let session: PtySession | undefined;
	afterEach(() => {
		session?.kill();
		session = undefined;
	});
	const fresh = () => {
		cacheHome = mkdtempSync(join(dir, 'cache-'));
		return {XDG_CACHE_HOME: cacheHome};
	};
	const cached = () => (existsSync(join(cacheHome, 'rollwatch')) ? readdirSync(join(cacheHome, 'rollwatch')) : []);
	const inode = (name: string) => statSync(join(cacheHome, 'rollwatch', name)).ino;

	it('is kept after a run that draws nothing, and used as it is by the next', async () => {
		const env = fresh();
		expect((await run(cli, ['--version'], env)).stdout.trim()).toBe(version);
		const [file, ...others] = cached();
		expect(others).toEqual([]);
		expect(file).toMatch(/\.ran$/);
		const before = inode(file!);
		const again = await run(cli, ['--version'], env);
		expect(again).toEqual({code: 0, stdout: `${version}\n`, stderr: ''});
		// Accepted by V8, so not written again.
		expect(inode(file!)).toBe(before);
	});

	it('is made again after the first frame, with what the dashboard needed; the next start uses it', async () => {
		const env = fresh();
		for (let start = 0; start < 2; start++) {
			const before = cached().map(inode);
			session = spawnPty(cli, ['demo', '--scenario', 'rolling', '--speed', '4'], {env: {...env, PATH: [dirname(node), process.env.PATH ?? ''].join(delimiter)}, cols: 100, rows: 30});
			await session.waitFor(screen => screen.includes('deploy/app-rolling') && screen.includes('Pods'), 'the dashboard');
			session.write('q');
			expect(await session.exited).toBe(0);
			const after = cached();
			expect(after).toHaveLength(1);
			expect(after[0]).toMatch(/\.drawn$/);
			if (start === 1) expect(after.map(inode)).toEqual(before);
		}
	});

	it('keeps only the newest few caches of other builds', async () => {
		const env = fresh();
		const caches = join(cacheHome, 'rollwatch');
		mkdirSync(caches);
		const old = Array.from({length: 10}, (_, index) => `0000000000000000-${index}.drawn`);
		for (const [index, name] of old.entries()) {
			writeFileSync(join(caches, name), 'stale');
			utimesSync(join(caches, name), 1_000_000 + index, 1_000_000 + index);
		}
		await run(cli, ['--version'], env);
		const left = cached();
		expect(left.filter(name => name.endsWith('.ran') && !old.includes(name))).toHaveLength(1);
		// The six newest of the others stay.
		expect(left.filter(name => old.includes(name)).sort()).toEqual(old.slice(4).sort());
	});

	it('starts the same when the cache is damaged, and replaces it', async () => {
		const env = fresh();
		await run(cli, ['--version'], env);
		const [file] = cached();
		const path = join(cacheHome, 'rollwatch', file!);
		writeFileSync(path, Buffer.alloc(4096, 7));
		expect(await run(cli, ['--version'], env)).toEqual({code: 0, stdout: `${version}\n`, stderr: ''});
		expect(readFileSync(path).equals(Buffer.alloc(4096, 7))).toBe(false);
	});

	it('starts the same when the cache cannot be written, or is turned off', async () => {
		const blocked = join(dir, 'not-a-directory');
		writeFileSync(blocked, '');
		expect(await run(cli, ['--version'], {XDG_CACHE_HOME: blocked})).toEqual({code: 0, stdout: `${version}\n`, stderr: ''});
		const env = fresh();
		mkdirSync(join(cacheHome, 'rollwatch'));
		expect(await run(cli, ['--version'], {...env, NODE_DISABLE_COMPILE_CACHE: '1'})).toEqual({code: 0, stdout: `${version}\n`, stderr: ''});
		expect(cached()).toEqual([]);
	});
});
