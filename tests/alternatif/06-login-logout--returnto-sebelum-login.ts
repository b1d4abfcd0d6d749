// Alternatif benar untuk pelajaran 06: app ini SUDAH membuat session sebelum login
// (menyimpan returnTo saat browser yang belum login membuka /dashboard), memakai redirect 302,
// dan menyalin returnTo melewati regenerate. Membuktikan checker menangani session pra-login.
// Username di-escape dengan entitas bernama (&lt;), hash disimpan sebagai { salt, key }.
// Opsi `scrypt` dari checker sengaja DIABAIKAN (selalu N=2^17): kode yang tidak meneruskan opsi itu
// tetap lulus (checker mencatat parameter aslinya, lalu menghitungnya dengan biaya murah).
import crypto from 'node:crypto';
import express from 'express';
import session from 'express-session';

declare module 'express-session' {
  interface SessionData {
    username: string;
    loggedInAt: number;
    returnTo: string;
  }
}

type Hashed = { salt: Buffer; key: Buffer };

const COST = { N: 2 ** 17, r: 8, p: 1, maxmem: 160 * 1024 * 1024 };

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((ok, no) => crypto.scrypt(password, salt, 64, COST, (e, k) => (e ? no(e) : ok(k))));
}

export function createApp({
  users = [{ username: 'budi', password: 'kopi-susu-2026' }],
  secret = process.env.SESSION_SECRET ?? 'pengembangan-saja',
  now = Date.now,
}: { users?: { username: string; password: string }[]; secret?: string | string[]; now?: () => number } = {}) {
  const inProduction = process.env.NODE_ENV === 'production';
  const table = new Map<string, Hashed>();
  for (const u of users) {
    const salt = crypto.randomBytes(16);
    table.set(u.username, { salt, key: crypto.scryptSync(u.password, salt, 64, COST) });
  }
  const decoySalt = crypto.randomBytes(16);
  const decoy: Hashed = { salt: decoySalt, key: crypto.scryptSync('decoy', decoySalt, 64, COST) };

  const cookieOptions = { path: '/', httpOnly: true, secure: inProduction, sameSite: 'lax' as const };
  const app = express();
  app.locals.users = table; // kait checker: { salt, key } per pengguna
  if (inProduction) app.enable('trust proxy');
  app.use(session({ name: 'sid', secret, resave: false, saveUninitialized: false, cookie: cookieOptions }));
  app.use(express.urlencoded({ extended: false }));
  app.use(express.json());

  const fail = (req: express.Request, res: express.Response) =>
    req.is('json')
      ? res.status(401).json({ message: 'Kombinasi username dan password tidak cocok.' })
      : res.status(401).send('<p>Kombinasi username dan password tidak cocok.</p><a href="/login">Coba lagi</a>');

  app.get('/login', (_req, res) => {
    res.send(`<form method="post" action="/login">
<input name="username"><input type="password" name="password"><button>Login</button></form>`);
  });

  app.post('/login', async (req, res, next) => {
    const { username, password } = (req.body ?? {}) as Record<string, unknown>;
    if (typeof username !== 'string' || typeof password !== 'string') return fail(req, res);
    const entry = table.get(username);
    const computed = await derive(password, (entry ?? decoy).salt);
    const match = crypto.timingSafeEqual(computed, (entry ?? decoy).key);
    if (!entry || !match) return fail(req, res);

    const returnTo = req.session.returnTo ?? '/dashboard';
    req.session.regenerate((err) => {
      if (err) return next(err);
      req.session.username = username;
      req.session.loggedInAt = now();
      if (req.is('json')) return res.json({ ok: true, username });
      res.redirect(returnTo);
    });
  });

  app.get('/dashboard', (req, res) => {
    res.set('Cache-Control', 'no-store');
    if (req.session.username) {
      const named: Record<string, string> = { '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&#x27;' };
      return res.send(`<h1>Halo ${req.session.username.replace(/[<>&"']/g, (c) => named[c]!)}</h1>
<form method="post" action="/logout"><button>Keluar</button></form>`);
    }
    if (req.accepts('html') && (req.get('accept') ?? '').includes('text/html')) {
      req.session.returnTo = '/dashboard'; // session pra-login: di sinilah fixation bisa terjadi
      return res.redirect('/login');
    }
    res.status(401).send('Unauthorized');
  });

  app.post('/logout', (req, res, next) => {
    req.session.destroy((err) => {
      if (err) return next(err);
      res.clearCookie('sid', cookieOptions).redirect('/login');
    });
  });

  return app;
}
