import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';

declare module 'express-session' {
  interface SessionData {
    username: string;
    loggedInAt: number;
  }
}

export interface User {
  username: string;
  password: string;
}

export interface AppOptions {
  users?: User[];
  secret?: string | string[];
  now?: () => number;
  /** Biaya scrypt. Bawaannya minimum OWASP; checker memberi biaya murah agar tes cepat. */
  scrypt?: { N: number; r: number; p: number };
}

// Minimum OWASP (Password Storage Cheat Sheet) untuk scrypt: N=2^17, r=8, p=1.
const SCRYPT_OWASP = { N: 2 ** 17, r: 8, p: 1 };
// Butuh 128 × N × r = 128 MiB memori per hash, jadi maxmem dinaikkan (bawaan Node 32 MiB).
const MAXMEM = 256 * 1024 * 1024;
const KEY_LENGTH = 64;
const LOGIN_FAILED = 'Username atau password salah.';

interface StoredPassword {
  salt: Buffer;
  hash: Buffer;
}

// Salt acak 16 byte per user: password yang sama menghasilkan hash yang berbeda.
function hashPassword(password: string, params: ScryptOptions): StoredPassword {
  const salt = randomBytes(16);
  return { salt, hash: scryptSync(password, salt, KEY_LENGTH, params) };
}

function verifyPassword(password: string, stored: StoredPassword, params: ScryptOptions): Promise<boolean> {
  return new Promise((resolve, reject) => {
    scrypt(password, stored.salt, KEY_LENGTH, params, (err, derived) => {
      if (err) reject(err);
      // Panjang keduanya selalu KEY_LENGTH, syarat timingSafeEqual.
      else resolve(timingSafeEqual(derived, stored.hash));
    });
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><title>${title}</title></head>
<body>
${body}
</body>
</html>`;
}

function loginPage(error?: string): string {
  return page(
    'Login',
    `<h1>Login</h1>
${error ? `<p role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/login">
  <p><label>Username <input name="username" autocomplete="username" required></label></p>
  <p><label>Password <input name="password" type="password" autocomplete="current-password" required></label></p>
  <p><button type="submit">Login</button></p>
</form>`,
  );
}

function dashboardPage(username: string, since: number): string {
  return page(
    'Dashboard',
    `<h1>Dashboard</h1>
<p>Halo, <strong id="username">${escapeHtml(username)}</strong>! Kamu login sejak ${new Date(since).toISOString()}.</p>
<form method="post" action="/logout"><button type="submit">Logout</button></form>`,
  );
}

// Sama seperti pelajaran 05: wajib diisi di production, acak per proses saat pengembangan.
function sessionSecret(fromOptions: AppOptions['secret'], production: boolean): string | string[] {
  const secret = fromOptions ?? process.env.SESSION_SECRET;
  if (secret && secret.length > 0) return secret;
  if (production) throw new Error('SESSION_SECRET wajib diisi di production.');
  console.warn('Peringatan: SESSION_SECRET belum diisi; memakai secret acak sementara (hanya untuk pengembangan).');
  return randomBytes(32).toString('hex');
}

export function createApp(options: AppOptions = {}) {
  const users = options.users ?? [{ username: 'budi', password: 'kopi-susu-2026' }];
  const now = options.now ?? Date.now;
  const production = process.env.NODE_ENV === 'production';
  const secret = sessionSecret(options.secret, production);
  // Production memakai minimum OWASP; hanya tes yang boleh memberi biaya lebih murah.
  const params: ScryptOptions = { ...(options.scrypt ?? SCRYPT_OWASP), maxmem: MAXMEM };

  // Di app sungguhan hash dibuat saat pendaftaran dan disimpan di database.
  const accounts = new Map(users.map((u) => [u.username, hashPassword(u.password, params)]));
  // Untuk username yang tidak ada tetap dijalankan scrypt, agar waktunya tidak membocorkan apa pun.
  const dummy = hashPassword(randomBytes(16).toString('hex'), params);

  const cookie = { httpOnly: true, sameSite: 'lax', secure: production, path: '/' } as const;
  const app = express();
  // Kait untuk checker: yang tersimpan per pengguna (salt dan hash, tidak pernah password-nya).
  app.locals.users = accounts;
  if (production) app.set('trust proxy', 1);
  app.use(
    session({ name: 'sid', secret, resave: false, saveUninitialized: false, cookie }),
  );
  app.use(express.urlencoded({ extended: false, limit: '10kb' }));
  app.use(express.json({ limit: '10kb' }));

  function loginFailed(req: Request, res: Response, status = 401) {
    if (req.is('application/json')) res.status(status).json({ ok: false, error: LOGIN_FAILED });
    else res.status(status).type('html').send(loginPage(LOGIN_FAILED));
  }

  app.get('/', (_req, res) => res.redirect(303, '/dashboard'));
  app.get('/login', (_req, res) => res.type('html').send(loginPage()));

  app.post('/login', async (req, res, next) => {
    const { username, password } = req.body ?? {};
    if (typeof username !== 'string' || typeof password !== 'string') return loginFailed(req, res, 400);

    const stored = accounts.get(username);
    const matches = await verifyPassword(password, stored ?? dummy, params);
    if (!stored || !matches) return loginFailed(req, res);

    // session ID baru saat login: ID lama (yang mungkin dititipkan penyerang) dihapus dari store.
    req.session.regenerate((err) => {
      if (err) return next(err);
      req.session.username = username;
      req.session.loggedInAt = now();
      if (req.is('application/json')) res.json({ ok: true, username });
      else res.redirect(303, '/dashboard');
    });
  });

  app.get('/dashboard', (req, res) => {
    // Halaman pribadi: jangan disimpan di cache browser (tombol Back setelah logout).
    res.set('Cache-Control', 'no-store');
    const { username, loggedInAt } = req.session;
    if (!username) {
      if (req.accepts(['json', 'html']) === 'html') return res.redirect(303, '/login');
      return res.status(401).json({ ok: false, error: 'Silakan login dulu.' });
    }
    res.type('html').send(dashboardPage(username, loggedInAt ?? now()));
  });

  // Logout mengubah state, jadi hanya lewat POST. GET /logout tidak punya rute (404).
  app.post('/logout', (req, res, next) => {
    req.session.destroy((err) => {
      if (err) return next(err);
      // destroy() hanya menghapus data di server; cookie di browser dihapus dengan atribut yang sama.
      res.clearCookie('sid', cookie);
      res.redirect(303, '/login');
    });
  });

  // Body rusak atau terlalu besar (400, 413, 415 dari body-parser): jawaban singkat tanpa stack trace.
  // Error tanpa status adalah bug di server: 500, dan dicatat di konsol.
  app.use((err: { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    if (!err.status) console.error(err);
    res.status(err.status ?? 500).type('text/plain').send('Request gagal diproses.');
  });

  return app;
}
