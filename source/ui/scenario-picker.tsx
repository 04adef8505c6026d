// `rollwatch demo` without --scenario: pick a demo with the arrows (or its number) and Enter.
import {Box, render, Text, useApp, useInput} from 'ink';
import {useState} from 'react';
import {SCENARIOS} from '../demo/scenarios.js';
import type {ScenarioName} from '../demo/scenarios.js';
import {defaultTheme, noColorTheme} from './theme.js';
import {ThemeProvider, useTheme} from './theme-context.js';

const CHOICES = (Object.keys(SCENARIOS) as ScenarioName[]).filter(name => name !== 'empty');

export function ScenarioPicker({onPick}: {onPick: (scenario: ScenarioName | undefined) => void}) {
	const theme = useTheme();
	const {exit} = useApp();
	const [index, setIndex] = useState(0);
	const choose = (scenario: ScenarioName | undefined) => {
		onPick(scenario);
		exit();
	};
	useInput((input, key) => {
		if (key.upArrow || input === 'k') setIndex(i => (i + CHOICES.length - 1) % CHOICES.length);
		else if (key.downArrow || input === 'j') setIndex(i => (i + 1) % CHOICES.length);
		else if (key.return) choose(CHOICES[index]);
		else if (input === 'q' || key.escape || (key.ctrl && input === 'c')) choose(undefined);
		else if (/^[1-9]$/.test(input) && Number(input) <= CHOICES.length) choose(CHOICES[Number(input) - 1]);
	});
	return (
		<Box flexDirection="column" paddingX={1}>
			<Text bold>rollwatch demo — pick a scenario</Text>
			<Text color={theme.color.muted}>An embedded cluster runs it; the monitor shows it live. ↑/↓ or j/k, Enter to start, q to quit.</Text>
			<Box flexDirection="column" marginTop={1}>
				{CHOICES.map((name, i) => (
					<Box key={name} flexDirection="column" marginBottom={i === index ? 1 : 0}>
						<Text color={i === index ? theme.color.focus : undefined} bold={i === index} wrap="truncate-end">
							{i === index ? theme.glyph.current : ' '} {i + 1}. {SCENARIOS[name].title} <Text color={theme.color.muted}>(--scenario {name})</Text>
						</Text>
						{i === index ? <Text color={theme.color.muted} wrap="wrap">{'     '}{SCENARIOS[name].description}</Text> : null}
					</Box>
				))}
			</Box>
		</Box>
	);
}

export async function runScenarioPicker({noColor}: {noColor: boolean}): Promise<ScenarioName | undefined> {
	let picked: ScenarioName | undefined;
	const instance = render(
		<ThemeProvider theme={noColor ? noColorTheme : defaultTheme}>
			<ScenarioPicker onPick={scenario => { picked = scenario; }} />
		</ThemeProvider>,
		{exitOnCtrlC: false},
	);
	await instance.waitUntilExit();
	instance.clear();
	return picked;
}
