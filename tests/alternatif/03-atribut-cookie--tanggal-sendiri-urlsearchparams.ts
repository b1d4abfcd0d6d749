// Implementasi benar yang lain untuk pelajaran 03:
// - serializeCookie menulis nama atribut dengan huruf kecil (nama atribut tidak peka huruf), menyusun
//   HTTP-date sendiri dari getter UTC, mengukur byte dengan TextEncoder, dan mengecek token per karakter;
// - app hanya memakai Expires (tanpa Max-Age) yang dihitung dari now() sebagai "tanggal yang sama tahun
//   depan" (365 atau 366 hari), menjawab redirect dengan URL absolut, dan membaca cookie dengan URLSearchParams.
import express from 'express';

export type SameSite = 'Strict' | 'Lax' | 'None';

export interface CookieOptions {
  maxAge?: number;
  expires?: Date;
  domain?: string;
  path?: string;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: SameSite | 'strict' | 'lax' | 'none';
  partitioned?: boolean;
}

const TOKEN_CHARS = new Set("!#$%&'*+-.^_`|~0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ");
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function httpDate(d: Date): string {
  const two = (n: number) => (n < 10 ? `0${n}` : String(n));
  return `${DAYS[d.getUTCDay()]}, ${two(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ` +
    `${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} GMT`;
}

function refuse(why: string): never {
  throw new Error(`serializeCookie menolak: ${why}`);
}

export function serializeCookie(name: string, value: string, options: CookieOptions = {}): string {
  if (name.length === 0 || [...name].some((ch) => !TOKEN_CHARS.has(ch))) refuse(`nama ${JSON.stringify(name)} bukan token`);
  const encoded = encodeURIComponent(value);
  if (new TextEncoder().encode(name).length + new TextEncoder().encode(encoded).length > 4096) {
    refuse('nama + nilai lebih dari 4096 byte');
  }
  const out = [`${name}=${encoded}`];
  const { maxAge, expires, domain, path, secure, httpOnly, sameSite, partitioned } = options;
  if (maxAge !== undefined) {
    if (typeof maxAge !== 'number' || !Number.isFinite(maxAge)) refuse('maxAge harus angka berhingga');
    out.push(`max-age=${Math.trunc(maxAge)}`);
  }
  if (expires !== undefined) {
    if (Number.isNaN(expires.getTime())) refuse('expires bukan tanggal yang sah');
    out.push(`expires=${httpDate(expires)}`);
  }
  for (const [attr, v] of [['domain', domain], ['path', path]] as const) {
    if (v === undefined) continue;
    if (v.includes(';') || /[\u0000-\u001f\u007f]/.test(v)) refuse(`${attr} berisi karakter terlarang`);
    out.push(`${attr}=${v}`);
  }
  if (secure) out.push('secure');
  if (httpOnly) out.push('httponly');
  if (sameSite) {
    const mode = sameSite.toLowerCase();
    if (mode === 'none' && !secure) refuse('SameSite=None butuh Secure');
    out.push(`samesite=${mode}`);
  }
  if (partitioned) out.push('partitioned');

  const prefix = name.slice(0, 9).toLowerCase();
  if (prefix === '__secure-' && !secure) refuse('__Secure- butuh Secure');
  if (name.slice(0, 7).toLowerCase() === '__host-' && (!secure || path !== '/' || domain !== undefined)) {
    refuse('__Host- butuh Secure, Path=/, dan tanpa Domain');
  }
  return out.join('; ');
}

export function createApp(options: { now?: () => number } = {}) {
  const now = options.now ?? (() => Date.now());
  const app = express();
  const scope = { path: '/', httpOnly: true, sameSite: 'lax' } as const;

  app.get('/language', (req, res) => {
    const wanted = req.query.set;
    if (wanted !== 'id' && wanted !== 'en') {
      res.sendStatus(400);
      return;
    }
    const until = new Date(now());
    until.setUTCFullYear(until.getUTCFullYear() + 1);
    res.setHeader('Set-Cookie', serializeCookie('lang', wanted, { ...scope, expires: until }));
    res.status(303).location(`http://${req.headers.host}/`).end();
  });

  app.post('/language/reset', (_req, res) => {
    res.setHeader('Set-Cookie', serializeCookie('lang', 'hapus', { ...scope, expires: new Date(0) }));
    res.status(303).location('/').end();
  });

  app.get('/', (req, res) => {
    const jar = new URLSearchParams((req.headers.cookie ?? '').split(/;\s*/).join('&'));
    const lang = jar.get('lang') === 'en' ? 'en' : 'id';
    res.type('text/html; charset=utf-8').send(
      `<!doctype html><html lang="${lang}"><body><h1>${lang === 'en' ? 'Hello!' : 'Halo!'}</h1>` +
        `<form method="post" action="/language/reset"><button>Reset</button></form></body></html>`,
    );
  });

  return app;
}
