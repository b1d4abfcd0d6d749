import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';

// Aplikasi login dari pelajaran 06 sudah jadi di bawah: scrypt + salt, session "sid",
// regenerate saat login, destroy saat logout. Tugasmu: fitur "Ingat saya".

declare module 'express-session' {
  interface SessionData {
    username: string;
  }
}

export interface Options {
  users?: { username: string; password: string }[];
  secret?: string | string[];
  now?: () => number;
  dbPath?: string;
  /** Biaya scrypt. Bawaannya minimum OWASP; checker memberi biaya murah agar tes cepat (pelajaran 06). */
  scrypt?: { N: number; r: number; p: number };
}

export interface RememberToken {
  selector: string;
  validatorHash: string;
  username: string;
  expiresAt: number;
}

const DAY = 24 * 60 * 60 * 1000;
const REMEMBER_MS = 30 * DAY; // umur token dan cookie remember
const GRACE_MS = 60 * 1000; // jendela tenggang untuk request yang berbarengan (Tugas 3)
const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: ScryptOptions) => Promise<Buffer>;
const SCRYPT_OWASP = { N: 2 ** 17, r: 8, p: 1 }; // minimum OWASP, seperti pelajaran 06
const MAXMEM = 256 * 1024 * 1024; // 128 × N × r = 128 MiB per hash; bawaan Node hanya 32 MiB

interface User {
  salt: Buffer;
  hash: Buffer;
}

// SHA-256 dalam hex: yang disimpan di database adalah ini, bukan validatornya.
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
// Setiap nilai yang ditulis ke HTML di-escape, seperti di pelajaran 06 (nama pengguna bisa berisi "<").
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Kait untuk checker: isi tabel token. Kalau kamu mengubah bentuk tabel, sesuaikan kueri ini.
export function rememberTokens(app: Express): RememberToken[] {
  const db = app.locals.db as Database.Database;
  return db
    .prepare('SELECT selector, validator_hash AS validatorHash, username, expires_at AS expiresAt FROM remember_tokens')
    .all() as RememberToken[];
}

// Membaca satu cookie dari header Cookie (seperti parseCookieHeader di pelajaran 02).
function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq <= 0 || part.slice(0, eq).trim() !== name) continue;
    const value = part.slice(eq + 1).trim();
    try {
      return decodeURIComponent(value);
    } catch {
      return value;
    }
  }
  return undefined;
}

export function createApp(options: Options = {}) {
  const now = options.now ?? Date.now; // semua logika waktu memakai jam ini, bukan Date.now()
  const production = process.env.NODE_ENV === 'production';
  const secret = options.secret ?? process.env.SESSION_SECRET;
  if (!secret && production) throw new Error('SESSION_SECRET wajib diisi di production.');
  if (!secret) console.warn('Peringatan: SESSION_SECRET belum diisi; memakai secret pengembangan.');

  // Biaya scrypt: minimum OWASP, kecuali checker memberi biaya murah lewat opsi `scrypt`.
  const params: ScryptOptions = { ...(options.scrypt ?? SCRYPT_OWASP), maxmem: MAXMEM };
  const derive = (password: string, salt: Buffer) => scryptAsync(password, salt, 64, params);
  // scryptSync hanya saat server mulai; saat melayani request selalu `derive` (async, server tidak macet).
  const hashPassword = (password: string, salt = randomBytes(16)) => ({ salt, hash: scryptSync(password, salt, 64, params) });

  const users = new Map<string, User>();
  for (const u of options.users ?? [{ username: 'budi', password: 'kopi-susu-2026' }]) {
    users.set(u.username, hashPassword(u.password));
  }
  const dummy = hashPassword('tidak-ada');

  async function checkPassword(username: unknown, password: unknown): Promise<string | undefined> {
    if (typeof username !== 'string' || typeof password !== 'string') return undefined;
    const user = users.get(username);
    const { salt, hash } = user ?? dummy;
    const ok = timingSafeEqual(await derive(password, salt), hash);
    return ok && user ? username : undefined;
  }

  // Database SQLite sungguhan (better-sqlite3). Checker memakai ':memory:' dan membaca app.locals.db.
  // Contoh API: db.prepare('SELECT * FROM t WHERE a = ?').get(a)  → satu baris atau undefined
  //             db.prepare('INSERT INTO t (a, b) VALUES (?, ?)').run(a, b)
  //             db.prepare('DELETE FROM t WHERE a = ?').run(a)
  const dbPath = options.dbPath ?? 'latihan/07-remember-me.sqlite';
  if (dbPath !== ':memory:') mkdirSync(path.dirname(dbPath), { recursive: true });
  const db = new Database(dbPath);
  db.exec(`CREATE TABLE IF NOT EXISTS remember_tokens (
    selector TEXT PRIMARY KEY,       -- bagian publik token, untuk mencari baris
    validator_hash TEXT NOT NULL,    -- SHA-256 (hex) dari validator; validatornya sendiri TIDAK disimpan
    previous_hash TEXT,              -- hash validator sebelum rotasi terakhir (Tugas 3)
    rotated_at INTEGER,              -- kapan rotasi terakhir terjadi, milidetik dari now() (Tugas 3)
    username TEXT NOT NULL,
    expires_at INTEGER NOT NULL      -- milidetik dari now()
  )`);

  // `at` di fungsi-fungsi di bawah = now() yang diambil SEKALI per request, supaya expires_at di database
  // dan Max-Age cookie dihitung dari waktu yang sama (Max-Age=2592000, bukan 2591999).

  // Tugas 1: buat token baru untuk `username`.
  // - selector: randomBytes(12) dan validator: randomBytes(32), keduanya .toString('base64url').
  //   Keduanya harus acak: validator adalah rahasianya, dan selector yang bisa ditebak membuat orang lain
  //   bisa memicu deteksi pencurian (Tugas 3) untuk akun siapa saja.
  // - Simpan selector, sha256(validator), username, dan expires_at = at + REMEMBER_MS.
  // - Kembalikan token untuk cookie: `${selector}:${validator}`, beserta expiresAt.
  function issueToken(username: string, at: number): { token: string; expiresAt: number } | undefined {
    void username;
    void at;
    return undefined;
  }

  // Tugas 2: periksa token dari cookie; kembalikan pemiliknya bila sah.
  // - Token "rusak" (bukan selector:validator base64url dengan panjang yang benar) ditolak begitu saja.
  // - Pisahkan "selector:validator"; cari baris berdasarkan selector saja.
  // - Tidak ada baris, atau expires_at <= at? Tolak (baris kedaluwarsa boleh dihapus).
  // - Bandingkan sha256(validator) dengan validator_hash memakai timingSafeEqual
  //   (ubah keduanya ke Buffer dengan Buffer.from(hex, 'hex'): panjangnya sama, 32 byte).
  // - Cocok? Rotasi: validator baru (randomBytes lagi), simpan hash-nya, dan kembalikan token baru
  //   (selector tetap, validator baru) beserta expiresAt dari baris itu.
  // Tugas 3: bila tidak cocok dengan validator_hash, ada dua kemungkinan yang harus kamu bedakan:
  // - tab lain yang dibuka bersamaan masih membawa validator yang BARU SAJA dirotasi (paling lama
  //   GRACE_MS yang lalu): terima, tanpa rotasi lagi dan tanpa token baru;
  // - selain itu: pencurian! Hapus SEMUA token milik user itu, lalu tolak.
  // Rancang sendiri apa yang perlu dicatat saat rotasi agar keduanya bisa dibedakan (kolom tabel di atas).
  function useToken(value: string, at: number): { username: string; token?: string; expiresAt: number } | undefined {
    void value;
    void at;
    void GRACE_MS;
    return undefined;
  }

  // Tugas 1: pasang cookie remember: HttpOnly, SameSite=Lax, Path=/, Secure di production,
  // Max-Age = sisa umur token. `maxAge` di res.cookie dalam MILIDETIK (Express menulis Max-Age dalam
  // detik). Tip: opsi `encode: String` membuat ":" tidak di-percent-encode, jadi nilainya mudah dibaca.
  function setRemember(res: Response, token: string, maxAge: number) {
    void res;
    void token;
    void maxAge;
  }
  const clearRemember = (res: Response) =>
    res.clearCookie('remember', { httpOnly: true, sameSite: 'lax', secure: production, path: '/' });

  const regenerate = (req: Request) => new Promise<void>((ok, ko) => req.session.regenerate((e) => (e ? ko(e) : ok())));
  async function startSession(req: Request, username: string) {
    await regenerate(req); // ID baru setiap kali hak akses berubah (session fixation)
    req.session.username = username;
  }

  const sidCookie = { httpOnly: true, sameSite: 'lax', secure: production, path: '/' } as const; // tanpa maxAge: session cookie
  const wantsHtml = (req: Request) => req.accepts(['json', 'html']) === 'html';
  const app = express();
  app.locals.db = db;
  if (production) app.set('trust proxy', 1);
  app.use(express.urlencoded({ extended: false }), express.json());
  app.use(
    session({
      name: 'sid',
      secret: secret || 'rahasia-pengembangan-jangan-dipakai-di-production',
      resave: false,
      saveUninitialized: false,
      cookie: sidCookie,
    }),
  );

  // Tugas 4: logout juga mencabut token "Ingat saya" perangkat ini di database
  // (hapus baris dengan selector dari cookie remember) dan menghapus cookie remember.
  // Route ini sengaja dipasang SEBELUM masuk otomatis: request logout yang hanya membawa `remember`
  // (browser baru dibuka, sid sudah hilang) tidak perlu masuk dulu, tokennya langsung dicabut.
  app.post('/logout', (req, res, next) => {
    req.session.destroy((err) => {
      if (err) return next(err);
      res.clearCookie('sid', sidCookie); // atribut sama seperti saat dipasang
      if (wantsHtml(req)) res.redirect(303, '/login');
      else res.json({ ok: true });
    });
  });

  // Tugas 2: masuk otomatis, untuk request ke route mana pun di bawah ini.
  // Bila belum ada session yang login TETAPI ada cookie remember:
  // - const at = now(); panggil useToken(nilai cookie, at);
  //   tidak sah → clearRemember(res) lalu lanjut sebagai tamu;
  // - sah → startSession(req, username) (sid baru!), dan bila ada token baru →
  //   setRemember(res, token, expiresAt - at).
  // - Request dengan target aneh seperti `OPTIONS *` tidak punya req.session (express-session hanya
  //   melayani path yang diawali "/"): lewati saja, jangan sampai server error.
  app.use((req, _res, next) => {
    void req;
    next();
  });

  const page = (title: string, body: string) =>
    `<!doctype html><html lang="id"><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;
  const loginForm = (message = '') =>
    page(
      'Login',
      `<h1>Login</h1>${message && `<p role="alert">${message}</p>`}
<form method="post" action="/login">
  <label>Username <input name="username" autocomplete="username" required></label>
  <label>Password <input name="password" type="password" autocomplete="current-password" required></label>
  <label><input type="checkbox" name="remember" value="on"> Ingat saya (30 hari)</label>
  <button>Masuk</button>
</form>`,
    );

  app.get('/login', (_req, res) => {
    res.type('html').send(loginForm());
  });

  app.post('/login', async (req, res) => {
    const { username, password, remember } = req.body ?? {};
    const user = await checkPassword(username, password);
    if (!user) {
      const message = 'Username atau password salah.';
      if (req.is('json')) res.status(401).json({ error: message });
      else res.status(401).type('html').send(loginForm(message));
      return;
    }
    await startSession(req, user);
    // Tugas 1: bila remember === 'on' (form) atau true (JSON): const at = now(); issueToken(user, at),
    // lalu setRemember(res, token, expiresAt - at). Tanpa centang "Ingat saya" (atau nilai lain, mis.
    // "off" atau false): jangan kirim cookie remember sama sekali.
    void remember;
    if (req.is('json')) res.json({ username: user });
    else res.redirect(303, '/dashboard');
  });

  app.get('/dashboard', (req, res) => {
    const user = req.session.username;
    if (!user) {
      if (wantsHtml(req)) res.redirect(303, '/login');
      else res.status(401).json({ error: 'Kamu belum login.' });
      return;
    }
    res.set('Cache-Control', 'no-store');
    res.type('html').send(
      page(
        'Dashboard',
        `<h1>Halo, <span id="username">${escapeHtml(user)}</span>!</h1>
<form method="post" action="/logout"><button>Logout</button></form>`,
      ),
    );
  });

  // Tugas 4: ganti password. Body: { currentPassword, newPassword } (JSON atau form).
  // - Belum login → 401. Password lama salah → 401. Password baru bukan string atau < 8 karakter → 400.
  // - Simpan hash baru seperti di pelajaran 06, dengan salt baru: const salt = randomBytes(16); lalu
  //   users.set(user, { salt, hash: await derive(newPassword, salt) }) (derive = scrypt async).
  // - Hapus SEMUA token remember user ini, startSession(req, user) agar perangkat ini tetap login
  //   dengan session ID baru, clearRemember(res), lalu 200 JSON (form: redirect 303 ke /dashboard).
  app.post('/password', (_req, res) => {
    res.status(501).json({ error: 'Belum dibuat (Tugas 4).' });
  });

  // Error dengan status 4xx (JSON rusak, body terlalu besar) tetap 4xx, sisanya 500; tanpa stack trace.
  app.use((err: { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    if (err.status && err.status < 500) {
      res.status(err.status).json({ error: 'Request tidak valid.' });
      return;
    }
    console.error(err); // stack trace hanya di log server, tidak di response
    res.status(500).json({ error: 'Terjadi kesalahan di server.' });
  });

  return app;
}
