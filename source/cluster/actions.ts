// The mutating calls, each exactly what kubectl sends (reference C.7): a GET of the Deployment
// (kubectl's "builder" GET, which also gives us preconditions), then one PATCH with kubectl's verb,
// path, query, Content-Type and body. Read-only mode refuses here too, before any request.
import type {KubeConfig} from '@kubernetes/client-node';
import type {Deployment, ReplicaSet} from '../k8s/types.js';
import {undoPatch, undoTarget} from '../rollout/undo.js';
import {pausePatch, restartedAtAnnotation, restartPatch, resumePatch, rfc3339Local, scalePatch, setImagePatch} from './action-patches.js';
import {describeApiError} from './errors.js';
import {kubeJson} from './http.js';
import type {Query} from './http.js';
import {collectionPath} from './resources.js';
import {labelSelectorString} from '../rollout/ownership.js';
import type {ActionResult} from '../store/types.js';

export type {ActionResult} from '../store/types.js';

export type RolloutActions = {
	pause(name: string): Promise<ActionResult>;
	resume(name: string): Promise<ActionResult>;
	restart(name: string): Promise<ActionResult>;
	/** toRevision 0 (default): the previous revision, as `kubectl rollout undo`. */
	undo(name: string, toRevision?: number): Promise<ActionResult>;
	scale(name: string, replicas: number): Promise<ActionResult>;
	/** `kubectl set image`: container name (or `*`) → image. */
	setImage(name: string, images: Readonly<Record<string, string>>, options?: {changeCause?: string}): Promise<ActionResult>;
};

export type ActionsOptions = {
	kc: KubeConfig;
	namespace: string;
	readOnly: boolean;
	/** Per-request limit (default 30 s). */
	timeoutMs?: number;
	/** The clock behind `restartedAt` (tests pin it). */
	now?: () => Date;
};

const CONTENT_TYPE = {
	strategic: 'application/strategic-merge-patch+json',
	merge: 'application/merge-patch+json',
	jsonPatch: 'application/json-patch+json',
} as const;

export function createActions(options: ActionsOptions): RolloutActions {
	const {kc, namespace, readOnly} = options;
	const now = options.now ?? (() => new Date());
	const deployments = collectionPath('deployments', namespace);
	const ok = (name: string, verb: string): ActionResult => ({ok: true, message: `deployment.apps/${name} ${verb}`});
	const fail = (message: string): ActionResult => ({ok: false, message});

	// Every request is bounded: an action that never answers must still end in the status line.
	const timeout = () => AbortSignal.timeout(options.timeoutMs ?? 30_000);
	const get = (name: string) => kubeJson<Deployment>(kc, {path: `${deployments}/${encodeURIComponent(name)}`, signal: timeout()});
	const patch = (path: string, contentType: string, body: unknown, query: Query = {}) =>
		kubeJson<unknown>(kc, {method: 'PATCH', path, query, headers: {'Content-Type': contentType}, body: JSON.stringify(body), signal: timeout()});

	/** Runs one action: refuses in read-only mode, turns any failure into one line. */
	const act = (verb: string, name: string, run: () => Promise<ActionResult>): Promise<ActionResult> => {
		if (readOnly) return Promise.resolve(fail(`read-only mode: not sending ${verb} for deployment/${name}`));
		return run().catch((error: unknown) => fail(describeApiError(error, {kc, resource: 'deployments', name, namespace})));
	};

	const rolloutPatch = (name: string, body: unknown) => patch(`${deployments}/${encodeURIComponent(name)}`, CONTENT_TYPE.strategic, body, {fieldManager: 'kubectl-rollout'});

	return {
		pause: (name) =>
			act('pause', name, async () => {
				const deployment = await get(name);
				if (deployment.spec.paused) return fail(`deployments.apps "${name}" is already paused`);
				await rolloutPatch(name, pausePatch());
				return ok(name, 'paused');
			}),

		resume: (name) =>
			act('resume', name, async () => {
				const deployment = await get(name);
				if (!deployment.spec.paused) return fail(`deployments.apps "${name}" is not paused`);
				await rolloutPatch(name, resumePatch());
				return ok(name, 'resumed');
			}),

		restart: (name) =>
			act('restart', name, async () => {
				const deployment = await get(name);
				if (deployment.spec.paused) return fail(`deployments.apps "${name}" can't restart paused deployment (run rollout resume first)`);
				const timestamp = rfc3339Local(now());
				if (deployment.spec.template.metadata?.annotations?.[restartedAtAnnotation] === timestamp) {
					return fail(`failed to create patch for ${name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`);
				}
				await rolloutPatch(name, restartPatch(timestamp));
				return ok(name, 'restarted');
			}),

		undo: (name, toRevision = 0) =>
			act('undo', name, async () => {
				const deployment = await get(name);
				const selector = labelSelectorString(deployment.spec.selector);
				const list = await kubeJson<{items?: ReplicaSet[]}>(kc, {path: collectionPath('replicasets', namespace), query: {labelSelector: selector}, signal: timeout()});
				const target = undoTarget(deployment, list.items ?? [], toRevision);
				if (!target.ok) return fail(target.error);
				if (target.skipped) return {ok: true, message: target.message};
				// kubectl sends no fieldManager for undo.
				await patch(`${deployments}/${encodeURIComponent(name)}`, CONTENT_TYPE.jsonPatch, undoPatch(deployment, target.rs));
				return {ok: true, message: target.message};
			}),

		scale: (name, replicas) =>
			act('scale', name, async () => {
				if (!Number.isInteger(replicas) || replicas < 0) return fail(`the number of replicas must be a whole number of at least 0, not ${replicas}`);
				await get(name);
				await patch(`${deployments}/${encodeURIComponent(name)}/scale`, CONTENT_TYPE.merge, scalePatch(replicas));
				return ok(name, 'scaled');
			}),

		setImage: (name, images, setOptions = {}) =>
			act('set image', name, async () => {
				const deployment = await get(name);
				const result = setImagePatch(deployment, images, setOptions.changeCause);
				if ('error' in result) return fail(result.error);
				if (result.patch) await patch(`${deployments}/${encodeURIComponent(name)}`, CONTENT_TYPE.strategic, result.patch, {fieldManager: 'kubectl-set'});
				return ok(name, 'image updated');
			}),
	};
}
