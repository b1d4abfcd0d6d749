// BENAR, ditulis lain: tidak memakai Content-Length sama sekali. Karena request mengirim
// "Connection: close", server menutup koneksi setelah response selesai, jadi semua byte
// sampai event 'end' adalah body. Header dipecah per baris dengan regex; keranjang menjawab 200.
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
  const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
  const request = `GET ${path} HTTP/1.1\r\nHost: ${host}:${port}\r\nConnection: close\r\n${extra}\r\n`;
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = net.createConnection({ host, port }, () => socket.end(request));
    socket.on('data', (c) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const raw = Buffer.concat(chunks);
      const end = raw.indexOf('\r\n\r\n');
      if (end < 0) return reject(new Error('Respons tidak lengkap.'));
      const head = raw.subarray(0, end).toString('latin1').split('\r\n');
      const status = /^HTTP\/1\.[01] (\d+)(?: (.*))?$/.exec(head.shift() ?? '');
      if (!status) return reject(new Error('Baris status tidak dikenali.'));
      const parsed: Record<string, string | string[]> = {};
      const cookies: string[] = [];
      for (const line of head) {
        const m = /^([^:]+):\s*(.*?)\s*$/.exec(line);
        if (!m) continue;
        const name = m[1]!.toLowerCase();
        if (name === 'set-cookie') cookies.push(m[2]!);
        else parsed[name] = m[2]!;
      }
      if (cookies.length) parsed['set-cookie'] = cookies;
      resolve({ status: Number(status[1]), statusText: status[2] ?? '', headers: parsed, body: raw.subarray(end + 4).toString('utf8') });
    });
  });
}

const items: string[] = [];

export function createApp() {
  const app = express();
  app.use(express.json());
  app.route('/cart')
    .get((_req, res) => {
      res.json({ items });
    })
    .post((req, res) => {
      const { item } = req.body ?? {};
      if (typeof item !== 'string' || !item.trim()) {
        res.status(400).json({ error: 'item wajib berupa teks.' });
        return;
      }
      items.push(item);
      res.json({ items });
    });
  return app;
}
