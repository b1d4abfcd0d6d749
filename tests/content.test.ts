// Isi buku latihan: berkas lengkap, frontmatter, teks Indonesia, situs ter-build di sub-path,
// setiap halaman pelajaran ada, tautan internal tidak putus, tanpa CDN.
import { execFileSync } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { existsSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import AxeBuilder from '@axe-core/playwright';
import type { Browser } from 'playwright-core';
import { hasChromium, launchChromium } from './browser/chromium.ts';
import { ROOT } from './cli.ts';
import { pagefindRanking, readGlossary } from '../src/components/glosarium.mjs';

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
  }, 1_800_000); // mesin bersama bisa lambat: build bisa makan belasan menit
  // TES_DIST_SIMPAN=1: hasil build disimpan untuk dilihat (tangkapan layar, npm run lighthouse -- .tes-dist).
  afterAll(() => process.env.TES_DIST_SIMPAN || rmSync(outDir, { recursive: true, force: true }));

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
    const lines = (file: string) =>
      readFileSync(path.join(lessonsDir, id, file), 'utf8')
        .split('\n')
        .map((l) => l.trim())
        .filter((l) => l.length > 20);
    // Halaman pelajaran: awal kode awal; kode lengkap di halaman kecil yang diambil saat diminta.
    expect(page).toContain(lines('awal.ts')[0]);
    expect(text(html(`${id}/kode/awal/index.html`))).toContain(lines('awal.ts').at(-1));
    expect(text(html(`${id}/kode/solusi/index.html`))).toContain(lines('solusi.ts').at(-1));
    expect(page).not.toContain(lines('solusi.ts').at(-1));
    expect(html(`${id}/index.html`)).toContain(`href="${base}/${id}/kode/solusi/"`);
    expect(page).toContain('Lihat solusi');
    expect(page).toContain(`npm run cek -- ${id.slice(0, 2)}`);
  });

  test.each(lessons)('%s: "Di halaman ini" memuat Latihan, Petunjuk, Solusi, Uji pemahamanmu; judul bernomor', (id) => {
    const page = html(`${id}/index.html`);
    const toc = /<starlight-toc[\s\S]*?<\/starlight-toc>/.exec(page)?.[0] ?? '';
    for (const slug of ['latihan', 'petunjuk', 'solusi', 'uji-pemahamanmu']) {
      expect(toc, `#${slug} di daftar isi`).toContain(`href="#${slug}"`);
      expect(page, `id="${slug}" di halaman`).toContain(`id="${slug}"`);
    }
    // Urutan daftar isi = urutan di halaman.
    const order = ['latihan', 'petunjuk', 'solusi', 'uji-pemahamanmu'].map((s) => toc.indexOf(`href="#${s}"`));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    const nn = id.slice(0, 2);
    expect(page).toMatch(new RegExp(`<h1 id="_top"[^>]*>${nn} · `));
    expect(text(page)).toContain(`Langkah ${lessons.indexOf(id) + 1} dari ${lessons.length}`);
    expect(text(/<nav[^>]+aria-label="Utama"[\s\S]*?<\/nav>|<div class="sidebar-content[\s\S]*?<\/nav>/.exec(page)?.[0] ?? page)).toContain(`${nn} · `);
    // Tugas bernomor sekali: teks "Tugas 1." tanpa nomor daftar.
    expect(page).toMatch(/<ol class="latihan-tugas"/);
  });

  test('glosarium: setiap istilah kartu dengan id stabil; pelajaran menautkan kemunculan pertamanya', () => {
    const page = html('glosarium/index.html');
    expect(page).toMatch(/<section class="istilah"[^>]*>[\s\S]*?<h3 id="httponly"[^>]*data-pagefind-weight="10"/);
    const ids = [...page.matchAll(/<h3 id="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(30);
    expect(new Set(ids).size).toBe(ids.length);
    const glossary = readFileSync(path.join(lessonsDir, 'glosarium/index.mdx'), 'utf8');
    const terms = glossary.split(/^### /m).slice(1);
    expect(ids.length).toBe(terms.length);
    // Setiap istilah yang "Pertama di NN" ditautkan dari pelajaran NN.
    const unlinked = readGlossary()
      .filter((e) => e.first)
      .filter((e) => !html(`${lessons.find((l) => l.startsWith(e.first!))}/index.html`).includes(`href="${base}/glosarium/#${e.slug}"`))
      .map((e) => `${e.term} (pertama di ${e.first})`);
    expect(unlinked).toEqual([]);
  });


  test('setiap halaman ≤ 3.000 elemen DOM sebelum interaksi (isi <noscript> bukan elemen selama JavaScript menyala)', () => {
    const heavy: string[] = [];
    for (const p of pages) {
      const rel = p === 'index.mdx' ? 'index.html' : `${path.dirname(p)}/index.html`;
      const live = html(rel).replace(/<noscript\b[\s\S]*?<\/noscript>/g, '').replace(/<!--[\s\S]*?-->/g, '');
      const count = live.match(/<[a-zA-Z][\w-]*/g)?.length ?? 0;
      if (count > 3000) heavy.push(`${rel}: ${count}`);
    }
    expect(heavy).toEqual([]);
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

  describe.skipIf(!hasChromium)('di Chromium', () => {
    let server: http.Server;
    let browser: Browser;
    let origin = '';
    const dirs = pages.map((p) => (p === 'index.mdx' ? '' : `${path.dirname(p)}/`));
    beforeAll(async () => {
      const types: Record<string, string> = { '.html': 'text/html', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml', '.json': 'application/json' };
      server = http.createServer((req, res) => {
        const url = decodeURIComponent(new URL(req.url!, 'http://x').pathname).replace(base, '') || '/';
        let file = path.join(outDir, url);
        if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
        if (!existsSync(file)) return void res.writeHead(404).end();
        res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
      });
      await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
      origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}${base}`;
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      server?.close();
    });
    const open = async (width: number, theme: 'light' | 'dark' = 'dark', javaScriptEnabled = true) => {
      const context = await browser.newContext({ viewport: { width, height: 844 }, javaScriptEnabled });
      await context.addInitScript((t) => localStorage.setItem('starlight-theme', t), theme);
      return { context, page: await context.newPage() };
    };

    test('390 px dan 1280 px: tidak ada halaman yang melebar dan tidak ada baris kode yang terpotong', async () => {
      const problems: string[] = [];
      for (const width of [390, 1280]) {
        const { context, page } = await open(width);
        for (const dir of dirs) {
          await page.goto(`${origin}/${dir}`);
          await page.evaluate(() => document.querySelectorAll<HTMLDetailsElement>('details.tambalan').forEach((d) => (d.open = true)));
          await page.waitForFunction(() => !document.querySelector('details.tambalan > noscript'));
          if (await page.evaluate(() => document.documentElement.scrollWidth > window.innerWidth)) problems.push(`${width}px /${dir}: halaman melebar`);
          const clipped = await page.evaluate(() =>
            [...document.querySelectorAll('pre')].filter((pre) => pre.scrollWidth > pre.clientWidth + 1).map((pre) => pre.textContent!.slice(0, 60)),
          );
          for (const c of clipped) problems.push(`${width}px /${dir}: kode menggulir ke samping: ${c}`);
        }
        await context.close();
      }
      expect(problems).toEqual([]);
    });

    test('kuis: pilihan ditandai, salah dijelaskan dan boleh dicoba lagi, benar membuka jawaban, hasil disimpan', async () => {
      const { context, page } = await open(390);
      const id = lessons.find((l) => l.startsWith('04')) ?? lessons[0]!;
      await page.goto(`${origin}/${id}/`);
      await page.evaluate(() => ((window as unknown as { penanda: number }).penanda = 1));
      const kuis = page.locator('[data-kuis]').first();
      const jawaban = Number(await kuis.getAttribute('data-jawaban'));
      const options = kuis.locator('input[type=radio]');
      const wrong = jawaban === 0 ? 1 : 0;
      await expect(kuis.locator('.kuis-kunci').isVisible()).resolves.toBe(false);
      // Keyboard: pilih dengan tombol panah, periksa dengan Enter, tanpa memuat ulang halaman.
      await options.nth(wrong).focus();
      await page.keyboard.press('Space');
      await page.keyboard.press('Enter');
      await expect(page.evaluate(() => (window as unknown as { penanda?: number }).penanda)).resolves.toBe(1);
      const hasil = kuis.locator('.kuis-hasil');
      await expect(hasil.textContent()).resolves.toMatch(/belum tepat/);
      await expect(kuis.locator('label').nth(wrong).getAttribute('data-status')).resolves.toBe('salah');
      await expect(kuis.locator('label').nth(wrong).textContent()).resolves.toContain('salah');
      await expect(kuis.locator('.kuis-kunci').isVisible(), 'jawaban salah pertama tidak membuka kunci').resolves.toBe(false);
      await expect(kuis.locator('label').nth(jawaban).getAttribute('data-status')).resolves.toBeNull();
      await options.nth(jawaban).check();
      await kuis.getByRole('button', { name: 'Periksa jawaban' }).click();
      await expect(hasil.textContent()).resolves.toMatch(/Benar/);
      await expect(kuis.locator('.kuis-kunci').isVisible()).resolves.toBe(true);
      await expect(kuis.locator('label').nth(jawaban).getAttribute('data-status')).resolves.toBe('benar');
      const stored = await page.evaluate((key) => JSON.parse(localStorage.getItem(key) ?? '{}'), `kuis:${id}`);
      expect(Object.values(stored)).toEqual([{ benar: true, coba: 2 }]);
      await expect(page.locator('.kuis-skor').textContent()).resolves.toMatch(/1 dari \d+ benar, 0 pada percobaan pertama/);
      // Jawaban bisa dibuka atas permintaan, tanpa menjawab benar.
      const second = page.locator('[data-kuis]').nth(1);
      await second.locator('input[type=radio]').nth(Number(await second.getAttribute('data-jawaban')) === 0 ? 1 : 0).check();
      await second.getByRole('button', { name: 'Periksa jawaban' }).click();
      await second.getByRole('button', { name: 'Tampilkan jawaban' }).click();
      await expect(second.locator('.kuis-kunci').isVisible()).resolves.toBe(true);
      // Muat ulang: hasil tetap.
      await page.reload();
      await expect(page.locator('[data-kuis]').first().locator('.kuis-hasil').textContent()).resolves.toMatch(/benar/);
      await context.close();
      // Tanpa JavaScript: kunci jawaban tetap bisa dibaca di balik disclosure.
      const nojs = await open(390, 'dark', false);
      await nojs.page.goto(`${origin}/${id}/`);
      await nojs.page.locator('[data-kuis] .kuis-kunci summary').first().click();
      await expect(nojs.page.locator('[data-kuis] .kuis-kunci').first().textContent()).resolves.toMatch(/Jawaban: [A-D]\./);
      // Playwright tidak mencari teks di dalam <noscript>, jadi yang terlihat dibaca langsung dari DOM.
      const notices = (p: typeof nojs.page) =>
        p.evaluate(() =>
          [...document.querySelectorAll('body *')]
            .filter((e) => e.children.length === 0 && /butuh JavaScript/.test(e.textContent ?? ''))
            .filter((e) => e.getBoundingClientRect().width > 0 && e.getBoundingClientRect().bottom < 100)
            .map((e) => e.textContent!.trim()),
        );
      await expect(notices(nojs.page)).resolves.toEqual(['Menu dan pencarian butuh JavaScript: daftar pelajaran']);
      await nojs.context.close();
      const wide = await open(1280, 'dark', false);
      await wide.page.goto(`${origin}/${id}/`);
      await expect(notices(wide.page)).resolves.toEqual(['Pencarian butuh JavaScript']);
      await wide.context.close();
    });

    test('solusi: peringatan dulu, kode baru tampil setelah tombol kedua', async () => {
      const { context, page } = await open(390);
      const id = lessons.find((l) => l.startsWith('04')) ?? lessons[0]!;
      const last = readFileSync(path.join(lessonsDir, id, 'solusi.ts'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l.length > 20).at(-1)!;
      await page.goto(`${origin}/${id}/`);
      await page.locator('details.solusi-buka summary').click();
      await expect(page.locator('.solusi-peringatan').isVisible()).resolves.toBe(true);
      await expect(page.locator('section.solusi').textContent()).resolves.not.toContain(last);
      await page.getByRole('link', { name: /tampilkan kode solusi/i }).click();
      await page.locator('section.solusi .expressive-code').waitFor();
      await expect(page.locator('section.solusi').textContent()).resolves.toContain(last);
      await expect(page.url()).toBe(`${origin}/${id}/`);
      await context.close();
    });

    test('pencarian: status memuat seketika, tidak ada ketikan yang hilang, entri glosarium lebih dulu', async () => {
      const { context, page } = await open(1280);
      await page.goto(`${origin}/`);
      await page.locator('button[data-open-modal]').click();
      await page.keyboard.type('HttpOnly');
      await page.locator('.pagefind-ui__result-link').first().waitFor();
      await expect(page.locator('#starlight__search input').inputValue()).resolves.toBe('HttpOnly');
      await expect(page.locator('.pagefind-ui__result-link').first().getAttribute('href')).resolves.toContain('/glosarium/');
      // Setiap istilah glosarium (dengan urutan yang dipakai situs) menemukan glosarium lebih dulu, kecuali
      // istilah yang katanya menjadi judul halaman ("session", "Set-Cookie"): di sana pelajarannya duluan.
      const titles = lessons.map((l) => String(frontmatter(path.join(lessonsDir, l, 'index.mdx')).title).toLowerCase());
      const terms = readGlossary()
        .map((e) => e.forms[0]!)
        .filter((t) => !t.toLowerCase().split(/\s+/).some((w) => titles.some((title) => title.includes(w))));
      expect(terms.length).toBeGreaterThan(80);
      const missed = await page.evaluate(
        async ([terms, ranking]) => {
          // import() lewat eval: Vite mengubah import() yang tertulis langsung di berkas tes.
          const load = (0, eval)('(url) => import(url)') as (url: string) => Promise<any>;
          const pagefind = await load(`${location.pathname.replace(/\/$/, '')}/pagefind/pagefind.js`);
          await pagefind.options({ ranking });
          const out: string[] = [];
          for (const term of terms) {
            const first = (await pagefind.search(term)).results[0];
            const url: string = first ? (await first.data()).url : '(tidak ada hasil)';
            if (!url.includes('/glosarium/')) out.push(`${term} → ${url}`);
          }
          return out;
        },
        [terms, pagefindRanking] as const,
      );
      expect(missed).toEqual([]);
      await context.close();
    });

    test.each(['light', 'dark'] as const)('kontras grafik, tema %s: garis panel, panah request/response, dan cincin fokus ≥ 3:1', async (theme) => {
      const { context, page } = await open(1280, theme);
      await page.goto(`${origin}/${lessons.find((l) => l.startsWith('08'))}/`);
      const colors = await page.evaluate(() => {
        const probe = (value: string) => {
          const el = document.createElement('div');
          el.style.color = value;
          document.body.append(el);
          const c = getComputedStyle(el).color;
          el.remove();
          return c;
        };
        return {
          bg: getComputedStyle(document.body).backgroundColor,
          garis: getComputedStyle(document.querySelector('.pertukaran')!).borderTopColor,
          request: probe('var(--wb-request)'),
          response: probe('var(--wb-response)'),
          fokus: probe('var(--wb-fokus)'),
        };
      });
      await context.close();
      const rgb = (c: string) => c.match(/[\d.]+/g)!.slice(0, 3).map(Number);
      const lum = (c: string) => {
        const [r, g, b] = rgb(c).map((v) => (v / 255 <= 0.03928 ? v / 255 / 12.92 : ((v / 255 + 0.055) / 1.055) ** 2.4));
        return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
      };
      const ratio = (a: string, b: string) => (Math.max(lum(a), lum(b)) + 0.05) / (Math.min(lum(a), lum(b)) + 0.05);
      const low = (['garis', 'request', 'response', 'fokus'] as const)
        .map((k) => ({ k, r: ratio(colors[k], colors.bg) }))
        .filter(({ r }) => r < 3)
        .map(({ k, r }) => `${k} ${colors[k]} di atas ${colors.bg}: ${r.toFixed(2)}:1`);
      expect(low).toEqual([]);
    });

    const combos = (['light', 'dark'] as const).flatMap((theme) => [390, 1280].map((width) => ({ theme, width })));
    test.each(combos)('axe-core (WCAG 2.1 A/AA), $theme $width px: 0 pelanggaran di setiap halaman, semua disclosure terbuka, kuis terjawab', async ({ theme, width }) => {
      const found: string[] = [];
      const { context, page } = await open(width, theme);
      for (const dir of dirs) {
        await page.goto(`${origin}/${dir}`);
        for (const link of await page.locator('a[data-muat-kode]').all()) {
          await link.evaluate((a) => a.closest('details')?.setAttribute('open', ''));
          await link.click();
        }
        await page.waitForFunction(() => !document.querySelector('a[data-muat-kode]:not([hidden])'), undefined, { timeout: 20_000 });
        await page.evaluate(() => document.querySelectorAll('details').forEach((d) => (d.open = true)));
        // Kode tambalan dipasang dari <noscript> saat disclosure-nya dibuka (Tambalan.astro).
        await page.waitForFunction(() => !document.querySelector('details.tambalan > noscript'));
        const kuis = page.locator('[data-kuis]').first();
        if (await kuis.count()) {
          await kuis.locator('input[type=radio]').first().check();
          await kuis.getByRole('button', { name: 'Periksa jawaban' }).click();
        }
        const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        for (const v of result.violations) {
          found.push(`/${dir}: ${v.id} (${v.nodes.length}×) ${v.nodes.slice(0, 2).map((n) => n.target.join(' ')).join(' | ')}`);
        }
      }
      await context.close();
      expect(found).toEqual([]);
    }, 400_000);
  });
});
