import net from 'node:net';
import express, { type NextFunction, type Request, type Response } from 'express';

export interface RawResponse {
  status: number;
  statusText: string;
  /** Nama header huruf kecil. `set-cookie` selalu berupa daftar karena boleh berulang. */
  headers: Record<string, string | string[]>;
  body: string;
}

// Tugas 1: request HTTP ditulis sendiri, huruf demi huruf, lewat socket TCP.
export function sendRawRequest(
  host: string,
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, host);
    const chunks: Buffer[] = [];
    socket.on('connect', () => {
      const lines = [`GET ${path} HTTP/1.1`, `Host: ${host}:${port}`, 'Connection: close'];
      for (const [name, value] of Object.entries(headers)) lines.push(`${name}: ${value}`);
      // Baris kosong menandai akhir header.
      socket.write(lines.join('\r\n') + '\r\n\r\n');
    });
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      try {
        resolve(parseResponse(Buffer.concat(chunks)));
      } catch (err) {
        reject(err);
      }
    });
  });
}

function parseResponse(raw: Buffer): RawResponse {
  const split = raw.indexOf('\r\n\r\n');
  if (split === -1) throw new Error('Response tidak punya baris kosong pemisah header dan body.');
  const [statusLine = '', ...headerLines] = raw.subarray(0, split).toString('latin1').split('\r\n');
  const match = /^HTTP\/\d\.\d (\d{3}) ?(.*)$/.exec(statusLine);
  if (!match) throw new Error(`Baris status tidak dikenali: ${statusLine}`);

  const headers: Record<string, string | string[]> = {};
  for (const line of headerLines) {
    const colon = line.indexOf(':');
    if (colon === -1) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name === 'set-cookie') {
      // Set-Cookie tidak boleh digabung dengan koma: setiap baris satu cookie.
      headers[name] = [...((headers[name] as string[] | undefined) ?? []), value];
    } else {
      headers[name] = name in headers ? `${headers[name]}, ${value}` : value;
    }
  }

  let body = raw.subarray(split + 4);
  const length = Number(headers['content-length']);
  if (Number.isInteger(length)) body = body.subarray(0, length);
  return { status: Number(match[1]), statusText: match[2] ?? '', headers, body: body.toString('utf8') };
}

// Tugas 2: keranjang belanja di variabel global modul — sengaja naif.
const cart: string[] = [];

export function createApp() {
  const app = express();
  app.use(express.json());

  app.post('/cart', (req, res) => {
    const item = req.body?.item;
    if (typeof item !== 'string' || item.trim() === '') {
      res.status(400).json({ error: 'Kirim JSON berisi "item" berupa teks.' });
      return;
    }
    cart.push(item);
    res.status(201).json({ items: cart });
  });

  app.get('/cart', (_req, res) => {
    res.json({ items: cart });
  });

  // Body yang tidak bisa dibaca (mis. JSON rusak): jawaban singkat, tanpa stack trace.
  app.use((err: { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    res.status(err.status ?? 500).json({ error: 'Request tidak bisa diproses.' });
  });

  return app;
}
