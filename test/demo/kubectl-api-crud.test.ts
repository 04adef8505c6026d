// Real kubectl 1.35 against the demo API server with no controllers: create/apply/get/describe/delete
// and errors printed exactly as against a real cluster.
import {readFileSync} from 'node:fs';
import {afterAll, beforeAll, describe, expect, it} from 'vitest';
import type {Deployment, KubeEvent, Pod, ReplicaSet, Service} from '../../source/k8s/types.js';
import type {DemoServer} from '../support/demo-server.js';
import {startDemoServer} from '../support/demo-server.js';
import {ensureNamespace, seedDeployment, seedPod, seedReplicaSet} from './api-seed.js';

const rollingManifest = readFileSync(new URL('../fixtures/demo-api/rolling-apply.yaml', import.meta.url), 'utf8');
const brokenManifest = readFileSync(new URL('../fixtures/demo-api/broken-apply.yaml', import.meta.url), 'utf8');

let demo: DemoServer;
beforeAll(async () => {
	demo = await startDemoServer();
});
afterAll(async () => {
	await demo?.close();
});

const kubectl = (ns: string, ...args: string[]) => demo.kubectl(['-n', ns, ...args]);

describe('kubectl apply / create', () => {
	it('applies the recorded manifest, stores a defaulted Deployment and Service, then configures it', async () => {
		ensureNamespace(demo.store, 'apply');
		const first = await demo.kubectl(['-n', 'apply', 'apply', '-f', '-'], {stdin: rollingManifest});
		expect(first).toMatchObject({code: 0, stderr: ''});
		expect(first.stdout).toBe('deployment.apps/app-rolling created\nservice/app-rolling created\n');
		const deployment = demo.store.mustGet<Deployment>('deployments', 'apply', 'app-rolling');
		expect(deployment.metadata.generation).toBe(1);
		expect(deployment.spec).toMatchObject({replicas: 5, revisionHistoryLimit: 10, progressDeadlineSeconds: 600, strategy: {type: 'RollingUpdate', rollingUpdate: {maxSurge: 1, maxUnavailable: 1}}});
		expect(deployment.spec.template).toEqual({
			metadata: {creationTimestamp: null, labels: {name: 'app-rolling'}},
			spec: {
				containers: [{name: 'app-rolling', image: 'arungupta/app-upgrade:v1', ports: [{containerPort: 8080, protocol: 'TCP'}], resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent'}],
				restartPolicy: 'Always',
				terminationGracePeriodSeconds: 30,
				dnsPolicy: 'ClusterFirst',
				securityContext: {},
				schedulerName: 'default-scheduler',
			},
		});
		const service = demo.store.mustGet<Service>('services', 'apply', 'app-rolling');
		expect(service.spec.clusterIP).toMatch(/^10\.96\.\d+\.\d+$/);
		expect(service.spec.ports).toEqual([{port: 80, targetPort: 8080, protocol: 'TCP'}]);

		const again = await demo.kubectl(['-n', 'apply', 'apply', '-f', '-'], {stdin: rollingManifest.replace('replicas: 5', 'replicas: 3')});
		expect(again.stdout).toBe('deployment.apps/app-rolling configured\nservice/app-rolling unchanged\n');
		const updated = demo.store.mustGet<Deployment>('deployments', 'apply', 'app-rolling');
		expect(updated.spec.replicas).toBe(3);
		expect(updated.metadata.generation).toBe(2);
	});

	it('switches the strategy to Recreate on apply ($retainKeys drops rollingUpdate)', async () => {
		const recreate = rollingManifest.replace('  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: 1\n      maxUnavailable: 1\n', '  strategy:\n    type: Recreate\n');
		expect(recreate).not.toBe(rollingManifest);
		const result = await demo.kubectl(['-n', 'apply', 'apply', '-f', '-'], {stdin: recreate});
		expect(result).toMatchObject({code: 0, stdout: 'deployment.apps/app-rolling configured\nservice/app-rolling unchanged\n'});
		expect(demo.store.mustGet<Deployment>('deployments', 'apply', 'app-rolling').spec.strategy).toEqual({type: 'Recreate'});
	});

	it('creates with create -f, then reports AlreadyExists like a real server', async () => {
		ensureNamespace(demo.store, 'create');
		const created = await kubectl('create', 'create', '-f', '-').then(() => demo.kubectl(['-n', 'create', 'create', '-f', '-'], {stdin: brokenManifest}));
		expect(created.code).toBe(0);
		expect(created.stdout).toBe('deployment.apps/api created\nservice/api created\n');
		const again = await demo.kubectl(['-n', 'create', 'create', '-f', '-'], {stdin: brokenManifest});
		expect(again.code).toBe(1);
		expect(again.stderr).toContain('Error from server (AlreadyExists): error when creating "STDIN": deployments.apps "api" already exists');
	});

	it('rejects unknown fields (kubectl validates server-side with fieldValidation=Strict) and stores nothing', async () => {
		ensureNamespace(demo.store, 'strict');
		const result = await demo.kubectl(['-n', 'strict', 'apply', '-f', '-'], {stdin: brokenManifest.replace('  replicas: 3', '  replicas: 3\n  replica: 4')});
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('strict decoding error: unknown field "spec.replica"');
		expect(demo.store.get('deployments', 'strict', 'api')).toBeUndefined();
	});

	it('refuses objects in a namespace that does not exist', async () => {
		const result = await demo.kubectl(['-n', 'nowhere', 'create', '-f', '-'], {stdin: brokenManifest});
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('Error from server (NotFound): error when creating "STDIN": namespaces "nowhere" not found');
	});

	it('rejects a selector that does not match the template labels with 422 and the real wording', async () => {
		ensureNamespace(demo.store, 'invalid');
		const bad = brokenManifest.replace('      labels:\n        app: api', '      labels:\n        app: other');
		const result = await demo.kubectl(['-n', 'invalid', 'create', '-f', '-'], {stdin: bad});
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('The Deployment "api" is invalid: spec.template.metadata.labels: Invalid value: {"app":"other"}: `selector` does not match template `labels`');
		const negative = await demo.kubectl(['-n', 'invalid', 'create', '-f', '-'], {stdin: brokenManifest.replace('replicas: 3', 'replicas: -1')});
		expect(negative.stderr).toContain('spec.replicas: Invalid value: -1: must be greater than or equal to 0');
		expect(demo.store.list('deployments', 'invalid')).toEqual([]);
	});
});

describe('kubectl get / describe', () => {
	beforeAll(() => {
		const deployment = seedDeployment(demo.store, 'shop', 'web', {replicas: 2, image: 'web:2'});
		const rs = seedReplicaSet(demo.store, deployment, 2, 'web:2', 2);
		seedReplicaSet(demo.store, deployment, 1, 'web:1', 0);
		seedPod(demo.store, rs, 'aaaaa', 'Running');
		seedPod(demo.store, rs, 'bbbbb', 'CrashLoopBackOff');
		const current = demo.store.mustGet<Deployment>('deployments', 'shop', 'web');
		demo.store.updateStatus('deployments', {...current, status: {observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 1, availableReplicas: 1}});
		const event: KubeEvent = {metadata: {name: 'web.1', namespace: 'shop'}, involvedObject: {kind: 'Deployment', namespace: 'shop', name: 'web', uid: current.metadata.uid!, apiVersion: 'apps/v1'}, reason: 'ScalingReplicaSet', message: `Scaled up replica set ${rs.metadata.name} to 2`, source: {component: 'deployment-controller'}, firstTimestamp: current.metadata.creationTimestamp!, lastTimestamp: current.metadata.creationTimestamp!, count: 1, type: 'Normal'};
		demo.store.create('events', event);
	});

	it('prints deployments, replicasets and pods as server-side tables, with -o wide columns', async () => {
		const deploy = await kubectl('shop', 'get', 'deploy', '-o', 'wide');
		expect(deploy.stdout).toMatch(/^NAME\s+READY\s+UP-TO-DATE\s+AVAILABLE\s+AGE\s+CONTAINERS\s+IMAGES\s+SELECTOR\nweb\s+1\/2\s+2\s+1\s+\d+s\s+app\s+web:2\s+app=web\n$/);
		const rs = await kubectl('shop', 'get', 'rs');
		expect(rs.stdout.split('\n')[0]).toMatch(/^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE$/);
		expect(rs.stdout).toMatch(/web-h1x5\s+0\s+0\s+0\s+\d+s/);
		const pods = await kubectl('shop', 'get', 'pods', '-o', 'wide');
		const lines = pods.stdout.trim().split('\n');
		expect(lines[0]).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES$/);
		expect(lines[1]).toMatch(/^web-h2x5-aaaaa\s+1\/1\s+Running\s+0\s+\d+s\s+10\.244\.\d+\.\d+\s+fake-node-1\s+<none>\s+<none>$/);
		expect(lines[2]).toMatch(/^web-h2x5-bbbbb\s+0\/1\s+CrashLoopBackOff\s+0\s+\d+s/);
	});

	it('prints services, endpointslices and events tables, and label-selects pods', async () => {
		const svc = await demo.kubectl(['-n', 'apply', 'get', 'svc', '-o', 'wide']);
		expect(svc.stdout).toMatch(/^NAME\s+TYPE\s+CLUSTER-IP\s+EXTERNAL-IP\s+PORT\(S\)\s+AGE\s+SELECTOR\napp-rolling\s+ClusterIP\s+10\.96\.\d+\.\d+\s+<none>\s+80\/TCP\s+\d+s\s+name=app-rolling\n$/);
		const slices = await kubectl('shop', 'get', 'endpointslices');
		expect(slices).toMatchObject({code: 0, stderr: 'No resources found in shop namespace.\n'});
		const events = await kubectl('shop', 'get', 'events');
		expect(events.stdout).toMatch(/^LAST SEEN\s+TYPE\s+REASON\s+OBJECT\s+MESSAGE\n\d+s\s+Normal\s+ScalingReplicaSet\s+deployment\/web\s+Scaled up replica set web-h2x5 to 2\n$/);
		const selected = await kubectl('shop', 'get', 'pods', '-l', 'app=web,pod-template-hash in (h2x5)', '-o', 'name');
		expect(selected.stdout).toBe('pod/web-h2x5-aaaaa\npod/web-h2x5-bbbbb\n');
		const byField = await kubectl('shop', 'get', 'pods', '--field-selector', 'metadata.name=web-h2x5-bbbbb', '-o', 'name');
		expect(byField.stdout).toBe('pod/web-h2x5-bbbbb\n');
	});

	it('prints -o json, -o yaml and -o jsonpath from the stored objects', async () => {
		const json = JSON.parse((await kubectl('shop', 'get', 'deploy', 'web', '-o', 'json')).stdout) as Deployment;
		expect(json).toMatchObject({apiVersion: 'apps/v1', kind: 'Deployment', metadata: {name: 'web', namespace: 'shop', generation: 1}, status: {readyReplicas: 1}});
		const yaml = await kubectl('shop', 'get', 'rs', 'web-h2x5', '-o', 'yaml');
		expect(yaml.stdout).toContain('  ownerReferences:\n  - apiVersion: apps/v1\n    blockOwnerDeletion: true\n    controller: true\n    kind: Deployment\n    name: web\n');
		const images = await kubectl('shop', 'get', 'pods', '-o', 'jsonpath={.items[*].spec.containers[0].image}');
		expect(images.stdout).toBe('web:2 web:2');
		const list = JSON.parse((await kubectl('shop', 'get', 'pods', '-o', 'json')).stdout) as {kind: string; items: Pod[]};
		expect(list.kind).toBe('List');
		expect(list.items.map(p => p.kind)).toEqual(['Pod', 'Pod']);
	});

	it('describes a deployment with its replica sets and events', async () => {
		const result = await kubectl('shop', 'describe', 'deploy', 'web');
		expect(result.code).toBe(0);
		expect(result.stdout).toContain('Replicas:               2 desired | 2 updated | 2 total | 1 available | 0 unavailable');
		expect(result.stdout).toContain('RollingUpdateStrategy:  25% max unavailable, 25% max surge');
		expect(result.stdout).toMatch(/OldReplicaSets:\s+web-h1x5 \(0\/0 replicas created\)/);
		expect(result.stdout).toMatch(/NewReplicaSet:\s+web-h2x5 \(2\/2 replicas created\)/);
		expect(result.stdout).toMatch(/Normal\s+ScalingReplicaSet\s+\d+s\s+deployment-controller\s+Scaled up replica set web-h2x5 to 2/);
	});
});

describe('kubectl errors', () => {
	it('prints NotFound exactly as against a real cluster', async () => {
		const result = await kubectl('shop', 'get', 'deploy', 'nope');
		expect(result).toMatchObject({code: 1, stdout: '', stderr: 'Error from server (NotFound): deployments.apps "nope" not found\n'});
	});

	it('reports a stale resourceVersion on replace as a Conflict', async () => {
		const current = (await kubectl('shop', 'get', 'deploy', 'web', '-o', 'json')).stdout;
		await kubectl('shop', 'annotate', 'deploy', 'web', 'touched=yes');
		const result = await demo.kubectl(['-n', 'shop', 'replace', '-f', '-'], {stdin: current});
		expect(result.code).toBe(1);
		expect(result.stderr).toContain('Error from server (Conflict): error when replacing "STDIN": Operation cannot be fulfilled on deployments.apps "web": the object has been modified; please apply your changes to the latest version and try again');
	});

	it('prints a 401 for a wrong token and Invalid for a JSON patch on a missing path', async () => {
		const unauthorized = await kubectl('shop', 'get', 'pods', '--token', 'wrong');
		expect(unauthorized.code).toBe(1);
		expect(unauthorized.stderr).toMatch(/error: You must be logged in to the server \((Unauthorized|the server has asked for the client to provide credentials)\)\n$/);
		const badRequest = await kubectl('shop', 'patch', 'deploy', 'web', '--type', 'json', '-p', '[{"op":"replace","path":"/spec/nothing/here","value":1}]');
		expect(badRequest.code).toBe(1);
		expect(badRequest.stderr).toContain('The request is invalid: : replace operation does not apply: doc is missing path: "/spec/nothing/here": missing value');
	});
});

describe('kubectl delete', () => {
	it('deletes a deployment with its replica sets and pods; scheduled pods terminate gracefully', async () => {
		const deployment = seedDeployment(demo.store, 'gone', 'web');
		const rs = seedReplicaSet(demo.store, deployment, 1, 'web:1', 2);
		seedPod(demo.store, rs, 'aaaaa', 'Running');
		seedPod(demo.store, rs, 'bbbbb', 'Pending-unscheduled');
		const result = await kubectl('gone', 'delete', 'deploy', 'web');
		expect(result).toMatchObject({code: 0, stdout: 'deployment.apps "web" deleted from gone namespace\n'});
		expect(demo.store.list<ReplicaSet>('replicasets', 'gone')).toEqual([]);
		const pods = demo.store.list<Pod>('pods', 'gone');
		expect(pods.map(p => p.metadata.name)).toEqual(['web-h1x5-aaaaa']);
		expect(pods[0]!.metadata.deletionGracePeriodSeconds).toBe(30);
		const listed = await kubectl('gone', 'get', 'pods');
		expect(listed.stdout).toMatch(/web-h1x5-aaaaa\s+1\/1\s+Terminating/);
		const force = await kubectl('gone', 'delete', 'pod', 'web-h1x5-aaaaa', '--force', '--grace-period=0');
		expect(force.code).toBe(0);
		expect(demo.store.list('pods', 'gone')).toEqual([]);
	});
});
