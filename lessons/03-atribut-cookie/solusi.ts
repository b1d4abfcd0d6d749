import express from 'express';

export type SameSite = 'Strict' | 'Lax' | 'None';

export interface CookieOptions {
  /** Umur dalam detik (bukan milidetik). 0 = hapus sekarang. */
  maxAge?: number;
  expires?: Date;
  domain?: string;
  path?: string;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: SameSite | 'strict' | 'lax' | 'none';
  partitioned?: boolean;
}

// token (RFC 9110): huruf, angka, dan !#$%&'*+-.^_`|~ — tanpa spasi, "=", ";", ",", tanda kutip.
const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
// Nilai Domain/Path tidak boleh memuat ";" atau karakter kontrol: itu jalan menyusupkan atribut lain.
const SAFE_ATTR = /^[^;\x00-\x1f\x7f]+$/;
const SAME_SITE: Record<string, SameSite> = { strict: 'Strict', lax: 'Lax', none: 'None' };
const MAX_BYTES = 4096;

export function serializeCookie(name: string, value: string, options: CookieOptions = {}): string {
  if (!TOKEN.test(name)) {
    throw new Error(`Nama cookie ${JSON.stringify(name)} tidak sah: pakai huruf, angka, dan !#$%&'*+-.^_\`|~ saja.`);
  }
  // Aturan awalan dicek tanpa peduli huruf besar/kecil, seperti browser (RFC 6265bis).
  const lower = name.toLowerCase();
  if (lower.startsWith('__secure-') && !options.secure) {
    throw new Error(`Cookie "${name}" berawalan __Secure- wajib memakai Secure.`);
  }
  if (lower.startsWith('__host-') && (!options.secure || options.path !== '/' || options.domain !== undefined)) {
    throw new Error(`Cookie "${name}" berawalan __Host- wajib Secure, Path=/, dan tanpa Domain.`);
  }
  const encoded = encodeURIComponent(value);
  // Browser membuang diam-diam cookie yang nama + nilainya lebih dari 4096 byte. Lebih baik gagal di sini.
  const size = Buffer.byteLength(name + encoded);
  if (size > MAX_BYTES) {
    throw new Error(`Cookie "${name}" terlalu besar: ${size} byte (nama + nilai), batasnya ${MAX_BYTES}. Simpan datanya di server.`);
  }
  const parts = [`${name}=${encoded}`];

  if (options.maxAge !== undefined) {
    // NaN/Infinity tertulis sebagai "Max-Age=NaN", yang diabaikan browser: cookie diam-diam jadi session cookie.
    if (!Number.isFinite(options.maxAge)) {
      throw new Error(`maxAge harus jumlah detik yang berhingga (0 untuk menghapus), bukan ${options.maxAge}.`);
    }
    parts.push(`Max-Age=${Math.floor(options.maxAge)}`);
  }
  if (options.expires !== undefined) {
    if (!(options.expires instanceof Date) || Number.isNaN(options.expires.getTime())) {
      throw new Error('expires harus berupa Date yang sah.');
    }
    parts.push(`Expires=${options.expires.toUTCString()}`); // HTTP-date, selalu GMT
  }
  if (options.domain !== undefined) {
    if (!SAFE_ATTR.test(options.domain)) throw new Error(`Domain ${JSON.stringify(options.domain)} tidak sah.`);
    parts.push(`Domain=${options.domain}`);
  }
  if (options.path !== undefined) {
    if (!SAFE_ATTR.test(options.path)) throw new Error(`Path ${JSON.stringify(options.path)} tidak sah.`);
    parts.push(`Path=${options.path}`);
  }
  if (options.secure) parts.push('Secure');
  if (options.httpOnly) parts.push('HttpOnly');

  if (options.sameSite !== undefined) {
    const sameSite = SAME_SITE[String(options.sameSite).toLowerCase()];
    if (!sameSite) throw new Error(`SameSite harus Strict, Lax, atau None, bukan ${JSON.stringify(options.sameSite)}.`);
    if (sameSite === 'None' && !options.secure) {
      throw new Error('SameSite=None wajib disertai Secure; tanpa Secure browser menolak cookie ini.');
    }
    parts.push(`SameSite=${sameSite}`);
  }
  if (options.partitioned) {
    if (!options.secure) throw new Error('Partitioned wajib disertai Secure.');
    parts.push('Partitioned');
  }
  return parts.join('; ');
}

const LANGS = ['id', 'en'] as const;
type Lang = (typeof LANGS)[number];
const ONE_YEAR = 365 * 24 * 60 * 60; // detik

const TEXT: Record<Lang, { greeting: string; body: string; reset: string }> = {
  id: { greeting: 'Halo!', body: 'Halaman ini memakai bahasa Indonesia.', reset: 'Lupakan pilihan bahasa' },
  en: { greeting: 'Hello!', body: 'This page is in English.', reset: 'Forget my language choice' },
};

function isLang(value: unknown): value is Lang {
  return LANGS.includes(value as Lang);
}

/** Nilai pertama cookie `name` dari header Cookie (tanpa decode: nilai yang sah hanya id/en). */
function readCookie(header: string | undefined, name: string): string | undefined {
  const pair = (header ?? '').split(';').map((part) => part.trim()).find((part) => part.startsWith(`${name}=`));
  return pair?.slice(name.length + 1);
}

export function createApp(options: { now?: () => number } = {}) {
  const now = options.now ?? Date.now;
  const app = express();
  // Atribut yang sama untuk menyimpan DAN menghapus: browser mengenali cookie dari nama, domain,
  // host-only (Domain ditulis atau tidak), dan path. Bahasa bukan rahasia, tetapi JavaScript tidak
  // perlu membacanya, jadi tetap HttpOnly (ASVS 5.0 3.3.4). Secure hanya di production: sandbox memakai HTTP.
  const attrs = { path: '/', sameSite: 'Lax', httpOnly: true, secure: process.env.NODE_ENV === 'production' } as const;

  app.get('/language', (req, res) => {
    const choice = req.query.set;
    if (!isLang(choice)) {
      res.status(400).type('text/plain').send('Pilih bahasa dengan ?set=id atau ?set=en.');
      return;
    }
    // Max-Age dan Expires menunjuk saat yang sama; browser memakai Max-Age bila keduanya ada.
    const expires = new Date(now() + ONE_YEAR * 1000);
    res.append('Set-Cookie', serializeCookie('lang', choice, { ...attrs, maxAge: ONE_YEAR, expires }));
    res.redirect(303, '/');
  });

  app.post('/language/reset', (_req, res) => {
    res.append('Set-Cookie', serializeCookie('lang', '', { ...attrs, maxAge: 0, expires: new Date(0) }));
    res.redirect(303, '/');
  });

  app.get('/', (req, res) => {
    const fromCookie = readCookie(req.headers.cookie, 'lang');
    const lang: Lang = isLang(fromCookie) ? fromCookie : 'id';
    const t = TEXT[lang];
    res.type('html').send(`<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>${t.greeting}</title></head>
<body style="font-family:sans-serif;padding:2rem">
<h1>${t.greeting}</h1>
<p>${t.body}</p>
<p><a href="/language?set=id">Bahasa Indonesia</a> · <a href="/language?set=en">English</a></p>
<form method="post" action="/language/reset"><button>${t.reset}</button></form>
</body>
</html>`);
  });

  return app;
}
