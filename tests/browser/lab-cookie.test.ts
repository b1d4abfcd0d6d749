// Kebenaran "Lab cookie": setiap kasus dijalankan dua kali, lewat model lab (src/lab/model.ts) dan
// lewat Chromium sungguhan, lalu hasilnya harus sama: isi jar (nama, nilai, domain/host-only, path,
// kedaluwarsa, Secure, HttpOnly, SameSite), header Cookie setiap request lanjutan, dan document.cookie.
//
// Dua server lokal menjawab dengan header Set-Cookie asli: A = http://127.0.0.1:P dan
// B = http://localhost:Q, dua situs berbeda. Chromium memetakan toko.example.com dan
// api.toko.example.com ke 127.0.0.1 (--host-resolver-rules), sehingga ada juga host http biasa yang
// bukan "potentially trustworthy" dan domain dengan public suffix sungguhan (com).
// Temuan di Chromium 156 (dan cara model mengikutinya):
// - http://127.0.0.1, http://localhost, dan http://*.localhost dianggap aman untuk cookie: Secure boleh
//   dipasang dan dikirim lewat http di sana. Di http://toko.example.com cookie Secure ditolak.
// - Domain=127.0.0.1 dari 127.0.0.1 dan Domain=localhost dari localhost menjadi cookie host-only
//   (RFC 6265bis melakukan hal yang sama untuk public suffix).
// - __Host- butuh atribut Path=/ yang tertulis, dan ditolak kalau ada atribut Domain apa pun;
//   awalan dicocokkan tanpa peduli huruf besar-kecil; umur dibatasi 400 hari.
// - Cookie yang diganti mendapat waktu dibuat baru (RFC 6265bis: mewarisi yang lama), jadi urutannya di
//   header Cookie berubah. Lab mengikuti Chromium.
// - Profil bawaan Chromium Debian memblokir cookie pihak ketiga (alasan "UserPreferences"): profil uji
//   mengizinkannya (cookie_controls_mode 0, seperti Chrome biasa), dan kasus blockThirdParty menyalakan
//   blokirnya lewat Network.setCookieControls.
//
// Di satu tempat lab sengaja mengikuti RFC 6265bis dan Chromium berbeda: cookie tanpa SameSite yang
// umurnya belum 2 menit masih ikut POST lintas situs di Chromium ("Lax-allowing-unsafe"). Model
// melaporkannya di `chromiumAlsoSends` (dan panel menuliskannya); tes ini memeriksa klaim itu benar.
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS, hasChromium } from './chromium.ts';
import { CookieLab, type JarCookie, type RequestSpec } from '../../src/lab/model.ts';

interface Seen {
  method: string;
  cookie: string;
}

/** Server yang memasang `?set=[...]` sebagai Set-Cookie dan mencatat header Cookie per `?rid=`. */
function labServer(seen: Map<string, Seen>): Server {
  return createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const rid = url.searchParams.get('rid');
    if (rid) seen.set(rid, { method: req.method ?? '', cookie: req.headers.cookie ?? '' });
    const set = url.searchParams.get('set');
    if (set) res.setHeader('Set-Cookie', JSON.parse(set) as string[]);
    if (req.headers.origin) {
      res.setHeader('Access-Control-Allow-Origin', req.headers.origin);
      res.setHeader('Access-Control-Allow-Credentials', 'true');
    }
    const to = url.searchParams.get('to') ?? '';
    const mode = url.searchParams.get('mode');
    const attr = JSON.stringify(to).replace(/</g, '\\u003c');
    const body =
      mode === 'link'
        ? `<a id="go" href=${attr}>pergi</a>`
        : mode === 'post'
          ? `<form id="go" method="post" action=${attr}><input name="x" value="1"><button>kirim</button></form>`
          : mode === 'fetch'
            ? `<script>window.done = fetch(${attr}, { credentials: 'include', signal: AbortSignal.timeout(10000) }).then(() => 'ok', (e) => String(e));</script>`
            : '<p>ok</p>';
    res.setHeader('Content-Type', 'text/html; charset=utf-8');
    res.end(`<!doctype html><html lang="id"><title>lab</title>${body}</html>`);
  });
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

type Step =
  | { set: string; headers: string[] }
  | { wait: number }
  | { req: RequestSpec; label: string }
  | { doc: string };

interface Case {
  name: string;
  steps: Step[];
  /** Pengaturan "blokir cookie pihak ketiga" (model: blockThirdParty; Chromium: Network.setCookieControls). */
  blockThirdParty?: boolean;
}

/** Alamat kasus; diisi setelah port diketahui. */
interface Hosts {
  A: string; // http://127.0.0.1:P
  B: string; // http://localhost:Q
  subB: string; // http://sub.localhost:Q
  T: string; // http://toko.example.com:P (bukan loopback menurut nama, jadi tidak aman)
  apiT: string; // http://api.toko.example.com:P
  E: string; // http://example.com:P
}

const big = (n: number) => 'x'.repeat(n);

function cases(h: Hosts): Case[] {
  const four = ['s=1; SameSite=Strict; Path=/', 'l=1; SameSite=Lax; Path=/', 'n=1; SameSite=None; Secure; Path=/', 'd=1; Path=/'];
  const go = (url: string, label = 'request'): Step => ({ req: { url }, label });
  return [
    { name: 'cookie pertama ikut request berikutnya ke halaman yang sama', steps: [{ set: `${h.A}/`, headers: ['a=1'] }, go(`${h.A}/`), { doc: `${h.A}/` }] },
    {
      name: 'Path bawaan adalah folder URL (/akun dari /akun/login)',
      steps: [{ set: `${h.A}/akun/login`, headers: ['a=1'] }, go(`${h.A}/akun/profil`), go(`${h.A}/`), go(`${h.A}/akunlain`), { doc: `${h.A}/akun/x` }],
    },
    { name: 'Path=/ berlaku di seluruh situs', steps: [{ set: `${h.A}/akun/login`, headers: ['a=1; Path=/'] }, go(`${h.A}/`), go(`${h.A}/lain/x`)] },
    {
      name: 'Path=/akun mencakup /akun dan /akun/x, tidak /akunlain',
      steps: [{ set: `${h.A}/`, headers: ['a=1; Path=/akun'] }, go(`${h.A}/akun`), go(`${h.A}/akun/x`), go(`${h.A}/akunlain`), go(`${h.A}/`)],
    },
    {
      name: 'HttpOnly ikut request tetapi tidak terlihat di document.cookie',
      steps: [{ set: `${h.A}/`, headers: ['sid=abc; HttpOnly; Path=/', 'theme=dark; Path=/'] }, go(`${h.A}/`), { doc: `${h.A}/` }],
    },
    { name: '127.0.0.1 dan localhost adalah host berbeda: cookie host-only tidak menyeberang', steps: [{ set: `${h.A}/`, headers: ['a=1'] }, go(`${h.B}/`), { doc: `${h.B}/` }] },
    { name: 'Secure dari http://127.0.0.1 diterima (loopback dianggap aman)', steps: [{ set: `${h.A}/`, headers: ['s=1; Secure'] }, go(`${h.A}/`), { doc: `${h.A}/` }] },
    { name: 'Secure dari http://localhost diterima (localhost dianggap aman)', steps: [{ set: `${h.B}/`, headers: ['s=1; Secure'] }, go(`${h.B}/`)] },
    { name: 'Secure dari http://toko.example.com ditolak', steps: [{ set: `${h.T}/`, headers: ['s=1; Secure', 'p=1'] }, go(`${h.T}/`)] },
    { name: 'SameSite=None tanpa Secure ditolak', steps: [{ set: `${h.A}/`, headers: ['n=1; SameSite=None', 'ok=1'] }, go(`${h.A}/`)] },
    { name: 'SameSite=None; Secure diterima', steps: [{ set: `${h.A}/`, headers: ['n=1; SameSite=None; Secure'] }, go(`${h.A}/`)] },
    { name: '__Secure- tanpa Secure ditolak', steps: [{ set: `${h.A}/`, headers: ['__Secure-a=1; Path=/'] }, go(`${h.A}/`)] },
    { name: '__Secure- dengan Secure diterima', steps: [{ set: `${h.A}/`, headers: ['__Secure-a=1; Secure; Path=/'] }, go(`${h.A}/`)] },
    { name: '__Secure- dengan Secure dari http tidak aman ditolak', steps: [{ set: `${h.T}/`, headers: ['__Secure-a=1; Secure; Path=/'] }, go(`${h.T}/`)] },
    { name: '__Host- dengan Secure, tanpa Domain, Path=/ diterima', steps: [{ set: `${h.A}/akun/login`, headers: ['__Host-sid=1; Secure; Path=/'] }, go(`${h.A}/`)] },
    { name: '__Host- tanpa atribut Path ditolak, walau path bawaannya /', steps: [{ set: `${h.A}/`, headers: ['__Host-sid=1; Secure'] }, go(`${h.A}/`)] },
    { name: '__Host- dengan Path=/akun ditolak', steps: [{ set: `${h.A}/akun/`, headers: ['__Host-sid=1; Secure; Path=/akun'] }, go(`${h.A}/akun/`)] },
    { name: '__Host- dengan Domain ditolak', steps: [{ set: `${h.B}/`, headers: ['__Host-sid=1; Secure; Path=/; Domain=localhost'] }, go(`${h.B}/`)] },
    { name: '__Host- tanpa Secure ditolak', steps: [{ set: `${h.A}/`, headers: ['__Host-sid=1; Path=/'] }, go(`${h.A}/`)] },
    { name: 'awalan tanpa peduli huruf besar-kecil: __host- dan __SECURE-', steps: [{ set: `${h.A}/`, headers: ['__host-a=1; Path=/', '__SECURE-b=1; Path=/', 'c=1'] }, go(`${h.A}/`)] },
    {
      name: 'Domain=example.com dari toko.example.com: ikut ke api.toko.example.com dan example.com',
      steps: [{ set: `${h.T}/`, headers: ['d=1; Domain=example.com; Path=/', 'h=1; Path=/'] }, go(`${h.apiT}/`), go(`${h.E}/`), go(`${h.T}/`)],
    },
    { name: 'Domain=.example.com (titik di depan) sama dengan Domain=example.com', steps: [{ set: `${h.apiT}/`, headers: ['d=1; Domain=.Example.COM; Path=/'] }, go(`${h.T}/`)] },
    { name: 'Domain induk dari subdomain diterima', steps: [{ set: `${h.apiT}/`, headers: ['d=1; Domain=toko.example.com; Path=/'] }, go(`${h.T}/`), go(`${h.E}/`)] },
    { name: 'Domain anak (api.toko.example.com dari toko.example.com) ditolak', steps: [{ set: `${h.T}/`, headers: ['d=1; Domain=api.toko.example.com; Path=/'] }, go(`${h.apiT}/`)] },
    { name: 'Domain situs lain ditolak', steps: [{ set: `${h.T}/`, headers: ['d=1; Domain=example.net; Path=/', 'e=1; Domain=localhost'] }, go(`${h.T}/`)] },
    { name: 'Domain=com (public suffix) ditolak', steps: [{ set: `${h.T}/`, headers: ['d=1; Domain=com; Path=/'] }, go(`${h.T}/`)] },
    { name: 'Domain=127.0.0.1 dari 127.0.0.1 menjadi cookie host-only', steps: [{ set: `${h.A}/`, headers: ['d=1; Domain=127.0.0.1'] }, go(`${h.A}/`)] },
    { name: 'Domain=localhost dari localhost: host-only, tidak ikut ke sub.localhost', steps: [{ set: `${h.B}/`, headers: ['d=1; Domain=localhost; Path=/'] }, go(`${h.B}/`), go(`${h.subB}/`)] },
    { name: 'Nama + nilai tepat 4096 byte diterima, 4097 byte ditolak', steps: [{ set: `${h.A}/`, headers: [`a=${big(4095)}`, `b=${big(4096)}`] }, go(`${h.A}/`)] },
    {
      name: 'Max-Age=0 dengan nama, domain, dan path sama menghapus cookie',
      steps: [{ set: `${h.A}/`, headers: ['a=1; Path=/', 'b=1; Path=/'] }, { set: `${h.A}/`, headers: ['a=; Max-Age=0; Path=/'] }, go(`${h.A}/`)],
    },
    {
      name: 'Max-Age=0 dengan path berbeda tidak menghapus',
      steps: [{ set: `${h.A}/`, headers: ['a=1; Path=/akun'] }, { set: `${h.A}/`, headers: ['a=; Max-Age=0; Path=/'] }, go(`${h.A}/akun`)],
    },
    {
      name: 'Menghapus cookie host-only dengan Domain=host tidak mengenai cookie itu',
      steps: [{ set: `${h.T}/`, headers: ['a=1; Path=/'] }, { set: `${h.T}/`, headers: ['a=; Max-Age=0; Domain=toko.example.com; Path=/'] }, go(`${h.T}/`)],
    },
    { name: 'Expires di masa lalu: tidak disimpan', steps: [{ set: `${h.A}/`, headers: ['a=1; Expires=Thu, 01 Jan 1970 00:00:01 GMT', 'b=1; Max-Age=-1'] }, go(`${h.A}/`)] },
    { name: 'Max-Age menang atas Expires', steps: [{ set: `${h.A}/`, headers: ['a=1; Max-Age=3600; Expires=Thu, 01 Jan 1970 00:00:01 GMT'] }, go(`${h.A}/`)] },
    { name: 'Max-Age=1 kedaluwarsa setelah satu detik', steps: [{ set: `${h.A}/`, headers: ['a=1; Max-Age=1', 'b=1; Max-Age=60'] }, { wait: 1500 }, go(`${h.A}/`), { doc: `${h.A}/` }] },
    { name: 'umur dibatasi 400 hari', steps: [{ set: `${h.A}/`, headers: ['a=1; Max-Age=63072000', 'b=1; Expires=Fri, 01 Jan 2100 00:00:00 GMT'] }, go(`${h.A}/`)] },
    {
      name: 'cookie yang diganti pindah ke belakang: waktu dibuat baru (Chromium; RFC 6265bis mewarisi yang lama)',
      steps: [{ set: `${h.A}/`, headers: ['a=1; Path=/', 'b=2; Path=/'] }, { set: `${h.A}/`, headers: ['a=3; Path=/'] }, go(`${h.A}/`), { doc: `${h.A}/` }],
    },
    { name: 'path lebih panjang dikirim lebih dulu', steps: [{ set: `${h.A}/`, headers: ['a=1; Path=/', 'b=2; Path=/akun'] }, go(`${h.A}/akun/x`)] },
    { name: 'cookie tanpa nama (Set-Cookie: abc)', steps: [{ set: `${h.A}/`, headers: ['abc', 'x=1'] }, go(`${h.A}/`), { doc: `${h.A}/` }] },
    { name: 'SameSite: alamat diketik membawa semua', steps: [{ set: `${h.A}/`, headers: four }, go(`${h.A}/`)] },
    {
      name: 'SameSite: tautan dari situs lain (GET level atas) membawa Lax, None, dan tanpa SameSite',
      steps: [{ set: `${h.A}/`, headers: four }, { req: { url: `${h.A}/`, from: `${h.B}/`, kind: 'navigate' }, label: 'link' }],
    },
    {
      name: 'SameSite: form POST dari situs lain hanya membawa None (Chromium: juga tanpa SameSite < 2 menit)',
      steps: [{ set: `${h.A}/`, headers: four }, { req: { url: `${h.A}/`, from: `${h.B}/`, method: 'POST', kind: 'navigate' }, label: 'post' }],
    },
    {
      name: 'SameSite: fetch dari situs lain hanya membawa None',
      steps: [{ set: `${h.A}/`, headers: four }, { req: { url: `${h.A}/`, from: `${h.B}/`, kind: 'fetch' }, label: 'fetch' }],
    },
    {
      name: 'SameSite: arah sebaliknya, cookie localhost dan tautan dari 127.0.0.1',
      steps: [{ set: `${h.B}/`, headers: four }, { req: { url: `${h.B}/`, from: `${h.A}/`, kind: 'navigate' }, label: 'link' }, { req: { url: `${h.B}/`, from: `${h.A}/`, method: 'POST', kind: 'navigate' }, label: 'post' }],
    },
    {
      name: 'SameSite: subdomain situs yang sama bukan lintas situs (fetch dari api.toko.example.com)',
      steps: [{ set: `${h.T}/`, headers: ['s=1; SameSite=Strict; Path=/', 'd=1; Path=/'] }, { req: { url: `${h.T}/`, from: `${h.apiT}/`, kind: 'fetch' }, label: 'fetch' }, { req: { url: `${h.T}/`, from: `${h.apiT}/`, method: 'POST', kind: 'navigate' }, label: 'post' }],
    },
    {
      name: 'cookie pihak ketiga diblokir: fetch dari situs lain tidak membawa SameSite=None',
      blockThirdParty: true,
      steps: [{ set: `${h.A}/`, headers: four }, { req: { url: `${h.A}/`, from: `${h.B}/`, kind: 'fetch' }, label: 'fetch' }, { req: { url: `${h.A}/`, from: `${h.B}/`, kind: 'navigate' }, label: 'link' }],
    },
    { name: 'SameSite bernilai aneh dianggap tidak ada', steps: [{ set: `${h.A}/`, headers: ['a=1; SameSite=Bogus; Path=/'] }, { req: { url: `${h.A}/`, from: `${h.B}/`, kind: 'fetch' }, label: 'fetch' }, go(`${h.A}/`)] },
  ];
}

interface Observed {
  jar: string[];
  requests: string[];
}

function describeJar(cookies: JarCookie[], now: number): string[] {
  return cookies
    .map((c) => {
      const expiry = c.expires === null ? 'session' : `+${Math.round((c.expires - now) / 60_000)}m`;
      const same = c.sameSite === 'default' ? '' : ` SameSite=${c.sameSite}`;
      return `${c.name}=${c.value.length > 20 ? `(${c.value.length})` : c.value} ${c.hostOnly ? 'host' : 'domain'}:${c.domain} path:${c.path} ${expiry}${c.secure ? ' Secure' : ''}${c.httpOnly ? ' HttpOnly' : ''}${same}`;
    })
    .sort();
}

function runModel({ steps, blockThirdParty }: Case): Observed & { extra: string[][] } {
  const lab = new CookieLab(Date.now(), { blockThirdParty });
  const requests: string[] = [];
  const extra: string[][] = [];
  for (const step of steps) {
    if ('set' in step) lab.receive(step.set, step.headers);
    else if ('wait' in step) lab.advance(step.wait);
    else if ('doc' in step) {
      requests.push(`document.cookie ${step.doc}: ${lab.documentCookie(step.doc)}`);
      extra.push([]);
    } else {
      const result = lab.request(step.req);
      requests.push(`${step.label} ${step.req.method ?? 'GET'} ${step.req.url}: ${result.header}`);
      extra.push(result.chromiumAlsoSends.map((c) => c.name));
    }
  }
  return { jar: describeJar(lab.jar(), lab.now), requests, extra };
}

describe.skipIf(!hasChromium)('Lab cookie: model lab sama dengan Chromium', () => {
  const seen = new Map<string, Seen>();
  const servers = [labServer(seen), labServer(seen)];
  let context: BrowserContext;
  const profile = mkdtempSync(join(tmpdir(), 'lab-cookie-'));
  let hosts: Hosts;
  let rid = 0;

  beforeAll(async () => {
    const [p, q] = [await listen(servers[0]!), await listen(servers[1]!)];
    hosts = {
      A: `http://127.0.0.1:${p}`,
      B: `http://localhost:${q}`,
      subB: `http://sub.localhost:${q}`,
      T: `http://toko.example.com:${p}`,
      apiT: `http://api.toko.example.com:${p}`,
      E: `http://example.com:${p}`,
    };
    // Chromium Debian bawaannya memblokir cookie pihak ketiga (alasan "UserPreferences"); profil ini
    // mengizinkannya seperti Chrome biasa, dan kasus blockThirdParty menyalakan blokirnya per halaman.
    mkdirSync(join(profile, 'Default'));
    writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0 } }));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: [
        ...CHROMIUM_ARGS,
        // Nama uji ini tidak pernah ke jaringan: semuanya ke server lokal.
        '--host-resolver-rules=MAP example.com 127.0.0.1, MAP *.example.com 127.0.0.1, MAP localhost 127.0.0.1, MAP *.localhost 127.0.0.1',
      ],
    });
    // Local Network Access (Chromium 142+): fetch dari nama "publik" (api.toko.example.com) ke alamat
    // loopback menunggu izin pengguna, dan di headless tidak ada yang menjawab. Izin itu tidak mengubah
    // cookie mana yang ikut; tanpanya fetch kadang menggantung.
    await context.grantPermissions(['local-network-access']);
  });
  afterAll(async () => {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    for (const s of servers) s.close();
  });

  async function waitSeen(id: string): Promise<Seen> {
    for (let i = 0; i < 100; i++) {
      const s = seen.get(id);
      if (s) return s;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`server tidak pernah menerima request ${id}`);
  }

  async function runChromium({ steps, blockThirdParty = false }: Case): Promise<Observed> {
    await context.clearCookies();
    const page: Page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCookieControls', { enableThirdPartyCookieRestriction: blockThirdParty });
    const requests: string[] = [];
    try {
      for (const step of steps) {
        if ('set' in step) {
          const url = new URL(step.set);
          url.searchParams.set('set', JSON.stringify(step.headers));
          await page.goto(url.href);
        } else if ('wait' in step) {
          await page.waitForTimeout(step.wait);
        } else if ('doc' in step) {
          await page.goto(step.doc);
          requests.push(`document.cookie ${step.doc}: ${await page.evaluate(() => document.cookie)}`);
        } else {
          const id = `r${rid++}`;
          const target = new URL(step.req.url);
          target.searchParams.set('rid', id);
          if (!step.req.from) {
            await page.goto(target.href);
          } else {
            const launch = new URL(step.req.from);
            const mode = step.req.kind === 'fetch' ? 'fetch' : step.req.method === 'POST' ? 'post' : 'link';
            launch.searchParams.set('mode', mode);
            launch.searchParams.set('to', target.href);
            await page.goto(launch.href);
            if (mode === 'fetch') await page.evaluate(() => (window as unknown as { done: Promise<string> }).done);
            else await page.click(mode === 'post' ? '#go button' : '#go');
          }
          const got = await waitSeen(id);
          expect(got.method).toBe(step.req.method ?? 'GET');
          requests.push(`${step.label} ${step.req.method ?? 'GET'} ${step.req.url}: ${got.cookie}`);
        }
      }
      const now = Date.now();
      const jar = (await context.cookies()).map(
        (c): JarCookie => ({
          name: c.name,
          value: c.value,
          domain: c.domain.replace(/^\./, ''),
          hostOnly: !c.domain.startsWith('.'),
          path: c.path,
          expires: c.expires === -1 ? null : c.expires * 1000,
          secure: c.secure,
          httpOnly: c.httpOnly,
          sameSite: 'default',
          creation: 0,
        }),
      );
      return { jar: describeJar(jar, now), requests };
    } finally {
      await page.close();
    }
  }

  test('matriks punya sedikitnya 30 kasus', () => {
    expect(cases({ A: '', B: '', subB: '', T: '', apiT: '', E: '' }).length).toBeGreaterThanOrEqual(30);
  });

  for (const [index, { name }] of cases({ A: '', B: '', subB: '', T: '', apiT: '', E: '' }).entries()) {
    test(name, async () => {
      const chosen = cases(hosts)[index]!;
      const chromiumSide = await runChromium(chosen);
      const model = runModel(chosen);
      // SameSite tidak dibandingkan di jar (Playwright tidak melaporkan "tidak ada SameSite"):
      // pengaruhnya diperiksa lewat request lintas situs.
      const strip = (rows: string[]) => rows.map((r) => r.replace(/ SameSite=\w+$/, ''));
      expect(strip(chromiumSide.jar)).toEqual(strip(model.jar));
      // Klaim "beda dengan Chromium" di model harus benar: cookie itu memang ikut di Chromium.
      model.extra.forEach((names, i) => {
        for (const n of names) expect(chromiumSide.requests[i], `Chromium mengirim ${n}`).toMatch(new RegExp(`(: |; )${n}=`));
      });
      expect(chromiumSide.requests.map((line, i) => withoutExtra(line, model.extra[i] ?? []))).toEqual(model.requests);
    });
  }
});

/** Buang cookie yang model nyatakan "Chromium juga mengirim" dari baris Chromium. */
function withoutExtra(line: string, extra: string[]): string {
  if (!extra.length) return line;
  const at = line.indexOf(': ');
  const pairs = line.slice(at + 2).split('; ').filter((p) => !extra.includes(p.split('=')[0]!));
  return `${line.slice(0, at + 2)}${pairs.join('; ')}`;
}
