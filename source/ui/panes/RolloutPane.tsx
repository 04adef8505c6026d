// Where the rollout stands: revision and image, the Progressing reason, progress bars against the
// budget, elapsed time and ETA, and the exact line `kubectl rollout status` would print now.
import {Box, Text} from 'ink';
import {memo} from 'react';
import {templateImages, type RolloutPhase} from '../../rollout/index.js';
import {Bar} from '../components/Bar.js';
import {Pane} from '../components/Pane.js';
import type {DeploymentView} from '../derive.js';
import {sameValue} from '../same-view.js';
import {clockDuration} from '../format.js';
import type {Glyphs, Token} from '../theme.js';
import {useTheme} from '../theme-context.js';
import {cells, fitImages} from './short-image.js';
import {wrapWords} from './wrap-words.js';

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

/** "surge 1/1 used   unavailable 0/1 used", without "used" when that would push the clock off the line. */
export function budgetText(surge: number, maxSurge: number, unavailable: number, maxUnavailable: number, room: number): string {
	const long = `surge ${surge}/${maxSurge} used   unavailable ${unavailable}/${maxUnavailable} used`;
	return long.length <= room ? long : `surge ${surge}/${maxSurge}  unavailable ${unavailable}/${maxUnavailable}`;
}

/** The first line's parts that fit `inner` cells: the image (short before cut) outranks the reason. */
export function titleFit(parts: {word: string; reason?: string; revision: string; images: readonly string[]}, inner: number): {reason?: string; image: string} {
	const head = `◐ ${parts.word}  rev ${parts.revision} → `;
	const reason = parts.reason ? ` (${parts.reason})` : '';
	if (cells(head + reason + parts.images.join(',')) <= inner) return {...(parts.reason ? {reason: parts.reason} : {}), image: parts.images.join(',')};
	const image = fitImages(parts.images, 0);
	return cells(head + reason + image) <= inner && parts.reason ? {reason: parts.reason, image} : {image};
}

/** The images the title names: the new ReplicaSet's, or the template's before there is one. */
const imagesOf = (view: DeploymentView) => view.progress.newReplicaSet?.images ?? templateImages(view.deployment.spec.template);

// The pane draws progress, status and the images; the deriver keeps those objects while they show the
// same (deployment-view.ts), so a frame that only moved pod rows skips this pane.
const sameRollout = (a: Props, b: Props) => a.width === b.width && a.height === b.height && a.compact === b.compact && a.focused === b.focused && a.now === b.now
	&& a.view.progress === b.view.progress && a.view.derivedAt === b.view.derivedAt && a.view.status === b.view.status
	&& (a.view.progress.newReplicaSet !== undefined || sameValue(imagesOf(a.view), imagesOf(b.view)));

export const RolloutPane = memo(function RolloutPane({view, width, height, compact, focused, now}: Props) {
	const theme = useTheme();
	const {progress, status} = view;
	const style = phaseStyle[progress.phase];
	const condition = progress.conditions.find(candidate => candidate.type === 'Progressing');
	const images = imagesOf(view);
	const title = titleFit({word: style.word, reason: condition?.reason, revision: String(progress.revision ?? '?'), images}, width - 4);
	const barWidth = Math.max(4, width - 4 - labelWidth - countWidth);
	const moving = progress.phase === 'progressing';
	const elapsed = progress.elapsed === undefined ? undefined : progress.elapsed + (moving ? Math.max(0, now - view.derivedAt) : 0);
	const eta = progress.eta === undefined || !moving ? undefined : Math.max(0, progress.eta - (now - view.derivedAt));
	const {budget} = progress;
	const etaText = eta === undefined || eta === 0 ? '' : `ETA ${clockDuration(eta)}`;
	const timeCells = (elapsed === undefined ? 0 : 3 + clockDuration(elapsed).length) + (etaText ? 2 + etaText.length : 0);
	const statusToken: Token = status.error ? 'status.failed' : status.done ? 'status.complete' : 'status.progressing';
	return (
		<Pane title="Rollout" focused={focused} width={width} height={height}>
			<Text wrap="truncate-end">
				<Text color={theme.color[style.token]}>{theme.glyph[style.glyph]} {style.word}</Text>
				{title.reason ? <Text color={theme.color.muted}> ({title.reason})</Text> : null}
				<Text>  rev {progress.revision ?? '?'} {theme.glyph.arrow} </Text>
				<Text color={theme.color['rev.new']}>{title.image}</Text>
			</Text>
			<ProgressRow label="updated" value={progress.updated} total={progress.desired} fraction={progress.fractions.updated} barWidth={barWidth} />
			{compact ? null : <ProgressRow label="ready" value={progress.ready} total={progress.desired} fraction={progress.fractions.ready} barWidth={barWidth} />}
			<ProgressRow label="available" value={progress.available} total={progress.desired} fraction={progress.fractions.available} barWidth={barWidth} note={`(min ${budget.minAvailable})`} />
			{compact ? null : (
				<Text wrap="truncate-end">
					{budget.strategy === 'Recreate'
						? <Text color={theme.color.warn}>Recreate: old pods stop before new ones start</Text>
						: <Text>{budgetText(progress.surgeUsed, budget.maxSurge, progress.unavailableUsed, budget.maxUnavailable, width - 4 - timeCells)}</Text>}
					{elapsed === undefined ? null : <Text>   {clockDuration(elapsed)}</Text>}
					{etaText ? <Text color={theme.color.muted}>  {etaText}</Text> : null}
				</Text>
			)}
			<Box height={2} flexDirection="column" overflow="hidden">
				{wrapWords(status.error ? `error: ${status.message}` : status.message, width - 4, 2).map((line, index) => (
					<Text key={index} color={theme.color[statusToken]}>{line}</Text>
				))}
			</Box>
		</Pane>
	);
}, sameRollout);
