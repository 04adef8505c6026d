import {PassThrough, Readable} from 'node:stream';
import {describe, expect, it, vi} from 'vitest';
import {KubeHttpError} from '../../source/cluster/errors.js';
import {readWatchStream} from '../../source/cluster/watch-stream.js';
import type {ReadWatchOptions, StreamEventType} from '../../source/cluster/watch-stream.js';
import type {KubeObject} from '../../source/k8s/types.js';

const pod = (name: string, rv: string, message = ''): KubeObject => ({
	apiVersion: 'v1',
	kind: 'Pod',
	metadata: {name, namespace: 'shop', uid: `uid-${name}`, resourceVersion: rv, annotations: {note: message}},
});
const line = (type: string, object: unknown) => `${JSON.stringify({type, object})}\n`;

type Read = {events: Array<[StreamEventType, KubeObject]>; malformed: number};

function options(read: Read, extra: Partial<ReadWatchOptions> = {}): ReadWatchOptions {
	return {
		signal: new AbortController().signal,
		idleTimeoutMs: 60_000,
		onIdle: () => undefined,
		onMalformed: () => read.malformed++,
		onEvent: (type, object) => read.events.push([type, object]),
		...extra,
	};
}

/** The text as a body cut into chunks at the given byte offsets. */
function cutAt(text: string, cuts: number[]): Readable {
	const bytes = Buffer.from(text, 'utf8');
	const edges = [0, ...cuts.filter(cut => cut > 0 && cut < bytes.length), bytes.length];
	return Readable.from(edges.slice(1).map((end, index) => bytes.subarray(edges[index], end)));
}

describe('readWatchStream', () => {
	// Multi-byte characters (2, 3 and 4 bytes in UTF-8), so some cuts fall inside a character.
	const body = [line('ADDED', pod('a', '1', 'ünïcødé')), '\r\n', '   \n', line('MODIFIED', pod('a', '2', '日本語 🚀')), 'not json\n', line('ADDED', {metadata: 'x'}).replace('"ADDED"', '"SYNCED"'), line('BOOKMARK', {metadata: {resourceVersion: '9'}}), line('DELETED', pod('a', '3'))].join('');

	it('yields every event whole wherever the chunks are cut, counts lines that are not events, and skips blank ones', async () => {
		const length = Buffer.byteLength(body);
		for (let cut = 1; cut < length; cut += 3) {
			const read: Read = {events: [], malformed: 0};
			const end = await readWatchStream(cutAt(body, [cut, cut + 1, cut + 200]), options(read));
			expect(end).toEqual({ended: 'closed', events: 4});
			expect(read.events.map(([type, object]) => [type, object.metadata.resourceVersion, object.metadata.annotations?.['note']])).toEqual([
				['ADDED', '1', 'ünïcødé'],
				['MODIFIED', '2', '日本語 🚀'],
				['BOOKMARK', '9', undefined],
				['DELETED', '3', ''],
			]);
			expect(read.malformed).toBe(2);
		}
	});

	it('reads a last line that has no newline, and drops a byte order mark at the start', async () => {
		const read: Read = {events: [], malformed: 0};
		const end = await readWatchStream(cutAt(`\uFEFF${line('ADDED', pod('a', '1'))}${line('ADDED', pod('b', '2')).trimEnd()}`, [2, 40]), options(read));
		expect(end).toEqual({ended: 'closed', events: 2});
		expect(read.events.map(([, object]) => object.metadata.name)).toEqual(['a', 'b']);
		expect(read.malformed).toBe(0);
	});

	it('ends as expired on an ERROR 410 event, without reading further', async () => {
		const read: Read = {events: [], malformed: 0};
		const text = line('ADDED', pod('a', '1')) + line('ERROR', {kind: 'Status', code: 410, reason: 'Expired'}) + line('ADDED', pod('b', '2'));
		expect(await readWatchStream(cutAt(text, []), options(read))).toEqual({ended: 'expired', events: 1});
		expect(read.events).toHaveLength(1);
	});

	it('rejects with the server status on any other ERROR event', async () => {
		const read: Read = {events: [], malformed: 0};
		const text = line('ERROR', {kind: 'Status', code: 500, message: 'etcd is down'});
		const error = await readWatchStream(cutAt(text, [10]), options(read)).catch((caught: unknown) => caught);
		expect(error).toBeInstanceOf(KubeHttpError);
		expect((error as KubeHttpError).statusCode).toBe(500);
		expect((error as KubeHttpError).message).toBe('etcd is down');
	});

	it('rejects when the body fails, and ends as aborted when the signal aborts it', async () => {
		const failing = new PassThrough();
		const failed = readWatchStream(failing, options({events: [], malformed: 0}));
		failing.write(line('ADDED', pod('a', '1')));
		failing.destroy(new Error('socket hang up'));
		await expect(failed).rejects.toThrow('socket hang up');

		const open = new PassThrough();
		const stopper = new AbortController();
		const read: Read = {events: [], malformed: 0};
		const aborted = readWatchStream(open, options(read, {signal: stopper.signal}));
		open.write(line('ADDED', pod('a', '1')));
		await new Promise(resolve => setImmediate(resolve));
		stopper.abort();
		expect(await aborted).toEqual({ended: 'aborted', events: 1});
		expect(open.destroyed).toBe(true);
	});

	it('calls onIdle when no bytes arrive for the idle timeout, and not while they do', async () => {
		vi.useFakeTimers({toFake: ['setTimeout', 'clearTimeout']});
		try {
			const open = new PassThrough();
			const stopper = new AbortController();
			let idled = 0;
			const reading = readWatchStream(open, options({events: [], malformed: 0}, {signal: stopper.signal, idleTimeoutMs: 1000, onIdle: () => (idled++, stopper.abort())}));
			for (let index = 0; index < 4; index++) {
				open.write(line('ADDED', pod(`p${index}`, String(index))));
				await new Promise(resolve => process.nextTick(resolve));
				vi.advanceTimersByTime(600);
			}
			expect(idled).toBe(0);
			vi.advanceTimersByTime(400);
			expect(idled).toBe(1);
			expect(await reading).toEqual({ended: 'aborted', events: 4});
		} finally {
			vi.useRealTimers();
		}
	});
});
