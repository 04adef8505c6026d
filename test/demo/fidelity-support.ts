// Replays a recording's kubectl steps (test/fixtures/recordings/controllers-fidelity.json, extracted from
// /work/shared/recordings) against a demo cluster with real kubectl, and collects what the recording
// summarises: ReplicaSet sizes per revision, Deployment condition changes, rollout status output.
import {readFileSync} from 'node:fs';
import {fileURLToPath} from 'node:url';
import type {Deployment, ReplicaSet} from '../../source/k8s/types.js';
import type {StoreEvent} from '../../source/demo/objects.js';
import {expect, it} from 'vitest';
import {type Kubectl, type KubectlResult, collapse, startKubectl} from './kubectl-support.js';

export type Step = {argv: string[]; mode: 'foreground' | 'background'; stdin: string | null; exit_code: number; stdout: string[]; stderr: string[]};
export type Recording = {replicaSets: Record<string, string[]>; conditions: Record<string, Record<string, string[]>>; steps: Step[]};

const fixture = fileURLToPath(new URL('../fixtures/recordings/controllers-fidelity.json', import.meta.url));
export const RECORDINGS = JSON.parse(readFileSync(fixture, 'utf8')) as Record<string, Recording>;

export type Replay = {replicaSets: Record<string, string[]>; conditions: Record<string, Record<string, string[]>>; results: Array<{step: Step; result: KubectlResult}>};

/**
 * The recording's driver let a background `rollout status` finish before its next step (the transcripts'
 * times show it), except for an `annotate` sent right after `set image` and while the Deployment was paused
 * (the status cannot finish then). Replaying the same order keeps reads like `rollout history --revision=2`
 * from racing a Recreate that has not created its new ReplicaSet yet.
 */
const RUNS_DURING_BACKGROUND = /^annotate /;

export async function replay(recording: Recording, speed: number): Promise<Replay> {
	const k: Kubectl = await startKubectl({scenario: 'empty', speed});
	const replicaSets: Record<string, string[]> = {};
	const conditions: Record<string, Record<string, string[]>> = {};
	const order = new Map<string, Map<string, number>>();
	const sizes = new Map<string, Map<string, [number, string, number]>>();
	const unsubscribe = k.cluster.store.subscribe(event => collect(event));
	function collect(event: StoreEvent) {
		if (event.resource === 'replicasets') {
			const rs = event.object as ReplicaSet;
			const owner = rs.metadata.ownerReferences?.[0]?.name;
			if (!owner) return;
			const seen = order.get(owner) ?? new Map<string, number>();
			order.set(owner, seen);
			if (!seen.has(rs.metadata.uid!)) seen.set(rs.metadata.uid!, seen.size + 1);
			const current = sizes.get(owner) ?? new Map();
			sizes.set(owner, current);
			if (event.type === 'DELETED') current.delete(rs.metadata.uid!);
			else current.set(rs.metadata.uid!, [seen.get(rs.metadata.uid!)!, rs.spec.template.spec.containers[0]!.image!.split('/').pop()!, rs.spec.replicas ?? 0]);
			const state = [...current.values()].sort((a, b) => a[0] - b[0]).map(([n, image, replicas]) => `rs${n}[${image}]=${replicas}`).join(' ');
			const list = (replicaSets[owner] ??= []);
			if (list.at(-1) !== state) list.push(state);
		} else if (event.resource === 'deployments' && event.type !== 'DELETED') {
			const d = event.object as Deployment;
			const byType = (conditions[d.metadata.name!] ??= {});
			for (const condition of d.status?.conditions ?? []) {
				const list = (byType[condition.type] ??= []);
				const value = `${condition.status} ${condition.reason}`;
				if (list.at(-1) !== value) list.push(value);
			}
		}
	}
	const results: Replay['results'] = [];
	const background: Array<Promise<unknown>> = [];
	try {
		for (const step of recording.steps) {
			const paused = k.cluster.store.list<Deployment>('deployments').some(d => d.spec.paused);
			if (!RUNS_DURING_BACKGROUND.test(step.argv.join(' ')) && !paused) await Promise.all(background.splice(0));
			if (step.mode === 'background') {
				const running = k.background(step.argv);
				background.push(running.done.then(result => results.push({step, result})));
			} else {
				results.push({step, result: await k.run(step.argv, {stdin: step.stdin ?? undefined, timeoutMs: 90_000})});
			}
		}
		await Promise.all(background);
		await k.cluster.settled();
	} finally {
		unsubscribe();
		await k.close();
	}
	return {replicaSets, conditions, results};
}

/** True when `lines` appear in `recorded` in the same order (the demo may miss lines a slower kubectl start skipped). */
export function isSubsequence(lines: string[], recorded: string[]): boolean {
	let i = 0;
	for (const line of recorded) if (i < lines.length && lines[i] === line) i++;
	return i === lines.length;
}

export {collapse};

const SPEED = 8;

/** One test per recording: same kubectl steps, same ReplicaSet sizes, conditions, rollout status output and exit codes. */
export function checkScenario(name: string) {
	it(`${name}: ReplicaSet sizes, conditions and rollout status match the recording`, async () => {
		const recording = RECORDINGS[name]!;
		const demo = await replay(recording, SPEED);
		expect(demo.replicaSets).toEqual(recording.replicaSets);
		// Condition changes: the same reasons in the same order; a real control plane sometimes writes an
		// intermediate status the demo's faster controllers skip (both are valid interleavings).
		for (const [deployment, byType] of Object.entries(recording.conditions)) {
			for (const [type, values] of Object.entries(byType)) {
				const seen = demo.conditions[deployment]?.[type] ?? [];
				expect(isSubsequence(seen, values), `${deployment} ${type}: ${seen.join(' → ')}\n--- recorded ---\n${values.join(' → ')}`).toBe(true);
				expect(seen.at(-1)).toBe(values.at(-1));
			}
		}
		for (const {step, result} of demo.results) {
			const command = `kubectl ${step.argv.join(' ')}`;
			expect({command, code: result.code}).toEqual({command, code: step.exit_code});
			const stdout = collapse(result.stdout.split('\n').filter(Boolean));
			if (step.argv[0] === 'rollout' && step.argv[1] === 'status') {
				// Where "spec update to be observed" falls depends on when the driver's next kubectl command
				// (annotate, resume) lands, not on the controllers: compare the rest in order.
				const progress = (output: string[]) => collapse(output.filter(line => line !== 'Waiting for deployment spec update to be observed...'));
				expect(isSubsequence(progress(stdout), progress(step.stdout)), `${command}\n${stdout.join('\n')}\n--- recorded ---\n${step.stdout.join('\n')}`).toBe(true);
				expect(stdout.at(-1)).toBe(step.stdout.at(-1));
			} else if (!/^(apply|rollout (history|undo)|annotate|set|scale)/.test(step.argv.join(' ')) || step.exit_code !== 0 || step.argv[1] === 'undo') {
				expect({command, stdout}).toEqual({command, stdout: step.stdout});
			}
			expect(result.stderr.split('\n').filter(Boolean)).toEqual(step.stderr);
		}
	}, 120_000);
}

