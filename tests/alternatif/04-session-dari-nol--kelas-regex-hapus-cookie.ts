// Implementasi benar lain untuk pelajaran 04: store berbentuk kelas dengan expiresAt (entri
// kedaluwarsa disembunyikan di get, disapu habis di set), ID 24 byte seperti express-session,
// cookie dibaca dengan regex yang berjangkar, Set-Cookie ditulis lewat setHeader dengan urutan dan
// huruf atribut lain, session yang dikosongkan dibuang dari store sekaligus cookie-nya dihapus,
// batas keranjang dijawab 422/409, error body dijawab lewat res.type('json').send.
import { randomBytes } from 'node:crypto';
import express from 'express';
import type { NextFunction, Request, RequestHandler, Response } from 'express';

export interface SessionData {
  cart?: string[];
  [key: string]: unknown;
}
export interface SessionStore {
  get(id: string): SessionData | undefined;
  set(id: string, data: SessionData): void;
  destroy(id: string): void;
  size(): number;
}

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;

class MemoryStore implements SessionStore {
  private readonly entries = new Map<string, { data: SessionData; expiresAt: number }>();
  constructor(
    private readonly idleTimeoutMs: number,
    private readonly now: () => number,
  ) {}

  get(id: string) {
    const entry = this.entries.get(id);
    if (entry === undefined || this.now() >= entry.expiresAt) return undefined;
    entry.expiresAt = this.now() + this.idleTimeoutMs;
    return entry.data;
  }

  set(id: string, data: SessionData) {
    const t = this.now();
    for (const [key, entry] of [...this.entries]) if (t >= entry.expiresAt) this.entries.delete(key);
    this.entries.set(id, { data, expiresAt: t + this.idleTimeoutMs });
  }

  destroy(id: string) {
    this.entries.delete(id);
  }

  size() {
    return this.entries.size;
  }
}

export function createMemoryStore({ idleTimeoutMs, now = Date.now }: { idleTimeoutMs: number; now?: () => number }): SessionStore {
  return new MemoryStore(idleTimeoutMs, now);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export function sessionMiddleware({ store, cookieName = 'sid' }: { store: SessionStore; cookieName?: string }): RequestHandler {
  const pattern = new RegExp(`(?:^|;)\\s*${escapeRegExp(cookieName)}\\s*=\\s*([^;]*)`);
  const attrs = 'HttpOnly; Path=/; samesite=lax';

  return (req, res, next) => {
    const given = pattern.exec(req.headers.cookie ?? '')?.[1]?.trim();
    const known = given ? store.get(given) : undefined;
    const sid = known === undefined ? null : given!;
    const holder = req as unknown as { session: SessionData };
    holder.session = known ?? {};

    const original = res.writeHead;
    res.writeHead = function (this: Response, ...args: Parameters<Response['writeHead']>) {
      res.writeHead = original;
      const data = holder.session;
      const previous = res.getHeader('Set-Cookie');
      const cookies = previous === undefined ? [] : ([] as string[]).concat(previous as string | string[]);
      if (Object.keys(data).length > 0) {
        const id = sid ?? randomBytes(24).toString('base64url');
        store.set(id, data);
        if (sid === null) res.setHeader('Set-Cookie', [...cookies, `${cookieName}=${id}; ${attrs}`]);
      } else if (sid !== null) {
        store.destroy(sid);
        res.setHeader('Set-Cookie', [...cookies, `${cookieName}=; ${attrs}; Max-Age=0`]);
      }
      return original.apply(this, args);
    } as Response['writeHead'];
    next();
  };
}

export function createApp({ now = Date.now, idleTimeoutMs = IDLE_TIMEOUT_MS }: { now?: () => number; idleTimeoutMs?: number } = {}) {
  const app = express();
  app.use(express.json());
  app.use(sessionMiddleware({ store: createMemoryStore({ idleTimeoutMs, now }) }));

  const cartOf = (req: Request) => (req as unknown as { session: SessionData }).session;

  app.post('/cart', (req, res) => {
    const item: unknown = req.body?.item;
    if (typeof item !== 'string' || item.trim().length === 0) {
      res.status(400).json({ error: 'item harus berupa teks yang tidak kosong' });
      return;
    }
    if (item.length >= 101) {
      res.status(422).json({ error: 'item terlalu panjang (maksimal 100 karakter)' });
      return;
    }
    const session = cartOf(req);
    const items = session.cart ?? [];
    if (items.length === 50) {
      res.status(409).json({ error: 'keranjang penuh (maksimal 50 barang)' });
      return;
    }
    session.cart = items.concat(item);
    res.status(201).json({ items: session.cart });
  });

  app.get('/cart', (req, res) => {
    res.json({ items: cartOf(req).cart ?? [] });
  });

  app.use((err: { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    res
      .status(err.status && err.status < 500 ? err.status : 500)
      .type('json')
      .send(JSON.stringify({ error: 'body request tidak valid' }));
  });

  return app;
}
