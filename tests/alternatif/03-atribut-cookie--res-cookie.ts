// Implementasi benar yang lain untuk pelajaran 03:
// - serializeCookie disusun dari tabel aturan (validasi dulu semua, lalu tulis atribut),
//   __Host- tanpa path diberi Path=/ sendiri alih-alih ditolak, maxAge pecahan ditolak;
// - app memakai res.cookie / res.clearCookie milik Express (maxAge dalam MILIDETIK),
//   menjawab 200 alih-alih redirect, dan membaca cookie dengan regex.
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

type Rule = [broken: (name: string, o: CookieOptions) => boolean, message: string];

const RULES: Rule[] = [
  [(n) => !/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(n), 'nama cookie hanya boleh berisi karakter token'],
  [(_, o) => o.maxAge !== undefined && !Number.isSafeInteger(o.maxAge), 'maxAge harus bilangan bulat detik'],
  [(_, o) => o.expires !== undefined && Number.isNaN(o.expires.valueOf()), 'expires bukan tanggal yang sah'],
  [(_, o) => [o.domain, o.path].some((v) => v !== undefined && /[;\s\x00-\x1f\x7f]/.test(v)), 'Domain/Path tidak boleh berisi ";" atau spasi'],
  [(_, o) => String(o.sameSite).toLowerCase() === 'none' && !o.secure, 'SameSite=None hanya boleh bersama Secure'],
  [(n, o) => /^__secure-/i.test(n) && !o.secure, 'awalan __Secure- menuntut Secure'],
  [(n, o) => /^__host-/i.test(n) && (!o.secure || (o.path ?? '/') !== '/' || o.domain !== undefined), 'awalan __Host- menuntut Secure, Path=/, tanpa Domain'],
];

export function serializeCookie(name: string, value: string, options: CookieOptions = {}): string {
  for (const [broken, message] of RULES) if (broken(name, options)) throw new Error(`Cookie ditolak: ${message}.`);
  const pair = `${name}=${encodeURIComponent(value)}`;
  if (new TextEncoder().encode(pair).length - 1 > 4096) throw new Error('Cookie ditolak: nama + nilai melebihi 4096 byte.');

  const o = { ...options };
  if (/^__host-/i.test(name)) o.path = '/';
  const attrs: (string | false | undefined)[] = [
    o.maxAge !== undefined && `Max-Age=${o.maxAge}`,
    o.expires && `Expires=${o.expires.toUTCString()}`,
    o.domain !== undefined && `Domain=${o.domain}`,
    o.path !== undefined && `Path=${o.path}`,
    o.secure && 'Secure',
    o.httpOnly && 'HttpOnly',
    o.sameSite && `SameSite=${o.sameSite[0]!.toUpperCase()}${o.sameSite.slice(1).toLowerCase()}`,
    o.partitioned && 'Partitioned',
  ];
  return [pair, ...attrs.filter(Boolean)].join('; ');
}

export function createApp(_options: { now?: () => number } = {}) {
  const app = express();
  const base = { path: '/', sameSite: 'lax', httpOnly: true } as const;

  app.get('/language', (req, res) => {
    const set = req.query.set;
    if (set !== 'id' && set !== 'en') {
      res.status(400).send('bahasa tidak dikenal');
      return;
    }
    res.cookie('lang', set, { ...base, maxAge: 365 * 24 * 60 * 60 * 1000 }); // milidetik!
    res.type('text/plain').send(`Bahasa disimpan: ${set}`);
  });

  app.post('/language/reset', (_req, res) => {
    res.clearCookie('lang', base);
    res.status(204).end();
  });

  app.get('/', (req, res) => {
    const m = /(?:^|;\s*)lang=(id|en)(?:;|$)/.exec(req.headers.cookie ?? '');
    const lang = m?.[1] ?? 'id';
    res.set('Content-Language', lang);
    res.type('html').send(`<!doctype html><html lang="${lang}"><body><h1>${lang === 'en' ? 'Hello!' : 'Halo!'}</h1></body></html>`);
  });

  return app;
}
