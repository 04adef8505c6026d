import {Box, Text} from 'ink';
import type {Budget} from '../../rollout/index.js';
import type {ConnectionSummary} from '../connection.js';
import {timeOfDay} from '../format.js';
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

function budgetText(budget: Budget): string {
	return budget.strategy === 'Recreate' ? 'Recreate' : `RollingUpdate surge ${budget.maxSurge} unavail ${budget.maxUnavailable}`;
}

export function Header({context, deployment, budget, connection, frozen, now, scenario}: Props) {
	const theme = useTheme();
	const glyph = connection.kind === 'live' ? theme.glyph.live : theme.glyph.reconnecting;
	return (
		<Box width="100%" flexShrink={0}>
			<Box flexGrow={1} flexShrink={1}>
				<Text wrap="truncate-end">
					<Text bold> rollwatch</Text>
					{context.name ? <Text>  <Text color={theme.color.muted}>ctx</Text> {context.name}</Text> : null}
					<Text>  <Text color={theme.color.muted}>ns</Text> {context.namespace}</Text>
					{deployment ? <Text bold>  deploy/{deployment}</Text> : null}
					{budget ? <Text>  {budgetText(budget)}</Text> : null}
					{scenario ? <Text color={theme.color.accent}>  {scenario}</Text> : null}
				</Text>
			</Box>
			<Box flexShrink={0}>
				{frozen ? <Text color={theme.color.warn} bold>{theme.glyph.paused} frozen  </Text> : null}
				<Text color={theme.color[connectionToken[connection.kind]]}> {glyph} {connection.text}</Text>
				<Text> {timeOfDay(now)} </Text>
			</Box>
		</Box>
	);
}
