// `rollwatch demo`: the embedded demo cluster and the monitor in one process (or, with --serve, only
// the cluster). The monitor talks to the cluster over loopback HTTPS like to any other cluster.
import process from 'node:process';
import {EXIT_CODES, UserError} from '../cluster/errors.js';
import {isScenarioName, SCENARIOS} from '../demo/scenarios.js';
import type {ScenarioName} from '../demo/scenarios.js';
import {parseNumberFlag} from './flags.js';
import type {MonitorFlags} from './monitor.js';
import {checkedProbe, requireTerminal} from './monitor.js';
import type {ProbeConfig} from './session.js';
import {openDemoSession} from './demo-session.js';

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
	// --chaos (hidden): a fault every couple of seconds, to show how the monitor rides out outages.
	const chaos = run.chaos ? (await import('../demo/chaos.js')).startChaos({server: cluster.server, rate: 0.5}) : undefined;
	try {
		const kubeconfigPath = run.kubeconfigOut ? await cluster.writeKubeconfig(run.kubeconfigOut) : undefined;
		const demo = await openDemoSession({cluster, scenario: run.scenario, readOnly: run.readOnly, probe: run.probe, kubeconfigPath});
		try {
			const {runMonitor} = await import('../ui/run.js');
			return await runMonitor(demo.props, {noColor: run.noColor, firstFrameAfter: demo.session.listed});
		} finally {
			await demo.close();
		}
	} finally {
		await chaos?.stop();
		cluster.server.clearFaults();
		await cluster.stop();
	}
}

/** `--scenario`: one of the demo cluster's own scenarios (the list lives in source/demo/scenarios.ts). */
function parseScenario(value: string | undefined): ScenarioName | undefined {
	if (value === undefined) return undefined;
	if (!isScenarioName(value)) {
		const names = Object.keys(SCENARIOS).filter(name => name !== 'empty');
		throw usage(`unknown scenario "${value}"; choose one of ${names.join(', ')}.`);
	}
	return value;
}
