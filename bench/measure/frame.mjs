// 6. CPU per frame: the real App (bundled as dist/rollwatch.js is, React's production build, Ink with
// our rewrites) drawing one changed pod row on a 120 × 40 terminal, with 30 and with 10,000 pods — no
// cluster, no terminal emulator, so the figure is the UI's own cost per frame. kubectl has no frames.
import {execFile} from 'node:child_process';
import {mkdir} from 'node:fs/promises';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {build} from 'esbuild';
import {bundlePlugins} from '../../scripts/bundle-plugins.mjs';

const harness = '.cache/bench/frame-app.mjs';

async function buildHarness() {
	await mkdir('.cache/bench', {recursive: true});
	await build({
		entryPoints: ['bench/frame-app.tsx'], outfile: harness, bundle: true, platform: 'node', format: 'esm', target: 'node22',
		jsx: 'automatic', plugins: bundlePlugins, define: {'process.env.NODE_ENV': '"production"'}, logLevel: 'warning',
		// The plugins reach Node built-ins through require; an ES module has none of its own.
		banner: {js: "import {createRequire as rollwatchCreateRequire} from 'node:module'; const require = rollwatchCreateRequire(import.meta.url);"},
	});
}

export async function measureFrames({podCounts, steps}) {
	await buildHarness();
	const fixture = fileURLToPath(new URL('../../test/fixtures/ui/rolling-mid.json', import.meta.url));
	const rows = [];
	for (const pods of podCounts) {
		// The launcher's V8 settings (dist/cli.js), so the garbage collector works as it does for users.
		const {stdout} = await promisify(execFile)(process.execPath, ['--max-semi-space-size=8', harness], {env: {...process.env, PODS: String(pods), STEPS: String(steps), FIXTURE: fixture}, timeout: 300_000});
		const result = JSON.parse(stdout.trim().split('\n').at(-1));
		rows.push(
			{metric: `frame_cpu_ms@120x40_${pods}_pods`, unit: 'ms', rollwatch: result.cpuMsPerFrame, kubectl: null, frames: result.frames},
		);
	}
	return rows;
}
