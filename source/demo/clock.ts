// Simulated time. `speed` scales how fast simulated time passes relative to wall time: the demo runs at
// 1 (human pace), tests at 20–100. Timestamps written into objects are simulated, so ages and deadlines
// stay consistent with what the controllers did.

export type TimerHandle = {cancel(): void};

export type Clock = {
	readonly speed: number;
	/** Simulated epoch milliseconds. */
	now(): number;
	/** Run `fn` after `ms` of simulated time. */
	after(ms: number, fn: () => void): TimerHandle;
	/** Cancel every pending timer (shutdown). */
	stopAll(): void;
};

export function createClock(speed = 1, start = Date.now()): Clock {
	if (!(speed > 0) || !Number.isFinite(speed)) throw new RangeError(`speed must be a positive number, got ${speed}`);
	const wallStart = performance.now();
	const timers = new Set<NodeJS.Timeout>();
	return {
		speed,
		now: () => start + (performance.now() - wallStart) * speed,
		after(ms, fn) {
			const timer = setTimeout(() => {
				timers.delete(timer);
				fn();
			}, Math.max(0, ms / speed));
			timers.add(timer);
			return {
				cancel() {
					clearTimeout(timer);
					timers.delete(timer);
				},
			};
		},
		stopAll() {
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
		},
	};
}

/** RFC 3339 with second precision, as the API server writes metav1.Time. */
export function rfc3339(ms: number): string {
	return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}
