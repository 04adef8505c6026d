// What the Traffic pane says, as plain data: per version the endpoint share a Service gives and, when a
// prober runs, the share of answers it actually saw from that version; then the failures. Pure, so the
// matching of observed versions to endpoint groups is a unit test.
import type {ServiceTraffic, TrafficGroup} from '../../rollout/index.js';
import type {ProbeSnapshot} from '../types.js';
import {imageTag} from './short-image.js';

export type Observed = {version: string; recent: number; total: number; share: number};

export type VersionRow = {
	key: string;
	/** "v2" in a canary (the version label), "rev 2 v2" in a rollout (revision and image tag). */
	label: string;
	/** 0–100, of the Service's ready endpoints. */
	share: number;
	ready: number;
	/** What the prober saw from this version; undefined without a prober or when no answer matched. */
	observed?: {share: number; total: number};
};

export type FailureSummary = {recent: number; requestsRecent: number; total: number; requestsTotal: number; lastError?: string};

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 100) : 0);
const bare = (version: string) => version.replace(/^v(?=\d)/i, '');

/** The version label shown for a group: its label, plus the image tag when grouped by revision. */
export function versionLabel(service: ServiceTraffic, group: TrafficGroup): string {
	if (service.groupedBy === 'label') return group.label;
	const tag = group.images[0] === undefined ? undefined : imageTag(group.images[0]);
	if (tag === undefined) return group.label;
	// "rev 2 v2" reads well; "rev 2 2" does not: a bare number keeps its colon.
	return /^\d/.test(tag) ? `${group.label} :${tag}` : `${group.label} ${tag}`;
}

/**
 * Whether the prober's answers come from these Services' pods: `svc/NAME…` must name one of them; a URL
 * may be anything (an ingress in front of them), so it is taken at its word.
 */
export function probesThese(traffic: readonly ServiceTraffic[], probe: ProbeSnapshot): boolean {
	const service = /^svc\/([^:/]+)/.exec(probe.target)?.[1];
	return service === undefined || traffic.some(entry => entry.service === service);
}

/** The prober's versions with their live share of the answers (failures are counted apart). */
export function observedVersions(probe: ProbeSnapshot): Observed[] {
	const answers = probe.perVersion.reduce((total, version) => total + version.recent, 0);
	return probe.perVersion.map(version => ({...version, share: percent(version.recent, answers)}));
}

/**
 * Which group answered as `version`: an image tag match first ("2" or "v2" ↔ `app:v2`), then the version
 * label ("v2" ↔ version=v2). A canary's Deployment keeps its label when its image moves on, so both count.
 */
export function groupFor(traffic: readonly ServiceTraffic[], version: string): string | undefined {
	const groups = traffic.flatMap(service => service.groups);
	const byTag = groups.find(group => group.images.some(image => {
		const tag = imageTag(image);
		return tag !== undefined && bare(tag) === bare(version);
	}));
	return (byTag ?? groups.find(group => group.label === version))?.key;
}

export function versionRows(traffic: readonly ServiceTraffic[], service: ServiceTraffic, probe?: ProbeSnapshot): VersionRow[] {
	const observed = probe && probesThese(traffic, probe) ? observedVersions(probe) : [];
	return service.groups.map(group => {
		const mine = observed.filter(version => groupFor(traffic, version.version) === group.key);
		const row: VersionRow = {key: group.key, label: versionLabel(service, group), share: Math.round(group.share), ready: group.ready};
		if (mine.length === 0) return row;
		return {...row, observed: {share: mine.reduce((sum, version) => sum + version.share, 0), total: mine.reduce((sum, version) => sum + version.total, 0)}};
	});
}

/** Answers from versions no endpoint group claims (an "unknown" body, a version the Service no longer selects). */
export function unmatchedVersions(traffic: readonly ServiceTraffic[], probe: ProbeSnapshot): Observed[] {
	const mine = probesThese(traffic, probe);
	return observedVersions(probe).filter(version => version.recent > 0 && (!mine || groupFor(traffic, version.version) === undefined));
}

export function failureSummary(probe: ProbeSnapshot): FailureSummary {
	return {
		recent: probe.failures.recent, requestsRecent: probe.requests.recent, total: probe.failures.total, requestsTotal: probe.requests.total,
		...(probe.lastError ? {lastError: probe.lastError} : {}),
	};
}

/** 950 → "950", 1234 → "1.2k", 56789 → "57k": totals grow ten a second. */
export function compactCount(count: number): string {
	if (count < 1000) return String(count);
	if (count < 10_000) return `${(Math.floor(count / 100) / 10).toFixed(1)}k`;
	if (count < 1_000_000) return `${Math.floor(count / 1000)}k`;
	return `${(Math.floor(count / 100_000) / 10).toFixed(1)}M`;
}

/** "1/10 failed · 3/100 total": the live window first, then since the prober started. */
export function failuresText(failures: FailureSummary): string {
	return `${failures.recent}/${failures.requestsRecent} failed · ${failures.total}/${failures.requestsTotal} total`;
}

/** failing now, failed earlier, or never: the glyph and colour follow. */
export function failureLevel(failures: FailureSummary): 'failing' | 'recovered' | 'clean' {
	return failures.recent > 0 ? 'failing' : failures.total > 0 ? 'recovered' : 'clean';
}
