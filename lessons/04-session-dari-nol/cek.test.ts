// Persyaratan pelajaran 04 (tugas, petunjuk, komentar awal.ts, teks) dan tes yang menjaganya:
// Tugas 1 — store
// - get mengembalikan data yang di-set, undefined untuk ID asing; destroy menghapus
//     → "set lalu get mengembalikan data; destroy menghapusnya"
// - entri di Map, bukan objek biasa ("__proto__" dan kawan-kawan bukan session)
//     → 'ID seperti "__proto__" atau "constructor" bukan session'
// - size() = jumlah entri; setiap createMemoryStore() punya isi sendiri
//     → "size() menghitung entri; dua store tidak berbagi isi"
// - idle timeout idleTimeoutMs dari now(): hidup pada 29:59, hilang pada 30:01; get dan set menyentuh
//     → "entri kedaluwarsa setelah diam idleTimeoutMs; get() dan set() dihitung aktivitas"
// - setiap set membuang SEMUA entri kedaluwarsa dari memori, dan hanya yang kedaluwarsa
//     → "entri kedaluwarsa dibuang dari memori (size turun)",
//       "pembersihan tidak berhenti di entri yang baru dibaca"
// Tugas 2 — middleware
// - req.session = data dari store atau {}; session kosong: tanpa Set-Cookie, tidak ditulis ke store
//     → "request yang tidak menyimpan apa pun: ..."
// - begitu berisi data: Set-Cookie <cookieName>=<id>; Path=/; HttpOnly; SameSite=Lax, data ke store
//     → "begitu session berisi data: ..." (tanpa opsi: nama "sid"), "nama cookie mengikuti opsi cookieName"
// - browser yang sama mendapat datanya, ID tidak berganti tiap request, perubahan ikut disimpan
//     → "browser yang sama mendapat datanya kembali, browser lain tidak"
// - sid dibaca dari header Cookie yang juga membawa cookie lain (nama mirip, tanpa "=")
//     → "sid ditemukan di antara cookie lain yang namanya mirip" (dan cookie pihak lain di setiap klien)
// - header Cookie rusak (percent-encoding patah, kosong, sangat panjang) tidak membuat 5xx
//     → "header Cookie rusak atau sangat panjang tidak membuat server error"
// - mode ketat: ID yang tidak dikenal store tidak pernah dipakai, juga yang sudah dilupakan store
//     → "ID yang tidak dikenal tidak pernah diadopsi (mode ketat)",
//       "session yang sudah dilupakan store tidak dihidupkan lagi"
// - session yang sudah punya ID lalu dikosongkan dibuang dari store (store.destroy)
//     → "session yang dikosongkan dibuang dari store"
// - ID ≥ 128 bit, unik, tanpa pola; dari CSPRNG (bukan Math.random, waktu, atau penghitung)
//     → "200 session ID: ...", "ID tidak bergantung pada Math.random",
//       "ID berasal dari CSPRNG (crypto.randomBytes), bukan waktu atau penghitung"
// Tugas 3 — keranjang
// - POST /cart menyimpan di session dan mengirim cookie sid (HttpOnly; SameSite=Lax; Path=/)
//     → "POST /cart menyimpan barang di session dan mengirim cookie sid"
// - pengunjung anonim: keranjang kosong, tanpa Set-Cookie → "pengunjung anonim: ..."
// - POST /cart menjawab { items } terbaru → "POST /cart menyimpan barang di session dan mengirim cookie sid"
// - item kosong/spasi/bukan teks/bukan JSON → 400 dengan { error }, tanpa cookie → "item kosong ditolak dengan 400 tanpa cookie"
// - barang paling panjang 100 karakter (100 masuk, 101 ditolak 4xx dengan { error })
//     → "barang paling panjang 100 karakter"
// - paling banyak 50 barang per keranjang (50 masuk, ke-51 ditolak 4xx dengan { error }), per pengunjung
//     → "keranjang paling banyak 50 barang per pengunjung"
// - body rusak dijawab dengan status dari express.json dan JSON, tanpa stack trace
//     → "body rusak dijawab dengan status 4xx dan JSON, tanpa stack trace"
// - setiap pengunjung punya keranjang sendiri → "setiap pengunjung punya keranjang sendiri"
// - cookie sid karangan tidak diadopsi → "cookie sid karangan tidak diadopsi"
// - store app memakai now dan idle 30 menit: hidup pada 29:59 sejak aktivitas terakhir, hilang pada 30:01
//     → "keranjang hidup 29:59 sejak aktivitas terakhir dan hilang pada 30:01 (jam buatan)"
import type { RequestListener } from 'node:http';
import express from 'express';
import { describe, test } from 'vitest';
import {
  MINUTE,
  PREDICTABLE_BYTE,
  SECOND,
  attempt,
  attrValue,
  check,
  checkStatus,
  client,
  createClock,
  fail,
  findSetCookie,
  listen,
  loadExercise,
  requireSetCookie,
  withServer,
  withPredictableRandom,
} from '#harness';
import type { Clock, ParsedSetCookie, Res, RunningServer } from '#harness';

type SessionData = Record<string, unknown>;
interface SessionStore {
  get(id: string): SessionData | undefined;
  set(id: string, data: SessionData): void;
  destroy(id: string): void;
  size(): number;
}
interface Exercise {
  createMemoryStore(options: { idleTimeoutMs: number; now?: () => number }): SessionStore;
  sessionMiddleware(options: { store: SessionStore; cookieName?: string }): express.RequestHandler;
  createApp(options?: { now?: () => number }): RequestListener;
}

const mod = await loadExercise<Exercise>(import.meta.url);

const TIMEOUT = 30 * MINUTE;

// ---------------------------------------------------------------------------
// Tugas 1: store dipanggil langsung, dengan jam buatan.

async function newStore() {
  const clock = createClock();
  const store = await attempt(`createMemoryStore({ idleTimeoutMs: ${TIMEOUT} })`, () =>
    mod.createMemoryStore({ idleTimeoutMs: TIMEOUT, now: clock.now }),
  );
  check(store && typeof store === 'object', 'createMemoryStore() harus mengembalikan objek store.', { diterima: String(store) });
  return { store, clock };
}

const call = <T>(what: string, fn: () => T) => attempt(what, fn);

describe('Tugas 1: createMemoryStore', () => {
  test('Tugas 1: set lalu get mengembalikan data; destroy menghapusnya', async () => {
    const { store } = await newStore();
    await call("store.set('karcis-1', { nama: 'Budi' })", () => store.set('karcis-1', { nama: 'Budi' }));
    const got = await call("store.get('karcis-1')", () => store.get('karcis-1'));
    check(got?.nama === 'Budi', "store.get('karcis-1') harus mengembalikan data yang tadi disimpan.", {
      diharapkan: { nama: 'Budi' },
      diterima: got ?? '(undefined)',
    });
    const unknown = await call("store.get('tidak-ada')", () => store.get('tidak-ada'));
    check(unknown === undefined, 'get() untuk ID yang tidak pernah disimpan harus mengembalikan undefined.', {
      diharapkan: 'undefined',
      diterima: unknown,
    });
    await call("store.destroy('karcis-1')", () => store.destroy('karcis-1'));
    const gone = await call("store.get('karcis-1')", () => store.get('karcis-1'));
    check(gone === undefined, 'setelah destroy(), get() untuk ID itu harus mengembalikan undefined.', {
      diharapkan: 'undefined',
      diterima: gone,
    });
  });

  test('Tugas 1: ID seperti "__proto__" atau "constructor" bukan session', async () => {
    const { store } = await newStore();
    for (const id of ['__proto__', 'constructor', 'toString', 'hasOwnProperty']) {
      const got = await call(`store.get('${id}')`, () => store.get(id));
      check(got === undefined, `store.get('${id}') harus undefined: ID itu tidak pernah disimpan.`, {
        diharapkan: 'undefined',
        diterima: typeof got === 'function' ? '(sebuah fungsi)' : got,
        petunjuk: 'simpan entri di new Map(), bukan di objek biasa {} yang mewarisi properti dari Object.prototype.',
      });
    }
  });

  test('Tugas 1: size() menghitung entri; dua store tidak berbagi isi', async () => {
    const { store } = await newStore();
    await call('store.set()', () => {
      store.set('a', { n: 1 });
      store.set('b', { n: 2 });
      store.set('a', { n: 3 });
    });
    const size = await call('store.size()', () => store.size());
    check(size === 2, 'dua ID berbeda (a ditulis dua kali) berarti size() === 2.', { diharapkan: 2, diterima: size });
    check(store.get('a')?.n === 3, 'set() untuk ID yang sama menimpa datanya.', { diharapkan: { n: 3 }, diterima: store.get('a') ?? '(undefined)' });
    const { store: other } = await newStore();
    const leaked = await call("store lain: get('a')", () => other.get('a'));
    check(leaked === undefined && other.size() === 0, 'setiap createMemoryStore() harus punya isi sendiri, bukan variabel global bersama.', {
      diharapkan: 'store baru kosong (size 0)',
      diterima: { get_a: leaked ?? '(undefined)', size: other.size() },
    });
  });

  test('Tugas 1: entri kedaluwarsa setelah diam idleTimeoutMs; get() dan set() dihitung aktivitas', async () => {
    const { store, clock } = await newStore();
    store.set('aktif', { n: 1 });
    store.set('diam', { n: 2 });
    clock.advance(TIMEOUT - SECOND);
    const early = await call("store.get('aktif')", () => store.get('aktif'));
    check(early?.n === 1, 'sebelum idleTimeoutMs (30 menit) habis, data harus masih ada.', {
      diharapkan: '{ n: 1 } setelah 29 menit 59 detik',
      diterima: early ?? '(undefined)',
    });
    clock.advance(2 * SECOND);
    const idle = await call("store.get('diam')", () => store.get('diam'));
    check(idle === undefined, 'entri yang diam lebih lama dari idleTimeoutMs harus dianggap tidak ada.', {
      diharapkan: 'undefined setelah 30 menit 1 detik tanpa aktivitas',
      diterima: idle,
    });
    const alive = await call("store.get('aktif')", () => store.get('aktif'));
    check(alive?.n === 1, 'get() dihitung aktivitas: entri yang baru dibaca 2 detik lalu harus masih ada (timeout idle, bukan umur total).', {
      diharapkan: '{ n: 1 }',
      diterima: alive ?? '(undefined)',
    });
    clock.advance(20 * MINUTE);
    store.set('aktif', { n: 5 });
    clock.advance(20 * MINUTE);
    const afterSet = store.get('aktif');
    check(afterSet?.n === 5, 'set() juga dihitung aktivitas: 20 menit setelah set(), data harus masih ada.', {
      diharapkan: '{ n: 5 }',
      diterima: afterSet ?? '(undefined)',
    });
  });

  test('Tugas 1: entri kedaluwarsa dibuang dari memori (size turun)', async () => {
    const { store, clock } = await newStore();
    store.set('a', { n: 1 });
    store.set('b', { n: 2 });
    store.set('c', { n: 3 });
    check(store.size() === 3, 'tiga entri berarti size() === 3.', { diharapkan: 3, diterima: store.size() });
    clock.advance(TIMEOUT / 2);
    store.set('d', { n: 4 });
    clock.advance(TIMEOUT / 2 + SECOND);
    // a, b, c kini diam 30 menit 1 detik; d baru 15 menit 1 detik.
    await call("store.set('e', …)", () => store.set('e', { n: 5 }));
    const size = await call('store.size()', () => store.size());
    check(size === 2, 'set() harus membuang entri yang sudah kedaluwarsa, bukan hanya menyembunyikannya: kalau tidak, memori server terus bertambah.', {
      diharapkan: '2 (d dan e; a, b, c sudah lewat 30 menit dan dibuang)',
      diterima: size,
      petunjuk: 'di dalam set(), telusuri entri dan hapus (entries.delete) yang lastSeen-nya lebih lama dari idleTimeoutMs.',
    });
    check(store.get('d')?.n === 4, 'entri yang belum kedaluwarsa tidak boleh ikut dibuang.', { diharapkan: { n: 4 }, diterima: store.get('d') ?? '(undefined)' });
  });

  test('Tugas 1: pembersihan tidak berhenti di entri yang baru dibaca', async () => {
    const { store, clock } = await newStore();
    store.set('pertama', { n: 1 });
    store.set('kedua', { n: 2 });
    clock.advance(TIMEOUT / 2);
    await call("store.get('pertama')", () => store.get('pertama'));
    clock.advance(TIMEOUT / 2 + SECOND);
    // "pertama" dibaca 15 menit 1 detik lalu; "kedua" diam 30 menit 1 detik.
    await call("store.set('ketiga', …)", () => store.set('ketiga', { n: 3 }));
    const size = await call('store.size()', () => store.size());
    check(size === 2, 'set() harus membuang setiap entri yang kedaluwarsa, juga yang tersimpan sesudah entri yang masih hidup.', {
      diharapkan: '2 (pertama dan ketiga; kedua sudah diam lebih dari 30 menit)',
      diterima: size,
      petunjuk: 'urutan Map adalah urutan penyisipan, bukan urutan lastSeen. Kalau penelusuran berhenti di entri hidup pertama, entri yang disentuh harus dihapus lalu dimasukkan lagi; atau telusuri semuanya.',
    });
    check(store.get('pertama')?.n === 1, 'entri yang dibaca 15 menit lalu masih hidup dan tidak boleh ikut dibuang.', {
      diharapkan: { n: 1 },
      diterima: store.get('pertama') ?? '(undefined)',
    });
  });
});

// ---------------------------------------------------------------------------
// Tugas 2: middleware milikmu di dalam app kecil buatan checker, dengan store sederhana dari checker
// (jadi Tugas 2 bisa dikerjakan walau Tugas 1 belum selesai).

function createTestStore() {
  const map = new Map<string, string>();
  return {
    get: (id: string) => {
      const v = map.get(id);
      return v === undefined ? undefined : (JSON.parse(v) as SessionData);
    },
    set: (id: string, data: SessionData) => void map.set(id, JSON.stringify(data)),
    destroy: (id: string) => void map.delete(id),
    size: () => map.size,
    /** Server "lupa" semua session, seperti store yang membuang entri kedaluwarsa. */
    clear: () => map.clear(),
  };
}
type TestStore = ReturnType<typeof createTestStore>;

/** cookieName null: opsi tidak diberikan, jadi nama bawaannya ("sid") yang dipakai. */
async function withMiddleware(fn: (srv: RunningServer, store: TestStore) => Promise<void>, cookieName: string | null = 'sid') {
  const store = createTestStore();
  const middleware = await attempt(cookieName === null ? 'sessionMiddleware({ store })' : `sessionMiddleware({ store, cookieName: '${cookieName}' })`, () =>
    mod.sessionMiddleware(cookieName === null ? { store } : { store, cookieName }),
  );
  check(typeof middleware === 'function', 'sessionMiddleware() harus mengembalikan fungsi middleware (req, res, next).', {
    diterima: typeof middleware,
  });
  const app = express();
  app.use(express.json());
  app.use(middleware);
  app.get('/session', (req, res) => {
    res.json({ session: (req as { session?: unknown }).session ?? null });
  });
  app.post('/session', (req, res) => {
    const session = (req as unknown as { session?: unknown }).session;
    if (session && typeof session === 'object') Object.assign(session, req.body);
    res.json({ session: session ?? null });
  });
  app.post('/session/clear', (req, res) => {
    const session = (req as unknown as { session?: Record<string, unknown> }).session ?? {};
    for (const key of Object.keys(session)) delete session[key];
    res.json({ session });
  });
  const srv = await listen(app);
  try {
    await fn(srv, store);
  } finally {
    await srv.close();
  }
}

function sessionOf(res: Res): SessionData {
  const session = res.json()?.session;
  if (!session || typeof session !== 'object') {
    fail('req.session harus berupa objek biasa ({}) di setiap request.', { diharapkan: '{ "session": {} }', diterima: res.body, res });
  }
  return session;
}

/** Set-Cookie untuk session, dengan nilai yang tidak kosong. */
function requireSessionCookie(res: Res, name: string, why = ''): ParsedSetCookie {
  const c = requireSetCookie(res, name, why);
  check(c.value !== '', `nilai cookie "${name}" kosong: session ID harus berupa teks acak.`, {
    diharapkan: `${name}=<ID acak dari crypto.randomBytes>`,
    diterima: c.raw,
    petunjuk: 'periksa newSessionId(): berapa byte yang diambil dari randomBytes? 0 byte berarti ID kosong.',
    res,
  });
  return c;
}

function requireAttrs(c: ParsedSetCookie, res: Res) {
  const expected = `${c.name}=…; Path=/; HttpOnly; SameSite=Lax`;
  check(c.attrs.httponly === true, `cookie "${c.name}" harus HttpOnly agar JavaScript di halaman (dan XSS) tidak bisa membacanya.`, {
    diharapkan: expected,
    diterima: c.raw,
    res,
  });
  check(attrValue(c, 'samesite') === 'lax', `cookie "${c.name}" harus SameSite=Lax.`, { diharapkan: expected, diterima: c.raw, res });
  check(c.attrs.path === '/', `cookie "${c.name}" harus Path=/ agar terkirim ke semua halaman.`, { diharapkan: expected, diterima: c.raw, res });
}

function decoded(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FORMATS: [string, RegExp, number][] = [
  ['hex', /^[0-9a-f]+$/, 4],
  ['hex', /^[0-9A-F]+$/, 4],
  ['base36', /^[0-9a-z]+$/, Math.log2(36)],
  ['base64url', /^[A-Za-z0-9_-]+$/, 6],
  ['base64', /^[A-Za-z0-9+/]+=*$/, 6],
];

/** Perkiraan jumlah bit yang muat di ID menurut panjang dan alfabetnya (batas atas). */
function capacityBits(ids: string[]): { bits: number; format: string } {
  if (ids.every((id) => UUID.test(id))) return { bits: 122, format: 'UUID (crypto.randomUUID)' };
  const len = Math.min(...ids.map((id) => id.replace(/=+$/, '').length));
  for (const [format, re, perChar] of FORMATS) {
    if (ids.every((id) => re.test(id))) return { bits: Math.floor(len * perChar), format };
  }
  const alphabet = new Set(ids.join('')).size;
  return { bits: Math.floor(len * Math.log2(alphabet)), format: `${alphabet} jenis karakter` };
}

/** Bit yang benar-benar berubah antar-ID: di setiap posisi, berapa banyak karakter berbeda yang muncul. */
function observedBits(ids: string[]): number {
  const len = Math.min(...ids.map((id) => id.length));
  let bits = 0;
  for (let i = 0; i < len; i++) bits += Math.log2(new Set(ids.map((id) => id[i])).size);
  return Math.floor(bits);
}

async function collectIds(srv: RunningServer, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const res = await client(srv).post('/session', { json: { n: i } });
    ids.push(decoded(requireSessionCookie(res, 'sid', 'begitu session berisi data').value));
  }
  return ids;
}

describe('Tugas 2: sessionMiddleware', () => {
  test('Tugas 2: request yang tidak menyimpan apa pun: req.session = {}, tanpa Set-Cookie, store tetap kosong', () =>
    withMiddleware(async (srv, store) => {
      const res = await client(srv).get('/session');
      checkStatus(res, 200);
      const session = sessionOf(res);
      check(Object.keys(session).length === 0, 'pengunjung baru harus mendapat session kosong.', { diharapkan: {}, diterima: session, res });
      check(res.setCookies.length === 0, 'selama session kosong, jangan kirim Set-Cookie: pengunjung yang tidak menyimpan apa pun tidak perlu karcis.', {
        diharapkan: '(tidak ada Set-Cookie)',
        diterima: res.setCookies.join(' | '),
        res,
      });
      check(store.size() === 0, 'session kosong tidak boleh ditulis ke store (kalau ditulis, setiap bot bisa memenuhi memori server).', {
        diharapkan: 'store.size() === 0',
        diterima: store.size(),
      });
    }));

  test('Tugas 2: begitu session berisi data: Set-Cookie sid; Path=/; HttpOnly; SameSite=Lax', () =>
    withMiddleware(async (srv, store) => {
      const res = await client(srv).post('/session', { json: { nama: 'Budi' } });
      checkStatus(res, 200);
      const c = requireSessionCookie(res, 'sid', 'begitu req.session berisi data (tanpa opsi cookieName, namanya "sid")');
      requireAttrs(c, res);
      check(store.size() === 1, 'data session harus ditulis ke store lewat store.set().', { diharapkan: 'store.size() === 1', diterima: store.size() });
    }, null));

  test('Tugas 2: browser yang sama mendapat datanya kembali, browser lain tidak', () =>
    withMiddleware(async (srv) => {
      const a = client(srv);
      const b = client(srv);
      const first = await a.post('/session', { json: { nama: 'Ani' } });
      const id = requireSessionCookie(first, 'sid').value;
      const read = await a.get('/session');
      check(sessionOf(read).nama === 'Ani', 'request berikutnya dengan cookie sid harus melihat data yang tadi disimpan.', {
        diharapkan: { nama: 'Ani' },
        diterima: sessionOf(read),
        res: read,
      });
      const second = await a.post('/session', { json: { kota: 'Bandung' } });
      const again = findSetCookie(second, 'sid');
      check(!again || again.value === id, 'session yang sudah punya ID tidak boleh diberi ID baru setiap request.', {
        diharapkan: `tidak ada Set-Cookie, atau sid=${id}`,
        diterima: again?.raw,
        res: second,
      });
      const both = sessionOf(await a.get('/session'));
      check(both.nama === 'Ani' && both.kota === 'Bandung', 'perubahan data session harus ikut disimpan.', {
        diharapkan: { nama: 'Ani', kota: 'Bandung' },
        diterima: both,
      });
      const other = await b.get('/session');
      check(Object.keys(sessionOf(other)).length === 0, 'browser lain (tanpa cookie) tidak boleh melihat data session orang lain.', {
        diharapkan: {},
        diterima: sessionOf(other),
        res: other,
      });
    }));

  test('Tugas 2: nama cookie mengikuti opsi cookieName', () =>
    withMiddleware(async (srv) => {
      const res = await client(srv).post('/session', { json: { n: 1 } });
      const c = requireSessionCookie(res, 'karcis', 'karena middleware dibuat dengan cookieName: "karcis"');
      requireAttrs(c, res);
    }, 'karcis'));

  test('Tugas 2: sid ditemukan di antara cookie lain yang namanya mirip', () =>
    withMiddleware(async (srv) => {
      const first = await client(srv).post('/session', { json: { nama: 'Sari' } });
      const id = requireSessionCookie(first, 'sid').value;
      for (const cookie of [
        `sidx; sidebar=collapsed; oldsid=karangan; sid=${id}; pref_ui=compact%3Dya`,
        `sid=${id}; sid_lama=karangan; _ga=GA1.1.804213311.1767225600`,
      ]) {
        const res = await client(srv).get('/session', { headers: { cookie } });
        check(sessionOf(res).nama === 'Sari', 'cookie sid harus dicari dengan nama persisnya: sidebar, oldsid, sid_lama, dan bagian tanpa "=" bukan session ID.', {
          diharapkan: { nama: 'Sari' },
          diterima: sessionOf(res),
          petunjuk: 'pecah header Cookie di ";", potong setiap bagian di "=" pertama, lalu bandingkan nama yang sudah di-trim dengan cookieName.',
          res,
        });
      }
    }));

  test('Tugas 2: header Cookie rusak atau sangat panjang tidak membuat server error', () =>
    withMiddleware(async (srv) => {
      for (const cookie of ['sid=%E0%A4%A; pref_ui=%', `sid=${'A'.repeat(8000)}`, 'sid=; =; ;', 'sid']) {
        const res = await client(srv).get('/session', { headers: { cookie } });
        check(res.status === 200 && Object.keys(sessionOf(res)).length === 0, 'header Cookie yang rusak atau ID yang tidak dikenal harus diperlakukan seperti tidak ada session, bukan error.', {
          diharapkan: '200 dengan session {}',
          diterima: `${res.status} ${res.body.slice(0, 120)}`,
          petunjuk: 'session ID tidak perlu di-decode; kalau kamu memakai decodeURIComponent, tangkap error-nya (URIError).',
          res,
        });
      }
    }));

  test('Tugas 2: ID yang tidak dikenal tidak pernah diadopsi (mode ketat)', () =>
    withMiddleware(async (srv) => {
      for (const madeUp of ['made-up', 'A'.repeat(43)]) {
        const victim = client(srv);
        await victim.setCookie('sid', madeUp);
        const read = await victim.get('/session');
        check(Object.keys(sessionOf(read)).length === 0 && read.setCookies.length === 0, `cookie sid=${madeUp} yang tidak ada di store harus diperlakukan seperti tidak ada cookie.`, {
          diharapkan: 'session {} dan tanpa Set-Cookie',
          diterima: { session: sessionOf(read), setCookie: read.setCookies },
          res: read,
        });
        const write = await victim.post('/session', { json: { rahasia: 'milik korban' } });
        const c = requireSessionCookie(write, 'sid', `dengan ID baru, karena "${madeUp}" tidak dikenal`);
        check(c.value !== madeUp, 'ID dari browser yang tidak dikenal store tidak boleh dipakai: buat ID acak baru. Kalau dipakai, penyerang bisa menanam ID pilihannya (session fixation).', {
          diharapkan: `sid=<ID acak baru, bukan ${madeUp}>`,
          diterima: c.raw,
          res: write,
        });
        const attacker = await client(srv).get('/session', { headers: { cookie: `sid=${madeUp}` } });
        check(Object.keys(sessionOf(attacker)).length === 0, `penyerang yang menanam sid=${madeUp} tidak boleh bisa membaca data korban.`, {
          diharapkan: {},
          diterima: sessionOf(attacker),
          res: attacker,
        });
      }
    }));

  test('Tugas 2: session yang sudah dilupakan store tidak dihidupkan lagi', () =>
    withMiddleware(async (srv, store) => {
      const a = client(srv);
      const first = await a.post('/session', { json: { n: 1 } });
      const oldId = requireSessionCookie(first, 'sid').value;
      store.clear(); // misalnya kedaluwarsa: petugas sudah membuang mantelnya
      const read = await a.get('/session');
      check(Object.keys(sessionOf(read)).length === 0, 'middleware harus membaca store di setiap request: session yang sudah hilang dari store berarti session kosong.', {
        diharapkan: {},
        diterima: sessionOf(read),
        res: read,
      });
      const write = await a.post('/session', { json: { n: 2 } });
      const c = requireSessionCookie(write, 'sid', 'dengan ID baru, karena ID lama sudah tidak ada di store');
      check(c.value !== oldId, 'ID lama yang sudah tidak ada di store tidak boleh dipakai lagi.', {
        diharapkan: `ID baru, bukan ${oldId}`,
        diterima: c.raw,
        res: write,
      });
    }));

  test('Tugas 2: session yang dikosongkan dibuang dari store', () =>
    withMiddleware(async (srv, store) => {
      const a = client(srv);
      requireSessionCookie(await a.post('/session', { json: { cart: ['kopi'] } }), 'sid');
      const cleared = await a.post('/session/clear');
      checkStatus(cleared, 200);
      const read = await a.get('/session');
      check(Object.keys(sessionOf(read)).length === 0, 'setelah route mengosongkan session, request berikutnya harus melihat session kosong, bukan data lama.', {
        diharapkan: {},
        diterima: sessionOf(read),
        res: read,
      });
      check(store.size() === 0, 'session yang sudah punya ID lalu dikosongkan harus dibuang dari store, bukan dibiarkan atau disimpan sebagai {}.', {
        diharapkan: 'store.size() === 0',
        diterima: `store.size() === ${store.size()}`,
        petunjuk: 'di dalam beforeHeaders: kalau session kosong dan id sudah ada, panggil store.destroy(id).',
      });
    }));

  test('Tugas 2: 200 session ID: semuanya unik dan masing-masing ≥ 128 bit acak', () =>
    withMiddleware(async (srv) => {
      const ids = await collectIds(srv, 200);
      const unique = new Set(ids);
      check(unique.size === ids.length, 'setiap session harus mendapat ID yang berbeda.', {
        diharapkan: '200 ID unik',
        diterima: `${unique.size} ID unik, misalnya ${ids.slice(0, 3).join(', ')}`,
      });
      const { bits, format } = capacityBits(ids);
      const sample = ids[0] ?? '';
      check(bits >= 128, 'session ID harus memuat setidaknya 128 bit acak dari CSPRNG (OWASP ASVS 5.0, 7.2.3 dan 11.5.1).', {
        diharapkan: 'mis. randomBytes(16).toString("base64url") = 22 karakter (132 bit) atau .toString("hex") = 32 karakter (128 bit); lebih panjang lebih baik',
        diterima: `${sample} (${sample.length} karakter ${format} ≈ ${bits} bit)`,
        petunjuk: format.startsWith('UUID')
          ? 'crypto.randomUUID() hanya punya 122 bit acak (6 bit dipakai penanda versi), di bawah batas 128 bit ASVS 5.0. Pakai randomBytes(32).toString("base64url").'
          : 'hex membawa 4 bit per karakter, base64url 6 bit per karakter. Pakai crypto.randomBytes dengan 16 byte atau lebih.',
      });
      const varied = observedBits(ids);
      check(varied >= 120, 'session ID terlihat berpola: banyak posisi karakter yang (hampir) sama di semua ID. Penghitung atau waktu yang diberi padding bisa ditebak.', {
        diharapkan: 'setiap posisi karakter berubah-ubah (≥ 120 bit yang teramati berbeda di 200 ID)',
        diterima: `${varied} bit yang berubah, misalnya ${ids.slice(0, 3).join(', ')}`,
        petunjuk: 'jangan susun ID dari penghitung, waktu, atau data pengguna; ambil seluruhnya dari crypto.randomBytes.',
      });
    }));

  test('Tugas 2: ID tidak bergantung pada Math.random', () =>
    withMiddleware(async (srv) => {
      const original = Math.random;
      let ids: string[];
      Math.random = () => 0.42; // Math.random yang "bocor": selalu sama
      try {
        ids = await collectIds(srv, 10);
      } finally {
        Math.random = original;
      }
      check(new Set(ids).size === ids.length, 'session ID ikut berulang ketika Math.random dibuat tetap: ID-mu dibuat dari Math.random. Keluaran Math.random bisa ditebak dari beberapa sampel; pakai crypto.randomBytes.', {
        diharapkan: '10 ID berbeda walaupun Math.random() selalu 0.42',
        diterima: ids.slice(0, 3).join(', '),
      });
    }));

  test('Tugas 2: ID berasal dari CSPRNG (crypto.randomBytes), bukan waktu atau penghitung', async () => {
    // Tiga middleware baru. Di masing-masing, i session dibuat dulu dengan acak sungguhan, lalu satu
    // lagi selagi setiap sumber acak kriptografis mengembalikan byte yang sama. ID yang seluruhnya
    // dari CSPRNG jadi sama persis; waktu, penghitung, atau campurannya tetap berubah.
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      await withMiddleware(async (srv) => {
        for (let k = 0; k < i; k++) requireSessionCookie(await client(srv).post('/session', { json: { k } }), 'sid');
        await new Promise((resolve) => setTimeout(resolve, 5));
        const res = await withPredictableRandom(() => client(srv).post('/session', { json: { i } }));
        ids.push(requireSessionCookie(res, 'sid', 'begitu session berisi data').value);
      });
    }
    check(new Set(ids).size === 1, 'session ID harus seluruhnya berasal dari CSPRNG: ketika crypto.randomBytes dibuat selalu mengembalikan byte yang sama, ID-nya harus ikut sama persis.', {
      diharapkan: `ID yang sama tiga kali, mis. ${Buffer.alloc(32, PREDICTABLE_BYTE).toString('base64url')}`,
      diterima: ids.join(', '),
      petunjuk: 'ID harus berasal dari crypto.randomBytes, bukan hash dari waktu, penghitung, atau Math.random; jangan tambahkan waktu atau nomor urut ke ID.',
    });
  });
});

// ---------------------------------------------------------------------------
// Tugas 3: keranjang dari pelajaran 01, kini di atas session.

/** Setiap tes Tugas 3 memakai app dan jam buatannya sendiri; error dari createApp hanya menggagalkan Tugas 3. */
async function withCartApp(fn: (server: RunningServer, clock: Clock) => Promise<void>) {
  const clock = createClock();
  const app = await attempt('createApp({ now })', () => mod.createApp({ now: clock.now }));
  await withServer(app, (server) => fn(server, clock));
}

/** Penolakan karena batas: status 4xx dan JSON { error } yang menjelaskan alasannya. */
function requireRefusal(res: Res, why: string) {
  check(res.status >= 400 && res.status < 500, why, { diharapkan: 'status 4xx (mis. 413 atau 400) dengan { "error": "..." }', diterima: res.status, res });
  const error = res.json()?.error;
  check(typeof error === 'string' && error.trim() !== '', 'penolakan harus menjelaskan alasannya dalam JSON { "error": "..." }.', { diterima: res.body, res });
}

function itemsOf(res: Res): string[] {
  const items = res.json()?.items;
  if (!Array.isArray(items)) fail(`${res.exchange.method} /cart harus menjawab JSON { "items": [...] }.`, { diterima: res.body, res });
  return items;
}

describe('Tugas 3: keranjang per pengunjung', () => {
  test('Tugas 3: POST /cart menyimpan barang di session dan mengirim cookie sid', () =>
    withCartApp(async (server, clock) => {
      const browser = client(server, { now: clock.now });
      const added = await browser.post('/cart', { json: { item: 'buku' } });
      checkStatus(added, [200, 201]);
      check(itemsOf(added).includes('buku'), 'POST /cart harus menjawab isi keranjang terbaru.', { diharapkan: '{ "items": ["buku"] }', diterima: added.body, res: added });
      const c = requireSessionCookie(added, 'sid', 'karena keranjang kini disimpan di session');
      requireAttrs(c, added);
      const res = await browser.get('/cart');
      checkStatus(res, 200);
      check(itemsOf(res).includes('buku'), 'GET /cart dengan cookie sid harus berisi barang tadi.', {
        diharapkan: '{ "items": ["buku"] }',
        diterima: res.body,
        res,
      });
    }));

  test('Tugas 3: pengunjung anonim: keranjang kosong dan tanpa Set-Cookie', () =>
    withCartApp(async (server, clock) => {
      const res = await client(server, { now: clock.now }).get('/cart');
      checkStatus(res, 200);
      check(itemsOf(res).length === 0, 'pengunjung baru harus melihat keranjang kosong.', { diharapkan: '{ "items": [] }', diterima: res.body, res });
      check(res.setCookies.length === 0, 'GET /cart tanpa menyimpan apa pun tidak boleh mengirim Set-Cookie.', {
        diharapkan: '(tidak ada Set-Cookie)',
        diterima: res.setCookies.join(' | '),
        res,
      });
    }));

  test('Tugas 3: item kosong ditolak dengan 400 tanpa cookie', () =>
    withCartApp(async (server, clock) => {
      const bodies: [string, { json?: unknown; body?: string; headers?: Record<string, string> }][] = [
        ...[{ item: '' }, {}, { item: '   ' }, { item: 5 }, { item: ['kopi'] }].map((json) => [JSON.stringify(json), { json }] as [string, { json: unknown }]),
        ['teks biasa "kopi" (bukan JSON)', { body: 'kopi', headers: { 'content-type': 'text/plain' } }],
      ];
      for (const [what, opts] of bodies) {
        const res = await client(server, { now: clock.now }).post('/cart', opts);
        checkStatus(res, 400, `POST /cart dengan ${what} harus ditolak dengan 400.`);
        requireRefusal(res, `POST /cart dengan ${what} harus ditolak dengan 400.`);
        check(res.setCookies.length === 0, 'request yang ditolak tidak menyimpan apa pun, jadi tidak perlu Set-Cookie.', {
          diterima: res.setCookies.join(' | '),
          res,
        });
      }
    }));

  test('Tugas 3: barang paling panjang 100 karakter', () =>
    withCartApp(async (server, clock) => {
      const browser = client(server, { now: clock.now });
      const longest = 'a'.repeat(100);
      checkStatus(await browser.post('/cart', { json: { item: longest } }), [200, 201], 'barang tepat 100 karakter masih boleh masuk keranjang.');
      for (const item of ['b'.repeat(101), 'c'.repeat(90_000)]) {
        requireRefusal(await browser.post('/cart', { json: { item } }), `barang ${item.length} karakter harus ditolak: batasnya 100 karakter.`);
      }
      const res = await browser.get('/cart');
      check(itemsOf(res).join() === longest, 'barang yang ditolak tidak boleh ikut tersimpan di keranjang.', {
        diharapkan: '[ "aaa…" (100 karakter) ] saja',
        diterima: itemsOf(res).map((i) => `${i.slice(0, 3)}… (${i.length} karakter)`),
        res,
      });
      const stranger = await client(server, { now: clock.now }).post('/cart', { json: { item: 'd'.repeat(101) } });
      requireRefusal(stranger, 'barang 101 karakter dari pengunjung baru juga harus ditolak.');
      check(stranger.setCookies.length === 0, 'request yang ditolak tidak menyimpan apa pun, jadi tidak perlu Set-Cookie.', {
        diterima: stranger.setCookies.join(' | '),
        res: stranger,
      });
    }));

  test('Tugas 3: keranjang paling banyak 50 barang per pengunjung', () =>
    withCartApp(async (server, clock) => {
      const a = client(server, { now: clock.now });
      for (let i = 1; i <= 50; i++) {
        checkStatus(await a.post('/cart', { json: { item: `barang-${i}` } }), [200, 201], `barang ke-${i} masih boleh masuk: batasnya 50 barang.`);
      }
      requireRefusal(await a.post('/cart', { json: { item: 'barang-51' } }), 'barang ke-51 harus ditolak: satu keranjang paling banyak 50 barang.');
      const res = await a.get('/cart');
      const items = itemsOf(res);
      check(items.length === 50 && !items.includes('barang-51'), 'keranjang yang penuh harus tetap berisi 50 barang; barang yang ditolak tidak ikut tersimpan.', {
        diharapkan: '50 barang, tanpa barang-51',
        diterima: `${items.length} barang, terakhir ${items.at(-1)}`,
        res,
      });
      const other = await client(server, { now: clock.now }).post('/cart', { json: { item: 'teh' } });
      checkStatus(other, [200, 201], 'batas 50 barang berlaku per keranjang: pengunjung lain tetap boleh menambah barang.');
    }));

  test('Tugas 3: body rusak dijawab dengan status 4xx dan JSON, tanpa stack trace', () =>
    withCartApp(async (server, clock) => {
      const cases: [string, string, number][] = [
        ['{"item":', 'application/json', 400],
        ['null', 'application/json', 400],
        ['{"item":"kopi"}', 'application/json; charset=koi8-x', 415],
      ];
      for (const [body, type, status] of cases) {
        const res = await client(server, { now: clock.now }).post('/cart', { body, headers: { 'content-type': type } });
        checkStatus(res, status, `POST /cart dengan body ${body} (${type}) harus dijawab ${status}, status dari express.json.`);
        let error: unknown;
        try {
          error = JSON.parse(res.body)?.error;
        } catch {
          error = undefined;
        }
        check(typeof error === 'string' && error.trim() !== '' && !/node_modules|\.[cm]?[jt]s:\d+:\d+/.test(res.body), 'body yang rusak harus dijawab dengan JSON { "error": "..." } yang singkat, bukan halaman error berisi stack trace.', {
          diharapkan: '{ "error": "..." }',
          diterima: res.body.replace(/\s+/g, ' ').slice(0, 200),
          petunjuk: 'pertahankan penanganan error di akhir createApp dari kode awal: app.use((err, req, res, next) => ...).',
          res,
        });
      }
    }));

  test('Tugas 3: setiap pengunjung punya keranjang sendiri', () =>
    withCartApp(async (server, clock) => {
      const a = client(server, { now: clock.now });
      const b = client(server, { now: clock.now });
      await a.post('/cart', { json: { item: 'kopi-milik-A' } });
      await b.post('/cart', { json: { item: 'teh-milik-B' } });
      await a.post('/cart', { json: { item: 'roti-milik-A' } });
      const ra = await a.get('/cart');
      const itemsA = itemsOf(ra);
      check(itemsA.includes('kopi-milik-A') && itemsA.includes('roti-milik-A') && !itemsA.includes('teh-milik-B'), 'klien A harus melihat barangnya sendiri saja.', {
        diharapkan: '["kopi-milik-A", "roti-milik-A"]',
        diterima: ra.body,
        res: ra,
      });
      const rb = await b.get('/cart');
      check(itemsOf(rb).join() === 'teh-milik-B', 'klien B tidak boleh melihat barang klien A (masalah dari pelajaran 01).', {
        diharapkan: '["teh-milik-B"]',
        diterima: rb.body,
        petunjuk: 'simpan keranjang di req.session.cart, bukan di variabel global.',
        res: rb,
      });
    }));

  test('Tugas 3: cookie sid karangan tidak diadopsi', () =>
    withCartApp(async (server, clock) => {
      const res = await client(server).post('/cart', { json: { item: 'jebakan' }, headers: { cookie: 'sid=made-up' } });
      const c = requireSessionCookie(res, 'sid', 'dengan ID baru');
      check(c.value !== 'made-up', 'ID sid=made-up tidak dikenal server, jadi harus diganti dengan ID acak baru.', {
        diharapkan: 'sid=<ID acak baru>',
        diterima: c.raw,
        res,
      });
    }));

  test('Tugas 3: keranjang hidup 29:59 sejak aktivitas terakhir dan hilang pada 30:01 (jam buatan)', () =>
    withCartApp(async (server, clock) => {
      const browser = client(server, { now: clock.now });
      const first = await browser.post('/cart', { json: { item: 'kopi' } });
      const oldId = requireSessionCookie(first, 'sid').value;
      clock.advance(TIMEOUT - SECOND);
      const mid = await browser.get('/cart');
      check(itemsOf(mid).includes('kopi'), 'setelah 29 menit 59 detik diam, keranjang harus masih ada: idle timeout-nya 30 menit.', {
        diharapkan: '["kopi"]',
        diterima: mid.body,
        petunjuk: 'createApp memakai IDLE_TIMEOUT_MS (30 * 60 * 1000 milidetik) untuk store.',
        res: mid,
      });
      clock.advance(TIMEOUT - SECOND);
      const late = await browser.get('/cart');
      check(itemsOf(late).includes('kopi'), 'timeout dihitung dari aktivitas terakhir: hampir 60 menit sejak POST tetapi baru 29 menit 59 detik sejak GET terakhir, jadi keranjang masih ada.', {
        diharapkan: '["kopi"]',
        diterima: late.body,
        res: late,
      });
      clock.advance(TIMEOUT + SECOND);
      const expired = await browser.get('/cart');
      check(itemsOf(expired).length === 0, 'setelah 30 menit tanpa aktivitas, cookie lama tidak boleh mendapat data lagi.', {
        diharapkan: '{ "items": [] }',
        diterima: expired.body,
        petunjuk: 'createApp harus memakai opsi now untuk store (createMemoryStore({ idleTimeoutMs: 30 * 60 * 1000, now })).',
        res: expired,
      });
      const again = await browser.post('/cart', { json: { item: 'teh' } });
      const c = requireSessionCookie(again, 'sid', 'dengan ID baru setelah session lama kedaluwarsa');
      check(c.value !== oldId, 'session yang kedaluwarsa tidak boleh dihidupkan lagi dengan ID lama.', {
        diharapkan: `ID baru, bukan ${oldId}`,
        diterima: c.raw,
        res: again,
      });
    }));
});
