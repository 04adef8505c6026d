// Exponential backoff with "equal jitter": the delay for attempt n lies in [base/2, base] with
// base = initial·2^(n-1) capped at max, so delays never shrink while failures continue, yet
// many clients that failed together do not retry in lockstep.
export type Backoff = {initialMs: number; maxMs: number};

export const DEFAULT_BACKOFF: Backoff = {initialMs: 250, maxMs: 30_000};

/** Delay before retry number `attempt` (1-based). */
export function backoffDelay(attempt: number, backoff: Backoff = DEFAULT_BACKOFF, random: () => number = Math.random): number {
	const base = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, attempt - 1));
	return Math.round(base / 2 + (random() * base) / 2);
}

/** Resolves after `ms`, or early (without throwing) when `signal` aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
	return new Promise((resolve) => {
		if (signal.aborted) return resolve();
		const done = () => {
			clearTimeout(timer);
			signal.removeEventListener('abort', done);
			resolve();
		};
		const timer = setTimeout(done, ms);
		signal.addEventListener('abort', done, {once: true});
	});
}
