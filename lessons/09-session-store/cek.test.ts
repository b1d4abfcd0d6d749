// Syarat pelajaran 09 (tugas, petunjuk, komentar awal.ts, teks) dan tes yang menjaganya:
// Tugas 1
// - set lalu get: data yang sama (JSON), termasuk objek cookie; ID tak dikenal → cb(null, null)
//   → "set lalu get mengembalikan data yang sama; ID tak dikenal → tidak ada"
// - set menimpa ID yang sudah ada (upsert) → "set kedua untuk ID yang sama menimpa isinya (upsert)"
// - destroy menghapus; ID tak dikenal tidak error → "destroy menghapus session"
// - tersimpan di berkas dbPath: selamat dari restart, terlihat oleh store lain → "session selamat dari restart …",
//   "dua store pada berkas yang sama saling melihat tulisan dan hapusan"
// - mode WAL agar beberapa proses berbagi berkas → "berkas database memakai mode WAL"
// - setiap metode memanggil cb; gagal → cb(err), tidak melempar, tidak menggantung; close() menutup database
//   → "setelah close(), setiap metode melaporkan error lewat callback"
// Tugas 2
// - tanpa maxAge: now() + ttlMs; kedaluwarsa tepat pada expires <= now() → "tanpa maxAge cookie, session kedaluwarsa setelah ttlMs …"
// - ttlMs bawaan 30 menit → "tanpa opsi ttlMs, session hidup tepat 30 menit"
// - dengan maxAge: now() + cookie.maxAge (juga pada batasnya) → "maxAge cookie menentukan umur bila ada"
// - touch memperpanjang umur → "touch() memperpanjang umur session"
// - touch memakai maxAge seperti set dan HANYA memperbarui umur (data tetap) → "touch() memakai maxAge cookie seperti set, dan tidak mengubah data"
// - touch tidak menghidupkan lagi session kedaluwarsa dan tidak membuat session baru → "touch() tidak menghidupkan lagi …"
// - prune() menghapus baris kedaluwarsa (juga tepat pada batasnya) dan mengembalikan jumlahnya
//   → "prune() menghapus baris kedaluwarsa dan mengembalikan jumlahnya", "prune() juga menghapus baris yang kedaluwarsa tepat sekarang"
// - prune() berkala setiap pruneIntervalMs, bawaan 10 menit, 0 = tidak pernah, close() menghentikan timer
//   → "prune() berjalan sendiri setiap pruneIntervalMs", "tanpa opsi, prune berjalan setiap 10 menit; …"
// - timer di-unref() → "timer pruning di-unref()"
// Tugas 3
// - createApp({ store }) menyimpan session di store itu: restart, dua instance, logout, touch lewat HTTP
//   → "masih login setelah server di-restart …", "dua instance pada berkas yang sama …", "request yang aktif memperpanjang session …"
// - tanpa store: SqliteStore pada dbPath dengan jam now dan TTL bawaan → "tanpa opsi store, createApp({ dbPath }) …",
//   "tanpa opsi store, jam now dan TTL bawaan 30 menit dipakai"
// - tanpa dbPath: SESSION_DB; folder induk dibuat → "tanpa dbPath, SESSION_DB yang dipakai; folder induknya dibuat"
// - session ID dari CSPRNG, ≥ 128 bit (ASVS 5.0 7.2.3); ditandatangani dengan opsi secret (secret sama di
//   semua instance) → "session ID setelah login dari CSPRNG, unik, ≥ 128 bit"
// - app login tetap menolak password salah → "password yang salah tetap ditolak …"
// - production: cookie Secure di balik proxy HTTPS; trust proxy hanya di production → "NODE_ENV=production di balik proxy HTTPS: cookie sid Secure"
// - saveUninitialized: false dan resave: false (pelajaran 05) → "pengunjung anonim tidak mengisi store, …"
// - username ditulis ke HTML sebagai teks, tetap utuh → "username berisi markup tampil sebagai teks di dashboard"
// - body rusak → 4xx, bukan 5xx → "body JSON rusak ke /login dijawab 4xx, bukan error server"
// - Redis (connect-redis) bila REDIS_URL diisi → "Redis — masih login setelah restart, …"
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import type { RequestListener } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createHmac, randomBytes } from 'node:crypto';
import Database from 'better-sqlite3';
import { RedisStore } from 'connect-redis';
import session from 'express-session';
import { createClient } from 'redis';
import { afterAll, describe, test, vi } from 'vitest';
import {
  type Client,
  type Clock,
  MINUTE,
  type Res,
  type RunningServer,
  SECOND,
  attempt,
  check,
  checkStatus,
  client,
  createClock,
  fail,
  idBits,
  listen,
  loadExercise,
  mediaType,
  requireSetCookie,
  withEnv,
  withPredictableRandom,
} from '#harness';

type Callback = (err?: unknown, data?: unknown) => void;

interface ExerciseStore extends session.Store {
  touch(sid: string, sess: session.SessionData, cb?: Callback): void;
  prune(): number | Promise<number>;
  close?(): void;
}

interface Exercise {
  SqliteStore: new (options: { dbPath: string; now?: () => number; ttlMs?: number; pruneIntervalMs?: number }) => ExerciseStore;
  createApp(options?: {
    users?: { username: string; password: string }[];
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
// Timer dari store yang dibuat createApp sendiri (tanpa opsi store); checker tidak memegang store itu,
// jadi timer-nya dihentikan di sini agar kode yang lupa unref() tidak menahan pemeriksaan selamanya.
const appTimers: ReturnType<typeof setInterval>[] = [];

afterAll(async () => {
  for (const t of appTimers) clearInterval(t);
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

/** ttlMs null = opsi ttlMs tidak diberikan (bawaan store); `more` untuk pruneIntervalMs. */
async function openStore(dbPath: string, clock: Clock, ttlMs: number | null = 30 * MINUTE, more: { pruneIntervalMs?: number } = {}): Promise<ExerciseStore> {
  const options = { dbPath, now: clock.now, ...(ttlMs === null ? {} : { ttlMs }), ...more };
  const label = Object.keys(options).map((k) => (k === 'ttlMs' || k === 'pruneIntervalMs' ? `${k}: ${options[k as 'ttlMs']}` : k));
  const store = await attempt(`new SqliteStore({ ${label.join(', ')} })`, () => new mod.SqliteStore(options));
  openStores.push(store);
  return store;
}

async function closeStore(store: ExerciseStore) {
  await attempt('store.close()', () => store.close?.());
}

type Method = 'get' | 'set' | 'destroy' | 'touch';

function labelOf(method: Method, args: unknown[]) {
  return `store.${method}(${args.map((a) => (typeof a === 'string' ? JSON.stringify(a) : '…')).join(', ')})`;
}

/** Hasil mentah satu panggilan gaya callback: error dari cb, lemparan, atau cb yang tidak pernah dipanggil. */
function callRaw(store: ExerciseStore, method: Method, ...args: unknown[]): Promise<{ err?: unknown; data?: unknown; threw?: unknown; hung?: true }> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve({ hung: true }), 2000);
    const done = (r: { err?: unknown; data?: unknown; threw?: unknown }) => {
      clearTimeout(timer);
      resolve(r);
    };
    const fn = (store as unknown as Record<string, (...a: unknown[]) => void>)[method];
    if (typeof fn !== 'function') return done({ threw: new Error(`metode ${method} tidak ada`) });
    try {
      fn.call(store, ...args, (err?: unknown, data?: unknown) => done({ err, data }));
    } catch (threw) {
      done({ threw });
    }
  });
}

// Memanggil metode store gaya express-session (callback). Store yang lupa memanggil
// callback akan membuat express-session menggantung, jadi itu juga dilaporkan.
function call(store: ExerciseStore, method: Method, ...args: unknown[]): Promise<unknown> {
  return attempt(labelOf(method, args), async () => {
    const r = await callRaw(store, method, ...args);
    if (r.hung) throw new Error('callback tidak pernah dipanggil dalam 2 detik; express-session akan menunggu selamanya');
    if (r.threw) throw r.threw;
    if (r.err) throw r.err instanceof Error ? r.err : new Error(String(r.err));
    return r.data;
  });
}

/** Setelah store ditutup, metode harus melaporkan kegagalan lewat cb(err): tidak melempar, tidak menggantung. */
async function expectErrorViaCallback(store: ExerciseStore, method: Method, ...args: unknown[]) {
  const r = await callRaw(store, method, ...args);
  const label = labelOf(method, args);
  check(!r.hung, `${label} pada store yang sudah ditutup tidak pernah memanggil callback: request akan menggantung selamanya.`, {
    diharapkan: 'cb(err)',
    diterima: '(callback tidak dipanggil dalam 2 detik)',
    petunjuk: 'bungkus kerja database dengan try { … cb(null, …) } catch (err) { cb(err) }.',
  });
  check(!r.threw, `${label} pada store yang sudah ditutup harus melaporkan error lewat callback, bukan melemparnya.`, {
    diharapkan: 'cb(err)',
    diterima: `melempar: ${(r.threw as Error)?.message ?? String(r.threw)}`,
    petunjuk: 'bungkus kerja database dengan try { … } catch (err) { cb(err) }.',
  });
  check(r.err, `${label} pada store yang sudah ditutup harus memanggil cb(err): database yang tertutup tidak bisa dibaca atau ditulis.`, {
    diharapkan: 'cb(err) dengan error dari better-sqlite3',
    diterima: `cb(${r.err === undefined ? '' : String(r.err)}${r.data === undefined ? '' : `, ${JSON.stringify(r.data)}`})`,
    petunjuk: 'close() harus menutup database (this.db.close()).',
  });
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

async function startApp(options: {
  store?: session.Store;
  dbPath?: string;
  clock?: Clock;
  users?: { username: string; password: string }[];
}): Promise<RunningServer> {
  const label = options.store ? '{ store }' : options.dbPath ? '{ dbPath }' : '{}';
  const realSetInterval = globalThis.setInterval;
  globalThis.setInterval = ((...args: Parameters<typeof setInterval>) => {
    const t = realSetInterval(...args);
    appTimers.push(t);
    return t;
  }) as typeof setInterval;
  let app: RequestListener;
  try {
    app = await attempt(`createApp(${label})`, () =>
      mod.createApp({
        store: options.store,
        dbPath: options.dbPath,
        now: options.clock?.now,
        secret: SECRET,
        scrypt: FAST_SCRYPT,
        ...(options.users ? { users: options.users } : {}),
      }),
    );
  } finally {
    globalThis.setInterval = realSetInterval;
  }
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

/** Nilai cookie sid dari setiap login di berkas ini; tes CSPRNG memakainya lagi (scrypt itu mahal). */
const loginCookies: string[] = [];

async function login(browser: Client, user = BUDI): Promise<string> {
  const res = await browser.post('/login', { form: user });
  checkStatus(res, [200, 302, 303], `login dengan ${user.username} / ${user.password} harus berhasil (app pelajaran 06 tetap bekerja).`);
  requireSetCookie(res, 'sid', 'setelah login');
  const sid = await browser.cookie('sid');
  check(sid, 'setelah login, browser harus menyimpan cookie "sid".', { diterima: res.setCookies, res });
  loginCookies.push(sid);
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

  test('Tugas 1: berkas database memakai mode WAL', async () => {
    const file = newDbFile();
    const store = await openStore(file, createClock());
    await call(store, 'set', 'sid-wal', sessionData({ username: 'budi' }));
    let mode = '(berkas tidak ada)';
    if (existsSync(file)) {
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        mode = String(db.pragma('journal_mode', { simple: true }));
      } finally {
        db.close();
      }
    }
    check(mode.toLowerCase() === 'wal', 'berkas SQLite store harus memakai mode WAL agar beberapa proses bisa membaca sambil satu proses menulis.', {
      diharapkan: 'journal_mode = wal',
      diterima: `journal_mode = ${mode}`,
      petunjuk: "this.db.pragma('journal_mode = WAL') sesudah membuka database.",
    });
  });

  test('Tugas 1: setelah close(), setiap metode melaporkan error lewat callback', async () => {
    const store = await openStore(newDbFile(), createClock());
    await call(store, 'set', 'sid-tutup', sessionData({ username: 'budi' }));
    await closeStore(store);
    await expectErrorViaCallback(store, 'get', 'sid-tutup');
    await expectErrorViaCallback(store, 'set', 'sid-tutup', sessionData({ username: 'budi' }));
    await expectErrorViaCallback(store, 'destroy', 'sid-tutup');
    await expectErrorViaCallback(store, 'touch', 'sid-tutup', sessionData({ username: 'budi' }));
  });
});

describe('Tugas 2: kedaluwarsa, touch, dan pruning', () => {
  /** Baris masih ada di tabel? Diuji dengan memutar jam ke saat session masih berlaku lalu memanggil get(). */
  async function rowExists(store: ExerciseStore, clock: Clock, sid: string, back: number): Promise<boolean> {
    clock.advance(-back);
    try {
      return (await get(store, sid)) != null;
    } finally {
      clock.advance(back);
    }
  }

  test('Tugas 2: tanpa maxAge cookie, session kedaluwarsa setelah ttlMs (jam dari opsi now)', async () => {
    const clock = createClock();
    const store = await openStore(newDbFile(), clock, 30 * MINUTE);
    await call(store, 'set', 'sid-ttl', sessionData({ username: 'budi' }));
    clock.advance(29 * MINUTE);
    await expectAlive(store, 'sid-ttl', 'dengan ttlMs 30 menit, session harus masih ada 29 menit setelah set().');
    clock.advance(MINUTE - SECOND);
    await expectAlive(store, 'sid-ttl', 'dengan ttlMs 30 menit, session harus masih ada 29 menit 59 detik setelah set().');
    clock.advance(SECOND);
    await expectGone(
      store,
      'sid-ttl',
      'dengan ttlMs 30 menit, tepat 30 menit setelah set() session sudah kedaluwarsa: expires <= now() berarti tidak ada.',
    );
    clock.advance(MINUTE);
    await expectGone(
      store,
      'sid-ttl',
      'dengan ttlMs 30 menit, get() 31 menit setelah set() harus mengembalikan "tidak ada". Hitung kedaluwarsa dengan now(), bukan Date.now().',
    );
  });

  test('Tugas 2: tanpa opsi ttlMs, session hidup tepat 30 menit', async () => {
    const clock = createClock();
    const store = await openStore(newDbFile(), clock, null);
    await call(store, 'set', 'sid-bawaan', sessionData({ username: 'budi' }));
    clock.advance(30 * MINUTE - SECOND);
    await expectAlive(store, 'sid-bawaan', 'tanpa opsi ttlMs, TTL bawaan adalah 30 menit: session harus masih ada 29 menit 59 detik setelah set().');
    clock.advance(SECOND);
    await expectGone(store, 'sid-bawaan', 'tanpa opsi ttlMs, TTL bawaan adalah 30 menit: tepat 30 menit setelah set() session sudah kedaluwarsa.');
  });

  test('Tugas 2: maxAge cookie menentukan umur bila ada', async () => {
    const clock = createClock();
    const store = await openStore(newDbFile(), clock, 60 * MINUTE);
    await call(store, 'set', 'sid-maxage', sessionData({ username: 'budi' }, 10 * MINUTE));
    clock.advance(9 * MINUTE);
    await expectAlive(store, 'sid-maxage', 'session dengan cookie.maxAge 10 menit harus masih ada setelah 9 menit.');
    clock.advance(MINUTE - SECOND);
    await expectAlive(store, 'sid-maxage', 'session dengan cookie.maxAge 10 menit harus masih ada setelah 9 menit 59 detik.');
    clock.advance(SECOND);
    await expectGone(store, 'sid-maxage', 'session dengan cookie.maxAge 10 menit sudah kedaluwarsa tepat 10 menit setelah set() (expires <= now()), meski ttlMs 60 menit.');
    clock.advance(MINUTE);
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

  test('Tugas 2: touch() memakai maxAge cookie seperti set, dan tidak mengubah data', async () => {
    const clock = createClock();
    const store = await openStore(newDbFile(), clock, 60 * MINUTE);
    await call(store, 'set', 'sid-touch-umur', sessionData({ username: 'budi', versi: 1 }, 10 * MINUTE));
    clock.advance(5 * MINUTE);
    // express-session memberi touch() session milik request ini; isinya tidak boleh menimpa data di store.
    await call(store, 'touch', 'sid-touch-umur', sessionData({ username: 'budi', versi: 2 }, 10 * MINUTE));
    const got = await get(store, 'sid-touch-umur');
    check(got?.versi === 1, 'touch() hanya memperbarui umur session; data di store tidak boleh ditimpa.', {
      diharapkan: '{ versi: 1, … } (data dari set)',
      diterima: got ?? '(tidak ada)',
      petunjuk: 'touch bukan set: UPDATE … SET expires = ? WHERE sid = ?. Menulis ulang data mengembalikan masalah resave: perubahan request lain tertimpa.',
    });
    clock.advance(10 * MINUTE - SECOND);
    await expectAlive(store, 'sid-touch-umur', 'touch() dengan cookie.maxAge 10 menit: session harus masih ada 9 menit 59 detik sesudahnya.');
    clock.advance(SECOND);
    await expectGone(
      store,
      'sid-touch-umur',
      'touch() dengan cookie.maxAge 10 menit: tepat 10 menit sesudahnya session kedaluwarsa (hitung seperti set: now() + cookie.maxAge, bukan ttlMs).',
    );
  });

  test('Tugas 2: touch() tidak menghidupkan lagi session yang sudah kedaluwarsa, dan tidak membuat session baru', async () => {
    const clock = createClock();
    const store = await openStore(newDbFile(), clock, 30 * MINUTE);
    const sess = sessionData({ username: 'budi' });
    await call(store, 'set', 'sid-mati', sess);
    clock.advance(30 * MINUTE);
    await call(store, 'touch', 'sid-mati', sess);
    await expectGone(
      store,
      'sid-mati',
      'touch() pada session yang sudah kedaluwarsa tidak boleh menghidupkannya lagi: cookie lama yang datang sebelum pruning tetap harus ditolak.',
    );
    await call(store, 'touch', 'sid-tidak-pernah-ada', sess);
    await expectGone(store, 'sid-tidak-pernah-ada', 'touch() untuk ID yang tidak ada di store tidak boleh membuat session baru.');
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

  test('Tugas 2: prune() juga menghapus baris yang kedaluwarsa tepat sekarang (expires <= now())', async () => {
    const clock = createClock();
    const store = await openStore(newDbFile(), clock, 30 * MINUTE);
    await call(store, 'set', 'sid-batas', sessionData({ username: 'budi' }));
    clock.advance(30 * MINUTE - SECOND);
    const early = await attempt('store.prune()', () => store.prune());
    check(early === 0, 'prune() 1 detik sebelum kedaluwarsa tidak boleh menghapus apa pun.', { diharapkan: 0, diterima: early });
    clock.advance(SECOND);
    const removed = await attempt('store.prune()', () => store.prune());
    check(removed === 1, 'prune() tepat 30 menit setelah set() (ttlMs 30 menit) harus menghapus session itu: expires <= now() berarti kedaluwarsa.', {
      diharapkan: 1,
      diterima: removed,
    });
  });

  test('Tugas 2: prune() berjalan sendiri setiap pruneIntervalMs', async () => {
    const clock = createClock();
    const store = await openStore(newDbFile(), clock, 30 * MINUTE, { pruneIntervalMs: 20 });
    await call(store, 'set', 'sid-berkala', sessionData({ username: 'budi' }));
    clock.advance(31 * MINUTE);
    await new Promise((r) => setTimeout(r, 300)); // jam sungguhan: beberapa putaran timer 20 ms
    check(!(await rowExists(store, clock, 'sid-berkala', 2 * MINUTE)), 'dengan pruneIntervalMs 20, baris kedaluwarsa harus terhapus sendiri tanpa ada yang memanggil prune().', {
      diharapkan: 'baris terhapus oleh timer (diuji dengan memutar jam kembali)',
      diterima: 'baris masih ada setelah 300 ms',
      petunjuk: 'di constructor: this.timer = setInterval(() => this.prune(), pruneIntervalMs); this.timer.unref();',
    });
  });

  test('Tugas 2: tanpa opsi, prune berjalan setiap 10 menit; pruneIntervalMs 0 mematikannya; close() menghentikan timer', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'] });
    try {
      const clock = createClock();
      const before = vi.getTimerCount();
      const store = await openStore(newDbFile(), clock, 30 * MINUTE);
      // Timer dari `import { setInterval } from 'node:timers'` tidak terlihat di sini; tes lain memeriksa timer itu.
      if (vi.getTimerCount() > before) {
        await call(store, 'set', 'sid-sepuluh', sessionData({ username: 'budi' }));
        clock.advance(31 * MINUTE);
        vi.advanceTimersByTime(10 * MINUTE - SECOND);
        check(await rowExists(store, clock, 'sid-sepuluh', 2 * MINUTE), 'tanpa opsi pruneIntervalMs, prune() baru berjalan setelah 10 menit, bukan lebih cepat.', {
          diharapkan: 'baris masih ada 9 menit 59 detik setelah store dibuat',
          diterima: 'baris sudah terhapus',
          petunjuk: 'bawaan pruneIntervalMs adalah 10 * 60_000 milidetik.',
        });
        vi.advanceTimersByTime(SECOND);
        check(!(await rowExists(store, clock, 'sid-sepuluh', 2 * MINUTE)), 'tanpa opsi pruneIntervalMs, prune() harus berjalan sendiri 10 menit setelah store dibuat.', {
          diharapkan: 'baris kedaluwarsa terhapus oleh timer pada menit ke-10',
          diterima: 'baris masih ada',
          petunjuk: 'setInterval(() => this.prune(), pruneIntervalMs) dengan bawaan 10 menit.',
        });
        await closeStore(store);
        check(vi.getTimerCount() === before, 'close() harus menghentikan timer pruning (clearInterval), bukan hanya menutup database.', {
          diharapkan: 'tidak ada timer tersisa setelah close()',
          diterima: `${vi.getTimerCount() - before} timer masih berjalan`,
          petunjuk: 'timer yang terus berjalan memanggil prune() pada database yang sudah ditutup.',
        });
      }
      const off = await openStore(newDbFile(), clock, 30 * MINUTE, { pruneIntervalMs: 0 });
      await call(off, 'set', 'sid-tanpa-timer', sessionData({ username: 'budi' }));
      clock.advance(31 * MINUTE);
      // Loncat ke timer berikutnya, berapa pun jedanya: dengan pruneIntervalMs 0 tidak boleh ada.
      for (let i = 0; i < 3; i++) vi.advanceTimersToNextTimer();
      check(await rowExists(off, clock, 'sid-tanpa-timer', 2 * MINUTE), 'dengan pruneIntervalMs 0, store tidak boleh memangkas sendiri (hanya lewat prune()).', {
        diharapkan: 'baris kedaluwarsa masih ada sampai prune() dipanggil',
        diterima: 'baris terhapus tanpa prune()',
        petunjuk: 'if (pruneIntervalMs > 0) { this.timer = setInterval(…) }',
      });
    } finally {
      vi.useRealTimers();
    }
  });

  test('Tugas 2: timer pruning di-unref() (tidak menahan proses tetap hidup)', async () => {
    const timeouts = () => process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
    const before = timeouts();
    const store = new mod.SqliteStore({ dbPath: newDbFile(), now: createClock().now });
    const after = timeouts();
    openStores.push(store);
    check(after === before, 'timer pruning harus di-unref(): tanpa itu Node menunggu timer selamanya dan proses (tes, skrip) tidak mau berhenti.', {
      diharapkan: 'tidak ada timer baru yang menahan proses',
      diterima: `${after - before} timer baru yang menahan proses`,
      petunjuk: 'this.timer = setInterval(…); this.timer.unref();',
    });
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
    const cookie = decodeURIComponent(await login(browser));
    expectLoggedIn(await dashboard(browser), 'setelah login, GET /dashboard harus 200.');
    const id = cookie.slice(2, cookie.lastIndexOf('.'));
    const stored = await get(storeA, id);
    check(stored?.username === 'budi', 'createApp({ store }) harus menyimpan session di store yang diberikan, bukan di store buatannya sendiri.', {
      diharapkan: `store.get("${id}") → { username: "budi", … }`,
      diterima: stored ?? '(tidak ada di store yang diberikan)',
      petunjuk: 'const store = options.store ?? new SqliteStore(…); lalu session({ …, store }).',
    });

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

  test('Tugas 3: tanpa opsi store, jam now dan TTL bawaan 30 menit dipakai; request aktif memperpanjangnya', async () => {
    const clock = createClock();
    const server = await startApp({ dbPath: newDbFile(), clock });
    const browser = client(server, { now: clock.now });
    await login(browser);
    clock.advance(30 * MINUTE - SECOND);
    expectLoggedIn(await dashboard(browser), 'createApp({ dbPath, now }): 29 menit 59 detik setelah login session harus masih hidup (TTL bawaan 30 menit).');
    clock.advance(30 * MINUTE - SECOND);
    expectLoggedIn(
      await dashboard(browser),
      'createApp({ dbPath, now }): request tadi harus memperpanjang session (touch), jadi 29 menit 59 detik kemudian masih login.',
    );
    clock.advance(30 * MINUTE);
    expectLoggedOut(
      await dashboard(browser),
      'createApp({ dbPath, now }): diam tepat 30 menit → 401. Teruskan opsi now ke SqliteStore: new SqliteStore({ dbPath, now }).',
    );
  });

  test('Tugas 3: tanpa dbPath, SESSION_DB yang dipakai; folder induknya dibuat', async () => {
    // Berkas SQLite sudah ada begitu store dibuka; login tidak diperlukan untuk melihatnya.
    const nested = path.join(tmpDir, `baru-${++dbCounter}`, 'folder', 'sessions.sqlite');
    await withEnv({ SESSION_DB: nested }, () => startApp({ users: [] }));
    check(existsSync(nested), 'tanpa opsi store dan dbPath, createApp() harus membuat SqliteStore di berkas SESSION_DB, termasuk folder induknya.', {
      diharapkan: `berkas ${nested}`,
      diterima: '(berkas tidak ada)',
      petunjuk: 'options.dbPath ?? process.env.SESSION_DB ?? DEFAULT_DB, lalu mkdirSync(path.dirname(dbPath), { recursive: true }).',
    });
    const deep = path.join(tmpDir, `baru-${++dbCounter}`, 'a', 'b', 'sessions.sqlite');
    await withEnv({ SESSION_DB: path.join(tmpDir, 'bukan-ini.sqlite') }, () => startApp({ dbPath: deep, users: [] }));
    check(existsSync(deep), 'createApp({ dbPath }) harus membuka berkas dbPath (opsi menang atas SESSION_DB) dan membuat folder induknya bila belum ada.', {
      diharapkan: `berkas ${deep}`,
      diterima: '(berkas tidak ada)',
      petunjuk: 'mkdirSync(path.dirname(dbPath), { recursive: true }) sebelum new SqliteStore(…).',
    });
  });

  test('Tugas 3: session ID setelah login dari CSPRNG, unik, ≥ 128 bit', async () => {
    const server = await startApp({ store: await openStore(newDbFile(), createClock()) });
    const idFrom = (cookie: string) => {
      const value = decodeURIComponent(cookie);
      check(value.startsWith('s:') && value.lastIndexOf('.') > 2, 'cookie sid harus ditandatangani express-session: s:<id>.<signature>.', {
        diharapkan: 'sid=s%3A<id>.<signature>',
        diterima: value,
      });
      const id = value.slice(2, value.lastIndexOf('.'));
      const expected = createHmac('sha256', SECRET).update(id).digest('base64').replace(/=+$/, '');
      check(value.slice(value.lastIndexOf('.') + 1) === expected, 'cookie sid harus ditandatangani dengan secret dari createApp({ secret }): semua instance memakai secret yang sama.', {
        diharapkan: `signature HMAC-SHA256 dari ID dengan secret yang diberikan checker`,
        diterima: value,
        petunjuk: 'secret: options.secret || process.env.SESSION_SECRET, lalu cadangan pengembangan.',
      });
      return id;
    };
    const idOf = async () => idFrom(await login(client(server)));
    const earlier = loginCookies.map(idFrom);
    const [a, b] = await withPredictableRandom(async () => [await idOf(), await idOf()]);
    check(a === b, 'session ID harus seluruhnya berasal dari generator acak kriptografis (crypto.randomBytes).', {
      diharapkan: 'ID yang sama dua kali ketika crypto.randomBytes dibuat selalu mengembalikan byte yang sama',
      diterima: `${a} lalu ${b}: ID-mu ikut dibentuk dari waktu, penghitung, atau Math.random`,
      petunjuk: 'biarkan express-session membuat ID (tanpa opsi genid), atau genid: () => randomBytes(32).toString("base64url").',
    });
    // ID dari login di tes-tes sebelumnya (scrypt mahal bila opsi scrypt diabaikan); asal CSPRNG sudah
    // dibuktikan di atas, di sini cukup keunikan dan kapasitas menurut panjang dan alfabet.
    const ids = earlier;
    while (ids.length < 3) ids.push(await idOf());
    check(new Set(ids).size === ids.length, 'setiap login harus mendapat session ID yang berbeda.', {
      diharapkan: `${ids.length} ID unik`,
      diterima: `${new Set(ids).size} ID unik, misalnya ${ids.slice(0, 3).join(', ')}`,
    });
    const { capacity, format } = idBits(ids);
    check(capacity >= 128, 'session ID harus memuat setidaknya 128 bit acak (OWASP ASVS 5.0, 7.2.3).', {
      diharapkan: 'mis. ID bawaan express-session: 32 karakter base64url (192 bit)',
      diterima: `${ids[0]} (${ids[0]!.length} karakter ${format} ≈ ${capacity} bit)`,
      petunjuk: format.startsWith('UUID') ? 'crypto.randomUUID() hanya membawa 122 bit acak.' : 'ambil 16 byte atau lebih dari crypto.randomBytes.',
    });
  });

  const SITI = { username: 'siti<script>alert(1)</script>', password: 'pw-markup-2026' };
  let markupServer: RunningServer | undefined;
  // Satu app dipakai dua tes: setiap createApp menghitung scrypt untuk semua akun.
  const markupApp = async () => (markupServer ??= await startApp({ store: await openStore(newDbFile(), createClock()), users: [SITI] }));

  test('Tugas 3: username berisi markup tampil sebagai teks di dashboard', async () => {
    const browser = client(await markupApp());
    await login(browser, SITI);
    const res = await browser.get('/dashboard');
    const html = mediaType(res) === 'text/html';
    const decoded = res.body.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_m, e: string) => {
      const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
      if (e[0] !== '#') return named[e.toLowerCase()]!;
      return String.fromCodePoint(e[1]?.toLowerCase() === 'x' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
    });
    const shown = html ? !res.body.includes(SITI.username) && decoded.includes(SITI.username) : res.body.includes('siti');
    check(res.status === 200 && shown, 'dashboard harus menulis username sebagai teks: escape setiap nilai yang ditulis ke HTML, dan username tetap terbaca utuh.', {
      diharapkan: 'Halo, siti&lt;script&gt;alert(1)&lt;/script&gt;',
      diterima: `${res.status} ${res.body.slice(0, 200)}`,
      petunjuk: 'tulis ${escapeHtml(username)}, bukan ${username}.',
      res,
    });
  });

  test('Tugas 3: body JSON rusak ke /login dijawab 4xx, bukan error server', async () => {
    const res = await client(await markupApp()).post('/login', { body: '{"username": "budi"', headers: { 'content-type': 'application/json' } });
    check(res.status >= 400 && res.status < 500, 'POST /login dengan JSON rusak adalah kesalahan klien: jawab 4xx (express.json memberi 400), bukan 5xx.', {
      diharapkan: '400',
      diterima: res.status,
      petunjuk: 'penangan error di akhir: res.status(err.status ?? 500).',
      res,
    });
  });

  test('Tugas 3: password yang salah tetap ditolak (app login pelajaran 06 tidak rusak)', async () => {
    const server = await startApp({ store: await openStore(newDbFile(), createClock()) });
    for (const [label, body] of [
      ['password salah', { username: 'budi', password: 'kopi-susu-2025' }],
      ['pengguna tak dikenal', { username: 'tidak-ada', password: 'kopi-susu-2026' }],
    ] as const) {
      const browser = client(server);
      const res = await browser.post('/login', { form: body });
      check(res.status >= 400 && res.status < 500, `login dengan ${label} harus ditolak (4xx).`, { diharapkan: '401', diterima: res.status, res });
      expectLoggedOut(await dashboard(browser), `setelah login dengan ${label}, GET /dashboard harus tetap 401.`);
    }
  });

  test('Tugas 3: pengunjung anonim tidak mengisi store, request yang hanya membaca tidak menulis ulang session', async () => {
    const store = await openStore(newDbFile(), createClock());
    const written: string[] = [];
    const set = store.set.bind(store);
    store.set = (sid: string, sess: session.SessionData, cb?: (err?: unknown) => void) => {
      written.push(sid);
      return set(sid, sess, cb);
    };
    const server = await startApp({ store });
    const anon = client(server);
    await anon.get('/login');
    await dashboard(anon);
    await anon.post('/login', { form: { username: 'budi', password: 'salah' } });
    check(written.length === 0, 'pengunjung yang belum login tidak boleh membuat baris session di store (saveUninitialized: false).', {
      diharapkan: 'store.set tidak dipanggil sebelum login',
      diterima: `store.set dipanggil ${written.length} kali`,
      petunjuk: 'saveUninitialized: false, seperti pelajaran 05.',
    });
    const browser = client(server);
    const cookie = decodeURIComponent(await login(browser));
    const id = cookie.slice(2, cookie.lastIndexOf('.'));
    written.length = 0;
    expectLoggedIn(await dashboard(browser), 'setelah login, GET /dashboard harus 200.');
    check(!written.includes(id), 'GET /dashboard tidak mengubah session, jadi session tidak boleh ditulis ulang ke store: cukup touch().', {
      diharapkan: 'store.touch dipanggil, store.set tidak',
      diterima: `store.set("${id}", …) dipanggil`,
      petunjuk: 'resave: false, seperti pelajaran 05.',
    });
  });

  test('Tugas 3: NODE_ENV=production di balik proxy HTTPS: cookie sid Secure', async () => {
    const dev = await withEnv({ NODE_ENV: 'development' }, () =>
      attempt('createApp({ store })', () => mod.createApp({ store: new session.MemoryStore(), secret: SECRET, scrypt: FAST_SCRYPT, users: [] })),
    );
    const trust: unknown = (dev as unknown as { get?: (name: string) => unknown }).get?.('trust proxy');
    check(!trust, 'di luar production, app tidak boleh memercayai header X-Forwarded-* (trust proxy hanya di production).', {
      diharapkan: "app.get('trust proxy') === false",
      diterima: String(trust),
      petunjuk: "if (production) app.set('trust proxy', 1)",
    });
    const server = await withEnv({ NODE_ENV: 'production' }, async () => startApp({ store: await openStore(newDbFile(), createClock()) }));
    const res = await client(server).post('/login', { form: BUDI, headers: { 'x-forwarded-proto': 'https' } });
    const sid = res.setCookies.map((c) => c.toLowerCase()).find((c) => c.startsWith('sid='));
    check(sid !== undefined && /;\s*secure/.test(sid), 'di production, login lewat proxy HTTPS harus mendapat cookie sid dengan Secure (trust proxy dan cookie.secure, seperti pelajaran 05).', {
      diharapkan: 'Set-Cookie: sid=…; HttpOnly; Secure; SameSite=Lax',
      diterima: res.setCookies.join(' | ') || '(tidak ada Set-Cookie)',
      res,
    });
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
