// Server-side printing (`Accept: application/json;as=Table;g=meta.k8s.io;v=v1`): the columns and cells
// kube-apiserver's printers produce, so `kubectl get` (and -o wide, -w) looks like a real cluster's.
import type {Deployment, EndpointSlice, KubeEvent, KubeObject, Pod, ReplicaSet, Service} from '../../k8s/types.js';
import type {ApiResource} from './catalog.js';
import {ageSince} from './human-duration.js';
import {podStatusSummary} from '../../rollout/pod-status.js';
import {labelSelectorString} from '../../rollout/ownership.js';
import {formatLabels} from './selectors.js';

export type Column = {name: string; type: string; format: string; description: string; priority: number};
export type IncludeObject = 'None' | 'Metadata' | 'Object';
type Cell = string | number;
type Printer = {columns: Column[]; row(object: KubeObject, now: number): Cell[]};

const col = (name: string, type: string, description: string, priority = 0, format = ''): Column => ({name, type, format, description, priority});
const NAME = col('Name', 'string', "Name must be unique within a namespace. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names", 0, 'name');
const AGE = col('Age', 'string', 'CreationTimestamp is a timestamp representing the server time when this object was created.');

function containerCells(containers: Array<{name: string; image?: string}> | undefined): [string, string] {
	const list = containers ?? [];
	return [list.map(c => c.name).join(','), list.map(c => c.image ?? '').join(',')];
}

function selectorCell(selector: Deployment['spec']['selector'] | undefined): string {
	return labelSelectorString(selector);
}

const PRINTERS: Record<string, Printer> = {
	deployments: {
		columns: [NAME, col('Ready', 'string', 'Number of the pod with ready state'), col('Up-to-date', 'string', 'Total number of non-terminating pods targeted by this deployment that have the desired template spec.'), col('Available', 'string', 'Total number of available non-terminating pods (ready for at least minReadySeconds) targeted by this deployment.'), AGE, col('Containers', 'string', 'Names of each container in the template.', 1), col('Images', 'string', 'Images referenced by each container in the template.', 1), col('Selector', 'string', 'Label selector for pods.', 1)],
		row(object, now) {
			const d = object as Deployment;
			const [names, images] = containerCells(d.spec?.template?.spec?.containers);
			return [d.metadata.name!, `${d.status?.readyReplicas ?? 0}/${d.spec?.replicas ?? 0}`, d.status?.updatedReplicas ?? 0, d.status?.availableReplicas ?? 0, ageSince(d.metadata.creationTimestamp, now), names, images, selectorCell(d.spec?.selector)];
		},
	},
	replicasets: {
		columns: [NAME, col('Desired', 'integer', 'Number of desired pods.'), col('Current', 'integer', 'Number of actual pods.'), col('Ready', 'integer', 'Number of ready pods.'), AGE, col('Containers', 'string', 'Names of each container in the template.', 1), col('Images', 'string', 'Images referenced by each container in the template.', 1), col('Selector', 'string', 'Label selector for pods.', 1)],
		row(object, now) {
			const rs = object as ReplicaSet;
			const [names, images] = containerCells(rs.spec?.template?.spec?.containers);
			return [rs.metadata.name!, rs.spec?.replicas ?? 0, rs.status?.replicas ?? 0, rs.status?.readyReplicas ?? 0, ageSince(rs.metadata.creationTimestamp, now), names, images, selectorCell(rs.spec?.selector)];
		},
	},
	pods: {
		columns: [NAME, col('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'), col('Status', 'string', 'The aggregate status of the containers in this pod.'), col('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'), AGE, col('IP', 'string', 'IP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.', 1), col('Node', 'string', 'NodeName is a request to schedule this pod onto a specific node.', 1), col('Nominated Node', 'string', 'nominatedNodeName is set only when this pod preempts other pods on the node.', 1), col('Readiness Gates', 'string', 'If specified, all readiness gates will be evaluated for pod readiness.', 1)],
		row(object, now) {
			const pod = object as Pod;
			const s = podStatusSummary(pod);
			const restarts = s.restarts !== 0 && s.lastRestartAt ? `${s.restarts} (${ageSince(s.lastRestartAt, now)} ago)` : String(s.restarts);
			const gates = pod.spec?.readinessGates ?? [];
			const gatesCell = gates.length === 0 ? '<none>' : `${gates.filter(g => pod.status?.conditions?.find(c => c.type === g.conditionType)?.status === 'True').length}/${gates.length}`;
			const nominated = (pod.status as {nominatedNodeName?: string} | undefined)?.nominatedNodeName;
			return [pod.metadata.name!, `${s.ready}/${s.total}`, s.status, restarts, ageSince(pod.metadata.creationTimestamp, now), pod.status?.podIPs?.[0]?.ip || '<none>', pod.spec?.nodeName || '<none>', nominated || '<none>', gatesCell];
		},
	},
	services: {
		columns: [NAME, col('Type', 'string', 'type determines how the Service is exposed.'), col('Cluster-IP', 'string', 'clusterIP is the IP address of the service and is usually assigned randomly.'), col('External-IP', 'string', 'externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service.'), col('Port(s)', 'string', 'The list of ports that are exposed by this service.'), AGE, col('Selector', 'string', 'Route service traffic to pods with label keys and values matching this selector.', 1)],
		row(object, now) {
			const svc = object as Service;
			const spec = svc.spec ?? {};
			const ports = (spec.ports ?? []).map(p => (p.nodePort ? `${p.port}:${p.nodePort}/${p.protocol ?? 'TCP'}` : `${p.port}/${p.protocol ?? 'TCP'}`)).join(',');
			const external = (spec.externalIPs as string[] | undefined)?.join(',') || (spec.type === 'LoadBalancer' ? '<pending>' : spec.type === 'ExternalName' ? String(spec.externalName ?? '<none>') : '<none>');
			return [svc.metadata.name!, spec.type ?? 'ClusterIP', spec.clusterIPs?.[0] ?? spec.clusterIP ?? '<none>', external, ports || '<none>', ageSince(svc.metadata.creationTimestamp, now), formatLabels(spec.selector)];
		},
	},
	endpoints: {
		columns: [NAME, col('Endpoints', 'string', 'Endpoints of the service'), AGE],
		row(object, now) {
			return [object.metadata.name!, formatEndpoints(object as EndpointsObject), ageSince(object.metadata.creationTimestamp, now)];
		},
	},
	endpointslices: {
		columns: [NAME, col('AddressType', 'string', 'addressType specifies the type of address carried by this EndpointSlice.'), col('Ports', 'string', 'ports specifies the list of network ports exposed by each endpoint in this slice.'), col('Endpoints', 'string', 'endpoints is a list of unique endpoints in this slice.'), AGE],
		row(object, now) {
			const slice = object as EndpointSlice;
			const ports = (slice.ports ?? []).map(p => (p.port === undefined ? '<unset>' : String(p.port)));
			const addresses = (slice.endpoints ?? []).flatMap(e => e.addresses);
			return [slice.metadata.name!, slice.addressType, truncated(ports) || '<unset>', truncated(addresses) || '<unset>', ageSince(slice.metadata.creationTimestamp, now)];
		},
	},
	events: {
		columns: [col('Last Seen', 'string', 'The time at which the most recent occurrence of this event was recorded.'), col('Type', 'string', 'Type of this event (Normal, Warning), new types could be added in the future'), col('Reason', 'string', "This should be a short, machine understandable string that gives the reason for the transition into the object's current status."), col('Object', 'string', 'The object that this event is about.'), col('Subobject', 'string', 'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement.', 1), col('Source', 'string', 'The component reporting this event. Should be a short machine understandable string.', 1), col('Message', 'string', 'A human-readable description of the status of this operation.'), col('First Seen', 'string', 'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)', 1), col('Count', 'string', 'The number of times this event has occurred.', 1), col('Name', 'string', "Name must be unique within a namespace.", 1, 'name')],
		row(object, now) {
			const e = object as KubeEvent;
			const first = e.firstTimestamp ? ageSince(e.firstTimestamp, now) : ageSince(e.eventTime, now);
			const last = e.lastTimestamp ? ageSince(e.lastTimestamp, now) : first;
			const target = e.involvedObject?.name ? `${(e.involvedObject.kind ?? '').toLowerCase()}/${e.involvedObject.name}` : (e.involvedObject?.kind ?? '').toLowerCase();
			const source = e.source?.component ? (e.source.host ? `${e.source.component}, ${e.source.host}` : e.source.component) : e.reportingComponent ? (e.reportingInstance ? `${e.reportingComponent}, ${e.reportingInstance}` : e.reportingComponent) : '';
			return [last, e.type ?? '', e.reason ?? '', target, e.involvedObject?.fieldPath ?? '', source, (e.message ?? '').trim(), first, e.count || 1, e.metadata.name!];
		},
	},
	nodes: {
		columns: [NAME, col('Status', 'string', 'The status of the node'), col('Roles', 'string', 'The roles of the node'), AGE, col('Version', 'string', 'Kubelet Version reported by the node.'), col('Internal-IP', 'string', 'List of internal IPs.', 1), col('External-IP', 'string', 'List of external IPs.', 1), col('OS-Image', 'string', 'OS Image reported by the node from /etc/os-release (e.g. Debian GNU/Linux 7 (wheezy)).', 1), col('Kernel-Version', 'string', "Kernel Version reported by the node from 'uname -r' (e.g. 3.16.0-0.bpo.4-amd64).", 1), col('Container-Runtime', 'string', 'Container runtime version reported by the node through runtime remote API (e.g. containerd://1.4.2).', 1)],
		row(object, now) {
			const status = (object as {status?: {conditions?: Array<{type: string; status: string}>; addresses?: Array<{type: string; address: string}>; nodeInfo?: Record<string, string>}}).status ?? {};
			const ready = status.conditions?.find(c => c.type === 'Ready')?.status === 'True' ? 'Ready' : 'NotReady';
			const address = (type: string) => status.addresses?.filter(a => a.type === type).map(a => a.address).join(',') || '<none>';
			const info = status.nodeInfo ?? {};
			return [object.metadata.name!, ready, '<none>', ageSince(object.metadata.creationTimestamp, now), info.kubeletVersion ?? '', address('InternalIP'), address('ExternalIP'), info.osImage ?? '', info.kernelVersion ?? '', info.containerRuntimeVersion ?? ''];
		},
	},
	namespaces: {
		columns: [NAME, col('Status', 'string', 'The status of the namespace'), AGE],
		row(object, now) {
			const phase = (object as {status?: {phase?: string}}).status?.phase ?? '';
			return [object.metadata.name!, phase, ageSince(object.metadata.creationTimestamp, now)];
		},
	},
};

const DEFAULT_PRINTER: Printer = {
	columns: [NAME, col('Created At', 'date', 'CreationTimestamp is a timestamp representing the server time when this object was created.')],
	row: object => [object.metadata.name!, object.metadata.creationTimestamp ?? ''],
};

type EndpointsObject = KubeObject & {subsets?: Array<{addresses?: Array<{ip: string}>; ports?: Array<{port: number; name?: string}>}>};

/** printEndpoints' formatEndpoints: at most three `ip:port`, then ` + N more...`. */
function formatEndpoints(endpoints: EndpointsObject): string {
	const subsets = endpoints.subsets ?? [];
	if (subsets.length === 0) return '<none>';
	const list: string[] = [];
	let count = 0;
	let more = false;
	for (const subset of subsets) {
		const addresses = subset.addresses ?? [];
		const ports = subset.ports ?? [];
		for (const port of ports.length ? ports : [undefined]) {
			count += addresses.length;
			for (const address of addresses) {
				if (list.length === 3) {
					more = true;
					break;
				}
				list.push(port ? `${address.ip}:${port.port}` : address.ip);
			}
		}
	}
	return more ? `${list.join(',')} + ${count - 3} more...` : list.join(',');
}

function truncated(values: string[]): string {
	return values.length > 3 ? `${values.slice(0, 3).join(',')} + ${values.length - 3} more...` : values.join(',');
}

function printerFor(resource: ApiResource): Printer {
	return PRINTERS[resource.name] ?? DEFAULT_PRINTER;
}

export type TableOptions = {
	now: number;
	includeObject: IncludeObject;
	version: 'v1' | 'v1beta1';
	resourceVersion?: string;
	/** A list page's metadata (resourceVersion, continue, remainingItemCount); wins over resourceVersion. */
	listMeta?: {resourceVersion: string; continue?: string; remainingItemCount?: number};
	withColumns: boolean;
};

export function toTable(resource: ApiResource, objects: KubeObject[], options: TableOptions) {
	const printer = printerFor(resource);
	return {
		kind: 'Table',
		apiVersion: `meta.k8s.io/${options.version}`,
		metadata: options.listMeta ?? (options.resourceVersion ? {resourceVersion: options.resourceVersion} : {}),
		columnDefinitions: options.withColumns ? printer.columns : null,
		rows: objects.map(object => {
			const row: Record<string, unknown> = {cells: printer.row(object, options.now)};
			if (options.includeObject === 'Object') row.object = object;
			else if (options.includeObject === 'Metadata') row.object = {kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: object.metadata};
			return row;
		}),
	};
}

export function parseIncludeObject(value: string | null): IncludeObject {
	return value === 'None' || value === 'Object' ? value : 'Metadata';
}
