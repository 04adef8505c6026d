// The frame bench's harness (bench/measure/frame.mjs bundles it with the plugins dist/rollwatch.js is
// built with): the real App on a 120 × 40 terminal that only counts what it is sent, fed snapshots of a
// recorded rolling update padded with `PODS` pods, in which one pod row on screen changes per step — what
// most frames are while many pods churn. Prints one JSON line: CPU per frame drawn, bytes per frame.
import {EventEmitter} from 'node:events';
import {readFileSync} from 'node:fs';
import process from 'node:process';
import {render} from 'ink';
import type {Deployment, EndpointSlice, KubeObject, Pod, ReplicaSet, Service} from '../source/k8s/types.js';
import type {ActionResult, ClusterSnapshot, ConnectionState} from '../source/store/types.js';
import {PersistentMap} from '../source/store/persistent-map.js';
import {objectKey} from '../source/store/types.js';
import {App} from '../source/ui/App.js';
import {ThemeProvider} from '../source/ui/theme-context.js';
import {defaultTheme} from '../source/ui/theme.js';

const pods = Number(process.env.PODS ?? 30);
const steps = Number(process.env.STEPS ?? 400);
const warmup = 150;

/** A terminal that takes Ink's writes and counts the frames (a write of more than escape codes) and bytes. */
class CountingTerminal extends EventEmitter {
	readonly isTTY = true;
	readonly columns = 120;
	readonly rows = 40;
	frames = 0;
	bytes = 0;
	write = (text: string, encoding?: unknown, callback?: () => void) => {
		if (text.length > 40) this.frames++;
		this.bytes += Buffer.byteLength(text);
		const done = typeof encoding === 'function' ? encoding : callback;
		if (done) queueMicrotask(done as () => void);
		return true;
	};
}

class SilentKeyboard extends EventEmitter {
	readonly isTTY = true;
	setEncoding() {}
	setRawMode() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
	read() {
		return null;
	}
}

type Fixture = {scenario: string; t: number; t0_wall: string; objects: {deployments?: Deployment[]; replicasets?: ReplicaSet[]; pods?: Pod[]; services?: Service[]; endpointslices?: EndpointSlice[]}};
const fixture = JSON.parse(readFileSync(process.env.FIXTURE!, 'utf8')) as Fixture;
const now = Date.parse(fixture.t0_wall) + fixture.t;
const byKey = <T extends KubeObject>(objects: readonly T[] = []) => new Map(objects.map(object => [objectKey(object), object]));
const live: ConnectionState = {status: 'live', since: now - 10_000, lastContactAt: now};
const recorded: ClusterSnapshot = {
	version: 1,
	deployments: byKey(fixture.objects.deployments),
	replicaSets: byKey(fixture.objects.replicasets),
	pods: byKey(fixture.objects.pods),
	services: byKey(fixture.objects.services),
	endpointSlices: byKey(fixture.objects.endpointslices),
	events: new Map(),
	transitions: [],
	connections: Object.fromEntries((['deployments', 'replicasets', 'pods', 'services', 'endpointslices'] as const).map(resource => [resource, live])),
};

// Pods of the new ReplicaSet, named to sort after the recorded ones; `status` is the STATUS they show.
const template = [...recorded.pods.values()].find(pod => pod.metadata.name?.startsWith('app-rolling-8687b6c45c-'))!;
const nameOf = (index: number) => `app-rolling-8687b6c45c-x${String(index).padStart(5, '0')}`;
const podOf = (index: number, status: string): Pod => ({
	...template,
	metadata: {...template.metadata, name: nameOf(index), uid: `bench-${index}`, resourceVersion: status},
	status: {...template.status, containerStatuses: template.status?.containerStatuses?.map(container => ({...container, state: {waiting: {reason: status}}}))},
});
// The store's own map (persistent-map.ts): a change copies a path, and the deriver reads only what differs.
let podMap = PersistentMap.draftOf(recorded.pods);
for (let index = 0; index < pods; index++) podMap.set(`${template.metadata.namespace}/${nameOf(index)}`, podOf(index, 'Q0'));

let snapshot: ClusterSnapshot = {...recorded, version: 2, pods: podMap};
const listeners = new Set<() => void>();
const store = {
	getSnapshot: () => snapshot,
	subscribe(listener: () => void) {
		listeners.add(listener);
		return () => listeners.delete(listener);
	},
};
const answer = async (): Promise<ActionResult> => ({ok: true, message: 'done'}) as ActionResult;
const terminal = new CountingTerminal();
const instance = render(
	<ThemeProvider theme={defaultTheme}>
		<App store={store} actions={{pause: answer, resume: answer, restart: answer, undo: answer, scale: answer}} context={{name: 'bench', namespace: template.metadata.namespace!}} readOnly={false} targets={['app-rolling']} now={() => now} />
	</ThemeProvider>,
	{stdout: terminal as never, stdin: new SilentKeyboard() as never, alternateScreen: true, maxFps: 250, incrementalRendering: true, exitOnCtrlC: false, patchConsole: false},
);

const pause = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));
/** One of the first 20 padded pods (on screen) shows a new STATUS; the App draws it by itself. */
async function step(index: number) {
	const changed = index % 20;
	podMap = podMap.draft();
	podMap.set(`${template.metadata.namespace}/${nameOf(changed)}`, podOf(changed, `Q${index}`));
	snapshot = {...snapshot, version: snapshot.version + 1, pods: podMap};
	for (const listener of listeners) listener();
	await pause(10);
}

await pause(500);
for (let index = 0; index < warmup; index++) await step(index);
const cpu = process.cpuUsage();
const [frames, bytes] = [terminal.frames, terminal.bytes];
for (let index = warmup; index < warmup + steps; index++) await step(index);
const used = process.cpuUsage(cpu);
const drawn = terminal.frames - frames;
process.stdout.write(`${JSON.stringify({pods, steps, frames: drawn, cpuMsPerFrame: (used.user + used.system) / 1000 / drawn, bytesPerFrame: (terminal.bytes - bytes) / drawn})}\n`);
instance.unmount();
process.exit(0);
