// One line of truth about the watch: live, connecting, reconnecting (and when), or stale (and how old).
import type {ClusterSnapshot, ConnectionState} from '../store/types.js';

export type ConnectionSummary = {kind: 'live' | 'connecting' | 'reconnecting' | 'stale'; text: string};

/** How old the data may get while reconnecting before the header calls it stale. */
export const STALE_AFTER_MS = 30_000;

const seconds = (ms: number) => `${Math.max(0, Math.round(ms / 1000))}s`;

export function connectionSummary(connections: ClusterSnapshot['connections'], now: number): ConnectionSummary {
	const states = Object.values(connections).filter((state): state is ConnectionState => state !== undefined);
	if (states.length === 0) return {kind: 'connecting', text: 'connecting'};
	const contacts = states.map(state => state.lastContactAt).filter((at): at is number => at !== undefined);
	// The oldest stream decides how old the data on screen may be.
	const age = contacts.length === states.length ? ` · data ${seconds(now - Math.min(...contacts))} old` : '';
	const reconnecting = states.filter(state => state.status === 'reconnecting');
	if (reconnecting.length > 0) {
		const retries = reconnecting.map(state => state.retryAt).filter((at): at is number => at !== undefined);
		const retry = retries.length > 0 ? ` (retry in ${seconds(Math.min(...retries) - now)})` : '';
		// A short blip is "reconnecting"; data older than STALE_AFTER_MS is called stale, with its age first.
		const oldest = contacts.length === states.length ? now - Math.min(...contacts) : undefined;
		if (oldest !== undefined && oldest > STALE_AFTER_MS) return {kind: 'stale', text: `stale ${seconds(oldest)} · reconnecting${retry}`};
		return {kind: 'reconnecting', text: `reconnecting${retry}${age}`};
	}
	if (states.some(state => state.status === 'stale')) {
		return {kind: 'stale', text: contacts.length > 0 ? `stale ${seconds(now - Math.min(...contacts))}` : 'stale'};
	}
	if (states.some(state => state.status === 'connecting')) return {kind: 'connecting', text: 'connecting'};
	return {kind: 'live', text: 'live'};
}

/** The first watch error, for the status line when nothing else is being said. */
export function connectionError(connections: ClusterSnapshot['connections']): string | undefined {
	return Object.values(connections).find(state => state?.error && state.status !== 'live')?.error;
}
