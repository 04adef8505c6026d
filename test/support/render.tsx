// The one way tests render Ink: a fixed-size fake terminal, named keys, frames with ANSI stripped,
// and waitFor(content) instead of sleeps. Fails the test on React act() / key warnings.
import {render as inkRender, type Instance} from 'ink';
import type {ReactElement} from 'react';
import {afterEach} from 'vitest';

export {FakeStdin, FakeStdout} from './fake-terminal.js';
import {FakeStdin, FakeStdout} from './fake-terminal.js';

export const keys = {
	tab: '\t',
	'shift-tab': '\u001B[Z',
	enter: '\r',
	escape: '\u001B',
	up: '\u001B[A',
	down: '\u001B[B',
	left: '\u001B[D',
	right: '\u001B[C',
	backspace: '\u007F',
	space: ' ',
	'ctrl-c': '\u0003',
} as const;

export type KeyName = keyof typeof keys;

// SGR and other CSI sequences, OSC, and lone escapes: what a user never sees as text.
// eslint-disable-next-line no-control-regex
const ansi = /\u001B\[[0-?]*[ -/]*[@-~]|\u001B\][^\u0007]*\u0007|\u001B[()][0-9A-Za-z]|\u001B[=>78]/g;

export function stripAnsi(text: string): string {
	return text.replaceAll(ansi, '');
}

export type RenderOptions = {columns?: number; rows?: number};

export type Rendered = {
	/** The last frame, ANSI stripped. */
	lastFrame(): string;
	/** The last frame as written, with escape codes. */
	rawFrame(): string;
	press(key: KeyName, times?: number): Promise<void>;
	/** Types characters one key at a time, as a user would. */
	type(text: string): Promise<void>;
	/** Resolves with the frame once it contains text (or satisfies the predicate); throws with the frame on timeout. */
	waitFor(expected: string | ((frame: string) => boolean), options?: {timeout?: number}): Promise<string>;
	unmount(): void;
	rerender(tree: ReactElement): void;
	stdout: FakeStdout;
	stdin: FakeStdin;
};

const mounted = new Set<Instance>();
const warnings: string[] = [];
const reactWarning = /not wrapped in act|act\(\.\.\.\)|unique "key" prop|Cannot update a component/;
const originalError = console.error;
console.error = (...args: unknown[]) => {
	const text = args.map(String).join(' ');
	if (reactWarning.test(text)) warnings.push(text);
	originalError(...args);
};

afterEach(() => {
	for (const instance of mounted) instance.unmount();
	mounted.clear();
	const found = warnings.splice(0);
	if (found.length > 0) throw new Error(`React warned during the test:\n${found.join('\n')}`);
});

// Ink waits this long for the rest of an escape sequence before treating ESC as the Escape key;
// the next key must not arrive before that, or the two would be read as Meta+key.
const escapeFlushMs = 60;
const tick = () => new Promise(resolve => setImmediate(resolve));
const delay = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

export function render(tree: ReactElement, {columns = 100, rows = 30}: RenderOptions = {}): Rendered {
	const stdout = new FakeStdout(columns, rows);
	const stdin = new FakeStdin();
	const instance = inkRender(tree, {
		stdout: stdout as unknown as NodeJS.WriteStream,
		stderr: new FakeStdout(columns, rows) as unknown as NodeJS.WriteStream,
		stdin: stdin as unknown as NodeJS.ReadStream,
		debug: true,
		exitOnCtrlC: false,
		patchConsole: false,
	});
	mounted.add(instance);

	const lastFrame = () => stripAnsi(stdout.lastFrame());
	const send = async (data: string) => {
		stdin.write(data);
		await (data === keys.escape ? delay(escapeFlushMs) : tick());
	};

	return {
		lastFrame,
		rawFrame: stdout.lastFrame,
		async press(key, times = 1) {
			for (let i = 0; i < times; i++) await send(keys[key]);
		},
		async type(text) {
			for (const character of text) await send(character);
		},
		async waitFor(expected, {timeout = 3000} = {}) {
			const matches = typeof expected === 'string' ? (frame: string) => frame.includes(expected) : expected;
			const deadline = Date.now() + timeout;
			while (Date.now() < deadline) {
				const frame = lastFrame();
				if (matches(frame)) return frame;
				await delay(10);
			}
			const frame = lastFrame();
			if (matches(frame)) return frame;
			throw new Error(`waitFor(${typeof expected === 'string' ? JSON.stringify(expected) : 'predicate'}) timed out after ${timeout} ms; last frame:\n${frame}`);
		},
		unmount() {
			instance.unmount();
			mounted.delete(instance);
		},
		rerender: instance.rerender,
		stdout,
		stdin,
	};
}
