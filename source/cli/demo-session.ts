// The demo's wiring on top of a normal session: the ship-next / ship-broken actions, and a prober that
// follows the shipped (or opened) Deployment's Service. `rollwatch demo` and the end-to-end tests share it.
import {kubeJson} from '../cluster/http.js';
import {demoKubeConfig} from '../cluster/kubeconfig.js';
import type {LoadedKubeConfig} from '../cluster/kubeconfig.js';
import {collectionPath} from '../cluster/resources.js';
import type {DemoCluster} from '../demo/cluster.js';
import {brokenImage, nextImage, SCENARIOS} from '../demo/scenarios.js';
import type {ScenarioName} from '../demo/scenarios.js';
import type {Deployment, Service} from '../k8s/types.js';
import {PROBE_DEFAULTS} from '../probe/prober.js';
import {serviceSelects} from '../rollout/ownership.js';
import {serviceHasReadyEndpoint} from '../rollout/traffic.js';
import type {ClusterSnapshot} from '../store/types.js';
import type {ActionResult, ExternalStore, MonitorActions, MonitorProps} from '../ui/types.js';
import {buildProber, openSession} from './session.js';
import type {ProbeConfig, Session} from './session.js';
import {createSwitchableProbe} from './switchable-probe.js';
import type {SwitchableProbe} from './switchable-probe.js';

export type DemoSessionOptions = {
	cluster: DemoCluster;
	scenario: ScenarioName;
	/** Deployments to watch (default: the scenario's). */
	names?: string[];
	readOnly: boolean;
	/** An explicit --probe: used as is, and not moved when another Deployment ships. */
	probe?: ProbeConfig;
	/** The following prober's rate and per-request timeout (default: the prober's defaults). */
	probeRate?: number;
	probeTimeoutMs?: number;
	kubeconfigPath?: string;
};

export type DemoSession = {
	loaded: LoadedKubeConfig;
	session: Session;
	probe: SwitchableProbe;
	props: Omit<MonitorProps, 'onExit'>;
	close(): Promise<void>;
};

export async function openDemoSession(options: DemoSessionOptions): Promise<DemoSession> {
	const {cluster, scenario} = options;
	const loaded = demoKubeConfig(cluster.url, cluster.token, cluster.namespace, cluster.server.ca);
	const names = options.names ?? SCENARIOS[scenario].deployments;
	const probe = createSwitchableProbe();
	const rate = options.probeRate ?? PROBE_DEFAULTS.rate;
	const timeoutMs = options.probeTimeoutMs ?? PROBE_DEFAULTS.timeoutMs;
	let following: string | undefined;
	// The session's store, once it is open: whether the followed Service can answer yet.
	const opened: {store?: ExternalStore<ClusterSnapshot>} = {};
	let stopWaiting = () => {};
	const proberFor = (service: string) => buildProber({target: {kind: 'service', service, path: '/'}, rate, timeoutMs, versionFrom: {}}, loaded);
	const follow = async (name: string) => {
		if (options.probe) return;
		const service = await serviceFor(loaded, name);
		following = service;
		stopWaiting();
		if (!service) return;
		probe.switchTo(proberFor(service));
		// Before the Service has a ready endpoint every request fails (no pod to send it to): that is the
		// Deployment starting, not a rollout dropping requests. The totals start again when it first can answer.
		const {store} = opened;
		if (store === undefined) return;
		const answers = () => serviceHasReadyEndpoint(store.getSnapshot().endpointSlices.values(), loaded.namespace, service);
		if (answers()) return;
		const unsubscribe = store.subscribe(() => {
			if (!answers()) return;
			stopWaiting();
			if (following === service) probe.switchTo(proberFor(service));
		});
		stopWaiting = () => {
			unsubscribe();
			stopWaiting = () => {};
		};
	};
	// Opening another Deployment (zero-downtime has two, each with its Service) points the prober at it.
	const onView = (name: string | undefined) => {
		if (!name || options.probe) return;
		void serviceFor(loaded, name).then(service => {
			if (service && service !== following) return follow(name);
		}).catch(() => undefined);
	};
	const session = await openSession({
		loaded,
		names,
		readOnly: options.readOnly,
		extraActions: base => demoActions(loaded, base.setImage, follow),
	});
	opened.store = session.props.store;
	if (options.probe) probe.switchTo(buildProber(options.probe, loaded));
	else if (names[0]) await follow(names[0]);
	return {
		loaded,
		session,
		probe,
		props: {
			...session.props,
			...(probe.current() ? {probe} : {}),
			demo: {kubeconfigPath: options.kubeconfigPath, scenarioTitle: SCENARIOS[scenario].title},
			onView,
			// Ages on the demo's own clock: at --speed 5 a pod that lived 10 simulated seconds is 10s old…
			now: () => cluster.clock.now(),
			// …but the watch's contact and retry times are wall time.
			connectionNow: Date.now,
		},
		async close() {
			stopWaiting();
			probe.stop();
			await session.close();
		},
	};
}

type SetImage = (name: string, images: Readonly<Record<string, string>>, options?: {changeCause?: string}) => Promise<ActionResult>;

/** `n` and `b`: set the first container's image to the next (or a broken) version, with a change-cause. */
function demoActions(loaded: LoadedKubeConfig, setImage: SetImage, follow: (name: string) => Promise<void>): Partial<MonitorActions> {
	const ship = (bump: (image: string) => string) => async (name: string): Promise<ActionResult> => {
		const deployment = await kubeJson<Deployment>(loaded.kc, {path: `${collectionPath('deployments', loaded.namespace)}/${name}`}).catch(() => undefined);
		const container = deployment?.spec.template.spec.containers[0];
		if (!container?.image) return {ok: false, message: `deployment "${name}" has no container image to bump`};
		const image = bump(container.image);
		const result = await setImage(name, {[container.name]: image}, {changeCause: `rollwatch demo: kubectl set image deployment/${name} ${container.name}=${image}`});
		if (!result.ok) return result;
		await follow(name).catch(() => undefined);
		return {ok: true, message: `${result.message} to ${image}`};
	};
	return {shipNext: ship(nextImage), shipBroken: ship(brokenImage)};
}

/** The Service that selects a Deployment's pods, if any (the prober's target in demo mode). */
async function serviceFor(loaded: LoadedKubeConfig, name: string): Promise<string | undefined> {
	const deployment = await kubeJson<Deployment>(loaded.kc, {path: `${collectionPath('deployments', loaded.namespace)}/${name}`}).catch(() => undefined);
	const labels = deployment?.spec.template.metadata?.labels ?? {};
	const services = await kubeJson<{items: Service[]}>(loaded.kc, {path: collectionPath('services', loaded.namespace)}).catch(() => ({items: []}));
	return services.items.find(service => serviceSelects(service.spec.selector, labels))?.metadata.name;
}
