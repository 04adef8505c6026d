// `rollwatch demo`: the embedded demo cluster and the monitor in one process (or, with --serve, only
// the cluster). The monitor talks to the cluster over loopback HTTPS like to any other cluster.
import process from 'node:process';
import {EXIT_CODES, UserError} from '../cluster/errors.js';
import {kubeJson} from '../cluster/http.js';
import {demoKubeConfig} from '../cluster/kubeconfig.js';
import type {LoadedKubeConfig} from '../cluster/kubeconfig.js';
import {collectionPath} from '../cluster/resources.js';
import {brokenImage, nextImage, SCENARIOS} from '../demo/scenarios.js';
import type {ScenarioName} from '../demo/scenarios.js';
import type {Deployment, Service} from '../k8s/types.js';
import {matchesSelector} from '../rollout/ownership.js';
import {PROBE_DEFAULTS} from '../probe/prober.js';
import type {ActionResult, MonitorActions} from '../ui/types.js';
import {parseNumberFlag, parseScenario} from './flags.js';
import type {MonitorFlags} from './monitor.js';
import {checkedProbe, requireTerminal} from './monitor.js';
import {buildProber, openSession} from './session.js';
import type {ProbeConfig} from './session.js';
import {createSwitchableProbe} from './switchable-probe.js';

const usage = (message: string) => new UserError(message, EXIT_CODES.usage);

export async function runDemo(input: readonly string[], flags: MonitorFlags, {noColor}: {noColor: boolean}): Promise<number> {
	if (input.length > 0) throw usage(`rollwatch demo takes no targets (got "${input[0]}"); pick a scenario with --scenario.`);
	for (const [name, value] of [['namespace', flags.namespace], ['context', flags.context], ['kubeconfig', flags.kubeconfig], ['selector', flags.selector], ['timeout', flags.timeout], ['output', flags.output]] as const) {
		if (value !== undefined) throw usage(`--${name} does not apply to rollwatch demo, which runs its own cluster.`);
	}
	const scenarioFlag = parseScenario(flags.scenario);
	const speed = parseNumberFlag('speed', flags.speed, {min: 0.1, max: 1000}) ?? 1;
	const port = parseNumberFlag('port', flags.port, {min: 0, max: 65_535, integer: true});
	if (port !== undefined && !flags.serve) throw usage('--port only works with rollwatch demo --serve.');
	const probeFlags = checkedProbe(flags);
	if (flags.serve) {
		const {serve} = await import('../demo/serve.js');
		return serve({port: port ?? 0, kubeconfigOut: flags.kubeconfigOut, scenario: scenarioFlag ?? 'rolling', speed}, process.stdout);
	}
	requireTerminal();
	const scenario = scenarioFlag ?? (await pickScenario(noColor));
	if (!scenario) return EXIT_CODES.ok;
	return runDemoMonitor({scenario, speed, kubeconfigOut: flags.kubeconfigOut, readOnly: flags.readOnly, probe: probeFlags, noColor, chaos: flags.chaos});
}

async function pickScenario(noColor: boolean): Promise<ScenarioName | undefined> {
	const {runScenarioPicker} = await import('../ui/scenario-picker.js');
	return runScenarioPicker({noColor});
}

type DemoRun = {scenario: ScenarioName; speed: number; kubeconfigOut?: string; readOnly: boolean; probe?: ProbeConfig; noColor: boolean; chaos: boolean};

async function runDemoMonitor(run: DemoRun): Promise<number> {
	const {startDemoCluster} = await import('../demo/cluster.js');
	const cluster = await startDemoCluster({scenario: run.scenario, speed: run.speed});
	const kubeconfigPath = run.kubeconfigOut ? await cluster.writeKubeconfig(run.kubeconfigOut) : undefined;
	// --chaos (hidden): a fault every couple of seconds, to show how the monitor rides out outages.
	const chaos = run.chaos ? (await import('../demo/chaos.js')).startChaos({server: cluster.server, rate: 0.5}) : undefined;
	const loaded = demoKubeConfig(cluster.url, cluster.token, cluster.namespace, cluster.server.ca);
	const names = SCENARIOS[run.scenario].deployments;
	const probe = createSwitchableProbe();
	let following: string | undefined;
	const follow = async (name: string) => {
		if (run.probe) return;
		const service = await serviceFor(loaded, name);
		following = service;
		if (service) probe.switchTo(buildProber({target: {kind: 'service', service, path: '/'}, rate: PROBE_DEFAULTS.rate, timeoutMs: PROBE_DEFAULTS.timeoutMs, versionFrom: {}}, loaded));
	};
	// Opening another Deployment (zero-downtime and canary have two) points the prober at its Service.
	const onView = (name: string | undefined) => {
		if (!name) return;
		void serviceFor(loaded, name).then(service => {
			if (service && service !== following) return follow(name);
		}).catch(() => undefined);
	};
	const session = await openSession({
		loaded,
		names,
		readOnly: run.readOnly,
		extraActions: base => demoActions(loaded, base.setImage, follow),
	});
	if (run.probe) probe.switchTo(buildProber(run.probe, loaded));
	else if (names[0]) await follow(names[0]);
	try {
		const {runMonitor} = await import('../ui/run.js');
		return await runMonitor(
			{
				...session.props,
				...(probe.current() ? {probe} : {}),
				demo: {kubeconfigPath, scenarioTitle: SCENARIOS[run.scenario].title},
				onView,
				// Ages on the demo's own clock: at --speed 5 a pod that lived 10 simulated seconds is 10s old.
				now: () => cluster.clock.now(),
				// …but the watch's contact and retry times are wall time.
				connectionNow: Date.now,
			},
			{noColor: run.noColor},
		);
	} finally {
		probe.stop();
		await chaos?.stop();
		cluster.server.clearFaults();
		await session.close();
		await cluster.stop();
	}
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
		if (result.ok) {
			await follow(name).catch(() => undefined);
			return {ok: true, message: `${result.message} to ${image}`};
		}
		return result;
	};
	return {shipNext: ship(nextImage), shipBroken: ship(brokenImage)};
}

/** The Service that selects a Deployment's pods, if any (the prober's target in demo mode). */
async function serviceFor(loaded: LoadedKubeConfig, name: string): Promise<string | undefined> {
	const path = collectionPath('deployments', loaded.namespace);
	const deployment = await kubeJson<Deployment>(loaded.kc, {path: `${path}/${name}`}).catch(() => undefined);
	const labels = deployment?.spec.template.metadata?.labels ?? {};
	const services = await kubeJson<{items: Service[]}>(loaded.kc, {path: collectionPath('services', loaded.namespace)}).catch(() => ({items: []}));
	return services.items.find(service => service.spec.selector && Object.keys(service.spec.selector).length > 0 && matchesSelector(labels, service.spec.selector))?.metadata.name;
}
