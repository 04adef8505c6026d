// `rollwatch [TARGET...]`: monitor Deployments on the cluster the kubeconfig reaches.
import process from 'node:process';
import {EXIT_CODES, UserError} from '../cluster/errors.js';
import {loadKubeConfig} from '../cluster/kubeconfig.js';
import {probeConfigFromFlags} from '../probe/options.js';
import {openSession} from './session.js';
import {parseTargets} from './targets.js';

export type MonitorFlags = {
	namespace?: string;
	context?: string;
	kubeconfig?: string;
	selector?: string;
	readOnly: boolean;
	probe?: string;
	probeRate?: string;
	probeTimeout?: string;
	probeVersionRegex?: string;
	probeVersionHeader?: string;
	scenario?: string;
	speed?: string;
	kubeconfigOut?: string;
	serve: boolean;
	port?: string;
	chaos: boolean;
	timeout?: string;
	output?: string;
};

const usage = (message: string) => new UserError(message, EXIT_CODES.usage);

/** Flags that only mean something in demo mode are refused elsewhere, rather than silently ignored. */
export function refuseDemoFlags(flags: MonitorFlags): void {
	for (const [name, set] of [['scenario', flags.scenario], ['speed', flags.speed], ['kubeconfig-out', flags.kubeconfigOut], ['serve', flags.serve || undefined], ['port', flags.port], ['chaos', flags.chaos || undefined]] as const) {
		if (set !== undefined) throw usage(`--${name} only works with rollwatch demo.`);
	}
}

export function checkedProbe(flags: MonitorFlags) {
	if (flags.probe === undefined) {
		const [orphan] = [['probe-rate', flags.probeRate], ['probe-timeout', flags.probeTimeout], ['probe-version-regex', flags.probeVersionRegex], ['probe-version-header', flags.probeVersionHeader]].filter(([, value]) => value !== undefined);
		if (orphan) throw usage(`--${orphan[0]} only works with --probe TARGET.`);
	}
	const probe = probeConfigFromFlags(flags);
	if (!probe.ok) throw usage(probe.message);
	return probe.config;
}

export function requireTerminal(): void {
	if (!process.stdin.isTTY || !process.stdout.isTTY) {
		throw usage('rollwatch is interactive and needs a terminal (stdin and stdout must be a TTY).');
	}
}

export async function runMonitorCommand(input: readonly string[], flags: MonitorFlags, {noColor}: {noColor: boolean}): Promise<number> {
	refuseDemoFlags(flags);
	if (flags.timeout !== undefined || flags.output !== undefined) throw usage('--timeout and --output only work with rollwatch status.');
	const targets = parseTargets(input);
	if (!targets.ok) throw usage(targets.message);
	if (targets.names.length > 0 && flags.selector) throw usage('give Deployment names or -l SELECTOR, not both.');
	const probe = checkedProbe(flags);
	const loaded = loadKubeConfig({kubeconfig: flags.kubeconfig, context: flags.context, namespace: flags.namespace, env: process.env});
	// Preflight first, so a missing Deployment or an unreachable cluster is reported even without a terminal.
	const opening = openSession({loaded, names: targets.names, selector: flags.selector, readOnly: flags.readOnly, probe});
	// The UI's modules (React, Ink, yoga's wasm) initialise while the preflight and the first lists are on
	// the wire, not before they are sent: a macrotask later, once the requests are waiting for the server.
	const ui = new Promise(resolve => setImmediate(resolve)).then(() => import('../ui/run.js'));
	const session = await opening;
	try {
		requireTerminal();
		const {runMonitor} = await ui;
		return await runMonitor(session.props, {noColor, firstFrameAfter: session.listed});
	} finally {
		await session.close();
	}
}
