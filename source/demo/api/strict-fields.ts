// Unknown-field detection for `fieldValidation=Strict|Warn` (kubectl apply/create send Strict, having found
// the parameter in our OpenAPI). A schema of the known field names of the kinds rollwatch manifests use;
// `true` accepts any value below that point.
type Schema = true | {[field: string]: Schema} | [Schema];

const META: Schema = Object.fromEntries(
	['name', 'generateName', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'deletionTimestamp', 'deletionGracePeriodSeconds', 'labels', 'annotations', 'ownerReferences', 'finalizers', 'managedFields', 'selfLink'].map(k => [k, true]),
);

const any = (...keys: string[]): Record<string, true> => Object.fromEntries(keys.map(k => [k, true]));

const CONTAINER: Schema = {
	...any('name', 'image', 'command', 'args', 'workingDir', 'envFrom', 'env', 'resources', 'resizePolicy', 'restartPolicy', 'volumeMounts', 'volumeDevices', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'terminationMessagePath', 'terminationMessagePolicy', 'imagePullPolicy', 'securityContext', 'stdin', 'stdinOnce', 'tty'),
	ports: [any('name', 'hostPort', 'containerPort', 'protocol', 'hostIP')],
};

const POD_SPEC: Schema = {
	...any('volumes', 'ephemeralContainers', 'restartPolicy', 'terminationGracePeriodSeconds', 'activeDeadlineSeconds', 'dnsPolicy', 'nodeSelector', 'serviceAccountName', 'serviceAccount', 'automountServiceAccountToken', 'nodeName', 'hostNetwork', 'hostPID', 'hostIPC', 'shareProcessNamespace', 'securityContext', 'imagePullSecrets', 'hostname', 'subdomain', 'affinity', 'schedulerName', 'tolerations', 'hostAliases', 'priorityClassName', 'priority', 'dnsConfig', 'readinessGates', 'runtimeClassName', 'enableServiceLinks', 'preemptionPolicy', 'overhead', 'topologySpreadConstraints', 'setHostnameAsFQDN', 'os', 'hostUsers', 'schedulingGates', 'resourceClaims', 'resources'),
	containers: [CONTAINER],
	initContainers: [CONTAINER],
};

const TEMPLATE: Schema = {metadata: META, spec: POD_SPEC};
const TOP = any('apiVersion', 'kind', 'status');

const SCHEMAS: Record<string, Schema> = {
	deployments: {...TOP, metadata: META, spec: {...any('replicas', 'selector', 'minReadySeconds', 'revisionHistoryLimit', 'paused', 'progressDeadlineSeconds'), template: TEMPLATE, strategy: {type: true, rollingUpdate: any('maxUnavailable', 'maxSurge')}}},
	replicasets: {...TOP, metadata: META, spec: {...any('replicas', 'minReadySeconds', 'selector'), template: TEMPLATE}},
	pods: {...TOP, metadata: META, spec: POD_SPEC},
	services: {
		...TOP,
		metadata: META,
		spec: {
			...any('selector', 'clusterIP', 'clusterIPs', 'type', 'externalIPs', 'sessionAffinity', 'loadBalancerIP', 'loadBalancerSourceRanges', 'externalName', 'externalTrafficPolicy', 'healthCheckNodePort', 'publishNotReadyAddresses', 'sessionAffinityConfig', 'ipFamilies', 'ipFamilyPolicy', 'allocateLoadBalancerNodePorts', 'loadBalancerClass', 'internalTrafficPolicy', 'trafficDistribution'),
			ports: [any('name', 'protocol', 'appProtocol', 'port', 'targetPort', 'nodePort')],
		},
	},
	namespaces: {...TOP, metadata: META, spec: true},
};

/** Paths of fields the schema does not know, formatted as the API server does (`spec.containers[0].foo`). */
export function unknownFields(resource: string, object: unknown): string[] {
	const schema = SCHEMAS[resource];
	if (!schema) return [];
	const out: string[] = [];
	walk(schema, object, '', out);
	return out;
}

function walk(schema: Schema, value: unknown, path: string, out: string[]) {
	if (schema === true || value === null || typeof value !== 'object') return;
	if (Array.isArray(schema)) {
		if (Array.isArray(value)) value.forEach((item, i) => walk(schema[0], item, `${path}[${i}]`, out));
		return;
	}
	if (Array.isArray(value)) return;
	for (const [key, child] of Object.entries(value)) {
		const sub = schema[key];
		const at = path ? `${path}.${key}` : key;
		if (sub === undefined) out.push(at);
		else walk(sub, child, at, out);
	}
}
