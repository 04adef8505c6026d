// More of what kubectl shows and does against the demo API server: services with endpoints, slices,
// sorted events, access checks, server-side dry run and the classic list+watch rollout status.
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Deployment, EndpointSlice, KubeEvent, KubeObject, Service} from '../../source/k8s/types.js';
import {applyDefaults} from '../../source/demo/server.js';
import type {DemoServer} from '../support/demo-server.js';
import {startDemoServer} from '../support/demo-server.js';
import {ensureNamespace, seedDeployment, seedPod, seedReplicaSet, setDeploymentStatus} from './api-seed.js';

let demo: DemoServer;
beforeAll(async () => {
	demo = await startDemoServer({namespace: 'views', nodes: ['node-a']});
	const {store} = demo;
	ensureNamespace(store, 'views');
	const service = store.create<Service>('services', applyDefaults('services', {metadata: {name: 'app', namespace: 'views'}, spec: {selector: {app: 'app'}, ports: [{port: 80, targetPort: 8080}]}} as Service, store) as Service);
	const ips = ['10.244.0.191', '10.244.0.192', '10.244.0.193', '10.244.0.194', '10.244.0.195'];
	store.create<KubeObject & {subsets: unknown[]}>('endpoints', {metadata: {name: 'app', namespace: 'views'}, subsets: [{addresses: ips.map(ip => ({ip})), ports: [{port: 8080, protocol: 'TCP'}]}]});
	store.create<EndpointSlice>('endpointslices', {
		metadata: {name: 'app-x7k2p', namespace: 'views', labels: {'kubernetes.io/service-name': 'app'}, ownerReferences: [{apiVersion: 'v1', kind: 'Service', name: 'app', uid: service.metadata.uid!, controller: true}]},
		addressType: 'IPv4',
		endpoints: ips.slice(0, 2).map(ip => ({addresses: [ip], conditions: {ready: true}})),
		ports: [{name: '', protocol: 'TCP', port: 8080}],
	});
	const at = (s: number) => new Date(Date.parse(service.metadata.creationTimestamp!) - s * 1000).toISOString().replace('.000Z', 'Z');
	const event = (name: string, reason: string, secondsAgo: number): KubeEvent => ({metadata: {name, namespace: 'views'}, involvedObject: {kind: 'Pod', namespace: 'views', name: 'app-1'}, reason, message: `${reason} happened`, source: {component: 'kubelet', host: 'fake-node-1'}, firstTimestamp: at(secondsAgo), lastTimestamp: at(secondsAgo), count: 1, type: 'Normal'});
	store.create('events', event('a.1', 'Started', 10));
	store.create('events', event('a.2', 'Pulled', 200));
});
afterAll(async () => {
	await demo?.close();
});

describe('kubectl views', () => {
	it('shows services and endpoints with -o wide as the recordings do', async () => {
		const result = await demo.kubectl(['get', 'svc,endpoints', '-o', 'wide']);
		expect(result.code).toBe(0);
		const [services, endpoints] = result.stdout.split('\n\n');
		expect(services).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\s+SELECTOR\nservice\/app\s+ClusterIP\s+10\.96\.\d+\.\d+\s+<none>\s+80\/TCP\s+\d+s\s+app=app$/);
		expect(endpoints).toMatch(/^NAME\s+ENDPOINTS\s+AGE\nendpoints\/app\s+10\.244\.0\.191:8080,10\.244\.0\.192:8080,10\.244\.0\.193:8080 \+ 2 more\.\.\.\s+\d+s\n$/);
	});

	it('shows endpointslices with address type, ports and endpoints', async () => {
		const result = await demo.kubectl(['get', 'endpointslices']);
		expect(result.stdout).toMatch(/^NAME\s+ADDRESSTYPE\s+PORTS\s+ENDPOINTS\s+AGE\napp-x7k2p\s+IPv4\s+8080\s+10\.244\.0\.191,10\.244\.0\.192\s+\d+s\n$/);
	});

	it('sorts events by lastTimestamp (kubectl asks for whole objects in the table) and shows wide columns', async () => {
		const sorted = await demo.kubectl(['get', 'events', '--sort-by=.lastTimestamp']);
		expect(sorted.stdout).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE\n3m\d+s\s+Normal\s+Pulled\s+pod\/app-1\s+Pulled happened\n\d+s\s+Normal\s+Started\s+pod\/app-1\s+Started happened\n$/);
		const wide = await demo.kubectl(['get', 'events', '-o', 'wide', '--field-selector', 'reason=Started']);
		expect(wide.stdout).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+SUBOBJECT\s+SOURCE\s+MESSAGE\s+FIRST SEEN\s+COUNT\s+NAME\n\d+s\s+Normal\s+Started\s+pod\/app-1\s+kubelet, fake-node-1\s+Started happened\s+\d+s\s+1\s+a\.1\n$/);
	});

	it('answers access checks with yes', async () => {
		expect(await demo.kubectl(['auth', 'can-i', 'patch', 'deployments'])).toMatchObject({code: 0, stdout: 'yes\n'});
	});

	it('stores nothing on a server-side dry run', async () => {
		const manifest = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: dry}\nspec:\n  selector: {matchLabels: {app: dry}}\n  template:\n    metadata: {labels: {app: dry}}\n    spec: {containers: [{name: app, image: dry:1}]}\n';
		const result = await demo.kubectl(['apply', '--dry-run=server', '-f', '-'], {stdin: manifest});
		expect(result).toMatchObject({code: 0, stdout: 'deployment.apps/dry created (server dry run)\n'});
		expect(demo.store.get('deployments', 'views', 'dry')).toBeUndefined();
	});

	it('serves rollout status through the classic list + watch too (watch-list disabled)', async () => {
		seedDeployment(demo.store, 'views', 'classic', {replicas: 1});
		setDeploymentStatus(demo.store, 'views', 'classic', {observedGeneration: 1, replicas: 1, updatedReplicas: 1, readyReplicas: 1, availableReplicas: 1});
		const result = await demo.kubectl(['rollout', 'status', 'deploy/classic', '--timeout=15s'], {env: {KUBE_FEATURE_WatchListClient: 'false'}});
		expect(result).toMatchObject({code: 0, stdout: 'deployment "classic" successfully rolled out\n'});
	});

	it('creates objects from kubectl generators, whose typed clients send protobuf', async () => {
		expect(await demo.kubectl(['create', 'deployment', 'gen', '--image=nginx:1.25', '--replicas=2', '--port=80'])).toMatchObject({code: 0, stdout: 'deployment.apps/gen created\n'});
		const deployment = demo.store.mustGet<Deployment>('deployments', 'views', 'gen');
		expect(deployment.metadata.labels).toEqual({app: 'gen'});
		expect(deployment.spec).toMatchObject({replicas: 2, selector: {matchLabels: {app: 'gen'}}, strategy: {type: 'RollingUpdate'}});
		expect(deployment.spec.template.spec.containers).toEqual([{name: 'nginx', image: 'nginx:1.25', ports: [{containerPort: 80, protocol: 'TCP'}], resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent'}]);
		expect(await demo.kubectl(['create', 'service', 'clusterip', 'gen', '--tcp=80:8080'])).toMatchObject({code: 0, stdout: 'service/gen created\n'});
		expect(demo.store.mustGet<Service>('services', 'views', 'gen').spec).toMatchObject({type: 'ClusterIP', selector: {app: 'gen'}, ports: [{name: '80-8080', port: 80, targetPort: 8080, protocol: 'TCP'}]});
		expect(await demo.kubectl(['run', 'solo', '--image=busybox:1', '--labels=run=solo'])).toMatchObject({code: 0, stdout: 'pod/solo created\n'});
		expect((await demo.kubectl(['get', 'pod', 'solo'])).stdout).toMatch(/^solo\s+0\/1\s+Pending\s+0\s+\d+s$/m);
	});

	it('creates namespaces and lists pods across them with a NAMESPACE column', async () => {
		expect(await demo.kubectl(['create', 'namespace', 'other'])).toMatchObject({code: 0, stdout: 'namespace/other created\n'});
		const namespaces = await demo.kubectl(['get', 'ns']);
		expect(namespaces.stdout).toMatch(/^NAME\s+STATUS\s+AGE\n/);
		expect(namespaces.stdout).toMatch(/^other\s+Active\s+\d+s$/m);
		const owner = seedDeployment(demo.store, 'other', 'web');
		seedPod(demo.store, seedReplicaSet(demo.store, owner, 1, 'web:1', 1), 'zzzzz', 'ContainerCreating');
		const all = await demo.kubectl(['get', 'pods', '-A', '-l', 'app=web']);
		expect(all.stdout).toMatch(/^NAMESPACE\s+NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\nother\s+web-h1x5-zzzzz\s+0\/1\s+ContainerCreating\s+0\s+\d+s\n$/);
	});

	it('describes a pod with its events', async () => {
		const owner = seedDeployment(demo.store, 'views', 'desc');
		const pod = seedPod(demo.store, seedReplicaSet(demo.store, owner, 1, 'desc:1', 1), 'ppppp', 'Running');
		demo.store.create<KubeEvent>('events', {metadata: {name: 'desc.1', namespace: 'views'}, involvedObject: {kind: 'Pod', namespace: 'views', name: pod.metadata.name!, uid: pod.metadata.uid!}, reason: 'Started', message: 'Started container app', source: {component: 'kubelet'}, firstTimestamp: pod.metadata.creationTimestamp!, lastTimestamp: pod.metadata.creationTimestamp!, count: 1, type: 'Normal'});
		const result = await demo.kubectl(['describe', 'pod', pod.metadata.name!]);
		expect(result.code).toBe(0);
		expect(result.stdout).toMatch(/^Status:\s+Running$/m);
		expect(result.stdout).toMatch(/^Controlled By:\s+ReplicaSet\/desc-h1x6$/m);
		expect(result.stdout).toMatch(/Normal\s+Started\s+\d+s\s+kubelet\s+Started container app/);
	});

	it('warns about unknown fields when asked to (--validate=warn) and stores the rest', async () => {
		const manifest = 'apiVersion: v1\nkind: Service\nmetadata: {name: warned}\nspec:\n  ports: [{port: 80, portt: 81}]\n';
		const result = await demo.kubectl(['create', '--validate=warn', '-f', '-'], {stdin: manifest});
		expect(result).toMatchObject({code: 0, stdout: 'service/warned created\n'});
		expect(result.stderr).toContain('Warning: unknown field "spec.ports[0].portt"');
		expect(demo.store.get('services', 'views', 'warned')).toBeDefined();
	});

	it('lists the given nodes and the nodes pods are bound to, Ready, and describes one', async () => {
		const owner = seedDeployment(demo.store, 'views', 'bound');
		seedPod(demo.store, seedReplicaSet(demo.store, owner, 1, 'bound:1', 1), 'nnnnn', 'Running');
		const nodes = await demo.kubectl(['get', 'nodes', '-o', 'wide']);
		expect(nodes.stdout).toMatch(/^NAME\s+STATUS\s+ROLES\s+AGE\s+VERSION\s+INTERNAL-IP\s+EXTERNAL-IP\s+OS-IMAGE\s+KERNEL-VERSION\s+CONTAINER-RUNTIME\nfake-node-1\s+Ready\s+<none>\s+\d+s\s+v1\.35\.0\s+10\.254\.0\.1\s+<none>\s+rollwatch demo\s+6\.8\.0\s+containerd:\/\/2\.1\.0\nnode-a\s+Ready\s+<none>\s+\d+s\s+v1\.35\.0\s+<none>\s+<none>/);
		const described = await demo.kubectl(['describe', 'node', 'fake-node-1']);
		expect(described.code).toBe(0);
		expect(described.stdout).toMatch(/^Name:\s+fake-node-1$/m);
		expect(described.stdout).toMatch(/views\s+bound-h1x7-nnnnn/);
	});
});
