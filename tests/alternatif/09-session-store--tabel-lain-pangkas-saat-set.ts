// Alternatif yang benar: tata letak tabel lain (detik, bukan milidetik), pangkas dengan timer dari
// node:timers DAN setiap 100 kali set(), prune() async, umur dari cookie.originalMaxAge,
// folder bawaan di os.tmpdir(), rolling: true, login dan logout menjawab JSON, dashboard JSON.
// scrypt N=2^15, r=8, p=3 (setara minimum OWASP); opsi `scrypt` dari checker dipakai bila ada.
// (Kode yang mengabaikan opsi itu benar juga, tetapi di mesin yang sibuk tidak muat dalam batas
// 30 detik per pelajaran milik CLI: setiap login lalu butuh sekitar satu detik.)
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import os from 'node:os';
import { clearInterval, setInterval } from 'node:timers';
import path from 'node:path';
import Database from 'better-sqlite3';
import express from 'express';
import session from 'express-session';

declare module 'express-session' {
  interface SessionData {
    username: string;
  }
}

type Callback = (err?: unknown, data?: session.SessionData | null) => void;

export class SqliteStore extends session.Store {
  private db: Database.Database;
  private now: () => number;
  private ttlMs: number;
  private writes = 0;
  private pruner?: ReturnType<typeof setInterval>;

  constructor(options: { dbPath: string; now?: () => number; ttlMs?: number; pruneIntervalMs?: number }) {
    super();
    this.now = options.now ?? (() => Date.now());
    this.ttlMs = options.ttlMs ?? 30 * 60 * 1000;
    this.db = new Database(options.dbPath, { timeout: 3000 });
    this.db.pragma('journal_mode = WAL');
    this.db.exec('CREATE TABLE IF NOT EXISTS sesi_login (id TEXT NOT NULL UNIQUE, isi TEXT, habis_detik REAL)');
    const every = options.pruneIntervalMs ?? 600_000;
    if (every) this.pruner = setInterval(() => void this.prune().catch(() => {}), every).unref();
  }

  private nowSeconds() {
    return this.now() / 1000;
  }

  private deadline(sess: session.SessionData) {
    const ms = sess.cookie?.originalMaxAge ?? this.ttlMs;
    return (this.now() + ms) / 1000;
  }

  override get(sid: string, cb: Callback) {
    let row: { isi: string } | undefined;
    try {
      row = this.db.prepare('SELECT isi FROM sesi_login WHERE id = ? AND habis_detik > ?').get(sid, this.nowSeconds()) as
        | { isi: string }
        | undefined;
    } catch (err) {
      return cb(err);
    }
    cb(null, row ? JSON.parse(row.isi) : undefined);
  }

  override set(sid: string, sess: session.SessionData, cb?: Callback) {
    try {
      this.db
        .prepare('INSERT OR REPLACE INTO sesi_login (id, isi, habis_detik) VALUES (?, ?, ?)')
        .run(sid, JSON.stringify(sess), this.deadline(sess));
      if (++this.writes % 100 === 0) void this.prune();
    } catch (err) {
      return cb?.(err);
    }
    cb?.();
  }

  override destroy(sid: string, cb?: Callback) {
    try {
      this.db.prepare('DELETE FROM sesi_login WHERE id = ?').run(sid);
    } catch (err) {
      return cb?.(err);
    }
    cb?.();
  }

  override touch(sid: string, sess: session.SessionData, cb?: (err?: unknown) => void) {
    try {
      this.db
        .prepare('UPDATE sesi_login SET habis_detik = ? WHERE id = ? AND habis_detik > ?')
        .run(this.deadline(sess), sid, this.nowSeconds());
    } catch (err) {
      return cb?.(err);
    }
    cb?.();
  }

  async prune(): Promise<number> {
    return this.db.prepare('DELETE FROM sesi_login WHERE habis_detik <= ?').run(this.nowSeconds()).changes;
  }

  close() {
    if (this.pruner) clearInterval(this.pruner);
    this.db.close();
  }
}

const OWASP_EQUIVALENT = { N: 2 ** 15, r: 8, p: 3 };

function hash(password: string, salt: Buffer, cost = OWASP_EQUIVALENT): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    scrypt(password, salt, 32, { ...cost, maxmem: 64 * 1024 * 1024 }, (e, k) => (e ? reject(e) : resolve(k))),
  );
}

export function createApp(
  options: {
    users?: { username: string; password: string }[];
    secret?: string | string[];
    now?: () => number;
    store?: session.Store;
    dbPath?: string;
    scrypt?: { N: number; r: number; p: number };
  } = {},
) {
  const cost = options.scrypt ?? OWASP_EQUIVALENT;
  const users = (options.users ?? [{ username: 'budi', password: 'kopi-susu-2026' }]).map((u) => {
    const salt = randomBytes(16);
    return { username: u.username, salt, hash: hash(u.password, salt, cost) };
  });
  const secret = options.secret ?? process.env.SESSION_SECRET ?? ['dev-rahasia-baru', 'dev-rahasia-lama'];
  let store = options.store;
  if (!store) {
    const dbPath = options.dbPath || process.env.SESSION_DB || path.join(os.tmpdir(), 'alt-09', 'sessions.sqlite');
    mkdirSync(path.dirname(dbPath), { recursive: true });
    store = new SqliteStore({ dbPath, now: options.now });
  }
  const secure = process.env.NODE_ENV === 'production';

  const app = express();
  app.set('trust proxy', secure ? 1 : false);
  app.use(express.json(), express.urlencoded({ extended: false }));
  app.use(
    session({
      name: 'sid',
      secret,
      store,
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: true, sameSite: 'lax', secure },
    }),
  );

  app.post('/login', async (req, res) => {
    const username = String(req.body?.username ?? '');
    const password = String(req.body?.password ?? '');
    // Pengguna tak dikenal tetap di-hash (dengan akun pertama) agar waktunya sama.
    const user = users.find((u) => u.username === username) ?? users[0]!;
    const matches = timingSafeEqual(await hash(password, user.salt, cost), await user.hash);
    if (!matches || user.username !== username) {
      res.status(401).json({ error: 'Login gagal.' });
      return;
    }
    req.session.regenerate((err) => {
      if (err) {
        res.status(500).json({ error: 'Gagal membuat session.' });
        return;
      }
      req.session.username = username;
      res.status(200).json({ ok: true, username });
    });
  });

  app.get('/dashboard', (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    if (!req.session.username) res.status(401).json({ error: 'Belum login.' });
    else res.json({ pesan: `Selamat datang, ${req.session.username}` });
  });

  app.post('/logout', (req, res) => {
    req.session.destroy(() => {
      res.clearCookie('sid', { path: '/', httpOnly: true, sameSite: 'lax', secure });
      res.status(204).end();
    });
  });

  return app;
}
