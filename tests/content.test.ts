// Isi buku latihan: berkas lengkap, frontmatter, teks Indonesia, situs ter-build di sub-path,
// setiap halaman pelajaran ada, tautan internal tidak putus, tanpa CDN.
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { hasChromium, launchChromium } from './browser/chromium.ts';
import { ROOT } from './cli.ts';

const lessonsDir = path.join(ROOT, 'lessons');
const lessons = readdirSync(lessonsDir).filter((d) => /^\d\d-/.test(d)).sort();
const pages = ['index.mdx', ...readdirSync(lessonsDir).filter((d) => existsSync(path.join(lessonsDir, d, 'index.mdx'))).map((d) => `${d}/index.mdx`)];

function frontmatter(file: string): Record<string, any> {
  const m = /^---\r?\n([\s\S]*?)\r?\n---/.exec(readFileSync(file, 'utf8'));
  return m ? parseYaml(m[1]!) : {};
}

describe.each(lessons)('pelajaran %s', (id) => {
  const dir = path.join(lessonsDir, id);
  test('berkasnya lengkap', () => {
    for (const f of ['index.mdx', 'awal.ts', 'solusi.ts', 'cek.test.ts']) expect(existsSync(path.join(dir, f)), f).toBe(true);
  });

  test('frontmatter: judul, deskripsi, tugas sesuai checker, petunjuk berjenjang', () => {
    const fm = frontmatter(path.join(dir, 'index.mdx'));
    expect(typeof fm.title).toBe('string');
    expect(typeof fm.description).toBe('string');
    const checker = readFileSync(path.join(dir, 'cek.test.ts'), 'utf8');
    const tasks = new Set([...checker.matchAll(/describe(?:\.\w+)?\(\s*['"`]Tugas (\d+)/g)].map((m) => m[1]));
    expect(tasks.size).toBeGreaterThan(0);
    expect(fm.tugas?.length, 'jumlah tugas di frontmatter = jumlah describe "Tugas N" di checker').toBe(tasks.size);
    expect(fm.petunjuk?.length).toBeGreaterThanOrEqual(2);
  });

  test('teks berbahasa Indonesia dengan komponen latihan, kuis, dan diagram', () => {
    const text = readFileSync(path.join(dir, 'index.mdx'), 'utf8');
    for (const word of [' kamu ', ' yang ', ' dan ']) expect(text).toContain(word);
    expect(text).toMatch(/^##+ Rangkuman/m);
    for (const tag of ['<Latihan', '<Petunjuk', '<Solusi', '<Kuis', '<Pertukaran']) expect(text).toContain(tag);
  });
});

describe('situs', () => {
  const outDir = path.join(ROOT, '.tes-dist');
  const base = '/buku-cookie';

  beforeAll(() => {
    rmSync(outDir, { recursive: true, force: true });
    execFileSync(process.execPath, [path.join(ROOT, 'node_modules/astro/astro.js'), 'build', '--outDir', outDir], {
      cwd: ROOT,
      // Lingkungan bersih: vitest mengisi process.env dengan variabel Vite (BASE_URL, MODE, ...)
      // yang akan ikut terbaca oleh build Astro.
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ASTRO_TELEMETRY_DISABLED: '1', BASE_PATH: base, SITE_URL: 'https://contoh.github.io' },
      stdio: 'pipe',
    });
  }, 180_000);
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  const html = (rel: string) => readFileSync(path.join(outDir, rel), 'utf8');
  const text = (page: string) =>
    page
      .replace(/<[^>]+>/g, '')
      .replace(/&#x([0-9a-f]+);/gi, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)))
      .replace(/&#(\d+);/g, (_, dec: string) => String.fromCodePoint(Number(dec)))
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, '&');

  test('setiap halaman ada di hasil build', () => {
    for (const p of pages) {
      const rel = p === 'index.mdx' ? 'index.html' : `${path.dirname(p)}/index.html`;
      expect(existsSync(path.join(outDir, rel)), rel).toBe(true);
    }
  });

  test.each(lessons)('%s: kode awal dan solusi dirender dari berkas aslinya', (id) => {
    const page = text(html(`${id}/index.html`));
    const line = (file: string) =>
      readFileSync(path.join(lessonsDir, id, file), 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.length > 20)
        .at(-1)!;
    expect(page).toContain(line('awal.ts'));
    expect(page).toContain(line('solusi.ts'));
    expect(page).toContain('Lihat solusi');
    expect(page).toContain(`npm run cek -- ${id.slice(0, 2)}`);
  });

  test('beranda: bahasa Indonesia, daftar pelajaran, kredit artikel asal', () => {
    const page = html('index.html');
    expect(page).toMatch(/<html[^>]+lang="id"/);
    expect(page).toContain('Reza Sariful Fikri');
    for (const id of lessons) expect(page).toContain(`href="${base}/${id}/"`);
  });

  test('tautan internal tidak putus dan tidak ada aset dari CDN', () => {
    const broken: string[] = [];
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((f) => {
        const full = path.join(dir, f);
        return statSync(full).isDirectory() ? walk(full) : full.endsWith('.html') ? [full] : [];
      });
    for (const file of walk(outDir)) {
      const page = readFileSync(file, 'utf8');
      // Aset dari luar (CDN) dilarang; tautan kanonis ke alamat situs sendiri boleh.
      const external = [...page.matchAll(/<(script|link)\b[^>]*>/g)]
        .map(([tag]) => tag)
        .filter((tag) => /(src|href)="https?:\/\//.test(tag) && !/rel="(canonical|alternate|sitemap)"/.test(tag));
      expect(external, path.relative(outDir, file)).toEqual([]);
      // Hanya atribut di tag sungguhan; contoh HTML di dalam blok kode ter-escape (&#x3C;a href=...).
      for (const [, url] of page.matchAll(/<(?:a|link|script|img)\b[^>]*?\s(?:href|src)="([^"#?]*)[^"]*"/g)) {
        if (!url || /^(https?:|mailto:|data:)/.test(url)) continue;
        const here = path.posix.dirname(`${base}/${path.relative(outDir, file).split(path.sep).join('/')}`);
        const abs = url.startsWith('/') ? url : path.posix.join(here, url);
        if (!abs.startsWith(base + '/') && abs !== base) {
          broken.push(`${path.relative(outDir, file)} → ${url} (di luar base path)`);
          continue;
        }
        const target = path.join(outDir, abs.slice(base.length));
        if (!existsSync(target) || (statSync(target).isDirectory() && !existsSync(path.join(target, 'index.html')))) {
          broken.push(`${path.relative(outDir, file)} → ${url}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
  test.skipIf(!hasChromium)('di layar ponsel (390 px) tidak ada halaman yang melebar ke samping', async () => {
    const types: Record<string, string> = { '.html': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml' };
    const server = http.createServer((req, res) => {
      const url = decodeURIComponent(new URL(req.url!, 'http://x').pathname).replace(base, '') || '/';
      let file = path.join(outDir, url);
      if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
      if (!existsSync(file)) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const browser = await launchChromium();
    try {
      const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
      const wide: string[] = [];
      for (const p of pages) {
        const dir = p === 'index.mdx' ? '' : `${path.dirname(p)}/`;
        await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}${base}/${dir}`);
        if (await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)) wide.push(dir || '/');
      }
      expect(wide).toEqual([]);
    } finally {
      await browser.close();
      server.close();
    }
  });
});
