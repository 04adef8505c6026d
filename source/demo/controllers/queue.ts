// One work queue for every controller of the demo cluster. Store listeners only enqueue keys; work
// runs later on setImmediate, never inside a listener. Queues drain in priority order (kubelet and
// ReplicaSets before Deployments), so a Deployment sync sees ReplicaSet status that already reflects
// the pods the ReplicaSet controller just created or deleted — the effect kube's expectations have.
import type {Clock, TimerHandle} from '../clock.js';

export type SyncFn = (key: string) => void;

type Queue = {name: string; sync: SyncFn; keys: Set<string>};

const BATCH = 500;
const RETRY_MS = 200;

export class WorkQueue {
	private readonly queues: Queue[] = [];
	private readonly timers = new Set<TimerHandle>();
	private busyTimers = 0;
	private scheduled: NodeJS.Immediate | undefined;
	private draining = false;
	private stopped = false;
	private readonly idleWaiters = new Set<() => void>();
	/** Errors a sync threw (other than conflicts) — kept for tests and debugging, newest last. */
	readonly errors: Array<{queue: string; key: string; error: unknown}> = [];

	constructor(private readonly clock: Clock) {}

	/** Register a queue; earlier registrations drain first. Returns its enqueue function. */
	register(name: string, sync: SyncFn): (key: string) => void {
		const queue: Queue = {name, sync, keys: new Set()};
		this.queues.push(queue);
		return key => this.add(queue, key);
	}

	/**
	 * Enqueue `key` after `ms` of simulated time. `busy` timers count as pending work for idle()
	 * (short waits such as minReadySeconds); deadline requeues do not.
	 */
	after(name: string, key: string, ms: number, busy = false) {
		if (this.stopped) return;
		const queue = this.queues.find(candidate => candidate.name === name);
		if (!queue) throw new Error(`no queue ${name}`);
		if (busy) this.busyTimers++;
		const handle = this.clock.after(ms, () => {
			this.timers.delete(handle);
			if (busy) this.busyTimers--;
			this.add(queue, key);
			this.flush();
		});
		this.timers.add(handle);
	}

	/** Track a timer owned by someone else (the kubelet) so idle() waits for it. */
	trackBusy(delta: number) {
		this.busyTimers += delta;
		if (delta < 0) this.checkIdle();
	}

	idle(): boolean {
		return this.busyTimers === 0 && !this.scheduled && !this.draining && this.queues.every(queue => queue.keys.size === 0);
	}

	/** Resolves the next time the queue is idle (at once if it is). */
	whenIdle(): Promise<void> {
		if (this.idle()) return Promise.resolve();
		return new Promise(resolve => this.idleWaiters.add(resolve));
	}

	stop() {
		this.stopped = true;
		for (const timer of this.timers) timer.cancel();
		this.timers.clear();
		if (this.scheduled) clearImmediate(this.scheduled);
		this.scheduled = undefined;
		for (const queue of this.queues) queue.keys.clear();
		this.busyTimers = 0;
		this.checkIdle();
	}

	/**
	 * Drain now instead of on setImmediate. Timer callbacks (a pod turning Ready, a requeue) call this so
	 * the controllers react to each step before the next timer fires, as they would with real latencies:
	 * two pods ready 30 ms apart are two separate rollout steps, not one.
	 */
	flush() {
		if (this.draining || this.stopped) return;
		if (this.scheduled) clearImmediate(this.scheduled);
		this.drain();
	}

	private add(queue: Queue, key: string) {
		if (this.stopped) return;
		queue.keys.add(key);
		this.kick();
	}

	private kick() {
		if (this.scheduled || this.draining || this.stopped) return;
		this.scheduled = setImmediate(() => this.drain());
	}

	private drain() {
		this.scheduled = undefined;
		this.draining = true;
		try {
			for (let done = 0; done < BATCH; done++) {
				const queue = this.queues.find(candidate => candidate.keys.size > 0);
				if (!queue || this.stopped) break;
				const key = queue.keys.values().next().value!;
				queue.keys.delete(key);
				try {
					queue.sync(key);
				} catch (error) {
					// A conflict means we acted on a stale read: retry at once from a fresh one (client-go's
					// rate limiter starts at 5 ms). Anything else backs off.
					if ((error as {code?: number}).code === 409) {
						queue.keys.add(key);
						continue;
					}
					this.errors.push({queue: queue.name, key, error});
					if (this.errors.length > 100) this.errors.shift();
					this.after(queue.name, key, RETRY_MS);
				}
			}
		} finally {
			this.draining = false;
		}
		if (this.queues.some(queue => queue.keys.size > 0)) this.kick();
		else this.checkIdle();
	}

	private checkIdle() {
		if (!this.idle() || this.idleWaiters.size === 0) return;
		const waiters = [...this.idleWaiters];
		this.idleWaiters.clear();
		for (const resolve of waiters) resolve();
	}
}
