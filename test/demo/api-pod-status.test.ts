import {readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {humanDuration, podStatusSummary, podStatusText} from '../../source/rollout/pod-status.js';
import {parseFieldSelector, parseLabelSelector} from '../../source/demo/api/selectors.js';
import {labelSelectorString} from '../../source/rollout/ownership.js';
import type {Pod} from '../../source/k8s/types.js';

// Pods recorded from a real v1.20 control plane (broken/missing scenarios), keyed by their container state.
const pods = JSON.parse(readFileSync(new URL('../fixtures/demo-api/pods.json', import.meta.url), 'utf8')) as Record<string, Pod>;

describe('podStatusText', () => {
	it.each([
		['Pending-unscheduled', 'Pending', '0/1'],
		['Pending-scheduled', 'Pending', '0/1'],
		['ContainerCreating', 'ContainerCreating', '0/1'],
		['Running', 'Running', '1/1'],
		['Error', 'Error', '0/1'],
		['CrashLoopBackOff', 'CrashLoopBackOff', '0/1'],
		['Terminating', 'Terminating', '0/1'],
		['ErrImagePull', 'ErrImagePull', '0/1'],
		['ImagePullBackOff', 'ImagePullBackOff', '0/1'],
	])('recorded pod %s shows STATUS %s, READY %s', (key, status, ready) => {
		const pod = pods[key]!;
		expect(podStatusText(pod)).toBe(status);
		const summary = podStatusSummary(pod);
		expect(`${summary.ready}/${summary.total}`).toBe(ready);
	});

	it('counts restarts across containers', () => {
		expect(podStatusSummary(pods.Terminating!).restarts).toBe(6);
	});

	it('shows init progress, init failures and Completed', () => {
		const base = structuredClone(pods['Pending-scheduled']!);
		base.spec.initContainers = [{name: 'migrate', image: 'm:1'}, {name: 'warm', image: 'w:1'}];
		base.status = {phase: 'Pending', initContainerStatuses: [
			{name: 'migrate', image: 'm:1', imageID: '', ready: false, restartCount: 0, state: {terminated: {exitCode: 0, reason: 'Completed'}}},
			{name: 'warm', image: 'w:1', imageID: '', ready: false, restartCount: 0, state: {running: {}}},
		]};
		expect(podStatusText(base)).toBe('Init:1/2');
		base.status.initContainerStatuses![1]!.state = {terminated: {exitCode: 2}};
		expect(podStatusText(base)).toBe('Init:ExitCode:2');
		base.status.initContainerStatuses![1]!.state = {waiting: {reason: 'CrashLoopBackOff'}};
		expect(podStatusText(base)).toBe('Init:CrashLoopBackOff');
		const done = structuredClone(pods.Running!);
		done.status!.phase = 'Succeeded';
		done.status!.containerStatuses![0]!.state = {terminated: {exitCode: 0, reason: 'Completed'}};
		done.status!.containerStatuses![0]!.ready = false;
		done.metadata.deletionTimestamp = '2026-11-21T23:30:00Z';
		expect(podStatusText(done)).toBe('Completed');
	});
});

describe('humanDuration (the AGE column)', () => {
	it.each([
		[0, '0s'],
		[59_000, '59s'],
		[119_000, '119s'],
		[120_000, '2m'],
		[150_000, '2m30s'],
		[10 * 60_000 + 5000, '10m'],
		[3 * 3600_000 + 5 * 60_000, '3h5m'],
		[9 * 3600_000, '9h'],
		[50 * 3600_000, '2d2h'],
		[9 * 24 * 3600_000, '9d'],
		[-500, '0s'],
		[-5000, '<invalid>'],
	])('%i ms → %s', (ms, text) => expect(humanDuration(ms)).toBe(text));
});

describe('selectors', () => {
	it('matches equality, set-based and existence label requirements', () => {
		const labels = {app: 'web', tier: 'front', version: 'v2'};
		expect(parseLabelSelector('app=web,tier!=back')(labels)).toBe(true);
		expect(parseLabelSelector('app==web,version in (v1, v2)')(labels)).toBe(true);
		expect(parseLabelSelector('version notin (v2)')(labels)).toBe(false);
		expect(parseLabelSelector('app,!canary')(labels)).toBe(true);
		expect(parseLabelSelector('!app')(labels)).toBe(false);
		expect(parseLabelSelector('')(undefined)).toBe(true);
	});

	it('renders a LabelSelector as kubectl shows it, sorted by key', () => {
		expect(labelSelectorString({matchLabels: {'pod-template-hash': 'abc', name: 'web'}, matchExpressions: [{key: 'env', operator: 'In', values: ['b', 'a']}, {key: 'z', operator: 'DoesNotExist'}]})).toBe('env in (a,b),name=web,pod-template-hash=abc,!z');
	});

	it('supports per-resource field selectors and rejects unknown fields with 400', () => {
		const pod = pods.Running!;
		expect(parseFieldSelector(`metadata.name=${pod.metadata.name},status.phase=Running`, 'pods')(pod)).toBe(true);
		expect(parseFieldSelector('spec.nodeName!=fake-node-1', 'pods')(pod)).toBe(false);
		expect(() => parseFieldSelector('spec.replicas=1', 'deployments')).toThrowError('field label not supported: spec.replicas');
	});
});
