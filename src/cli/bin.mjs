// Titik masuk CLI (JavaScript biasa, tanpa loader TypeScript yang memperlambat setiap impor).
// Kode CLI (TypeScript) dibundel sekali dengan esbuild ke node_modules/.cache/ dan dibundel ulang
// hanya bila ada sumber yang lebih baru. Paket (vitest, express, ...) tetap dimuat dari node_modules.
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = path.join(root, 'node_modules', '.cache', 'cookie-session-cli', 'main.mjs');
const sources = ['src/cli', 'src/harness/target.ts', 'src/lessons.ts', 'src/workspace.ts', 'sandbox-server'];

function newestSource() {
  let newest = 0;
  const visit = (p) => {
    const st = statSync(p);
    if (st.isDirectory()) for (const f of readdirSync(p)) visit(path.join(p, f));
    else if (p.endsWith('.ts')) newest = Math.max(newest, st.mtimeMs);
  };
  for (const s of sources) visit(path.join(root, s));
  return newest;
}

const command = process.argv[2] ?? '';
const checking = ['cek', 'check', 'latihan', 'watch', 'start', 'mulai'].includes(command);
// Mulai memuat vitest sekarang, bersamaan dengan pemeriksaan bundel.
const preload = checking ? Promise.all([import('vitest/node'), import('esbuild')]) : Promise.resolve();

let builtAt = 0;
try {
  builtAt = statSync(out).mtimeMs;
} catch {
  // belum pernah dibundel
}
if (builtAt < newestSource()) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [path.join(root, 'src/cli/main.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    write: false,
    logLevel: 'silent',
  });
  mkdirSync(path.dirname(out), { recursive: true });
  const tmp = `${out}.${process.pid}.tmp`;
  writeFileSync(tmp, result.outputFiles[0].contents);
  renameSync(tmp, out); // atomik: proses CLI lain tidak pernah membaca bundel setengah jadi
}
await preload;
await import(pathToFileURL(out).href);
