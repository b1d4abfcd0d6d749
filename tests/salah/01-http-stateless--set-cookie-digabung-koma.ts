// SALAH (sengaja): semua header berulang digabung dengan koma, termasuk Set-Cookie, lalu
// Set-Cookie dipecah lagi di setiap koma. Koma di dalam Expires ("Wed, 21 Oct 2026 ...")
// ikut terpotong, sehingga satu cookie terbelah jadi dua. Checker harus menolaknya.
import net from 'node:net';
import express from 'express';

export interface RawResponse {
  status: number;
  statusText: string;
  headers: Record<string, string | string[]>;
  body: string;
}

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
      socket.write(lines.join('\r\n') + '\r\n\r\n');
    });
    socket.on('data', (chunk) => chunks.push(chunk));
    socket.on('error', reject);
    socket.on('end', () => {
      const raw = Buffer.concat(chunks);
      const split = raw.indexOf('\r\n\r\n');
      const [statusLine = '', ...headerLines] = raw.subarray(0, split).toString('latin1').split('\r\n');
      const [, code = '0', ...text] = statusLine.split(' ');
      const joined: Record<string, string> = {};
      for (const line of headerLines) {
        const colon = line.indexOf(':');
        const name = line.slice(0, colon).trim().toLowerCase();
        const value = line.slice(colon + 1).trim();
        joined[name] = name in joined ? `${joined[name]}, ${value}` : value;
      }
      const result: Record<string, string | string[]> = { ...joined };
      if (joined['set-cookie']) result['set-cookie'] = joined['set-cookie'].split(',').map((s) => s.trim());
      let body = raw.subarray(split + 4);
      const length = Number(joined['content-length']);
      if (Number.isInteger(length)) body = body.subarray(0, length);
      resolve({ status: Number(code), statusText: text.join(' '), headers: result, body: body.toString('utf8') });
    });
  });
}

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
  return app;
}
