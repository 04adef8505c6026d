// The README's generated tables are the code's (keymap, exit codes), and its first commands are the ones
// a newcomer needs: generated text cannot drift, and the quick start cannot rot.
import {existsSync, readFileSync} from 'node:fs';
import {describe, expect, it} from 'vitest';
import {generatedSections, sectionOf, updateReadme} from '../scripts/readme.mjs';
import {EXIT_CODE_TABLE} from '../source/cluster/errors.js';
import {keymap, keymapMarkdown} from '../source/ui/keymap.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

describe('README', () => {
	it('has the key table generated from the keymap (npm run readme), one row per command', () => {
		const keys = sectionOf(readme, 'keys');
		expect(keys).toBe(keymapMarkdown());
		expect(keys!.split('\n').length).toBe(2 + keymap.length);
		expect(keys).toContain('| `p` | Pause the rollout where it is (kubectl rollout pause) | asks first, removed by `--read-only` |');
	});

	it('has the exit codes generated from EXIT_CODE_TABLE, one row per code', () => {
		const codes = sectionOf(readme, 'exit-codes');
		expect(codes).toBe(generatedSections()['exit-codes']);
		for (const {code, meaning} of EXIT_CODE_TABLE) expect(codes).toContain(`| \`${code}\` | ${meaning} |`);
	});

	it('is what npm run readme would write: nothing left to regenerate', () => {
		expect(updateReadme(readme)).toBe(readme);
		// And a stale table is noticed and replaced, not left beside the new one.
		const stale = readme.replace(/\| `q` `\^C` \| Quit \|.*\n/, '| `x` | Gone |  |\n');
		expect(stale).not.toBe(readme);
		expect(updateReadme(stale)).toBe(readme);
	});

	it('starts newcomers with the two commands that work from a fresh clone', () => {
		expect(readme).toContain('npm install && npx rollwatch demo');
		expect(readme).toContain('npm install && npm test');
	});

	it('shows the screen at 100×30 and at 80×24', () => {
		expect(readme).toContain('](media/demo.svg)');
		expect(readme).toContain('](media/canary-80x24-still.svg)');
		for (const [, path] of readme.matchAll(/\]\((media\/[^)]+)\)/g)) expect(existsSync(new URL(`../${path}`, import.meta.url)), path).toBe(true);
	});
});
