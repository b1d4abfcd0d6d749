// npm run lighthouse: Lighthouse 12.2.3 (mobile, bawaan) untuk setiap halaman situs yang sudah di-build
// (dist/, atau folder di argumen pertama), disajikan dengan kompresi gzip di 127.0.0.1. Mencetak skor
// performance, accessibility, best-practices, SEO, jumlah elemen DOM, dan JS (gzip) sebelum interaksi.
// Tidak pernah mengunduh browser: Chromium Debian lewat chrome-launcher (CHROME_PATH=/usr/bin/chromium).
// Gagal (exit 1) bila ada halaman di bawah batas: performance < 0.95, lainnya < 1, DOM > 3000.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

process.env.CHROME_PATH ||= process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const { launch } = await import('chrome-launcher');
const { default: lighthouse } = await import('lighthouse');

const dist = path.resolve(process.argv[2] ?? 'dist');
if (!existsSync(path.join(dist, 'index.html'))) {
  console.error(`Situs belum di-build di ${dist}. Jalankan dulu: npm run build`);
  process.exit(2);
}
const only = process.env.HALAMAN?.split(',');
// Situs yang di-build dengan BASE_PATH (mis. /buku-cookie) disajikan di bawah path yang sama.
const base = (process.env.BASE_PATH ?? '').replace(/\/$/, '');
const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.css': 'text/css', '.js': 'text/javascript', '.svg': 'image/svg+xml',
  '.json': 'application/json', '.xml': 'application/xml', '.txt': 'text/plain', '.woff2': 'font/woff2',
  '.png': 'image/png', '.ico': 'image/x-icon',
};
const cache = new Map<string, Buffer>();
const server = http.createServer((req, res) => {
  const rel = decodeURIComponent(new URL(req.url!, 'http://x').pathname).slice(base.length) || '/';
  let file = path.join(dist, rel);
  if (!req.url!.startsWith(base + '/')) return void res.writeHead(404).end();
  if (!file.startsWith(dist)) return void res.writeHead(403).end();
  if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
  if (!existsSync(file)) return void res.writeHead(404).end();
  const type = types[path.extname(file)] ?? 'application/octet-stream';
  const body = readFileSync(file);
  const headers: Record<string, string> = { 'content-type': type, 'cache-control': rel.startsWith('/_astro/') ? 'public, max-age=31536000, immutable' : 'no-cache' };
  if (/text|javascript|json|xml|svg/.test(type) && /gzip/.test(String(req.headers['accept-encoding']))) {
    const gz = cache.get(file) ?? gzipSync(body, { level: 9 });
    cache.set(file, gz);
    res.writeHead(200, { ...headers, 'content-encoding': 'gzip', vary: 'accept-encoding' }).end(gz);
  } else res.writeHead(200, headers).end(body);
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

// Halaman situs: setiap index.html kecuali halaman kode (/NN-slug/kode/...), 404 dan berkas Pagefind.
const pages = readdirSync(dist, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('index.html') && !/(^|\/)kode\//.test(f) && !f.startsWith('pagefind'))
  .map((f) => '/' + path.dirname(f).replace(/^\.$/, '').replace(/\\/g, '/'))
  .map((p) => (p === '/' ? '/' : `${p}/`))
  .filter((p) => !only || only.some((o) => p.includes(o)))
  .sort();

const chrome = await launch({
  chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const rows: string[][] = [];
let ok = true;
try {
  for (const page of pages) {
    const result = await lighthouse(`${origin}${base}${page}`, { port: chrome.port, output: 'json', logLevel: 'error' });
    const lhr = result!.lhr;
    const score = (k: string) => lhr.categories[k]?.score ?? 0;
    const dom = Number((lhr.audits['dom-size']?.numericValue as number | undefined) ?? 0);
    const items = ((lhr.audits['network-requests']?.details as { items?: Array<{ url: string; transferSize?: number; resourceType?: string }> })?.items ?? []);
    const js = items.filter((i) => i.resourceType === 'Script').reduce((n, i) => n + (i.transferSize ?? 0), 0);
    const s = ['performance', 'accessibility', 'best-practices', 'seo'].map(score);
    const bad = s[0]! < 0.95 || s.slice(1).some((x) => x < 1) || dom > 3000;
    if (bad) ok = false;
    const failed = Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 1 && ['accessibility', 'best-practices', 'seo'].some((c) => lhr.categories[c]!.auditRefs.some((r) => r.id === a.id && r.weight > 0)))
      .map((a) => a.id);
    rows.push([page, ...s.map((x) => x.toFixed(2)), String(dom), `${(js / 1024).toFixed(1)} KB`, `${Math.round(Number(lhr.audits['total-blocking-time']?.numericValue ?? 0))} ms`, bad ? `✗ ${failed.join(' ')}` : '✓']);
    console.log(rows.at(-1)!.join('  '));
  }
} finally {
  await chrome.kill();
  server.close();
}
const head = ['halaman', 'perf', 'a11y', 'praktik', 'SEO', 'DOM', 'JS gzip', 'TBT', ''];
const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
console.log('\n' + [head, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ')).join('\n'));
if (!ok) {
  console.error('\nAda halaman di bawah batas (performance ≥ 0.95, lainnya 1.00, DOM ≤ 3000).');
  process.exit(1);
}
