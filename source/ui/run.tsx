// The one owner of exit: renders the app on the alternate screen, and when the app asks to quit
// (q or Ctrl-C) waits for Ink to unmount and restore the terminal, then reports the exit code.
import {channel} from 'node:diagnostics_channel';
import {render} from 'ink';
import {App} from './App.js';
import {defaultTheme, noColorTheme} from './theme.js';
import {ThemeProvider} from './theme-context.js';
import type {MonitorProps} from './types.js';

export type RunOptions = {
	stdout?: NodeJS.WriteStream;
	stdin?: NodeJS.ReadStream;
	noColor: boolean;
	/**
	 * The first frame is drawn once this settles (the session's first lists, published): drawn at once it
	 * would show an empty screen, and drawing it, then again with the pods, costs more CPU at the busiest
	 * moment than the wait it fills.
	 */
	firstFrameAfter?: Promise<unknown>;
};

const drawn = channel('rollwatch:drawn');

export async function runMonitor(props: MonitorProps, {stdout, stdin, noColor, firstFrameAfter}: RunOptions): Promise<number> {
	let code = 0;
	await firstFrameAfter;
	const instance = render(
		<ThemeProvider theme={noColor ? noColorTheme : defaultTheme}>
			<App {...props} onExit={exitCode => { code = exitCode; }} />
		</ThemeProvider>,
		{
			...(stdout ? {stdout} : {}),
			...(stdin ? {stdin} : {}),
			alternateScreen: true,
			// The store already coalesces data to ≤ 30 frames a second; Ink's own cap only bounds
			// key-driven renders, and must not add a second frame of delay to either: at 60 a key
			// pressed just after a data frame waited up to 17 ms for its own (issue 5: key-to-frame p99).
			maxFps: 250,
			incrementalRendering: true,
			exitOnCtrlC: false,
			// Stray console output from libraries must not tear the frame on the real terminal;
			// a caller-supplied stream (tests, embedding) keeps the global console alone.
			patchConsole: stdout === undefined,
		},
	);
	// The first frame is on the terminal: the launcher (scripts/launcher.mjs) may now keep a code cache of
	// everything this start compiled.
	drawn.publish(undefined);
	await instance.waitUntilExit();
	props.onExit?.(code);
	return code;
}
