// Ink renders non-interactively (no frames, just the last one) when CI is set; tests want real frames.
delete process.env.CI;
delete process.env.CONTINUOUS_INTEGRATION;
