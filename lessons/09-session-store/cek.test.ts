import { mkdtempSync, rmSync } from 'node:fs';
import type { RequestListener } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { RedisStore } from 'connect-redis';
import session from 'express-session';
import { createClient } from 'redis';
import { afterAll, describe, test } from 'vitest';
import {
  type Client,
  type Clock,
  MINUTE,
  type Res,
  type RunningServer,
  attempt,
  check,
  checkStatus,
  client,
  createClock,
  fail,
  listen,
  loadExercise,
  requireSetCookie,
} from '#harness';

type Callback = (err?: unknown, data?: unknown) => void;

interface ExerciseStore extends session.Store {
  touch(sid: string, sess: session.SessionData, cb?: Callback): void;
  prune(): number | Promise<number>;
  close?(): void;
}

interface Exercise {
  SqliteStore: new (options: { dbPath: string; now?: () => number; ttlMs?: number }) => ExerciseStore;
  createApp(options?: {
    store?: session.Store;
    dbPath?: string;
    now?: () => number;
    secret?: string;
    scrypt?: { N: number; r: number; p: number };
  }): RequestListener;
}

const mod = await loadExercise<Exercise>(import.meta.url);

const SECRET = 'rahasia-checker-09-' + randomBytes(8).toString('hex');
const BUDI = { username: 'budi', password: 'kopi-susu-2026' };
// Biaya scrypt murah khusus tes, seperti di pelajaran 06; production tetap memakai minimum OWASP.
const FAST_SCRYPT = { N: 2 ** 12, r: 8, p: 1 };

// ---------------------------------------------------------------------------
// Berkas database sementara, store dan server yang dibereskan setelah tes.

const tmpDir = mkdtempSync(path.join(os.tmpdir(), 'cek-09-'));
let dbCounter = 0;
const openStores: ExerciseStore[] = [];
const openServers: RunningServer[] = [];

afterAll(async () => {
  for (const s of openServers) await s.close();
  for (const s of openStores) {
    try {
      s.close?.();
    } catch {
      // store yang sudah ditutup boleh menolak ditutup dua kali
    }
  }
  try {
    rmSync(tmpDir, { recursive: true, force: true });
  } catch {
    // Windows menolak menghapus berkas yang masih terbuka; folder sementara boleh tertinggal.
  }
});

function newDbFile(): string {
  dbCounter += 1;
  return path.join(tmpDir, `sessions-${dbCounter}.sqlite`);
}

async function openStore(dbPath: string, clock: Clock, ttlMs = 30 * MINUTE): Promise<ExerciseStore> {
  const store = await attempt(`new SqliteStore({ dbPath, now, ttlMs: ${ttlMs} })`, () => new mod.SqliteStore({ dbPath, now: clock.now, ttlMs }));
  openStores.push(store);
  return store;
}

async function closeStore(store: ExerciseStore) {
  await attempt('store.close()', () => store.close?.());
}

// Memanggil metode store gaya express-session (callback). Store yang lupa memanggil
// callback akan membuat express-session menggantung, jadi itu juga dilaporkan.
function call(store: ExerciseStore, method: 'get' | 'set' | 'destroy' | 'touch', ...args: unknown[]): Promise<unknown> {
  const label = `store.${method}(${args.map((a) => (typeof a === 'string' ? JSON.stringify(a) : '…')).join(', ')})`;
  return attempt(
    label,
    () =>
      new Promise((resolve, reject) => {
        const timer = setTimeout(
          () => reject(new Error(`callback tidak pernah dipanggil dalam 2 detik; express-session akan menunggu selamanya`)),
          2000,
        );
        const fn = (store as unknown as Record<string, (...a: unknown[]) => void>)[method];
        if (typeof fn !== 'function') throw new Error(`metode ${method} tidak ada`);
        fn.call(store, ...args, (err?: unknown, data?: unknown) => {
          clearTimeout(timer);
          if (err) reject(err instanceof Error ? err : new Error(String(err)));
          else resolve(data);
        });
      }),
  );
}

/** Data session seperti yang diberikan express-session ke store: ada objek cookie. */
function sessionData(extra: Record<string, unknown>, maxAge?: number): session.SessionData {
  const cookie = new session.Cookie();
  if (maxAge !== undefined) cookie.maxAge = maxAge;
  return { cookie, ...extra } as session.SessionData;
}

const get = (store: ExerciseStore, sid: string) => call(store, 'get', sid) as Promise<Record<string, unknown> | null | undefined>;

async function expectAlive(store: ExerciseStore, sid: string, message: string, username = 'budi') {
  const got = await get(store, sid);
  check(got != null && got.username === username, message, {
    diharapkan: `session dengan username "${username}"`,
    diterima: got ?? '(tidak ada)',
  });
}

async function expectGone(store: ExerciseStore, sid: string, message: string) {
  const got = await get(store, sid);
  check(got == null, message, { diharapkan: 'null atau undefined (tidak ada session)', diterima: got });
}

// ---------------------------------------------------------------------------
// App sungguhan di port acak.

async function startApp(options: { store?: session.Store; dbPath?: string; clock?: Clock }): Promise<RunningServer> {
  const app = await attempt('createApp({ store })', () =>
    mod.createApp({ store: options.store, dbPath: options.dbPath, now: options.clock?.now, secret: SECRET, scrypt: FAST_SCRYPT }),
  );
  const running = await listen(app);
  openServers.push(running);
  return running;
}

/** Browser yang sama (jar yang sama) berbicara ke instance lain: seperti load balancer di depan dua server. */
function sameBrowser(browser: Client, server: RunningServer, clock?: Clock): Client {
  const other = client(server, { now: clock?.now });
  other.jar = browser.jar;
  return other;
}

async function login(browser: Client): Promise<string> {
  const res = await browser.post('/login', { form: BUDI });
  checkStatus(res, [200, 302, 303], 'login dengan budi / kopi-susu-2026 harus berhasil (app pelajaran 06 tetap bekerja).');
  requireSetCookie(res, 'sid', 'setelah login');
  const sid = await browser.cookie('sid');
  check(sid, 'setelah login, browser harus menyimpan cookie "sid".', { diterima: res.setCookies, res });
  return sid;
}

// Seperti pelajaran 06: klien JSON yang belum login mendapat 401 (browser HTML boleh diarahkan ke /login).
const JSON_ACCEPT = { accept: 'application/json' };

function dashboard(browser: Client, sid?: string) {
  return browser.get('/dashboard', { headers: sid ? { ...JSON_ACCEPT, cookie: `sid=${sid}` } : JSON_ACCEPT });
}

function expectLoggedIn(res: Res, message: string) {
  check(res.status === 200 && res.body.includes('budi'), message, {
    diharapkan: '200 dengan "budi" di body',
    diterima: `${res.status} ${res.body.slice(0, 120)}`,
    res,
  });
}

function expectLoggedOut(res: Res, message: string) {
  check(res.status === 401, message, { diharapkan: 401, diterima: res.status, res });
}

// ---------------------------------------------------------------------------

describe('Tugas 1: SqliteStore menyimpan session di berkas SQLite', () => {
  test('Tugas 1: set lalu get mengembalikan data yang sama; ID tak dikenal → tidak ada', async () => {
    const store = await openStore(newDbFile(), createClock());
    const data = { username: 'budi', keranjang: [{ item: 'kopi susu', jumlah: 2 }], catatan: 'gula sedikit ☕' };
    await call(store, 'set', 'sid-satu', sessionData(data));
    const got = await get(store, 'sid-satu');
    check(
      got != null &&
        got.username === 'budi' &&
        JSON.stringify(got.keranjang) === JSON.stringify(data.keranjang) &&
        got.catatan === data.catatan,
      'setelah set("sid-satu", session), get("sid-satu") harus mengembalikan isi session yang sama (simpan sebagai JSON).',
      { diharapkan: data, diterima: got ?? '(tidak ada)' },
    );
    check(got.cookie != null && typeof got.cookie === 'object', 'session dari get() harus tetap membawa objek cookie-nya.', {
      diharapkan: '{ cookie: { … }, username: … }',
      diterima: got,
    });
    await expectGone(store, 'tidak-pernah-ada', 'get() untuk ID yang tidak dikenal harus memanggil callback tanpa error dan tanpa session.');
  });

  test('Tugas 1: set kedua untuk ID yang sama menimpa isinya (upsert)', async () => {
    const store = await openStore(newDbFile(), createClock());
    await call(store, 'set', 'sid-dua', sessionData({ username: 'budi', kunjungan: 1 }));
    await call(store, 'set', 'sid-dua', sessionData({ username: 'budi', kunjungan: 2 }));
    const got = await get(store, 'sid-dua');
    check(got?.kunjungan === 2, 'set() untuk ID yang sudah ada harus menimpa isinya, bukan gagal atau menyimpan dua baris.', {
      diharapkan: '{ kunjungan: 2, … }',
      diterima: got ?? '(tidak ada)',
      petunjuk: 'Pakai INSERT … ON CONFLICT (sid) DO UPDATE atau INSERT OR REPLACE.',
    });
  });

  test('Tugas 1: destroy menghapus session', async () => {
    const store = await openStore(newDbFile(), createClock());
    await call(store, 'set', 'sid-tiga', sessionData({ username: 'budi' }));
    await call(store, 'destroy', 'sid-tiga');
    await expectGone(store, 'sid-tiga', 'setelah destroy("sid-tiga"), get("sid-tiga") tidak boleh mengembalikan session.');
    await call(store, 'destroy', 'tidak-pernah-ada');
  });

  test('Tugas 1: session selamat dari restart (store baru, berkas yang sama)', async () => {
    const file = newDbFile();
    const clock = createClock();
    const first = await openStore(file, clock);
    await call(first, 'set', 'sid-restart', sessionData({ username: 'budi' }));
    await closeStore(first);
    const second = await openStore(file, clock);
    await expectAlive(
      second,
      'sid-restart',
      'session yang disimpan store pertama harus masih ada setelah store ditutup dan store baru dibuka pada berkas yang sama. Simpan di berkas dbPath, bukan di memori.',
    );
  });

  test('Tugas 1: dua store pada berkas yang sama saling melihat tulisan dan hapusan', async () => {
    const file = newDbFile();
    const clock = createClock();
    const a = await openStore(file, clock);
    const b = await openStore(file, clock);
    await call(a, 'set', 'sid-bersama', sessionData({ username: 'budi' }));
    await expectAlive(b, 'sid-bersama', 'session yang ditulis store A harus terbaca oleh store B pada berkas yang sama.');
    await call(b, 'destroy', 'sid-bersama');
    await expectGone(a, 'sid-bersama', 'session yang dihapus store B harus hilang juga bagi store A.');
  });
});

describe('Tugas 2: kedaluwarsa, touch, dan pruning', () => {
  test('Tugas 2: tanpa maxAge cookie, session kedaluwarsa setelah ttlMs (jam dari opsi now)', async () => {
    const clock = createClock();
    const store = await openStore(newDbFile(), clock, 30 * MINUTE);
    await call(store, 'set', 'sid-ttl', sessionData({ username: 'budi' }));
    clock.advance(29 * MINUTE);
    await expectAlive(store, 'sid-ttl', 'dengan ttlMs 30 menit, session harus masih ada 29 menit setelah set().');
    clock.advance(2 * MINUTE);
    await expectGone(
      store,
      'sid-ttl',
      'dengan ttlMs 30 menit, get() 31 menit setelah set() harus mengembalikan "tidak ada". Hitung kedaluwarsa dengan now(), bukan Date.now().',
    );
  });

  test('Tugas 2: maxAge cookie menentukan umur bila ada', async () => {
    const clock = createClock();
    const store = await openStore(newDbFile(), clock, 60 * MINUTE);
    await call(store, 'set', 'sid-maxage', sessionData({ username: 'budi' }, 10 * MINUTE));
    clock.advance(9 * MINUTE);
    await expectAlive(store, 'sid-maxage', 'session dengan cookie.maxAge 10 menit harus masih ada setelah 9 menit.');
    clock.advance(2 * MINUTE);
    await expectGone(
      store,
      'sid-maxage',
      'session dengan cookie.maxAge 10 menit harus kedaluwarsa setelah 11 menit, meski ttlMs 60 menit. Pakai now() + session.cookie.maxAge.',
    );
  });

  test('Tugas 2: touch() memperpanjang umur session', async () => {
    const clock = createClock();
    const store = await openStore(newDbFile(), clock, 30 * MINUTE);
    const sess = sessionData({ username: 'budi' });
    await call(store, 'set', 'sid-touch', sess);
    clock.advance(20 * MINUTE);
    await call(store, 'touch', 'sid-touch', sess);
    clock.advance(20 * MINUTE);
    await expectAlive(
      store,
      'sid-touch',
      'touch() pada menit ke-20 harus memperpanjang umur: pada menit ke-40 session masih ada (20 menit setelah touch).',
    );
    clock.advance(31 * MINUTE);
    await expectGone(store, 'sid-touch', 'tanpa aktivitas 31 menit setelah touch(), session harus kedaluwarsa.');
  });

  test('Tugas 2: prune() menghapus baris kedaluwarsa dan mengembalikan jumlahnya', async () => {
    const clock = createClock();
    const store = await openStore(newDbFile(), clock, 30 * MINUTE);
    await call(store, 'set', 'sid-lama-1', sessionData({ username: 'budi' }));
    await call(store, 'set', 'sid-lama-2', sessionData({ username: 'budi' }));
    clock.advance(20 * MINUTE);
    await call(store, 'set', 'sid-baru', sessionData({ username: 'budi' }));
    clock.advance(15 * MINUTE); // dua yang lama kedaluwarsa, yang baru masih hidup
    const removed = await attempt('store.prune()', () => store.prune());
    check(removed === 2, 'prune() harus menghapus dua session yang kedaluwarsa dan mengembalikan jumlah baris yang dihapus.', {
      diharapkan: 2,
      diterima: removed,
    });
    await expectAlive(store, 'sid-baru', 'prune() tidak boleh menghapus session yang masih hidup.');
    const again = await attempt('store.prune()', () => store.prune());
    check(again === 0, 'prune() kedua tanpa session kedaluwarsa baru harus mengembalikan 0.', { diharapkan: 0, diterima: again });
    // Bukti bahwa barisnya benar-benar terhapus, bukan hanya disembunyikan oleh get():
    // putar jam kembali ke saat session lama masih berlaku; baris yang terhapus tetap tidak ada.
    clock.advance(-34 * MINUTE);
    await expectGone(
      store,
      'sid-lama-1',
      'setelah prune(), baris session kedaluwarsa harus benar-benar terhapus dari tabel (diuji dengan memutar jam kembali).',
    );
  });
});

// Tes HTTP diberi waktu lebih: kode yang mengabaikan opsi `scrypt` (selalu biaya OWASP) tetap harus lulus.
describe('Tugas 3: store dipasang di app login, dua instance, restart', { timeout: 60_000 }, () => {
  test('Tugas 3: masih login setelah server di-restart (store baru, berkas yang sama)', async () => {
    const file = newDbFile();
    const clock = createClock();
    const storeA = await openStore(file, clock);
    const before = await startApp({ store: storeA, clock });
    const browser = client(before, { now: clock.now });
    await login(browser);
    expectLoggedIn(await dashboard(browser), 'setelah login, GET /dashboard harus 200.');

    await before.close();
    await closeStore(storeA);
    const storeB = await openStore(file, clock);
    const after = await startApp({ store: storeB, clock });
    const res = await dashboard(sameBrowser(browser, after, clock));
    expectLoggedIn(
      res,
      'setelah server di-restart dengan SqliteStore baru pada berkas yang sama, browser harus masih login. createApp harus memakai opsi `store`, bukan MemoryStore.',
    );
  });

  test('Tugas 3: dua instance pada berkas yang sama berbagi session; logout di satu mengakhiri di keduanya', async () => {
    const file = newDbFile();
    const clock = createClock();
    const a = await startApp({ store: await openStore(file, clock), clock });
    const b = await startApp({ store: await openStore(file, clock), clock });
    const onA = client(a, { now: clock.now });
    const sid = await login(onA);
    const onB = sameBrowser(onA, b, clock);
    expectLoggedIn(await dashboard(onB), `login di instance A (port ${a.port}) harus berlaku di instance B (port ${b.port}).`);

    const out = await onB.post('/logout');
    check(out.status < 500, 'POST /logout di instance B harus berhasil.', { diterima: out.status, res: out });
    const replayA = await dashboard(client(a), sid);
    expectLoggedOut(replayA, 'setelah logout di instance B, cookie lama yang diputar ulang ke instance A harus ditolak (401): session harus hilang dari store bersama.');
    const replayB = await dashboard(client(b), sid);
    expectLoggedOut(replayB, 'setelah logout, cookie lama di instance B juga harus ditolak (401).');
  });

  test('Tugas 3: request yang aktif memperpanjang session (touch), diam 31 menit → logout', async () => {
    const clock = createClock();
    const server = await startApp({ store: await openStore(newDbFile(), clock, 30 * MINUTE), clock });
    const browser = client(server, { now: clock.now });
    await login(browser);
    clock.advance(20 * MINUTE);
    expectLoggedIn(await dashboard(browser), '20 menit setelah login, GET /dashboard harus masih 200.');
    clock.advance(20 * MINUTE);
    expectLoggedIn(
      await dashboard(browser),
      '40 menit setelah login tetapi hanya 20 menit sejak request terakhir, session harus masih hidup: express-session memanggil store.touch() (resave: false).',
    );
    clock.advance(31 * MINUTE);
    expectLoggedOut(await dashboard(browser), 'setelah diam 31 menit (ttlMs 30 menit), GET /dashboard harus 401.');
  });

  test('Tugas 3: tanpa opsi store, createApp({ dbPath }) membuat SqliteStore pada berkas itu', async () => {
    const file = newDbFile();
    const before = await startApp({ dbPath: file });
    const browser = client(before);
    await login(browser);
    await before.close();
    const after = await startApp({ dbPath: file });
    expectLoggedIn(
      await dashboard(sameBrowser(browser, after)),
      'dua app dari createApp({ dbPath }) dengan berkas yang sama harus berbagi session (restart tetap login). Bawaan createApp harus SqliteStore, bukan MemoryStore.',
    );
  });

  // Satu-satunya bagian yang boleh dilewati: butuh Redis sungguhan (CI menyetel REDIS_URL).
  const REDIS_URL = process.env.REDIS_URL;
  const redisTitle = REDIS_URL
    ? `dengan Redis di ${REDIS_URL} (connect-redis)`
    : 'dengan Redis — DILEWATI karena REDIS_URL tidak diset. Jalankan redis-server lalu REDIS_URL=redis://127.0.0.1:6379 npm run cek -- 09';

  describe.skipIf(!REDIS_URL)(redisTitle, () => {
    const prefix = `cek09:${randomBytes(6).toString('hex')}:`;
    const clients: ReturnType<typeof createClient>[] = [];

    async function redisStore() {
      // Tanpa coba-ulang: Redis yang mati harus jadi pesan gagal yang jelas, bukan tes yang menggantung.
      const c = createClient({ url: REDIS_URL, socket: { reconnectStrategy: false, connectTimeout: 3000 } });
      c.on('error', () => {}); // kesalahan sambungan dilaporkan lewat connect() di bawah
      try {
        await c.connect();
      } catch (err) {
        fail(`tidak bisa tersambung ke Redis di ${REDIS_URL}.`, {
          diterima: (err as Error).message || String(err),
          petunjuk: 'Jalankan redis-server (atau docker run --rm -p 6379:6379 redis:7), atau kosongkan REDIS_URL untuk melewati bagian ini.',
        });
      }
      clients.push(c);
      return { redis: c, store: new RedisStore({ client: c, prefix }) };
    }

    afterAll(async () => {
      const c = clients.find((x) => x.isOpen);
      if (c) {
        for await (const keys of c.scanIterator({ MATCH: `${prefix}*` })) if (keys.length) await c.del(keys);
      }
      for (const x of clients) if (x.isOpen) await x.close();
    });

    test('Tugas 3: Redis — masih login setelah restart, dua instance berbagi session, logout berlaku di keduanya', async () => {
      const first = await redisStore();
      const a = await startApp({ store: first.store });
      const browser = client(a);
      const sid = await login(browser);

      // Restart instance A: server dan sambungan Redis-nya ditutup, lalu dibuat ulang.
      await a.close();
      await first.redis.close();
      const a2 = await startApp({ store: (await redisStore()).store });
      expectLoggedIn(await dashboard(sameBrowser(browser, a2)), 'setelah restart dengan RedisStore baru, browser harus masih login.');

      const b = await startApp({ store: (await redisStore()).store });
      const onB = sameBrowser(browser, b);
      expectLoggedIn(await dashboard(onB), 'login yang sama harus berlaku di instance kedua yang memakai Redis yang sama.');
      await onB.post('/logout');
      expectLoggedOut(
        await dashboard(client(a2), sid),
        'setelah logout di instance B, cookie lama di instance A harus ditolak (401): session harus hilang dari Redis.',
      );
    });
  });
});
