import {delimiter, join, resolve} from 'node:path';
import {fileURLToPath} from 'node:url';
import {HttpMethod, RequestContext} from '@kubernetes/client-node';
import {describe, expect, it} from 'vitest';
import {EXIT_CODES, UserError} from '../../source/cluster/errors.js';
import {demoKubeConfig, loadKubeConfig} from '../../source/cluster/kubeconfig.js';

const fixtures = resolve(fileURLToPath(import.meta.url), '../../fixtures/kubeconfig');
const fixture = (name: string) => join(fixtures, name);
const SECRETS = ['dev-token-s3cr3t-value', 'hunter2-password', 'leaky-token-abc123', 'first-token-value', 'second-token-value'];

function failure(run: () => unknown): UserError {
	try {
		run();
	} catch (error) {
		expect(error).toBeInstanceOf(UserError);
		const userError = error as UserError;
		for (const secret of SECRETS) expect(userError.message).not.toContain(secret);
		return userError;
	}
	throw new Error('expected loadKubeConfig to fail');
}

describe('loadKubeConfig', () => {
	it('uses the current context, its cluster and its namespace', () => {
		const loaded = loadKubeConfig({kubeconfig: fixture('valid.yaml'), env: {}});
		expect(loaded).toMatchObject({context: 'dev', cluster: 'dev-cluster', user: 'dev-user', namespace: 'shop', server: 'https://127.0.0.1:6443'});
		expect(loaded.kc.getCurrentContext()).toBe('dev');
	});

	it('prefers --namespace, then the context namespace, then default', () => {
		expect(loadKubeConfig({kubeconfig: fixture('valid.yaml'), namespace: 'other', env: {}}).namespace).toBe('other');
		expect(loadKubeConfig({kubeconfig: fixture('valid.yaml'), context: 'prod', env: {}}).namespace).toBe('default');
	});

	it('switches context with --context and resolves relative file paths against the kubeconfig', () => {
		const loaded = loadKubeConfig({kubeconfig: fixture('valid.yaml'), context: 'prod', env: {}});
		expect(loaded.server).toBe('https://127.0.0.1:7443');
		expect(loaded.kc.getCurrentCluster()?.caFile).toBe(join(fixtures, 'certs/ca.crt'));
	});

	it('reads KUBECONFIG when no --kubeconfig is given', () => {
		expect(loadKubeConfig({env: {KUBECONFIG: fixture('valid.yaml')}}).context).toBe('dev');
	});

	it('merges several KUBECONFIG files kubectl-style: the first file wins', () => {
		const loaded = loadKubeConfig({env: {KUBECONFIG: [fixture('first.yaml'), fixture('second.yaml')].join(delimiter)}});
		expect(loaded.context).toBe('first-ctx');
		expect(loaded.namespace).toBe('first-ns');
		expect(loaded.server).toBe('https://127.0.0.1:1111');
		expect(loaded.kc.getCurrentUser()?.token).toBe('first-token-value');
		// Entries only the second file has are still available.
		expect(loadKubeConfig({context: 'second-ctx', env: {KUBECONFIG: [fixture('first.yaml'), fixture('second.yaml')].join(delimiter)}}).server).toBe('https://127.0.0.1:3333');
	});

	it('skips KUBECONFIG entries that do not exist', () => {
		expect(loadKubeConfig({env: {KUBECONFIG: [fixture('nope.yaml'), fixture('first.yaml')].join(delimiter)}}).context).toBe('first-ctx');
	});

	it('refuses to fall back to localhost:8080 when there is no kubeconfig', () => {
		const error = failure(() => loadKubeConfig({env: {HOME: join(fixtures, 'no-home')}, serviceAccountDir: join(fixtures, 'no-sa')}));
		expect(error.message).toBe('no kubeconfig found: set KUBECONFIG, pass --kubeconfig, or create ~/.kube/config');
		expect(error.exitCode).toBe(EXIT_CODES.kubeconfig);
	});

	it('names a missing --kubeconfig file', () => {
		expect(failure(() => loadKubeConfig({kubeconfig: fixture('nope.yaml'), env: {}})).message).toBe(`kubeconfig file ${fixture('nope.yaml')} does not exist`);
	});

	it('reports malformed YAML by position, without quoting the file', () => {
		const error = failure(() => loadKubeConfig({kubeconfig: fixture('malformed.yaml'), env: {}}));
		expect(error.message).toMatch(/^kubeconfig .*malformed\.yaml is not valid YAML/);
		expect(error.exitCode).toBe(EXIT_CODES.kubeconfig);
	});

	it('reports an unknown context', () => {
		expect(failure(() => loadKubeConfig({kubeconfig: fixture('valid.yaml'), context: 'staging', env: {}})).message).toBe('context "staging" does not exist in the kubeconfig');
	});

	it('reports a context whose cluster or user is missing', () => {
		expect(failure(() => loadKubeConfig({kubeconfig: fixture('valid.yaml'), context: 'orphan', env: {}})).message).toBe(
			'context "orphan" refers to cluster "missing-cluster", which is not in the kubeconfig',
		);
		expect(failure(() => loadKubeConfig({kubeconfig: fixture('valid.yaml'), context: 'anonymous', env: {}})).message).toBe('context "anonymous" has no user');
	});

	it('asks for --context when no current context is set', () => {
		expect(failure(() => loadKubeConfig({kubeconfig: fixture('empty-current.yaml'), env: {}})).message).toBe(
			'no current context is set in the kubeconfig; pass --context (one of: only)',
		);
	});

	it('keeps exec credential plugins working through client-node', async () => {
		const loaded = loadKubeConfig({kubeconfig: fixture('exec.yaml'), env: {}});
		const context = new RequestContext('http://127.0.0.1:1/api', HttpMethod.GET);
		await loaded.kc.applySecurityAuthentication(context);
		expect(context.getHeaders().Authorization).toBe('Bearer exec-issued-token');
	});

	it('builds an in-process kubeconfig for the demo cluster', async () => {
		const demo = demoKubeConfig('http://127.0.0.1:4321', 'demo-token', 'demo');
		expect(demo).toMatchObject({server: 'http://127.0.0.1:4321', namespace: 'demo', context: 'rollwatch-demo'});
		const context = new RequestContext('http://127.0.0.1:4321/api', HttpMethod.GET);
		await demo.kc.applySecurityAuthentication(context);
		expect(context.getHeaders().Authorization).toBe('Bearer demo-token');
	});
});
