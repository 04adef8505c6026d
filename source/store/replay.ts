// Feeds a wire recording (ndjson lines {t, resource, event:{type, object}}, as in
// shared/recordings/*.ndjson) into the store: for tests, benchmarks and `--replay`.
// Bookmarks, ERROR events and resources we do not watch (e.g. `endpoints`) are skipped.
import type {KubeObject} from '../k8s/types.js';
import type {ClusterEvent, WatchedResource} from './types.js';

export type RecordingLine = {t: number; resource: string; event: {type: string; object: KubeObject}};

/** `<scenario>.initial.json`: the LIST responses the watches started from, keyed by resource. */
export type RecordingInitial = Partial<Record<string, {apiVersion?: string; kind?: string; items?: KubeObject[]}>>;

const WATCHED = new Set<string>(['deployments', 'replicasets', 'pods', 'services', 'endpointslices', 'events']);
const OBJECT_EVENTS = new Set(['ADDED', 'MODIFIED', 'DELETED']);

/** Parses ndjson; blank and malformed lines are skipped. */
export function parseRecording(text: string): RecordingLine[] {
	const lines: RecordingLine[] = [];
	for (const raw of text.split('\n')) {
		if (raw.trim() === '') continue;
		try {
			const line = JSON.parse(raw) as RecordingLine;
			if (typeof line.t === 'number' && typeof line.resource === 'string' && line.event?.object?.metadata) lines.push(line);
		} catch {
			// A truncated last line (recording cut short) is not worth failing a replay for.
		}
	}
	return lines;
}

export type ReplayTiming = {
	/** Epoch ms that recording time 0 maps to (default: now). */
	t0?: number;
};

/** The events a recording stands for, each stamped `at = t0 + t`, in recorded order. */
export function recordingEvents(lines: readonly RecordingLine[], initial?: RecordingInitial, timing: ReplayTiming = {}): ClusterEvent[] {
	const t0 = timing.t0 ?? Date.now();
	const events: ClusterEvent[] = [];
	for (const [resource, list] of Object.entries(initial ?? {})) {
		if (!WATCHED.has(resource) || !list) continue;
		const kind = list.kind?.replace(/List$/, '');
		const objects = (list.items ?? []).map((item) => ({apiVersion: list.apiVersion, kind, ...item}));
		events.push(
			{type: 'CONNECTION', resource: resource as WatchedResource, state: {status: 'live', since: t0, lastContactAt: t0}},
			{type: 'SYNCED', resource: resource as WatchedResource, objects, at: t0},
		);
	}
	for (const line of lines) {
		if (!WATCHED.has(line.resource) || !OBJECT_EVENTS.has(line.event.type)) continue;
		events.push({type: line.event.type as 'ADDED' | 'MODIFIED' | 'DELETED', resource: line.resource as WatchedResource, object: line.event.object, at: t0 + line.t});
	}
	return events;
}

export type ReplayOptions = ReplayTiming & {
	/** 1 = recorded pace, 10 = ten times faster, Infinity = all at once. */
	speed?: number;
	signal?: AbortSignal;
};

const eventTime = (event: ClusterEvent, t0: number) => (event.type === 'CONNECTION' ? t0 : event.at);

/** Dispatches a recording at its recorded pace (scaled by speed); resolves at the end or on abort. */
export async function replayRecording(
	store: {dispatchAll(events: Iterable<ClusterEvent>): void},
	lines: readonly RecordingLine[],
	initial: RecordingInitial | undefined,
	options: ReplayOptions = {},
): Promise<void> {
	const speed = options.speed ?? 1;
	const t0 = options.t0 ?? Date.now();
	const events = recordingEvents(lines, initial, {t0});
	if (!(speed < Infinity)) {
		store.dispatchAll(events);
		return;
	}
	const started = Date.now();
	let index = 0;
	while (index < events.length && !options.signal?.aborted) {
		const dueAt = (eventTime(events[index]!, t0) - t0) / speed;
		const wait = dueAt - (Date.now() - started);
		if (wait > 0) await delay(wait, options.signal);
		const batch: ClusterEvent[] = [];
		const elapsed = (Date.now() - started) * speed;
		while (index < events.length && eventTime(events[index]!, t0) - t0 <= elapsed) batch.push(events[index++]!);
		if (!options.signal?.aborted) store.dispatchAll(batch);
	}
}

function delay(ms: number, signal?: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		const done = () => {
			clearTimeout(timer);
			signal?.removeEventListener('abort', done);
			resolve();
		};
		const timer = setTimeout(done, ms);
		signal?.addEventListener('abort', done, {once: true});
	});
}
