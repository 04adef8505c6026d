// Nodes are not stored: the demo cluster has the nodes it was told about plus every node a pod is bound
// to, always Ready, so `kubectl get nodes` and `describe node` look like a small real cluster.
import {createHash} from 'node:crypto';
import type {KubeObject, Pod} from '../../k8s/types.js';
import type {ObjectStore} from '../objects.js';

export type NodeSource = {names: string[]; createdAt: string};

export function listNodes(store: ObjectStore, source: NodeSource): KubeObject[] {
	const hostIPs = new Map<string, string | undefined>(source.names.map(name => [name, undefined]));
	for (const pod of store.list<Pod>('pods')) {
		const node = pod.spec?.nodeName;
		if (node && !hostIPs.get(node)) hostIPs.set(node, pod.status?.hostIP);
	}
	return [...hostIPs].map(([name, hostIP]) => node(name, hostIP, source.createdAt, store.resourceVersion));
}

function node(name: string, hostIP: string | undefined, createdAt: string, rv: number): KubeObject {
	const uid = createHash('sha1').update(`node/${name}`).digest('hex');
	return {
		kind: 'Node',
		apiVersion: 'v1',
		metadata: {
			name,
			uid: `${uid.slice(0, 8)}-${uid.slice(8, 12)}-${uid.slice(12, 16)}-${uid.slice(16, 20)}-${uid.slice(20, 32)}`,
			resourceVersion: String(rv),
			creationTimestamp: createdAt,
			labels: {'kubernetes.io/arch': 'amd64', 'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux'},
		},
		spec: {},
		status: {
			conditions: [{type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status', lastHeartbeatTime: createdAt, lastTransitionTime: createdAt}],
			addresses: [...(hostIP ? [{type: 'InternalIP', address: hostIP}] : []), {type: 'Hostname', address: name}],
			nodeInfo: {kubeletVersion: 'v1.35.0', osImage: 'rollwatch demo', kernelVersion: '6.8.0', containerRuntimeVersion: 'containerd://2.1.0', operatingSystem: 'linux', architecture: 'amd64'},
		},
	} as KubeObject;
}
