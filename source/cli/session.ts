// Wires one monitoring session: preflight (does the cluster answer, do the Deployments exist), the scoped
// watches into the store, the action layer, access checks and the optional prober — everything the TUI
// needs as props, and one close() that stops it all.
import type {Deployment} from '../k8s/types.js';
import {checkAccess} from '../cluster/access.js';
import type {AccessVerdict, ActionName} from '../cluster/access.js';
import {createActions} from '../cluster/actions.js';
import {toUserError, UserError} from '../cluster/errors.js';
import {kubeJson} from '../cluster/http.js';
import type {LoadedKubeConfig} from '../cluster/kubeconfig.js';
import {serviceProxyGet} from '../cluster/proxy.js';
import {collectionPath} from '../cluster/resources.js';
import {watchScope} from '../cluster/scope-watch.js';
import {createStore} from '../store/publisher.js';
import {afterFirstPicture} from './first-picture.js';
import {createProber} from '../probe/prober.js';
import type {Prober} from '../probe/prober.js';
import {httpTransport} from '../probe/http-transport.js';
import {serviceTransport} from '../probe/service-transport.js';
import {formatProbeTarget} from '../probe/target.js';
import type {ProbeConfig} from '../probe/options.js';
import type {AccessMap, CommandId, ExternalStore, MonitorActions, MonitorProps} from '../ui/types.js';

export type {ProbeConfig} from '../probe/options.js';

export type SessionOptions = {
	loaded: LoadedKubeConfig;
	names: string[];
	selector?: string;
	readOnly: boolean;
	probe?: ProbeConfig;
	/** Demo mode adds actions (ship next / broken) on top of the normal ones. */
	extraActions?: (base: ReturnType<typeof createActions>) => Partial<MonitorActions>;
};

export type Session = {
	props: Omit<MonitorProps, 'onExit'>;
	/**
	 * When to draw the first frame: the first picture's lists have arrived and are published, or a
	 * moment has passed (a slow or failing list; the screen then says what it is waiting for).
	 */
	listed: Promise<void>;
	prober?: Prober;
	close(): Promise<void>;
};

/** The prober for a checked `--probe` configuration: through the API server's service proxy, or to a URL. */
export function buildProber(config: ProbeConfig, loaded: LoadedKubeConfig): Prober {
	const {target, timeoutMs} = config;
	const transport = target.kind === 'url'
		? httpTransport(target.url)
		: serviceTransport(request => serviceProxyGet({...request, kc: loaded.kc}), {namespace: loaded.namespace, service: target.service, port: target.port, path: target.path, timeoutMs});
	return createProber({transport, target: formatProbeTarget(target), rate: config.rate, timeoutMs, versionFrom: config.versionFrom});
}

/**
 * Fails fast, with one sentence, when the cluster cannot be reached or a Deployment does not exist.
 * Returns the named Deployments it fetched (none for a list view): their selectors start the watches.
 */
export async function preflight(loaded: LoadedKubeConfig, names: readonly string[], selector: string | undefined): Promise<Deployment[]> {
	const {kc, namespace, server} = loaded;
	const path = collectionPath('deployments', namespace);
	const context = {kc, server, namespace, resource: 'deployments'};
	try {
		if (names.length === 0) {
			await kubeJson(kc, {path, query: {limit: 1, ...(selector ? {labelSelector: selector} : {})}, signal: AbortSignal.timeout(15_000)});
			return [];
		}
		return await Promise.all(names.map(async name => {
			try {
				return await kubeJson<Deployment>(kc, {path: `${path}/${encodeURIComponent(name)}`, signal: AbortSignal.timeout(15_000)});
			} catch (error) {
				throw toUserError(error, {...context, name});
			}
		}));
	} catch (error) {
		if (error instanceof UserError) throw error;
		throw toUserError(error, context);
	}
}

const ACCESS_COMMANDS: Array<[ActionName, CommandId]> = [['pause', 'pause'], ['resume', 'resume'], ['restart', 'restart'], ['undo', 'undo'], ['scale', 'scale'], ['setImage', 'shipNext'], ['setImage', 'shipBroken']];

/** Access verdicts as they arrive: empty (all allowed) until the reviews answer; a failure leaves it so. */
export function accessStore(verdicts: Promise<Record<ActionName, AccessVerdict>>): ExternalStore<AccessMap> {
	let snapshot: AccessMap = {};
	const listeners = new Set<() => void>();
	verdicts.then(answered => {
		const denied: AccessMap = {};
		for (const [action, command] of ACCESS_COMMANDS) {
			const verdict = answered[action];
			if (verdict.allowed === false) denied[command] = {allowed: false, reason: verdict.reason ?? 'forbidden by RBAC'};
		}
		if (Object.keys(denied).length === 0) return;
		snapshot = denied;
		for (const listener of [...listeners]) listener();
	}, () => {});
	return {
		getSnapshot: () => snapshot,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
	};
}

export async function openSession(options: SessionOptions): Promise<Session> {
	const {loaded, names, selector, readOnly} = options;
	const prober = options.probe ? buildProber(options.probe, loaded) : undefined;
	const seed = await preflight(loaded, names, selector);

	// 30 snapshots a second at most: a change waits ≤ 33 ms for its frame (issue 5: p99 ≤ 50 ms at
	// 1,000 events/s); bursts still cost one render per frame, not one per event.
	const store = createStore({maxFps: 30});
	// The first frame does not wait for the access reviews (a round trip or more), and they are only
	// sent once it is drawn: keys stay allowed until the verdicts arrive, as they do when a review fails.
	let access: MonitorProps['access'] = {};
	let askAccess = () => {};
	if (!readOnly) {
		let asked!: (verdicts: Promise<Record<ActionName, AccessVerdict>>) => void;
		access = accessStore(new Promise<Record<ActionName, AccessVerdict>>(resolve => { asked = resolve; }));
		askAccess = () => asked(checkAccess({kc: loaded.kc, namespace: loaded.namespace, signal: AbortSignal.timeout(5000)}));
	}
	// Watch events arrive only after I/O, so `scope` is set by the time the picture asks for its plan.
	const picture = afterFirstPicture({
		store,
		running: () => scope.current(),
		then: () => {
			scope.release();
			askAccess();
		},
	});
	const scope = watchScope({
		kc: loaded.kc,
		target: {namespace: loaded.namespace, ...(names.length > 0 ? {names} : {}), ...(selector ? {labelSelector: selector} : {})},
		seed,
		// Only what the first picture shows starts at once; the traffic pane's and the events' watches
		// start once it is drawn, as the access reviews do.
		held: ['services', 'endpointslices', 'events'],
		onEvent: event => {
			store.dispatch(event);
			picture.saw(event);
		},
	});
	const base = createActions({kc: loaded.kc, namespace: loaded.namespace, readOnly});
	const actions: MonitorActions = {
		pause: name => base.pause(name),
		resume: name => base.resume(name),
		restart: name => base.restart(name),
		undo: (name, toRevision) => base.undo(name, toRevision),
		scale: (name, replicas) => base.scale(name, replicas),
		...options.extraActions?.(base),
	};

	prober?.start();

	return {
		props: {
			store,
			actions,
			access,
			context: {name: loaded.context, namespace: loaded.namespace, server: loaded.server},
			targets: names,
			readOnly,
			...(prober ? {probe: prober} : {}),
		},
		prober,
		listed: picture.listed.then(() => store.flush()),
		async close() {
			picture.stop();
			prober?.stop();
			scope.stop();
			store.close();
			await scope.done();
		},
	};
}
