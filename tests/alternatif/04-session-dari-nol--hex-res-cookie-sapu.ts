// Implementasi benar lain untuk pelajaran 04: ID hex tepat 16 byte (128 bit, batas bawah),
// store berbasis Object.create(null) dengan expiresAt, pembersihan malas di get() plus sapuan
// penuh di set(), cookie lewat res.cookie(), dan penyimpanan di res.end hanya bila data berubah.
// Batas keranjang dicek sebelum menyentuh session, keduanya dijawab 413; error body lewat err.statusCode.
import { randomBytes } from 'node:crypto';
import express from 'express';
import type { ErrorRequestHandler, Request, RequestHandler, Response } from 'express';

export interface SessionData {
  cart?: string[];
  [key: string]: unknown;
}
const sessionOf = (req: Request) => (req as unknown as { session: SessionData }).session;
export interface SessionStore {
  get(id: string): SessionData | undefined;
  set(id: string, data: SessionData): void;
  destroy(id: string): void;
  size(): number;
}

export const IDLE_TIMEOUT_MS = 30 * 60 * 1000;

interface Entry {
  json: string;
  expiresAt: number;
}

export function createMemoryStore({ idleTimeoutMs, now = () => Date.now() }: { idleTimeoutMs: number; now?: () => number }): SessionStore {
  // Tanpa prototype: "__proto__" dan "constructor" hanyalah kunci biasa yang tidak ada.
  const entries: Record<string, Entry> = Object.create(null);

  const sweep = () => {
    const t = now();
    for (const id of Object.keys(entries)) if (entries[id]!.expiresAt <= t) delete entries[id];
  };

  return {
    get(id) {
      const entry = entries[id];
      if (entry === undefined) return undefined;
      if (entry.expiresAt <= now()) {
        delete entries[id];
        return undefined;
      }
      entry.expiresAt = now() + idleTimeoutMs;
      return JSON.parse(entry.json) as SessionData;
    },
    set(id, data) {
      sweep();
      entries[id] = { json: JSON.stringify(data), expiresAt: now() + idleTimeoutMs };
    },
    destroy(id) {
      delete entries[id];
    },
    size() {
      return Object.keys(entries).length;
    },
  };
}

function parseCookies(header = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const pair of header.split(/;\s*/)) {
    const [name, ...rest] = pair.split('=');
    if (name && rest.length && !out.has(name.trim())) out.set(name.trim(), rest.join('='));
  }
  return out;
}

export function sessionMiddleware({ store, cookieName = 'sid' }: { store: SessionStore; cookieName?: string }): RequestHandler {
  return (req, res, next) => {
    const fromCookie = parseCookies(req.headers.cookie).get(cookieName);
    const existing = fromCookie === undefined ? undefined : store.get(fromCookie);
    const sid = existing ? fromCookie : undefined;
    const before = JSON.stringify(existing ?? {});
    Object.assign(req, { session: existing ?? {} });

    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    res.end = ((...args: unknown[]) => {
      const session = sessionOf(req);
      const json = JSON.stringify(session);
      if (!sid && json !== '{}') {
        const id = randomBytes(16).toString('hex');
        res.cookie(cookieName, id, { httpOnly: true, sameSite: 'lax', path: '/' });
        store.set(id, session);
      } else if (sid && json === '{}') {
        store.destroy(sid);
      } else if (sid && json !== before) {
        store.set(sid, session);
      }
      return end(...args);
    }) as Response['end'];
    next();
  };
}

export function createApp({ now = Date.now, idleTimeoutMs = IDLE_TIMEOUT_MS }: { now?: () => number; idleTimeoutMs?: number } = {}) {
  const app = express();
  app.use(express.json());
  app.use(sessionMiddleware({ store: createMemoryStore({ idleTimeoutMs, now }), cookieName: 'sid' }));

  app.get('/cart', (req, res) => {
    const session = sessionOf(req);
    res.status(200).json({ items: session.cart ?? [] });
  });

  app.post('/cart', (req, res) => {
    const session = sessionOf(req);
    const item: unknown = req.body?.item;
    if (typeof item !== 'string' || !item.trim()) {
      res.status(400).json({ error: 'item wajib diisi' });
      return;
    }
    if (item.length > 100 || (session.cart?.length ?? 0) + 1 > 50) {
      res.status(413).json({ error: 'Barang maksimal 100 karakter dan keranjang maksimal 50 barang.' });
      return;
    }
    session.cart ??= [];
    session.cart.push(item);
    res.status(200).json({ items: session.cart });
  });

  const onError: ErrorRequestHandler = (err, _req, res, _next) => {
    res.status(Number(err?.statusCode) || 500).json({ error: 'Body tidak valid.' });
  };
  app.use(onError);

  return app;
}
