import {execFileSync} from 'node:child_process';
import {ensureKubectl} from './kubectl.js';

export default function setup() {
	ensureKubectl();
	// Tests that run the CLI as a user would (a child process, a pseudo-terminal) run dist/: build it from
	// the current sources so they never test a stale bundle.
	execFileSync(process.execPath, ['scripts/build.mjs'], {stdio: 'inherit'});
}
