// The patch bodies kubectl sends (reference C.3–C.6), as pure functions. Key order follows Go's
// encoding/json (struct order for kubectl's own structs, sorted keys for maps) so the bytes match.
import type {Container, Deployment} from '../k8s/types.js';
import {changeCauseAnnotation} from '../rollout/ownership.js';

export const restartedAtAnnotation = 'kubectl.kubernetes.io/restartedAt';

export const pausePatch = () => ({spec: {paused: true}});
/** `paused: false` is dropped by omitempty, so the two-way merge patch deletes the field. */
export const resumePatch = () => ({spec: {paused: null}});

export const restartPatch = (timestamp: string) => ({spec: {template: {metadata: {annotations: {[restartedAtAnnotation]: timestamp}}}}});

export const scalePatch = (replicas: number) => ({spec: {replicas}});

/** Go's time.Now().Format(time.RFC3339): local time, second precision, `Z` or ±hh:mm. */
export function rfc3339Local(date: Date): string {
	const pad = (value: number) => String(value).padStart(2, '0');
	const offset = -date.getTimezoneOffset();
	const zone = offset === 0 ? 'Z' : `${offset > 0 ? '+' : '-'}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
	return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}${zone}`;
}

export type SetImageResult = {patch: Record<string, unknown> | undefined} | {error: string};

/**
 * `kubectl set image deployment/NAME c=img …`: images set in initContainers and containers whose name
 * matches (or all for `*`), sent as a two-way SMP with `$setElementOrder` listing every name in order.
 * `patch` is undefined when nothing would change.
 */
export function setImagePatch(deployment: Deployment, images: Readonly<Record<string, string>>, changeCause?: string): SetImageResult {
	const spec = deployment.spec.template.spec;
	const lists = {containers: spec.containers ?? [], initContainers: spec.initContainers ?? []};
	for (const name of Object.keys(images)) {
		if (name !== '*' && ![...lists.containers, ...lists.initContainers].some((container) => container.name === name)) {
			return {error: `unable to find container named "${name}"`};
		}
	}
	const templateSpec: Record<string, unknown> = {};
	// Sorted map keys: "$setElementOrder/…" sorts before the list names.
	for (const list of ['containers', 'initContainers'] as const) {
		const changed = changedImages(lists[list], images);
		if (changed.length === 0) continue;
		templateSpec[`$setElementOrder/${list}`] = lists[list].map((container) => ({name: container.name}));
	}
	for (const list of ['containers', 'initContainers'] as const) {
		const changed = changedImages(lists[list], images);
		if (changed.length > 0) templateSpec[list] = changed;
	}
	if (Object.keys(templateSpec).length === 0) return {patch: undefined};
	const patch: Record<string, unknown> = {};
	if (changeCause) patch.metadata = {annotations: {[changeCauseAnnotation]: changeCause}};
	patch.spec = {template: {spec: templateSpec}};
	return {patch};
}

function changedImages(containers: readonly Container[], images: Readonly<Record<string, string>>): Array<{image: string; name: string}> {
	const out: Array<{image: string; name: string}> = [];
	for (const container of containers) {
		const image = images[container.name] ?? images['*'];
		if (image !== undefined && image !== container.image) out.push({image, name: container.name});
	}
	return out;
}
