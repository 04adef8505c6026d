// API-server defaulting (SetDefaults_* in k8s.io/api): what a real server adds to every object it stores,
// so `kubectl get -o yaml` and client diffs look the same as against a real cluster. Applied on create,
// update and patch; idempotent.
import type {Container, Deployment, KubeObject, Pod, PodTemplateSpec, Probe, ReplicaSet, Service} from '../../k8s/types.js';
import type {ObjectStore, Resource} from '../objects.js';

type Json = Record<string, unknown>;

export function applyDefaults(resource: Resource, object: KubeObject, store: ObjectStore): KubeObject {
	switch (resource) {
		case 'deployments':
			defaultDeployment(object as Deployment);
			break;
		case 'replicasets':
			defaultReplicaSet(object as ReplicaSet);
			break;
		case 'pods':
			defaultPod(object as Pod);
			break;
		case 'services':
			defaultService(object as Service, store);
			break;
		case 'namespaces':
			defaultNamespace(object);
			break;
		default:
			break;
	}
	return object;
}

export function defaultDeployment(deployment: Deployment): Deployment {
	const spec = (deployment.spec ??= {} as Deployment['spec']);
	spec.replicas ??= 1;
	const strategy = (spec.strategy ??= {});
	strategy.type ??= 'RollingUpdate';
	if (strategy.type === 'RollingUpdate') {
		const rolling = (strategy.rollingUpdate ??= {});
		rolling.maxUnavailable ??= '25%';
		rolling.maxSurge ??= '25%';
	}
	spec.revisionHistoryLimit ??= 10;
	spec.progressDeadlineSeconds ??= 600;
	if (spec.template) defaultPodTemplate(spec.template);
	return deployment;
}

export function defaultReplicaSet(rs: ReplicaSet): ReplicaSet {
	const spec = (rs.spec ??= {} as ReplicaSet['spec']);
	spec.replicas ??= 1;
	if (spec.template) defaultPodTemplate(spec.template);
	return rs;
}

export function defaultPodTemplate(template: PodTemplateSpec): PodTemplateSpec {
	// Servers before metav1.Time's omitzero wrote an explicit null here; the recordings show it.
	template.metadata ??= {};
	if (!('creationTimestamp' in template.metadata)) template.metadata.creationTimestamp = null;
	template.spec ??= {containers: []};
	defaultPodSpec(template.spec as Json);
	return template;
}

function defaultPodSpec(spec: Json) {
	spec.restartPolicy ??= 'Always';
	spec.terminationGracePeriodSeconds ??= 30;
	spec.dnsPolicy ??= 'ClusterFirst';
	spec.securityContext ??= {};
	spec.schedulerName ??= 'default-scheduler';
	for (const list of ['containers', 'initContainers'] as const) {
		for (const container of (spec[list] as Container[] | undefined) ?? []) defaultContainer(container);
	}
}

function defaultContainer(container: Container) {
	for (const port of container.ports ?? []) port.protocol ??= 'TCP';
	container.resources ??= {};
	container.terminationMessagePath ??= '/dev/termination-log';
	container.terminationMessagePolicy ??= 'File';
	container.imagePullPolicy ??= imagePullPolicy(container.image);
	for (const probe of [container.readinessProbe, container.livenessProbe, container.startupProbe as Probe | undefined]) {
		if (!probe) continue;
		const p = probe as Probe & Json;
		p.timeoutSeconds ??= 1;
		p.periodSeconds ??= 10;
		p.successThreshold ??= 1;
		p.failureThreshold ??= 3;
		if (p.httpGet) (p.httpGet as Json).scheme ??= 'HTTP';
	}
}

/** `:latest` or no tag → Always, otherwise IfNotPresent (digests count as a tag). */
function imagePullPolicy(image: string | undefined): string {
	if (!image) return 'IfNotPresent';
	if (image.includes('@')) return 'IfNotPresent';
	const last = image.slice(image.lastIndexOf('/') + 1);
	const colon = last.lastIndexOf(':');
	if (colon === -1 || last.slice(colon + 1) === 'latest') return 'Always';
	return 'IfNotPresent';
}

export function defaultPod(pod: Pod): Pod {
	const spec = (pod.spec ??= {containers: []}) as Json;
	defaultPodSpec(spec);
	spec.serviceAccountName ??= 'default';
	spec.serviceAccount ??= spec.serviceAccountName;
	spec.tolerations ??= [
		{key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300},
		{key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300},
	];
	spec.priority ??= 0;
	spec.enableServiceLinks ??= true;
	spec.preemptionPolicy ??= 'PreemptLowerPriority';
	pod.status ??= {};
	pod.status.phase ??= 'Pending';
	pod.status.qosClass ??= 'BestEffort';
	return pod;
}

export function defaultService(service: Service, store: ObjectStore): Service {
	const spec = (service.spec ??= {});
	spec.type ??= 'ClusterIP';
	spec.sessionAffinity ??= 'None';
	if (spec.type !== 'ExternalName') {
		if (!spec.clusterIP) spec.clusterIP = allocateClusterIP(store);
		spec.clusterIPs ??= [spec.clusterIP];
		spec.ipFamilies ??= ['IPv4'];
		spec.ipFamilyPolicy ??= 'SingleStack';
		spec.internalTrafficPolicy ??= 'Cluster';
	}
	for (const port of spec.ports ?? []) {
		port.protocol ??= 'TCP';
		port.targetPort ??= port.port;
	}
	service.status ??= {loadBalancer: {}};
	return service;
}

/** A free address in 10.96.0.0/16 (10.96.0.1 is the kubernetes service, 10.96.0.10 DNS). */
function allocateClusterIP(store: ObjectStore): string {
	const used = new Set(store.list<Service>('services').map(s => s.spec?.clusterIP));
	for (let attempt = 0; attempt < 65_536; attempt++) {
		const n = 11 + Math.floor(Math.random() * (65_534 - 11));
		const ip = `10.96.${n >> 8}.${n & 255}`;
		if (!used.has(ip)) return ip;
	}
	throw new Error('service IP range exhausted');
}

export function defaultNamespace(namespace: KubeObject): KubeObject {
	const ns = namespace as KubeObject & {spec?: Json; status?: Json};
	const name = ns.metadata.name ?? '';
	ns.metadata.labels = {...ns.metadata.labels, 'kubernetes.io/metadata.name': name};
	ns.spec ??= {finalizers: ['kubernetes']};
	ns.status ??= {phase: 'Active'};
	return ns;
}
