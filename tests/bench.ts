// Benchmark (`npm run bench`): bukan tes berwaktu, hanya pengukuran yang dicetak.
// 1. `npm run cek -- 02` dingin pada solusi rujukan: waktu dinding dan waktu CPU (user + sys seluruh
//    pohon proses), di samping lantainya: Node biasa yang memuat rujukan yang sama dan mengirim
//    request yang sama dengan checker (tests/lantai.mjs), beserta rasionya
// 2. jeda simpan → hasil di mode pantau
// 3. waktu `astro build`
// 4. byte JavaScript (mentah dan gzip) yang dimuat halaman pelajaran sebelum interaksi (diukur di Chromium)
// BENCH_RUNS (bawaan 5) mengatur jumlah ulangan; BENCH_LANGKAH=cek,pantau,build,js memilih langkah.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, rmdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { build as esbuild } from 'esbuild';
import { chromium } from 'playwright-core';
import { CHROMIUM, hasChromium } from './browser/chromium.ts';
import { ROOT, collectOutput, spawnCli, tempWorkspace } from './cli.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const STEPS = (process.env.BENCH_LANGKAH ?? 'cek,pantau,build,js').split(',');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const results: Record<string, string> = {};

// ---------------------------------------------------------------------------
// Waktu CPU seluruh pohon proses. Utamanya cgroup v1 cpuacct (menghitung juga proses yang ditinggal
// induknya); bila tidak bisa dibuat, rusage anak-anak proses ini (/proc/self/stat cutime + cstime),
// yang hanya menghitung proses yang ditunggu induknya.

interface Usage {
  wallMs: number;
  cpuMs: number;
}

const CGROUP_ROOT = '/sys/fs/cgroup/cpuacct';
const cgroup = (() => {
  const dir = path.join(CGROUP_ROOT, `cookie-session-bench-${process.pid}`);
  try {
    mkdirSync(dir);
    process.on('exit', () => {
      try {
        rmdirSync(dir);
      } catch {
        // masih ada proses di dalamnya: biarkan
      }
    });
    return dir;
  } catch {
    return undefined;
  }
})();
const cpuMethod = cgroup ? 'cgroup cpuacct' : 'rusage anak (/proc/self/stat)';

function childrenCpuMs(): number {
  const fields = readFileSync('/proc/self/stat', 'utf8').split(') ')[1]!.split(' ');
  // Sesudah "(comm) ": state adalah bidang ke-3, cutime ke-16, cstime ke-17 (man 5 proc).
  return (Number(fields[13]) + Number(fields[14])) * 10; // CLK_TCK 100
}

function measure(cmd: string, args: string[], env: Record<string, string>): Usage {
  const cgroupCpu = () => Number(readFileSync(path.join(cgroup!, 'cpuacct.usage'), 'utf8')) / 1e6;
  const cpuBefore = cgroup ? cgroupCpu() : childrenCpuMs();
  const start = performance.now();
  const res = cgroup
    ? spawnSync('sh', ['-c', 'echo $$ > "$0/cgroup.procs" && exec "$@"', cgroup, cmd, ...args], { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' })
    : spawnSync(cmd, args, { cwd: ROOT, env: { ...process.env, ...env }, encoding: 'utf8' });
  const wallMs = performance.now() - start;
  if (res.status !== 0) throw new Error(`${cmd} ${args.join(' ')} gagal (kode ${res.status}):\n${res.stdout}${res.stderr}`);
  if (cgroup) {
    // Proses yang masih hidup setelah perintahnya selesai (mis. pemeriksa yang baru saja dibunuh) ikut
    // dihitung: tunggu sampai cgroup kosong. Yang masih hidup setelah 2 detik adalah kebocoran.
    const procs = () => readFileSync(path.join(cgroup, 'cgroup.procs'), 'utf8').trim();
    const until = Date.now() + 2000;
    while (procs() && Date.now() < until) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10);
    const left = procs();
    if (left) throw new Error(`${cmd} ${args.join(' ')} meninggalkan proses yang masih hidup: ${left.split('\n').join(', ')}`);
  }
  return { wallMs, cpuMs: (cgroup ? cgroupCpu() : childrenCpuMs()) - cpuBefore };
}

async function coldCheck() {
  // Lantai: rujukan 02 sebagai JavaScript biasa, dan request yang dikirim checker-nya.
  const dir = path.join(ROOT, 'node_modules', '.cache', 'bench-lantai');
  mkdirSync(dir, { recursive: true });
  const reference = path.join(dir, 'solusi.mjs');
  const recorded = path.join(dir, 'request.jsonl');
  await esbuild({ entryPoints: [path.join(ROOT, 'lessons/02-cookie-pertama/solusi.ts')], outfile: reference, format: 'esm', platform: 'node', logLevel: 'silent' });
  rmSync(recorded, { force: true });
  measure(process.execPath, ['src/cli/bin.mjs', 'cek', '02'], { WORKBOOK_TARGET: 'solusi', WORKBOOK_REKAM: recorded });
  const sent = readFileSync(recorded, 'utf8').trim().split('\n').length;
  // Batas bawah setiap pemeriksaan dengan vitest: vitest lewat API Node dengan satu tes kosong di
  // worker 'threads' (tanpa CLI, harness, checker, atau request), dengan dan tanpa express dan
  // tough-cookie dimuat; dan `npm run` dengan skrip bawaan yang tidak mengerjakan apa-apa.
  writeFileSync(path.join(dir, 'kosong.test.mjs'), "import { test } from 'vitest';\ntest('kosong', () => {});\n");
  writeFileSync(path.join(dir, 'impor.test.mjs'), "import { test } from 'vitest';\nimport 'express';\nimport 'tough-cookie';\ntest('kosong', () => {});\n");
  const minimal = path.join(dir, 'vitest-minimal.mjs');
  writeFileSync(
    minimal,
    `const { createVitest } = await import('vitest/node');
const vitest = await createVitest('test', { root: ${JSON.stringify(dir)}, config: false, watch: false, include: ['*.test.mjs'], reporters: [{}], pool: 'threads' }, { logLevel: 'silent' });
await vitest.runTestFiles([${JSON.stringify(dir)} + '/' + process.argv[2]]);
process.exit(vitest.state.getCountOfFailedTests() === 0 ? 0 : 1);
`,
  );

  const cek: Usage[] = [];
  const floor: Usage[] = [];
  const npmOnly: Usage[] = [];
  const vitestOnly: Usage[] = [];
  const vitestImports: Usage[] = [];
  // Bergantian, supaya gangguan dari luar mengenai semuanya sama rata.
  for (let i = 0; i < RUNS; i++) {
    cek.push(measure('npm', ['run', '--silent', 'cek', '--', '02'], { WORKBOOK_TARGET: 'solusi', NO_COLOR: '1' }));
    floor.push(measure(process.execPath, ['tests/lantai.mjs', reference, recorded], {}));
    npmOnly.push(measure('npm', ['run', '--silent', 'env'], {}));
    vitestOnly.push(measure(process.execPath, [minimal, 'kosong.test.mjs'], {}));
    vitestImports.push(measure(process.execPath, [minimal, 'impor.test.mjs'], {}));
  }
  const wall = median(cek.map((u) => u.wallMs));
  const cpu = median(cek.map((u) => u.cpuMs));
  const floorWall = median(floor.map((u) => u.wallMs));
  const floorCpu = median(floor.map((u) => u.cpuMs));
  const list = (us: Usage[], k: keyof Usage) => us.map((u) => fmt(u[k])).join(', ');
  results['cek 02 dingin: waktu dinding'] = `${fmt(wall)}  [${list(cek, 'wallMs')}]  target ≤ 1.00 s`;
  results['cek 02 dingin: waktu CPU'] = `${fmt(cpu)}  [${list(cek, 'cpuMs')}]  target ≤ 1.00 s`;
  results['lantai (Node biasa, rujukan 02)'] = `dinding ${fmt(floorWall)}, CPU ${fmt(floorCpu)}  (${sent} request yang sama dengan checker)`;
  results['rasio cek / lantai'] = `dinding ${(wall / floorWall).toFixed(1)}×, CPU ${(cpu / floorCpu).toFixed(1)}×  target ≤ 2.5×`;
  const cpuOf = (us: Usage[]) => fmt(median(us.map((u) => u.cpuMs)));
  results['batas bawah: npm run (skrip kosong)'] = `CPU ${cpuOf(npmOnly)}`;
  results['batas bawah: vitest, satu tes kosong'] = `CPU ${cpuOf(vitestOnly)}; dengan express + tough-cookie dimuat: CPU ${cpuOf(vitestImports)}`;
}

async function watchLatency() {
  const ws = tempWorkspace();
  const file = path.join(ws.dir, '02-cookie-pertama.ts');
  const starter = readFileSync(path.join(ROOT, 'lessons/02-cookie-pertama/awal.ts'), 'utf8');
  writeFileSync(file, starter);
  const child = spawnCli(['latihan', '02'], { WORKBOOK_WORKSPACE: ws.dir });
  const out = collectOutput(child);
  const times: number[] = [];
  try {
    await out.waitFor(/diperiksa dalam/, 60_000);
    for (let i = 0; i < RUNS; i++) {
      // Jeda seperti pelajar yang membaca hasil lalu menyimpan lagi (mode pantau menyiapkan worker berikutnya).
      await new Promise((r) => setTimeout(r, 1000));
      const start = performance.now();
      writeFileSync(file, `${starter}\n// simpan ke-${i}\n`);
      await out.waitFor(/diperiksa dalam/, 30_000);
      times.push(performance.now() - start);
    }
  } finally {
    child.kill('SIGTERM');
    ws.remove();
  }
  results['mode pantau: simpan → hasil (median)'] = `${fmt(median(times))}  [${times.map(fmt).join(', ')}]  target ≤ 0.30 s`;
}

/** `npm run build` (seluruh situs), median dari BENCH_BUILDS kali (bawaan 3). */
function build() {
  const times: number[] = [];
  for (let i = 0; i < Number(process.env.BENCH_BUILDS ?? 3); i++) {
    const start = performance.now();
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: ROOT, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' }, stdio: 'ignore' });
    times.push(performance.now() - start);
  }
  results['npm run build (median)'] = `${fmt(median(times))}  [${times.map(fmt).join(', ')}]  target ≤ 15 s`;
}

function serveDist(): Promise<http.Server> {
  const dist = path.join(ROOT, 'dist');
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
  const server = http.createServer((req, res) => {
    let p = path.join(dist, decodeURIComponent(new URL(req.url!, 'http://x').pathname));
    if (existsSync(p) && !path.extname(p)) p = path.join(p, 'index.html');
    if (!p.startsWith(dist) || !existsSync(p)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[path.extname(p)] ?? 'application/octet-stream' }).end(readFileSync(p));
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

async function pageJs() {
  if (!hasChromium) {
    results['JS halaman pelajaran'] = `dilewati: Chromium tidak ada di ${CHROMIUM}`;
    return;
  }
  const server = await serveDist();
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
  });
  try {
    for (const lesson of ['02-cookie-pertama', '06-login-logout']) {
      if (!existsSync(path.join(ROOT, 'dist', lesson))) continue;
      const page = await browser.newPage();
      const pending: Promise<Buffer>[] = [];
      page.on('response', (r) => {
        if (r.request().resourceType() === 'script') pending.push(r.body().catch(() => Buffer.alloc(0)));
      });
      await page.goto(`${base}/${lesson}/`, { waitUntil: 'networkidle' });
      const scripts = await Promise.all(pending);
      const inline = await page.$$eval('script:not([src])', (els) => els.map((e) => e.textContent ?? ''));
      // Berkas skrip dikirim (dan dikompres) masing-masing; skrip sebaris ikut dalam satu respons HTML.
      const inlined = Buffer.from(inline.join('\n'));
      const raw = scripts.reduce((n, b) => n + b.length, inlined.length);
      const gz = scripts.reduce((n, b) => n + gzipSync(b).length, gzipSync(inlined).length);
      results[`JS /${lesson}/ sebelum interaksi`] =
        `${(raw / 1024).toFixed(1)} KB mentah, ${(gz / 1024).toFixed(1)} KB gzip (${scripts.length} berkas, ${inline.length} sebaris)  target ≤ 10 KB gzip`;
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
}

if (STEPS.includes('cek')) await coldCheck();
if (STEPS.includes('pantau')) await watchLatency();
if (STEPS.includes('build')) build();
if (STEPS.includes('js')) await pageJs();
console.log(`\nHasil benchmark (Node ${process.version}, ${RUNS} ulangan, CPU: ${cpuMethod})\n`);
for (const [k, v] of Object.entries(results)) console.log(`  ${k.padEnd(40)} ${v}`);
rmSync(path.join(ROOT, '.tes-dist'), { recursive: true, force: true });
