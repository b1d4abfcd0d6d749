// Salah: CSRF "dicegah" hanya dengan memeriksa header Origin, tanpa token. Request tanpa Origin
// (browser lama, beberapa alur pengalihan, atau klien non-browser) lolos. OWASP menempatkan
// pemeriksaan Origin sebagai pertahanan lapis tambahan, bukan pengganti token.
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { promisify } from 'node:util';
import express, { type NextFunction, type Request, type Response } from 'express';

export interface User {
  username: string;
  password: string;
  role: 'user' | 'admin';
}

export interface Options {
  users?: User[];
  /** Jam (milidetik) untuk timeout; checker memajukannya tanpa menunggu. */
  now?: () => number;
  /** true: cookie `__Host-sid` dengan Secure (production di balik HTTPS). Bawaan: NODE_ENV === 'production'. */
  secure?: boolean;
  /** Hanya untuk perbaikan yang memakai express-session; ID acak 256 bit di sini tidak perlu ditandatangani. */
  secret?: string | string[];
  /** Biaya scrypt. Bawaannya minimum OWASP; checker memberi biaya murah agar tes cepat (pelajaran 06). */
  scrypt?: { N: number; r: number; p: number };
}

export const DEFAULT_USERS: User[] = [
  { username: 'budi', password: 'kopi-susu-2026', role: 'user' },
  { username: 'admin', password: 'teh-tarik-2026', role: 'admin' },
];

const IDLE_MS = 30 * 60 * 1000; // ASVS 7.3.1: 30 menit tanpa aktivitas
const ABSOLUTE_MS = 8 * 60 * 60 * 1000; // ASVS 7.3.2: paling lama 8 jam sejak login

interface Account {
  username: string;
  role: User['role'];
  salt: Buffer;
  hash: Buffer;
}
interface Session {
  id: string;
  csrf: string;
  createdAt: number;
  lastSeen: number;
  username?: string;
}
interface Locals {
  session?: Session;
  user?: Account;
}

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, length: number, options: ScryptOptions) => Promise<Buffer>;
const SCRYPT_OWASP = { N: 2 ** 17, r: 8, p: 1 }; // minimum OWASP, seperti pelajaran 06
const MAXMEM = 256 * 1024 * 1024; // 128 × N × r = 128 MiB per hash; bawaan Node hanya 32 MiB
const token = () => randomBytes(32).toString('base64url'); // CSPRNG, 256 bit
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title: string, body: string) =>
  `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;

function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

export function createApp(options: Options = {}) {
  const now = options.now ?? Date.now;
  const secure = options.secure ?? process.env.NODE_ENV === 'production';
  // Tugas 4: __Host- menolak cookie kiriman subdomain (cookie tossing), tetapi hanya sah dengan Secure.
  const cookieName = secure ? '__Host-sid' : 'sid';
  const cookieAttrs = `Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}`;

  // Biaya scrypt: minimum OWASP, kecuali checker memberi biaya murah lewat opsi `scrypt`.
  const params: ScryptOptions = { ...(options.scrypt ?? SCRYPT_OWASP), maxmem: MAXMEM };
  const accounts = new Map<string, Account>();
  for (const { username, password, role } of options.users ?? DEFAULT_USERS) {
    const salt = randomBytes(16);
    accounts.set(username, { username, role, salt, hash: scryptSync(password, salt, 32, params) });
  }
  const dummy = { salt: randomBytes(16), hash: randomBytes(32) };
  const emails = new Map([...accounts.keys()].map((name) => [name, `${name}@contoh.test`]));
  const sessions = new Map<string, Session>();
  const locals = (res: Response) => res.locals as Locals;
  const expired = (s: Session, t: number) => t - s.lastSeen > IDLE_MS || t - s.createdAt > ABSOLUTE_MS;

  async function checkPassword(username: unknown, password: unknown): Promise<Account | undefined> {
    if (typeof username !== 'string' || typeof password !== 'string') return undefined;
    const account = accounts.get(username);
    const { salt, hash } = account ?? dummy; // waktu sama untuk user yang ada dan tidak ada
    const ok = timingSafeEqual(await scryptAsync(password, salt, 32, params), hash);
    return ok ? account : undefined;
  }

  function startSession(res: Response, username?: string): Session {
    const t = now();
    for (const [id, s] of sessions) if (expired(s, t)) sessions.delete(id);
    // Tugas 2: ID dari CSPRNG, bukan Math.random() atau penghitung. Tugas 6: token CSRF ikut session.
    const s: Session = { id: token(), csrf: token(), createdAt: t, lastSeen: t, username };
    sessions.set(s.id, s);
    res.append('Set-Cookie', `${cookieName}=${s.id}; ${cookieAttrs}`);
    return (locals(res).session = s);
  }
  const sessionFor = (res: Response) => locals(res).session ?? startSession(res);
  const hidden = (s: Session) => `<input type="hidden" name="_csrf" value="${s.csrf}">`;

  const app = express();
  app.use(express.urlencoded({ extended: false }), express.json());

  app.use((req, res, next) => {
    const id = readCookie(req, cookieName);
    const s = id ? sessions.get(id) : undefined; // ID tak dikenal tidak pernah diadopsi
    if (s && expired(s, now())) sessions.delete(s.id); // Tugas 7: timeout diperiksa di server
    else if (s) {
      s.lastSeen = now();
      locals(res).session = s;
      // Tugas 1: peran dibaca dari data di server, bukan dari cookie yang bisa diubah siapa saja.
      locals(res).user = s.username ? accounts.get(s.username) : undefined;
    }
    next();
  });

  // Tugas 6: setiap request yang mengubah data wajib membawa token milik session ini.
  app.use((req, res, next) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next();
    const origin = req.get('origin');
    if (origin && origin !== `${req.protocol}://${req.get('host')}`) {
      res.status(403).type('text').send('Token CSRF tidak ada atau tidak cocok.');
      return;
    }
    next();
  });

  const requireLogin = (_req: Request, res: Response, next: NextFunction) => {
    if (locals(res).user) return next();
    res.status(401).type('html').send(page('Belum login', '<p><a href="/login">Login dulu</a>.</p>'));
  };

  app.get('/', (_req, res) => res.redirect('/dashboard'));
  app.get('/csrf-token', (_req, res) => {
    res.json({ token: sessionFor(res).csrf });
  });
  app.get('/login', (_req, res) => {
    res.type('html').send(page('Login', `<form method="post" action="/login">${hidden(sessionFor(res))}
<input name="username" placeholder="username"> <input name="password" type="password" placeholder="password"> <button>Login</button></form>`));
  });

  app.post('/login', async (req, res) => {
    const user = await checkPassword(req.body?.username, req.body?.password);
    if (!user) {
      res.status(401).type('text').send('Username atau password salah.');
      return;
    }
    // Tugas 3: ID lama dimatikan dan ID baru dibuat saat login (session fixation).
    const old = locals(res).session;
    if (old) sessions.delete(old.id);
    startSession(res, user.username);
    res.redirect(303, '/dashboard');
  });

  app.get('/me', requireLogin, (_req, res) => {
    const { username, role } = locals(res).user!;
    res.json({ username, role, email: emails.get(username) });
  });

  app.get('/dashboard', requireLogin, (_req, res) => {
    const { username, role } = locals(res).user!;
    const s = locals(res).session!;
    res.type('html').send(page('Dashboard', `<p>Halo, ${esc(username)} (${role}). Email: ${esc(emails.get(username) ?? '')}</p>
<form method="post" action="/profile/email">${hidden(s)}<input name="email" type="email"> <button>Ganti email</button></form>
<form method="post" action="/logout">${hidden(s)}<button>Logout</button></form>
<p><a href="/admin">Halaman admin</a></p>`));
  });

  app.get('/admin', requireLogin, (_req, res) => {
    if (locals(res).user!.role !== 'admin') {
      res.status(403).type('text').send('Halaman ini khusus admin.');
      return;
    }
    res.type('text').send('Selamat datang di ruang admin.');
  });

  // Tugas 5: perubahan data hanya lewat POST; GET /profile/email tidak ada lagi.
  app.post('/profile/email', requireLogin, (req, res) => {
    const email: unknown = req.body?.email;
    if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email)) {
      res.status(400).type('text').send('Email tidak valid.');
      return;
    }
    emails.set(locals(res).user!.username, email);
    res.redirect(303, '/dashboard');
  });

  // Tugas 8: logout menghapus session di server, lalu cookie di browser.
  app.post('/logout', (_req, res) => {
    const s = locals(res).session;
    if (s) sessions.delete(s.id);
    res.append('Set-Cookie', `${cookieName}=; ${cookieAttrs}; Max-Age=0`);
    res.redirect(303, '/login');
  });

  return app;
}
