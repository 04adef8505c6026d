// 2. Event-to-screen latency, and 5. key-to-frame latency during an event burst.
// The cluster sets pod i's STATUS to `Q<seq>` (seq ≡ i mod pods) and returns each send time; a change is
// on screen when a frame shows that pod at `Q<seq>` or later (a coalesced frame carries every change
// before it). Times are the arrival of the PTY chunk that completed the frame.
import {kubectl, rollwatch} from '../lib/clients.mjs';
import {percentile, sleep, wallNow} from '../lib/stats.mjs';

const HELP = '? / esc: close';

async function openMonitor(name, pods, kubeconfig) {
	const terminal = rollwatch(name, kubeconfig, {cols: 120, rows: 40});
	await terminal.waitFor(screen => pods.every(pod => screen.includes(pod)), `rollwatch showing the pods of ${name}`);
	await sleep(300);
	return terminal;
}

/** Records, per pod, each time a higher stamp first appears on screen. */
function stampWatcher(terminal, podCount) {
	const best = new Array(podCount).fill(-1);
	const seen = Array.from({length: podCount}, () => []);
	const unwatch = terminal.watch((at, screen) => {
		for (const match of screen.matchAll(/\bQ(\d+)\b/g)) {
			const seq = Number(match[1]);
			const pod = seq % podCount;
			if (seq > best[pod]) {
				best[pod] = seq;
				seen[pod].push({at, seq});
			}
		}
	});
	return {best, seen, unwatch};
}

function latencies(first, sent, seen, podCount) {
	const cursor = new Array(podCount).fill(0);
	const out = [];
	let missing = 0;
	sent.forEach((sentAt, index) => {
		const seq = first + index;
		const records = seen[seq % podCount];
		let i = cursor[seq % podCount];
		while (i < records.length && records[i].seq < seq) i++;
		cursor[seq % podCount] = i;
		if (i < records.length) out.push(records[i].at - sentAt);
		else missing++;
	});
	return {out, missing};
}

/** One client's event-to-screen latencies (ms) for a burst of stamps. */
async function stampLatencies(terminal, cluster, name, podCount, rate, durationMs) {
	const watcher = stampWatcher(terminal, podCount);
	const {first, sent} = await cluster.stamp(name, rate, durationMs);
	// The last stamp of every pod stays on screen (or is the last line kubectl printed): wait, bounded.
	const end = first + sent.length - 1;
	const last = Array.from({length: podCount}, (_, pod) => end - ((end - pod) % podCount));
	const deadline = Date.now() + 5000;
	while (Date.now() < deadline && !last.every((seq, pod) => seq < 0 || watcher.best[pod] >= seq)) await sleep(20);
	watcher.unwatch();
	return {...latencies(first, sent, watcher.seen, podCount), events: sent.length};
}

export async function measureEventLatency({cluster, name, pods, kubeconfig, rate, durationMs}) {
	const ours = await openMonitor(name, pods, kubeconfig);
	let mine;
	try {
		mine = await stampLatencies(ours, cluster, name, pods.length, rate, durationMs);
	} finally {
		await ours.stop('q');
	}
	// The same burst through `kubectl get pods -w` (a line per event) as the reference.
	const theirs = kubectl(['get', 'pods', '-w', '-l', `app=${name}`], kubeconfig, {cols: 120, rows: 40});
	let reference;
	try {
		await theirs.waitForLines(pods.length + 1, 'kubectl listing the pods');
		await sleep(300);
		reference = await stampLatencies(theirs, cluster, name, pods.length, rate, durationMs);
	} finally {
		await theirs.stop();
	}
	const label = `${rate}_per_s`;
	const row = p => ({metric: `event_to_screen_p${p}_ms@${label}`, unit: 'ms', rollwatch: percentile(mine.out, p), kubectl: percentile(reference.out, p), events: mine.events, missing: {rollwatch: mine.missing, kubectl: reference.missing}});
	return [row(50), row(99)];
}

export async function measureKeyLatency({cluster, name, pods, kubeconfig, rate, durationMs}) {
	const terminal = await openMonitor(name, pods, kubeconfig);
	try {
		let flowing = true;
		const burst = cluster.stamp(name, rate, durationMs).finally(() => {
			flowing = false;
		});
		await sleep(200);
		const samples = [];
		let open = false;
		while (flowing) {
			const pressed = wallNow();
			terminal.write('?');
			open = !open;
			const shown = await terminal.waitFor(screen => screen.includes(HELP) === open, open ? 'help to open' : 'help to close', 5000);
			if (flowing) samples.push(shown - pressed);
			await sleep(60 + Math.random() * 60);
		}
		await burst;
		return [
			{metric: `key_to_frame_p50_ms@${rate}_per_s`, unit: 'ms', rollwatch: percentile(samples, 50), kubectl: null, keys: samples.length},
			{metric: `key_to_frame_p99_ms@${rate}_per_s`, unit: 'ms', rollwatch: percentile(samples, 99), kubectl: null, keys: samples.length},
		];
	} finally {
		await terminal.stop('q');
	}
}
