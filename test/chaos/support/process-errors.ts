// Fails a chaos test on any unhandled rejection or uncaught exception, wherever it comes from: the watch
// layer, the actions, the server or Ink. Vitest would report some of these after the fact; collecting
// them lets the test assert "nothing crashed" at the moment it matters.
export type ProcessErrors = {errors: unknown[]; dispose(): void};

export function trapProcessErrors(): ProcessErrors {
	const errors: unknown[] = [];
	const onRejection = (reason: unknown) => errors.push(reason);
	const onException = (error: unknown) => errors.push(error);
	process.on('unhandledRejection', onRejection);
	process.on('uncaughtException', onException);
	return {
		errors,
		dispose() {
			process.off('unhandledRejection', onRejection);
			process.off('uncaughtException', onException);
		},
	};
}

/** A tiny seeded PRNG (mulberry32) so a failing chaos run can be replayed with the same fault sequence. */
export function seeded(seed: number): () => number {
	let a = seed >>> 0;
	return () => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
	};
}
