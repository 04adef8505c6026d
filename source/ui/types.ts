// The props contract between the CLI (which wires a store, actions, access and a prober) and the TUI.
import type {ActionResult, ClusterSnapshot} from '../store/types.js';

/** Every command the keymap knows. The keymap table (keymap.ts) has exactly one row per id. */
export type CommandId =
	| 'pause'
	| 'resume'
	| 'undo'
	| 'restart'
	| 'scale'
	| 'shipNext'
	| 'shipBroken'
	| 'focusNext'
	| 'focusPrev'
	| 'down'
	| 'up'
	| 'filter'
	| 'freeze'
	| 'help'
	| 'open'
	| 'back'
	| 'quit';

export type {ActionResult} from '../store/types.js';

export type MonitorActions = {
	pause(name: string): Promise<ActionResult>;
	resume(name: string): Promise<ActionResult>;
	restart(name: string): Promise<ActionResult>;
	/** Without a revision: back to the previous one, as `kubectl rollout undo` does. */
	undo(name: string, toRevision?: number): Promise<ActionResult>;
	scale(name: string, replicas: number): Promise<ActionResult>;
	/** Demo mode only: roll out the next version of the demo app. */
	shipNext?(name: string): Promise<ActionResult>;
	/** Demo mode only: roll out a version that never becomes ready. */
	shipBroken?(name: string): Promise<ActionResult>;
};

/** An access check's verdict; 'unknown' (the review failed) leaves the key enabled: the API server decides. */
export type Access = {allowed: boolean | 'unknown'; reason?: string};

/** What the prober observed, live (`recent`, a sliding window) and since it started (`total`). */
export type ProbeSnapshot = {
	target: string;
	/** Epoch ms the prober started. */
	since: number;
	perVersion: Array<{version: string; total: number; recent: number}>;
	failures: {total: number; recent: number};
	requests: {total: number; recent: number};
	lastError?: string;
};

export type ExternalStore<T> = {getSnapshot(): T; subscribe(listener: () => void): () => void};

/** Access verdicts per command; a command missing from the map is allowed. */
export type AccessMap = Partial<Record<CommandId, Access>>;

export type MonitorProps = {
	store: ExternalStore<ClusterSnapshot>;
	actions: MonitorActions;
	/**
	 * Result of access checks (SelfSubjectAccessReview) per command; missing means allowed. A store when
	 * the checks are still running: the first frame must not wait for them, and until they answer every
	 * key stays allowed (the API server has the last word either way).
	 */
	access?: AccessMap | ExternalStore<AccessMap>;
	context: {name?: string; namespace: string; server?: string};
	/** Deployment names to watch; none (or empty) shows the list view. */
	targets?: string[];
	/** Removes every dangerous command (keys, footer, help). */
	readOnly: boolean;
	demo?: {kubeconfigPath?: string; scenarioTitle?: string};
	probe?: ExternalStore<ProbeSnapshot>;
	/** Clock for ages and the header; defaults to Date.now. */
	now?: () => number;
	/**
	 * The clock connection states are stamped with (the watch uses wall time): how old the data is and
	 * when the watch retries. Defaults to `now`; the demo, whose `now` runs at the cluster's speed, passes Date.now.
	 */
	connectionNow?: () => number;
	/** Told which Deployment is on screen (undefined: the list); demo mode points its prober at it. */
	onView?(name: string | undefined): void;
	/** Called once, after the app unmounted, with the exit code. */
	onExit?(code: number): void;
};
