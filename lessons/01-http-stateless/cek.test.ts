// Persyaratan pelajaran 01 (tugas, petunjuk, komentar awal.ts, teks) → tes yang menjaganya.
// Tugas 1, sendRawRequest:
// - "GET <path> HTTP/1.1", header tambahan, Host wajib → "Tugas 1: request sampai ke server dengan path
//   dan header yang benar"; HTTP/1.1, Host berisi host:port, Connection: close → "Tugas 1: request
//   memakai HTTP/1.1, Host host:port, dan Connection: close"
// - baris status jadi angka dan teks (boleh berspasi) → "Tugas 1: baris status diurai jadi angka dan teks"
// - nama header huruf kecil, set-cookie daftar tanpa digabung koma → "Tugas 1: nama header jadi huruf
//   kecil, Set-Cookie tetap berupa daftar"; satu Set-Cookie pun daftar → "Tugas 1: satu Set-Cookie pun
//   disimpan sebagai daftar"; potong di ":" pertama, header berulang tetap utuh → "Tugas 1: nilai header
//   yang berisi ":" tetap utuh"
// - server tak terhubung → reject; response terputus → tetap selesai (tidak menggantung); status tanpa
//   teks alasan → "Tugas 1: koneksi yang gagal ditolak, status tanpa teks alasan diterima"
// - body utuh dalam UTF-8 → "Tugas 1: body utuh, termasuk huruf UTF-8"; kumpulkan Buffer sampai 'end',
//   baru decode (response datang dalam banyak potongan, karakter terbelah) → "Tugas 1: response yang
//   datang dalam banyak potongan, terbelah di tengah karakter UTF-8"
// Tugas 2, keranjang:
// - POST /cart JSON menambah (201; 200 juga diterima), GET /cart → { items } → "Tugas 2: POST /cart
//   menambah barang, GET /cart menampilkannya"
// - keranjang awal kosong → "Tugas 2: POST /cart menambah barang, GET /cart menampilkannya"
// - item kosong/tidak ada, tanpa body → 400 → "Tugas 2: item kosong ditolak dengan 400"; bukan teks → 400 dan tidak
//   disimpan → "Tugas 2: item yang bukan teks ditolak dengan 400 dan tidak masuk keranjang"
// - JSON rusak → 400, tanpa stack trace di production → "Tugas 2: JSON yang rusak dijawab 400, tanpa
//   stack trace di production"
// - variabel global modul: dipakai bersama semua klien dan semua createApp() → "Tugas 2: klien B ikut
//   melihat keranjang klien A — inilah masalahnya", "Tugas 2: keranjang ada di variabel modul, dipakai
//   bersama setiap createApp()"
import http from 'node:http';
import type { RequestListener } from 'node:http';
import { describe, test } from 'vitest';
import { attempt, check, checkStatus, client, fail, listen, loadExercise, rawServer, serve, withEnv, withServer } from '#harness';

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
let lastRequest = { method: '', url: '', httpVersion: '', headers: {} as http.IncomingHttpHeaders };
const body = 'Halo, dunia! ☕ (body ini lebih pendek dari yang terlihat?)';
const echo = await listen((req, res) => {
  lastRequest = { method: req.method ?? '', url: req.url ?? '', httpVersion: req.httpVersion, headers: req.headers };
  res.statusCode = 404;
  res.statusMessage = 'Not Found';
  res.setHeader('X-Kursus-Cookie', 'Belajar Session');
  res.setHeader('Set-Cookie', ['a=1; Path=/', 'b=2; Expires=Wed, 21 Oct 2026 07:28:00 GMT; HttpOnly']);
  res.setHeader('Content-Type', 'text/plain; charset=utf-8');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  res.end(body);
});

// Server uji mentah (TCP) yang mengirim response dalam banyak potongan kecil: baris status terpotong,
// setiap karakter multi-byte (☕, 🍵, °, —) terbelah di tengah, dan "\r\n\r\n" pun terbelah.
const chunkedBody = 'Kopi ☕ dan teh 🍵 pada 25°C — selesai.';
const chunked = await rawServer(
  [
    'HTTP/1.1 203 Non-Authoritative Information',
    'X-Waktu: 10:30:00',
    'X: satu huruf',
    'X-Ulang: satu',
    'X-Ulang: dua',
    'Content-Type: text/plain; charset=utf-8',
    'Set-Cookie: satu=1; Path=/',
    `Content-Length: ${Buffer.byteLength(chunkedBody)}`,
    'Connection: close',
    '',
    chunkedBody,
  ].join('\r\n'),
);

// Response yang terputus sebelum baris kosong, dan baris status tanpa teks alasan.
const truncated = await rawServer('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n');
const noReason = await rawServer('HTTP/1.1 204\r\nConnection: close\r\n\r\n');

/** Hasil sendRawRequest: 'resolve', 'reject', atau 'menggantung' (tidak selesai dalam 2 detik). */
async function settle(port: number): Promise<{ how: 'resolve' | 'reject' | 'menggantung'; value?: unknown }> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<{ how: 'menggantung' }>((r) => (timer = setTimeout(() => r({ how: 'menggantung' }), 2000)));
  const run = (async () => {
    try {
      return { how: 'resolve' as const, value: await mod.sendRawRequest('127.0.0.1', port, '/') };
    } catch (err) {
      return { how: 'reject' as const, value: err };
    }
  })();
  try {
    return await Promise.race([run, hang]);
  } finally {
    clearTimeout(timer);
  }
}

async function raw(path: string, headers?: Record<string, string>, port = echo.port): Promise<RawResponse> {
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
  return attempt('sendRawRequest', () => Promise.race([mod.sendRawRequest('127.0.0.1', port, path, headers), timeout]));
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

  test('Tugas 1: request memakai HTTP/1.1, Host host:port, dan Connection: close', async () => {
    await raw('/versi');
    check(lastRequest.httpVersion === '1.1', 'baris request harus diakhiri "HTTP/1.1".', {
      diharapkan: 'GET /versi HTTP/1.1',
      diterima: `${lastRequest.method} ${lastRequest.url} HTTP/${lastRequest.httpVersion}`,
    });
    const host = String(lastRequest.headers.host ?? '').toLowerCase();
    check(host === `127.0.0.1:${echo.port}`, 'header Host harus berisi host dan port tujuan, karena port-nya bukan port bawaan HTTP (80).', {
      diharapkan: `Host: 127.0.0.1:${echo.port}`,
      diterima: lastRequest.headers.host === undefined ? '(tidak ada Host)' : `Host: ${lastRequest.headers.host}`,
    });
    check(String(lastRequest.headers.connection ?? '').toLowerCase() === 'close', 'request harus membawa "Connection: close" agar server menutup koneksi setelah menjawab.', {
      diharapkan: 'Connection: close',
      diterima: lastRequest.headers.connection === undefined ? '(tidak ada Connection)' : `Connection: ${lastRequest.headers.connection}`,
      petunjuk: 'tanpa Connection: close, event end baru datang saat server menyerah menunggu request berikutnya.',
    });
  });

  test('Tugas 1: response yang datang dalam banyak potongan, terbelah di tengah karakter UTF-8', async () => {
    const res = await raw('/potongan', {}, chunked.port);
    check(res.status === 203 && res.statusText === 'Non-Authoritative Information', 'baris status yang datang terpotong harus diurai utuh.', {
      diharapkan: '203 Non-Authoritative Information',
      diterima: `${res.status} ${res.statusText}`,
    });
    check(res.body === chunkedBody, 'body yang datang dalam banyak potongan harus sama persis dengan yang dikirim server.', {
      diharapkan: chunkedBody,
      diterima: res.body,
      petunjuk: res.body?.includes('\uFFFD')
        ? 'muncul "�": potongan di-decode satu per satu, padahal ☕ terbelah di antara dua potongan. Kumpulkan Buffer, Buffer.concat, baru toString.'
        : "tunggu event 'end' sebelum mengurai: response tidak datang dalam satu potongan.",
    });
  });

  test('Tugas 1: nilai header yang berisi ":" tetap utuh', async () => {
    const res = await raw('/potongan', {}, chunked.port);
    check(res.headers['x-waktu'] === '10:30:00', 'potong baris header di ":" yang PERTAMA saja: nilainya sendiri boleh berisi ":".', {
      diharapkan: "headers['x-waktu'] === '10:30:00'",
      diterima: JSON.stringify(res.headers),
    });
    check(res.headers['x'] === 'satu huruf', 'nama header satu huruf pun tetap header.', { diharapkan: "headers['x'] === 'satu huruf'", diterima: JSON.stringify(res.headers) });
    const repeated = res.headers['x-ulang'];
    const ok = ['satu, dua', 'satu,dua', 'satu', 'dua'].includes(String(repeated)) || (Array.isArray(repeated) && repeated.join() === 'satu,dua');
    check(ok, 'header yang berulang (selain Set-Cookie) boleh digabung dengan koma atau disimpan salah satu nilainya, tetapi nilainya harus utuh.', {
      diharapkan: "headers['x-ulang'] === 'satu, dua' (atau 'dua')",
      diterima: JSON.stringify(repeated ?? '(tidak ada)'),
    });
  });

  test('Tugas 1: koneksi yang gagal ditolak, status tanpa teks alasan diterima', async () => {
    // Response yang terputus boleh ditolak atau diterima apa adanya, asal Promise-nya selesai.
    const cut = await settle(truncated.port);
    check(cut.how !== 'menggantung', 'bila koneksi ditutup sebelum header selesai, sendRawRequest tetap harus selesai (resolve atau reject), bukan menggantung selamanya.', {
      diharapkan: 'Promise selesai',
      diterima: 'tidak selesai dalam 2 detik',
      petunjuk: "error yang dilempar saat mengurai di event 'end' harus diteruskan ke reject, jangan hanya dicatat.",
    });
    const closed = await listen(() => {});
    const port = closed.port;
    await closed.close();
    const refused = await settle(port);
    check(refused.how === 'reject', 'bila server tidak bisa dihubungi, sendRawRequest harus menolak (reject), bukan menggantung atau membuat proses berhenti.', {
      diharapkan: 'Promise ditolak (ECONNREFUSED)',
      diterima: refused.how,
      petunjuk: "socket.on('error', reject)",
    });
    const res = await raw('/', {}, noReason.port);
    check(res.status === 204 && res.statusText === '', 'baris status boleh tanpa teks alasan ("HTTP/1.1 204"): status 204, statusText kosong.', {
      diharapkan: { status: 204, statusText: '' },
      diterima: { status: res.status, statusText: res.statusText },
    });
  });

  test('Tugas 1: satu Set-Cookie pun disimpan sebagai daftar', async () => {
    const res = await raw('/potongan', {}, chunked.port);
    const sc = res.headers['set-cookie'];
    check(Array.isArray(sc) && sc.length === 1 && sc[0] === 'satu=1; Path=/', 'set-cookie selalu berupa daftar, juga bila hanya ada satu.', {
      diharapkan: ['satu=1; Path=/'],
      diterima: sc ?? '(tidak ada)',
    });
  });
});

const server = await serve(mod.createApp());

describe('Tugas 2: keranjang di variabel global', () => {
  test('Tugas 2: POST /cart menambah barang, GET /cart menampilkannya', async () => {
    const a = client(server);
    const empty = await a.get('/cart');
    check(JSON.stringify(empty.json()?.items) === '[]', 'sebelum ada yang menambah barang, GET /cart harus menjawab keranjang kosong.', {
      diharapkan: '{ "items": [] }',
      diterima: empty.body,
      res: empty,
    });
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

  test('Tugas 2: item yang bukan teks ditolak dengan 400 dan tidak masuk keranjang', async () => {
    for (const item of [42, ['buku'], { nama: 'buku' }, null, true]) {
      const res = await client(server).post('/cart', { json: { item } });
      checkStatus(res, 400, `POST /cart dengan item ${JSON.stringify(item)} (bukan teks) harus ditolak dengan 400.`);
    }
    const res = await client(server).get('/cart');
    const items = res.json()?.items;
    check(Array.isArray(items) && items.every((i: unknown) => typeof i === 'string' && i !== ''), 'barang yang ditolak tidak boleh masuk keranjang: periksa dulu, baru push.', {
      diharapkan: 'items hanya berisi teks yang tidak kosong',
      diterima: res.body,
      res,
    });
  });

  test('Tugas 2: JSON yang rusak dijawab 400, tanpa stack trace di production', async () => {
    const broken = { body: '{"item":', headers: { 'content-type': 'application/json' } };
    const res = await client(server).post('/cart', broken);
    checkStatus(res, 400, 'POST /cart dengan JSON yang rusak harus ditolak dengan 400, bukan error server.');
    const prodApp = await withEnv({ NODE_ENV: 'production' }, () => mod.createApp());
    await withEnv({ NODE_ENV: 'production' }, () =>
      withServer(prodApp, async (s) => {
        const prod = await client(s).post('/cart', broken);
        checkStatus(prod, 400, 'di production, JSON yang rusak juga harus dijawab 400.');
        check(!/node_modules|:\d+:\d+\)|SyntaxError/.test(prod.body), 'di production, jawaban untuk JSON yang rusak tidak boleh berisi stack trace.', {
          diterima: prod.body.slice(0, 200),
          res: prod,
        });
      }),
    );
  });

  test('Tugas 2: keranjang ada di variabel modul, dipakai bersama setiap createApp()', async () => {
    await withServer(mod.createApp(), async (second) => {
      const added = await client(second).post('/cart', { json: { item: 'teh-dari-app-kedua' } });
      checkStatus(added, [200, 201]);
    });
    const res = await client(server).get('/cart');
    const items = res.json()?.items;
    check(Array.isArray(items) && items.includes('teh-dari-app-kedua'), 'keranjang harus satu array di tingkat modul (di luar createApp), jadi app kedua pun menambah ke keranjang yang sama.', {
      diharapkan: 'items berisi "teh-dari-app-kedua"',
      diterima: res.body,
      petunjuk: 'pindahkan `const cart: string[] = []` ke luar createApp, seperti pada berkas awal.',
      res,
    });
  });

  test('Tugas 2: item kosong ditolak dengan 400', async () => {
    const res = await client(server).post('/cart', { json: { item: '' } });
    checkStatus(res, 400, 'POST /cart dengan item kosong harus ditolak dengan 400.');
    const res2 = await client(server).post('/cart', { json: {} });
    checkStatus(res2, 400, 'POST /cart tanpa item harus ditolak dengan 400.');
    const noBody = await client(server).post('/cart');
    checkStatus(noBody, 400, 'POST /cart tanpa body sama sekali harus ditolak dengan 400, bukan error server (req.body bisa undefined).');
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
