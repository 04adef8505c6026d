// A bordered pane with its title in the top border. Focus shows twice: colour and a bold border,
// so it survives NO_COLOR.
import {Box, Text} from 'ink';
import type {ReactNode} from 'react';
import {useTheme} from '../theme-context.js';

type Props = {
	title: string;
	detail?: string;
	focused?: boolean;
	width?: number | string;
	height?: number;
	flexGrow?: number;
	children: ReactNode;
};

export function Pane({title, detail, focused = false, width, height, flexGrow, children}: Props) {
	const theme = useTheme();
	return (
		<Box width={width} height={height} flexGrow={flexGrow} flexShrink={0} flexDirection="column">
			<Box
				borderStyle={focused ? 'bold' : 'round'}
				borderColor={focused ? theme.color.focus : theme.color.muted}
				flexDirection="column"
				paddingX={1}
				flexGrow={1}
				overflow="hidden"
			>
				{children}
			</Box>
			{/* Drawn after the border, over its top edge: Ink has no border titles. */}
			<Box position="absolute" marginLeft={1}>
				<Text wrap="truncate-end">
					<Text bold color={focused ? theme.color.focus : undefined}> {title} </Text>
					{detail ? <Text color={theme.color.muted}>{detail} </Text> : null}
				</Text>
			</Box>
		</Box>
	);
}
