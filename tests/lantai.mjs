// Lantai untuk `npm run bench`: Node biasa, tanpa vitest, tanpa CLI. Memuat solusi rujukan yang
// sama (sudah diubah ke JavaScript oleh bench), menyalakan app-nya di 127.0.0.1 port 0, lalu
// mengirim request yang persis sama dengan yang dikirim checker (direkam lewat WORKBOOK_REKAM),
// satu per satu, dan membaca setiap jawaban sampai habis.
// Pemakaian: node tests/lantai.mjs <solusi.mjs> <request.jsonl>
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { pathToFileURL } from 'node:url';

const [reference, recorded] = process.argv.slice(2);
const { createApp } = await import(pathToFileURL(reference).href);
const requests = readFileSync(recorded, 'utf8').trim().split('\n').map((line) => JSON.parse(line));
const server = http.createServer(createApp());
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();

let statuses = 0;
for (const r of requests) {
  statuses += await new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: r.method, path: r.path, headers: r.headers }, (res) => {
      res.on('data', () => {});
      res.on('end', () => resolve(res.statusCode));
    });
    req.on('error', reject);
    req.end(r.body);
  });
}
server.closeAllConnections();
server.close();
console.log(`${requests.length} request, jumlah status ${statuses}`);
