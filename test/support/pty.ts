// Runs a command in a pseudo-terminal and reads its screen through a real terminal emulator
// (@xterm/headless), so tests see what a person would see.
import xtermHeadless from '@xterm/headless';
import pty from 'node-pty';

const {Terminal} = xtermHeadless;

export type PtySession = {
	/** The visible screen as plain text lines joined by \n. */
	screen(): string;
	write(keys: string): void;
	waitFor(predicate: (screen: string) => boolean, what: string, timeoutMs?: number): Promise<string>;
	exited: Promise<number>;
	kill(): void;
	/** Everything written, raw. */
	output(): string;
};

export function spawnPty(command: string, args: string[], options: {cols?: number; rows?: number; env?: Record<string, string | undefined>; cwd?: string} = {}): PtySession {
	const cols = options.cols ?? 100;
	const rows = options.rows ?? 30;
	const terminal = new Terminal({cols, rows, allowProposedApi: true});
	const env: Record<string, string | undefined> = {...process.env, TERM: 'xterm-256color', ...options.env};
	delete env.CI;
	const child = pty.spawn(command, args, {name: 'xterm-256color', cols, rows, cwd: options.cwd ?? process.cwd(), env: env as Record<string, string>});
	let raw = '';
	child.onData(data => {
		raw += data;
		terminal.write(data);
	});
	const exited = new Promise<number>(resolve => child.onExit(({exitCode}) => resolve(exitCode)));
	const screen = () => {
		const buffer = terminal.buffer.active;
		const lines: string[] = [];
		for (let y = 0; y < rows; y++) lines.push(buffer.getLine(buffer.viewportY + y)?.translateToString(true) ?? '');
		return lines.join('\n');
	};
	return {
		screen,
		write: keys => child.write(keys),
		async waitFor(predicate, what, timeoutMs = 30_000) {
			const deadline = Date.now() + timeoutMs;
			for (;;) {
				// Let xterm finish parsing what arrived.
				await new Promise<void>(resolve => terminal.write('', resolve));
				const current = screen();
				if (predicate(current)) return current;
				if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; screen:\n${current}`);
				await new Promise(resolve => setTimeout(resolve, 50));
			}
		},
		exited,
		kill: () => child.kill(),
		output: () => raw,
	};
}
