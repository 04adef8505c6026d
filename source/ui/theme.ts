// Semantic colour tokens and glyphs. Components ask for meaning ("status.failed"), never for "red",
// and every coloured signal also has a glyph, so NO_COLOR and colour-blind users lose nothing.
export type Token =
	| 'status.progressing'
	| 'status.complete'
	| 'status.failed'
	| 'status.paused'
	| 'rev.new'
	| 'rev.old'
	| 'warn'
	| 'muted'
	| 'accent'
	| 'focus'
	| 'bar.filled'
	| 'bar.empty'
	| 'ok'
	| 'error';

export type Glyphs = {
	running: string;
	pending: string;
	terminating: string;
	paused: string;
	ok: string;
	failed: string;
	current: string;
	live: string;
	reconnecting: string;
	barFilled: string;
	barEmpty: string;
	arrow: string;
};

export type Theme = {
	name: 'default' | 'no-color';
	/** An Ink colour per token; undefined means the terminal's default. */
	color: Record<Token, string | undefined>;
	glyph: Glyphs;
};

const glyph: Glyphs = {
	running: '●',
	pending: '◐',
	terminating: '✕',
	paused: '⏸',
	ok: '✓',
	failed: '✗',
	current: '▶',
	live: '●',
	reconnecting: '◌',
	barFilled: '█',
	barEmpty: '░',
	arrow: '→',
};

// The 16 basic colours only: they survive every terminal and SSH session.
export const defaultTheme: Theme = {
	name: 'default',
	color: {
		'status.progressing': 'cyan',
		'status.complete': 'green',
		'status.failed': 'red',
		'status.paused': 'yellow',
		'rev.new': 'cyan',
		'rev.old': 'gray',
		warn: 'yellow',
		muted: 'gray',
		accent: 'blue',
		focus: 'cyan',
		'bar.filled': 'cyan',
		'bar.empty': 'gray',
		ok: 'green',
		error: 'red',
	},
	glyph,
};

export const noColorTheme: Theme = {
	name: 'no-color',
	color: Object.fromEntries(Object.keys(defaultTheme.color).map(token => [token, undefined])) as Theme['color'],
	glyph,
};

/** NO_COLOR (any non-empty value), TERM=dumb, or --no-color: the CLI asks this before Ink loads. */
export function wantsNoColor(env: NodeJS.ProcessEnv, flag?: boolean): boolean {
	return flag === true || Boolean(env.NO_COLOR) || env.TERM === 'dumb';
}
