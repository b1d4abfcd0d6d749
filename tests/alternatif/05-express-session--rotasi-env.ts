// Alternatif benar untuk pelajaran 05: SESSION_SECRET boleh berisi beberapa secret dipisah koma
// (rotasi lewat lingkungan), genid sendiri dari crypto.randomBytes (256 bit), maxAge 8 jam tanpa
// rolling (batas mutlak), trust proxy 'loopback', unset: 'destroy', dan Router terpisah.
import { randomBytes } from 'node:crypto';
import express from 'express';
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

const HOUR = 60 * 60 * 1000;

function secrets(option: AppOptions['secret']): string[] {
  if (Array.isArray(option) && option.length) return option;
  if (typeof option === 'string' && option) return [option];
  const fromEnv = (process.env.SESSION_SECRET ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (fromEnv.length) return fromEnv;
  if (process.env.NODE_ENV === 'production') throw new Error('SESSION_SECRET belum diisi.');
  console.warn('SESSION_SECRET belum diisi: secret acak dipakai, session hilang saat restart.');
  return [randomBytes(32).toString('base64url')];
}

function cartRoutes() {
  const router = express.Router();
  router.get('/', (req, res) => {
    res.json({ items: req.session.cart ?? [] });
  });
  router.post('/', (req, res) => {
    const item = typeof req.body?.item === 'string' ? req.body.item.trim() : '';
    if (item.length === 0 || item.length > 200) {
      res.status(400).json({ error: 'item harus 1–200 karakter' });
      return;
    }
    req.session.cart ??= [];
    req.session.cart.push(item);
    res.status(201).json({ items: req.session.cart });
  });
  return router;
}

export function createApp(options: AppOptions = {}) {
  const production = process.env.NODE_ENV === 'production';
  const app = express();
  if (production) app.set('trust proxy', 'loopback');
  app.use(express.json(), express.urlencoded({ extended: false }));
  app.use(
    session({
      name: 'sid',
      secret: secrets(options.secret),
      genid: () => randomBytes(32).toString('base64url'),
      resave: false,
      saveUninitialized: false,
      rolling: false,
      unset: 'destroy',
      cookie: { httpOnly: true, sameSite: 'lax', secure: production, maxAge: 8 * HOUR },
    }),
  );

  app.get('/visits', (req, res) => {
    req.session.visits ??= 0;
    req.session.visits++;
    res.json({ visits: req.session.visits });
  });
  app.use('/cart', cartRoutes());
  return app;
}
