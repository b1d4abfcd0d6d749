import { defineConfig } from 'vitest/config';

// Tes proyek sendiri (npm test). Checker pelajaran dijalankan lewat tests/checkers.test.ts.
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
    maxConcurrency: 3,
  },
});
