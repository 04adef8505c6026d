// `rollwatch status deploy/NAME`: for scripts and CI. Waits for the rollout like `kubectl rollout status`
// (same lines, same exit codes: 0 rolled out, 1 failed or timed out), or with `--output json` one JSON
// object per change. No terminal needed.
import process from 'node:process';
import type {Deployment} from '../k8s/types.js';
import {EXIT_CODES, UserError} from '../cluster/errors.js';
import {loadKubeConfig} from '../cluster/kubeconfig.js';
import {watchResource} from '../cluster/watch.js';
import {rolloutStatus} from '../rollout/status-message.js';
import type {MonitorFlags} from './monitor.js';
import {refuseDemoFlags} from './monitor.js';
import {preflight} from './session.js';
import {parseTargets} from './targets.js';

const usage = (message: string) => new UserError(message, EXIT_CODES.usage);
const UNITS: Record<string, number> = {ms: 1, s: 1000, m: 60_000, h: 3_600_000};

/** Go-style durations as kubectl takes them (`90s`, `5m`, `1h30m`); a bare number is seconds; 0 = forever. */
export function parseDuration(text: string): number {
	if (/^\d+(\.\d+)?$/.test(text)) return Number(text) * 1000;
	const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
	if (parts.length === 0 || parts.map(part => part[0]).join('') !== text) {
		throw usage(`--timeout must be a duration such as 90s, 5m or 1h30m, not "${text}".`);
	}
	return parts.reduce((total, [, value, unit]) => total + Number(value) * UNITS[unit!]!, 0);
}

export type StatusFlags = MonitorFlags & {timeout?: string; output?: string};

export async function runStatusCommand(input: readonly string[], flags: StatusFlags): Promise<number> {
	refuseDemoFlags(flags);
	if (flags.probe !== undefined || flags.readOnly) throw usage('rollwatch status takes no --probe or --read-only.');
	const targets = parseTargets(input);
	if (!targets.ok) throw usage(targets.message);
	if (targets.names.length !== 1) throw usage('rollwatch status needs exactly one Deployment, e.g. rollwatch status deploy/web.');
	if (flags.output !== undefined && flags.output !== 'json') throw usage(`--output must be json, not "${flags.output}".`);
	const timeoutMs = flags.timeout === undefined ? 0 : parseDuration(flags.timeout);
	const [name] = targets.names as [string];
	const loaded = loadKubeConfig({kubeconfig: flags.kubeconfig, context: flags.context, namespace: flags.namespace, env: process.env});
	await preflight(loaded, [name], undefined);

	const json = flags.output === 'json';
	return new Promise<number>(resolve => {
		let last: string | undefined;
		const finish = (code: number) => {
			clearTimeout(timer);
			watch.stop();
			resolve(code);
		};
		const report = (deployment: Deployment) => {
			const status = rolloutStatus(deployment);
			if (json) {
				process.stdout.write(`${JSON.stringify({deployment: name, namespace: loaded.namespace, done: status.done, message: status.message, ...(status.error ? {error: status.error} : {}), generation: deployment.metadata.generation, observedGeneration: deployment.status?.observedGeneration, replicas: deployment.spec.replicas, updatedReplicas: deployment.status?.updatedReplicas ?? 0, availableReplicas: deployment.status?.availableReplicas ?? 0})}\n`);
			} else if (status.error) {
				process.stderr.write(`error: ${status.message}\n`);
			} else if (status.message !== last) {
				// kubectl repeats a line for every event; one line per change reads better in CI logs.
				process.stdout.write(`${status.message}\n`);
			}
			last = status.message;
			if (status.error) finish(EXIT_CODES.rolloutFailed);
			else if (status.done) finish(EXIT_CODES.ok);
		};
		const watch = watchResource({
			kc: loaded.kc,
			resource: 'deployments',
			namespace: loaded.namespace,
			fieldSelector: `metadata.name=${name}`,
			onEvent: event => {
				if (event.type === 'SYNCED') {
					const deployment = event.objects[0] as Deployment | undefined;
					if (deployment) report(deployment);
				} else if (event.type === 'ADDED' || event.type === 'MODIFIED') {
					report(event.object as Deployment);
				} else if (event.type === 'DELETED') {
					process.stderr.write('error: object has been deleted\n');
					finish(EXIT_CODES.rolloutFailed);
				}
			},
		});
		const timer = timeoutMs > 0
			? setTimeout(() => {
				process.stderr.write('error: timed out waiting for the condition\n');
				finish(EXIT_CODES.rolloutFailed);
			}, timeoutMs)
			: undefined;
	});
}
