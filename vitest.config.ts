import { defineConfig } from 'vitest/config';

// Unit tests run in Node (jsdom where a file asks for it with `// @vitest-environment jsdom`);
// browser tests under test/browser drive real Chromium through playwright-core.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    // two files at a time: most of a browser or CLI test's time is spent waiting on Chromium or a child process, and
    // vitest's default (cores - 1) runs the files one by one on a 2-core machine (371 s there; 232 s with two)
    maxWorkers: 2,
  },
});
