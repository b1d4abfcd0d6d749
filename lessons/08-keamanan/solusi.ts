import { createHash, createHmac, randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { promisify } from 'node:util';
import express, { type ErrorRequestHandler, type NextFunction, type Request, type Response } from 'express';

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

// Tugas 7. ASVS 5.0 (7.3.1, 7.3.2) tidak menetapkan angka: batasnya dipilih lewat analisis risiko.
// 30 menit dan 8 jam diambil dari rentang contoh OWASP Session Management Cheat Sheet
// (15–30 menit untuk aplikasi berisiko rendah, 4–8 jam untuk kerja sehari penuh).
const IDLE_MS = 30 * 60 * 1000;
const ABSOLUTE_MS = 8 * 60 * 60 * 1000;

interface Account {
  username: string;
  role: User['role'];
  salt: Buffer;
  hash: Buffer;
}
/** Hanya session login yang disimpan: pengunjung yang belum login tidak punya apa pun untuk disimpan. */
interface Session {
  id: string;
  username: string;
  createdAt: number;
  lastSeen: number;
}
interface Locals {
  /** ID di cookie, milik session login atau belum; token CSRF terikat ke ID ini. */
  sid?: string;
  session?: Session;
  user?: Account;
}

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, length: number, options: ScryptOptions) => Promise<Buffer>;
const SCRYPT_OWASP = { N: 2 ** 17, r: 8, p: 1 }; // minimum OWASP, seperti pelajaran 06
const MAXMEM = 256 * 1024 * 1024; // 128 × N × r = 128 MiB per hash; bawaan Node hanya 32 MiB
const newId = () => randomBytes(32).toString('base64url'); // Tugas 2: CSPRNG, 256 bit
const sha256 = (s: string) => createHash('sha256').update(s).digest();
const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const page = (title: string, body: string) =>
  `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1>${body}</body></html>`;

function readCookie(req: Request, name: string): string | undefined {
  const pair = req.headers.cookie?.split(';').map((part) => part.trim()).find((part) => part.startsWith(`${name}=`));
  return pair?.slice(name.length + 1);
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
  const locals = (res: Response) => res.locals as Locals;

  // Map mengingat urutan sisip, dan setiap request memindahkan session-nya ke belakang. Yang paling
  // lama diam selalu di depan, jadi session kedaluwarsa disapu dari depan tanpa memeriksa semuanya.
  const sessions = new Map<string, Session>();
  const expired = (s: Session, t: number) => t - s.lastSeen > IDLE_MS || t - s.createdAt > ABSOLUTE_MS;
  // Tugas 6: token CSRF = HMAC(kunci server, ID di cookie). Ia terikat ke session, berganti bersama
  // ID saat login, dan tidak perlu disimpan. Kunci (dan session) hilang saat server di-restart.
  const csrfKey = randomBytes(32);
  const csrfFor = (id: string) => createHmac('sha256', csrfKey).update(id).digest('base64url');

  async function checkPassword(username: unknown, password: unknown): Promise<Account | undefined> {
    if (typeof password !== 'string') return undefined;
    const account = accounts.get(username as string); // bukan string: tidak ada di Map, sama seperti user tak dikenal
    const { salt, hash } = account ?? dummy; // waktu sama untuk user yang ada dan tidak ada
    const ok = timingSafeEqual(await scryptAsync(password, salt, 32, params), hash);
    return ok ? account : undefined;
  }

  const setSid = (res: Response, id: string) => res.append('Set-Cookie', `${cookieName}=${id}; ${cookieAttrs}`);
  /** ID untuk token form login: yang sudah ada di cookie, atau ID acak baru yang tidak disimpan di mana pun. */
  function visitorId(res: Response): string {
    const { sid } = locals(res);
    if (sid) return sid;
    const id = newId();
    setSid(res, id);
    return id;
  }
  const hidden = (id: string) => `<input type="hidden" name="_csrf" value="${csrfFor(id)}">`;

  const app = express();
  app.use(express.urlencoded(), express.json()); // Express 5: urlencoded bawaannya extended: false
  app.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store'); // halaman pribadi dan token tidak boleh disimpan cache
    next();
  });

  app.use((req, res, next) => {
    const id = readCookie(req, cookieName) || undefined;
    const s = id ? sessions.get(id) : undefined; // ID tak dikenal tidak pernah menjadi session login
    const t = now();
    if (s && expired(s, t)) sessions.delete(s.id); // Tugas 7: timeout ditegakkan di server
    else if (s) {
      s.lastSeen = t;
      sessions.delete(s.id);
      sessions.set(s.id, s); // pindah ke belakang antrean
      locals(res).session = s;
      // Tugas 1: peran dibaca dari data di server, bukan dari cookie yang bisa diubah siapa saja.
      locals(res).user = accounts.get(s.username);
    }
    locals(res).sid = id;
    next();
  });

  // Tugas 6: setiap request yang mengubah sesuatu, termasuk login, wajib membawa token milik ID ini.
  app.use((req, res, next) => {
    if (['GET', 'HEAD', 'OPTIONS'].includes(req.method)) return next();
    const { sid } = locals(res);
    const sent: unknown = req.get('x-csrf-token') ?? req.body?._csrf;
    // timingSafeEqual melempar error bila panjangnya beda, jadi bandingkan hash kedua sisi.
    if (!sid || typeof sent !== 'string' || !timingSafeEqual(sha256(sent), sha256(csrfFor(sid)))) {
      res.status(403).type('text').send('Token CSRF tidak ada atau tidak cocok.');
      return;
    }
    next();
  });

  const requireLogin = (_req: Request, res: Response, next: NextFunction) => {
    if (locals(res).user) return next();
    res.status(401).type('html').send(page('Belum login', '<p><a href="/login">Login dulu</a>.</p>'));
  };

  app.get('/csrf-token', (_req, res) => {
    res.json({ token: csrfFor(visitorId(res)) });
  });
  app.get('/login', (_req, res) => {
    res.type('html').send(page('Login', `<form method="post" action="/login">${hidden(visitorId(res))}
<input name="username" placeholder="username"> <input name="password" type="password" placeholder="password"> <button>Login</button></form>`));
  });

  app.post('/login', async (req, res) => {
    const user = await checkPassword(req.body?.username, req.body?.password);
    if (!user) {
      res.status(401).type('text').send('Username atau password salah.');
      return;
    }
    // Tugas 3: session lama dimatikan dan session baru dengan ID baru dibuat (session fixation).
    const old = locals(res).session;
    if (old) sessions.delete(old.id);
    const t = now();
    for (const s of sessions.values()) {
      if (!expired(s, t)) break;
      sessions.delete(s.id);
    }
    const s: Session = { id: newId(), username: user.username, createdAt: t, lastSeen: t };
    sessions.set(s.id, s);
    setSid(res, s.id);
    res.redirect(303, '/dashboard');
  });

  app.get('/me', requireLogin, (_req, res) => {
    const { username, role } = locals(res).user!;
    res.json({ username, role, email: emails.get(username) });
  });

  app.get('/dashboard', requireLogin, (_req, res) => {
    const { username, role } = locals(res).user!;
    const token = hidden(locals(res).sid!);
    res.type('html').send(page('Dashboard', `<p>Halo, ${esc(username)} (${role}). Email: ${esc(emails.get(username)!)}</p>
<form method="post" action="/profile/email">${token}<input name="email" type="email" placeholder="email baru">
<input name="password" type="password" placeholder="password saat ini" autocomplete="current-password"> <button>Ganti email</button></form>
<form method="post" action="/logout">${token}<button>Logout</button></form>
<p><a href="/admin">Halaman admin</a></p>`));
  });

  app.get('/admin', requireLogin, (_req, res) => {
    if (locals(res).user!.role !== 'admin') {
      res.status(403).type('text').send('Halaman ini khusus admin.');
      return;
    }
    res.type('text').send('Selamat datang di ruang admin.');
  });

  // Tugas 5: hanya POST, dan hanya dengan password saat ini (ASVS 7.5.1): siapa yang menguasai
  // email bisa me-reset password, jadi session curian saja tidak boleh cukup untuk menggantinya.
  app.post('/profile/email', requireLogin, async (req, res) => {
    const { username } = locals(res).user!;
    if (!(await checkPassword(username, req.body?.password))) {
      res.status(403).type('text').send('Password saat ini salah.');
      return;
    }
    const email: unknown = req.body?.email;
    if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email)) {
      res.status(400).type('text').send('Email tidak valid.');
      return;
    }
    emails.set(username, email);
    res.redirect(303, '/dashboard');
  });

  // Tugas 8: logout menghapus session di server, lalu cookie di browser.
  app.post('/logout', (_req, res) => {
    const s = locals(res).session;
    if (s) sessions.delete(s.id);
    res.append('Set-Cookie', `${cookieName}=; ${cookieAttrs}; Max-Age=0`);
    res.redirect(303, '/login');
  });

  app.use((_req, res) => {
    res.status(404).type('text').send('Halaman tidak ditemukan.');
  });
  // Body rusak, terlalu besar, atau charset asing: status dari body parser (400, 413, 415), tanpa stack trace.
  app.use(((err, _req, res, _next) => {
    const status = Number.isInteger(err?.status) && err.status >= 400 && err.status < 500 ? err.status : 500;
    res.status(status).type('text').send(status === 500 ? 'Terjadi kesalahan di server.' : 'Request tidak bisa dibaca.');
  }) as ErrorRequestHandler);

  return app;
}
