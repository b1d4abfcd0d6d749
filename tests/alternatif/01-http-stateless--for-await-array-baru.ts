// BENAR, ditulis lain: socket dibaca dengan `for await`, koneksi ditunggu dengan `once()` (koneksi
// yang ditolak langsung menolak promise), header dipecah dari teks latin1 lalu body di-decode UTF-8
// dari Buffer utuh. Keranjang ditukar dengan array baru setiap kali, tetap satu variabel modul.
import { once } from 'node:events';
import { Socket } from 'node:net';
import express, { type ErrorRequestHandler } from 'express';

export interface RawResponse {
  status: number;
  statusText: string;
  headers: Record<string, string | string[]>;
  body: string;
}

export async function sendRawRequest(
  host: string,
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  const socket = new Socket();
  socket.connect(port, host);
  await once(socket, 'connect');
  const extra = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  socket.write([`GET ${path} HTTP/1.1`, `Host: ${host}:${port}`, ...extra, 'Connection: close', '', ''].join('\r\n'));

  const parts: Buffer[] = [];
  for await (const part of socket) parts.push(part as Buffer);
  const all = Buffer.concat(parts);

  const text = all.toString('latin1');
  const gap = text.indexOf('\r\n\r\n');
  if (gap < 0) throw new Error('Response berhenti sebelum header selesai.');
  const [statusLine = '', ...lines] = text.slice(0, gap).split('\r\n');
  const [, code, reason = ''] = /^HTTP\/1\.[01] (\d{3})(?: (.*))?$/.exec(statusLine) ?? [];
  if (!code) throw new Error(`Baris status aneh: ${statusLine}`);

  const parsed: Record<string, string | string[]> = {};
  for (const line of lines) {
    const at = line.indexOf(':');
    if (at <= 0) continue;
    const key = line.slice(0, at).trim().toLowerCase();
    const value = line.slice(at + 1).trim();
    if (key === 'set-cookie') ((parsed[key] ??= []) as string[]).push(value);
    else parsed[key] = key in parsed ? `${parsed[key]}, ${value}` : value;
  }

  let body = all.subarray(gap + 4);
  const length = parsed['content-length'];
  if (typeof length === 'string' && /^\d+$/.test(length)) body = body.subarray(0, Number(length));
  return { status: Number(code), statusText: reason, headers: parsed, body: body.toString('utf8') };
}

let basket: readonly string[] = [];

const badJson: ErrorRequestHandler = (_err, _req, res, _next) => {
  res.status(400).json({ error: 'Body bukan JSON yang sah.' });
};

export function createApp() {
  const app = express();
  app.use(express.json());
  app.get('/cart', (_req, res) => {
    res.json({ items: basket });
  });
  app.post('/cart', (req, res) => {
    const item: unknown = req.body?.item;
    if (typeof item !== 'string' || item.trim().length === 0) {
      res.status(400).json({ error: 'Butuh "item" berupa teks.' });
      return;
    }
    basket = [...basket, item];
    res.status(201).json({ items: basket });
  });
  app.use(badJson);
  return app;
}
