// A client under test in a pseudo-terminal, its output parsed by a real terminal emulator
// (@xterm/headless). Every chunk is stamped on arrival; watchers see the screen after each chunk is
// parsed, with that chunk's arrival time — when the frame reached the terminal.
import xtermHeadless from '@xterm/headless';
import pty from 'node-pty';
import {wallNow} from './stats.mjs';

const {Terminal} = xtermHeadless;

export function spawnTerminal(file, args, {cols = 120, rows = 40, env = {}} = {}) {
	const terminal = new Terminal({cols, rows, allowProposedApi: true, scrollback: 0});
	const childEnv = {...process.env, TERM: 'xterm-256color', ...env};
	delete childEnv.CI;
	const child = pty.spawn(file, args, {name: 'xterm-256color', cols, rows, cwd: process.cwd(), env: childEnv});
	const watchers = new Set();
	let bytes = 0;
	let newlines = 0;
	let exitCode;
	const exited = new Promise(resolve => child.onExit(({exitCode: code}) => {
		exitCode = code;
		resolve(code);
	}));

	const screen = () => {
		const buffer = terminal.buffer.active;
		const lines = [];
		for (let y = 0; y < rows; y++) lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
		return lines.join('\n');
	};

	child.onData(data => {
		const at = wallNow();
		bytes += Buffer.byteLength(data);
		for (let i = data.indexOf('\n'); i !== -1; i = data.indexOf('\n', i + 1)) newlines++;
		terminal.write(data, () => {
			if (watchers.size === 0) return;
			const text = screen();
			for (const watcher of [...watchers]) watcher(at, text);
		});
	});

	return {
		pid: child.pid,
		screen,
		bytes: () => bytes,
		newlines: () => newlines,
		write: keys => child.write(keys),
		/** Calls `watcher(arrivedAt, screenText)` after every chunk; returns the unsubscribe function. */
		watch(watcher) {
			watchers.add(watcher);
			return () => watchers.delete(watcher);
		},
		/** Resolves with the arrival time of the chunk after which `predicate(screen)` first held. */
		waitFor(predicate, what, timeoutMs = 30_000) {
			return new Promise((resolve, reject) => {
				let done = false;
				const finish = (error, at) => {
					if (done) return;
					done = true;
					clearTimeout(timer);
					unwatch();
					if (error) reject(error);
					else resolve(at);
				};
				const timer = setTimeout(() => finish(new Error(`timed out after ${timeoutMs} ms waiting for ${what}; screen:\n${screen()}`)), timeoutMs);
				const unwatch = this.watch((at, text) => {
					if (predicate(text)) finish(undefined, at);
				});
				// It may already be on screen.
				terminal.write('', () => {
					if (predicate(screen())) finish(undefined, wallNow());
				});
			});
		},
		/** Resolves once the raw output has at least `count` newlines (kubectl's line-per-event output). */
		async waitForLines(count, what, timeoutMs = 30_000) {
			const deadline = Date.now() + timeoutMs;
			while (newlines < count) {
				if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${newlines}/${count} lines`);
				await new Promise(resolve => setTimeout(resolve, 50));
			}
		},
		exited,
		/** Sends `keys` (if any), then SIGTERM, then SIGKILL, each after a bounded wait. */
		async stop(keys) {
			if (exitCode !== undefined) return;
			if (keys) child.write(keys);
			const wait = ms => Promise.race([exited, new Promise(resolve => setTimeout(resolve, ms))]);
			await wait(keys ? 3000 : 0);
			if (exitCode === undefined) child.kill('SIGTERM');
			await wait(3000);
			if (exitCode === undefined) child.kill('SIGKILL');
			await wait(2000);
			terminal.dispose();
		},
	};
}
