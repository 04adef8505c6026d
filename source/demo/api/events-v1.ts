// events.k8s.io/v1 is a second view of the core/v1 Events in the store (as on a real server, where both
// are served from one storage). These convert at the edge, field for field as the apiserver's conversions.
import type {KubeEvent, KubeObject} from '../../k8s/types.js';

type EventV1 = KubeObject & Record<string, unknown>;

export function coreToEventsV1(event: KubeEvent): EventV1 {
	const out: EventV1 = {
		kind: 'Event',
		apiVersion: 'events.k8s.io/v1',
		metadata: event.metadata,
		eventTime: event.eventTime ?? null,
		reportingController: event.reportingComponent || event.source?.component || '',
		reportingInstance: event.reportingInstance || event.source?.host || '',
		action: event.action ?? '',
		reason: event.reason ?? '',
		regarding: event.involvedObject,
		note: event.message ?? '',
		type: event.type ?? '',
	};
	if (event.source && (event.source.component || event.source.host)) out.deprecatedSource = event.source;
	if (event.firstTimestamp) out.deprecatedFirstTimestamp = event.firstTimestamp;
	if (event.lastTimestamp) out.deprecatedLastTimestamp = event.lastTimestamp;
	if (event.count) out.deprecatedCount = event.count;
	const series = (event as {series?: unknown}).series;
	if (series) out.series = series;
	const related = (event as {related?: unknown}).related;
	if (related) out.related = related;
	return out;
}

export function eventsV1ToCore(event: EventV1): KubeEvent {
	const source = event.deprecatedSource as KubeEvent['source'] | undefined;
	const out: KubeEvent & Record<string, unknown> = {
		kind: 'Event',
		apiVersion: 'v1',
		metadata: event.metadata,
		involvedObject: (event.regarding as KubeEvent['involvedObject']) ?? {},
		reason: event.reason as string | undefined,
		message: event.note as string | undefined,
		source: source ?? {},
		firstTimestamp: (event.deprecatedFirstTimestamp as string | undefined) ?? null,
		lastTimestamp: (event.deprecatedLastTimestamp as string | undefined) ?? null,
		eventTime: (event.eventTime as string | undefined) ?? null,
		type: event.type as KubeEvent['type'],
		reportingComponent: (event.reportingController as string | undefined) ?? '',
		reportingInstance: (event.reportingInstance as string | undefined) ?? '',
		action: event.action as string | undefined,
	};
	if (event.deprecatedCount) out.count = event.deprecatedCount as number;
	if (event.series) out.series = event.series;
	if (event.related) out.related = event.related;
	return out;
}

/** Field selectors of events.k8s.io name `regarding.*`, `reportingController`, `deprecatedSource`; map to core names. */
export function eventsV1FieldSelector(text: string | null): string | null {
	if (!text) return text;
	return text
		.replaceAll('regarding.', 'involvedObject.')
		.replaceAll('reportingController', 'reportingComponent')
		.replaceAll('deprecatedSource', 'source');
}
