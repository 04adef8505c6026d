// Fuzz: a watch response of any bytes — garbage lines, truncated JSON, events with broken objects, odd
// chunking — is read without throwing (except the documented ERROR event), and what it yields folds
// into the store without throwing either.
import {Readable} from 'node:stream';
import fc from 'fast-check';
import {describe, expect, it} from 'vitest';
import {KubeHttpError} from '../../source/cluster/errors.js';
import {readWatchStream} from '../../source/cluster/watch-stream.js';
import {emptyClusterState, reduce} from '../../source/store/reducer.js';
import {FIXTURES, fuzzRuns, garbageObject, loadObjects, mutated} from './support/mutate.js';

const pods = FIXTURES.flatMap(name => loadObjects(name).objects.pods);
const eventLine = fc.tuple(fc.constantFrom('ADDED', 'MODIFIED', 'DELETED', 'BOOKMARK', 'ERROR', 'added', '', 'SYNCED'), fc.oneof(fc.constantFrom(...pods).chain(pod => mutated(pod, 6, false)), garbageObject)).map(([type, object]) => JSON.stringify({type, object}));
const line = fc.oneof(
	{weight: 5, arbitrary: eventLine},
	{weight: 1, arbitrary: eventLine.map(text => text.slice(0, Math.floor(text.length / 2)))},
	{weight: 1, arbitrary: fc.string({unit: 'binary', maxLength: 40}).map(text => text.replaceAll('\n', ' '))},
	{weight: 1, arbitrary: fc.jsonValue({maxDepth: 2}).map(value => JSON.stringify(value) ?? 'null')},
);

function parses(text: string): boolean {
	try {
		JSON.parse(text);
		return true;
	} catch {
		return false;
	}
}

function bodyOf(text: string, chunk: number): Readable {
	const bytes = Buffer.from(text, 'utf8');
	const chunks: Buffer[] = [];
	for (let offset = 0; offset < bytes.length; offset += chunk) chunks.push(bytes.subarray(offset, offset + chunk));
	return Readable.from(chunks);
}

describe('fuzz: watch streams', () => {
	it('never throws on any bytes, except for an ERROR event as documented, and what it yields folds cleanly', async () => {
		await fc.assert(
			fc.asyncProperty(fc.array(line, {maxLength: 25}), fc.integer({min: 1, max: 64}), async (lines, chunk) => {
				let state = emptyClusterState();
				let malformed = 0;
				let threw = false;
				try {
					await readWatchStream(bodyOf(lines.join('\n'), chunk), {
						signal: new AbortController().signal,
						idleTimeoutMs: 10_000,
						onIdle: () => undefined,
						onMalformed: () => malformed++,
						onEvent: (type, object) => {
							if (type !== 'BOOKMARK') state = reduce(state, {type, resource: 'pods', object, at: 1});
						},
					});
				} catch (error) {
					// A server ERROR event other than 410 ends the watch with the server's status.
					threw = true;
					expect(error).toBeInstanceOf(KubeHttpError);
					expect(lines.some(text => text.includes('"type":"ERROR"'))).toBe(true);
				}
				// Every line that is not JSON at all was counted as malformed, not silently dropped.
				const unparsable = lines.filter(text => text.trim() !== '' && !parses(new TextDecoder().decode(new TextEncoder().encode(text)))).length;
				if (!threw) expect(malformed).toBeGreaterThanOrEqual(unparsable);
				expect(state.pods.size).toBeLessThanOrEqual(lines.length);
			}),
			{numRuns: fuzzRuns(300)},
		);
	});
});
