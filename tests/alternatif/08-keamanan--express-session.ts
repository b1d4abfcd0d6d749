// Alternatif benar untuk pelajaran 08: lapisan session tulisan tangan diganti express-session
// (ID 24 byte acak, cookie bertanda tangan s:<id>.<sig>, regenerate/destroy bawaan).
// Token CSRF hanya diterima lewat header X-CSRF-Token (form di halaman mengirimnya dengan fetch).
// scrypt N=2^14, r=8, p=5 (setara minimum OWASP, cukup dengan maxmem bawaan); opsi `scrypt` dihormati.
// Ganti email meminta password saat ini (ASVS 7.5.1).
import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { promisify } from 'node:util';
import express, { type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';

declare module 'express-session' {
  interface SessionData {
    csrf: string;
    createdAt: number;
    lastSeen: number;
    username: string;
  }
}

export interface User {
  username: string;
  password: string;
  role: 'user' | 'admin';
}

export interface Options {
  users?: User[];
  now?: () => number;
  secure?: boolean;
  secret?: string | string[];
  scrypt?: { N: number; r: number; p: number };
}

export const DEFAULT_USERS: User[] = [
  { username: 'budi', password: 'kopi-susu-2026', role: 'user' },
  { username: 'admin', password: 'teh-tarik-2026', role: 'admin' },
];

const IDLE_MS = 30 * 60 * 1000;
const ABSOLUTE_MS = 8 * 60 * 60 * 1000;

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, length: number, options: ScryptOptions) => Promise<Buffer>;
const sha256 = (s: string) => createHash('sha256').update(s).digest();

export function createApp(options: Options = {}) {
  const now = options.now ?? Date.now;
  const secure = options.secure ?? process.env.NODE_ENV === 'production';
  let secret = options.secret ?? process.env.SESSION_SECRET;
  if (!secret) {
    console.warn('SESSION_SECRET belum diisi: memakai rahasia acak sementara (hanya untuk pengembangan).');
    secret = randomBytes(32).toString('hex');
  }

  const cost: ScryptOptions = options.scrypt ?? { N: 2 ** 14, r: 8, p: 5 };
  const accounts = new Map<string, { role: User['role']; salt: Buffer; hash: Buffer }>();
  for (const u of options.users ?? DEFAULT_USERS) {
    const salt = randomBytes(16);
    accounts.set(u.username, { role: u.role, salt, hash: scryptSync(u.password, salt, 32, cost) });
  }
  const dummy = { salt: randomBytes(16), hash: randomBytes(32) };
  const emails = new Map([...accounts.keys()].map((n) => [n, `${n}@contoh.test`]));

  const app = express();
  if (secure) app.set('trust proxy', 1); // HTTPS diakhiri di proxy
  app.use(express.urlencoded({ extended: false }), express.json());
  app.use(
    session({
      name: secure ? '__Host-sid' : 'sid',
      secret,
      resave: false,
      saveUninitialized: false,
      cookie: { httpOnly: true, sameSite: 'lax', secure, path: '/' },
    }),
  );

  // Timeout dihitung dengan jam yang disuntikkan, lalu session dihancurkan di store.
  app.use((req, _res, next) => {
    const s = req.session;
    const t = now();
    if (s.lastSeen !== undefined && (t - s.lastSeen > IDLE_MS || t - (s.createdAt ?? 0) > ABSOLUTE_MS)) {
      s.regenerate((err) => next(err)); // session lama dihapus dari store, yang baru masih kosong
      return;
    }
    if (s.lastSeen !== undefined) s.lastSeen = t;
    next();
  });

  const ensureCsrf = (req: Request) => {
    if (!req.session.csrf) {
      req.session.csrf = randomBytes(32).toString('base64url');
      req.session.createdAt ??= now();
      req.session.lastSeen ??= now();
    }
    return req.session.csrf;
  };

  app.use((req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD') return next();
    const sent = req.get('x-csrf-token');
    const expected = req.session.csrf;
    if (!sent || !expected || !timingSafeEqual(sha256(sent), sha256(expected))) {
      res.status(403).json({ error: 'csrf' });
      return;
    }
    next();
  });

  const user = (req: Request) => {
    const name = req.session.username;
    return name ? { username: name, ...accounts.get(name)! } : undefined;
  };
  const requireLogin = (req: Request, res: Response, next: NextFunction) => {
    if (user(req)) return next();
    res.status(401).json({ error: 'belum login' });
  };

  app.get('/csrf-token', (req, res) => {
    res.json({ token: ensureCsrf(req) });
  });
  app.get('/login', (req, res) => {
    // Form mengirim token lewat fetch dengan header X-CSRF-Token; nilainya tetap ada di input tersembunyi.
    res.type('html').send(`<form id="f"><input type="hidden" name="_csrf" value="${ensureCsrf(req)}"><input name="username"><input name="password" type="password"><button>Masuk</button></form>`);
  });

  app.post('/login', async (req, res, next) => {
    const { username, password } = req.body ?? {};
    const account = typeof username === 'string' ? accounts.get(username) : undefined;
    const { salt, hash } = account ?? dummy;
    const ok = typeof password === 'string' && timingSafeEqual(await scryptAsync(password, salt, 32, cost), hash);
    if (!ok || !account) {
      res.status(401).json({ error: 'username atau password salah' });
      return;
    }
    req.session.regenerate((err) => {
      if (err) return next(err);
      const t = now();
      req.session.username = username;
      req.session.createdAt = t;
      req.session.lastSeen = t;
      req.session.csrf = randomBytes(32).toString('base64url');
      res.json({ username });
    });
  });

  app.get('/me', requireLogin, (req, res) => {
    const u = user(req)!;
    res.json({ username: u.username, role: u.role, email: emails.get(u.username) });
  });
  app.get('/dashboard', requireLogin, (req, res) => {
    res.type('html').send(`<p>Halo, ${user(req)!.username.replace(/[<>&"']/g, '')}</p>`);
  });
  app.get('/admin', requireLogin, (req, res) => {
    if (user(req)!.role !== 'admin') {
      res.sendStatus(403);
      return;
    }
    res.type('text').send('admin');
  });

  app.post('/profile/email', requireLogin, async (req, res) => {
    const account = accounts.get(req.session.username!)!;
    const password = req.body?.password;
    const ok = typeof password === 'string' && timingSafeEqual(await scryptAsync(password, account.salt, 32, cost), account.hash);
    if (!ok) {
      res.status(403).json({ error: 'password saat ini salah' });
      return;
    }
    const email = req.body?.email;
    if (typeof email !== 'string' || !email.includes('@')) {
      res.sendStatus(400);
      return;
    }
    emails.set(user(req)!.username, email);
    res.json({ email });
  });

  app.post('/logout', (req, res, next) => {
    req.session.destroy((err) => {
      if (err) return next(err);
      res.clearCookie(secure ? '__Host-sid' : 'sid', { path: '/', httpOnly: true, sameSite: 'lax', secure });
      res.sendStatus(204);
    });
  });

  return app;
}
