// dist/cli.js as users start it: run as a program (npm's bin link, npx), it starts the Node on PATH with
// rollwatch's V8 settings; run by `node dist/cli.js` it works as plain JavaScript; an old Node gets one
// sentence and exit 2.
import {execFile} from 'node:child_process';
import {existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {delimiter, dirname, join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const node = join(root, 'node_modules/.bin/node');
const cli = join(root, 'dist/cli.js');
const {version} = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {version: string};

type Run = {code: number; stdout: string; stderr: string};
const run = (file: string, args: string[], env: Record<string, string> = {}) => new Promise<Run>(resolve => {
	// Node 24 (the one npx and npm scripts put first on PATH) before the system's.
	const path = [dirname(node), process.env.PATH ?? ''].join(delimiter);
	execFile(file, args, {env: {...process.env, PATH: path, NO_COLOR: '1', ...env}, timeout: 30_000}, (error, stdout, stderr) => {
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
