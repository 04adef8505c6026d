// A terminal Ink can render to and read keys from, without a TTY: tests (render.tsx) and the frame bench
// (bench/frame-app.tsx) use it. No test-runner imports here, so the bench can bundle it.
import {EventEmitter} from 'node:events';

export class FakeStdout extends EventEmitter {
	readonly isTTY = true;
	readonly frames: string[] = [];
	constructor(public columns: number, public rows: number) {
		super();
	}
	// Ink waits for write callbacks before it settles waitUntilExit.
	write = (frame: string, encoding?: BufferEncoding | (() => void), callback?: () => void) => {
		this.frames.push(frame);
		const done = typeof encoding === 'function' ? encoding : callback;
		if (done) queueMicrotask(done);
		return true;
	};
	lastFrame = () => this.frames.at(-1) ?? '';
}

export class FakeStdin extends EventEmitter {
	readonly isTTY = true;
	private data: string | null = null;
	write = (data: string) => {
		this.data = data;
		this.emit('readable');
		this.emit('data', data);
	};
	read = () => {
		const {data} = this;
		this.data = null;
		return data;
	};
	setEncoding() {}
	setRawMode() {}
	resume() {}
	pause() {}
	ref() {}
	unref() {}
}
