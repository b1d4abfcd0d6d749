// Kebutuhan pelajaran 03 (frontmatter tugas/petunjuk, komentar awal.ts, teks) dan tes yang menjaganya.
// Tugas 1: serializeCookie
// - nilai di-encode (encodeURIComponent), bisa dikembalikan utuh; tanpa opsi tanpa atribut lain
//   (Path bawaan hanya boleh Path=/) → "Tugas 1: nama=nilai, dan nilai di-encode"
// - maxAge → Max-Age detik bulat; 0 boleh; 400 hari (batas browser) tetap detik bulat
//     → "Tugas 1: maxAge menjadi Max-Age dalam detik bulat"
// - maxAge NaN, Infinity, -Infinity ditolak → "Tugas 1: maxAge yang bukan angka berhingga ditolak"
// - expires → HTTP-date GMT di beberapa saat, termasuk saat tanggal WIB ≠ tanggal UTC; browser membacanya
//   sebagai saat yang sama (hidup 1 detik sebelumnya, mati 1 detik sesudahnya); Date tidak sah ditolak
//     → "Tugas 1: expires ditulis sebagai HTTP-date GMT"
// - Max-Age menang atas Expires (hidup di detik 59, mati di detik 61; dan sebaliknya)
//     → "Tugas 1: Max-Age menang atas Expires (dicek dengan jam yang bisa dimajukan)"
// - domain/path/secure/httpOnly/sameSite (huruf besar/kecil bebas) menjadi atributnya; false tidak menulis apa pun
//     → "Tugas 1: atribut Domain, Path, Secure, HttpOnly, SameSite"
// - tanpa Domain host-only, dengan Domain ikut ke subdomain → "Tugas 1: tanpa Domain cookie host-only, dengan Domain ikut ke subdomain"
// - nama harus token (10+ karakter salah dicoba) → "Tugas 1: nama cookie harus token"
// - SameSite=None tanpa Secure ditolak → "Tugas 1: SameSite=None tanpa Secure ditolak"
// - __Secure- wajib Secure, awalan tanpa peduli huruf → "Tugas 1: awalan __Secure- wajib Secure"
// - __Host- wajib Secure, Path=/, tanpa Domain, awalan tanpa peduli huruf; nama yang hanya mirip tidak terikat
//     → "Tugas 1: awalan __Host- wajib Secure, Path=/, dan tanpa Domain"
// - nama + nilai di atas 4096 byte SETELAH encode ditolak; tepat 4096 boleh (juga dengan atribut, yang tidak dihitung)
//     → "Tugas 1: nama + nilai lebih dari 4096 byte ditolak"
// - Domain/Path berisi ";" ditolak → "Tugas 1: Path dan Domain tidak bisa menyusupkan atribut"
// Tugas 2: app pilihan bahasa
// - GET /language?set=id|en: cookie lang, Path=/, SameSite=Lax, HttpOnly, umur satu tahun dari now() (365–366 hari)
//     → "Tugas 2: GET /language?set=id|en menyimpan cookie lang setahun"
// - umur dan Expires tetap benar saat tanggal WIB ≠ tanggal UTC → "Tugas 2: umur setahun dihitung dari now(), juga saat tanggal lokal berbeda dari UTC"
// - createApp() tanpa opsi tetap jalan, jamnya Date.now() (kontrak modul latihan) → "Tugas 2: tanpa opsi (seperti di sandbox), jamnya Date.now()"
// - 3xx harus kembali ke "/" (Location relatif terhadap URL request) → dicek di setiap tes yang memanggil expectDone
// - nilai lain, termasuk yang mirip (EN, " en", en2, en-US, kosong, ganda) → 400 tanpa cookie
//     → "Tugas 2: pilihan lain ditolak dengan 400 tanpa cookie"
// - GET / membaca lang di antara cookie lain; nilai asing, nama mirip (xlang), header rusak → "id", tanpa 5xx
//     → "Tugas 2: GET / menjawab dalam bahasa yang dipilih"
// - POST /language/reset: nama, Path, dan Domain (ditulis atau tidak) sama persis, sudah kedaluwarsa
//     → "Tugas 2: POST /language/reset menghapus cookie dengan Path yang sama"
// Sengaja tidak dinilai (teks menyebutnya): 303 atau 2xx, Partitioned, kata-kata pesan Error, Secure di
// production (sandbox dan checker memakai HTTP biasa), dan apakah header disusun dengan serializeCookie atau res.cookie.
import type { RequestListener } from 'node:http';
import { CookieJar } from 'tough-cookie';
import { describe, test } from 'vitest';
import {
  DAY,
  SECOND,
  attrValue,
  check,
  checkStatus,
  client,
  createClock,
  fail,
  findSetCookie,
  loadExercise,
  mediaType,
  parseSetCookie,
  requireSetCookie,
  serve,
  toughCookie,
  withServer,
  type ParsedSetCookie,
  type Res,
} from '#harness';

interface CookieOptions {
  maxAge?: number;
  expires?: Date;
  domain?: string;
  path?: string;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: string;
  partitioned?: boolean;
}

interface Exercise {
  serializeCookie(name: string, value: string, options?: CookieOptions): string;
  createApp(options?: { now?: () => number }): RequestListener;
}

const mod = await loadExercise<Exercise>(import.meta.url);

// Jam app sengaja 30 hari di belakang jam dinding: Expires yang dihitung dengan Date.now()
// alih-alih now() jadi ketahuan, sementara jar tough-cookie (yang memakai jam dinding) tetap benar.
const clock = createClock(Date.now() - 30 * DAY);
const server = await serve(mod.createApp({ now: clock.now }));

const YEAR = 365 * DAY;
// Karakter yang boleh muncul mentah di nilai cookie (cookie-octet, RFC 6265).
const COOKIE_OCTETS = /^[\x21\x23-\x2B\x2D-\x3A\x3C-\x5B\x5D-\x7E]*$/;
// IMF-fixdate, format HTTP-date yang dihasilkan Date.prototype.toUTCString().
const HTTP_DATE = /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{2} (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d{2}:\d{2}:\d{2} GMT$/;

function call(name: string, value: string, options?: CookieOptions): string {
  const label = callLabel(name, value, options);
  let out: unknown;
  try {
    out = mod.serializeCookie(name, value, options);
  } catch (err) {
    fail(`${label} tidak boleh ditolak.`, { diharapkan: 'header Set-Cookie', diterima: `Error: ${(err as Error)?.message ?? String(err)}` });
  }
  check(typeof out === 'string', `${label} harus mengembalikan string.`, { diterima: out });
  return out;
}

function callLabel(name: string, value: string, options?: CookieOptions): string {
  const shown = value.length > 40 ? `${value.slice(0, 20)}…(${value.length} karakter)` : value;
  return `serializeCookie(${JSON.stringify(name)}, ${JSON.stringify(shown)}${options ? `, ${describeOptions(options)}` : ''})`;
}

function describeOptions(options: CookieOptions): string {
  return `{ ${Object.entries(options)
    .map(([k, v]) => `${k}: ${v instanceof Date ? `new Date(${JSON.stringify(Number.isNaN(v.getTime()) ? 'tidak sah' : v.toISOString())})` : typeof v === 'number' ? String(v) : JSON.stringify(v)}`)
    .join(', ')} }`;
}

function short(out: unknown): unknown {
  return typeof out === 'string' && out.length > 120 ? `${out.slice(0, 60)}… (${out.length} karakter)` : out;
}

/** Atribut yang tidak diminta; Path=/ bawaan (seperti milik res.cookie) tetap sah. */
function extraAttrs(c: ParsedSetCookie): string[] {
  return Object.keys(c.attrs).filter((k) => !(k === 'path' && c.attrs.path === '/'));
}

function parsed(raw: string): ParsedSetCookie {
  return parseSetCookie(raw);
}

/** serializeCookie harus melempar Error dengan pesan; `why` menjelaskan alasannya kepada pelajar. */
function refuses(name: string, value: string, options: CookieOptions | undefined, why: string) {
  const label = callLabel(name, value, options);
  let out: unknown;
  try {
    out = mod.serializeCookie(name, value, options);
  } catch (err) {
    check(err instanceof Error && err.message.trim() !== '', `${label} harus melempar Error dengan pesan yang jelas.`, {
      diharapkan: "throw new Error('pesan bahasa Indonesia')",
      diterima: err instanceof Error ? `Error dengan pesan kosong` : String(err),
    });
    return;
  }
  fail(`${label} harus ditolak dengan throw new Error(...): ${why}.`, { diharapkan: 'Error', diterima: short(out) });
}

/** Kapan cookie kedaluwarsa menurut aturan browser (tough-cookie: Max-Age menang atas Expires). */
function expiresAt(raw: string, receivedAt: number): number | undefined {
  const c = toughCookie(raw);
  if (!c || !c.isPersistent()) return undefined; // session cookie
  return c.expiryTime(new Date(receivedAt));
}

function showTime(t: number | undefined): string {
  if (t === undefined) return 'tidak ada (session cookie)';
  if (!Number.isFinite(t)) return t < 0 ? 'langsung kedaluwarsa' : 'tidak pernah';
  return new Date(t).toISOString();
}

describe('Tugas 1: serializeCookie', () => {
  test('Tugas 1: nama=nilai, dan nilai di-encode', () => {
    const simple = parsed(call('lang', 'id'));
    check(simple.name === 'lang' && simple.value === 'id' && extraAttrs(simple).length === 0,
      'tanpa opsi, hasilnya cukup "lang=id" (paling banyak ditambah Path=/ bawaan).', { diharapkan: 'lang=id', diterima: simple.raw });

    const value = 'Budi Santoso; role=admin, "é" \\ 🍪';
    const c = parsed(call('nama', value));
    check(c.name === 'nama' && COOKIE_OCTETS.test(c.value) && extraAttrs(c).length === 0,
      'nilai harus di-encode (encodeURIComponent): spasi, ";", ",", tanda kutip, "\\" dan huruf non-ASCII tidak boleh mentah, dan tidak boleh menyusupkan atribut.',
      { diharapkan: `nama=${encodeURIComponent(value)}`, diterima: c.raw });
    let decoded: string | undefined;
    try {
      decoded = decodeURIComponent(c.value);
    } catch {
      decoded = undefined;
    }
    check(decoded === value, 'nilai yang di-encode harus bisa dikembalikan utuh dengan decodeURIComponent.', {
      diharapkan: value,
      diterima: decoded ?? c.value,
    });
  });

  test('Tugas 1: maxAge menjadi Max-Age dalam detik bulat', () => {
    const hour = parsed(call('a', '1', { maxAge: 3600 }));
    check(hour.attrs['max-age'] === '3600', 'maxAge: 3600 harus menjadi "Max-Age=3600" (detik, bukan milidetik).', {
      diharapkan: 'a=1; Max-Age=3600',
      diterima: hour.raw,
    });
    const zero = parsed(call('a', '', { maxAge: 0, path: '/' }));
    check(zero.attrs['max-age'] === '0' && zero.attrs.path === '/', 'maxAge: 0 harus boleh ("Max-Age=0"): begitulah cookie dihapus.', {
      diharapkan: 'a=; Max-Age=0; Path=/',
      diterima: zero.raw,
    });
    // Browser memangkas umur di atas 400 hari; serializeCookie tetap menulis detik bulat (atau memangkasnya sendiri).
    const cap = parsed(call('a', '1', { maxAge: 400 * 86400 }));
    check(cap.attrs['max-age'] === '34560000', 'maxAge: 34560000 (tepat 400 hari) harus menjadi "Max-Age=34560000".', {
      diharapkan: 'a=1; Max-Age=34560000',
      diterima: cap.raw,
    });
    let over: string | undefined;
    try {
      over = mod.serializeCookie('a', '1', { maxAge: 400 * 86400 + 1 });
    } catch {
      over = undefined; // menolak umur di atas batas browser juga sah
    }
    if (over !== undefined) {
      const v = parsed(over).attrs['max-age'];
      check(v === '34560001' || v === '34560000', 'maxAge: 34560001 harus ditulis apa adanya (browser memangkasnya ke 400 hari) atau dipangkas ke 34560000.', {
        diharapkan: 'Max-Age=34560001 atau Max-Age=34560000 (atau Error)',
        diterima: over,
      });
    }
    let half: string | undefined;
    try {
      half = mod.serializeCookie('a', '1', { maxAge: 90.5 });
    } catch {
      half = undefined; // menolak pecahan juga sah
    }
    if (half !== undefined) {
      const v = parsed(half).attrs['max-age'];
      check(v === '90' || v === '91', 'Max-Age harus bilangan bulat: browser mengabaikan "Max-Age=90.5" dan cookie-nya jadi session cookie.', {
        diharapkan: 'Max-Age=90 (atau tolak pecahan dengan Error)',
        diterima: half,
      });
    }
  });

  test('Tugas 1: maxAge yang bukan angka berhingga ditolak', () => {
    refuses('a', '1', { maxAge: Number.NaN }, 'browser mengabaikan "Max-Age=NaN", jadi cookie diam-diam berubah menjadi session cookie');
    refuses('a', '1', { maxAge: Number.POSITIVE_INFINITY }, '"Max-Age=Infinity" bukan jumlah detik');
    refuses('a', '1', { maxAge: Number.NEGATIVE_INFINITY }, '"Max-Age=-Infinity" bukan jumlah detik');
  });

  test('Tugas 1: expires ditulis sebagai HTTP-date GMT', () => {
    // Checker berjalan di WIB (UTC+7): beberapa saat di bawah ini jatuh di tanggal, hari, bulan, atau tahun
    // lokal yang lain, jadi getter waktu lokal (getDate, getHours, ...) ketahuan.
    const cases: [Date, string][] = [
      [new Date(Date.UTC(2026, 9, 21, 7, 28, 0)), 'Wed, 21 Oct 2026 07:28:00 GMT'],
      [new Date(Date.UTC(2027, 0, 5, 23, 5, 9)), 'Tue, 05 Jan 2027 23:05:09 GMT'], // WIB: Rabu 6 Jan 06.05
      [new Date(Date.UTC(2026, 11, 31, 17, 0, 0)), 'Thu, 31 Dec 2026 17:00:00 GMT'], // WIB: 1 Jan 2027 00.00
      [new Date(Date.UTC(2028, 1, 29, 17, 0, 1)), 'Tue, 29 Feb 2028 17:00:01 GMT'], // WIB: 1 Mar 2028
      [new Date(Date.UTC(2027, 5, 1, 0, 0, 0)), 'Tue, 01 Jun 2027 00:00:00 GMT'],
      [new Date(0), 'Thu, 01 Jan 1970 00:00:00 GMT'],
    ];
    for (const [date, expected] of cases) {
      const c = parsed(call('a', '1', { expires: date }));
      const got = c.attrs.expires;
      check(got === expected, 'Expires harus berupa HTTP-date dalam GMT (format toUTCString()), bukan waktu lokal atau ISO.', {
        diharapkan: `a=1; Expires=${expected}`,
        diterima: c.raw,
      });
      check(typeof got === 'string' && HTTP_DATE.test(got), 'format Expires harus "Hari, DD Bln YYYY HH:MM:SS GMT".', { diterima: c.raw });
    }
    // Browser membaca Expires sebagai saat yang sama: hidup sedetik sebelumnya, hilang sedetik sesudahnya.
    const clock = createClock(Date.UTC(2026, 11, 31, 20, 0, 0)); // WIB: 1 Jan 2027 03.00
    const at = clock.now() + 90 * SECOND;
    const raw = call('promo', 'ya', { expires: new Date(at) });
    const end = expiresAt(raw, clock.now());
    check(end !== undefined && end > at - SECOND && end < at + SECOND, 'Expires harus menunjuk saat yang diberikan (GMT), bukan tergeser zona waktu lokal.', {
      diharapkan: `kedaluwarsa ${showTime(at)}`,
      diterima: `kedaluwarsa ${showTime(end)} (${raw})`,
    });
    refuses('a', '1', { expires: new Date('kemarin') }, 'Date yang tidak sah menghasilkan "Expires=Invalid Date"');
  });

  test('Tugas 1: Max-Age menang atas Expires (dicek dengan jam yang bisa dimajukan)', () => {
    const clock = createClock();
    const receivedAt = clock.now();
    // Max-Age 60 detik, Expires setahun lagi: browser memakai Max-Age.
    const short = call('promo', 'ya', { maxAge: 60, expires: new Date(receivedAt + YEAR) });
    const sc = parsed(short);
    check(sc.attrs['max-age'] === '60' && typeof sc.attrs.expires === 'string', 'dengan maxAge dan expires sekaligus, keduanya harus ditulis.', {
      diharapkan: 'promo=ya; Max-Age=60; Expires=...',
      diterima: short,
    });
    const end = expiresAt(short, receivedAt);
    check(end !== undefined && end > clock.now(), 'cookie yang baru diterima harus masih hidup.', { diterima: showTime(end) });
    clock.advance(59 * SECOND);
    check(end > clock.now(), 'Max-Age=60: 59 detik kemudian cookie harus masih hidup.', {
      diharapkan: `kedaluwarsa ${showTime(receivedAt + 60 * SECOND)}`,
      diterima: `kedaluwarsa ${showTime(end)} (${short})`,
    });
    clock.advance(2 * SECOND);
    check(end <= clock.now(), 'Max-Age=60 menang atas Expires setahun lagi: 61 detik kemudian cookie harus sudah hilang.', {
      diharapkan: `kedaluwarsa ${showTime(receivedAt + 60 * SECOND)}`,
      diterima: `kedaluwarsa ${showTime(end)} (${short})`,
    });

    // Sebaliknya: Expires sudah lewat, tetapi Max-Age satu jam: cookie tetap hidup.
    const long = call('promo', 'ya', { maxAge: 3600, expires: new Date(receivedAt - DAY) });
    const end2 = expiresAt(long, receivedAt);
    check(end2 !== undefined && end2 > clock.now(), 'Max-Age=3600 menang atas Expires yang sudah lewat: 61 detik kemudian cookie masih hidup.', {
      diharapkan: `kedaluwarsa ${showTime(receivedAt + 3600 * SECOND)}`,
      diterima: `kedaluwarsa ${showTime(end2)} (${long})`,
    });
  });

  test('Tugas 1: atribut Domain, Path, Secure, HttpOnly, SameSite', () => {
    const raw = call('sid', 'abc', { domain: 'example.com', path: '/app', secure: true, httpOnly: true, sameSite: 'Strict' });
    const c = parsed(raw);
    const ok =
      c.attrs.domain === 'example.com' && c.attrs.path === '/app' && c.attrs.secure === true && c.attrs.httponly === true &&
      String(c.attrs.samesite).toLowerCase() === 'strict';
    check(ok, 'setiap opsi harus menjadi atributnya: Domain=example.com, Path=/app, Secure, HttpOnly, SameSite=Strict.', {
      diharapkan: 'sid=abc; Domain=example.com; Path=/app; Secure; HttpOnly; SameSite=Strict',
      diterima: raw,
    });
    for (const value of ['Lax', 'lax', 'strict', 'Strict']) {
      const c = parsed(call('a', '1', { sameSite: value }));
      check(attrValue(c, 'samesite') === value.toLowerCase(), `sameSite: "${value}" harus menjadi "SameSite=${value[0]!.toUpperCase()}${value.slice(1).toLowerCase()}" (huruf besar/kecil bebas).`, { diterima: c.raw });
    }
    const plain = parsed(call('a', '1', { secure: false, httpOnly: false }));
    check(plain.attrs.secure === undefined && plain.attrs.httponly === undefined, 'secure: false dan httpOnly: false tidak boleh menulis atributnya.', {
      diharapkan: 'a=1',
      diterima: plain.raw,
    });
  });

  test('Tugas 1: tanpa Domain cookie host-only, dengan Domain ikut ke subdomain', async () => {
    const jar = new CookieJar();
    await jar.setCookie(call('hostonly', '1', { path: '/' }), 'https://www.example.com/');
    await jar.setCookie(call('wide', '1', { path: '/', domain: 'example.com' }), 'https://www.example.com/');
    const sameHost = (await jar.getCookies('https://www.example.com/')).map((c) => c.key).sort();
    const sub = (await jar.getCookies('https://api.example.com/')).map((c) => c.key);
    check(sameHost.join() === 'hostonly,wide', 'kedua cookie harus dikirim kembali ke www.example.com.', { diterima: sameHost });
    check(sub.join() === 'wide', 'ke api.example.com hanya cookie ber-Domain=example.com yang ikut; cookie tanpa Domain adalah host-only.', {
      diharapkan: ['wide'],
      diterima: sub,
    });
  });

  test('Tugas 1: nama cookie harus token', () => {
    for (const name of ['lang', 'my_cookie-1', 'a.b', "x!#$%&'*+^`|~9"]) call(name, '1');
    const bad: [string, string][] = [
      ['', 'nama kosong'],
      ['nama saya', 'spasi'],
      ['a;b', '";" memisahkan atribut'],
      ['a=b', '"=" memisahkan nama dan nilai'],
      ['a,b', 'koma'],
      ['"q"', 'tanda kutip'],
      ['a\nb', 'baris baru bisa menyusupkan header lain'],
      ['(x)', 'tanda kurung'],
      ['a/b', '"/" bukan karakter token'],
      ['kué', 'huruf non-ASCII'],
      ['a:b', '":" bukan karakter token'],
      ['a@b', '"@" bukan karakter token'],
      ['[x]', 'kurung siku'],
      ['{x}', 'kurung kurawal'],
      ['a?b', '"?" bukan karakter token'],
      ['a\\b', 'garis miring terbalik'],
      ['a\tb', 'tab'],
      ['a\x7fb', 'karakter kontrol DEL'],
    ];
    for (const [name, why] of bad) refuses(name, '1', undefined, `nama bukan token (${why})`);
  });

  test('Tugas 1: SameSite=None tanpa Secure ditolak', () => {
    refuses('widget', '1', { sameSite: 'None' }, 'browser menolak SameSite=None tanpa Secure');
    refuses('widget', '1', { sameSite: 'None', secure: false }, 'browser menolak SameSite=None tanpa Secure');
    refuses('widget', '1', { sameSite: 'none' }, 'huruf kecil pun tetap SameSite=None tanpa Secure');
    const c = parsed(call('widget', '1', { sameSite: 'None', secure: true }));
    check(String(c.attrs.samesite).toLowerCase() === 'none' && c.attrs.secure === true, 'SameSite=None bersama Secure harus boleh.', {
      diharapkan: 'widget=1; Secure; SameSite=None',
      diterima: c.raw,
    });
  });

  test('Tugas 1: awalan __Secure- wajib Secure', async () => {
    refuses('__Secure-id', '1', { path: '/' }, 'browser membuang cookie __Secure- tanpa Secure');
    refuses('__Secure-id', '1', { path: '/', secure: false }, 'browser membuang cookie __Secure- tanpa Secure');
    refuses('__secure-id', '1', { path: '/' }, 'browser mencocokkan awalan tanpa peduli huruf besar/kecil, jadi __secure- juga wajib Secure');
    refuses('__SECURE-id', '1', { path: '/' }, 'browser mencocokkan awalan tanpa peduli huruf besar/kecil, jadi __SECURE- juga wajib Secure');
    // Nama yang hanya mirip tidak berawalan __Secure-: tidak terikat aturannya.
    for (const name of ['_Secure-id', 'x__Secure-id', '__Secureid']) call(name, '1', { path: '/' });
    const ok = call('__Secure-id', '1', { path: '/', secure: true, domain: 'example.com' });
    const jar = new CookieJar(undefined, { prefixSecurity: 'strict' });
    try {
      await jar.setCookie(ok, 'https://www.example.com/');
    } catch (err) {
      fail('cookie __Secure- yang benar harus diterima browser.', { diterima: `${ok} → ${(err as Error).message}` });
    }
  });

  test('Tugas 1: awalan __Host- wajib Secure, Path=/, dan tanpa Domain', async () => {
    refuses('__Host-sid', '1', { path: '/' }, '__Host- wajib Secure');
    refuses('__Host-sid', '1', { path: '/app', secure: true }, '__Host- wajib Path=/');
    refuses('__Host-sid', '1', { path: '/', secure: true, domain: 'example.com' }, '__Host- tidak boleh memakai Domain');
    refuses('__HOST-sid', '1', { path: '/', secure: true, domain: 'example.com' }, 'awalan dicocokkan tanpa peduli huruf besar/kecil: __HOST- juga tidak boleh memakai Domain');
    refuses('__host-sid', '1', { path: '/app', secure: true }, 'awalan dicocokkan tanpa peduli huruf besar/kecil: __host- juga wajib Path=/');
    for (const name of ['_Host-sid', 'x__Host-sid', '__Hostname']) call(name, '1', { path: '/app', domain: 'example.com' });
    const jar = new CookieJar(undefined, { prefixSecurity: 'strict' });
    const ok = call('__Host-sid', '1', { path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
    try {
      await jar.setCookie(ok, 'https://example.com/akun/masuk');
    } catch (err) {
      fail('cookie __Host- yang benar harus diterima browser.', { diterima: `${ok} → ${(err as Error).message}` });
    }
    // Tanpa path: menolak, atau menambahkan Path=/ sendiri. Keduanya sah; yang tidak sah adalah cookie yang dibuang browser.
    let noPath: string | undefined;
    try {
      noPath = mod.serializeCookie('__Host-sid', '1', { secure: true });
    } catch {
      noPath = undefined;
    }
    if (noPath !== undefined) {
      let accepted = true;
      try {
        await jar.setCookie(noPath, 'https://example.com/akun/masuk');
      } catch {
        accepted = false;
      }
      check(accepted, '__Host- tanpa opsi path harus ditolak (atau diberi Path=/): tanpa Path browser memakai path bawaan dan membuang cookie itu.', {
        diharapkan: 'Error, atau __Host-sid=1; Path=/; Secure',
        diterima: noPath,
      });
    }
  });

  test('Tugas 1: nama + nilai lebih dari 4096 byte ditolak', () => {
    const max = call('data', 'a'.repeat(4092));
    check(max.startsWith(`data=${'a'.repeat(4092)}`), 'nama + nilai tepat 4096 byte masih boleh.', { diterima: short(max) });
    refuses('data', 'a'.repeat(4093), undefined, 'nama + nilai 4097 byte: browser membuangnya diam-diam');
    refuses('data', 'é'.repeat(700), undefined,
      'hitung byte SETELAH di-encode: 700 × "é" menjadi 700 × "%C3%A9" = 4200 byte');
    // "data" (4 byte) + 682 × "%C3%A9" (6 byte) = 4096 byte: tepat di batas.
    const accented = call('data', 'é'.repeat(682));
    check(accented.startsWith(`data=${'%C3%A9'.repeat(682)}`), 'nama + nilai tepat 4096 byte setelah di-encode (682 × "é") masih boleh.', { diterima: short(accented) });
    refuses('data', `${'é'.repeat(682)}a`, undefined, 'hitung byte SETELAH di-encode: 682 × "%C3%A9" + "a" = 4097 byte bersama nama');
    refuses('n'.repeat(4000), 'a'.repeat(97), undefined, 'nama ikut dihitung: 4000 + 97 = 4097 byte');
    const withAttrs = call('data', 'a'.repeat(4092), { path: '/', maxAge: 3600, secure: true, httpOnly: true, sameSite: 'Lax' });
    check(withAttrs.startsWith(`data=${'a'.repeat(4092)}`), 'batas 4096 hanya untuk nama + nilai; atribut tidak ikut dihitung.', { diterima: short(withAttrs) });
  });

  test('Tugas 1: Path dan Domain tidak bisa menyusupkan atribut', () => {
    refuses('a', '1', { path: '/; Domain=evil.example' }, 'Path berisi ";" menyusupkan atribut lain');
    refuses('a', '1', { domain: 'example.com; SameSite=None' }, 'Domain berisi ";" menyusupkan atribut lain');
  });
});

// ---------------------------------------------------------------------------

function htmlLang(body: string): string | undefined {
  return /<html\b[^>]*\blang\s*=\s*["']?([\w-]+)/i.exec(body)?.[1]?.toLowerCase();
}

function expectLang(res: Res, lang: string, why: string) {
  checkStatus(res, 200);
  check(mediaType(res) === 'text/html', `GET / harus menjawab dengan halaman HTML (Content-Type: text/html).`, {
    diharapkan: 'text/html',
    diterima: res.headers.get('content-type') ?? '(tidak ada)',
    res,
  });
  check(htmlLang(res.body) === lang, why, { diharapkan: `<html lang="${lang}">`, diterima: /<html[^>]*>/i.exec(res.body)?.[0] ?? res.body.slice(0, 120), res });
}

/** Berhasil (2xx), atau redirect yang kembali ke halaman utama "/". */
function expectDone(res: Res) {
  const what = `${res.exchange.method} ${res.exchange.url}`;
  check(res.status >= 200 && res.status < 400, `${what} harus berhasil (2xx) atau redirect (3xx).`, {
    diharapkan: '303 See Other (atau 2xx/3xx lain)',
    diterima: res.status,
    res,
  });
  if (res.status >= 300) {
    // Location relatif diartikan terhadap URL request, seperti di browser ("" berarti halaman yang sama).
    const location = res.headers.get('location');
    const target = location === null ? undefined : new URL(location, new URL(res.exchange.url, 'http://127.0.0.1/'));
    check(target?.pathname === '/' && target.search === '', `redirect dari ${what} harus kembali ke "/".`, {
      diharapkan: 'Location: /',
      diterima: location ?? '(tidak ada Location)',
      res,
    });
  }
}

/** Cookie lang harus hidup satu tahun sejak `start` (jam app): 365 hari, atau 366 bila dihitung per tahun kalender. */
function expectOneYear(c: ParsedSetCookie, res: Res, start: number) {
  if (typeof c.attrs.expires === 'string') {
    check(HTTP_DATE.test(c.attrs.expires), 'Expires harus berupa HTTP-date GMT.', { diharapkan: 'Expires=<HTTP-date GMT>, mis. Expires=Wed, 21 Oct 2026 07:28:00 GMT', diterima: c.raw, res });
    // Bersama Max-Age, browser mengabaikan Expires, tetapi keduanya tetap harus berarti "setahun lagi".
    // Expires dari jam dinding (seperti buatan res.cookie) diterima juga, karena Max-Age yang berlaku.
    const at = Date.parse(c.attrs.expires);
    const [from, to] = [Math.min(start, Date.now()) + YEAR - 2 * SECOND, Math.max(start, Date.now()) + YEAR + DAY + 2 * SECOND];
    check(at >= from && at <= to, 'Expires harus menunjuk saat yang sama dengan umurnya: setahun sejak now().', {
      diharapkan: `Expires=${new Date(start + YEAR).toUTCString()}`,
      diterima: c.raw,
      petunjuk: 'new Date(now() + 31536000 * 1000).toUTCString()',
      res,
    });
  }
  const end = expiresAt(c.raw, start);
  check(end !== undefined, 'cookie lang harus persistent: beri Max-Age atau Expires. Tanpa itu ia hilang saat browser ditutup.', {
    diharapkan: 'Max-Age=31536000',
    diterima: c.raw,
    res,
  });
  check(end >= start + YEAR - 2 * SECOND && end <= start + YEAR + DAY + 2 * SECOND,
    'cookie lang harus hidup satu tahun sejak now() milik app (Max-Age=31536000, atau Expires yang dihitung dari options.now).', {
      diharapkan: `kedaluwarsa ${showTime(start + YEAR)}`,
      diterima: `kedaluwarsa ${showTime(end)} (${c.raw})`,
      petunjuk: 'Max-Age dalam detik: 365 × 24 × 60 × 60 = 31536000. Expires: new Date(now() + 31536000 * 1000).toUTCString().',
      res,
    });
}

describe('Tugas 2: pilihan bahasa yang diingat setahun', () => {
  test('Tugas 2: GET /language?set=id|en menyimpan cookie lang setahun', async () => {
    for (const lang of ['en', 'id']) {
      const res = await client(server).get(`/language?set=${lang}`);
      expectDone(res);
      const c = requireSetCookie(res, 'lang');
      check(c.value === lang, `nilai cookie lang harus "${lang}".`, { diterima: c.raw, res });
      check(c.attrs.path === '/', 'cookie lang harus memakai Path=/: tanpa itu path bawaannya /language dan cookie tidak terkirim ke /.', {
        diharapkan: 'Path=/',
        diterima: c.raw,
        res,
      });
      check(String(c.attrs.samesite).toLowerCase() === 'lax', 'cookie lang harus menulis SameSite=Lax secara eksplisit; tidak semua browser menganggap Lax sebagai bawaan.', {
        diharapkan: 'SameSite=Lax',
        diterima: c.raw,
        res,
      });
      check(c.attrs.httponly === true, 'cookie lang harus HttpOnly: JavaScript tidak perlu membacanya (ASVS 5.0 3.3.4).', {
        diharapkan: 'HttpOnly',
        diterima: c.raw,
        res,
      });
      expectOneYear(c, res, clock.now());
    }
  });

  test('Tugas 2: tanpa opsi (seperti di sandbox), jamnya Date.now()', async () => {
    // Kontrak modul latihan: semua opsi createApp opsional; bawaan now adalah jam dinding.
    await withServer(mod.createApp(), async (srv) => {
      const res = await client(srv).get('/language?set=en');
      expectDone(res);
      expectOneYear(requireSetCookie(res, 'lang'), res, Date.now());
    });
  });

  test('Tugas 2: umur setahun dihitung dari now(), juga saat tanggal lokal berbeda dari UTC', async () => {
    // Saat-saat ini (dan setahun sesudahnya) jatuh di tanggal WIB yang lain dibanding tanggal UTC.
    for (const start of [Date.UTC(2026, 11, 31, 17, 30, 0), Date.UTC(2027, 1, 28, 20, 0, 0)]) {
      await withServer(mod.createApp({ now: () => start }), async (srv) => {
        const res = await client(srv).get('/language?set=en');
        expectOneYear(requireSetCookie(res, 'lang'), res, start);
      });
    }
  });

  test('Tugas 2: pilihan lain ditolak dengan 400 tanpa cookie', async () => {
    const paths = [
      '/language?set=fr', '/language', '/language?set=', '/language?set=%3Cscript%3E', '/language?set=id&set=en',
      // nilai yang hampir benar: huruf besar, spasi, akhiran, awalan, kode wilayah
      '/language?set=EN', '/language?set=Id', '/language?set=%20en', '/language?set=id%20', '/language?set=en2', '/language?set=xid', '/language?set=en-US',
    ];
    for (const path of paths) {
      const res = await client(server).get(path);
      checkStatus(res, 400, `GET ${path} harus ditolak dengan 400.`);
      check(!findSetCookie(res, 'lang'), `GET ${path} tidak boleh mengirim cookie lang.`, { diterima: res.setCookies, res });
    }
  });

  test('Tugas 2: GET / menjawab dalam bahasa yang dipilih', async () => {
    const browser = client(server);
    expectLang(await browser.get('/'), 'id', 'tanpa cookie, GET / harus menjawab <html lang="id">.');
    await browser.get('/language?set=en');
    expectLang(await browser.get('/'), 'en', 'setelah memilih en, GET / harus menjawab <html lang="en"> (baca cookie lang).');
    await browser.get('/language?set=id');
    expectLang(await browser.get('/'), 'id', 'setelah memilih id lagi, GET / harus menjawab <html lang="id">.');
    expectLang(await client(server).get('/', { headers: { cookie: 'theme=dark; lang=en' } }), 'en',
      'GET / harus membaca cookie lang dari header Cookie, di mana pun letaknya.');
    const odd: [string, string][] = [
      ['xlang=en', 'cookie bernama "xlang" bukan cookie lang'],
      ['note=lang=en; theme=dark', '"lang=en" di dalam nilai cookie lain bukan cookie lang'],
      ['lang=en2', 'nilai "en2" bukan id atau en'],
      ['lang=%E0%A4%A', 'nilai dengan percent-encoding rusak harus jatuh ke "id", bukan membuat server error'],
      ['lang', 'pasangan tanpa "=" bukan cookie lang'],
      ['=en; ;;', 'header Cookie rusak tidak boleh membuat server error'],
    ];
    for (const [cookie, why] of odd) {
      expectLang(await client(server).get('/', { headers: { cookie } }), 'id', `dengan Cookie: ${cookie}, GET / harus menjawab <html lang="id">: ${why}.`);
    }
    const evil = await client(server).get('/', { headers: { cookie: 'lang="><script>alert(1)</script>' } });
    expectLang(evil, 'id', 'nilai cookie lang yang bukan id/en harus jatuh ke "id".');
    check(!evil.body.includes('<script>alert(1)'), 'nilai cookie asing tidak boleh ditampilkan mentah: cookie adalah masukan dari pengguna.', { res: evil });
  });

  test('Tugas 2: POST /language/reset menghapus cookie dengan Path yang sama', async () => {
    const browser = client(server);
    const set = requireSetCookie(await browser.get('/language?set=en'), 'lang');
    const res = await browser.post('/language/reset');
    expectDone(res);
    const del = requireSetCookie(res, 'lang', 'untuk menghapusnya (browser hanya menghapus bila server menimpanya)');
    check(del.attrs.path === set.attrs.path, 'cookie penghapus harus memakai Path yang SAMA dengan cookie aslinya; tanpa Path, path bawaannya /language dan browser menganggapnya cookie lain.', {
      diharapkan: `Path=${String(set.attrs.path)} (seperti ${set.raw})`,
      diterima: del.raw,
      res,
    });
    // Browser mengenali cookie dari nama, domain, host-only, dan path: Domain harus ditulis (atau tidak ditulis) sama persis.
    const domainOf = (c: ParsedSetCookie) => (typeof c.attrs.domain === 'string' ? c.attrs.domain.toLowerCase().replace(/^\./, '') : c.attrs.domain);
    check(domainOf(del) === domainOf(set), 'cookie penghapus harus menulis Domain persis seperti cookie aslinya: cookie tanpa Domain (host-only) hanya tertimpa oleh cookie tanpa Domain.', {
      diharapkan: set.attrs.domain === undefined ? 'tanpa Domain' : `Domain=${String(set.attrs.domain)}`,
      diterima: del.raw,
      res,
    });
    const end = expiresAt(del.raw, clock.now());
    check(end !== undefined && end <= clock.now(), 'cookie penghapus harus sudah kedaluwarsa: Max-Age=0 (atau Expires di masa lalu).', {
      diharapkan: 'lang=; Path=/; Max-Age=0',
      diterima: `${del.raw} (kedaluwarsa: ${showTime(end)})`,
      res,
    });
    const left = await browser.cookie('lang');
    check(left === undefined, 'setelah reset, jar browser tidak boleh lagi menyimpan cookie lang (di path mana pun).', {
      diharapkan: '(tidak ada)',
      diterima: `lang=${left}`,
      res,
    });
    expectLang(await browser.get('/'), 'id', 'setelah reset, GET / harus kembali ke bahasa bawaan "id".');
  });
});
