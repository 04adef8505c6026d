// Minimal shapes of the Kubernetes objects rollwatch reads and the demo cluster serves.
// Plain JSON (timestamps are RFC 3339 strings), as they arrive on the wire: no client-node classes,
// so pure code (source/rollout) and the demo cluster can share them.

export type Labels = Record<string, string>;

export type OwnerReference = {
	apiVersion: string;
	kind: string;
	name: string;
	uid: string;
	controller?: boolean;
	blockOwnerDeletion?: boolean;
};

export type ObjectMeta = {
	name?: string;
	generateName?: string;
	namespace?: string;
	uid?: string;
	resourceVersion?: string;
	generation?: number;
	creationTimestamp?: string | null;
	deletionTimestamp?: string;
	deletionGracePeriodSeconds?: number;
	labels?: Labels;
	annotations?: Record<string, string>;
	ownerReferences?: OwnerReference[];
	finalizers?: string[];
};

export type KubeObject = {
	apiVersion?: string;
	kind?: string;
	metadata: ObjectMeta;
};

export type LabelSelectorRequirement = {key: string; operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist'; values?: string[]};
export type LabelSelector = {matchLabels?: Labels; matchExpressions?: LabelSelectorRequirement[]};

export type Condition = {
	type: string;
	status: 'True' | 'False' | 'Unknown';
	reason?: string;
	message?: string;
	lastUpdateTime?: string;
	lastTransitionTime?: string;
	lastProbeTime?: string | null;
};

export type Probe = {
	initialDelaySeconds?: number;
	periodSeconds?: number;
	httpGet?: {path?: string; port: number | string};
	tcpSocket?: {port: number | string};
	exec?: {command: string[]};
};

export type Container = {
	name: string;
	image?: string;
	ports?: Array<{containerPort: number; name?: string; protocol?: string}>;
	env?: Array<{name: string; value?: string}>;
	readinessProbe?: Probe;
	livenessProbe?: Probe;
	resources?: Record<string, unknown>;
	[key: string]: unknown;
};

export type PodTemplateSpec = {
	metadata?: ObjectMeta;
	spec: {containers: Container[]; initContainers?: Container[]; [key: string]: unknown};
};

export type IntOrString = number | string;

export type DeploymentStrategy = {
	type?: 'RollingUpdate' | 'Recreate';
	rollingUpdate?: {maxSurge?: IntOrString; maxUnavailable?: IntOrString};
};

export type Deployment = KubeObject & {
	spec: {
		replicas?: number;
		selector: LabelSelector;
		template: PodTemplateSpec;
		strategy?: DeploymentStrategy;
		minReadySeconds?: number;
		revisionHistoryLimit?: number;
		progressDeadlineSeconds?: number;
		paused?: boolean;
	};
	status?: {
		observedGeneration?: number;
		replicas?: number;
		updatedReplicas?: number;
		readyReplicas?: number;
		availableReplicas?: number;
		unavailableReplicas?: number;
		terminatingReplicas?: number;
		collisionCount?: number;
		conditions?: Condition[];
	};
};

export type ReplicaSet = KubeObject & {
	spec: {
		replicas?: number;
		minReadySeconds?: number;
		selector: LabelSelector;
		template: PodTemplateSpec;
	};
	status?: {
		replicas: number;
		fullyLabeledReplicas?: number;
		readyReplicas?: number;
		availableReplicas?: number;
		terminatingReplicas?: number;
		observedGeneration?: number;
		conditions?: Condition[];
	};
};

export type ContainerState = {
	waiting?: {reason?: string; message?: string};
	running?: {startedAt?: string};
	terminated?: {reason?: string; message?: string; exitCode: number; signal?: number; startedAt?: string; finishedAt?: string; containerID?: string};
};

export type ContainerStatus = {
	name: string;
	image: string;
	imageID: string;
	ready: boolean;
	started?: boolean;
	restartCount: number;
	state?: ContainerState;
	lastState?: ContainerState;
	containerID?: string;
};

export type Pod = KubeObject & {
	spec: {
		containers: Container[];
		initContainers?: Container[];
		nodeName?: string;
		readinessGates?: Array<{conditionType: string}>;
		terminationGracePeriodSeconds?: number;
		[key: string]: unknown;
	};
	status?: {
		phase?: 'Pending' | 'Running' | 'Succeeded' | 'Failed' | 'Unknown';
		conditions?: Condition[];
		hostIP?: string;
		podIP?: string;
		podIPs?: Array<{ip: string}>;
		startTime?: string;
		reason?: string;
		message?: string;
		containerStatuses?: ContainerStatus[];
		initContainerStatuses?: ContainerStatus[];
		qosClass?: string;
	};
};

export type ServicePort = {name?: string; protocol?: string; port: number; targetPort?: IntOrString; nodePort?: number};

export type Service = KubeObject & {
	spec: {
		selector?: Labels;
		ports?: ServicePort[];
		type?: string;
		clusterIP?: string;
		clusterIPs?: string[];
		publishNotReadyAddresses?: boolean;
		[key: string]: unknown;
	};
	status?: Record<string, unknown>;
};

export type EndpointConditions = {ready?: boolean | null; serving?: boolean | null; terminating?: boolean | null};

export type Endpoint = {
	addresses: string[];
	conditions?: EndpointConditions;
	hostname?: string;
	nodeName?: string;
	zone?: string;
	targetRef?: {kind?: string; namespace?: string; name?: string; uid?: string};
};

export type EndpointSlice = KubeObject & {
	addressType: 'IPv4' | 'IPv6' | 'FQDN';
	endpoints: Endpoint[] | null;
	ports?: Array<{name?: string; protocol?: string; port?: number; appProtocol?: string}> | null;
};

export type ObjectReference = {kind?: string; namespace?: string; name?: string; uid?: string; apiVersion?: string; resourceVersion?: string; fieldPath?: string};

/** core/v1 Event (events.k8s.io/v1 is served from the same store, converted at the edge). */
export type KubeEvent = KubeObject & {
	involvedObject: ObjectReference;
	reason?: string;
	message?: string;
	source?: {component?: string; host?: string};
	firstTimestamp?: string | null;
	lastTimestamp?: string | null;
	eventTime?: string | null;
	count?: number;
	/** Set instead of count/lastTimestamp by events.k8s.io-style recorders for a repeating event. */
	series?: {count?: number; lastObservedTime?: string} | null;
	type?: 'Normal' | 'Warning';
	reportingComponent?: string;
	reportingInstance?: string;
	action?: string;
};

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';
export type WatchEvent<T extends KubeObject = KubeObject> = {type: WatchEventType; object: T};
