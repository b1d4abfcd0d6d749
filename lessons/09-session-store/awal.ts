import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import express, { type Request, type Response } from 'express';
import session from 'express-session';

declare module 'express-session' {
  interface SessionData {
    username: string;
    loggedInAt: number;
  }
}

type Callback = (err?: unknown, data?: session.SessionData | null) => void;

export interface SqliteStoreOptions {
  dbPath: string;
  now?: () => number;
  /** Umur session bila cookie tidak punya maxAge (idle timeout). Bawaan 30 menit. */
  ttlMs?: number;
  /** Seberapa sering baris kedaluwarsa dipangkas. 0 = hanya lewat prune(). */
  pruneIntervalMs?: number;
}

// Store express-session di atas SQLite. express-session memanggil metode-metode ini
// dengan callback gaya Node: cb(err) bila gagal, cb(null, hasil) bila berhasil.
// Setiap metode WAJIB memanggil cb, kalau tidak request akan menggantung. better-sqlite3 melempar
// error (mis. database sudah ditutup): tangkap dengan try/catch dan teruskan lewat cb(err).
export class SqliteStore extends session.Store {
  private db: Database.Database | undefined;
  private now: () => number;
  private ttlMs: number;

  constructor({ dbPath, now = Date.now, ttlMs = 30 * 60_000, pruneIntervalMs = 10 * 60_000 }: SqliteStoreOptions) {
    super();
    this.now = now;
    this.ttlMs = ttlMs;
    // Tugas 1: buka database: this.db = new Database(dbPath);
    // - nyalakan WAL (this.db.pragma('journal_mode = WAL')) agar beberapa proses bisa berbagi berkas;
    // - buat tabel bila belum ada, misalnya sessions (sid TEXT PRIMARY KEY, data TEXT, expires INTEGER).
    // Tugas 2: pangkas baris kedaluwarsa secara berkala dengan setInterval(() => this.prune(), pruneIntervalMs),
    //   lalu panggil .unref() pada timer itu agar proses tetap bisa berhenti. pruneIntervalMs 0 = tanpa timer.
    void dbPath;
    void pruneIntervalMs;
  }

  // Tugas 1: kembalikan isi session (JSON.parse dari kolom data), atau null bila tidak ada.
  // Tugas 2: session yang sudah kedaluwarsa (expires <= this.now(), juga tepat pada saatnya) dianggap tidak ada.
  override get(sid: string, cb: Callback) {
    void sid;
    cb(null, null);
  }

  // Tugas 1: simpan JSON.stringify(sess) untuk sid ini; sid yang sudah ada ditimpa (upsert).
  // Tugas 2: simpan juga waktu kedaluwarsa: this.now() + sess.cookie.maxAge bila ada, kalau tidak
  //   this.now() + this.ttlMs. Pakai this.now(), bukan Date.now(), agar checker bisa memajukan jam.
  override set(sid: string, sess: session.SessionData, cb: Callback = () => {}) {
    void sid;
    void sess;
    void this.ttlMs;
    cb(null);
  }

  // Tugas 1: hapus baris untuk sid ini.
  override destroy(sid: string, cb: Callback = () => {}) {
    void sid;
    cb(null);
  }

  // Tugas 2: perbarui HANYA waktu kedaluwarsa (hitung seperti di set), dan hanya bila session itu masih
  //   hidup: session yang sudah kedaluwarsa atau tidak ada tidak boleh muncul lagi. express-session memanggil
  //   touch() pada request yang tidak mengubah session (resave: false), jadi pengguna yang aktif tetap login.
  override touch(sid: string, sess: session.SessionData, cb: Callback = () => {}) {
    void sid;
    void sess;
    cb(null);
  }

  /** Tugas 2: hapus semua baris yang kedaluwarsa (expires <= this.now()); kembalikan jumlah baris yang dihapus. */
  prune(): number {
    void this.now;
    return 0;
  }

  // Tugas 1: tutup database (dan hentikan timer dari Tugas 2).
  close() {
    this.db?.close();
  }
}

// ---------------------------------------------------------------------------
// App login dari pelajaran 06, diringkas. Yang baru hanya opsi `store` dan `dbPath`.

export interface User {
  username: string;
  password: string;
}

export interface AppOptions {
  users?: User[];
  secret?: string | string[];
  now?: () => number;
  store?: session.Store;
  dbPath?: string;
  /** Biaya scrypt. Bawaannya minimum OWASP; checker memberi biaya murah agar tes cepat (pelajaran 06). */
  scrypt?: { N: number; r: number; p: number };
}

// Minimum OWASP untuk scrypt (lihat pelajaran 06): N=2^17, r=8, p=1, butuh 128 MiB per hash.
const SCRYPT_OWASP = { N: 2 ** 17, r: 8, p: 1 };
const MAXMEM = 256 * 1024 * 1024;
const KEY_LENGTH = 64;
const LOGIN_FAILED = 'Username atau password salah.';
const DEFAULT_USERS: User[] = [{ username: 'budi', password: 'kopi-susu-2026' }];
// Bawaan untuk sandbox: berkas di folder latihan/ (tidak masuk Git). Checker memakai berkas sementara.
const DEFAULT_DB = 'latihan/09-session-store.sqlite';

interface StoredPassword {
  salt: Buffer;
  hash: Buffer;
}

function hashPassword(password: string, params: ScryptOptions): StoredPassword {
  const salt = randomBytes(16);
  return { salt, hash: scryptSync(password, salt, KEY_LENGTH, params) };
}

function verifyPassword(password: string, stored: StoredPassword, params: ScryptOptions): Promise<boolean> {
  return new Promise((resolve, reject) => {
    scrypt(password, stored.salt, KEY_LENGTH, params, (err, derived) => {
      if (err) reject(err);
      else resolve(timingSafeEqual(derived, stored.hash));
    });
  });
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function page(title: string, body: string): string {
  return `<!doctype html>\n<html lang="id">\n<head><meta charset="utf-8"><title>${title}</title></head>\n<body>\n${body}\n</body>\n</html>`;
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
<p>Dilayani oleh proses ${process.pid}.</p>
<form method="post" action="/logout"><button type="submit">Logout</button></form>`,
  );
}

export function createApp(options: AppOptions = {}) {
  // Biaya scrypt: minimum OWASP, kecuali checker memberi biaya murah lewat opsi `scrypt`.
  const params: ScryptOptions = { ...(options.scrypt ?? SCRYPT_OWASP), maxmem: MAXMEM };
  // Di app sungguhan hash dibuat sekali saat pendaftaran dan disimpan di database.
  const accounts = new Map((options.users ?? DEFAULT_USERS).map((u) => [u.username, hashPassword(u.password, params)]));
  const dummy = hashPassword(randomBytes(16).toString('hex'), params);
  const now = options.now ?? Date.now;
  const production = process.env.NODE_ENV === 'production';
  // Semua instance harus memakai secret yang sama (lihat "Dua instance, satu store").
  const secret = options.secret || process.env.SESSION_SECRET;
  if (!secret && production) throw new Error('SESSION_SECRET wajib diisi di production.');
  if (!secret) console.warn('Peringatan: SESSION_SECRET belum diisi, memakai rahasia pengembangan.');
  // Tugas 3: pakai options.store bila ada; kalau tidak, buat
  //   new SqliteStore({ dbPath: options.dbPath ?? process.env.SESSION_DB ?? DEFAULT_DB, now })
  //   (buat dulu foldernya: mkdirSync(path.dirname(dbPath), { recursive: true }), impor dari 'node:fs')
  // dan berikan ke session({ ..., store }). Tanpa opsi store, express-session memakai MemoryStore:
  // restart server = semua orang logout, dan dua instance tidak saling kenal.
  void DEFAULT_DB;
  void path;
  const cookie = { httpOnly: true, sameSite: 'lax', secure: production, path: '/' } as const;
  const app = express();
  if (production) app.set('trust proxy', 1);
  app.use(session({ name: 'sid', secret: secret || 'rahasia-pengembangan-jangan-dipakai', resave: false, saveUninitialized: false, cookie }));
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
    req.session.regenerate((err) => {
      if (err) return next(err);
      req.session.username = username;
      req.session.loggedInAt = now();
      if (req.is('application/json')) res.json({ ok: true, username });
      else res.redirect(303, '/dashboard');
    });
  });

  app.get('/dashboard', (req, res) => {
    res.set('Cache-Control', 'no-store');
    const { username, loggedInAt } = req.session;
    if (!username) {
      if (req.accepts(['json', 'html']) === 'html') return res.redirect(303, '/login');
      return res.status(401).json({ ok: false, error: 'Silakan login dulu.' });
    }
    res.type('html').send(dashboardPage(username, loggedInAt ?? now()));
  });

  app.post('/logout', (req, res, next) => {
    req.session.destroy((err) => {
      if (err) return next(err);
      res.clearCookie('sid', cookie);
      res.redirect(303, '/login');
    });
  });

  return app;
}
