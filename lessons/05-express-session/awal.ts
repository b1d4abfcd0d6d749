import express from 'express';
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

// Tugas 1 dan 2: dua variabel global ini dipakai bersama SEMUA pengunjung (masalah pelajaran 01).
// Pindahkan datanya ke req.session: req.session.visits dan req.session.cart.
let visits = 0;
const cart: string[] = [];

export function createApp(options: AppOptions = {}) {
  void options; // Tugas 3: pakai options.secret
  const app = express();
  app.use(express.json());
  app.use(express.urlencoded({ extended: false }));

  // Tugas 3: konfigurasi "asal jalan" ala tutorial. Semua nilai di bawah sama dengan bawaan
  // express-session, dan hampir semuanya perlu diganti:
  // - name: bawaannya "connect.sid"; pakai "sid".
  // - secret: ambil dari options.secret, lalu process.env.SESSION_SECRET, lalu cadangan untuk
  //   pengembangan (beri peringatan dengan console.warn). Array diteruskan apa adanya (rotasi).
  // - resave dan saveUninitialized: keduanya false.
  // - cookie: HttpOnly, SameSite Lax, dan Secure hanya bila NODE_ENV === 'production'
  //   (baca NODE_ENV di DALAM createApp). Di production, tambahkan juga app.set('trust proxy', 1).
  // - cookie.maxAge boleh tidak ada; bila ada, satuannya MILIDETIK (minimal 1 menit).
  // - Biarkan express-session membuat session ID (24 byte dari crypto.randomBytes). Kalau menulis
  //   genid sendiri, ambil minimal 16 byte dari crypto.randomBytes, bukan UUID, jam, atau Math.random.
  app.use(
    session({
      name: 'connect.sid',
      secret: 'keyboard cat',
      resave: true,
      saveUninitialized: true,
      cookie: { httpOnly: true, secure: false },
    }),
  );

  // Tugas 1: GET /visits menjawab { "visits": n }, n = kunjungan ke berapa dari klien INI.
  app.get('/visits', (_req, res) => {
    visits += 1;
    res.json({ visits });
  });

  // Tugas 2: POST /cart { "item": "kopi" } menambah barang ke keranjang klien ini dan menjawab 201
  // dengan { "items": [...] }; item kosong, tidak ada, atau tanpa body → 400.
  // GET /cart menjawab { "items": [...] } milik klien ini.
  app.post('/cart', (req, res) => {
    const item: unknown = req.body?.item;
    if (typeof item !== 'string' || item.trim() === '') {
      res.status(400).json({ error: 'Kirim "item" berupa teks.' });
      return;
    }
    cart.push(item.trim());
    res.status(201).json({ items: cart });
  });

  app.get('/cart', (_req, res) => {
    res.json({ items: cart });
  });

  return app;
}
