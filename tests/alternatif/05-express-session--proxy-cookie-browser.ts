// Alternatif benar untuk pelajaran 05: `proxy: true` milik express-session sebagai ganti
// app.set('trust proxy'), cookie tanpa maxAge (hilang saat browser ditutup), secret cadangan
// berupa teks tetap, NODE_ENV dibaca lewat app.get('env'), req.session.save() eksplisit,
// POST /cart menjawab 200, dan /visits menjawab field tambahan.
import express, { type Request, type Response } from 'express';
import session from 'express-session';

declare module 'express-session' {
  interface SessionData {
    visits: number;
    cart: string[];
  }
}

export interface AppOptions {
  secret?: string | string[];
}

const DEV_SECRET = 'hanya-untuk-pengembangan-jangan-dipakai-di-production';

function saveThen(req: Request, res: Response, body: unknown, status = 200) {
  req.session.save((err) => {
    if (err) {
      res.status(500).json({ error: 'Session gagal disimpan.' });
      return;
    }
    res.status(status).json(body);
  });
}

export function createApp(options: AppOptions = {}) {
  const app = express();
  const isProduction = app.get('env') === 'production';

  let secret = options.secret || process.env.SESSION_SECRET;
  if (!secret) {
    console.warn('[peringatan] SESSION_SECRET kosong, memakai secret pengembangan.');
    secret = DEV_SECRET;
  }

  const cookie: session.CookieOptions = { path: '/', httpOnly: true, sameSite: 'lax' };
  if (isProduction) cookie.secure = true;

  app.use(express.json());
  app.use(
    session({
      name: 'sid',
      secret,
      proxy: isProduction ? true : undefined,
      resave: false,
      saveUninitialized: false,
      cookie,
    }),
  );

  app.get('/visits', (req, res) => {
    const visits = (req.session.visits || 0) + 1;
    req.session.visits = visits;
    saveThen(req, res, { visits, firstVisit: visits === 1 });
  });

  app.get('/cart', (req, res) => {
    res.json({ items: req.session.cart || [], count: (req.session.cart || []).length });
  });

  app.post('/cart', (req, res) => {
    const raw = req.body && req.body.item;
    const item = typeof raw === 'string' ? raw.trim() : '';
    if (!item) {
      res.status(400).json({ error: 'item wajib diisi' });
      return;
    }
    if (!req.session.cart) req.session.cart = [];
    req.session.cart.push(item);
    saveThen(req, res, { items: req.session.cart });
  });

  return app;
}
