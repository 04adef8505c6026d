// Regenerates the README's generated tables from the code, so they cannot drift from it:
//   the key table from source/ui/keymap.ts (keymapMarkdown), between <!-- keys:start --> and <!-- keys:end -->;
//   the exit codes from source/cluster/errors.ts (EXIT_CODE_TABLE), between <!-- exit-codes:start/end -->.
//   npm run readme            rewrite README.md
//   npm run readme -- --check exit 1 when README.md is out of date
// Node 24 imports the .ts sources directly (type stripping); neither module pulls in .tsx.
import {readFile, writeFile} from 'node:fs/promises';
import {pathToFileURL} from 'node:url';
import {EXIT_CODE_TABLE} from '../source/cluster/errors.ts';
import {keymapMarkdown} from '../source/ui/keymap.ts';

export function exitCodesMarkdown() {
	const rows = EXIT_CODE_TABLE.map(({code, meaning}) => `| \`${code}\` | ${meaning} |`);
	return ['| Exit code | Meaning |', '|---|---|', ...rows].join('\n');
}

/** Marker name → the Markdown that belongs between its start and end comments. */
export function generatedSections() {
	return {keys: keymapMarkdown(), 'exit-codes': exitCodesMarkdown()};
}

/** The text between a marker pair, trimmed; undefined when the markers are missing. */
export function sectionOf(text, name) {
	const match = new RegExp(`<!-- ${name}:start -->\\n([\\s\\S]*?)<!-- ${name}:end -->`).exec(text);
	return match ? match[1].trim() : undefined;
}

/** README text with every generated section replaced; throws when a marker pair is missing. */
export function updateReadme(text, sections = generatedSections()) {
	let result = text;
	for (const [name, body] of Object.entries(sections)) {
		const pattern = new RegExp(`<!-- ${name}:start -->[\\s\\S]*?<!-- ${name}:end -->`);
		if (!pattern.test(result)) throw new Error(`README.md has no <!-- ${name}:start --> … <!-- ${name}:end --> markers`);
		result = result.replace(pattern, () => `<!-- ${name}:start -->\n${body}\n<!-- ${name}:end -->`);
	}
	return result;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
	const path = new URL('../README.md', import.meta.url);
	const before = await readFile(path, 'utf8');
	const after = updateReadme(before);
	if (process.argv.includes('--check')) {
		if (before !== after) {
			process.stderr.write('README.md is out of date: run npm run readme\n');
			process.exitCode = 1;
		}
	} else if (before !== after) {
		await writeFile(path, after);
		process.stdout.write('README.md: tables regenerated\n');
	} else {
		process.stdout.write('README.md: up to date\n');
	}
}
