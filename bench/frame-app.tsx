// The frame bench's harness (bench/measure/frame.mjs bundles it with the plugins dist/rollwatch.js is
// built with): the real App on a 120 × 40 fake terminal (test/support/fake-terminal.ts), fed snapshots of a
// recorded rolling update padded with `PODS` pods, in which one pod row on screen changes per step — what
// most frames are while many pods churn. Prints one JSON line: CPU per frame drawn, bytes per frame.
import process from 'node:process';
import {render} from 'ink';
import type {Pod} from '../source/k8s/types.js';
import {PersistentMap} from '../source/store/persistent-map.js';
import type {ActionResult, ClusterSnapshot} from '../source/store/types.js';
import {App} from '../source/ui/App.js';
import {ThemeProvider} from '../source/ui/theme-context.js';
import {defaultTheme} from '../source/ui/theme.js';
import {FakeStdin, FakeStdout} from '../test/support/fake-terminal.js';
import {loadFixtureFile} from '../test/ui/fixture-snapshot.js';

const pods = Number(process.env.PODS ?? 30);
const steps = Number(process.env.STEPS ?? 400);
const warmup = 150;

const {snapshot: recorded, now} = loadFixtureFile(process.env.FIXTURE!);

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
const terminal = new FakeStdout(120, 40);
// A frame is a write of more than cursor and synchronisation codes.
const drawn = () => terminal.frames.filter(frame => frame.length > 40);
const bytes = (frames: readonly string[]) => frames.reduce((total, frame) => total + Buffer.byteLength(frame), 0);
const instance = render(
	<ThemeProvider theme={defaultTheme}>
		<App store={store} actions={{pause: answer, resume: answer, restart: answer, undo: answer, scale: answer}} context={{name: 'bench', namespace: template.metadata.namespace!}} readOnly={false} targets={['app-rolling']} now={() => now} />
	</ThemeProvider>,
	{stdout: terminal as never, stdin: new FakeStdin() as never, alternateScreen: true, maxFps: 250, incrementalRendering: true, exitOnCtrlC: false, patchConsole: false},
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
terminal.frames.length = 0;
const cpu = process.cpuUsage();
for (let index = warmup; index < warmup + steps; index++) await step(index);
const used = process.cpuUsage(cpu);
const frames = drawn();
process.stdout.write(`${JSON.stringify({pods, steps, frames: frames.length, cpuMsPerFrame: (used.user + used.system) / 1000 / frames.length, bytesPerFrame: bytes(terminal.frames) / frames.length})}\n`);
instance.unmount();
process.exit(0);
