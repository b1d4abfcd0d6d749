import http from 'node:http';
import type { RequestListener } from 'node:http';
import { describe, test } from 'vitest';
import { attempt, check, checkStatus, client, fail, listen, loadExercise, serve } from '#harness';

interface RawResponse {
  status: number;
  statusText: string;
  headers: Record<string, string | string[]>;
  body: string;
}
interface Exercise {
  sendRawRequest(host: string, port: number, path: string, headers?: Record<string, string>): Promise<RawResponse>;
  createApp(): RequestListener;
}

const mod = await loadExercise<Exercise>(import.meta.url);

// Server uji yang mencatat request mentah dan menjawab dengan header yang rumit.
let lastRequest = { method: '', url: '', headers: {} as http.IncomingHttpHeaders };
const body = 'Halo, dunia! ☕ (body ini lebih pendek dari yang terlihat?)';
const echo = await listen((req, res) => {
  lastRequest = { method: req.method ?? '', url: req.url ?? '', headers: req.headers };
  res.statusCode = 404;
  res.statusMessage = 'Not Found';
  res.setHeader('X-Kursus-Cookie', 'Belajar Session');
  res.setHeader('Set-Cookie', ['a=1; Path=/', 'b=2; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly']);
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
});

async function raw(path: string, headers?: Record<string, string>): Promise<RawResponse> {
  const timeout = new Promise<never>((_, reject) =>
    setTimeout(
      () =>
        reject(
          new Error(
            'sendRawRequest tidak selesai dalam 2 detik. Sudahkah kamu mengirim "Connection: close" dan menunggu event \'end\'?',
          ),
        ),
      2000,
    ).unref(),
  );
  return attempt('sendRawRequest', () => Promise.race([mod.sendRawRequest('127.0.0.1', echo.port, path, headers), timeout]));
}

describe('Tugas 1: sendRawRequest lewat node:net', () => {
  test('Tugas 1: request sampai ke server dengan path dan header yang benar', async () => {
    await raw('/halo?x=1', { 'X-Dari': 'kursus' });
    check(lastRequest.method === 'GET' && lastRequest.url === '/halo?x=1', 'server harus menerima baris request "GET /halo?x=1 HTTP/1.1".', {
      diharapkan: 'GET /halo?x=1',
      diterima: `${lastRequest.method} ${lastRequest.url}`,
    });
    check(lastRequest.headers['x-dari'] === 'kursus', 'header tambahan harus ikut terkirim.', {
      diharapkan: 'X-Dari: kursus',
      diterima: JSON.stringify(lastRequest.headers),
    });
    check(typeof lastRequest.headers.host === 'string', 'HTTP/1.1 mewajibkan header Host.', { diterima: JSON.stringify(lastRequest.headers) });
  });

  test('Tugas 1: baris status diurai jadi angka dan teks', async () => {
    const res = await raw('/');
    check(res.status === 404, 'status harus berupa angka dari baris status.', { diharapkan: 404, diterima: res.status });
    check(res.statusText === 'Not Found', 'statusText harus teks setelah kode status.', { diharapkan: 'Not Found', diterima: res.statusText });
  });

  test('Tugas 1: nama header jadi huruf kecil, Set-Cookie tetap berupa daftar', async () => {
    const res = await raw('/');
    check(res.headers['x-kursus-cookie'] === 'Belajar Session', 'nama header harus huruf kecil, nilainya utuh.', {
      diharapkan: "headers['x-kursus-cookie'] === 'Belajar Session'",
      diterima: JSON.stringify(res.headers),
    });
    const sc = res.headers['set-cookie'];
    check(Array.isArray(sc) && sc.length === 2 && sc[0] === 'a=1; Path=/' && sc[1]?.startsWith('b=2; Expires=Wed, 21 Oct 2026'), 'dua header Set-Cookie harus disimpan sebagai daftar berisi dua cookie, tidak digabung.', {
      diharapkan: ['a=1; Path=/', 'b=2; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly'],
      diterima: sc ?? '(tidak ada)',
    });
  });

  test('Tugas 1: body utuh, termasuk huruf UTF-8', async () => {
    const res = await raw('/');
    check(res.body === body, 'body harus sama persis dengan yang dikirim server.', { diharapkan: body, diterima: res.body });
  });
});

const server = await serve(mod.createApp());

describe('Tugas 2: keranjang di variabel global', () => {
  test('Tugas 2: POST /cart menambah barang, GET /cart menampilkannya', async () => {
    const a = client(server);
    const added = await a.post('/cart', { json: { item: 'buku' } });
    checkStatus(added, [200, 201]);
    const res = await a.get('/cart');
    checkStatus(res, 200);
    const items = res.json()?.items;
    check(Array.isArray(items) && items.includes('buku'), 'GET /cart harus menjawab JSON { "items": [...] } yang berisi barang tadi.', {
      diharapkan: '{ "items": ["buku"] }',
      diterima: res.body,
      res,
    });
  });

  test('Tugas 2: item kosong ditolak dengan 400', async () => {
    const res = await client(server).post('/cart', { json: { item: '' } });
    checkStatus(res, 400, 'POST /cart dengan item kosong harus ditolak dengan 400.');
    const res2 = await client(server).post('/cart', { json: {} });
    checkStatus(res2, 400, 'POST /cart tanpa item harus ditolak dengan 400.');
  });

  test('Tugas 2: klien B ikut melihat keranjang klien A — inilah masalahnya', async () => {
    const a = client(server);
    const b = client(server);
    await a.post('/cart', { json: { item: 'kopi-milik-A' } });
    const res = await b.get('/cart');
    const items = res.json()?.items;
    if (!Array.isArray(items)) fail('GET /cart harus menjawab JSON { "items": [...] }.', { diterima: res.body, res });
    check(items.includes('kopi-milik-A'), 'dengan variabel global, klien B seharusnya melihat barang klien A.', {
      diharapkan: 'items berisi "kopi-milik-A"',
      diterima: res.body,
      petunjuk: 'simpan keranjang di satu array di luar createApp, seperti pada berkas awal.',
      res,
    });
  });
});
