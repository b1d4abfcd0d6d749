// Alternatif benar untuk pelajaran 08, ditulis berbeda dari solusi: pengunjung yang belum login
// mendapat session pra-login sungguhan di store (token CSRF acak disimpan di session, pola
// synchronizer seperti csrf-sync), ID 128 bit heksadesimal, cookie lewat res.cookie dengan
// SameSite=Strict, token hanya dari field _csrf (form atau JSON) dan dibandingkan setelah panjangnya
// disamakan, jawaban JSON 200 alih-alih redirect, batas timeout memakai >=, dan logout menghapus
// cookie dengan Expires di masa lalu (res.clearCookie).
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { promisify } from 'node:util';
import express, { type ErrorRequestHandler, type NextFunction, type Request, type Response } from 'express';

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

const IDLE = 30 * 60_000;
const ABSOLUTE = 8 * 3_600_000;
const MAX_PRE_LOGIN = 10_000; // session pra-login dibatasi; yang tertua dibuang lebih dulu

interface Session {
  id: string;
  csrf: string;
  createdAt: number;
  lastSeen: number;
  username?: string;
}

const hash = promisify(scrypt) as (password: string, salt: Buffer, length: number, options: ScryptOptions) => Promise<Buffer>;

export function createApp(options: Options = {}) {
  const now = options.now ?? Date.now;
  const secure = options.secure ?? process.env.NODE_ENV === 'production';
  const name = secure ? '__Host-sid' : 'sid';
  const cookieOptions = { httpOnly: true, sameSite: 'strict', secure, path: '/' } as const;
  const cost: ScryptOptions = { ...(options.scrypt ?? { N: 2 ** 17, r: 8, p: 1 }), maxmem: 256 * 1024 * 1024 };

  const accounts = new Map<string, { role: User['role']; salt: Buffer; hash: Buffer }>();
  for (const u of options.users ?? DEFAULT_USERS) {
    const salt = randomBytes(16);
    accounts.set(u.username, { role: u.role, salt, hash: scryptSync(u.password, salt, 32, cost) });
  }
  const decoy = { salt: randomBytes(16), hash: randomBytes(32) };
  const emails = new Map([...accounts.keys()].map((n) => [n, `${n}@contoh.test`]));
  const sessions = new Map<string, Session>();
  const preLogin = new Set<string>();

  async function verify(username: unknown, password: unknown) {
    const account = typeof username === 'string' ? accounts.get(username) : undefined;
    const { salt, hash: expected } = account ?? decoy;
    const derived = await hash(typeof password === 'string' ? password : '', salt, 32, cost);
    return timingSafeEqual(derived, expected) && account !== undefined && typeof password === 'string';
  }

  function create(res: Response, username?: string): Session {
    const t = now();
    const s: Session = { id: randomBytes(16).toString('hex'), csrf: randomBytes(24).toString('base64url'), createdAt: t, lastSeen: t, username };
    sessions.set(s.id, s);
    if (!username) {
      preLogin.add(s.id);
      if (preLogin.size > MAX_PRE_LOGIN) {
        const oldest = preLogin.values().next().value!;
        preLogin.delete(oldest);
        sessions.delete(oldest);
      }
    }
    res.cookie(name, s.id, cookieOptions);
    res.locals.session = s;
    return s;
  }
  const destroy = (s: Session) => {
    sessions.delete(s.id);
    preLogin.delete(s.id);
  };
  const current = (res: Response): Session | undefined => res.locals.session;

  const app = express();
  app.disable('x-powered-by');
  app.use(express.json({ limit: '8kb' }));
  app.use(express.urlencoded({ extended: false, limit: '8kb' }));

  app.use((req, res, next) => {
    const raw = req.headers.cookie ?? '';
    const pair = raw.split(/;\s*/).find((p) => p.startsWith(`${name}=`));
    const s = pair ? sessions.get(pair.slice(name.length + 1)) : undefined;
    if (s) {
      const t = now();
      if (t - s.lastSeen >= IDLE || t - s.createdAt >= ABSOLUTE) destroy(s);
      else {
        s.lastSeen = t;
        res.locals.session = s;
      }
    }
    next();
  });

  app.use((req, res, next) => {
    if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return next();
    const s = current(res);
    const sent = Buffer.from(typeof req.body?._csrf === 'string' ? req.body._csrf : '');
    const expected = Buffer.from(s?.csrf ?? '');
    if (!s || sent.length !== expected.length || !timingSafeEqual(sent, expected)) {
      res.status(403).json({ error: 'token CSRF salah' });
      return;
    }
    next();
  });

  const account = (res: Response) => {
    const username = current(res)?.username;
    return username ? { username, ...accounts.get(username)! } : undefined;
  };
  const mustLogin = (_req: Request, res: Response, next: NextFunction) => {
    if (account(res)) next();
    else res.status(401).json({ error: 'belum login' });
  };

  app.get('/csrf-token', (_req, res) => {
    res.json({ token: (current(res) ?? create(res)).csrf });
  });
  app.get('/login', (_req, res) => {
    const s = current(res) ?? create(res);
    res.type('html').send(`<form method="post"><input type="hidden" name="_csrf" value="${s.csrf}"><input name="username"><input name="password" type="password"><button>Masuk</button></form>`);
  });

  app.post('/login', async (req, res) => {
    if (!(await verify(req.body?.username, req.body?.password))) {
      res.status(401).json({ error: 'username atau password salah' });
      return;
    }
    const old = current(res);
    if (old) destroy(old);
    const s = create(res, req.body.username);
    res.json({ username: s.username });
  });

  app.get('/me', mustLogin, (_req, res) => {
    const a = account(res)!;
    res.json({ username: a.username, role: a.role, email: emails.get(a.username) });
  });
  const html = (v: string) => v.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;');
  app.get('/dashboard', mustLogin, (_req, res) => {
    const a = account(res)!;
    const csrf = `<input value='${current(res)!.csrf}' type=hidden name=_csrf>`;
    res.type('html').send(`<p>Halo ${html(a.username)}, email: ${html(emails.get(a.username)!)}</p>
<form action="/profile/email" method="POST">${csrf}<input name="email"><input name="password" type="password"><button>Ganti</button></form>
<form action="/logout" method="POST">${csrf}<button>Keluar</button></form>`);
  });
  app.get('/admin', mustLogin, (_req, res) => {
    if (account(res)!.role === 'admin') res.json({ ok: true });
    else res.status(403).json({ error: 'khusus admin' });
  });

  app.post('/profile/email', mustLogin, async (req, res) => {
    const a = account(res)!;
    if (!(await verify(a.username, req.body?.password))) {
      res.status(401).json({ error: 'password saat ini salah' });
      return;
    }
    const email = req.body?.email;
    if (typeof email !== 'string' || !/^\S+@\S+$/.test(email)) {
      res.status(400).json({ error: 'email tidak valid' });
      return;
    }
    emails.set(a.username, email);
    res.json({ email });
  });

  app.post('/logout', (_req, res) => {
    const s = current(res);
    if (s) destroy(s);
    res.clearCookie(name, cookieOptions);
    res.json({ ok: true });
  });

  app.use(((err, _req, res, _next) => {
    res.status(err?.status >= 400 && err.status < 500 ? err.status : 500).json({ error: 'request tidak valid' });
  }) as ErrorRequestHandler);

  return app;
}
