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

// Tugas 1: petugas penitipan. Tas yang tidak disentuh selama idleTimeoutMs dianggap hilang.
export function createMemoryStore(options: { idleTimeoutMs: number; now?: () => number }): SessionStore {
  const { idleTimeoutMs, now = Date.now } = options;
  // Map (bukan objek biasa) agar ID seperti "__proto__" tidak pernah cocok dengan apa pun.
  // Map juga mengingat urutan penyisipan: entri yang disentuh dihapus lalu dimasukkan lagi,
  // jadi entri yang paling lama diam selalu ada di depan.
  const entries = new Map<string, { data: SessionData; lastSeen: number }>();

  const expired = (entry: { lastSeen: number }) => now() - entry.lastSeen >= idleTimeoutMs;

  function touch(id: string, data: SessionData) {
    entries.delete(id);
    entries.set(id, { data, lastSeen: now() });
  }

  return {
    get(id) {
      const entry = entries.get(id);
      if (!entry || expired(entry)) return undefined; // yang kedaluwarsa dibuang oleh set() berikutnya
      touch(id, entry.data);
      return entry.data;
    },
    set(id, data) {
      // Setiap tulisan ikut membersihkan, jadi memori tidak bocor. Yang paling lama diam ada di
      // depan, jadi penelusuran berhenti di entri hidup pertama.
      for (const [oldId, entry] of entries) {
        if (!expired(entry)) break;
        entries.delete(oldId);
      }
      touch(id, data);
    },
    destroy(id) {
      entries.delete(id);
    },
    size: () => entries.size,
  };
}

// 32 byte dari CSPRNG = 256 bit; base64url = 43 karakter yang aman untuk cookie.
function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

function readCookie(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq !== -1 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}

/** Menjalankan fn tepat sebelum header response dikirim (cara kerja paket on-headers). */
function beforeHeaders(res: Response, fn: () => void) {
  const writeHead = res.writeHead as (...args: unknown[]) => Response;
  res.writeHead = function (this: Response, ...args: unknown[]) {
    res.writeHead = writeHead as Response['writeHead'];
    fn();
    return writeHead.apply(this, args);
  } as Response['writeHead'];
}

// Tugas 2: karcis di cookie, barangnya di store.
export function sessionMiddleware(options: { store: SessionStore; cookieName?: string }): RequestHandler {
  const { store, cookieName = 'sid' } = options;

  return (req, res, next) => {
    const incoming = readCookie(req.headers.cookie, cookieName);
    const stored = incoming ? store.get(incoming) : undefined;
    // Mode ketat: ID yang tidak dikenal store tidak pernah dipakai, jadi ID karangan penyerang
    // ditolak. ID sah yang penyerang minta dari server lalu ia tanam tetap bisa dipakai korban:
    // itu ditutup dengan ID baru saat login (pelajaran 06).
    let id = stored ? incoming : undefined;
    (req as unknown as WithSession).session = stored ?? {};

    beforeHeaders(res, () => {
      const data = sessionOf(req);
      if (Object.keys(data).length === 0) {
        if (id) store.destroy(id); // session dikosongkan: tidak ada lagi yang perlu diingat
        return; // tidak ada data, tidak ada cookie
      }
      if (!id) {
        id = newSessionId();
        res.append('Set-Cookie', `${cookieName}=${id}; Path=/; HttpOnly; SameSite=Lax`);
      }
      store.set(id, data);
    });
    next();
  };
}

// Tugas 3: keranjang pelajaran 01, kini satu per pengunjung, dengan batas agar satu pengunjung
// tidak bisa menghabiskan memori server.
const MAX_ITEM_LENGTH = 100;
const MAX_CART_ITEMS = 50;

export function createApp(options: { now?: () => number; idleTimeoutMs?: number } = {}) {
  const { now = Date.now, idleTimeoutMs = IDLE_TIMEOUT_MS } = options;
  const app = express();
  app.use(express.json());
  app.use(sessionMiddleware({ store: createMemoryStore({ idleTimeoutMs, now }), cookieName: 'sid' }));

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
    const session = sessionOf(req);
    const cart = session.cart ?? [];
    if (cart.length >= MAX_CART_ITEMS) {
      res.status(400).json({ error: `Keranjang sudah penuh: paling banyak ${MAX_CART_ITEMS} barang.` });
      return;
    }
    session.cart = [...cart, item];
    res.status(201).json({ items: session.cart });
  });

  app.get('/cart', (req, res) => {
    res.json({ items: sessionOf(req).cart ?? [] });
  });

  // express.json menolak body yang rusak (400), terlalu besar (413), atau ber-charset asing (415).
  // Jawab dengan status itu dan pesan singkat, bukan halaman error bawaan yang memuat stack trace.
  app.use((err: { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    res.status(err.status ?? 500).json({ error: 'Body request tidak bisa dibaca. Kirim JSON, misalnya {"item":"kopi"}.' });
  });

  return app;
}
