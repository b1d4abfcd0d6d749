// Titik masuk CLI (JavaScript biasa, tanpa loader TypeScript yang memperlambat setiap impor).
// Kode CLI (TypeScript) dibundel sekali dengan esbuild ke node_modules/.cache/ dan dibundel ulang
// hanya bila ada sumber yang lebih baru. Paket (vitest, express, ...) tetap dimuat dari node_modules.
//
// Kode latihan tidak pernah berjalan di proses ini: pemeriksa (`__pemeriksa`) dan app sandbox
// (`__sandbox-app`) adalah proses anak yang bisa dihentikan kapan saja, sehingga perulangan tanpa
// akhir di kode pelajar tidak pernah membuat CLI berhenti menjawab.
import { mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outDir = path.join(root, 'node_modules', '.cache', 'cookie-session-cli');
const entries = {
  main: 'src/cli/main.ts',
  pemeriksa: 'src/cli/child.ts',
  'sandbox-app': 'sandbox-server/app.ts',
};
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
const entry = command === '__pemeriksa' ? 'pemeriksa' : command === '__sandbox-app' ? 'sandbox-app' : 'main';
// Mulai memuat paket berat sekarang, bersamaan dengan pemeriksaan bundel.
// (Proses pemeriksa memuat vitest sendiri, setelah menyalakan worker pertamanya.)
const preload =
  ['cek', 'check', 'latihan', 'watch', 'start', 'mulai', 'sandbox'].includes(command)
    ? import('esbuild')
    : Promise.resolve();

let builtAt = 0;
try {
  builtAt = Math.min(...Object.keys(entries).map((name) => statSync(path.join(outDir, `${name}.mjs`)).mtimeMs));
} catch {
  // belum pernah dibundel
}
if (builtAt < newestSource()) {
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, path.join(root, file)])),
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    outdir: outDir,
    outExtension: { '.js': '.mjs' },
    write: false,
    logLevel: 'silent',
  });
  mkdirSync(outDir, { recursive: true });
  for (const file of result.outputFiles) {
    const tmp = `${file.path}.${process.pid}.tmp`;
    writeFileSync(tmp, file.contents);
    renameSync(tmp, file.path); // atomik: proses CLI lain tidak pernah membaca bundel setengah jadi
  }
}
await preload;
await import(pathToFileURL(path.join(outDir, `${entry}.mjs`)).href);
