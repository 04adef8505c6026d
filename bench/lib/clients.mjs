// The two clients under test, each in its own pseudo-terminal, and the registry that makes sure no
// child outlives the bench (timeouts, errors and Ctrl-C included).
import {delimiter, dirname, join} from 'node:path';
import {ensureKubectl} from '../../test/support/kubectl.ts';
import {spawnTerminal} from './terminal.mjs';

const live = new Set();

function track(terminal) {
	live.add(terminal);
	terminal.exited.then(() => live.delete(terminal));
	return terminal;
}

export const kubectlPath = () => ensureKubectl();

/**
 * `rollwatch deploy/NAME` started as npm's bin link starts it: dist/cli.js run as a program, so with the
 * launcher's V8 settings (scripts/build.mjs), on the bench's Node 24 (first on PATH).
 */
export function rollwatch(name, kubeconfig, options = {}) {
	// BENCH_NODE_FLAGS (e.g. "--cpu-prof --cpu-prof-dir=.cache/prof") profiles rollwatch under the bench's loads;
	// they reach Node through NODE_OPTIONS (the launcher's own flags, on the command line, win over them).
	const flags = process.env.BENCH_NODE_FLAGS?.trim();
	const env = {
		PATH: [dirname(process.execPath), process.env.PATH ?? ''].join(delimiter),
		...(flags ? {NODE_OPTIONS: [process.env.NODE_OPTIONS, flags].filter(Boolean).join(' ')} : {}),
		...options.env,
	};
	return track(spawnTerminal(join(process.cwd(), 'dist/cli.js'), [`deploy/${name}`, '--kubeconfig', kubeconfig], {...options, env}));
}

export function kubectl(args, kubeconfig, options = {}) {
	return track(spawnTerminal(ensureKubectl(), [...args, '--kubeconfig', kubeconfig], options));
}

export async function stopAll() {
	await Promise.all([...live].map(terminal => terminal.stop()));
}
