// Worker cadangan untuk pool.ts (JavaScript biasa: dimuat langsung oleh worker thread).
// Memuat paket berat dan runtime vitest (workers/threads.js) lebih dulu. Pesan vitest yang datang
// selama itu menunggu di antrean parentPort, jadi worker ini lalu berjalan seperti worker biasa.
// Kode latihan dan checker tidak pernah berjalan di sini sebelum vitest memintanya.
import { workerData } from 'node:worker_threads';

const { preload, entry, warmUp } = workerData;

await Promise.all(preload.map((name) => import(name).catch(() => {})));
if (warmUp) await exercise();
await import(entry);

/**
 * Mode pantau: request HTTP dan cookie jar dijalankan beberapa kali (seperti klien harness), supaya
 * kodenya sudah dikompilasi JIT saat checker berjalan.
 */
async function exercise() {
  const http = await import('node:http');
  const { CookieJar } = await import('tough-cookie');
  const server = http.createServer((req, res) => {
    res.setHeader('set-cookie', [`a=${encodeURIComponent(req.url)}; Path=/; HttpOnly`, 'b=2; Max-Age=60']);
    res.end('ok');
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}/`;
  const jar = new CookieJar();
  for (let i = 0; i < 40; i++) {
    const cookie = (await jar.getCookies(url)).map((c) => c.cookieString()).join('; ');
    const setCookies = await new Promise((resolve, reject) => {
      const req = http.request(`${url}${i}`, { headers: cookie ? { cookie } : {}, signal: AbortSignal.timeout(4000) }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.headers['set-cookie'] ?? []));
      });
      req.on('error', reject);
      req.end();
    });
    for (const sc of setCookies) await jar.setCookie(sc, url, { ignoreError: true });
  }
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
}
