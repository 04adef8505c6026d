// The one keymap table. Dispatch, the footer, the `?` overlay and the README key list all read it,
// so a key cannot do one thing and be described as another.
import type {Access, CommandId} from './types.js';

/**
 * Where a command is live: `global` everywhere; `rollout` in the deployment view; `list` in the list view;
 * `history` / `pods` in the deployment view while that pane has focus; `demo` in the deployment view of
 * the embedded demo cluster.
 */
export type Scope = 'global' | 'rollout' | 'list' | 'history' | 'pods' | 'demo';

/** Names the input layer produces (see keyName): single characters as typed, plus these. */
export type KeyName = string;

export type PaneId = 'rollout' | 'history' | 'traffic' | 'pods';

/** What the keymap needs to know to decide whether a command is live, and to word its confirmation. */
export type KeyContext = {
	view: 'list' | 'deployment';
	focus: PaneId;
	readOnly: boolean;
	access: Partial<Record<CommandId, Access>>;
	/** Demo actions the CLI provided. */
	demoActions: {shipNext: boolean; shipBroken: boolean};
	/** Whether Esc has a list to return to. */
	canGoBack: boolean;
	deployment?: {name: string; paused: boolean; replicas: number};
	/** Where `u` would go: the revision selected in History, or the previous one. */
	undoTarget?: {revision: number; image: string; selected: boolean};
};

export type Command = {
	id: CommandId;
	keys: readonly KeyName[];
	/** One word for the footer. */
	label: string;
	/** One line for the help overlay and the README. */
	help: string;
	/** Asks first, and is removed by --read-only. */
	dangerous: boolean;
	/** Changes the cluster (removed by --read-only even without a confirmation). */
	mutates: boolean;
	scope: Scope;
	/** true, or why not (shown in the footer, help and status line). */
	enabled(context: KeyContext): true | string;
	/** The confirmation question for dangerous commands: exactly what will happen. */
	confirm?(context: KeyContext): string;
};

const always = () => true as const;
const needsDeployment = (context: KeyContext): true | string => (context.deployment ? true : 'the deployment does not exist (yet)');
const quoted = (context: KeyContext) => `"${context.deployment?.name ?? ''}"`;

export const keymap: readonly Command[] = [
	{
		id: 'pause', keys: ['p'], label: 'pause', help: 'Pause the rollout where it is (kubectl rollout pause)',
		dangerous: true, mutates: true, scope: 'rollout',
		enabled: context => {
			const exists = needsDeployment(context);
			if (exists !== true) return exists;
			return context.deployment!.paused ? 'already paused' : true;
		},
		confirm: context => `Pause deployment ${quoted(context)}? The rollout stops where it is (kubectl rollout pause). y/N`,
	},
	{
		id: 'resume', keys: ['r'], label: 'resume', help: 'Resume a paused rollout (kubectl rollout resume)',
		dangerous: true, mutates: true, scope: 'rollout',
		enabled: context => {
			const exists = needsDeployment(context);
			if (exists !== true) return exists;
			return context.deployment!.paused ? true : 'not paused';
		},
		confirm: context => `Resume deployment ${quoted(context)}? The rollout continues from where it stopped (kubectl rollout resume). y/N`,
	},
	{
		id: 'scale', keys: ['s'], label: 'scale', help: 'Set the number of replicas (kubectl scale --replicas=N)',
		dangerous: true, mutates: true, scope: 'rollout', enabled: needsDeployment,
	},
	{
		id: 'undo', keys: ['u'], label: 'undo',
		help: 'Roll back to the previous revision, or to the one selected in History (kubectl rollout undo)',
		dangerous: true, mutates: true, scope: 'rollout',
		enabled: context => {
			const exists = needsDeployment(context);
			if (exists !== true) return exists;
			return context.undoTarget ? true : 'no other revision to roll back to';
		},
		confirm: context => {
			const target = context.undoTarget;
			const revision = target ? `revision ${target.revision} (${target.image})` : 'the previous revision';
			const flag = target?.selected ? ` --to-revision=${target.revision}` : '';
			return `Roll back deployment ${quoted(context)} to ${revision}? A new rollout starts (kubectl rollout undo${flag}). y/N`;
		},
	},
	{
		id: 'restart', keys: ['R'], label: 'restart', help: 'Replace every pod with a new rollout (kubectl rollout restart)',
		dangerous: true, mutates: true, scope: 'rollout',
		enabled: context => {
			const exists = needsDeployment(context);
			if (exists !== true) return exists;
			// kubectl refuses too: "can't restart paused deployment (run rollout resume first)".
			return context.deployment!.paused ? 'paused: resume first' : true;
		},
		confirm: context => `Restart deployment ${quoted(context)}? Every pod is replaced by a new rollout (kubectl rollout restart). y/N`,
	},
	{
		id: 'shipNext', keys: ['n'], label: 'ship next', help: 'Demo: roll out the next version of the app (kubectl set image)',
		dangerous: true, mutates: true, scope: 'demo',
		enabled: context => (context.demoActions.shipNext ? needsDeployment(context) : 'not available'),
		confirm: context => `Ship the next version of deployment ${quoted(context)}? Its image moves to the next tag and a rollout starts (kubectl set image). y/N`,
	},
	{
		id: 'shipBroken', keys: ['b'], label: 'ship broken', help: 'Demo: roll out a version that never becomes ready (kubectl set image)',
		dangerous: true, mutates: true, scope: 'demo',
		enabled: context => (context.demoActions.shipBroken ? needsDeployment(context) : 'not available'),
		confirm: context => `Ship a broken version of deployment ${quoted(context)}? Its new pods crash, so the rollout stalls (kubectl set image). y/N`,
	},
	{id: 'focusNext', keys: ['tab'], label: 'focus', help: 'Focus the next pane', dangerous: false, mutates: false, scope: 'rollout', enabled: always},
	{id: 'focusPrev', keys: ['shift-tab'], label: 'focus back', help: 'Focus the previous pane', dangerous: false, mutates: false, scope: 'rollout', enabled: always},
	{id: 'down', keys: ['j', 'down'], label: 'down', help: 'Move the selection down', dangerous: false, mutates: false, scope: 'global', enabled: always},
	{id: 'up', keys: ['k', 'up'], label: 'up', help: 'Move the selection up', dangerous: false, mutates: false, scope: 'global', enabled: always},
	{id: 'filter', keys: ['/'], label: 'filter', help: 'Filter pods by name or status (Enter keeps, Esc clears)', dangerous: false, mutates: false, scope: 'rollout', enabled: always},
	{id: 'freeze', keys: ['space'], label: 'freeze', help: 'Freeze the view (the watch keeps running); again to follow live', dangerous: false, mutates: false, scope: 'global', enabled: always},
	{id: 'help', keys: ['?'], label: 'help', help: 'Show or hide this help', dangerous: false, mutates: false, scope: 'global', enabled: always},
	{id: 'open', keys: ['enter'], label: 'open', help: 'Open the selected deployment', dangerous: false, mutates: false, scope: 'list', enabled: always},
	{
		id: 'back', keys: ['escape'], label: 'back', help: 'Back to the deployment list', dangerous: false, mutates: false, scope: 'rollout',
		enabled: context => (context.canGoBack ? true : 'watching a single deployment'),
	},
	{id: 'quit', keys: ['q', 'ctrl-c'], label: 'quit', help: 'Quit', dangerous: false, mutates: false, scope: 'global', enabled: always},
];

/** Whether a command belongs on screen in this context (scope, read-only, demo). */
export function isVisible(command: Command, context: KeyContext): boolean {
	if (context.readOnly && (command.dangerous || command.mutates)) return false;
	switch (command.scope) {
		case 'global': return true;
		case 'list': return context.view === 'list';
		case 'rollout': return context.view === 'deployment';
		case 'history':
		case 'pods': return context.view === 'deployment' && context.focus === command.scope;
		case 'demo': return context.view === 'deployment' && context.demoActions[command.id as 'shipNext' | 'shipBroken'] === true;
		default: {
			const never: never = command.scope;
			return never;
		}
	}
}

/** true, or why not: RBAC first (it cannot change while we run), then the state of the rollout. */
export function isEnabled(command: Command, context: KeyContext): true | string {
	const access = context.access[command.id];
	if (access?.allowed === false) return `forbidden${access.reason ? `: ${access.reason}` : ''}`;
	return command.enabled(context);
}

export type CommandState = {command: Command; enabled: true | string};

/** The commands on screen now, in table order, with whether each is enabled. */
export function visibleCommands(context: KeyContext): CommandState[] {
	return keymap.filter(command => isVisible(command, context)).map(command => ({command, enabled: isEnabled(command, context)}));
}

/** The command a key triggers in this context, if any. */
export function resolveKey(key: KeyName, context: KeyContext): CommandState | undefined {
	const command = keymap.find(candidate => candidate.keys.includes(key) && isVisible(candidate, context));
	return command ? {command, enabled: isEnabled(command, context)} : undefined;
}

export function commandById(id: CommandId): Command {
	return keymap.find(command => command.id === id)!;
}

/** The subset of Ink's Key we read; kept structural so tests and callers need not import Ink. */
export type InkKey = {
	upArrow: boolean; downArrow: boolean; return: boolean; escape: boolean; ctrl: boolean;
	shift: boolean; tab: boolean; backspace: boolean; delete: boolean; pageUp: boolean; pageDown: boolean;
};

/** Turns Ink's (input, key) into the names the table uses. */
export function keyName(input: string, key: InkKey): KeyName {
	if (key.tab) return key.shift ? 'shift-tab' : 'tab';
	if (key.return) return 'enter';
	if (key.escape) return 'escape';
	if (key.upArrow) return 'up';
	if (key.downArrow) return 'down';
	if (key.pageUp) return 'pageup';
	if (key.pageDown) return 'pagedown';
	if (key.backspace || key.delete) return 'backspace';
	if (key.ctrl && input === 'c') return 'ctrl-c';
	if (input === ' ') return 'space';
	return input;
}

const keyLabels: Record<string, string> = {
	'shift-tab': 'S-tab', up: '↑', down: '↓', escape: 'esc', enter: 'enter', 'ctrl-c': '^C',
};

export function keyLabel(key: KeyName): string {
	return keyLabels[key] ?? key;
}

/** The README's key table, generated so it cannot drift from the code. */
export function keymapMarkdown(): string {
	const rows = keymap.map(command => {
		const keys = command.keys.map(key => `\`${keyLabel(key)}\``).join(' ');
		const notes = [command.dangerous ? 'asks first' : '', command.mutates ? 'removed by `--read-only`' : '', command.scope === 'demo' ? 'demo only' : '']
			.filter(Boolean)
			.join(', ');
		return `| ${keys} | ${command.help} | ${notes} |`;
	});
	return ['| Key | What it does | Notes |', '|---|---|---|', ...rows].join('\n');
}
