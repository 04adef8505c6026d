// Regenerates media/: runs the real app (the built CLI) in a pseudo-terminal, plays a short script of
// keys, saves the raw output as an asciicast v2 file, and renders it to SVG with a real terminal emulator.
//   npm run media
import {writeFile, mkdir} from 'node:fs/promises';
import pty from 'node-pty';
import {animatedSvg, createTerminal, frameElements, stillSvg, writeAsync} from './render-svg.mjs';

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));

/** Runs `args` in a pty of cols×rows; `steps` are [delayMs, keys] pairs. Returns [{t, data}] output events. */
async function record({args, cols, rows, steps, tailMs = 1500}) {
	// Ink renders non-interactively (one frame, at exit) whenever CI is set at all, even to '': drop it.
	const env = {...process.env};
	for (const name of ['CI', 'CONTINUOUS_INTEGRATION', 'NO_COLOR']) delete env[name];
	const child = pty.spawn(process.execPath, ['dist/cli.js', ...args], {
		name: 'xterm-256color', cols, rows, cwd: process.cwd(),
		env: {...env, TERM: 'xterm-256color', COLORTERM: 'truecolor'},
	});
	const events = [];
	const start = performance.now();
	child.onData(data => events.push({t: (performance.now() - start) / 1000, data}));
	let exited = false;
	child.onExit(() => {
		exited = true;
	});
	for (const [delay, keys] of steps) {
		await sleep(delay);
		if (exited) break;
		child.write(keys);
	}
	await sleep(tailMs);
	if (!exited) child.kill();
	return events;
}

async function render({name, cols, rows, events, stillAt}) {
	const cast = [JSON.stringify({version: 2, width: cols, height: rows, timestamp: Math.floor(Date.now() / 1000), env: {TERM: 'xterm-256color'}}),
		...events.map(e => JSON.stringify([Number(e.t.toFixed(3)), 'o', e.data]))].join('\n');
	await writeFile(`media/${name}.cast`, `${cast}\n`);
	const term = createTerminal(cols, rows);
	const frames = [];
	let still;
	for (const event of events) {
		await writeAsync(term, event.data);
		const elements = frameElements(term);
		// Sample at most ~2.5 frames per second of recording: enough to follow, small enough to ship.
		if (frames.length === 0 || (frames.at(-1).elements !== elements && event.t - frames.at(-1).at >= 0.4)) {
			frames.push({at: event.t, elements});
		}
		if (!still && event.t >= stillAt) still = stillSvg(term);
	}
	// The loop starts at the first frame, not at the seconds the process took to draw it.
	const first = frames[0]?.at ?? 0;
	await writeFile(`media/${name}.svg`, animatedSvg(cols, rows, frames.map(frame => ({...frame, at: frame.at - first}))));
	await writeFile(`media/${name}-still.svg`, still ?? stillSvg(term));
	return frames.length;
}

await mkdir('media', {recursive: true});
// Every mutating key asks first: n, then y. The rollout takes ~8 s at speed 1; then the help overlay, and out.
const rolling = await record({
	args: ['demo', '--scenario', 'rolling', '--speed', '1'], cols: 100, rows: 30,
	steps: [[3500, 'n'], [1500, 'y'], [12_000, '?'], [3000, '?'], [1500, 'q']],
});
// The still: mid-rollout, both versions serving, a few seconds after y.
console.log(`media/demo.svg: ${await render({name: 'demo', cols: 100, rows: 30, events: rolling, stillAt: 8.5})} frames`);
// The canary opens on its two Deployments: down to app-v2, enter, and let the prober gather a few seconds.
const small = await record({
	args: ['demo', '--scenario', 'canary', '--speed', '1'], cols: 80, rows: 24,
	steps: [[3000, '\u001B[B'], [800, '\r'], [6000, 'q']],
});
console.log(`media/canary-80x24.svg: ${await render({name: 'canary-80x24', cols: 80, rows: 24, events: small, stillAt: 9})} frames`);
// A broken release: b ships a crashing version, the rollout stalls until its 20 s progress deadline, and
// the warnings say why, the kubelet's BackOff event among them. A still only.
const broken = await record({
	args: ['demo', '--scenario', 'broken', '--speed', '2'], cols: 100, rows: 30,
	steps: [[3000, 'b'], [1500, 'y']],
	tailMs: 16_000,
});
// The screen just before the recording ends (the end restores the terminal).
const brokenTerm = createTerminal(100, 30);
for (const event of broken.filter(event => event.t < 20.3)) await writeAsync(brokenTerm, event.data);
await writeFile('media/broken-still.svg', stillSvg(brokenTerm));
console.log('media/broken-still.svg: 1 frame');

