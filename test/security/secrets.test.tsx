// Credentials in a kubeconfig (tokens, passwords, client keys, auth-provider secrets) never reach the
// screen, an error message or a status line — whatever goes wrong: wrong credentials (401), an
// unreachable server, a TLS mismatch, a broken kubeconfig. Every text the user could see is collected
// and searched for every secret.
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import {createActions} from '../../source/cluster/actions.js';
import {describeApiError, toUserError} from '../../source/cluster/errors.js';
import {loadKubeConfig} from '../../source/cluster/kubeconfig.js';
import {watchResource} from '../../source/cluster/watch.js';
import {startDemoCluster, type DemoCluster} from '../../source/demo/cluster.js';
import {createStore} from '../../source/store/publisher.js';
import {App} from '../../source/ui/App.js';
import {render, stripAnsi} from '../support/render.js';

const keyPem = readFileSync(new URL('../fixtures/tls/localhost.key', import.meta.url), 'utf8');
const certPem = readFileSync(new URL('../fixtures/tls/localhost.crt', import.meta.url), 'utf8');
const b64 = (text: string) => Buffer.from(text).toString('base64');

const SECRETS = {
	token: 'sekret-token-4f9a8b7c6d5e4f3a2b1c',
	password: 'hunter2-correct-horse-battery',
	providerSecret: 'oidc-refresh-secret-9988776655',
	keyData: b64(keyPem),
};
/** Every string a leak could show: the secrets, and the key's PEM body lines (a decoded leak). */
const NEEDLES = [...Object.values(SECRETS), ...keyPem.split('\n').filter(line => line.length > 40)];

let cluster: DemoCluster;
let dir: string;
let kubeconfigPath: string;
const seen: string[] = [];

function kubeconfig(server: string, ca: string): string {
	const context = (name: string, user: string, clusterName = 'demo') => `- name: ${name}\n  context:\n    cluster: ${clusterName}\n    user: ${user}\n    namespace: default`;
	return [
		'apiVersion: v1',
		'kind: Config',
		'clusters:',
		`- name: demo\n  cluster:\n    server: ${server}\n    certificate-authority-data: ${b64(ca)}`,
		`- name: nowhere\n  cluster:\n    server: https://127.0.0.1:1\n    certificate-authority-data: ${b64(ca)}`,
		`- name: wrong-ca\n  cluster:\n    server: ${server}\n    certificate-authority-data: ${b64(certPem)}`,
		'users:',
		`- name: token\n  user:\n    token: ${SECRETS.token}`,
		`- name: basic\n  user:\n    username: admin\n    password: ${SECRETS.password}`,
		`- name: cert\n  user:\n    client-certificate-data: ${b64(certPem)}\n    client-key-data: ${SECRETS.keyData}`,
		`- name: provider\n  user:\n    auth-provider:\n      name: oidc\n      config:\n        client-id: rollwatch\n        id-token: ${SECRETS.providerSecret}\n        refresh-token: ${SECRETS.providerSecret}`,
		'contexts:',
		context('token', 'token'),
		context('basic', 'basic'),
		context('cert', 'cert'),
		context('provider', 'provider'),
		context('unreachable', 'token', 'nowhere'),
		context('tls-mismatch', 'token', 'wrong-ca'),
		'current-context: token',
		'',
	].join('\n');
}

beforeAll(async () => {
	cluster = await startDemoCluster({scenario: 'rolling', speed: 20});
	dir = mkdtempSync(join(tmpdir(), 'rollwatch-secrets-'));
	kubeconfigPath = join(dir, 'kubeconfig');
	writeFileSync(kubeconfigPath, kubeconfig(cluster.url, cluster.server.ca), {mode: 0o600});
});

afterAll(async () => {
	await cluster.stop();
	rmSync(dir, {recursive: true, force: true});
	// The collected texts prove something only if there were many of them.
	expect(seen.length).toBeGreaterThan(20);
});

function expectClean(texts: readonly string[]) {
	seen.push(...texts);
	for (const text of texts) for (const needle of NEEDLES) expect(text, 'a secret leaked').not.toContain(needle);
}

/** Watches pods through one context until it fails (or settles), and returns every error text seen. */
async function watchErrors(context: string): Promise<string[]> {
	const {kc, namespace} = loadKubeConfig({kubeconfig: kubeconfigPath, context, env: {}});
	const errors: string[] = [];
	const handle = watchResource({kc, resource: 'pods', namespace, backoff: {initialMs: 20, maxMs: 50}, onEvent: event => {
		if (event.type === 'CONNECTION' && event.state.error) errors.push(event.state.error);
	}});
	const deadline = Date.now() + 8000;
	while (errors.length < 3 && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 20));
	handle.stop();
	await handle.done;
	return errors;
}

describe('secrets never appear in what the user sees', () => {
	it.each(['token', 'basic', 'cert', 'provider', 'unreachable', 'tls-mismatch'])('watch errors and action messages through context %s', async context => {
		const errors = await watchErrors(context);
		expect(errors.length).toBeGreaterThan(0);
		const {kc, namespace} = loadKubeConfig({kubeconfig: kubeconfigPath, context, env: {}});
		const actions = createActions({kc, namespace, readOnly: false});
		const results = await Promise.all([actions.pause('app-rolling'), actions.scale('app-rolling', 2), actions.undo('app-rolling')]);
		expect(results.every(result => !result.ok)).toBe(true);
		expectClean([...errors, ...results.map(result => result.message)]);
	});

	it('errors that quote the secret itself are redacted', () => {
		const {kc} = loadKubeConfig({kubeconfig: kubeconfigPath, context: 'basic', env: {}});
		const texts = [
			describeApiError(new Error(`upstream said: bad credentials ${SECRETS.token} / ${SECRETS.password}`), {kc}),
			describeApiError(new Error(`Authorization: Bearer ${SECRETS.token}`), {kc}),
			describeApiError(new Error(`key ${keyPem}`), {kc}),
			toUserError(new Error(`refresh failed for ${SECRETS.providerSecret}`), {kc}).message,
		];
		expectClean(texts);
	});

	it('a kubeconfig that does not parse is reported without quoting its lines', () => {
		const broken = join(dir, 'broken');
		writeFileSync(broken, `apiVersion: v1\nusers:\n- name: x\n  user:\n    token: "${SECRETS.token}\n  : : [\ncontexts: {\n`);
		const texts: string[] = [];
		for (const context of [undefined, 'token']) {
			try {
				loadKubeConfig({kubeconfig: broken, env: {}, ...(context ? {context} : {})});
			} catch (error) {
				texts.push((error as Error).message, String((error as Error).stack).split('\n')[0]!);
			}
		}
		expect(texts.length).toBeGreaterThan(0);
		expectClean(texts);
	});

	it('the TUI status line and header show the failure, not the credential', async () => {
		const {kc, namespace} = loadKubeConfig({kubeconfig: kubeconfigPath, context: 'token', env: {}});
		const store = createStore();
		const handle = watchResource({kc, resource: 'deployments', namespace, backoff: {initialMs: 50, maxMs: 200}, onEvent: event => store.dispatch(event)});
		const actions = createActions({kc, namespace, readOnly: false});
		const screen = render(<App store={store} actions={actions} context={{name: 'token', namespace}} targets={['app-rolling']} readOnly={false} />, {columns: 120, rows: 30});
		try {
			await screen.waitFor('401 Unauthorized', {timeout: 8000});
			await screen.waitFor('reconnecting (retry in', {timeout: 8000});
			// A mutating key with nothing to act on says why, in the status line: still no secret.
			await screen.type('p');
			await screen.waitFor('disabled', {timeout: 3000});
			expectClean(screen.stdout.frames.map(stripAnsi));
			expectClean(screen.stdout.frames);
		} finally {
			handle.stop();
			await handle.done;
			store.close();
		}
	});
});
