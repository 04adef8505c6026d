// In demo mode the prober follows the rollout: shipping a version of a Deployment points it at that
// Deployment's Service and starts its totals afresh ("since the rollout began"). The UI subscribes once.
import type {Prober} from '../probe/prober.js';
import type {ExternalStore, ProbeSnapshot} from '../ui/types.js';

export type SwitchableProbe = ExternalStore<ProbeSnapshot> & {
	/** Stops the current prober and follows `next` (already configured, not started). */
	switchTo(next: Prober): void;
	current(): Prober | undefined;
	stop(): void;
};

const IDLE: ProbeSnapshot = {target: '', since: 0, perVersion: [], failures: {total: 0, recent: 0}, requests: {total: 0, recent: 0}};

export function createSwitchableProbe(): SwitchableProbe {
	let prober: Prober | undefined;
	let unsubscribe = () => {};
	const listeners = new Set<() => void>();
	const notify = () => {
		for (const listener of listeners) listener();
	};
	return {
		getSnapshot: () => prober?.getSnapshot() ?? IDLE,
		subscribe(listener) {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		switchTo(next) {
			unsubscribe();
			prober?.stop();
			prober = next;
			unsubscribe = next.subscribe(notify);
			next.start();
			notify();
		},
		current: () => prober,
		stop() {
			unsubscribe();
			prober?.stop();
		},
	};
}
