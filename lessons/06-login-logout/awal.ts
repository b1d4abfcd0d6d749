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

// Minimum OWASP untuk scrypt: N=2^17, r=8, p=1 (128 MiB memori per hash).
const SCRYPT_OWASP = { N: 2 ** 17, r: 8, p: 1 };
const MAXMEM = 256 * 1024 * 1024; // bawaan Node hanya 32 MiB, terlalu kecil untuk N=2^17
const KEY_LENGTH = 64;
const LOGIN_FAILED = 'Username atau password salah.';

interface StoredPassword {
  salt: Buffer;
  hash: Buffer;
}

// Tugas 1a: ubah password menjadi hash.
// - Buat salt acak 16 byte per pengguna dengan randomBytes(16).
// - Hitung scryptSync(password, salt, KEY_LENGTH, params) dan simpan { salt, hash }.
//   `params` adalah parameter scrypt yang sudah dipilih di createApp.
//   Password aslinya tidak disimpan di mana pun.
function hashPassword(password: string, params: ScryptOptions): StoredPassword {
  void password;
  void params;
  void scryptSync;
  return { salt: randomBytes(16), hash: Buffer.alloc(KEY_LENGTH) };
}

// Tugas 1b: periksa password yang dikirim saat login.
// - Hitung scrypt (versi async, agar server tidak macet) dengan salt yang tersimpan dan `params` yang sama.
// - Bandingkan hasilnya dengan timingSafeEqual, bukan ===. Panjang keduanya sama: KEY_LENGTH.
function verifyPassword(password: string, stored: StoredPassword, params: ScryptOptions): Promise<boolean> {
  void password;
  void stored;
  void params;
  void scrypt;
  void timingSafeEqual;
  return Promise.resolve(false);
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
  // Parameter scrypt (sudah disiapkan, tidak perlu diubah): minimum OWASP, kecuali checker
  // memberi biaya lebih murah lewat opsi `scrypt` agar tes cepat. Teruskan `params` ke scrypt.
  const params: ScryptOptions = { ...(options.scrypt ?? SCRYPT_OWASP), maxmem: MAXMEM };

  // Hash setiap password sekali saat server mulai (di app sungguhan: saat pendaftaran, lalu disimpan di database).
  const accounts = new Map(users.map((u) => [u.username, hashPassword(u.password, params)]));
  // Hash dummy untuk username yang tidak ada: scrypt tetap dijalankan agar waktunya sama.
  const dummy = hashPassword(randomBytes(16).toString('hex'), params);

  // Konfigurasi session dari pelajaran 05. Pakai objek `cookie` yang sama lagi saat logout (Tugas 4).
  const cookie = { httpOnly: true, sameSite: 'lax', secure: production, path: '/' } as const;
  const app = express();
  // Kait untuk checker (jangan dihapus): checker membaca salt dan hash yang tersimpan di sini untuk
  // memastikan password tidak pernah disimpan apa adanya. Kalau kamu mengganti bentuk `accounts`,
  // tetap isi app.locals.users dengan Map username → apa yang kamu simpan untuk pengguna itu.
  app.locals.users = accounts;
  if (production) app.set('trust proxy', 1);
  app.use(session({ name: 'sid', secret, resave: false, saveUninitialized: false, cookie }));
  app.use(express.urlencoded({ extended: false, limit: '10kb' }));
  app.use(express.json({ limit: '10kb' }));

  // Satu jawaban untuk SEMUA login yang gagal (user tidak ada atau password salah).
  function loginFailed(req: Request, res: Response, status = 401) {
    if (req.is('application/json')) res.status(status).json({ ok: false, error: LOGIN_FAILED });
    else res.status(status).type('html').send(loginPage(LOGIN_FAILED));
  }

  app.get('/', (_req, res) => res.redirect(303, '/dashboard'));
  app.get('/login', (_req, res) => res.type('html').send(loginPage()));

  app.post('/login', async (req, res) => {
    // Tugas 1c: ambil username dan password dari req.body (form atau JSON).
    // - Bukan string? loginFailed(req, res, 400).
    // - Cari user di `accounts`. User tidak ada? Tetap verifikasi terhadap `dummy`:
    //   await verifyPassword(password, stored ?? dummy, params).
    // - Gagal → loginFailed(req, res): 401 dengan pesan yang sama untuk semua kegagalan.
    // - Berhasil → simpan req.session.username dan req.session.loggedInAt = now(),
    //   lalu jawab JSON { ok: true, username } untuk request JSON, atau redirect 303 ke /dashboard.
    //
    // Tugas 3: sebelum menyimpan data pengguna, ganti session ID dengan req.session.regenerate(callback)
    // dan simpan user di DALAM callback itu, untuk login JSON maupun form (setiap jalan login).
    void accounts;
    void dummy;
    void verifyPassword;
    void params;
    void now;
    void loginFailed;
    res.status(501).type('text/plain').send('POST /login belum dibuat (Tugas 1).');
  });

  app.get('/dashboard', (req, res) => {
    // Tugas 2:
    // - Kirim header Cache-Control: no-store (halaman pribadi tidak boleh disimpan di cache).
    // - Belum login (tidak ada req.session.username)? Jawab 401 JSON, atau redirect 303 ke /login
    //   bila browser meminta HTML: req.accepts(['json', 'html']) === 'html'.
    res.type('html').send(dashboardPage(req.session.username ?? 'tamu', req.session.loggedInAt ?? now()));
  });

  // Tugas 4: buat POST /logout.
  // - req.session.destroy(callback) menghapus data session di server.
  // - Di dalam callback: res.clearCookie('sid', cookie) menghapus cookie di browser
  //   (atribut harus sama dengan saat cookie dibuat), lalu redirect 303 ke /login.
  // - Jangan buat GET /logout: logout mengubah state, jadi hanya lewat POST.

  // Body rusak atau terlalu besar (400, 413, 415 dari body-parser): jawaban singkat tanpa stack trace.
  // Error tanpa status adalah bug di server: 500, dan dicatat di konsol.
  app.use((err: { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    if (!err.status) console.error(err);
    res.status(err.status ?? 500).type('text/plain').send('Request gagal diproses.');
  });

  return app;
}
