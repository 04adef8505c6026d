// The cluster's own word on what went wrong: the newest Warning event about a Deployment, its
// ReplicaSets or their pods, as `kubectl describe` lists them under Events. Pod states say *that* a pod
// cannot pull its image or keeps crashing; the kubelet's event says *why* ("manifest for
// example/api:v3-missing not found", "Readiness probe failed: HTTP probe failed with statuscode: 503").
import type {Deployment, KubeEvent, ReplicaSet} from '../k8s/types.js';
import {timeOf} from './ownership.js';
import {humanDuration} from './pod-status.js';
import type {RolloutWarning} from './warnings.js';

/** Warnings last seen longer ago than this are history, not news (the API server keeps events 1 h). */
export const EVENT_WARNING_WINDOW_MS = 10 * 60_000;

/**
 * The kubelet follows each failed pull or start with `Error: ErrImagePull`, `Error: ImagePullBackOff`,
 * `Error: CreateContainerConfigError`…: the container's waiting reason, which the pod row already shows.
 */
const echoesContainerState = /^Error: [A-Za-z]+$/;

/** When the event last happened: events.k8s.io-style series first, then the core/v1 timestamps. */
function lastSeen(event: KubeEvent): number | undefined {
	return timeOf(event.series?.lastObservedTime) ?? timeOf(event.lastTimestamp) ?? timeOf(event.eventTime) ?? timeOf(event.firstTimestamp) ?? timeOf(event.metadata.creationTimestamp);
}

function firstSeen(event: KubeEvent): number | undefined {
	return timeOf(event.firstTimestamp) ?? timeOf(event.eventTime) ?? timeOf(event.metadata.creationTimestamp);
}

function occurrences(event: KubeEvent): number {
	return Math.max(event.series?.count ?? 0, event.count ?? 0, 1);
}

/**
 * The newest Warning event, seen in the last EVENT_WARNING_WINDOW_MS, about the Deployment, one of
 * `owned` (its ReplicaSets) or a pod of theirs that still exists (`podExists(name)`), as one warning
 * line; undefined when there is none.
 */
export function eventWarning(
	deployment: Deployment,
	owned: readonly ReplicaSet[],
	events: Iterable<KubeEvent>,
	podExists: (name: string) => boolean,
	now: number,
): RolloutWarning | undefined {
	const namespace = deployment.metadata.namespace;
	const replicaSets = new Set(owned.map(rs => rs.metadata.name ?? ''));
	const concerns = (event: KubeEvent) => {
		const {kind, name = ''} = event.involvedObject ?? {};
		if (kind === 'Deployment') return name === deployment.metadata.name;
		if (kind === 'ReplicaSet') return replicaSets.has(name);
		if (kind !== 'Pod' || !podExists(name)) return false;
		const cut = name.lastIndexOf('-');
		return cut > 0 && replicaSets.has(name.slice(0, cut));
	};

	let newest: {event: KubeEvent; at: number} | undefined;
	for (const event of events) {
		if (event.type !== 'Warning' || event.metadata.namespace !== namespace) continue;
		if (echoesContainerState.test(event.message ?? '') || !concerns(event)) continue;
		const at = lastSeen(event);
		if (at === undefined || now - at > EVENT_WARNING_WINDOW_MS) continue;
		if (!newest || at > newest.at || (at === newest.at && occurrences(event) > occurrences(newest.event))) newest = {event, at};
	}

	if (!newest) return undefined;
	const {event, at} = newest;
	const count = occurrences(event);
	const first = firstSeen(event);
	const involved = `${(event.involvedObject.kind ?? '').toLowerCase()}/${event.involvedObject.name ?? ''}`;
	const times = count > 1 && first !== undefined ? `x${count} over ${humanDuration(now - first)}, last ${humanDuration(now - at)} ago` : `${humanDuration(now - at)} ago`;
	const message = (event.message ?? '').trim().replaceAll(/\s+/g, ' ');
	// kubectl get events' order (reason, object, message): a long message is what the line's end cuts.
	return {level: 'warn', code: 'event', text: `${event.reason ?? 'Warning'} ${involved}, ${times}: ${message || '(no message)'}`};
}
