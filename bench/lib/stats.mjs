// Clocks, process accounting from /proc, and summary statistics for the bench.
import {readFileSync} from 'node:fs';
import {execFileSync} from 'node:child_process';
import {performance} from 'node:perf_hooks';

/** Epoch milliseconds with sub-millisecond resolution, comparable with the cluster process's stamps. */
export const wallNow = () => performance.timeOrigin + performance.now();

let ticksPerSecond;
function clockTicks() {
	ticksPerSecond ??= Number(execFileSync('getconf', ['CLK_TCK'], {encoding: 'utf8'}).trim()) || 100;
	return ticksPerSecond;
}

/** User + system CPU seconds of a whole process (all threads), from /proc/PID/stat. */
export function cpuSeconds(pid) {
	const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
	// The command name may contain spaces; fields are counted after its closing parenthesis.
	const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	return (Number(fields[11]) + Number(fields[12])) / clockTicks();
}

/** Peak resident set size in MB (VmHWM), from /proc/PID/status. */
export function peakRssMb(pid) {
	const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
	return match ? Number(match[1]) / 1024 : Number.NaN;
}

export function percentile(values, p) {
	if (values.length === 0) return Number.NaN;
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export const median = values => percentile(values, 50);

export const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
