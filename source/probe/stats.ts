// Counting what the prober saw: totals since the rollout began, and a sliding window for the live view.
// Pure (time is passed in), so the windowing is tested without a server or a clock.
import type {ProbeSnapshot, VersionCount} from './types.js';
import {UNKNOWN_VERSION} from './version.js';

export type ProbeOutcome = {ok: true; version: string} | {ok: false; reason: string};

type Recent = {at: number; outcome: ProbeOutcome};

export type ProbeStats = {
	record(at: number, outcome: ProbeOutcome): void;
	/** Totals restart at `at`; the live window keeps its history (the traffic did not stop). */
	resetTotals(at: number): void;
	snapshot(at: number): Omit<ProbeSnapshot, 'target' | 'running'>;
};

export function createProbeStats(windowMs: number, since: number): ProbeStats {
	let totalsSince = since;
	let versionTotals = new Map<string, number>();
	let failureTotal = 0;
	let lastReason: string | undefined;
	let lastError: string | undefined;
	// At most rate × window entries: pruned on every record and snapshot.
	let recent: Recent[] = [];

	const prune = (at: number) => {
		const cutoff = at - windowMs;
		let keep = 0;
		while (keep < recent.length && recent[keep]!.at <= cutoff) keep++;
		if (keep > 0) recent = recent.slice(keep);
	};

	return {
		record(at, outcome) {
			recent.push({at, outcome});
			prune(at);
			if (outcome.ok) {
				versionTotals.set(outcome.version, (versionTotals.get(outcome.version) ?? 0) + 1);
				lastError = undefined;
			} else {
				failureTotal++;
				lastReason = outcome.reason;
				lastError = outcome.reason;
			}
		},
		resetTotals(at) {
			totalsSince = at;
			versionTotals = new Map();
			failureTotal = 0;
			lastReason = undefined;
		},
		snapshot(at) {
			prune(at);
			const versionRecent = new Map<string, number>();
			let failureRecent = 0;
			for (const {outcome} of recent) {
				if (outcome.ok) versionRecent.set(outcome.version, (versionRecent.get(outcome.version) ?? 0) + 1);
				else failureRecent++;
			}
			const versions = new Set([...versionTotals.keys(), ...versionRecent.keys()]);
			const perVersion: VersionCount[] = [...versions]
				.sort(compareVersions)
				.map(version => ({version, total: versionTotals.get(version) ?? 0, recent: versionRecent.get(version) ?? 0}));
			const answered = [...versionTotals.values()].reduce((sum, n) => sum + n, 0);
			return {
				since: totalsSince,
				perVersion,
				failures: {total: failureTotal, recent: failureRecent, ...(lastReason === undefined ? {} : {lastReason})},
				requests: {total: answered + failureTotal, recent: recent.length},
				...(lastError === undefined ? {} : {lastError}),
			};
		},
	};
}

/** Natural order (v2 before v10) so bars keep their place as counts change; "unknown" goes last. */
export function compareVersions(a: string, b: string): number {
	if (a === UNKNOWN_VERSION || b === UNKNOWN_VERSION) return Number(a === UNKNOWN_VERSION) - Number(b === UNKNOWN_VERSION);
	return a.localeCompare(b, 'en', {numeric: true});
}
