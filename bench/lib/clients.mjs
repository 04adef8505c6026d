// The two clients under test, each in its own pseudo-terminal, and the registry that makes sure no
// child outlives the bench (timeouts, errors and Ctrl-C included).
import {ensureKubectl} from '../../test/support/kubectl.ts';
import {spawnTerminal} from './terminal.mjs';

const live = new Set();

function track(terminal) {
	live.add(terminal);
	terminal.exited.then(() => live.delete(terminal));
	return terminal;
}

export const kubectlPath = () => ensureKubectl();

/** `rollwatch deploy/NAME` from the bundled CLI, run by the same Node 24 as the bench. */
export function rollwatch(name, kubeconfig, options = {}) {
	// BENCH_NODE_FLAGS (e.g. "--cpu-prof --cpu-prof-dir=.cache/prof") profiles rollwatch under the bench's loads.
	const flags = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
	return track(spawnTerminal(process.execPath, [...flags, 'dist/cli.js', `deploy/${name}`, '--kubeconfig', kubeconfig], options));
}

export function kubectl(args, kubeconfig, options = {}) {
	return track(spawnTerminal(ensureKubectl(), [...args, '--kubeconfig', kubeconfig], options));
}

export async function stopAll() {
	await Promise.all([...live].map(terminal => terminal.stop()));
}
