// 2. Event-to-screen latency, and 5. key-to-frame latency during an event burst.
// The cluster sets pod i's STATUS to `Q<seq>` (seq ≡ i mod pods) and returns each send time; a change is
// on screen when a frame shows that pod at `Q<seq>` or later (a coalesced frame carries every change
// before it). Times are the arrival of the PTY chunk that completed the frame.
import {rollwatch} from '../lib/clients.mjs';
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

function latencies(sent, seen, podCount) {
	const cursor = new Array(podCount).fill(0);
	const out = [];
	let missing = 0;
	sent.forEach((sentAt, seq) => {
		const records = seen[seq % podCount];
		let i = cursor[seq % podCount];
		while (i < records.length && records[i].seq < seq) i++;
		cursor[seq % podCount] = i;
		if (i < records.length) out.push(records[i].at - sentAt);
		else missing++;
	});
	return {out, missing};
}

export async function measureEventLatency({cluster, name, pods, kubeconfig, rate, durationMs}) {
	const terminal = await openMonitor(name, pods, kubeconfig);
	try {
		const watcher = stampWatcher(terminal, pods.length);
		const {sent} = await cluster.stamp(name, rate, durationMs);
		// The last stamp of every pod stays on screen: wait (bounded) until each has been drawn.
		const last = pods.map((_, pod) => sent.length - 1 - ((sent.length - 1 - pod) % pods.length));
		const deadline = Date.now() + 5000;
		while (Date.now() < deadline && !last.every((seq, pod) => seq < 0 || watcher.best[pod] >= seq)) await sleep(20);
		watcher.unwatch();
		const {out, missing} = latencies(sent, watcher.seen, pods.length);
		const label = `${rate}_per_s`;
		return [
			{metric: `event_to_screen_p50_ms@${label}`, unit: 'ms', rollwatch: percentile(out, 50), kubectl: null, events: sent.length, missing},
			{metric: `event_to_screen_p99_ms@${label}`, unit: 'ms', rollwatch: percentile(out, 99), kubectl: null, events: sent.length, missing},
		];
	} finally {
		await terminal.stop('q');
	}
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
