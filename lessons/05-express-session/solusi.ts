import { randomBytes } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';
import session from 'express-session';

// Isi req.session yang kita pakai (agar TypeScript mengenalnya).
declare module 'express-session' {
  interface SessionData {
    visits: number;
    cart: string[];
  }
}

export interface AppOptions {
  /** Satu secret, atau daftar untuk rotasi: yang pertama menandatangani, semuanya memverifikasi. */
  secret?: string | string[];
}

const MINUTE = 60 * 1000;

function sessionSecret(fromOptions: AppOptions['secret'], production: boolean): string | string[] {
  const secret = fromOptions ?? process.env.SESSION_SECRET;
  if (secret?.length) return secret; // '' (mis. `SESSION_SECRET=` di .env) dianggap tidak ada
  // Di production, gagal menyala lebih baik ketimbang diam-diam memakai secret yang tidak disengaja.
  if (production) throw new Error('SESSION_SECRET wajib diisi di production.');
  console.warn('Peringatan: SESSION_SECRET belum diisi; memakai secret acak sementara (hanya untuk pengembangan).');
  // Acak per proses: tidak ada secret yang bisa dibaca orang di kode sumber. Session ikut
  // hilang saat restart, tetapi MemoryStore toh sudah melupakan semuanya saat itu.
  return randomBytes(32).toString('hex');
}

export function createApp(options: AppOptions = {}) {
  // Dibaca saat app dibuat: express-session juga membaca opsi cookie hanya sekali, di sini.
  const production = process.env.NODE_ENV === 'production';
  const app = express();
  // Di production app berdiri di belakang satu reverse proxy (nginx, load balancer) yang
  // memegang HTTPS; tanpa ini req.secure selalu false dan cookie Secure tidak pernah dikirim.
  if (production) app.set('trust proxy', 1);

  app.use(express.json());
  app.use(express.urlencoded());
  app.use(
    session({
      name: 'sid', // bukan connect.sid: jangan umumkan library yang kamu pakai
      secret: sessionSecret(options.secret, production),
      resave: false, // jangan tulis ulang session yang tidak berubah (race antar-request)
      saveUninitialized: false, // pengunjung anonim tidak dapat cookie dan tidak mengisi store
      rolling: true, // setiap response memperpanjang umur cookie: idle timeout
      cookie: {
        httpOnly: true,
        sameSite: 'lax',
        secure: production,
        maxAge: 30 * MINUTE, // MILIDETIK, bukan detik seperti atribut Max-Age
      },
    }),
  );

  // Tugas 1: penghitung kunjungan, satu per klien.
  app.get('/visits', (req, res) => {
    req.session.visits = (req.session.visits ?? 0) + 1;
    res.json({ visits: req.session.visits });
  });

  // Tugas 2: keranjang belanja, satu per klien.
  app.post('/cart', (req, res) => {
    const item: unknown = req.body?.item;
    if (typeof item !== 'string' || item.trim() === '') {
      res.status(400).json({ error: 'Kirim "item" berupa teks.' });
      return;
    }
    req.session.cart = [...(req.session.cart ?? []), item];
    res.status(201).json({ items: req.session.cart });
  });

  app.get('/cart', (req, res) => {
    // Hanya membaca: session baru yang tetap kosong tidak disimpan dan tidak dapat cookie.
    res.json({ items: req.session.cart ?? [] });
  });

  // Body rusak (JSON tidak sah, terlalu besar): status dari body-parser (400, 413, ...), tanpa stack trace.
  app.use((err: { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    res.status(err.status ?? 500).json({ error: 'Request tidak bisa diproses.' });
  });

  return app;
}
