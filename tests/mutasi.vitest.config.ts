import { defineConfig } from 'vitest/config';

// Vitest untuk StrykerJS (npm run mutasi): checker satu pelajaran melawan solusi yang dimutasi.
// Zona waktunya sama dengan `npm run cek` (bukan UTC) dan harus diisi di proses utama ini.
process.env.TZ = 'Asia/Jakarta';
const lesson = process.env.MUTASI_PELAJARAN ?? '';

export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: [`lessons/${lesson || '*'}/cek.test.ts`],
    env: { WORKBOOK_TARGET: 'solusi', TZ: 'Asia/Jakarta' },
    testTimeout: 10_000,
    hookTimeout: 10_000,
  },
});
