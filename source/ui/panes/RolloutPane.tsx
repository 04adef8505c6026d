// Where the rollout stands: revision and image, the Progressing reason, progress bars against the
// budget, elapsed time and ETA, and the exact line `kubectl rollout status` would print now.
import {Box, Text} from 'ink';
import type {RolloutPhase} from '../../rollout/index.js';
import {Bar} from '../components/Bar.js';
import {Pane} from '../components/Pane.js';
import type {DeploymentView} from '../derive.js';
import {clockDuration} from '../format.js';
import type {Glyphs, Token} from '../theme.js';
import {useTheme} from '../theme-context.js';

type Props = {view: DeploymentView; width: number; height: number; compact: boolean; focused: boolean; now: number};

export const phaseStyle: Record<RolloutPhase, {token: Token; glyph: keyof Glyphs; word: string}> = {
	progressing: {token: 'status.progressing', glyph: 'pending', word: 'Progressing'},
	waiting: {token: 'status.progressing', glyph: 'pending', word: 'Waiting'},
	complete: {token: 'status.complete', glyph: 'ok', word: 'Complete'},
	failed: {token: 'status.failed', glyph: 'failed', word: 'Failed'},
	paused: {token: 'status.paused', glyph: 'paused', word: 'Paused'},
};

// Label column + count column around the bar, in cells.
const labelWidth = 10;
const countWidth = 15;

function ProgressRow({label, value, total, fraction, barWidth, note}: {label: string; value: number; total: number; fraction: number; barWidth: number; note?: string}) {
	return (
		<Box>
			<Box width={labelWidth} flexShrink={0}><Text>{label}</Text></Box>
			<Bar fraction={fraction} width={barWidth} />
			<Box flexShrink={1}><Text wrap="truncate-end"> {value}/{total}{note ? `  ${note}` : ''}</Text></Box>
		</Box>
	);
}

export function RolloutPane({view, width, height, compact, focused, now}: Props) {
	const theme = useTheme();
	const {progress, status} = view;
	const style = phaseStyle[progress.phase];
	const condition = progress.conditions.find(candidate => candidate.type === 'Progressing');
	const image = progress.newReplicaSet?.images.join(',') ?? view.deployment.spec.template.spec.containers.map(container => container.image).join(',');
	const barWidth = Math.max(4, width - 4 - labelWidth - countWidth);
	const moving = progress.phase === 'progressing';
	const elapsed = progress.elapsed === undefined ? undefined : progress.elapsed + (moving ? Math.max(0, now - view.derivedAt) : 0);
	const eta = progress.eta === undefined || !moving ? undefined : Math.max(0, progress.eta - (now - view.derivedAt));
	const {budget} = progress;
	const statusToken: Token = status.error ? 'status.failed' : status.done ? 'status.complete' : 'status.progressing';
	return (
		<Pane title="Rollout" focused={focused} width={width} height={height}>
			<Text wrap="truncate-end">
				<Text color={theme.color[style.token]}>{theme.glyph[style.glyph]} {style.word}</Text>
				{condition?.reason ? <Text color={theme.color.muted}> ({condition.reason})</Text> : null}
				<Text>  rev {progress.revision ?? '?'} {theme.glyph.arrow} </Text>
				<Text color={theme.color['rev.new']}>{image}</Text>
			</Text>
			<ProgressRow label="updated" value={progress.updated} total={progress.desired} fraction={progress.fractions.updated} barWidth={barWidth} />
			{compact ? null : <ProgressRow label="ready" value={progress.ready} total={progress.desired} fraction={progress.fractions.ready} barWidth={barWidth} />}
			<ProgressRow label="available" value={progress.available} total={progress.desired} fraction={progress.fractions.available} barWidth={barWidth} note={`(min ${budget.minAvailable})`} />
			{compact ? null : (
				<Text wrap="truncate-end">
					{budget.strategy === 'Recreate'
						? <Text color={theme.color.warn}>Recreate: old pods stop before new ones start</Text>
						: <Text>surge {progress.surgeUsed}/{budget.maxSurge} used   unavailable {progress.unavailableUsed}/{budget.maxUnavailable} used</Text>}
					{elapsed === undefined ? null : <Text>   {clockDuration(elapsed)}</Text>}
					{eta === undefined || eta === 0 ? null : <Text color={theme.color.muted}>  ETA {clockDuration(eta)}</Text>}
				</Text>
			)}
			<Box height={2} overflow="hidden">
				<Text color={theme.color[statusToken]} wrap="wrap">{status.error ? `error: ${status.message}` : status.message}</Text>
			</Box>
		</Pane>
	);
}
