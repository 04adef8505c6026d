import {Text} from 'ink';
import {barCells} from '../format.js';
import type {Token} from '../theme.js';
import {useTheme} from '../theme-context.js';

export function Bar({fraction, width, token = 'bar.filled'}: {fraction: number; width: number; token?: Token}) {
	const theme = useTheme();
	const {filled, empty} = barCells(fraction, width);
	return (
		<Text>
			<Text color={theme.color[token]}>{theme.glyph.barFilled.repeat(filled)}</Text>
			<Text color={theme.color['bar.empty']}>{theme.glyph.barEmpty.repeat(empty)}</Text>
		</Text>
	);
}
