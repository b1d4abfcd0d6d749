// Benchmark (`npm run bench`): bukan tes berwaktu, hanya pengukuran yang dicetak.
// 1. median waktu dinding `npm run cek -- 02` dingin pada solusi rujukan
// 2. jeda simpan → hasil di mode pantau
// 3. waktu `astro build`
// 4. byte JavaScript (mentah dan gzip) yang dimuat halaman pelajaran sebelum interaksi (diukur di Chromium)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { CHROMIUM, hasChromium } from './browser/chromium.ts';
import { ROOT, collectOutput, spawnCli, tempWorkspace } from './cli.ts';

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const results: Record<string, string> = {};

function coldCheck() {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const res = spawnSync('npm', ['run', '--silent', 'cek', '--', '02'], {
      cwd: ROOT,
      env: { ...process.env, WORKBOOK_TARGET: 'solusi', NO_COLOR: '1' },
      encoding: 'utf8',
    });
    times.push(performance.now() - start);
    if (res.status !== 0) throw new Error(`cek 02 pada solusi gagal:\n${res.stdout}${res.stderr}`);
  }
  results['cek 02 dingin (median)'] = `${fmt(median(times))}  [${times.map(fmt).join(', ')}]  target ≤ 1.00 s`;
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
      await new Promise((r) => setTimeout(r, 300));
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

function build() {
  const start = performance.now();
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/astro/astro.js'), 'build'], {
    cwd: ROOT,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: 'ignore',
  });
  results['astro build'] = `${fmt(performance.now() - start)}  target ≤ 15 s`;
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
      for (const s of inline) scripts.push(Buffer.from(s));
      const raw = scripts.reduce((n, b) => n + b.length, 0);
      const gz = scripts.reduce((n, b) => n + gzipSync(b).length, 0);
      results[`JS /${lesson}/ sebelum interaksi`] = `${(raw / 1024).toFixed(1)} KB mentah, ${(gz / 1024).toFixed(1)} KB gzip (${scripts.length} skrip)  target ≤ 10 KB gzip`;
      await page.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
}

coldCheck();
await watchLatency();
build();
await pageJs();
console.log('\nHasil benchmark\n');
for (const [k, v] of Object.entries(results)) console.log(`  ${k.padEnd(40)} ${v}`);
rmSync(path.join(ROOT, '.tes-dist'), { recursive: true, force: true });
