import { defineConfig } from 'vitest/config';

// Unit tests run in Node (jsdom where a file asks for it with `// @vitest-environment jsdom`);
// browser tests under test/browser drive real Chromium through playwright-core.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
  },
});
