// The root: UI state, the snapshot subscription, derivation once per snapshot, and composition.
// Panes render; hooks handle keys; the CLI owns the store, the actions and the exit code.
import {Box, Text, useApp, useInput, useWindowSize} from 'ink';
import {useCallback, useEffect, useLayoutEffect, useMemo, useReducer, useRef} from 'react';
import {Footer} from './components/Footer.js';
import {Header} from './components/Header.js';
import {StatusLine} from './components/StatusLine.js';
import {connectionError, connectionSummary} from './connection.js';
import {trafficLines} from './derive.js';
import {DeploymentScreen} from './DeploymentScreen.js';
import {ActionDialog} from './dialogs/ActionDialog.js';
import {dialogRows} from './dialogs/ConfirmDialog.js';
import {HelpOverlay} from './dialogs/HelpOverlay.js';
import {useClocks} from './hooks/use-clock.js';
import {useCommandKeys, useRunAction} from './hooks/use-commands.js';
import {useAccess, useOptionalStore} from './hooks/use-external-store.js';
import {type PodsOnScreen, useScreenData} from './hooks/use-screen-data.js';
import {useStable} from './hooks/use-stable.js';
import {useFilterInput} from './hooks/use-filter-input.js';
import {keyContext} from './key-context.js';
import {visibleCommands, type PaneId} from './keymap.js';
import {layout as computeLayout} from './layout.js';
import {DeploymentList} from './panes/DeploymentList.js';
import type {MonitorProps} from './types.js';
import {initialUiState, selectablePane, uiReducer} from './ui-state.js';
import {useTheme} from './theme-context.js';

const noTargets: readonly string[] = [];

export function App(props: MonitorProps) {
	const {store, actions, context, targets = noTargets, probe: probeStore, onExit, onView} = props;
	const {columns, rows} = useWindowSize();
	const theme = useTheme();
	const [ui, dispatch] = useReducer(uiReducer, targets.length === 1 ? targets[0] : undefined, initialUiState);
	const probe = useOptionalStore(probeStore);
	const access = useAccess(props.access);
	// Wall time for the header clock and the watch's contact times (the demo's own clock may run faster).
	const [now, connectionNow, tick] = useClocks(props.now, props.connectionNow ?? props.now);
	const clock = props.now ?? Date.now;

	const name = ui.view.kind === 'deployment' ? ui.view.name : undefined;
	useEffect(() => onView?.(name), [name, onView]);
	// Derived once per published snapshot, from what changed since the last one (deployment-view.ts);
	// the App re-renders only when something on screen changed (use-screen-data.ts).
	const query = useMemo(() => ({namespace: context.namespace, ...(name ? {name} : {}), targets, now: clock}), [context.namespace, name, targets, clock]);
	const podsOnScreen = useRef<PodsOnScreen>({filter: '', selected: 0, rows: 0});
	const {view, list, connections} = useScreenData(store, ui.frozen, query, podsOnScreen, tick);

	const dialogOpen = ui.dialog !== undefined && ui.dialog.kind !== 'help';
	const layout = useStable(computeLayout(columns, rows, {
		trafficLines: view ? trafficLines(view.traffic, probe !== undefined) : 0,
		revisions: view?.history.length ?? 0,
		warnings: view?.warnings.length ?? 0,
		reservedRows: dialogOpen ? dialogRows : 0,
	}));
	const panes: PaneId[] = ['rollout', ...(layout.history.mode === 'hidden' ? [] : ['history' as const]), ...(layout.traffic.mode === 'hidden' ? [] : ['traffic' as const]), 'pods'];
	const keys = keyContext(ui, view, {readOnly: props.readOnly, actions, access});
	const commands = useStable(visibleCommands(keys));

	const {exit} = useApp();
	const exited = useRef(false);
	const quit = useCallback(() => {
		if (exited.current) return;
		exited.current = true;
		exit();
		onExit?.(0);
	}, [exit, onExit]);

	useLayoutEffect(() => {
		podsOnScreen.current = {filter: ui.filter.text, selected: ui.selection.pods, rows: layout.pods.rows};
	});

	const pane = selectablePane(ui);
	const selectableCount = pane === 'list' ? list.length : pane === 'history' ? view?.history.length ?? 0 : pane === 'pods' ? view?.pods.length ?? 0 : 0;
	const onKey = useCommandKeys({dispatch, context: keys, panes, selectableCount, selectedDeployment: list[ui.selection.list]?.name, quit});
	useInput(onKey, {isActive: ui.dialog === undefined && !ui.filter.editing});
	// Ctrl-C quits from anywhere, dialogs included: the one key that must always work.
	useInput((input, key) => {
		if (key.ctrl && input === 'c') quit();
	});
	useFilterInput(dispatch, ui.filter.editing && ui.dialog === undefined);
	const run = useRunAction(actions, dispatch);

	const connection = useStable(connectionSummary(connections, connectionNow));
	const status = useStable(ui.status ?? (connection.kind === 'live' ? undefined : errorStatus(connectionError(connections))));
	const main = ui.dialog?.kind === 'help'
		? <HelpOverlay commands={commands} readOnly={props.readOnly} kubeconfigPath={props.demo?.kubeconfigPath} onClose={() => dispatch({type: 'help'})} />
		: view
			? <DeploymentScreen view={view} layout={layout} ui={ui} probe={probe} now={now} />
			: name
				? <Box paddingX={1} flexGrow={1}><Text color={theme.color.warn} wrap="wrap">Deployment "{name}" not found in namespace {context.namespace}; waiting for it to appear.</Text></Box>
				: <DeploymentList deployments={list} selected={ui.selection.list} rows={layout.list.rows} width={columns} namespace={context.namespace} />;

	return (
		<Box flexDirection="column" width={columns} height={rows} overflow="hidden">
			<Header context={context} deployment={name} budget={view?.progress.budget} connection={connection} frozen={ui.frozen} now={connectionNow} scenario={props.demo?.scenarioTitle} />
			<Box flexDirection="column" flexGrow={1} flexShrink={1} overflow="hidden">{main}</Box>
			<ActionDialog dialog={ui.dialog} dispatch={dispatch} run={run} />
			<StatusLine status={status} />
			<Footer commands={commands} />
		</Box>
	);
}

function errorStatus(error: string | undefined) {
	return error ? {kind: 'error' as const, text: error} : undefined;
}
