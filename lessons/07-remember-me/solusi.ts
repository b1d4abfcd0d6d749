import { createHash, randomBytes, scrypt, scryptSync, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import express, { type Express, type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';

declare module 'express-session' {
  interface SessionData {
    username: string;
    version: number;
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
const REMEMBER_MS = 30 * DAY; // jauh di bawah batas 400 hari RFC 6265bis
const GRACE_MS = 60 * 1000; // jendela tenggang untuk request yang berbarengan
const TOKEN = /^([A-Za-z0-9_-]{16}):([A-Za-z0-9_-]{43})$/;
const scryptAsync = promisify(scrypt) as (password: string, salt: Buffer, keylen: number, options: ScryptOptions) => Promise<Buffer>;
const SCRYPT_OWASP = { N: 2 ** 17, r: 8, p: 1 }; // minimum OWASP, seperti pelajaran 06
const MAXMEM = 256 * 1024 * 1024; // 128 × N × r = 128 MiB per hash; bawaan Node hanya 32 MiB

interface User {
  salt: Buffer;
  hash: Buffer;
  version: number; // naik saat ganti password atau pencurian: session lama di mana pun gugur
}
interface Row {
  selector: string;
  validator_hash: string;
  previous_hash: string | null;
  rotated_at: number | null;
  username: string;
  expires_at: number;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const sameHash = (a: string, b: string) => timingSafeEqual(Buffer.from(a, 'hex'), Buffer.from(b, 'hex'));
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

// Kait untuk checker: isi tabel token apa adanya (tidak pernah berisi validator mentah).
export function rememberTokens(app: Express): RememberToken[] {
  const db = app.locals.db as Database.Database;
  return db
    .prepare('SELECT selector, validator_hash AS validatorHash, username, expires_at AS expiresAt FROM remember_tokens')
    .all() as RememberToken[];
}

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
  const now = options.now ?? Date.now;
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
    users.set(u.username, { ...hashPassword(u.password), version: 0 });
  }
  const dummy = hashPassword('tidak-ada');

  async function checkPassword(username: unknown, password: unknown): Promise<string | undefined> {
    if (typeof username !== 'string' || typeof password !== 'string') return undefined;
    const user = users.get(username);
    const { salt, hash } = user ?? dummy; // tetap hitung scrypt agar waktunya sama
    const ok = timingSafeEqual(await derive(password, salt), hash);
    return ok && user ? username : undefined;
  }

  const dbPath = options.dbPath ?? 'latihan/07-remember-me.sqlite';
  if (dbPath !== ':memory:') mkdirSync(path.dirname(dbPath), { recursive: true });
  const db = new Database(dbPath);
  db.exec(`CREATE TABLE IF NOT EXISTS remember_tokens (
    selector TEXT PRIMARY KEY,
    validator_hash TEXT NOT NULL,
    previous_hash TEXT,
    rotated_at INTEGER,
    username TEXT NOT NULL,
    expires_at INTEGER NOT NULL
  )`);
  const q = {
    insert: db.prepare('INSERT INTO remember_tokens (selector, validator_hash, username, expires_at) VALUES (?, ?, ?, ?)'),
    find: db.prepare('SELECT * FROM remember_tokens WHERE selector = ?'),
    rotate: db.prepare('UPDATE remember_tokens SET validator_hash = ?, previous_hash = ?, rotated_at = ? WHERE selector = ?'),
    revoke: db.prepare('DELETE FROM remember_tokens WHERE selector = ?'),
    revokeUser: db.prepare('DELETE FROM remember_tokens WHERE username = ?'),
  };

  // `at` = satu kali now() per request, agar umur di database dan Max-Age cookie sama persis.
  function issueToken(username: string, at: number) {
    // Selector juga acak dan tak bisa ditebak: siapa pun yang tahu selector bisa memicu deteksi pencurian.
    const selector = randomBytes(12).toString('base64url');
    const validator = randomBytes(32).toString('base64url');
    const expiresAt = at + REMEMBER_MS;
    q.insert.run(selector, sha256(validator), username, expiresAt);
    return { token: `${selector}:${validator}`, expiresAt };
  }

  // Mengembalikan pemilik token, dan token baru bila validatornya dirotasi.
  function useToken(value: string, at: number): { username: string; token?: string; expiresAt: number } | undefined {
    const match = TOKEN.exec(value);
    if (!match) return undefined; // rusak: bukan selector:validator dengan panjang yang benar
    const [selector, validator] = [match[1]!, match[2]!];
    const row = q.find.get(selector) as Row | undefined;
    if (!row) return undefined;
    if (row.expires_at <= at) {
      q.revoke.run(selector);
      return undefined;
    }
    const hash = sha256(validator);
    if (sameHash(hash, row.validator_hash)) {
      const fresh = randomBytes(32).toString('base64url');
      q.rotate.run(sha256(fresh), row.validator_hash, at, selector);
      return { username: row.username, token: `${selector}:${fresh}`, expiresAt: row.expires_at };
    }
    // Request kembar dengan validator yang baru saja dirotasi: terima, tanpa rotasi lagi.
    if (row.previous_hash && at - (row.rotated_at ?? 0) <= GRACE_MS && sameHash(hash, row.previous_hash)) {
      return { username: row.username, expiresAt: row.expires_at };
    }
    // Selector benar, validator salah: token ini pernah dicuri. Cabut semua token user itu,
    // dan akhiri session-nya (pencuri mungkin sudah memegang session dari token curian).
    q.revokeUser.run(row.username);
    const owner = users.get(row.username);
    if (owner) owner.version += 1;
    return undefined;
  }

  const cookieBase = { httpOnly: true, sameSite: 'lax', secure: production, path: '/' } as const;
  // maxAge dalam milidetik; Express menulisnya sebagai Max-Age dalam detik.
  const setRemember = (res: Response, token: string, maxAge: number) =>
    res.cookie('remember', token, { ...cookieBase, maxAge, encode: String });
  const clearRemember = (res: Response) => res.clearCookie('remember', cookieBase);

  const regenerate = (req: Request) => new Promise<void>((ok, ko) => req.session.regenerate((e) => (e ? ko(e) : ok())));
  async function startSession(req: Request, username: string) {
    await regenerate(req); // ID baru setiap kali hak akses berubah (session fixation)
    req.session.username = username;
    req.session.version = users.get(username)!.version;
  }
  const currentUser = (req: Request) => {
    const { username, version } = req.session;
    return username !== undefined && users.get(username)?.version === version ? username : undefined;
  };

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

  // Logout dipasang sebelum masuk otomatis: token yang akan dicabut tidak perlu dipakai (dan dirotasi) dulu.
  // Request yang hanya membawa `remember` (browser baru dibuka, sid sudah hilang) tetap mencabutnya.
  app.post('/logout', (req, res, next) => {
    const value = readCookie(req, 'remember');
    if (value) q.revoke.run(value.split(':')[0]);
    req.session.destroy((err) => {
      if (err) return next(err);
      res.clearCookie('sid', sidCookie); // atribut sama seperti saat dipasang
      clearRemember(res);
      if (wantsHtml(req)) res.redirect(303, '/login');
      else res.json({ ok: true });
    });
  });

  // Tanpa session yang sah, tetapi membawa cookie remember: coba masuk otomatis.
  app.use(async (req, res, next) => {
    const value = readCookie(req, 'remember');
    // Tanpa req.session untuk target aneh seperti `OPTIONS *`: express-session hanya melayani path "/...".
    if (!req.session || currentUser(req) || value === undefined) return next();
    const at = now();
    const found = useToken(value, at);
    if (!found) {
      clearRemember(res);
      return next();
    }
    await startSession(req, found.username);
    if (found.token) setRemember(res, found.token, found.expiresAt - at);
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
    if (remember === 'on' || remember === true) {
      const at = now(); // sekali saja: Max-Age tepat 2592000, bukan 2591999
      const { token, expiresAt } = issueToken(user, at);
      setRemember(res, token, expiresAt - at);
    }
    if (req.is('json')) res.json({ username: user });
    else res.redirect(303, '/dashboard');
  });

  app.get('/dashboard', (req, res) => {
    const user = currentUser(req);
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

  app.post('/password', async (req, res) => {
    const user = currentUser(req);
    if (!user) {
      res.status(401).json({ error: 'Kamu belum login.' });
      return;
    }
    const { currentPassword, newPassword } = req.body ?? {};
    if (!(await checkPassword(user, currentPassword))) {
      res.status(401).json({ error: 'Password lama salah.' });
      return;
    }
    if (typeof newPassword !== 'string' || newPassword.length < 8) {
      res.status(400).json({ error: 'Password baru minimal 8 karakter.' });
      return;
    }
    const entry = users.get(user)!;
    const salt = randomBytes(16); // salt baru untuk password baru
    users.set(user, { salt, hash: await derive(newPassword, salt), version: entry.version + 1 });
    q.revokeUser.run(user); // semua perangkat yang "diingat" harus login ulang
    await startSession(req, user); // perangkat ini tetap login, dengan session ID baru
    clearRemember(res);
    if (req.is('json')) res.json({ ok: true });
    else res.redirect(303, '/dashboard');
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
