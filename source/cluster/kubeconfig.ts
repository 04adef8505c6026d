// Loading kubeconfig the way kubectl does: --kubeconfig, else every file in KUBECONFIG merged
// (first file wins for current-context and for duplicate names), else ~/.kube/config, else
// in-cluster. Unlike client-node's loadFromDefault we never fall back to localhost:8080, and every
// failure is one sentence with no file contents in it (they could hold tokens).
import {existsSync, readFileSync} from 'node:fs';
import {delimiter, dirname, isAbsolute, join, resolve} from 'node:path';
import {KubeConfig} from '@kubernetes/client-node';
// client-node's own conversion of kubeconfig entries (what its loadFromString does after parsing), so that
// the file is parsed once, here, with the YAML parser client-node itself uses.
import {newClusters, newContexts, newUsers} from '@kubernetes/client-node/dist/config_types.js';
import {load} from 'js-yaml';
import {EXIT_CODES, UserError} from './errors.js';

export type KubeConfigOptions = {
	/** --kubeconfig: exactly this file. */
	kubeconfig?: string;
	/** --context: instead of the current-context. */
	context?: string;
	/** --namespace: instead of the context's namespace. */
	namespace?: string;
	env: Record<string, string | undefined>;
	/** Where the in-cluster service account lives (tests point it elsewhere). */
	serviceAccountDir?: string;
};

export type LoadedKubeConfig = {
	kc: KubeConfig;
	context: string;
	cluster: string;
	user?: string;
	namespace: string;
	server: string;
};

type NamedEntry = {name?: unknown; [key: string]: unknown};
type RawConfig = {clusters: NamedEntry[]; users: NamedEntry[]; contexts: NamedEntry[]; currentContext?: string};

const SERVICE_ACCOUNT_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

function kubeconfigError(message: string): UserError {
	return new UserError(message, EXIT_CODES.kubeconfig);
}

/** Resolves the kubeconfig, context and namespace; throws UserError (exit code 3) when it cannot. */
export function loadKubeConfig(options: KubeConfigOptions): LoadedKubeConfig {
	const files = kubeconfigFiles(options);
	if (files.length === 0) {
		const inCluster = loadInCluster(options);
		if (inCluster) return inCluster;
		throw kubeconfigError('no kubeconfig found: set KUBECONFIG, pass --kubeconfig, or create ~/.kube/config');
	}
	const raw = mergeFiles(files);
	const kc = new KubeConfig();
	try {
		// client-node turns the merged entries into its own (it still owns exec, auth-provider and
		// token-file users). FILTER: a broken entry we do not use must not stop us.
		const options = {onInvalidEntry: 'filter'} as const;
		kc.loadFromOptions({clusters: newClusters(raw.clusters, options), users: newUsers(raw.users, options), contexts: newContexts(raw.contexts, options), currentContext: raw.currentContext});
	} catch (error) {
		throw kubeconfigError(`the kubeconfig could not be loaded: ${error instanceof Error ? error.message.split('\n')[0] : 'invalid'}`);
	}
	const contextName = options.context || raw.currentContext;
	if (!contextName) {
		const names = raw.contexts.map((c) => String(c.name)).join(', ');
		throw kubeconfigError(`no current context is set in the kubeconfig; pass --context${names ? ` (one of: ${names})` : ''}`);
	}
	const contextEntry = raw.contexts.find((c) => c.name === contextName);
	if (!contextEntry) throw kubeconfigError(`context "${contextName}" does not exist in the kubeconfig`);
	const body = (contextEntry.context ?? {}) as {cluster?: string; user?: string; namespace?: string};
	if (!body.cluster) throw kubeconfigError(`context "${contextName}" has no cluster`);
	if (!raw.clusters.some((c) => c.name === body.cluster)) {
		throw kubeconfigError(`context "${contextName}" refers to cluster "${body.cluster}", which is not in the kubeconfig`);
	}
	if (!body.user) throw kubeconfigError(`context "${contextName}" has no user`);
	if (!raw.users.some((u) => u.name === body.user)) {
		throw kubeconfigError(`context "${contextName}" refers to user "${body.user}", which is not in the kubeconfig`);
	}
	const cluster = kc.getClusters().find((c) => c.name === body.cluster);
	if (!cluster) throw kubeconfigError(`cluster "${body.cluster}" in the kubeconfig has no server`);
	kc.setCurrentContext(contextName);
	return {kc, context: contextName, cluster: cluster.name, user: body.user, namespace: options.namespace || body.namespace || 'default', server: cluster.server};
}

function kubeconfigFiles(options: KubeConfigOptions): string[] {
	if (options.kubeconfig) {
		if (!existsSync(options.kubeconfig)) throw kubeconfigError(`kubeconfig file ${options.kubeconfig} does not exist`);
		return [options.kubeconfig];
	}
	const list = options.env.KUBECONFIG;
	if (list) {
		// kubectl skips KUBECONFIG entries that do not exist.
		const files = [...new Set(list.split(delimiter).filter(Boolean))].filter((file) => existsSync(file));
		if (files.length === 0) throw kubeconfigError(`none of the files in KUBECONFIG exist (${list})`);
		return files;
	}
	const home = options.env.HOME || options.env.USERPROFILE;
	const file = home ? join(home, '.kube', 'config') : undefined;
	return file && existsSync(file) ? [file] : [];
}

function mergeFiles(files: string[]): RawConfig {
	const merged: RawConfig = {clusters: [], users: [], contexts: []};
	const seen = {clusters: new Set<unknown>(), users: new Set<unknown>(), contexts: new Set<unknown>()};
	for (const file of files) {
		const document = readDocument(file);
		merged.currentContext ||= typeof document['current-context'] === 'string' ? document['current-context'] : undefined;
		for (const section of ['clusters', 'users', 'contexts'] as const) {
			const entries = document[section];
			if (entries !== undefined && entries !== null && !Array.isArray(entries)) throw kubeconfigError(`kubeconfig ${file}: "${section}" is not a list`);
			for (const entry of (entries ?? []) as NamedEntry[]) {
				if (!entry || typeof entry !== 'object' || seen[section].has(entry.name)) continue;
				seen[section].add(entry.name);
				merged[section].push(resolvePaths(section, entry, dirname(resolve(file))));
			}
		}
	}
	return merged;
}

function readDocument(file: string): Record<string, unknown> {
	let text: string;
	try {
		text = readFileSync(file, 'utf8');
	} catch (error) {
		throw kubeconfigError(`cannot read kubeconfig ${file}: ${(error as NodeJS.ErrnoException).code ?? 'unreadable'}`);
	}
	let document: unknown;
	try {
		document = load(text, {filename: file});
	} catch (error) {
		// The parser's message quotes the offending line, which may hold a token: give the position only.
		const line = (error as {mark?: {line?: number}}).mark?.line;
		throw kubeconfigError(`kubeconfig ${file} is not valid YAML${line === undefined ? '' : ` (line ${line + 1})`}`);
	}
	if (document === null || document === undefined) return {};
	if (typeof document !== 'object' || Array.isArray(document)) throw kubeconfigError(`kubeconfig ${file} is not a kubeconfig (expected a mapping)`);
	return document as Record<string, unknown>;
}

const PATH_FIELDS: Record<string, {key: string; fields: string[]}> = {
	clusters: {key: 'cluster', fields: ['certificate-authority']},
	users: {key: 'user', fields: ['client-certificate', 'client-key', 'token-file']},
	contexts: {key: 'context', fields: []},
};

/** kubectl resolves relative file references against the directory of the file that names them. */
function resolvePaths(section: string, entry: NamedEntry, base: string): NamedEntry {
	const {key, fields} = PATH_FIELDS[section]!;
	const body = entry[key];
	if (!body || typeof body !== 'object') return entry;
	const copy: Record<string, unknown> = {...(body as Record<string, unknown>)};
	for (const field of fields) {
		const value = copy[field];
		if (typeof value === 'string' && value && !isAbsolute(value)) copy[field] = join(base, value);
	}
	const exec = copy.exec as {command?: unknown} | undefined;
	if (exec && typeof exec.command === 'string' && exec.command.includes('/') && !isAbsolute(exec.command)) {
		copy.exec = {...exec, command: join(base, exec.command)};
	}
	if (section === 'clusters' && typeof copy.server === 'string' && copy.server.startsWith('http:')) {
		// client-node refuses plain http unless TLS verification is "skipped"; there is no TLS to skip.
		copy['insecure-skip-tls-verify'] = true;
	}
	return {...entry, [key]: copy};
}

function loadInCluster(options: KubeConfigOptions): LoadedKubeConfig | undefined {
	const dir = options.serviceAccountDir ?? SERVICE_ACCOUNT_DIR;
	if (!options.env.KUBERNETES_SERVICE_HOST || !existsSync(join(dir, 'token'))) return undefined;
	const kc = new KubeConfig();
	const host = options.env.KUBERNETES_SERVICE_HOST;
	const port = options.env.KUBERNETES_SERVICE_PORT ?? '443';
	const server = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
	const namespaceFile = join(dir, 'namespace');
	const namespace = options.namespace || (existsSync(namespaceFile) ? readFileSync(namespaceFile, 'utf8').trim() : '') || 'default';
	kc.loadFromOptions({
		clusters: [{name: 'in-cluster', server, caFile: join(dir, 'ca.crt'), skipTLSVerify: false}],
		users: [{name: 'in-cluster', authProvider: {name: 'tokenFile', config: {tokenFile: join(dir, 'token')}}}],
		contexts: [{name: 'in-cluster', cluster: 'in-cluster', user: 'in-cluster', namespace}],
		currentContext: 'in-cluster',
	});
	return {kc, context: 'in-cluster', cluster: 'in-cluster', user: 'in-cluster', namespace, server};
}

/**
 * A kubeconfig for the embedded demo cluster on loopback, with a bearer token. `caPem` (the demo
 * server's self-signed certificate) makes TLS verified; without it (or over http) nothing is verified.
 */
export function demoKubeConfig(url: string, token: string, namespace: string, caPem?: string): LoadedKubeConfig {
	const kc = new KubeConfig();
	const name = 'rollwatch-demo';
	const tls = caPem && url.startsWith('https:') ? {caData: Buffer.from(caPem).toString('base64'), skipTLSVerify: false} : {skipTLSVerify: true};
	kc.loadFromOptions({
		clusters: [{name, server: url, ...tls}],
		users: [{name, token}],
		contexts: [{name, cluster: name, user: name, namespace}],
		currentContext: name,
	});
	return {kc, context: name, cluster: name, user: name, namespace, server: url};
}
