import chalk from 'chalk';
import {afterEach, describe, expect, it} from 'vitest';
import {App} from '../../source/ui/App.js';
import {runMonitor} from '../../source/ui/run.js';
import {defaultTheme, noColorTheme, wantsNoColor, type Theme} from '../../source/ui/theme.js';
import {ThemeProvider} from '../../source/ui/theme-context.js';
import {FakeStdin, FakeStdout, keys, render, stripAnsi} from '../support/render.js';
import {monitorProps} from './fixtures.js';

// SGR colour parameters: 30–39/40–49 (incl. 38;5/38;2 and defaults), 90–97, 100–107.
// eslint-disable-next-line no-control-regex -- matching escape codes is the point
const colourCode = /\u001B\[(?:\d+;)*(?:3\d|4\d|9[0-7]|10[0-7])(?:;\d+)*m/;

const level = chalk.level;
afterEach(() => {
	chalk.level = level;
});

async function frameWith(theme: Theme) {
	// Tests write to a pipe, where chalk turns colour off on its own; force it on so the theme decides.
	chalk.level = 1;
	const {props} = monitorProps('broken-crashloop', {targets: ['api']});
	const screen = render(<ThemeProvider theme={theme}><App {...props} /></ThemeProvider>);
	await screen.waitFor('CrashLoopBackOff');
	return screen.rawFrame();
}

describe('theme', () => {
	it('colours statuses in the default theme', async () => {
		expect(await frameWith(defaultTheme)).toMatch(colourCode);
	});

	it('has no colour at all in the no-colour theme, and keeps every glyph', async () => {
		const raw = await frameWith(noColorTheme);
		expect(raw).not.toMatch(colourCode);
		for (const glyph of ['●', '✗', '▶']) expect(stripAnsi(raw), glyph).toContain(glyph);
	});

	it('turns colour off for NO_COLOR, TERM=dumb and --no-color', () => {
		expect(wantsNoColor({NO_COLOR: '1'})).toBe(true);
		expect(wantsNoColor({TERM: 'dumb'})).toBe(true);
		expect(wantsNoColor({}, true)).toBe(true);
		expect(wantsNoColor({NO_COLOR: '', TERM: 'xterm-256color'})).toBe(false);
	});
});

describe('runMonitor', () => {
	it('runs on the alternate screen and resolves with 0 after q, restoring the screen', async () => {
		const {props, onExit} = monitorProps('rolling-mid', {targets: ['app-rolling']});
		const stdout = new FakeStdout(100, 30);
		const stdin = new FakeStdin();
		const exited = runMonitor(props, {stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, noColor: true});
		const deadline = Date.now() + 3000;
		while (!stdout.frames.join('').includes('Pods') && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 10));
		expect(stripAnsi(stdout.frames.join(''))).toContain('Pods');
		stdin.write('q');
		await expect(exited).resolves.toBe(0);
		expect(onExit).toHaveBeenCalledExactlyOnceWith(0);
		const written = stdout.frames.join('');
		expect(written).toContain('\u001B[?1049h');
		expect(written.lastIndexOf('\u001B[?1049l')).toBeGreaterThan(written.indexOf('\u001B[?1049h'));
	});

	it('Ctrl-C quits the same way', async () => {
		const {props, onExit} = monitorProps('rolling-mid', {targets: ['app-rolling']});
		const stdout = new FakeStdout(80, 24);
		const stdin = new FakeStdin();
		const exited = runMonitor(props, {stdout: stdout as unknown as NodeJS.WriteStream, stdin: stdin as unknown as NodeJS.ReadStream, noColor: false});
		const deadline = Date.now() + 3000;
		while (!stdout.frames.join('').includes('Rollout') && Date.now() < deadline) await new Promise(resolve => setTimeout(resolve, 10));
		stdin.write(keys['ctrl-c']);
		await expect(exited).resolves.toBe(0);
		expect(onExit).toHaveBeenCalledExactlyOnceWith(0);
	});
});
