// Demo knobs on a pod template, kubectl-friendly annotations (a template change, so editing them
// rolls out a new ReplicaSet like any other change):
//   demo.rollwatch.dev/startup-seconds    time from scheduling to Running (default 2; the recordings'
//                                         stand-in kubelet read this same annotation)
//   demo.rollwatch.dev/failure            crash | image-pull | none. Without it the image tag decides:
//                                         a tag containing "broken" crashes, "missing" cannot be pulled
//   demo.rollwatch.dev/app-start-seconds  time after Running before the app answers HTTP (default 0).
//                                         Without a readinessProbe the pod is Ready before its app is
//                                         (seed 004's dropped requests); with one, the probe waits for it.
import type {Container, ObjectMeta, Pod} from '../../k8s/types.js';

export const STARTUP_ANNOTATION = 'demo.rollwatch.dev/startup-seconds';
export const FAILURE_ANNOTATION = 'demo.rollwatch.dev/failure';
export const APP_START_ANNOTATION = 'demo.rollwatch.dev/app-start-seconds';

export type Failure = 'crash' | 'image-pull' | 'none';
export type PodSettings = {startupSeconds: number; failure: Failure; appStartSeconds: number};

export function parsePodSettings(meta: ObjectMeta | undefined, containers: Container[]): PodSettings {
	const annotations = meta?.annotations ?? {};
	return {
		startupSeconds: seconds(annotations[STARTUP_ANNOTATION], 2),
		failure: failureOf(annotations[FAILURE_ANNOTATION], containers),
		appStartSeconds: seconds(annotations[APP_START_ANNOTATION], 0),
	};
}

function seconds(text: string | undefined, fallback: number): number {
	if (text === undefined) return fallback;
	const value = Number(text);
	return Number.isFinite(value) && value >= 0 ? value : fallback;
}

function failureOf(text: string | undefined, containers: Container[]): Failure {
	if (text === 'crash' || text === 'image-pull' || text === 'none') return text;
	const tags = containers.map(container => imageTag(container.image ?? ''));
	if (tags.some(tag => tag.includes('missing'))) return 'image-pull';
	if (tags.some(tag => tag.includes('broken'))) return 'crash';
	return 'none';
}

/** The tag of an image reference ("" when none): registry ports and digests are not tags. */
export function imageTag(image: string): string {
	const withoutDigest = image.split('@')[0]!;
	const lastSlash = withoutDigest.lastIndexOf('/');
	const colon = withoutDigest.lastIndexOf(':');
	return colon > lastSlash ? withoutDigest.slice(colon + 1) : '';
}

export function imageRepository(image: string): string {
	const withoutDigest = image.split('@')[0]!;
	const tag = imageTag(withoutDigest);
	return tag ? withoutDigest.slice(0, -(tag.length + 1)) : withoutDigest;
}

/** With a readinessProbe the first successful probe comes at initialDelaySeconds + k·periodSeconds once the app answers. */
export function readinessDelayMs(pod: Pod, settings: PodSettings): number {
	const probes = pod.spec.containers.map(container => container.readinessProbe).filter(probe => probe !== undefined);
	if (probes.length === 0) return 0;
	let worst = 0;
	for (const probe of probes) {
		const period = probe.periodSeconds ?? 10;
		let at = probe.initialDelaySeconds ?? 0;
		while (at < settings.appStartSeconds) at += period;
		worst = Math.max(worst, at);
	}
	return worst * 1000;
}
