import { mkdirSync } from 'node:fs';
import { randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import path from 'node:path';
import Database from 'better-sqlite3';
import express, { type NextFunction, type Request, type Response } from 'express';
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

// Tugas 1 dan 2: store express-session di atas SQLite.
export class SqliteStore extends session.Store {
  private db: Database.Database;
  private now: () => number;
  private ttlMs: number;
  private timer: NodeJS.Timeout | undefined;

  constructor({ dbPath, now = Date.now, ttlMs = 30 * 60_000, pruneIntervalMs = 10 * 60_000 }: SqliteStoreOptions) {
    super();
    this.now = now;
    this.ttlMs = ttlMs;
    // better-sqlite3 menunggu sampai 5 detik bila berkas sedang dikunci proses lain (opsi timeout).
    this.db = new Database(dbPath);
    // WAL: pembaca tidak menunggu penulis, jadi beberapa proses di satu mesin bisa berbagi berkas ini.
    this.db.pragma('journal_mode = WAL');
    this.db.exec(`CREATE TABLE IF NOT EXISTS sessions (
      sid TEXT PRIMARY KEY,
      data TEXT NOT NULL,
      expires INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS sessions_expires ON sessions (expires);`);
    if (pruneIntervalMs > 0) {
      this.timer = setInterval(() => {
        try {
          this.prune();
        } catch {
          // Database sedang sibuk? Coba lagi pada putaran berikutnya; jangan jatuhkan server.
        }
      }, pruneIntervalMs);
      this.timer.unref(); // timer ini tidak boleh menahan proses tetap hidup
    }
  }

  // Sisa umur cookie (maxAge, ms) bila ada; kalau tidak (session cookie), TTL bawaan.
  // Selalu diukur dengan jam `now`, bukan dari tanggal cookie.expires.
  private expiresAt(sess: session.SessionData): number {
    const left = sess.cookie.maxAge;
    return this.now() + (typeof left === 'number' ? left : this.ttlMs);
  }

  override get(sid: string, cb: Callback) {
    try {
      const row = this.db.prepare('SELECT data, expires FROM sessions WHERE sid = ?').get(sid) as
        | { data: string; expires: number }
        | undefined;
      // Kedaluwarsa = tidak ada; barisnya dihapus prune().
      cb(null, row && row.expires > this.now() ? JSON.parse(row.data) : null);
    } catch (err) {
      cb(err);
    }
  }

  override set(sid: string, sess: session.SessionData, cb: Callback = () => {}) {
    try {
      this.db
        .prepare(
          `INSERT INTO sessions (sid, data, expires) VALUES (?, ?, ?)
           ON CONFLICT (sid) DO UPDATE SET data = excluded.data, expires = excluded.expires`,
        )
        .run(sid, JSON.stringify(sess), this.expiresAt(sess));
      cb(null);
    } catch (err) {
      cb(err);
    }
  }

  override destroy(sid: string, cb: Callback = () => {}) {
    try {
      this.db.prepare('DELETE FROM sessions WHERE sid = ?').run(sid);
      cb(null);
    } catch (err) {
      cb(err);
    }
  }

  // Dipanggil express-session pada request yang tidak mengubah session (resave: false):
  // hanya memperpanjang umur, dan tidak menghidupkan lagi session yang sudah kedaluwarsa.
  override touch(sid: string, sess: session.SessionData, cb: Callback = () => {}) {
    try {
      this.db
        .prepare('UPDATE sessions SET expires = ? WHERE sid = ? AND expires > ?')
        .run(this.expiresAt(sess), sid, this.now());
      cb(null);
    } catch (err) {
      cb(err);
    }
  }

  /** Menghapus semua baris kedaluwarsa; mengembalikan jumlah baris yang dihapus. */
  prune(): number {
    return this.db.prepare('DELETE FROM sessions WHERE expires <= ?').run(this.now()).changes;
  }

  close() {
    clearInterval(this.timer);
    this.db.close();
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
  // Semua instance memakai store yang sama (dan secret yang sama), jadi session bisa dibagi.
  let store = options.store;
  if (!store) {
    const dbPath = options.dbPath ?? process.env.SESSION_DB ?? DEFAULT_DB;
    mkdirSync(path.dirname(dbPath), { recursive: true });
    store = new SqliteStore({ dbPath, now });
  }
  const cookie = { httpOnly: true, sameSite: 'lax', secure: production, path: '/' } as const;
  const app = express();
  if (production) app.set('trust proxy', 1);
  app.use(session({ name: 'sid', secret: secret || 'rahasia-pengembangan-jangan-dipakai', store, resave: false, saveUninitialized: false, cookie }));
  app.use(express.urlencoded({ limit: '10kb' }));
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

  // Body rusak (JSON tidak sah, terlalu besar) atau store yang gagal: status dari error itu
  // (400, 413, …) atau 500, tanpa stack trace.
  app.use((err: { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    res.status(err.status ?? 500).json({ ok: false, error: 'Request tidak bisa diproses.' });
  });

  return app;
}
