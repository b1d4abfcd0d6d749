// Syarat pelajaran 05 (tugas, petunjuk, komentar awal.ts, teks) dan tes yang menjaganya:
// Tugas 1
// - GET /visits menjawab JSON { visits: n }: 1, 2, 3 untuk klien yang sama → "GET /visits menghitung 1, 2, 3 untuk klien yang sama"
// - hitungan disimpan di server (req.session), tidak di cookie → "GET /visits menghitung 1, 2, 3 untuk klien yang sama"
// - hitungan per klien, bukan variabel global → "setiap klien punya hitungan sendiri", "request tanpa cookie selalu mulai dari 1"
// Tugas 2
// - POST /cart { item } menambah barang: 201 (200 diterima) dengan isi keranjang { items } → "POST /cart menambah barang, GET /cart menampilkannya"
// - GET /cart { items } milik klien itu saja, urut → "POST /cart menambah barang, …", "klien baru melihat keranjang kosong", "keranjang dua klien terpisah"
// - item kosong, spasi saja, tidak ada, tanpa body, JSON rusak → 400 (bukan 5xx) → "item kosong atau tidak ada ditolak dengan 400"
// Tugas 3
// - cookie "sid", HttpOnly, SameSite=Lax, Path=/ → "cookie session bernama "sid" dengan HttpOnly, SameSite=Lax, Path=/"
// - maxAge dalam milidetik: umur cookie, bila ada, minimal 1 menit → "cookie session bernama "sid" …"
// - ditandatangani dengan options.secret → "nilai sid ditandatangani dengan secret dari opsi createApp"
// - lalu SESSION_SECRET; opsi menang → "tanpa opsi secret, SESSION_SECRET yang dipakai; opsi secret menang"
// - lalu cadangan dengan peringatan (juga bila SESSION_SECRET kosong) → "tanpa secret sama sekali app tetap jalan …"
// - array secret: pertama menandatangani, semua memverifikasi → "secret berupa array: …"
// - signature atau ID palsu → session baru → "signature palsu atau ID tanpa signature …", "cookie palsu tidak membuka keranjang orang lain"
// - saveUninitialized: false → "pengunjung anonim tidak mendapat cookie (GET /cart)"
// - resave: false → "request yang hanya membaca tidak menulis ulang session ke store (resave: false)"
// - session ID dari CSPRNG, ≥ 128 bit (ASVS 5.0 7.2.3) → "session ID dari CSPRNG, unik, ≥ 128 bit"
// - production: Secure, trust proxy → "NODE_ENV=production di balik proxy HTTPS: …", "… tidak pernah dikirim tanpa Secure"
// - hanya 'production' yang production: tanpa Secure dan tanpa trust proxy di luar itu → "di luar production …"
import { createHmac } from 'node:crypto';
import type { RequestListener } from 'node:http';
import session from 'express-session';
import { describe, onTestFinished, test, vi } from 'vitest';
import {
  attempt,
  check,
  checkStatus,
  type Client,
  client,
  fail,
  findSetCookie,
  idBits,
  loadExercise,
  MINUTE,
  parseSetCookie,
  type ParsedSetCookie,
  type Res,
  SECOND,
  serve,
  withEnv,
  withPredictableRandom,
  withServer,
} from '#harness';

interface Exercise {
  createApp(options?: { secret?: string | string[] }): RequestListener;
}

const mod = await loadExercise<Exercise>(import.meta.url);

const SECRET = 'rahasia-checker-pelajaran-05';

// Seperti sandbox: bukan production, tanpa SESSION_SECRET; secret datang dari opsi.
const DEV = { NODE_ENV: undefined, SESSION_SECRET: undefined };

async function makeApp(label: string, env: Record<string, string | undefined>, options?: { secret?: string | string[] }) {
  return withEnv(env, () => attempt(`createApp(${label})`, () => mod.createApp(options)));
}

const server = await serve(await makeApp(`{ secret: '${SECRET}' }`, DEV, { secret: SECRET }));

function visitsOf(res: Res): number {
  checkStatus(res, 200, 'GET /visits harus menjawab 200.');
  const body = res.json<{ visits?: unknown }>();
  check(typeof body?.visits === 'number', 'GET /visits harus menjawab JSON { "visits": <angka> }.', {
    diharapkan: '{ "visits": 1 }',
    diterima: res.body,
    res,
  });
  return body.visits as number;
}

function itemsOf(res: Res): string[] {
  checkStatus(res, 200, 'GET /cart harus menjawab 200.');
  const body = res.json<{ items?: unknown }>();
  if (!Array.isArray(body?.items)) {
    fail('GET /cart harus menjawab JSON { "items": [...] }.', { diharapkan: '{ "items": [] }', diterima: res.body, res });
  }
  return body.items as string[];
}

/** Cookie "sid" dari response, dengan pesan yang menunjuk ke opsi `name` bila tidak ada. */
function sidCookie(res: Res): ParsedSetCookie {
  const sid = findSetCookie(res, 'sid');
  if (!sid) {
    fail(`response ${res.exchange.method} ${res.exchange.url} harus mengirim cookie session bernama "sid".`, {
      diharapkan: 'Set-Cookie: sid=s%3A...; Path=/; HttpOnly; SameSite=Lax',
      diterima: res.setCookies.length ? res.setCookies.join(' | ') : '(tidak ada Set-Cookie)',
      petunjuk: res.setCookies.some((c) => c.startsWith('connect.sid='))
        ? 'connect.sid adalah nama bawaan express-session; ganti dengan opsi name: "sid".'
        : 'pasang express-session dengan opsi name: "sid".',
      res,
    });
  }
  return sid;
}

/** Cookie "sid" yang kini disimpan browser (jar); gagal dengan jelas bila tidak ada. */
async function jarSid(browser: Client, res: Res): Promise<string> {
  const value = await browser.cookie('sid');
  if (!value) {
    const all = await browser.jar.getCookieString(browser.base);
    fail('browser harus menyimpan cookie session bernama "sid" dari server.', {
      diharapkan: 'sid=s%3A<id>.<signature>',
      diterima: all || '(cookie jar kosong)',
      petunjuk: all.includes('connect.sid=') ? 'connect.sid adalah nama bawaan express-session; ganti dengan opsi name: "sid".' : undefined,
      res,
    });
  }
  return value;
}

/** Memecah nilai cookie express-session: s%3A<id>.<signature>. */
function splitSigned(c: ParsedSetCookie, res: Res): { id: string; signature: string } {
  let decoded = c.value;
  try {
    decoded = decodeURIComponent(c.value);
  } catch {
    // biarkan mentah; pemeriksaan di bawah akan gagal dengan pesan jelas
  }
  const dot = decoded.lastIndexOf('.');
  check(decoded.startsWith('s:') && dot > 2, 'nilai cookie sid harus ditandatangani express-session: s:<id>.<signature> (di header tertulis s%3A...).', {
    diharapkan: 'sid=s%3A<id>.<signature>',
    diterima: c.raw,
    res,
  });
  return { id: decoded.slice(2, dot), signature: decoded.slice(dot + 1) };
}

/** Signature gaya cookie-signature: HMAC-SHA256, base64 tanpa "=". */
function sign(id: string, secret: string): string {
  return createHmac('sha256', secret).update(id).digest('base64').replace(/=+$/, '');
}

function sidHeader(id: string, signature: string): string {
  return `sid=${encodeURIComponent(`s:${id}.${signature}`)}`;
}

/** Session ID di dalam cookie sid dari response ini. */
function sidOf(res: Res): string {
  return splitSigned(sidCookie(res), res).id;
}

/**
 * Mencatat setiap ID yang ditulis (store.set) ke MemoryStore express-session sampai tes selesai.
 * Metode aslinya tetap dijalankan; yang dicatat hanya siapa yang ditulis.
 */
function spyStoreWrites(): string[] {
  const proto = session.MemoryStore.prototype;
  const original = proto.set;
  const written: string[] = [];
  proto.set = function (this: session.MemoryStore, sid: string, ...rest: unknown[]) {
    written.push(sid);
    return (original as (...a: unknown[]) => void).call(this, sid, ...rest);
  };
  onTestFinished(() => {
    proto.set = original;
  });
  return written;
}

/** Peringatan yang dicetak (console.*, process.emitWarning, process.stderr) selama `fn`. */
async function warningsDuring(fn: () => Promise<void>): Promise<string[]> {
  const seen: string[] = [];
  const record = (...args: unknown[]) => {
    seen.push(args.map(String).join(' '));
  };
  const spies = [
    ...(['warn', 'error', 'log', 'info', 'debug'] as const).map((m) => vi.spyOn(console, m).mockImplementation(record)),
    vi.spyOn(process, 'emitWarning').mockImplementation(record),
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
      record(chunk);
      return true;
    }),
  ];
  try {
    await fn();
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
  return seen;
}

/** Ganti karakter pertama dengan karakter lain yang tetap sah di base64/base64url. */
function flipFirst(text: string): string {
  return (text.startsWith('A') ? 'B' : 'A') + text.slice(1);
}

describe('Tugas 1: penghitung kunjungan per klien', () => {
  test('Tugas 1: GET /visits menghitung 1, 2, 3 untuk klien yang sama', async () => {
    const browser = client(server);
    for (const expected of [1, 2, 3]) {
      const res = await browser.get('/visits');
      const visits = visitsOf(res);
      check(visits === expected, `kunjungan ke-${expected} dari klien yang sama harus menghasilkan visits ${expected}.`, {
        diharapkan: { visits: expected },
        diterima: res.body,
        petunjuk: 'simpan hitungan di req.session.visits, bukan di variabel global.',
        res,
      });
    }
    const cookies = await browser.jar.getCookies(server.url, { allPaths: true });
    check(cookies.length > 0, 'hitungan harus bertahan lewat session: browser harus menerima cookie session.', {
      diterima: '(cookie jar kosong)',
      res: browser.last ? { exchange: browser.last } : undefined,
    });
    const leaked = cookies.find((c) => decodeURIComponent(c.value) === '3');
    check(!leaked, 'hitungan harus disimpan di server (req.session), bukan di cookie yang bisa diubah pengguna.', {
      diterima: leaked?.toString(),
    });
  });

  test('Tugas 1: setiap klien punya hitungan sendiri', async () => {
    const a = client(server);
    const b = client(server);
    await a.get('/visits');
    await a.get('/visits');
    const first = await b.get('/visits');
    check(visitsOf(first) === 1, 'klien baru harus mulai dari visits 1, tidak melanjutkan hitungan klien lain.', {
      diharapkan: { visits: 1 },
      diterima: first.body,
      petunjuk: 'variabel di luar handler dipakai bersama semua pengunjung (ingat pelajaran 01).',
      res: first,
    });
    const again = await a.get('/visits');
    check(visitsOf(again) === 3, 'hitungan klien A tidak boleh terganggu oleh kunjungan klien B.', {
      diharapkan: { visits: 3 },
      diterima: again.body,
      res: again,
    });
  });

  test('Tugas 1: request tanpa cookie selalu mulai dari 1', async () => {
    for (let i = 0; i < 2; i++) {
      const res = await client(server).get('/visits', { cookies: false });
      check(visitsOf(res) === 1, 'request tanpa cookie (seperti curl tanpa -b) adalah klien baru: visits harus 1.', {
        diharapkan: { visits: 1 },
        diterima: res.body,
        res,
      });
    }
  });
});

describe('Tugas 2: keranjang belanja di session', () => {
  test('Tugas 2: POST /cart menambah barang, GET /cart menampilkannya', async () => {
    const browser = client(server);
    const sofar: string[] = [];
    for (const item of ['kopi', 'teh']) {
      const added = await browser.post('/cart', { json: { item } });
      checkStatus(added, [200, 201], `POST /cart { "item": "${item}" } harus berhasil (201 atau 200).`);
      sofar.push(item);
      const body = added.json<{ items?: unknown }>();
      check(JSON.stringify(body?.items) === JSON.stringify(sofar), `POST /cart harus menjawab dengan isi keranjang klien ini: { "items": [...] }.`, {
        diharapkan: { items: sofar },
        diterima: added.body,
        res: added,
      });
    }
    const res = await browser.get('/cart');
    const items = itemsOf(res);
    check(items.length === 2 && items[0] === 'kopi' && items[1] === 'teh', 'GET /cart harus menampilkan barang klien ini, urut sesuai waktu ditambahkan.', {
      diharapkan: { items: ['kopi', 'teh'] },
      diterima: res.body,
      res,
    });
  });

  test('Tugas 2: klien baru melihat keranjang kosong', async () => {
    await client(server).post('/cart', { json: { item: 'buku-orang-lain' } });
    const res = await client(server).get('/cart');
    const items = itemsOf(res);
    check(items.length === 0, 'klien yang belum menambah apa pun harus melihat keranjang kosong.', {
      diharapkan: { items: [] },
      diterima: res.body,
      petunjuk: 'simpan keranjang di req.session.cart, bukan di variabel global.',
      res,
    });
  });

  test('Tugas 2: keranjang dua klien terpisah', async () => {
    const a = client(server);
    const b = client(server);
    await a.post('/cart', { json: { item: 'kopi-milik-A' } });
    await b.post('/cart', { json: { item: 'teh-milik-B' } });
    const resA = await a.get('/cart');
    const resB = await b.get('/cart');
    const itemsA = itemsOf(resA);
    const itemsB = itemsOf(resB);
    check(!itemsB.includes('kopi-milik-A'), 'klien B tidak boleh melihat barang klien A.', { diterima: resB.body, res: resB });
    check(itemsA.length === 1 && itemsA[0] === 'kopi-milik-A', 'keranjang klien A hanya berisi barang A.', {
      diharapkan: { items: ['kopi-milik-A'] },
      diterima: resA.body,
      res: resA,
    });
  });

  test('Tugas 2: item kosong atau tidak ada ditolak dengan 400', async () => {
    const browser = client(server);
    for (const json of [{ item: '' }, { item: '   ' }, {}]) {
      const res = await browser.post('/cart', { json });
      checkStatus(res, 400, `POST /cart dengan ${JSON.stringify(json)} harus ditolak dengan 400.`);
    }
    const empty = await browser.post('/cart');
    checkStatus(empty, 400, 'POST /cart tanpa body sama sekali (curl -X POST) harus ditolak dengan 400, bukan error server.');
    const broken = await browser.post('/cart', { body: '{"item": "kopi"', headers: { 'content-type': 'application/json' } });
    checkStatus(broken, 400, 'POST /cart dengan JSON rusak harus ditolak dengan 400 (status dari express.json), bukan error server.');
  });
});

describe('Tugas 3: konfigurasi express-session yang aman', () => {
  test('Tugas 3: cookie session bernama "sid" dengan HttpOnly, SameSite=Lax, Path=/', async () => {
    const res = await client(server).get('/visits');
    const sid = sidCookie(res);
    check(sid.attrs.httponly === true, 'cookie sid harus HttpOnly agar JavaScript di halaman tidak bisa membacanya.', {
      diharapkan: 'HttpOnly',
      diterima: sid.raw,
      res,
    });
    check(String(sid.attrs.samesite ?? '').toLowerCase() === 'lax', 'cookie sid harus SameSite=Lax.', {
      diharapkan: 'SameSite=Lax',
      diterima: sid.raw,
      petunjuk: "express-session tidak menulis SameSite kecuali kamu minta: cookie: { sameSite: 'lax' }.",
      res,
    });
    check(sid.attrs.path === '/', 'cookie sid harus berlaku untuk seluruh situs (Path=/).', { diharapkan: 'Path=/', diterima: sid.raw, res });
    // Umur boleh tidak ada (session cookie); bila ada, maxAge express-session dalam MILIDETIK.
    const maxAge = Number(sid.attrs['max-age']);
    const expires = typeof sid.attrs.expires === 'string' ? Date.parse(sid.attrs.expires) - Date.parse(res.headers.get('date') ?? '') : NaN;
    const lifetime = Number.isFinite(maxAge) ? maxAge * SECOND : expires;
    check(Number.isNaN(lifetime) || lifetime >= MINUTE - SECOND, 'umur cookie sid terlalu pendek: session hilang hampir seketika.', {
      diharapkan: 'tanpa umur (session cookie), atau minimal 1 menit, mis. maxAge: 30 * 60 * 1000',
      diterima: `${sid.raw} (≈ ${Math.round(lifetime / SECOND)} detik setelah header Date)`,
      petunjuk: 'cookie.maxAge express-session dalam MILIDETIK, bukan detik: 1800 berarti 1,8 detik.',
      res,
    });
  });

  test('Tugas 3: nilai sid ditandatangani dengan secret dari opsi createApp', async () => {
    const res = await client(server).get('/visits');
    const sid = sidCookie(res);
    check(sid.value.startsWith('s%3A'), 'nilai cookie sid harus ditandatangani: diawali s%3A (yaitu "s:" yang di-encode).', {
      diharapkan: 'sid=s%3A<id>.<signature>',
      diterima: sid.raw,
      res,
    });
    const { id, signature } = splitSigned(sid, res);
    check(signature === sign(id, SECRET), 'cookie sid harus ditandatangani dengan secret dari createApp({ secret }).', {
      diharapkan: `signature HMAC dengan secret "${SECRET}"`,
      diterima: sid.raw,
      petunjuk: 'pakai options.secret bila ada, lalu process.env.SESSION_SECRET, baru cadangan.',
      res,
    });
  });

  test('Tugas 3: pengunjung anonim tidak mendapat cookie (GET /cart)', async () => {
    const res = await client(server).get('/cart');
    check(res.setCookies.length === 0, 'GET /cart dari klien baru hanya membaca; jangan kirim Set-Cookie sebelum session berisi data.', {
      diharapkan: '(tidak ada Set-Cookie)',
      diterima: res.setCookies.join(' | '),
      petunjuk: 'saveUninitialized: false.',
      res,
    });
  });

  test('Tugas 3: signature palsu atau ID tanpa signature memulai session baru', async () => {
    const owner = client(server);
    await owner.get('/visits');
    const second = await owner.get('/visits');
    const original = await jarSid(owner, second);
    const { id, signature } = splitSigned({ name: 'sid', value: original, attrs: {}, raw: `sid=${original}` }, second);
    const forgeries = [
      { what: 'signature diubah satu karakter', cookie: sidHeader(id, flipFirst(signature)) },
      { what: 'ID diubah, signature lama dipakai', cookie: sidHeader(flipFirst(id), signature) },
      { what: 'ID tanpa signature', cookie: `sid=${encodeURIComponent(id)}` },
    ];
    for (const { what, cookie } of forgeries) {
      const res = await client(server).get('/visits', { headers: { cookie } });
      check(visitsOf(res) === 1, `cookie sid palsu (${what}) harus ditolak: hitungan mulai lagi dari 1.`, {
        diharapkan: { visits: 1 },
        diterima: res.body,
        res,
      });
      const fresh = sidCookie(res);
      check(splitSigned(fresh, res).id !== id, `cookie sid palsu (${what}) harus diganti dengan sid baru.`, {
        diharapkan: 'Set-Cookie: sid dengan ID baru',
        diterima: fresh.raw,
        res,
      });
    }
    const after = await owner.get('/visits');
    check(visitsOf(after) === 3, 'pemilik asli session harus tetap bisa melanjutkan hitungannya.', {
      diharapkan: { visits: 3 },
      diterima: after.body,
      res: after,
    });
  });

  test('Tugas 3: cookie palsu tidak membuka keranjang orang lain', async () => {
    const owner = client(server);
    const added = await owner.post('/cart', { json: { item: 'jam-tangan' } });
    const original = await jarSid(owner, added);
    const { id, signature } = splitSigned({ name: 'sid', value: original, attrs: {}, raw: `sid=${original}` }, added);
    const res = await client(server).get('/cart', { headers: { cookie: sidHeader(id, flipFirst(signature)) } });
    check(itemsOf(res).length === 0, 'cookie sid dengan signature palsu harus dianggap klien baru: keranjang kosong.', {
      diharapkan: { items: [] },
      diterima: res.body,
      res,
    });
  });

  test('Tugas 3: tanpa opsi secret, SESSION_SECRET yang dipakai; opsi secret menang', async () => {
    const fromEnv = 'rahasia-dari-lingkungan-05';
    const app = await makeApp('', { ...DEV, SESSION_SECRET: fromEnv });
    await withServer(app, async (s) => {
      const res = await client(s).get('/visits');
      const { id, signature } = splitSigned(sidCookie(res), res);
      check(signature === sign(id, fromEnv), 'tanpa opsi secret, cookie harus ditandatangani dengan process.env.SESSION_SECRET.', {
        diharapkan: `signature HMAC dengan SESSION_SECRET "${fromEnv}"`,
        diterima: res.setCookies.join(' | '),
        res,
      });
    });
    const both = await makeApp(`{ secret: '${SECRET}' }`, { ...DEV, SESSION_SECRET: fromEnv }, { secret: SECRET });
    await withServer(both, async (s) => {
      const res = await client(s).get('/visits');
      const { id, signature } = splitSigned(sidCookie(res), res);
      check(signature === sign(id, SECRET), 'bila createApp menerima { secret }, secret itu yang dipakai, bukan SESSION_SECRET.', {
        diharapkan: `signature HMAC dengan secret "${SECRET}"`,
        diterima: res.setCookies.join(' | '),
        res,
      });
    });
  });

  test('Tugas 3: tanpa secret sama sekali app tetap jalan (cadangan untuk pengembangan) dan memperingatkan', async () => {
    for (const [label, env] of [
      ['tanpa SESSION_SECRET', DEV],
      ['SESSION_SECRET kosong', { ...DEV, SESSION_SECRET: '' }],
    ] as const) {
      let second: Res | undefined;
      const warnings = await warningsDuring(async () => {
        const app = await makeApp('', env);
        await withServer(app, async (s) => {
          const browser = client(s);
          const first = await browser.get('/visits');
          check(first.status === 200, `dengan secret cadangan (${label}), GET /visits harus tetap berhasil.`, {
            diharapkan: 200,
            diterima: first.status,
            petunjuk: "SESSION_SECRET='' (baris kosong di .env) bukan secret: anggap tidak ada, lalu pakai cadangan.",
            res: first,
          });
          splitSigned(sidCookie(first), first);
          second = await browser.get('/visits');
        });
      });
      check(visitsOf(second!) === 2, `dengan secret cadangan (${label}), session tetap harus berfungsi.`, {
        diharapkan: { visits: 2 },
        diterima: second!.body,
        res: second,
      });
      check(warnings.length > 0, `${label}, app harus menulis peringatan di konsol saat memakai secret cadangan.`, {
        diharapkan: "console.warn('Peringatan: SESSION_SECRET belum diisi …')",
        diterima: '(tidak ada keluaran di konsol)',
        petunjuk: 'peringatan itu yang mencegah secret cadangan terbawa ke production tanpa disadari.',
      });
    }
  });

  test('Tugas 3: secret berupa array: yang pertama menandatangani, semuanya memverifikasi', async () => {
    const secrets = ['kunci-baru-05', 'kunci-lama-05'];
    const app = await makeApp(`{ secret: ${JSON.stringify(secrets)} }`, DEV, { secret: secrets });
    await withServer(app, async (s) => {
      const first = await client(s).get('/visits');
      const { id, signature } = splitSigned(sidCookie(first), first);
      check(signature === sign(id, secrets[0]!), 'dengan secret berupa array, cookie baru ditandatangani dengan secret PERTAMA.', {
        diharapkan: `signature HMAC dengan "${secrets[0]}"`,
        diterima: first.setCookies.join(' | '),
        petunjuk: 'teruskan array itu apa adanya ke opsi secret express-session.',
        res: first,
      });
      const old = await client(s).get('/visits', { headers: { cookie: sidHeader(id, sign(id, secrets[1]!)) } });
      check(visitsOf(old) === 2, 'cookie yang ditandatangani dengan secret lama (kedua) masih harus diterima selama rotasi.', {
        diharapkan: { visits: 2 },
        diterima: old.body,
        res: old,
      });
      const foreign = await client(s).get('/visits', { headers: { cookie: sidHeader(id, sign(id, 'kunci-asing')) } });
      check(visitsOf(foreign) === 1, 'cookie yang ditandatangani dengan secret yang tidak dikenal harus ditolak.', {
        diharapkan: { visits: 1 },
        diterima: foreign.body,
        res: foreign,
      });
    });
  });

  test('Tugas 3: request yang hanya membaca tidak menulis ulang session ke store (resave: false)', async () => {
    const written = spyStoreWrites();
    const browser = client(server);
    const added = await browser.post('/cart', { json: { item: 'kopi' } });
    const id = splitSigned({ name: 'sid', value: await jarSid(browser, added), attrs: {}, raw: '' }, added).id;
    // Bila app memakai store lain, MemoryStore tidak pernah ditulis dan tes ini tidak bisa menilai.
    if (!written.includes(id)) return;
    written.length = 0;
    const res = await browser.get('/cart');
    check(itemsOf(res).length === 1, 'GET /cart harus menampilkan barang yang baru ditambahkan.', { diharapkan: { items: ['kopi'] }, diterima: res.body, res });
    check(!written.includes(id), 'GET /cart tidak mengubah session, jadi session tidak boleh ditulis ulang ke store.', {
      diharapkan: 'store.set tidak dipanggil (cukup store.touch)',
      diterima: `store.set("${id}", …) dipanggil di akhir GET /cart`,
      petunjuk: 'resave: false. Dengan resave: true, request yang hanya membaca bisa menimpa perubahan request lain yang berjalan bersamaan.',
      res,
    });
  });

  test('Tugas 3: session ID dari CSPRNG, unik, ≥ 128 bit', async () => {
    const fresh = async () => {
      const res = await client(server).get('/visits');
      return { id: sidOf(res), res };
    };
    const [a, b] = await withPredictableRandom(async () => [await fresh(), await fresh()]);
    check(a.id === b.id, 'session ID harus seluruhnya berasal dari generator acak kriptografis (crypto.randomBytes).', {
      diharapkan: 'ID yang sama dua kali ketika crypto.randomBytes dibuat selalu mengembalikan byte yang sama',
      diterima: `${a.id} lalu ${b.id}: ID-mu ikut dibentuk dari waktu, penghitung, atau Math.random`,
      petunjuk: 'biarkan express-session membuat ID (tanpa opsi genid: 24 byte dari crypto.randomBytes), atau genid: () => randomBytes(32).toString("base64url").',
      res: b.res,
    });
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) ids.push((await fresh()).id);
    check(new Set(ids).size === ids.length, 'setiap session baru harus mendapat ID yang berbeda.', {
      diharapkan: '100 ID unik',
      diterima: `${new Set(ids).size} ID unik, misalnya ${ids.slice(0, 3).join(', ')}`,
    });
    const { capacity, observed, format } = idBits(ids);
    check(capacity >= 128 && observed >= 120, 'session ID harus memuat setidaknya 128 bit acak (OWASP ASVS 5.0, 7.2.3).', {
      diharapkan: 'mis. ID bawaan express-session: 32 karakter base64url (192 bit)',
      diterima: `${ids[0]} (${ids[0]!.length} karakter ${format} ≈ ${capacity} bit, ${observed} bit yang berubah antar-ID)`,
      petunjuk: format.startsWith('UUID')
        ? 'crypto.randomUUID() hanya membawa 122 bit acak. Hapus genid, atau pakai randomBytes(32).toString("base64url").'
        : 'hapus genid buatanmu, atau ambil 16 byte atau lebih dari crypto.randomBytes.',
    });
  });

  test('Tugas 3: di luar production (NODE_ENV kosong, development, test): tanpa Secure dan tanpa trust proxy', async () => {
    for (const nodeEnv of [undefined, 'development', 'test']) {
      const label = `NODE_ENV=${nodeEnv ?? '(kosong)'}`;
      const app = await makeApp(`{ secret } dengan ${label}`, { NODE_ENV: nodeEnv, SESSION_SECRET: undefined }, { secret: SECRET });
      const trust: unknown = (app as unknown as { get?: (name: string) => unknown }).get?.('trust proxy');
      check(!trust, `dengan ${label}, app tidak boleh memercayai header X-Forwarded-* (trust proxy hanya di production).`, {
        diharapkan: "app.get('trust proxy') === false",
        diterima: String(trust),
        petunjuk: "tanpa proxy di depan app, siapa pun bisa mengaku X-Forwarded-Proto: https. Tulis if (production) app.set('trust proxy', 1).",
      });
      await withServer(app, async (s) => {
        const res = await client(s).get('/visits');
        const sid = sidCookie(res);
        check(sid.attrs.secure !== true, `dengan ${label}, cookie sid tidak boleh Secure: sandbox berjalan di http://.`, {
          diharapkan: 'sid=…; HttpOnly; SameSite=Lax (tanpa Secure)',
          diterima: sid.raw,
          petunjuk: "hanya NODE_ENV === 'production' yang production.",
          res,
        });
      });
    }
  });

  test('Tugas 3: NODE_ENV=production di balik proxy HTTPS: cookie sid Secure', async () => {
    const app = await makeApp(`{ secret } dengan NODE_ENV=production`, { NODE_ENV: 'production', SESSION_SECRET: undefined }, { secret: SECRET });
    await withServer(app, async (s) => {
      const https = { 'x-forwarded-proto': 'https' };
      const res = await client(s).get('/visits', { headers: https, cookies: false });
      const sid = findSetCookie(res, 'sid');
      check(sid, 'di production, request lewat proxy HTTPS (X-Forwarded-Proto: https) harus mendapat cookie sid.', {
        diharapkan: 'Set-Cookie: sid=...; HttpOnly; Secure; SameSite=Lax',
        diterima: res.setCookies.length ? res.setCookies.join(' | ') : '(tidak ada Set-Cookie)',
        petunjuk: res.setCookies.some((c) => c.startsWith('connect.sid='))
          ? 'connect.sid adalah nama bawaan express-session; ganti dengan opsi name: "sid".'
          : "express-session tidak mengirim cookie Secure bila request dianggap tidak aman; di production pasang app.set('trust proxy', 1) agar X-Forwarded-Proto dipercaya.",
        res,
      });
      check(sid.attrs.secure === true, 'di production cookie sid harus Secure.', {
        diharapkan: 'Secure',
        diterima: sid.raw,
        petunjuk: "cookie: { secure: process.env.NODE_ENV === 'production' } — dibaca di dalam createApp.",
        res,
      });
      check(sid.attrs.httponly === true && String(sid.attrs.samesite ?? '').toLowerCase() === 'lax', 'di production cookie sid tetap HttpOnly dan SameSite=Lax.', {
        diharapkan: 'HttpOnly; Secure; SameSite=Lax',
        diterima: sid.raw,
        res,
      });
      const again = await client(s).get('/visits', { headers: { ...https, cookie: `sid=${sid.value}` }, cookies: false });
      check(visitsOf(again) === 2, 'di production, cookie sid yang dikirim kembali lewat HTTPS harus melanjutkan session.', {
        diharapkan: { visits: 2 },
        diterima: again.body,
        res: again,
      });
    });
  });

  test('Tugas 3: NODE_ENV=production: cookie session tidak pernah dikirim tanpa Secure', async () => {
    const app = await makeApp(`{ secret } dengan NODE_ENV=production`, { NODE_ENV: 'production', SESSION_SECRET: undefined }, { secret: SECRET });
    await withServer(app, async (s) => {
      const res = await client(s).get('/visits', { cookies: false });
      const insecure = res.setCookies.map(parseSetCookie).filter((c) => c.attrs.secure !== true);
      check(insecure.length === 0, 'di production, cookie session tidak boleh terkirim tanpa Secure, juga lewat HTTP biasa.', {
        diharapkan: '(tidak ada Set-Cookie) atau sid=...; Secure',
        diterima: insecure.map((c) => c.raw).join(' | '),
        petunjuk: "pakai secure: true di production, bukan secure: 'auto' atau false.",
        res,
      });
    });
  });
});
