// The AGE column's wording for the demo API's tables; duration.HumanDuration itself is rollout's.
import {humanDuration} from '../../rollout/pod-status.js';

/** translateTimestampSince: `<unknown>` for a missing timestamp. */
export function ageSince(timestamp: string | null | undefined, now: number): string {
	if (!timestamp) return '<unknown>';
	const at = Date.parse(timestamp);
	return Number.isNaN(at) ? '<unknown>' : humanDuration(now - at);
}
