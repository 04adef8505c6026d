import {describe, expect, test} from 'vitest';
import type {Deployment, ReplicaSet} from '../../source/k8s/types.js';
import {equalIgnoreHash, historyText, revisionHistory, undoPatch, undoTarget} from '../../source/rollout/index.js';
import {loadPairs, loadStream, scenarios, stateAt} from './recordings.js';

const deploymentName = (command: string) => /deployment\/([\w-]+)/.exec(command)![1]!;

function situation(scenario: (typeof scenarios)[number], streamEnd: number, name: string) {
	const state = stateAt(scenario, streamEnd);
	const deployment = state.deployments.find(object => object.metadata.name === name)!;
	return {...state, deployment};
}

const historyCommands = scenarios.flatMap(scenario => loadPairs(scenario).commands
	.filter(command => /^kubectl rollout history deployment\/[\w-]+$/.test(command.command))
	.map(command => ({scenario, ...command})));

describe('historyText prints exactly what `kubectl rollout history` printed', () => {
	test('there are enough transcripts to compare', () => {
		expect(historyCommands.length).toBeGreaterThanOrEqual(12);
	});

	test.each(historyCommands.map(command => [`${command.scenario} +${command.startT}ms ${command.command}`, command] as const))('%s', (_name, command) => {
		const {deployment, replicaSets, pods} = situation(command.scenario, command.streamEnd, deploymentName(command.command));
		expect(historyText(deployment.metadata.name!, revisionHistory(deployment, replicaSets, pods))).toBe(`${command.stdout.join('\n')}\n`);
	});

	test('with no ReplicaSets it says so under the header', () => {
		expect(historyText('web', [])).toBe('deployment.apps/web \nNo rollout history found.\n');
	});

	test('columns widen to the longest revision, change-cause is not padded', () => {
		const row = {name: 'x', images: [], readyPods: 0, pods: 0, desired: 0, current: false};
		expect(historyText('web', [{...row, revision: 1234567890, changeCause: 'deploy it'}, {...row, revision: 2}])).toBe([
			'deployment.apps/web ', 'REVISION    CHANGE-CAUSE', '2           <none>', '1234567890  deploy it', '', '',
		].join('\n'));
	});
});

describe('revisionHistory rows', () => {
	test('history scenario after the last undo: revisions 5, 4, 3 newest first, 5 current with its pods', () => {
		const command = loadPairs('history').commands.at(-1)!;
		const {deployment, replicaSets, pods} = situation('history', command.streamEnd, 'shop');
		const rows = revisionHistory(deployment, replicaSets, pods);
		expect(rows.map(row => [row.revision, row.images, row.current, row.desired, row.pods, row.readyPods])).toEqual([
			[5, ['shop:1.0.0'], true, 2, 2, 2],
			[4, ['shop:1.1.0'], false, 0, 0, 0],
			[3, ['shop:1.2.0'], false, 0, 0, 0],
		]);
	});

	test('change-cause comes from the ReplicaSet annotation', () => {
		const command = loadPairs('rolling').commands.find(entry => entry.command === 'kubectl rollout history deployment/app-rolling' && entry.stdout.length === 5)!;
		const {deployment, replicaSets, pods} = situation('rolling', command.streamEnd, 'app-rolling');
		const rows = revisionHistory(deployment, replicaSets, pods);
		expect(rows[0]!.changeCause).toMatch(/^kubectl set image deployment\/app-rolling/);
	});

	test('ReplicaSets the Deployment does not control are left out', () => {
		const {deployment, replicaSets, pods} = situation('history', loadStream('history').length - 1, 'shop');
		const stranger: ReplicaSet = {...replicaSets[0]!, metadata: {...replicaSets[0]!.metadata, uid: 'other', ownerReferences: []}};
		expect(revisionHistory(deployment, [...replicaSets, stranger], pods)).toHaveLength(replicaSets.length);
	});
});

const undoCommands = scenarios.flatMap(scenario => loadPairs(scenario).commands
	.filter(command => command.command.startsWith('kubectl rollout undo'))
	.map(command => ({scenario, ...command})));

/** The Deployment as the API server stored it right after kubectl's PATCH (the next generation). */
function afterPatch(scenario: (typeof scenarios)[number], before: Deployment, from: number): Deployment | undefined {
	return loadStream(scenario).slice(from + 1)
		.map(entry => entry.object as Deployment)
		.find(object => object.kind === 'Deployment' && object.metadata.uid === before.metadata.uid && object.metadata.generation! > before.metadata.generation!);
}

describe('undoTarget and undoPatch do what `kubectl rollout undo` did', () => {
	test('the recordings cover default, --to-revision and failing undos', () => {
		expect(undoCommands.length).toBeGreaterThanOrEqual(5);
		expect(undoCommands.some(command => command.exitCode !== 0)).toBe(true);
	});

	test.each(undoCommands.map(command => [`${command.scenario} +${command.startT}ms ${command.command}`, command] as const))('%s', (_name, command) => {
		const {deployment, replicaSets} = situation(command.scenario, command.streamEnd, deploymentName(command.command));
		const toRevision = Number(/--to-revision=(\d+)/.exec(command.command)?.[1] ?? 0);
		const target = undoTarget(deployment, replicaSets, toRevision);
		if (command.exitCode !== 0) {
			expect(target.ok).toBe(false);
			expect(command.stderr).toEqual([`error: ${target.ok ? '' : target.error}`]);
			return;
		}

		expect(target.ok && target.message).toBe(command.stdout.join('\n'));
		if (!target.ok || target.skipped) {
			return;
		}

		// Apply our patch and compare with what the server stored after kubectl's patch.
		const [template, annotations] = undoPatch(deployment, target.rs);
		const stored = afterPatch(command.scenario, deployment, command.streamEnd)!;
		expect(equalIgnoreHash(template!.value as Deployment['spec']['template'], stored.spec.template)).toBe(true);
		expect((template!.value as Deployment['spec']['template']).metadata?.labels).not.toHaveProperty('pod-template-hash');
		expect(annotations!.value).toEqual(stored.metadata.annotations);
	});
});
