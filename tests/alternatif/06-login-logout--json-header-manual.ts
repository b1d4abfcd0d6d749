// Alternatif benar untuk pelajaran 06, ditulis dengan cara lain:
// - scrypt N=2^15, r=8, p=3 (setara OWASP; opsi `scrypt` dari checker tetap dihormati), hash disimpan
//   sebagai string "salt:hash" heksadesimal, dihitung async saat start (Promise) alih-alih scryptSync,
//   dan app.locals.users berisi string itu;
// - login selalu menjawab 200 JSON (juga untuk form), dashboard tanpa login selalu 401;
// - regenerate/destroy dibungkus Promise; cookie penghapus ditulis tangan dengan Max-Age=0;
// - GET /logout dijawab 405 dengan header Allow.
import { randomBytes, scrypt as scryptCb, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import express from 'express';
import session from 'express-session';

declare module 'express-session' {
  interface SessionData {
    username: string;
    loggedInAt: number;
  }
}

const scrypt = promisify(scryptCb) as (
  password: string,
  salt: Buffer,
  keylen: number,
  options: { N: number; r: number; p: number; maxmem: number },
) => Promise<Buffer>;

type Params = { N: number; r: number; p: number; maxmem: number };
const DEFAULT_COST = { N: 2 ** 15, r: 8, p: 3 };
const KEYLEN = 32;

async function hash(password: string, params: Params): Promise<string> {
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEYLEN, params);
  return `${salt.toString('hex')}:${key.toString('hex')}`;
}

async function verify(password: string, stored: string, params: Params): Promise<boolean> {
  const [saltHex = '', keyHex = ''] = stored.split(':');
  const expected = Buffer.from(keyHex, 'hex');
  const actual = await scrypt(password, Buffer.from(saltHex, 'hex'), KEYLEN, params);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function createApp(
  options: {
    users?: { username: string; password: string }[];
    secret?: string | string[];
    now?: () => number;
    scrypt?: { N: number; r: number; p: number };
  } = {},
) {
  const params: Params = { ...(options.scrypt ?? DEFAULT_COST), maxmem: 64 * 1024 * 1024 };
  const now = options.now ?? (() => Date.now());
  const users = options.users ?? [{ username: 'budi', password: 'kopi-susu-2026' }];
  const secret = options.secret ?? process.env.SESSION_SECRET;
  if (!secret) console.warn('SESSION_SECRET kosong: memakai rahasia pengembangan.');
  const secure = process.env.NODE_ENV === 'production';

  const ready = Promise.all([
    Promise.all(users.map(async (u) => [u.username, await hash(u.password, params)] as const)).then((e) => new Map(e)),
    hash(randomBytes(12).toString('base64'), params),
  ]);
  ready.catch(() => {}); // ditangani saat login

  const app = express();
  // Kait checker: Map username → "salt:hash" (hex), terisi begitu hash selesai dihitung.
  ready.then(([accounts]) => (app.locals.users = accounts), () => {});
  app.set('trust proxy', secure ? 1 : false);
  app.use(
    session({
      name: 'sid',
      secret: secret ?? 'dev-only-secret',
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure },
    }),
  );
  app.use(express.json(), express.urlencoded({ extended: false }));

  app.get('/login', (_req, res) => {
    res.send('<form method="post" action="/login"><input name="username"><input name="password" type="password"><button>Masuk</button></form>');
  });

  app.post('/login', async (req, res) => {
    const username = req.body?.username;
    const password = req.body?.password;
    if (typeof username !== 'string' || typeof password !== 'string' || !password) {
      res.status(401).json({ error: 'Login gagal.' });
      return;
    }
    const [accounts, dummy] = await ready;
    const stored = accounts.get(username);
    const ok = await verify(password, stored ?? dummy, params);
    if (!stored || !ok) {
      res.status(401).json({ error: 'Login gagal.' });
      return;
    }
    await new Promise<void>((resolve, reject) => req.session.regenerate((e) => (e ? reject(e) : resolve())));
    req.session.username = username;
    req.session.loggedInAt = now();
    res.json({ ok: true, username });
  });

  app.get('/dashboard', (req, res) => {
    res.setHeader('Cache-Control', 'private, no-store');
    if (req.session.username === undefined) {
      res.status(401).json({ error: 'Belum login.' });
      return;
    }
    res.json({ username: req.session.username, since: req.session.loggedInAt });
  });

  app.post('/logout', async (req, res) => {
    await new Promise<void>((resolve, reject) => req.session.destroy((e) => (e ? reject(e) : resolve())));
    const attrs = ['sid=', 'Path=/', 'Max-Age=0', 'HttpOnly', 'SameSite=Lax'];
    if (secure) attrs.push('Secure');
    res.setHeader('Set-Cookie', attrs.join('; '));
    res.status(204).end();
  });

  app.get('/logout', (_req, res) => {
    res.set('Allow', 'POST').status(405).send('Logout hanya lewat POST.');
  });

  return app;
}
