// 3. CPU and peak RSS, and 4. terminal bytes per second: rollwatch and `kubectl get pods -w` watch the
// same pods side by side (the same stream, from the same cluster process) while the cluster rolls a big
// Deployment out, or churns through a namespace of many pods.
import {kubectl, rollwatch} from '../lib/clients.mjs';
import {cpuSeconds, peakRssMb, sleep} from '../lib/stats.mjs';

async function openBoth(name, replicas, kubeconfig) {
	const ours = rollwatch(name, kubeconfig, {cols: 120, rows: 40});
	const theirs = kubectl(['get', 'pods', '-w', '-l', `app=${name}`], kubeconfig, {cols: 120, rows: 40});
	await Promise.all([
		ours.waitFor(screen => screen.includes(`of ${replicas}`), `rollwatch listing ${replicas} pods`, 120_000),
		theirs.waitForLines(replicas + 1, `kubectl listing ${replicas} pods`, 120_000),
	]);
	await sleep(1000);
	return {ours, theirs};
}

const sample = terminal => ({cpu: cpuSeconds(terminal.pid), bytes: terminal.bytes()});

/** Runs `load` (which resolves with {events, ms}) with both clients watching; returns per-client figures. */
async function underLoad({name, replicas, kubeconfig}, load) {
	const {ours, theirs} = await openBoth(name, replicas, kubeconfig);
	try {
		const before = {ours: sample(ours), theirs: sample(theirs)};
		const rssIdle = {ours: peakRssMb(ours.pid), theirs: peakRssMb(theirs.pid)};
		const lines = theirs.newlines();
		const {events, ms} = await load();
		// kubectl prints a line per event: once it has them all, both have had the whole stream.
		await theirs.waitForLines(lines + events, 'kubectl to print every event', 60_000).catch(() => undefined);
		await sleep(1500);
		const after = {ours: sample(ours), theirs: sample(theirs)};
		const figure = who => ({
			cpu: after[who].cpu - before[who].cpu,
			bytes: after[who].bytes - before[who].bytes,
			rss: peakRssMb((who === 'ours' ? ours : theirs).pid),
			rssIdle: rssIdle[who],
		});
		return {events, ms, ours: figure('ours'), theirs: figure('theirs')};
	} finally {
		await Promise.all([ours.stop('q'), theirs.stop()]);
	}
}

export async function measureRollout({cluster, name, replicas, kubeconfig}) {
	const result = await underLoad({name, replicas, kubeconfig}, () => cluster.rollout(name, 'registry.example/bench:v2'));
	const {events, ms, ours, theirs} = result;
	const tag = `@rollout_${replicas}`;
	return [
		{metric: `cpu_seconds${tag}`, unit: 's', rollwatch: ours.cpu, kubectl: theirs.cpu, events, rolloutMs: ms},
		{metric: `cpu_us_per_event${tag}`, unit: 'µs', rollwatch: (ours.cpu / events) * 1e6, kubectl: (theirs.cpu / events) * 1e6},
		{metric: `peak_rss_mb${tag}`, unit: 'MB', rollwatch: ours.rss, kubectl: theirs.rss},
		{metric: `terminal_bytes_per_s${tag}`, unit: 'B/s', rollwatch: ours.bytes / (ms / 1000), kubectl: theirs.bytes / (ms / 1000)},
	];
}

export async function measureManyPods({cluster, name, replicas, kubeconfig, rate, durationMs}) {
	const result = await underLoad({name, replicas, kubeconfig}, async () => {
		const {sent} = await cluster.stamp(name, rate, durationMs);
		return {events: sent.length, ms: durationMs};
	});
	const {events, ours, theirs} = result;
	const tag = `@${replicas}_pods`;
	return [
		{metric: `peak_rss_mb${tag}`, unit: 'MB', rollwatch: ours.rss, kubectl: theirs.rss, afterListMb: {rollwatch: ours.rssIdle, kubectl: theirs.rssIdle}},
		{metric: `cpu_us_per_event${tag}_${rate}_per_s`, unit: 'µs', rollwatch: (ours.cpu / events) * 1e6, kubectl: (theirs.cpu / events) * 1e6, events},
		{metric: `terminal_bytes_per_s${tag}_${rate}_per_s`, unit: 'B/s', rollwatch: ours.bytes / (durationMs / 1000), kubectl: theirs.bytes / (durationMs / 1000)},
	];
}
