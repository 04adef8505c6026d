// rollwatch's entry point: flags → kubeconfig → session → the TUI. It is the one place that prints to
// stderr and sets the exit code; every failure becomes one sentence and a documented exit code.
import process from 'node:process';
import meow from 'meow';
import {EXIT_CODES, redact, UserError} from './cluster/errors.js';
import {checkArgv, FLAGS} from './cli/flags.js';
import {HELP} from './cli/help.js';

// Colour is decided before Ink (and chalk) load: NO_COLOR, --no-color and TERM=dumb give glyphs only.
const noColor = Boolean(process.env.NO_COLOR) || process.env.TERM === 'dumb' || process.argv.includes('--no-color');
if (noColor) process.env.FORCE_COLOR = '0';

async function main(): Promise<number> {
	checkArgv(process.argv.slice(2));
	const cli = meow(HELP, {importMeta: import.meta, flags: FLAGS, allowUnknownFlags: true, autoHelp: true, autoVersion: true});
	const [command, ...rest] = cli.input;
	if (command === 'demo') {
		const {runDemo} = await import('./cli/demo.js');
		return runDemo(rest, cli.flags, {noColor});
	}
	if (command === 'status') {
		const {runStatusCommand} = await import('./cli/status.js');
		return runStatusCommand(rest, cli.flags);
	}
	const {runMonitorCommand} = await import('./cli/monitor.js');
	return runMonitorCommand(cli.input, cli.flags, {noColor});
}

function fail(error: unknown): number {
	if (error instanceof UserError) {
		process.stderr.write(`rollwatch: ${error.message}\n`);
		return error.exitCode;
	}
	const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
	process.stderr.write(`rollwatch: unexpected error: ${redact(message ?? 'unknown')}\n`);
	return EXIT_CODES.rolloutFailed;
}

const code = await main().catch(fail);
// Watches and keep-alive sockets are closed by then; exit anyway so nothing lingering holds the shell.
process.exit(code);
