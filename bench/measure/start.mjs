// 1. Start: launch → the first frame showing the Deployment's pods, against launch → the first line of
// `kubectl rollout status`. Clients alternate; one unmeasured warm-up each fills the page cache and
// Node's compile cache, as on any machine where the tool has run before.
import {kubectl, rollwatch} from '../lib/clients.mjs';
import {median, wallNow} from '../lib/stats.mjs';

async function rollwatchStart(name, pods, kubeconfig) {
	const started = wallNow();
	const terminal = rollwatch(name, kubeconfig);
	try {
		const shown = await terminal.waitFor(screen => pods.every(pod => screen.includes(pod)), `rollwatch showing the pods of ${name}`);
		return shown - started;
	} finally {
		await terminal.stop('q');
	}
}

async function kubectlStart(name, kubeconfig) {
	const started = wallNow();
	const terminal = kubectl(['rollout', 'status', `deploy/${name}`], kubeconfig);
	try {
		const shown = await terminal.waitFor(screen => screen.includes('\n') && screen.split('\n')[0].trim().length > 0, 'kubectl rollout status\'s first line');
		return shown - started;
	} finally {
		await terminal.stop();
	}
}

export async function measureStart({name, pods, kubeconfig, runs}) {
	await rollwatchStart(name, pods, kubeconfig);
	await kubectlStart(name, kubeconfig);
	const ours = [];
	const theirs = [];
	for (let run = 0; run < runs; run++) {
		ours.push(await rollwatchStart(name, pods, kubeconfig));
		theirs.push(await kubectlStart(name, kubeconfig));
	}
	return [{metric: 'start_to_pods_ms_median', unit: 'ms', rollwatch: median(ours), kubectl: median(theirs), runs: {rollwatch: ours, kubectl: theirs}}];
}
