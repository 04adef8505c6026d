// The bad-input table: the built CLI (dist/cli.js) run as a child process, stdin not a TTY, for every
// kind of wrong input a user can give. Each row must end with exactly one line on stderr, the exit
// code documented in source/cluster/errors.ts, no stack trace, nothing on stdout, and no secret.
import {execFile} from 'node:child_process';
import {existsSync, mkdtempSync, rmSync, writeFileSync} from 'node:fs';
import {createServer as createHttpServer, type Server} from 'node:http';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {EXIT_CODES} from '../../source/cluster/errors.js';
import {startDemoCluster, type DemoCluster} from '../../source/demo/cluster.js';
import {rows, TOKEN, type Fixtures} from '../fixtures/bad-input/rows.js';

const root = new URL('../../', import.meta.url).pathname;
const node = join(root, 'node_modules/.bin/node');
const cli = join(root, 'dist/cli.js');

let cluster: DemoCluster;
let forbidding: Server;
let dir: string;
const fixtures = {} as Fixtures;

function listen(server: Server): Promise<string> {
	return new Promise(resolve => server.listen(0, '127.0.0.1', () => resolve(`127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

beforeAll(async () => {
	if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run `npm run build` first');
	cluster = await startDemoCluster({scenario: 'rolling', speed: 20, token: TOKEN});
	// The demo server cannot forbid a namespace, so a loopback stand-in answers every request with
	// the 403 Status a real RBAC-enabled API server sends.
	forbidding = createHttpServer((req, res) => {
		res.writeHead(403, {'Content-Type': 'application/json'});
		res.end(JSON.stringify({kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', reason: 'Forbidden', code: 403, message: 'deployments.apps is forbidden: User "dev" cannot list resource "deployments" in API group "apps" in the namespace "kube-system"', details: {group: 'apps', kind: 'deployments'}}));
	});
	const plain = await listen(forbidding);
	const closing = createHttpServer();
	const closedHostPort = await listen(closing);
	await new Promise(resolve => closing.close(resolve));
	dir = mkdtempSync(join(tmpdir(), 'rollwatch-bad-input-'));
	Object.assign(fixtures, {dir, demoUrl: cluster.url, demoCa: cluster.server.ca, plainHostPort: plain, closedHostPort});
	writeFileSync(join(dir, 'demo.yaml'), cluster.kubeconfig(), {mode: 0o600});
});

afterAll(async () => {
	await cluster?.stop();
	await new Promise(resolve => forbidding?.close(resolve));
	if (dir) rmSync(dir, {recursive: true, force: true});
});

type Run = {code: number | null; stdout: string; stderr: string};

function run(args: readonly string[], env: Record<string, string>): Promise<Run> {
	return new Promise(resolve => {
		const child = execFile(node, [cli, ...args], {cwd: dir, timeout: 25_000, killSignal: 'SIGKILL', env: {PATH: process.env.PATH ?? '', HOME: join(dir, 'home'), ...env}}, (error, stdout, stderr) => {
			resolve({code: error ? (typeof error.code === 'number' ? error.code : null) : 0, stdout, stderr});
		});
		child.stdin?.end();
	});
}

const documented = new Set<number>(Object.values(EXIT_CODES));

describe('bad input: one sentence, the documented exit code, no stack, no secret', () => {
	it('has 50+ rows, each with a documented non-zero exit code', () => {
		expect(rows.length).toBeGreaterThanOrEqual(50);
		for (const row of rows) expect(documented.has(row.code) && row.code !== 0, row.name).toBe(true);
		expect(new Set(rows.map(row => row.name)).size).toBe(rows.length);
	});

	it.concurrent.each(rows.map(row => [row.name, row] as const))('%s', async (_name, row) => {
		const setup = row.setup?.(fixtures) ?? {};
		const result = await run(typeof row.args === 'function' ? row.args(fixtures) : row.args, setup.env ?? {});
		const lines = result.stderr.split('\n');
		expect(result.stderr.endsWith('\n'), `stderr: ${JSON.stringify(result.stderr)}`).toBe(true);
		expect(lines.length, `stderr: ${JSON.stringify(result.stderr)}`).toBe(2);
		expect(result.stderr).toMatch(/^rollwatch: \S/);
		expect(result.stderr).not.toMatch(/^\s+at /m);
		expect(result.stderr).not.toMatch(/Error:|TypeError|undefined|\[object /);
		expect(result.code, `stderr: ${result.stderr}`).toBe(row.code);
		expect(result.stdout).toBe('');
		if (row.says) expect(result.stderr).toMatch(row.says);
		expect(result.stderr).not.toContain(TOKEN);
	});
});
