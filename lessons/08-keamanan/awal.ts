import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { promisify } from 'node:util';
import express, { type NextFunction, type Request, type Response } from 'express';

// Aplikasi ini SENGAJA berlubang. Jalankan `npm run sandbox -- 08`, bobol dulu lewat curl atau
// DevTools, lalu tambal satu per satu sampai `npm run cek -- 08` hijau.
// Bagian yang sudah benar (hash password dari pelajaran 06, escape HTML) tidak perlu diubah.

export interface User {
  username: string;
  password: string;
  role: 'user' | 'admin';
}

export interface Options {
  users?: User[];
  /** Jam (milidetik). Tugas 7: semua hitungan timeout memakai ini, bukan Date.now(). */
  now?: () => number;
  /** Tugas 4: true berarti production di balik HTTPS. Bawaan: NODE_ENV === 'production'. */
  secure?: boolean;
  /** Hanya dipakai bila kamu memilih express-session untuk menambal. */
  secret?: string | string[];
  /** Biaya scrypt. Bawaannya minimum OWASP; checker memberi biaya murah agar tes cepat (pelajaran 06). */
  scrypt?: { N: number; r: number; p: number };
}

export const DEFAULT_USERS: User[] = [
  { username: 'budi', password: 'kopi-susu-2026', role: 'user' },
  { username: 'admin', password: 'teh-tarik-2026', role: 'admin' },
];

interface Account {
  username: string;
  role: User['role'];
  salt: Buffer;
  hash: Buffer;
}
// Tugas 6 dan 7: session nanti perlu token CSRF yang terikat ke dirinya, dan waktu (dibuat, terakhir aktif).
interface Session {
  id: string;
  username?: string;
}
interface Locals {
  session: Session;
}

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, length: number, options: ScryptOptions) => Promise<Buffer>;
const SCRYPT_OWASP = { N: 2 ** 17, r: 8, p: 1 }; // minimum OWASP, seperti pelajaran 06
const MAXMEM = 256 * 1024 * 1024; // 128 × N × r = 128 MiB per hash; bawaan Node hanya 32 MiB
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

// Tugas 2: Math.random() bukan generator acak kriptografis dan hasilnya pendek.
// Ganti dengan crypto.randomBytes (minimal 16 byte = 128 bit; 32 byte lebih lega).
function newSessionId(): string {
  return Math.random().toString(36).slice(2);
}

export function createApp(options: Options = {}) {
  // Tugas 7: pakai now() untuk idle timeout (30 menit) dan absolute timeout (8 jam).
  const now = options.now ?? Date.now;
  // Tugas 4: di production pakai nama `__Host-sid` plus Secure; di pengembangan (HTTP) tetap `sid`.
  const secure = options.secure ?? process.env.NODE_ENV === 'production';

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
  void now;
  void secure;

  async function checkPassword(username: unknown, password: unknown): Promise<Account | undefined> {
    if (typeof username !== 'string' || typeof password !== 'string') return undefined;
    const account = accounts.get(username);
    const { salt, hash } = account ?? dummy;
    const ok = timingSafeEqual(await scryptAsync(password, salt, 32, params), hash);
    return ok ? account : undefined;
  }

  const app = express();
  app.use(express.urlencoded({ extended: false }), express.json());
  app.use((_req, res, next) => {
    res.set('Cache-Control', 'no-store'); // halaman pribadi dan token tidak boleh disimpan cache
    next();
  });

  // Seperti session_start() di PHP: setiap request langsung mendapat session, jadi store ikut tumbuh
  // untuk setiap pengunjung dan bot, padahal belum ada apa pun yang perlu disimpan.
  app.use((req, res, next) => {
    let id = readCookie(req, 'sid');
    if (!id) {
      id = newSessionId();
      // Tugas 4: tanpa HttpOnly, skrip di halaman (termasuk skrip XSS) bisa membaca cookie ini.
      // Tugas 6: tanpa SameSite, sebagian browser mengirimnya juga dari situs lain.
      res.append('Set-Cookie', `sid=${id}; Path=/`);
    }
    // Tugas 3: ID yang tidak pernah dibuat server pun diterima apa adanya.
    if (!sessions.has(id)) sessions.set(id, { id });
    locals(res).session = sessions.get(id)!;
    next();
  });

  // Tugas 6: belum ada token CSRF sama sekali. Buat GET /csrf-token yang menjawab { token } (acak dari
  // CSPRNG, terikat ke session), taruh token yang sama di <input type="hidden" name="_csrf"> pada
  // setiap form, lalu tolak (403) setiap POST yang tidak membawa token milik session itu (field _csrf
  // atau header X-CSRF-Token): juga POST /login dan POST /logout, body form maupun JSON. Bandingkan
  // dengan crypto.timingSafeEqual, dan beri token baru saat login.

  const requireLogin = (_req: Request, res: Response, next: NextFunction) => {
    if (locals(res).session.username) return next();
    res.status(401).type('html').send(page('Belum login', '<p><a href="/login">Login dulu</a>.</p>'));
  };

  app.get('/', (_req, res) => res.redirect('/dashboard'));
  app.get('/login', (_req, res) => {
    res.type('html').send(page('Login', `<form method="post" action="/login">
<input name="username" placeholder="username"> <input name="password" type="password" placeholder="password"> <button>Login</button></form>`));
  });

  app.post('/login', async (req, res) => {
    const user = await checkPassword(req.body?.username, req.body?.password);
    if (!user) {
      res.status(401).type('text').send('Username atau password salah.');
      return;
    }
    // Tugas 3: session ID sebelum dan sesudah login sama. Buang session lama, buat yang baru.
    locals(res).session.username = user.username;
    // Tugas 1: peran disimpan di cookie biasa. Siapa pun bisa mengubahnya menjadi "admin".
    res.append('Set-Cookie', `role=${user.role}; Path=/`);
    res.redirect(303, '/dashboard');
  });

  app.get('/me', requireLogin, (req, res) => {
    const username = locals(res).session.username!;
    res.json({ username, role: readCookie(req, 'role'), email: emails.get(username) });
  });

  app.get('/dashboard', requireLogin, (req, res) => {
    const username = locals(res).session.username!;
    res.type('html').send(page('Dashboard', `<p>Halo, ${esc(username)} (${esc(readCookie(req, 'role') ?? '')}). Email: ${esc(emails.get(username) ?? '')}</p>
<form method="post" action="/profile/email"><input name="email" type="email" placeholder="email baru">
<input name="password" type="password" placeholder="password saat ini" autocomplete="current-password"> <button>Ganti email</button></form>
<p><a href="/profile/email?email=${encodeURIComponent(`${username}@contoh.test`)}">Kembalikan email bawaan</a></p>
<form method="post" action="/logout"><button>Logout</button></form>
<p><a href="/admin">Halaman admin</a></p>`));
  });

  // Tugas 1: yang dicek hanya cookie "role", bahkan tanpa login.
  app.get('/admin', (req, res) => {
    if (readCookie(req, 'role') !== 'admin') {
      res.status(403).type('text').send('Halaman ini khusus admin.');
      return;
    }
    res.type('text').send('Selamat datang di ruang admin.');
  });

  // Tugas 5: app.all menerima GET juga, dan email boleh datang dari query string
  // (mirip $_REQUEST di PHP). Sebuah tautan atau <img> di situs lain cukup untuk mengubah data.
  // Email juga berganti tanpa password saat ini (field `password`): pencuri session cukup mengganti
  // email, lalu me-reset password ke alamatnya sendiri.
  app.all('/profile/email', requireLogin, (req, res) => {
    const email: unknown = req.query.email ?? req.body?.email;
    if (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(email)) {
      res.status(400).type('text').send('Email tidak valid.');
      return;
    }
    emails.set(locals(res).session.username!, email);
    res.redirect(303, '/dashboard');
  });

  // Tugas 8: cookie di browser dihapus, tetapi session di server tetap hidup.
  // Siapa pun yang menyimpan salinan cookie masih bisa masuk.
  app.post('/logout', (_req, res) => {
    res.append('Set-Cookie', 'sid=; Path=/; Max-Age=0');
    res.append('Set-Cookie', 'role=; Path=/; Max-Age=0');
    res.redirect(303, '/login');
  });

  return app;
}
