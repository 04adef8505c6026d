// Flag definitions and validation. meow parses; we check every value here so that a bad flag is one
// sentence and exit code 2, never a stack trace or meow's multi-line output.
import {EXIT_CODES, UserError} from '../cluster/errors.js';

export const FLAGS = {
	namespace: {type: 'string', shortFlag: 'n'},
	context: {type: 'string'},
	kubeconfig: {type: 'string'},
	selector: {type: 'string', shortFlag: 'l'},
	readOnly: {type: 'boolean', default: false},
	color: {type: 'boolean', default: true},
	probe: {type: 'string'},
	probeRate: {type: 'string'},
	probeTimeout: {type: 'string'},
	probeVersionRegex: {type: 'string'},
	probeVersionHeader: {type: 'string'},
	scenario: {type: 'string'},
	speed: {type: 'string'},
	kubeconfigOut: {type: 'string'},
	serve: {type: 'boolean', default: false},
	port: {type: 'string'},
	chaos: {type: 'boolean', default: false},
	timeout: {type: 'string'},
	output: {type: 'string', shortFlag: 'o'},
	help: {type: 'boolean', shortFlag: 'h'},
	version: {type: 'boolean'},
} as const;

const KNOWN = new Set(Object.keys(FLAGS));
const SHORT = new Map(Object.entries(FLAGS).flatMap(([name, flag]) => ('shortFlag' in flag ? [[flag.shortFlag as string, name]] : [])));
const STRING_FLAGS = new Set(Object.entries(FLAGS).filter(([, flag]) => flag.type === 'string').map(([name]) => name));

const usage = (message: string) => new UserError(message, EXIT_CODES.usage);
const kebab = (name: string) => name.replaceAll(/[A-Z]/g, c => `-${c.toLowerCase()}`);

/**
 * Checks the raw argv before meow sees it: unknown flags and string flags without a value.
 * (meow would print several lines for unknown flags, and turn `--namespace` alone into "".)
 */
export function checkArgv(argv: readonly string[]): void {
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i]!;
		if (arg === '--') break;
		if (!arg.startsWith('-') || arg === '-') continue;
		const [flag, inline] = arg.split('=', 2) as [string, string | undefined];
		let name: string | undefined;
		if (flag.startsWith('--')) {
			const raw = flag.slice(2).replace(/^no-/, '');
			name = raw.replaceAll(/-([a-z])/g, (_, c: string) => c.toUpperCase());
		} else if (flag.length === 2) {
			name = SHORT.get(flag.slice(1));
		}
		if (!name || !KNOWN.has(name)) throw usage(`unknown flag ${flag}; run rollwatch --help for the list.`);
		if (!STRING_FLAGS.has(name) && inline !== undefined && inline !== 'true' && inline !== 'false') {
			throw usage(`flag ${flag} is on or off: use ${flag} alone, or =true / =false, not "${inline}".`);
		}
		if (STRING_FLAGS.has(name) && inline === undefined) {
			const next = argv[i + 1];
			if (next === undefined || (next.startsWith('-') && next.length > 1)) throw usage(`flag ${flag} needs a value.`);
			i++;
		}
	}
}

export function parseNumberFlag(name: string, value: string | undefined, {min, max, integer}: {min: number; max: number; integer?: boolean}): number | undefined {
	if (value === undefined) return undefined;
	const number = Number(value);
	if (value.trim() === '' || !Number.isFinite(number) || number < min || number > max || (integer && !Number.isInteger(number))) {
		throw usage(`--${kebab(name)} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, not "${value}".`);
	}
	return number;
}
