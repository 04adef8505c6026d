import {defineConfig} from 'vitest/config';

export default defineConfig({
	test: {
		include: ['test/**/*.test.{ts,tsx}'],
		reporters: ['default', './test/support/summary-reporter.ts'],
		globalSetup: ['test/support/global-setup.ts'],
		setupFiles: ['test/support/setup.ts'],
		testTimeout: 60_000,
		hookTimeout: 60_000,
		pool: 'forks',
		// Two cores: end-to-end files each run a demo cluster, kubectl and the TUI.
		maxWorkers: 2,
	},
});
