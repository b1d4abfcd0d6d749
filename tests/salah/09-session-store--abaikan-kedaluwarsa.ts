// SALAH: store tidak pernah menganggap session kedaluwarsa. Session curian berlaku selamanya
// dan tabel terus membesar. Checker harus menolaknya (Tugas 2 dan 3).
import { randomBytes, scrypt, scryptSync, timingSafeEqual } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import express from 'express';
import session from 'express-session';

declare module 'express-session' {
  interface SessionData {
    username: string;
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
    this.db = new Database(dbPath);
    // WAL: pembaca tidak menunggu penulis, jadi beberapa proses di satu mesin bisa berbagi berkas ini.
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.exec(`CREATE TABLE IF NOT EXISTS sessions (
      sid TEXT PRIMARY KEY,
      data TEXT NOT NULL,
      expires INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS sessions_expires ON sessions (expires);`);
    if (pruneIntervalMs > 0) {
      this.timer = setInterval(() => this.prune(), pruneIntervalMs);
      this.timer.unref(); // timer ini tidak boleh menahan proses tetap hidup
    }
  }

  // Sisa umur cookie (maxAge, ms) bila ada; kalau tidak, TTL bawaan. Selalu diukur dengan jam `now`.
  private expiresAt(sess: session.SessionData): number {
    const left = sess.cookie?.maxAge;
    return this.now() + (typeof left === 'number' && left > 0 ? left : this.ttlMs);
  }

  override get(sid: string, cb: Callback) {
    try {
      const row = this.db.prepare('SELECT data, expires FROM sessions WHERE sid = ?').get(sid) as
        | { data: string; expires: number }
        | undefined;
      if (!row) return cb(null, null);
      cb(null, JSON.parse(row.data));
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
    return 0; // SALAH: tidak ada yang dipangkas
  }

  close() {
    clearInterval(this.timer);
    this.db.close();
  }
}

// ---------------------------------------------------------------------------
// App login dari pelajaran 06; yang baru hanya opsi `store` dan `dbPath`.

export interface AppOptions {
  users?: { username: string; password: string }[];
  secret?: string | string[];
  now?: () => number;
  store?: session.Store;
  dbPath?: string;
}

const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;
const DEFAULT_DB = path.join(os.tmpdir(), 'cookie-session-09.sqlite');

function hashPassword(password: string) {
  const salt = randomBytes(16);
  return { salt, hash: scryptSync(password, salt, 64) };
}

export function createApp(options: AppOptions = {}) {
  const users = new Map(
    (options.users ?? [{ username: 'budi', password: 'kopi-susu-2026' }]).map((u) => [u.username, hashPassword(u.password)]),
  );
  const dummy = hashPassword('tidak-ada-pengguna-ini');
  let secret = options.secret ?? process.env.SESSION_SECRET;
  if (!secret) {
    console.warn('Peringatan: SESSION_SECRET belum diset; memakai rahasia pengembangan. Jangan dipakai di produksi.');
    secret = 'rahasia-pengembangan-ganti-di-produksi';
  }
  // Semua instance harus memakai store yang sama (dan secret yang sama) agar berbagi session.
  const store = options.store ?? new SqliteStore({ dbPath: options.dbPath ?? process.env.SESSION_DB ?? DEFAULT_DB, now: options.now });
  const production = process.env.NODE_ENV === 'production';
  const cookie = { httpOnly: true, sameSite: 'lax' as const, secure: production, path: '/' };

  const app = express();
  if (production) app.set('trust proxy', 1);
  app.use(express.urlencoded({ extended: false }), express.json());
  app.use(session({ name: 'sid', secret, store, resave: false, saveUninitialized: false, cookie }));

  app.get('/', (req, res) => {
    const who = req.session.username;
    res.type('html').send(`<!doctype html><html lang="id"><meta charset="utf-8"><title>Session store</title>
<p>Proses ${process.pid}: ${who ? 'kamu login.' : 'belum login.'} <a href="/dashboard">Dashboard</a></p>
<form method="post" action="/login"><input name="username" value="budi"> <input name="password" type="password">
<button>Login</button></form><form method="post" action="/logout"><button>Logout</button></form></html>`);
  });

  app.post('/login', async (req, res, next) => {
    const { username, password } = req.body ?? {};
    if (typeof username !== 'string' || typeof password !== 'string') {
      res.status(401).type('text/plain').send('Username atau password salah.');
      return;
    }
    const user = users.get(username);
    const attempt = await scryptAsync(password, (user ?? dummy).salt, 64);
    if (!user || !timingSafeEqual(attempt, user.hash)) {
      res.status(401).type('text/plain').send('Username atau password salah.');
      return;
    }
    req.session.regenerate((err) => {
      if (err) return next(err);
      req.session.username = username;
      if (req.is('application/json')) res.json({ username });
      else res.redirect(303, '/dashboard');
    });
  });

  app.get('/dashboard', (req, res) => {
    res.set('Cache-Control', 'no-store');
    const who = req.session.username;
    if (!who) {
      res.status(401).type('text/plain').send('Silakan login dulu.');
      return;
    }
    res.type('text/plain').send(`Halo, ${who}! Dilayani oleh proses ${process.pid}.`);
  });

  app.post('/logout', (req, res, next) => {
    req.session.destroy((err) => {
      if (err) return next(err);
      res.clearCookie('sid', cookie);
      res.redirect(303, '/');
    });
  });

  return app;
}
