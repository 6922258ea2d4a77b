import { defineConfig } from 'vitest/config';

/** Unit tests mirror the source tree under tests/unit/. Renderer tests opt into jsdom per file. */
export default defineConfig({
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
