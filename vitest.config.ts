import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { defineConfig } from 'vitest/config';

/** Unit tests mirror the source tree under tests/unit/. Renderer tests opt into jsdom per file. */
export default defineConfig({
  resolve: {
    // Main-process and preload unit tests run against one hand-written Electron mock.
    alias: { electron: resolve(__dirname, 'tests/mocks/electron.ts') },
  },
  test: {
    include: ['tests/unit/**/*.test.ts', 'tests/unit/**/*.test.tsx'],
    environment: 'node',
    pool: 'forks',
    // Vitest's default is one fork per core less one: a single fork on a 2-core CI machine, where
    // most files wait on sockets, timers and scrypt rather than the CPU. Two there took the unit
    // stage from 5.5 to 3.3 min; bigger machines keep the default.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // Processed by vitest so its `import 'electron'` gets the mock too.
    server: { deps: { inline: ['electron-store'] } },
    // ...and CommonJS packages that require('electron') get the mock too (electron-log/main).
    // Testing Library's waits are hang detectors, not timers (tests/unit/setup-async.ts).
    setupFiles: ['tests/mocks/electron-require.ts', 'tests/unit/setup-async.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
