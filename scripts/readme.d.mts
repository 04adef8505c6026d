// Types for scripts/readme.mjs, so test/readme.test.ts can import it under strict type checking.
export function exitCodesMarkdown(): string;
export function generatedSections(): Record<'keys' | 'exit-codes', string>;
export function sectionOf(text: string, name: string): string | undefined;
export function updateReadme(text: string, sections?: Record<string, string>): string;
