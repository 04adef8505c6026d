// One line: where we are (context, namespace, deployment, strategy) on the left, and whether the data is
// live, with the clock, on the right. The right side never gives way; the left sheds its least useful
// words first when the terminal is narrow.
import {Box, Text, useWindowSize} from 'ink';
import {memo} from 'react';
import type {Budget} from '../../rollout/index.js';
import type {ConnectionSummary} from '../connection.js';
import {timeOfDay} from '../format.js';
import {cells} from '../panes/short-image.js';
import {useTheme} from '../theme-context.js';
import type {Token} from '../theme.js';

type Props = {
	context: {name?: string; namespace: string};
	deployment?: string;
	budget?: Budget;
	connection: ConnectionSummary;
	frozen: boolean;
	now: number;
	scenario?: string;
};

const connectionToken: Record<ConnectionSummary['kind'], Token> = {
	live: 'status.complete',
	connecting: 'status.progressing',
	reconnecting: 'warn',
	stale: 'status.failed',
};

/** The strategy, longest first: kubectl's field names, then shorter words, then one word. */
export function strategyWordings(budget: Budget): string[] {
	if (budget.strategy === 'Recreate') return ['Recreate'];
	return [`RollingUpdate maxSurge ${budget.maxSurge} maxUnavailable ${budget.maxUnavailable}`, `rolling surge ${budget.maxSurge} unavail ${budget.maxUnavailable}`, 'rolling'];
}

export type HeaderFit = {brand: boolean; strategy?: string; scenario?: string};

type FitInput = Omit<Props, 'connection' | 'now' | 'frozen'> & {right: string};

/** What the left side shows at `columns`: the demo's scenario goes first, then our name, then strategy detail. */
export function fitHeader(input: FitInput, columns: number): HeaderFit {
	const strategies = input.budget ? strategyWordings(input.budget) : [];
	const fixed = cells(input.right)
		+ (input.context.name ? cells(`  ctx ${input.context.name}`) : 0)
		+ cells(`  ns ${input.context.namespace}`)
		+ (input.deployment ? cells(`  deploy/${input.deployment}`) : 0);
	// Strategy detail outranks the demo's scenario title, which outranks our own name.
	const candidates: HeaderFit[] = [
		{brand: true, ...(strategies[0] ? {strategy: strategies[0]} : {}), ...(input.scenario ? {scenario: input.scenario} : {})},
		...strategies.flatMap(strategy => [{brand: true, strategy}, {brand: false, strategy}]),
		{brand: false},
	];
	// Without the name, one space of margin replaces " rollwatch" and the two spaces after it.
	const width = (fit: HeaderFit) => fixed + (fit.brand ? cells(' rollwatch') : -1)
		+ (fit.strategy ? cells(`  ${fit.strategy}`) : 0) + (fit.scenario ? cells(`  ${fit.scenario}`) : 0);
	return candidates.find(fit => width(fit) <= columns) ?? {brand: false};
}

export const Header = memo(function Header({context, deployment, budget, connection, frozen, now, scenario}: Props) {
	const theme = useTheme();
	const {columns} = useWindowSize();
	const glyph = connection.kind === 'live' ? theme.glyph.live : theme.glyph.reconnecting;
	const frozenText = frozen ? ` ${theme.glyph.paused} frozen ` : '';
	const connectionText = ` ${glyph} ${connection.text}`;
	const clock = ` ${timeOfDay(now)} `;
	const fit = fitHeader({context, deployment, budget, scenario, right: frozenText + connectionText + clock}, columns);
	return (
		<Box width="100%" flexShrink={0}>
			<Box flexGrow={1} flexShrink={1}>
				<Text wrap="truncate-end">
					{fit.brand ? <Text bold> rollwatch  </Text> : <Text> </Text>}
					{context.name ? <Text><Text color={theme.color.muted}>ctx</Text> {context.name}  </Text> : null}
					<Text><Text color={theme.color.muted}>ns</Text> {context.namespace}</Text>
					{deployment ? <Text bold>  deploy/{deployment}</Text> : null}
					{fit.strategy ? <Text>  {fit.strategy}</Text> : null}
					{fit.scenario ? <Text color={theme.color.accent}>  {fit.scenario}</Text> : null}
				</Text>
			</Box>
			<Box flexShrink={0}>
				{frozen ? <Text color={theme.color.warn} bold>{frozenText}</Text> : null}
				<Text color={theme.color[connectionToken[connection.kind]]}>{connectionText}</Text>
				<Text>{clock}</Text>
			</Box>
		</Box>
	);
});
