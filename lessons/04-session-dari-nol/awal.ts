import { randomBytes } from 'node:crypto';
import express from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

/** Isi session: objek biasa. `cart` dipakai keranjang di Tugas 3. */
export interface SessionData {
  cart?: string[];
  [key: string]: unknown;
}

// Express tidak tahu soal req.session buatan kita, jadi tipenya kita sebut di satu tempat.
// (express-session di pelajaran 05 membawa tipe req.session-nya sendiri.)
type WithSession = { session: SessionData };
function sessionOf(req: Request): SessionData {
  return (req as unknown as WithSession).session;
}

/** Kontrak store: hanya empat cara ini yang boleh dipakai middleware. */
export interface SessionStore {
  get(id: string): SessionData | undefined;
  set(id: string, data: SessionData): void;
  destroy(id: string): void;
  /** Jumlah entri yang sedang dipegang di memori. */
  size(): number;
}

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;

// Tugas 1: store di memori — si petugas penitipan tas.
// - get(id): data untuk ID itu, atau undefined bila tidak ada / sudah kedaluwarsa.
// - set(id, data): simpan (atau timpa) data untuk ID itu.
// - destroy(id): buang entri itu.
// - size(): berapa entri yang SEKARANG dipegang di memori.
// - Kedaluwarsa idle: entri yang tidak disentuh (get atau set) selama idleTimeoutMs dianggap
//   tidak ada. Catat kapan terakhir disentuh, pakai now() — jangan Date.now() langsung.
// - Pembersihan: setiap set() membuang entri yang sudah kedaluwarsa, supaya memori tidak bocor.
// - Simpan entri di new Map(), bukan objek biasa {} (coba pikirkan: apa hasil {}['constructor']?).
export function createMemoryStore(options: { idleTimeoutMs: number; now?: () => number }): SessionStore {
  const { idleTimeoutMs, now = Date.now } = options;
  void idleTimeoutMs;
  void now;

  return {
    get(id) {
      void id;
      return undefined;
    },
    set(id, data) {
      void id;
      void data;
    },
    destroy(id) {
      void id;
    },
    size() {
      return 0;
    },
  };
}

// Tugas 2 (bagian ID): nomor karcis yang tidak bisa ditebak. Ambil minimal 16 byte (128 bit)
// dari crypto.randomBytes dan tulis sebagai base64url atau hex. Bukan Math.random, bukan
// penghitung, bukan crypto.randomUUID() (hanya 122 bit acak).
function newSessionId(): string {
  return randomBytes(0).toString('base64url'); // 0 byte = ID kosong. Berapa byte yang cukup?
}

// Sudah jadi: nilai satu cookie dari header Cookie (versi ringkas parseCookieHeader pelajaran 02).
function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

// Sudah jadi: menjalankan fn tepat sebelum header response dikirim (cara kerja paket on-headers).
// Di situlah middleware tahu apakah route menaruh data di req.session.
function beforeHeaders(res: Response, fn: () => void) {
  const writeHead = res.writeHead as (...args: unknown[]) => Response;
  res.writeHead = function (this: Response, ...args: unknown[]) {
    res.writeHead = writeHead as Response['writeHead'];
    fn();
    return writeHead.apply(this, args);
  } as Response['writeHead'];
}

// Tugas 2: middleware session.
// - Baca ID dari cookie bernama cookieName, lalu cari datanya di store.
// - Mode ketat: ID yang TIDAK dikenal store dibuang. Jangan pernah memakainya sebagai ID baru.
// - req.session = data dari store, atau {} bila tidak ada.
// - Sebelum header dikirim (beforeHeaders): kalau req.session berisi data, simpan ke store;
//   kalau belum punya ID, buat dengan newSessionId() dan kirim
//   "Set-Cookie: <cookieName>=<id>; Path=/; HttpOnly; SameSite=Lax".
//   Session kosong: tidak disimpan, tidak ada Set-Cookie. Session yang SUDAH punya ID lalu
//   dikosongkan route: buang entrinya dengan store.destroy(id).
export function sessionMiddleware(options: { store: SessionStore; cookieName?: string }): RequestHandler {
  const { store, cookieName = 'sid' } = options;
  void store;
  void cookieName;
  void newSessionId;
  void readCookie;
  void beforeHeaders;

  return (req, _res, next) => {
    (req as unknown as WithSession).session = {};
    next();
  };
}

// Tugas 3: keranjang dari pelajaran 01 masih memakai variabel global — semua pengunjung berbagi.
// - Pasang sessionMiddleware dengan createMemoryStore({ idleTimeoutMs, now }) dan cookieName 'sid'.
// - Simpan keranjang di req.session.cart (baca lewat sessionOf(req)), bukan di `cart`.
// - Batasnya tetap: barang paling panjang 100 karakter, paling banyak 50 barang per keranjang
//   (per pengunjung, bukan untuk semua orang).
const MAX_ITEM_LENGTH = 100;
const MAX_CART_ITEMS = 50;
const cart: string[] = [];

export function createApp(options: { now?: () => number; idleTimeoutMs?: number } = {}) {
  const { now = Date.now, idleTimeoutMs = IDLE_TIMEOUT_MS } = options;
  void now;
  void idleTimeoutMs;
  const app = express();
  app.use(express.json());

  app.post('/cart', (req, res) => {
    const item = req.body?.item;
    if (typeof item !== 'string' || item.trim() === '') {
      res.status(400).json({ error: 'Kirim JSON berisi "item" berupa teks.' });
      return;
    }
    if (item.length > MAX_ITEM_LENGTH) {
      res.status(413).json({ error: `Nama barang paling panjang ${MAX_ITEM_LENGTH} karakter.` });
      return;
    }
    if (cart.length >= MAX_CART_ITEMS) {
      res.status(400).json({ error: `Keranjang sudah penuh: paling banyak ${MAX_CART_ITEMS} barang.` });
      return;
    }
    cart.push(item);
    res.status(201).json({ items: cart });
  });

  app.get('/cart', (_req, res) => {
    res.json({ items: cart });
  });

  // Sudah jadi: body yang rusak, terlalu besar, atau ber-charset asing dijawab dengan status dari
  // express.json (400/413/415) dan pesan singkat, bukan halaman error yang memuat stack trace.
  app.use((err: { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    res.status(err.status ?? 500).json({ error: 'Body request tidak bisa dibaca. Kirim JSON, misalnya {"item":"kopi"}.' });
  });

  return app;
}
