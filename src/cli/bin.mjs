// Titik masuk CLI (JavaScript biasa, tanpa loader TypeScript yang memperlambat setiap impor).
// Kode CLI (TypeScript) dibundel sekali dengan esbuild ke node_modules/.cache/ dan dibundel ulang
// hanya bila ada sumber yang lebih baru. Paket (vitest, express, ...) tetap dimuat dari node_modules.
//
// Kode latihan tidak pernah berjalan di proses ini: pemeriksa (`__pemeriksa`) dan app sandbox
// (`__sandbox-app`) adalah proses anak yang bisa dihentikan kapan saja, sehingga perulangan tanpa
// akhir di kode pelajar tidak pernah membuat CLI berhenti menjawab.
import { mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import module from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const outDir = path.join(root, 'node_modules', '.cache', 'cookie-session-cli');
// Node 22.1+: hasil kompilasi modul disimpan di disk, jadi vitest, vite dan express dimuat lebih cepat
// pada pemeriksaan berikutnya. Lewat env, proses pemeriksa dan worker-nya ikut memakainya.
if (module.enableCompileCache) {
  process.env.NODE_COMPILE_CACHE ??= path.join(root, 'node_modules', '.cache', 'node-compile');
  module.enableCompileCache(process.env.NODE_COMPILE_CACHE);
}
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
    else if (/\.(ts|mjs)$/.test(p)) newest = Math.max(newest, st.mtimeMs);
  };
  for (const s of sources) visit(path.join(root, s));
  return newest;
}

const command = process.argv[2] ?? '';
// `cek`: proses pemeriksa (yang memuat vitest, bagian terlama) dinyalakan sekarang juga, selagi
// bundel diperiksa dan CLI membaca argumen; Checker mengambil alih proses itu.
if (command === 'cek' || command === 'check') (await import('./pemeriksa.mjs')).spawnEarly(root, process.argv.slice(3));
const entry = command === '__pemeriksa' ? 'pemeriksa' : command === '__sandbox-app' ? 'sandbox-app' : 'main';
// Sandbox: mulai memuat esbuild sekarang, bersamaan dengan pemeriksaan bundel.
const preload = command === 'sandbox' ? import('esbuild') : Promise.resolve();

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
    // Potongan terpisah: `cek` tidak memuat (dan tidak membayar) kode sandbox, dokter, atau mode pantau.
    splitting: true,
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
  // Potongan dari bundel lama dihapus setelah sehari (proses lama yang masih berjalan mungkin memuatnya).
  const current = new Set(result.outputFiles.map((f) => path.basename(f.path)));
  for (const name of readdirSync(outDir)) {
    const p = path.join(outDir, name);
    if (!current.has(name) && Date.now() - statSync(p).mtimeMs > 86_400_000) rmSync(p, { force: true });
  }
}
await preload;
await import(pathToFileURL(path.join(outDir, `${entry}.mjs`)).href);
