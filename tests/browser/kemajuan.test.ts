// Kemajuan di halaman (npm start): server dev Astro dengan ruang kerja sementara, mode pantau
// berjalan, Chromium membuka halaman pelajaran 00. Tugas tampil ✗ dengan baris pertama pesan
// gagalnya; setelah berkas lulus disimpan, tugas yang sama menjadi hijau tanpa memuat ulang.
// Build terbitan tidak membawa endpoint atau skrip kemajuan sama sekali.
import { copyFileSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ROOT, collectOutput, signalAndWait, spawnCli, tempWorkspace } from '../cli.ts';
import { hasChromium, launchChromium } from './chromium.ts';

const LESSON = '00-persiapan';
const SLOW = 600_000; // server dev merender halaman pertama dengan lambat di mesin yang sibuk
const SHOTS = process.env.KEMAJUAN_SHOTS; // folder untuk tangkapan layar (opsional)

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

describe.skipIf(!hasChromium)('kemajuan di halaman, server dev', () => {
  const ws = tempWorkspace();
  const stateFile = path.join(ws.dir, 'kemajuan.json');
  const env = { WORKBOOK_WORKSPACE: ws.dir, ASTRO_TELEMETRY_DISABLED: '1' };
  let dev: ReturnType<typeof spawn>;
  let watcher: ReturnType<typeof spawnCli>;
  let browser: Browser;
  let page: Page;
  let site: string;

  beforeAll(async () => {
    const port = await freePort();
    dev = spawn(process.execPath, [path.join(ROOT, 'node_modules/astro/astro.js'), 'dev', '--port', String(port), '--host', '127.0.0.1'], {
      cwd: ROOT,
      env: { ...process.env, ...env, FORCE_COLOR: '0', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    await collectOutput(dev).waitFor(new RegExp(`http://127\\.0\\.0\\.1:${port}/`), SLOW);
    site = `http://127.0.0.1:${port}/`;
    // Mode pantau pada pelajaran 00: menyalin kode awal, memeriksanya (gagal), lalu menunggu simpanan.
    watcher = spawnCli(['latihan', '00'], env);
    await collectOutput(watcher).waitFor(/Memantau .*00-persiapan\.ts/, SLOW);
    browser = await launchChromium();
  }, SLOW * 2);

  afterAll(async () => {
    await browser?.close();
    if (watcher) await signalAndWait(watcher, 'SIGTERM');
    if (dev) await signalAndWait(dev, 'SIGTERM');
    ws.remove();
  });

  test('endpoint JSON hanya di server dev: isinya kemajuan.json', async () => {
    const res = await fetch(`${site}__kemajuan`);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { pelajaran: Record<string, { tugasLulus: number[]; pesanGagal?: Record<string, string> }> };
    expect(body.pelajaran[LESSON]?.tugasLulus).toEqual([]);
    expect(body.pelajaran[LESSON]?.pesanGagal?.['1']).toMatch(/^Tugas 1/);
  });

  test('tugas yang gagal tampil ✗ dengan pesan pertamanya; setelah berkas lulus disimpan, tugas menjadi hijau tanpa memuat ulang', async () => {
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    await page.goto(`${site}${LESSON}/`, { timeout: SLOW });
    const task = page.locator('.latihan-tugas > li').first();
    await task.locator('.kemajuan-tugas').waitFor({ timeout: 30_000 });
    expect(await task.getAttribute('data-kemajuan')).toBe('gagal');
    const failure = JSON.parse(readFileSync(stateFile, 'utf8')).pelajaran[LESSON].pesanGagal['1'] as string;
    expect(await task.locator('.kemajuan-tugas').textContent()).toBe(`✗ Belum lulus: ${failure}`);
    expect(await page.locator('#kemajuan-ringkas').textContent()).toMatch(/0 dari 1 tugas lulus/);
    if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'kemajuan-gagal-1280.png'), fullPage: false });

    // Tanda agar ketahuan bila halaman dimuat ulang.
    await page.evaluate(() => ((window as unknown as { tanpaMuatUlang: boolean }).tanpaMuatUlang = true));
    const before = statSync(stateFile).mtimeMs;
    copyFileSync(path.join(ROOT, 'lessons', LESSON, 'solusi.ts'), path.join(ws.dir, `${LESSON}.ts`));
    // Menunggu CLI mencatat hasil baru, lalu halaman harus menyusul dalam satu detik.
    const deadline = Date.now() + 120_000;
    while (JSON.parse(readFileSync(stateFile, 'utf8')).pelajaran[LESSON].lulus !== true || statSync(stateFile).mtimeMs === before) {
      if (Date.now() > deadline) throw new Error(`mode pantau tidak mencatat kelulusan:\n${readFileSync(stateFile, 'utf8')}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const recorded = Date.now();
    await page.locator('.latihan-tugas > li[data-kemajuan="lulus"]').first().waitFor({ timeout: 5000 });
    expect(Date.now() - recorded).toBeLessThan(1000);
    expect(await task.locator('.kemajuan-tugas').textContent()).toBe('✓ Lulus pada pemeriksaan terakhir.');
    expect(await page.evaluate(() => (window as unknown as { tanpaMuatUlang?: boolean }).tanpaMuatUlang)).toBe(true);
    const border = await task.evaluate((el) => getComputedStyle(el).borderInlineStartColor);
    const green = await page.evaluate(() => {
      const probe = document.createElement('div');
      probe.style.color = 'var(--sl-color-green)';
      document.body.append(probe);
      const color = getComputedStyle(probe).color;
      probe.remove();
      return color;
    });
    expect(border).toBe(green);
    // Sidebar menandai pelajaran yang selesai.
    const mark = page.locator(`#starlight__sidebar a[href$="/${LESSON}/"] .kemajuan-tanda`);
    expect(await mark.textContent()).toBe('✓ (selesai)');
    if (SHOTS) {
      await page.screenshot({ path: path.join(SHOTS, 'kemajuan-lulus-1280.png') });
      await page.setViewportSize({ width: 390, height: 844 });
      await task.scrollIntoViewIfNeeded();
      await page.screenshot({ path: path.join(SHOTS, 'kemajuan-lulus-390.png') });
      const width = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(width).toBeLessThanOrEqual(390);
    }
    expect(errors).toEqual([]);
  }, SLOW);

  test('beranda menyebut berapa pelajaran selesai', async () => {
    await page.goto(site, { timeout: SLOW });
    const total = await page.locator('#semua-pelajaran > li').count();
    expect(total).toBeGreaterThan(1);
    await expect.poll(() => page.locator('#kemajuan-ringkas').textContent(), { timeout: 30_000 }).toBe(`Kemajuanmu: 1 dari ${total} pelajaran selesai.`);
  }, SLOW);
});

describe('kemajuan tidak ada di build terbitan', () => {
  const outDir = path.join(ROOT, '.tes-dist-kemajuan');
  beforeAll(() => {
    rmSync(outDir, { recursive: true, force: true });
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/astro/astro.js'), 'build', '--outDir', outDir], {
      cwd: ROOT,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
      stdio: 'pipe',
    });
  }, SLOW * 2);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  test('tidak ada endpoint, EventSource, atau skrip kemajuan di berkas mana pun', () => {
    const found: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const file = path.join(dir, name);
        if (statSync(file).isDirectory()) walk(file);
        else if (/\.(html|js|mjs|css|json|xml|txt)$/.test(name)) {
          const text = readFileSync(file, 'utf8');
          for (const needle of ['__kemajuan', 'EventSource', 'kemajuan-ringkas', 'kemajuan-tugas']) {
            if (text.includes(needle)) found.push(`${path.relative(outDir, file)}: ${needle}`);
          }
        }
      }
    };
    walk(outDir);
    expect(readdirSync(outDir)).toContain(LESSON);
    expect(found).toEqual([]);
  });
});
