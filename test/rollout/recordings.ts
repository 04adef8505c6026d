// Loads the fixtures extracted from real-cluster recordings (test/fixtures/rollout, see extract.mjs)
// and replays a stream up to any point, giving the objects a watcher would hold at that moment.
import {readFileSync} from 'node:fs';
import {dirname, join} from 'node:path';
import {fileURLToPath} from 'node:url';
import type {Deployment, EndpointSlice, KubeEvent, KubeObject, Pod, ReplicaSet, Service} from '../../source/k8s/types.js';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '../fixtures/rollout');

export const scenarios = ['rolling', 'recreate', 'canary', 'pause', 'broken', 'history', 'missing'] as const;
export type Scenario = (typeof scenarios)[number];

export type Resource = 'deployments' | 'replicasets' | 'pods' | 'services' | 'endpointslices';
export type StreamEntry = {t: number; resource: Resource; type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: KubeObject};

export type Pairs = {
	scenario: Scenario;
	t0Wall: string;
	status: Array<{command: string; lines: Array<{t: number; line: string; stderr?: boolean; index: number}>}>;
	pods: Array<{t: number; pod: string; ready: string; status: string; restarts: number; age: string; index: number}>;
	commands: Array<{command: string; startT: number; endT: number; streamEnd: number; exitCode: number; stdout: string[]; stderr: string[]}>;
};

export type State = {
	deployments: Deployment[];
	replicaSets: ReplicaSet[];
	pods: Pod[];
	services: Service[];
	endpointSlices: EndpointSlice[];
};

const cache = new Map<string, unknown>();

function load<T>(file: string): T {
	if (!cache.has(file)) {
		cache.set(file, JSON.parse(readFileSync(join(fixtures, file), 'utf8')));
	}

	return cache.get(file) as T;
}

export const loadStream = (scenario: Scenario) => load<StreamEntry[]>(`${scenario}.stream.json`);
export const loadPairs = (scenario: Scenario) => load<Pairs>(`${scenario}.pairs.json`);

/** Wall-clock ms of a recording's `t` (ms since the scenario's t0). */
export const wallTime = (scenario: Scenario, t: number) => Date.parse(loadPairs(scenario).t0Wall) + t;

/** The objects a watcher holds after applying stream entries 0..end (inclusive). */
export function stateAt(scenario: Scenario, end: number): State {
	const maps: Record<Resource, Map<string, KubeObject>> = {
		deployments: new Map(), replicasets: new Map(), pods: new Map(), services: new Map(), endpointslices: new Map(),
	};
	for (const entry of loadStream(scenario).slice(0, end + 1)) {
		const key = entry.object.metadata.uid ?? entry.object.metadata.name ?? '';
		if (entry.type === 'DELETED') {
			maps[entry.resource].delete(key);
		} else {
			maps[entry.resource].set(key, entry.object);
		}
	}

	return {
		deployments: [...maps.deployments.values()] as Deployment[],
		replicaSets: [...maps.replicasets.values()] as ReplicaSet[],
		pods: [...maps.pods.values()] as Pod[],
		services: [...maps.services.values()] as Service[],
		endpointSlices: [...maps.endpointslices.values()] as EndpointSlice[],
	};
}

/** Index of the last stream entry recorded at or before `t`. */
export function indexAt(scenario: Scenario, t: number): number {
	return loadStream(scenario).findLastIndex(entry => entry.t <= t);
}

export type EventEntry = {t: number; type: 'ADDED' | 'MODIFIED' | 'DELETED'; object: KubeEvent};

/** The Warning events a watcher holds at `t` (only scenarios whose recording has any). */
export function warningEventsAt(scenario: 'broken' | 'canary' | 'missing' | 'pause', t: number): KubeEvent[] {
	const events = new Map<string, KubeEvent>();
	for (const entry of load<EventEntry[]>(`${scenario}.warning-events.json`)) {
		if (entry.t > t) break;
		if (entry.type === 'DELETED') events.delete(entry.object.metadata.name!);
		else events.set(entry.object.metadata.name!, entry.object);
	}

	return [...events.values()];
}
