// The theme reaches components through context, so the CLI decides colour once, at the entry.
import {createContext, useContext, type ReactNode} from 'react';
import {defaultTheme, type Theme} from './theme.js';

const ThemeContext = createContext<Theme>(defaultTheme);

export function ThemeProvider({theme, children}: {theme: Theme; children: ReactNode}) {
	return <ThemeContext.Provider value={theme}>{children}</ThemeContext.Provider>;
}

export function useTheme(): Theme {
	return useContext(ThemeContext);
}
