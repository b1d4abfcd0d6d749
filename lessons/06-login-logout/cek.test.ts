// Checker pelajaran 06: login dan logout.
//
// Syarat dari teks pelajaran, tugas, dan komentar kode awal, masing-masing dengan tes penjaganya:
// Tugas 1
// - password benar lewat JSON → login, session menyimpan pengguna ... "login JSON dengan password yang benar berhasil"
// - GET /login: form HTML (POST, username, password) tanpa membuat session; login lewat form → redirect ke /dashboard
//   ................................................................ "login lewat form HTML berhasil dan menuju /dashboard"
// - password salah (huruf besar, spasi, milik pengguna lain) → 401 . "password yang salah ditolak dengan 401"
// - satu jawaban yang sama untuk username tidak ada / password salah, JSON dan form, dengan pesan (bukan ok: true)
//   ................................................................ "pengguna tidak dikenal dan password salah mendapat pesan yang sama persis"
// - username tidak ada: tetap scrypt (hash dummy), waktu tidak membocorkan
//   ................................................................ "pengguna tidak dikenal tetap diperiksa dengan scrypt (waktunya ...)"
//   dan tanpa jam: scrypt dengan N, r, p, panjang yang sama ........ "pengguna tidak dikenal tetap dihitung scrypt dengan parameter yang sama"
// - body kosong, bukan string, JSON rusak → 400/401, bukan 5xx ..... "body yang kosong atau aneh ditolak tanpa error server"
// - tanpa opsi users: akun bawaan budi / kopi-susu-2026 ............. "tanpa opsi users, akun bawaan budi / kopi-susu-2026 bisa login"
// - session menyimpan loggedInAt = now() (jam dari opsi) ........... "session menyimpan waktu login dari now() (loggedInAt), ..."
// - yang tersimpan (app.locals.users): salt ≥ 16 byte per pengguna dan hash scrypt dengan `params`, tidak pernah password-nya
//   ................................................................ "yang tersimpan hanya salt dan hash scrypt per pengguna, bukan password"
// - salt dari CSPRNG (randomBytes) ................................. "salt berasal dari CSPRNG: berbeda di setiap start, tetap bila CSPRNG dibuat tetap"
// - parameter bawaan: minimum OWASP N=2^17, r=8, p=1 (atau setaranya) "tanpa opsi scrypt, hash memakai minimum OWASP (N=2^17, r=8, p=1) atau setaranya"
// - login memakai scrypt async (bukan scryptSync) dan timingSafeEqual pada hash
//   ................................................................ "login menghitung scrypt async lalu membandingkan hash dengan timingSafeEqual"
// Tugas 2
// - tanpa login, klien non-HTML → 401 dengan pesan ................. "tanpa login, /dashboard menjawab 401 untuk klien non-HTML"
// - tanpa login, browser → 401 atau redirect ke /login ............. "tanpa login, browser mendapat 401 atau diarahkan ke /login"
// - cookie sid buatan sendiri → 401 ................................. "cookie sid buatan sendiri tidak membuka dashboard"
// - setelah login: halaman HTML, username yang benar, Cache-Control: no-store
//   ................................................................ "setelah login, dashboard menampilkan username dengan Cache-Control: no-store"
// - username ditulis ke HTML sebagai teks (di-escape, utuh) ......... "username berisi markup tampil sebagai teks, bukan HTML"
// Tugas 3
// - cookie sid setelah login HttpOnly, SameSite=Lax, Path=/ ......... "cookie session setelah login tetap HttpOnly, SameSite=Lax, Path=/"
// - tanpa secret di luar production: secret sementara, app tetap jalan "tanpa secret di luar production, session tetap berjalan ..."
// - setiap login (JSON dan form) memberi ID baru, ID lama mati ...... "login ulang di browser yang sama memberi session ID baru, ID lama mati"
// - ID titipan penyerang tidak ikut login (JSON dan form) ........... "session fixation — ID yang dititipkan penyerang tidak ikut login"
// Tugas 4
// - destroy: cookie lama yang diputar ulang → 401; redirect ke /login "POST /logout menghapus session di server; cookie lama yang diputar ulang ditolak"
// - clearCookie dengan Path, HttpOnly, SameSite yang sama ........... "POST /logout menghapus cookie sid di browser dengan atribut yang sama"
// - tidak ada GET /logout (404/405), session tetap hidup ............ "GET /logout tidak melakukan logout"
// - production: cookie login dan cookie penghapus Secure ............ "di production (di balik proxy HTTPS) cookie login dan cookie penghapus sama-sama Secure"
import crypto from 'node:crypto';
import type { RequestListener } from 'node:http';
import { syncBuiltinESMExports } from 'node:module';
import { afterAll, beforeAll, beforeEach, describe, expect, onTestFinished, test, vi } from 'vitest';
import {
  attempt,
  check,
  checkStatus,
  client,
  createClock,
  fail,
  HOUR,
  findSetCookie,
  listen,
  loadExercise,
  mediaType,
  requireSetCookie,
  spyTimingSafeEqual,
  toughCookie,
  withEnv,
  withPredictableRandom,
  type Client,
  type Res,
  type RunningServer,
} from '#harness';

interface Exercise {
  createApp(options?: {
    users?: { username: string; password: string }[];
    secret?: string | string[];
    now?: () => number;
    scrypt?: { N: number; r: number; p: number };
  }): RequestListener;
}

// Biaya scrypt murah khusus tes (seperti menurunkan rounds bcrypt di lingkungan tes): puluhan login
// selesai dalam beberapa detik. Production tetap memakai minimum OWASP (N=2^17).
const FAST_SCRYPT = { N: 2 ** 12, r: 8, p: 1 };
vi.setConfig({ testTimeout: 60_000 });

// OWASP Password Storage Cheat Sheet: konfigurasi scrypt yang setara (N, p; semuanya r=8).
const OWASP_SCRYPT: [number, number][] = [
  [2 ** 17, 1],
  [2 ** 16, 2],
  [2 ** 15, 3],
  [2 ** 14, 5],
  [2 ** 13, 10],
];
type Cost = { N: number; r: number; p: number };
const owaspStrength = (c: Cost) => c.r >= 8 && OWASP_SCRYPT.some(([N, p]) => c.N >= N && c.p >= p);
/** Parameter yang boleh: biaya murah yang diberikan checker, atau minimum OWASP (kode yang mengabaikan opsi). */
const allowedParams = (c: Cost) => owaspStrength(c) || (c.N === FAST_SCRYPT.N && c.r === FAST_SCRYPT.r && c.p === FAST_SCRYPT.p);

// ---------------------------------------------------------------------------
// Perekam scrypt. Dipasang SEBELUM kode latihan dimuat, supaya `promisify(scrypt)` di tingkat atas
// modul pun ikut terekam. Mencatat masukan, parameter, dan hasil setiap panggilan: dari situ checker
// tahu hash mana yang tersimpan, parameter apa yang dipakai, dan apakah login memakai versi async.
//
// Hash berbiaya OWASP (128 MiB, ratusan ms) dicatat dengan parameter aslinya, tetapi dihitung dengan
// biaya murah: kode yang tidak meneruskan opsi `scrypt` checker tetap lulus tanpa memacetkan
// pemeriksaan. Parameter asli dicampurkan ke salt, jadi hash dan verifikasi dengan parameter berbeda
// tetap tidak cocok, dan batas memori (maxmem) tetap diperiksa seperti Node.

interface ScryptCall extends Cost {
  sync: boolean;
  password: Buffer;
  salt: Buffer;
  keylen: number;
  output?: Buffer;
  done: Promise<void>;
}

const scryptCalls: ScryptCall[] = [];
{
  type Opts = crypto.ScryptOptions | undefined;
  type Args = [crypto.BinaryLike, crypto.BinaryLike, number, crypto.ScryptOptions];
  const original = { scrypt: crypto.scrypt, scryptSync: crypto.scryptSync };
  const bytes = (v: unknown) =>
    typeof v === 'string' ? Buffer.from(v) : ArrayBuffer.isView(v) ? Buffer.from(new Uint8Array(v.buffer, v.byteOffset, v.byteLength)) : Buffer.alloc(0);

  /** Mencatat satu panggilan; mengembalikan argumen yang diteruskan ke scrypt asli dan penutupnya. */
  const record = (sync: boolean, password: crypto.BinaryLike, salt: crypto.BinaryLike, keylen: number, opts: Opts) => {
    let finish!: () => void;
    const call: ScryptCall = {
      sync,
      password: bytes(password),
      salt: bytes(salt),
      keylen,
      // Bawaan Node bila tidak diisi: N=2^14, r=8, p=1.
      N: opts?.N ?? opts?.cost ?? 2 ** 14,
      r: opts?.r ?? opts?.blockSize ?? 8,
      p: opts?.p ?? opts?.parallelization ?? 1,
      done: new Promise<void>((resolve) => (finish = resolve)),
    };
    scryptCalls.push(call);
    const close = (output?: Buffer) => {
      if (output) call.output = Buffer.from(output);
      finish();
    };
    if (!owaspStrength(call)) return { args: [password, salt, keylen, opts ?? {}] as Args, close };
    const { N, r, p } = call;
    const maxmem = opts?.maxmem ?? 32 * 1024 * 1024;
    if ((N & (N - 1)) !== 0 || 128 * r * (N + 2) + 128 * r * p > maxmem) {
      close();
      throw Object.assign(new RangeError('Invalid scrypt params: memory limit exceeded (naikkan maxmem: 128 × N × r byte)'), {
        code: 'ERR_CRYPTO_INVALID_SCRYPT_PARAMS',
      });
    }
    const mixed = Buffer.concat([call.salt, Buffer.from(`|N=${N},r=${r},p=${p}`)]);
    return { args: [call.password, mixed, keylen, FAST_SCRYPT] as Args, close };
  };

  const scryptSync = (password: crypto.BinaryLike, salt: crypto.BinaryLike, keylen: number, opts?: Opts) => {
    const { args, close } = record(true, password, salt, keylen, opts);
    try {
      const out = original.scryptSync(...args);
      close(out);
      return out;
    } catch (err) {
      close();
      throw err;
    }
  };
  const scrypt = (password: crypto.BinaryLike, salt: crypto.BinaryLike, keylen: number, ...rest: unknown[]) => {
    const callback = rest.pop() as (err: Error | null, key: Buffer) => void;
    const { args, close } = record(false, password, salt, keylen, rest[0] as Opts);
    try {
      original.scrypt(...args, (err: Error | null, key: Buffer) => {
        close(err ? undefined : key);
        callback(err, key);
      });
    } catch (err) {
      close();
      throw err;
    }
  };
  Object.assign(crypto, { scrypt, scryptSync });
  syncBuiltinESMExports();
  afterAll(() => {
    Object.assign(crypto, original);
    syncBuiltinESMExports();
  });
}

/** Panggilan scrypt sejak `mark`, setelah semuanya selesai dihitung. */
async function scryptSince(mark: number): Promise<ScryptCall[]> {
  const calls = scryptCalls.slice(mark);
  await Promise.all(calls.map((c) => c.done));
  return calls;
}

const params = (c: ScryptCall) => `N=${c.N}, r=${c.r}, p=${c.p}, panjang ${c.keylen} byte`;

const BUDI = { username: 'budi', password: 'kopi-susu-2026' };
const MALLORY = { username: 'mallory', password: 'teh-tarik-99' };
// siti sengaja memakai password yang sama dengan budi: salt per pengguna membuat hash keduanya berbeda.
const SITI = { username: 'siti', password: BUDI.password };
const SECRET = 'rahasia-checker-pelajaran-06';

const mod = await loadExercise<Exercise>(import.meta.url);
const clock = createClock();
const MAIN_USERS = [BUDI, MALLORY, SITI];
let mainApp: RequestListener;
let server: RunningServer;
/** Panggilan scrypt saat server utama dibuat: di antaranya hash tersimpan setiap pengguna. */
let mainStartup: ScryptCall[] = [];
let startupError: unknown;
// Dibuat di beforeAll, bukan saat berkas dimuat: mutan (npm run mutasi) baru aktif saat tes mulai.
// Error dari createApp disimpan lalu dilempar di setiap tes, supaya setiap tes gagal dengan pesannya.
beforeAll(async () => {
  const mark = scryptCalls.length;
  try {
    mainApp = await attempt('createApp', () => mod.createApp({ users: MAIN_USERS, secret: SECRET, now: clock.now, scrypt: FAST_SCRYPT }));
    mainStartup = scryptCalls.slice(mark);
    server = await listen(mainApp);
  } catch (err) {
    startupError = err;
  }
});
beforeEach(() => {
  if (startupError) throw startupError;
});
afterAll(() => server?.close());

/** Server tambahan untuk satu tes saja, ditutup setelah tes itu selesai. */
async function serveForTest(handler: RequestListener) {
  const running = await listen(handler);
  onTestFinished(() => running.close());
  return running;
}

const JSON_ACCEPT = { accept: 'application/json' };
const HTML_ACCEPT = { accept: 'text/html,application/xhtml+xml,*/*;q=0.8' };

// Teks yang terlihat di halaman: tanpa <style>, <script>, dan tag (nilai atribut tidak dihitung).
function visible(html: string): string {
  return html
    .replace(/<(style|script)[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Entitas HTML (&lt; &#60; &#x3c; ...) kembali menjadi karakternya. */
function decodeEntities(text: string): string {
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (whole, e: string) => {
    const name = e.toLowerCase();
    if (name.startsWith('#x')) return String.fromCodePoint(parseInt(name.slice(2), 16));
    if (name.startsWith('#')) return String.fromCodePoint(Number(name.slice(1)));
    return named[name] ?? whole;
  });
}

/** Semua string di dalam nilai JSON. */
function jsonStrings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(jsonStrings);
  return [];
}

/** Jawaban gagal tetap bisa dibaca: JSON dengan pesan (dan tanpa ok: true), atau teks/HTML yang tidak kosong. */
function checkFailureBody(res: Res, what: string) {
  const type = mediaType(res);
  check(type === 'application/json' || type.startsWith('text/'), `${what}: jawaban harus berupa JSON atau halaman yang bisa dibaca browser.`, {
    diharapkan: 'Content-Type: application/json atau text/html',
    diterima: res.headers.get('content-type') ?? '(tanpa Content-Type)',
    res,
  });
  if (type === 'application/json') {
    const body = res.json<Record<string, unknown> | null>();
    check(body?.ok !== true, `${what}: jawaban yang gagal tidak boleh berisi ok: true.`, { diharapkan: 'ok: false', diterima: res.body, res });
    check(jsonStrings(body).some((t) => t.trim() !== ''), `${what}: jawaban JSON harus memuat pesan untuk pengguna.`, { diharapkan: '{ "ok": false, "error": "..." }', diterima: res.body, res });
  } else {
    check(visible(res.body) !== '', `${what}: jawaban tidak boleh kosong.`, { diterima: '(body kosong)', res });
  }
}

function loginJson(c: Client, username: string, password: string) {
  return c.post('/login', { json: { username, password }, headers: JSON_ACCEPT });
}

function loginForm(c: Client, username: string, password: string) {
  return c.post('/login', { form: { username, password }, headers: HTML_ACCEPT });
}

type Via = 'json' | 'form';
const VIA: Via[] = ['json', 'form'];
const viaName = (via: Via) => (via === 'json' ? 'login JSON' : 'login lewat form HTML');

function login(c: Client, user: { username: string; password: string }, via: Via) {
  return via === 'json' ? loginJson(c, user.username, user.password) : loginForm(c, user.username, user.password);
}

function dashboard(c: Client, headers: Record<string, string> = JSON_ACCEPT) {
  return c.get('/dashboard', { headers });
}

/** Dashboard dengan cookie sid tertentu, tanpa jar (seperti penyerang yang memakai cookie curian). */
function dashboardWithSid(c: Client, sid: string) {
  return c.get('/dashboard', { headers: { ...JSON_ACCEPT, cookie: `sid=${sid}` } });
}

function isDashboardOf(res: Res, username: string): boolean {
  return res.status === 200 && new RegExp(`\\b${username}\\b`).test(visible(res.body));
}

/** session ID yang seharusnya sudah mati tidak membuka dashboard siapa pun. */
function checkNoAccess(res: Res, message: string) {
  const who = [BUDI, MALLORY].find((u) => isDashboardOf(res, u.username));
  check(!who, message, {
    diharapkan: '401 (session tidak ada lagi)',
    diterima: `${res.status}, dashboard ${who?.username}`,
    res,
  });
}

/** Login yang harus berhasil; mengembalikan nilai cookie sid sesudahnya. */
async function mustLogin(c: Client, user: { username: string; password: string }, via: Via = 'json') {
  const res = await login(c, user, via);
  check([200, 302, 303].includes(res.status), `login ${user.username} dengan password yang benar harus berhasil (200, atau redirect 302/303).`, {
    diharapkan: '200, 302, atau 303',
    diterima: res.status,
    ...(expect.getState().currentTestName?.includes('Tugas 1:') ? {} : { petunjuk: 'tes ini butuh login yang berhasil: selesaikan Tugas 1 dulu.' }),
    res,
  });
  if (res.status === 200 && mediaType(res) === 'application/json') {
    check(res.json<{ ok?: unknown } | null>()?.ok !== false, `login ${user.username} yang berhasil tidak boleh menjawab ok: false.`, { diharapkan: '{ "ok": true, ... }', diterima: res.body, res });
  }
  const sid = await c.cookie('sid');
  check(sid, `setelah login berhasil, browser harus menyimpan cookie "sid" (session).`, {
    diharapkan: 'Set-Cookie: sid=...',
    diterima: res.setCookies.length ? res.setCookies.join(' | ') : '(tidak ada Set-Cookie)',
    res,
  });
  return { res, sid };
}

const LOGIN_OK = [200, 302, 303];

// ---------------------------------------------------------------------------
// Membaca yang tersimpan lewat kait app.locals.users (Map, objek, atau array rekaman per pengguna).

/** Rekaman yang disimpan app untuk `username`, lewat app.locals.users. */
function storedRecord(app: RequestListener, username: string): unknown {
  const users = (app as unknown as { locals?: { users?: unknown } }).locals?.users;
  if (users instanceof Map) return users.get(username);
  if (Array.isArray(users)) return users.find((u) => (u as { username?: unknown } | null)?.username === username);
  if (users && typeof users === 'object') return (users as Record<string, unknown>)[username];
  return undefined;
}

/**
 * Semua byte di dalam rekaman: Buffer apa adanya, string apa adanya dan, bila bentuknya hex atau
 * base64(url), hasil dekodenya (juga per potongan yang dipisah `$`, `:`, dsb.).
 */
function storedBytes(value: unknown, depth = 0, out: Buffer[] = []): Buffer[] {
  if (typeof value === 'string') {
    out.push(Buffer.from(value, 'latin1'), Buffer.from(value));
    for (const token of new Set([value, ...value.split(/[^A-Za-z0-9+/=_-]+/)])) {
      if (/^(?:[0-9a-f]{2})+$/i.test(token)) out.push(Buffer.from(token, 'hex'));
      if (/^[A-Za-z0-9+/_-]+=*$/.test(token)) out.push(Buffer.from(token, 'base64'));
    }
  } else if (ArrayBuffer.isView(value)) {
    out.push(Buffer.from(new Uint8Array(value.buffer, value.byteOffset, value.byteLength)));
  } else if (value && typeof value === 'object' && depth < 5) {
    const children = value instanceof Map ? [...value.keys(), ...value.values()] : Object.values(value);
    for (const child of children) storedBytes(child, depth + 1, out);
  }
  return out;
}

const holds = (stored: Buffer[], needle: Buffer) => needle.length > 0 && stored.some((b) => b.includes(needle));

/** Argumen timingSafeEqual sama dengan `value`: byte-nya, atau teks hex/base64(url)-nya. */
function sameBytes(arg: Buffer, value: Buffer): boolean {
  const hex = value.toString('hex');
  return [value, hex, hex.toUpperCase(), value.toString('base64'), value.toString('base64url')].some((v) =>
    arg.equals(typeof v === 'string' ? Buffer.from(v) : v),
  );
}

describe('Tugas 1: login dengan password yang di-hash', () => {
  test('Tugas 1: login JSON dengan password yang benar berhasil', async () => {
    const c = client(server);
    await mustLogin(c, BUDI, 'json');
    const dash = await dashboard(c);
    check(isDashboardOf(dash, 'budi'), 'setelah login, session harus menyimpan pengguna: GET /dashboard harus menampilkan "budi".', {
      diharapkan: '200 dengan teks "budi"',
      diterima: `${dash.status} ${visible(dash.body).slice(0, 120)}`,
      res: dash,
    });
  });

  test('Tugas 1: login lewat form HTML berhasil dan menuju /dashboard', async () => {
    const c = client(server);
    const form = await c.get('/login', { headers: HTML_ACCEPT });
    checkStatus(form, 200, 'GET /login harus menampilkan halaman login (200).');
    check(!findSetCookie(form, 'sid'), 'membuka form login tidak boleh membuat session (saveUninitialized: false): belum ada yang perlu diingat.', {
      diharapkan: '(tanpa Set-Cookie sid)',
      diterima: form.setCookies.join(' | '),
      res: form,
    });
    const html = form.body;
    check(mediaType(form) === 'text/html' && /<form[^>]*method=["']?post/i.test(html) && /name=["']?username/i.test(html) && /name=["']?password/i.test(html), 'GET /login harus berupa halaman HTML dengan <form method="post"> berisi field username dan password.', {
      diharapkan: 'text/html dengan <form method="post" action="/login">',
      diterima: `${form.headers.get('content-type') ?? '(tanpa Content-Type)'} ${html.slice(0, 160)}`,
      res: form,
    });
    const { res } = await mustLogin(c, MALLORY, 'form');
    if (res.status === 302 || res.status === 303) {
      const location = res.headers.get('location') ?? '';
      check(/\/dashboard$/.test(location), 'redirect setelah login lewat form harus menuju /dashboard.', {
        diharapkan: 'Location: /dashboard',
        diterima: location || '(tanpa Location)',
        res,
      });
    }
    const dash = await dashboard(c);
    check(isDashboardOf(dash, 'mallory'), 'setelah login lewat form, GET /dashboard harus menampilkan pengguna yang login.', {
      diharapkan: '200 dengan teks "mallory"',
      diterima: `${dash.status} ${visible(dash.body).slice(0, 120)}`,
      res: dash,
    });
  });

  test('Tugas 1: password yang salah ditolak dengan 401', async () => {
    // Huruf besar, spasi di ujung, dan password milik user lain: semuanya harus gagal.
    const wrong = ['KOPI-SUSU-2026', 'kopi-susu-2026 ', MALLORY.password];
    for (const password of wrong) {
      const c = client(server);
      const res = await loginJson(c, 'budi', password);
      checkStatus(res, 401, `login budi dengan password ${JSON.stringify(password)} harus ditolak dengan 401.`);
      const dash = await dashboard(c);
      check(!isDashboardOf(dash, 'budi'), `login yang gagal tidak boleh membuka dashboard budi (password ${JSON.stringify(password)}).`, {
        diharapkan: 'bukan dashboard budi',
        diterima: `${dash.status} ${visible(dash.body).slice(0, 120)}`,
        res: dash,
      });
    }
  });

  test('Tugas 1: pengguna tidak dikenal dan password salah mendapat pesan yang sama persis', async () => {
    // Bandingkan setelah username yang dikirim diganti penanda: form boleh menampilkan ulang username.
    const same = (res: Res, username: string, text: string) => ({ status: res.status, text: text.replaceAll(username, '<USERNAME>') });

    const wrongJson = await loginJson(client(server), 'budi', 'bukan-password-budi');
    const unknownJson = await loginJson(client(server), 'joko', 'bukan-password-budi');
    checkStatus(unknownJson, 401, 'login dengan username yang tidak ada harus ditolak dengan 401.');
    const a = same(wrongJson, 'budi', wrongJson.body);
    const b = same(unknownJson, 'joko', unknownJson.body);
    check(a.status === b.status && a.text === b.text, 'jawaban untuk pengguna tidak dikenal harus sama persis dengan jawaban untuk password salah, agar penyerang tidak bisa menebak username mana yang ada.', {
      diharapkan: `${a.status} ${a.text}`,
      diterima: `${b.status} ${b.text}`,
      res: unknownJson,
    });

    checkFailureBody(wrongJson, 'login JSON dengan password salah');

    const wrongForm = await loginForm(client(server), 'budi', 'bukan-password-budi');
    const unknownForm = await loginForm(client(server), 'joko', 'bukan-password-budi');
    const c1 = same(wrongForm, 'budi', visible(wrongForm.body));
    const c2 = same(unknownForm, 'joko', visible(unknownForm.body));
    check(c1.status === 401 && c2.status === 401 && c1.text === c2.text, 'lewat form pun, pengguna tidak dikenal dan password salah harus mendapat 401 dengan teks yang sama.', {
      diharapkan: `401 ${c1.text.slice(0, 160)}`,
      diterima: `${c2.status} ${c2.text.slice(0, 160)}`,
      res: unknownForm,
    });
    checkFailureBody(wrongForm, 'login lewat form dengan password salah');
    const plainForm = await client(server).get('/login', { headers: HTML_ACCEPT });
    check(visible(wrongForm.body) !== visible(plainForm.body), 'login lewat form yang gagal harus memberi tahu pengguna bahwa login gagal (halaman login dengan pesan), bukan halaman login yang sama persis.', {
      diharapkan: 'halaman dengan pesan "Username atau password salah."',
      diterima: visible(wrongForm.body).slice(0, 160),
      res: wrongForm,
    });
  });

  test('Tugas 1: pengguna tidak dikenal tetap diperiksa dengan scrypt (waktunya tidak membocorkan username)', async () => {
    // Server sendiri dengan biaya sedikit lebih tinggi (N=2^14, puluhan ms per hash, tetap jauh di bawah
    // OWASP): selisih "dengan scrypt" dan "tanpa scrypt" harus jelas di atas derau mesin yang cepat sekalipun.
    const timing = await serveForTest(mod.createApp({ users: [BUDI], secret: SECRET, now: clock.now, scrypt: { N: 2 ** 14, r: 8, p: 1 } }));
    const c = client(timing);
    const timed = async (username: string) => {
      const start = performance.now();
      const res = await loginJson(c, username, 'bukan-password-siapa-pun');
      checkStatus(res, 401, `login ${username} dengan password salah harus ditolak dengan 401.`);
      return performance.now() - start;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await timed('budi'));
      unknown.push(await timed(`tidak-ada-${i}`));
    }
    // Minimum dari tiga: lonjakan beban mesin hanya bisa memperlambat, tidak mempercepat.
    const k = Math.min(...known);
    const u = Math.min(...unknown);
    check(u >= k * 0.25 || k - u < 3, 'login dengan username yang tidak ada menjawab jauh lebih cepat dibanding password salah: penyerang bisa menebak username dari waktunya. Jalankan scrypt juga untuk pengguna yang tidak ada (terhadap hash dummy).', {
      diharapkan: `sekitar ${k.toFixed(0)} ms (seperti password salah)`,
      diterima: `${u.toFixed(0)} ms`,
    });
  });

  test('Tugas 1: body yang kosong atau aneh ditolak tanpa error server', async () => {
    const attempts: [string, Parameters<Client['post']>[1]][] = [
      ['tanpa body', { headers: JSON_ACCEPT }],
      ['form tanpa password', { form: { username: 'budi' }, headers: HTML_ACCEPT }],
      ['JSON dengan array/objek', { json: { username: ['budi'], password: { toString: 'kopi-susu-2026' } }, headers: JSON_ACCEPT }],
      ['password berupa objek', { json: { username: 'budi', password: { a: 1 } }, headers: JSON_ACCEPT }],
      ['password kosong', { json: { username: 'budi', password: '' }, headers: JSON_ACCEPT }],
      ['JSON rusak', { body: '{"username":"budi","password":', headers: { ...JSON_ACCEPT, 'content-type': 'application/json' } }],
      ['JSON null', { body: 'null', headers: { ...JSON_ACCEPT, 'content-type': 'application/json' } }],
    ];
    for (const [what, opts] of attempts) {
      const c = client(server);
      const res = await c.post('/login', opts);
      checkStatus(res, [400, 401], `POST /login ${what} harus ditolak dengan 400 atau 401 (bukan error server, bukan login).`);
      checkFailureBody(res, `POST /login ${what}`);
      const dash = await dashboard(c);
      check(!isDashboardOf(dash, 'budi'), `POST /login ${what} tidak boleh membuka dashboard.`, { diterima: dash.status, res: dash });
    }
  });

  test('Tugas 1: tanpa opsi users, akun bawaan budi / kopi-susu-2026 bisa login', async () => {
    const plain = await serveForTest(mod.createApp({ secret: SECRET, scrypt: FAST_SCRYPT }));
    const c = client(plain);
    await mustLogin(c, BUDI, 'json');
    const other = await loginJson(client(plain), MALLORY.username, MALLORY.password);
    checkStatus(other, 401, 'tanpa opsi users hanya akun bawaan budi yang ada; pengguna lain harus ditolak dengan 401.');
  });

  test('Tugas 1: session menyimpan waktu login dari now() (loggedInAt), dashboard tidak menampilkan waktu sekarang', async () => {
    const own = createClock();
    const app = await serveForTest(mod.createApp({ users: [BUDI], secret: SECRET, now: own.now, scrypt: FAST_SCRYPT }));
    const c = client(app);
    const loginAt = own.now();
    await mustLogin(c, BUDI);
    own.advance(HOUR);
    const res = await dashboard(c, HTML_ACCEPT);
    checkStatus(res, 200, 'GET /dashboard setelah login harus menjawab 200.');
    // Waktu yang tampil (ISO atau milidetik), bila ada, harus waktu login dari now(): bukan jam sekarang, bukan Date.now().
    const shown = [...(res.body.match(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g) ?? []), ...(res.body.match(/\b1\d{12}\b/g) ?? [])];
    const expected = [new Date(loginAt).toISOString(), String(loginAt)];
    check(shown.every((t) => expected.includes(t)), 'dashboard harus menampilkan waktu login yang disimpan saat login dari jam app (req.session.loggedInAt = now()), bukan waktu sekarang atau Date.now().', {
      diharapkan: `login sejak ${new Date(loginAt).toISOString()}`,
      diterima: shown.join(', '),
      res,
    });
  });

  test('Tugas 1: yang tersimpan hanya salt dan hash scrypt per pengguna, bukan password', async () => {
    // Satu login gagal dulu: kode yang meng-hash secara async saat start pun sudah selesai.
    await loginJson(client(server), 'tidak-ada', 'bukan-password-siapa-pun');
    const calls = await scryptSince(0);
    const found = MAIN_USERS.map((user) => {
      const record = storedRecord(mainApp, user.username);
      check(record !== undefined, `app.locals.users harus berisi apa yang disimpan untuk setiap pengguna (di sini "${user.username}"). Kode awal sudah mengisinya: app.locals.users = accounts.`, {
        diharapkan: `app.locals.users.get("${user.username}") → { salt, hash }`,
        diterima: String((mainApp as unknown as { locals?: { users?: unknown } }).locals?.users ?? '(app.locals.users kosong)').slice(0, 120),
      });
      const stored = storedBytes(record);
      check(!MAIN_USERS.some((u) => holds(stored, Buffer.from(u.password))), `yang tersimpan untuk "${user.username}" masih memuat password aslinya. Simpan hanya salt dan hash; password tidak boleh ditulis ke mana pun.`, {
        diharapkan: '{ salt, hash } tanpa password',
        diterima: JSON.stringify(record, (_k, v: unknown) => (v instanceof Map ? [...v] : v)).slice(0, 160),
      });
      const call = calls.find((c) => c.output && c.password.equals(Buffer.from(user.password)) && holds(stored, c.output) && holds(stored, c.salt));
      check(call, `yang tersimpan untuk "${user.username}" harus berisi salt dan hasil scrypt(password, salt, ...) dari password-nya (app.locals.users).`, {
        diharapkan: '{ salt: <salt>, hash: scryptSync(password, salt, KEY_LENGTH, params) }',
        diterima: calls.length ? `${calls.length} panggilan scrypt, tidak ada yang hasil dan salt-nya tersimpan untuk ${user.username}` : '(scrypt tidak pernah dipanggil saat server mulai)',
      });
      check(call.salt.length >= 16, 'salt harus acak dan minimal 16 byte: randomBytes(16).', { diharapkan: '≥ 16 byte', diterima: `${call.salt.length} byte` });
      check(allowedParams(call), 'hash password harus memakai `params` dari createApp (minimum OWASP, atau biaya murah dari opsi `scrypt` checker), bukan parameter bawaan Node.', {
        diharapkan: `N=${FAST_SCRYPT.N}, r=${FAST_SCRYPT.r}, p=${FAST_SCRYPT.p} (opsi scrypt) atau minimum OWASP`,
        diterima: params(call),
        petunjuk: 'teruskan `params` sebagai argumen keempat: scryptSync(password, salt, KEY_LENGTH, params).',
      });
      return call;
    });
    const [budi, , siti] = found;
    check(!budi!.salt.equals(siti!.salt) && !budi!.output!.equals(siti!.output!), 'setiap pengguna harus punya salt sendiri: budi dan siti memakai password yang sama, tetapi salt dan hash tersimpannya harus berbeda.', {
      diharapkan: 'salt budi ≠ salt siti',
      diterima: `salt budi ${budi!.salt.toString('hex')}, salt siti ${siti!.salt.toString('hex')}`,
    });
  });

  test('Tugas 1: salt berasal dari CSPRNG: berbeda di setiap start, tetap bila CSPRNG dibuat tetap', async () => {
    /** Salt scrypt pertama untuk password budi sejak `mark` (hash yang dibuat saat server mulai). */
    const saltOfBudi = (calls: ScryptCall[]) => {
      const call = calls.find((c) => c.password.equals(Buffer.from(BUDI.password)));
      check(call, 'saat server mulai, password budi harus di-hash dengan scrypt.', { diterima: '(tidak ada scrypt untuk password budi)' });
      return call.salt;
    };
    const newSalt = () => {
      const mark = scryptCalls.length;
      mod.createApp({ users: [BUDI], secret: SECRET, now: clock.now, scrypt: FAST_SCRYPT });
      return saltOfBudi(scryptCalls.slice(mark));
    };
    const [a, b] = [saltOfBudi(mainStartup), newSalt()];
    check(!a.equals(b), 'salt harus acak: dua kali server mulai, salt budi harus berbeda (bukan dari username atau konstanta).', {
      diharapkan: 'dua salt berbeda',
      diterima: `${a.toString('hex')} dua kali`,
      petunjuk: 'const salt = randomBytes(16)',
    });
    const [c, d] = await withPredictableRandom(() => [newSalt(), newSalt()]);
    check(c.equals(d), 'salt harus berasal dari crypto.randomBytes (CSPRNG), bukan dari waktu, penghitung, atau Math.random: saat CSPRNG dibuat selalu sama, salt pun harus sama.', {
      diharapkan: 'dua salt sama saat CSPRNG dibuat tetap',
      diterima: `${c.toString('hex')} dan ${d.toString('hex')}`,
      petunjuk: 'const salt = randomBytes(16)',
    });
    await scryptSince(0);
  });

  test('Tugas 1: tanpa opsi scrypt, hash memakai minimum OWASP (N=2^17, r=8, p=1) atau setaranya', async () => {
    const mark = scryptCalls.length;
    // Hanya membuat app: hash bawaan budi dan hash dummy dihitung saat server mulai.
    mod.createApp({ secret: SECRET });
    const calls = await scryptSince(mark);
    check(calls.some((c) => c.password.equals(Buffer.from(BUDI.password))), 'tanpa opsi users, password akun bawaan budi harus di-hash dengan scrypt saat server mulai.', {
      diterima: `${calls.length} panggilan scrypt, tidak ada untuk password budi`,
    });
    const weak = calls.find((c) => !owaspStrength(c));
    check(!weak, 'tanpa opsi scrypt (sandbox, production), setiap hash harus memakai minimum OWASP: N=2^17, r=8, p=1, atau konfigurasi setara dari OWASP (N=2^16 p=2, N=2^15 p=3, N=2^14 p=5, N=2^13 p=10).', {
      diharapkan: 'N=131072, r=8, p=1 (atau setaranya)',
      diterima: weak ? params(weak) : '',
      petunjuk: 'params = { ...(options.scrypt ?? SCRYPT_OWASP), maxmem: MAXMEM }, lalu teruskan params ke setiap scrypt.',
    });
  });

  /** Login JSON dengan klien baru; mengembalikan response dan panggilan scrypt selama request itu. */
  async function tracedLogin(username: string, password: string) {
    const mark = scryptCalls.length;
    const res = await loginJson(client(server), username, password);
    checkStatus(res, [200, 401], `login ${username} harus dijawab 200 atau 401.`);
    return { res, during: await scryptSince(mark) };
  }

  test('Tugas 1: login menghitung scrypt async lalu membandingkan hash dengan timingSafeEqual', async () => {
    const compared = spyTimingSafeEqual();
    await Promise.all(mainStartup.map((c) => c.done));
    const storedBudi = mainStartup.filter((c) => c.output && c.password.equals(Buffer.from(BUDI.password))).map((c) => c.output!);
    for (const password of ['bukan-password-budi', BUDI.password]) {
      const from = compared.length;
      const { res, during } = await tracedLogin(BUDI.username, password);
      const blocking = during.find((c) => c.sync);
      check(!blocking, 'saat login pakai scrypt yang async (dengan callback atau Promise), bukan scryptSync: scryptSync menghentikan seluruh server selama hash dihitung.', {
        diharapkan: 'scrypt(password, salt, KEY_LENGTH, params, callback)',
        diterima: blocking ? `scryptSync dipanggil saat POST /login (${params(blocking)})` : '',
        res,
      });
      const derived = during.find((c) => c.output && c.password.equals(Buffer.from(password)))?.output;
      check(derived, 'login harus menghitung scrypt dari password yang dikirim, dengan salt yang tersimpan untuk pengguna itu.', {
        diharapkan: 'scrypt(password, stored.salt, ...)',
        diterima: during.length ? `${during.length} panggilan scrypt, tidak ada dari password yang dikirim` : '(scrypt tidak dipanggil saat login)',
        res,
      });
      const pairs = compared.slice(from);
      const matches = (x: Buffer, y: Buffer) => sameBytes(x, derived) && storedBudi.some((s) => sameBytes(y, s));
      check(pairs.some(({ a, b }) => matches(a, b) || matches(b, a)), `hash hasil login harus dibandingkan dengan hash tersimpan memakai crypto.timingSafeEqual, bukan ===, Buffer.equals, atau perbandingan string (password ${JSON.stringify(password)}).`, {
        diharapkan: 'timingSafeEqual(derived, stored.hash)',
        diterima: pairs.length ? `${pairs.length} panggilan timingSafeEqual, tidak ada pada kedua hash itu` : '(timingSafeEqual tidak dipanggil)',
        res,
      });
    }
  });

  test('Tugas 1: pengguna tidak dikenal tetap dihitung scrypt dengan parameter yang sama (hash dummy)', async () => {
    // Bukti tanpa jam: berapa pun beban mesinnya, yang dilihat adalah panggilan scrypt itu sendiri.
    const known = await tracedLogin(BUDI.username, 'bukan-password-siapa-pun');
    const reference = known.during.find((c) => !c.sync);
    check(reference, 'login dengan password salah harus menghitung scrypt async.', { diterima: '(scrypt async tidak dipanggil)', res: known.res });
    for (const username of ['joko', 'Budi']) {
      const unknown = await tracedLogin(username, 'bukan-password-siapa-pun');
      checkStatus(unknown.res, 401, `login dengan username ${JSON.stringify(username)} (tidak ada) harus ditolak dengan 401.`);
      const same = unknown.during.find((c) => !c.sync && c.N === reference.N && c.r === reference.r && c.p === reference.p && c.keylen === reference.keylen);
      check(same, `untuk username yang tidak ada (${JSON.stringify(username)}), tetap jalankan scrypt terhadap hash dummy dengan parameter yang sama seperti pengguna sungguhan; kalau tidak, jawabannya lebih cepat dan membocorkan username mana yang ada.`, {
        diharapkan: `scrypt async dengan ${params(reference)}`,
        diterima: unknown.during.length ? unknown.during.map(params).join('; ') : '(scrypt tidak dipanggil)',
        petunjuk: 'await verifyPassword(password, stored ?? dummy, params)',
        res: unknown.res,
      });
    }
  });
});

describe('Tugas 2: dashboard hanya untuk yang sudah login', () => {
  test('Tugas 2: tanpa login, /dashboard menjawab 401 untuk klien non-HTML', async () => {
    const res = await dashboard(client(server), JSON_ACCEPT);
    checkStatus(res, 401, 'GET /dashboard tanpa login (Accept: application/json) harus menjawab 401.');
    check(!/\bbudi\b|\bmallory\b/.test(res.body), 'jawaban 401 tidak boleh membocorkan isi dashboard.', { diterima: res.body, res });
    checkFailureBody(res, 'GET /dashboard tanpa login');
  });

  test('Tugas 2: tanpa login, browser mendapat 401 atau diarahkan ke /login', async () => {
    const res = await dashboard(client(server), HTML_ACCEPT);
    checkStatus(res, [401, 302, 303], 'GET /dashboard tanpa login dari browser (Accept: text/html) harus menjawab 401 atau redirect ke /login.');
    if (res.status !== 401) {
      const location = res.headers.get('location') ?? '';
      check(/\/login(\?.*)?$/.test(location), 'redirect dari /dashboard tanpa login harus menuju /login.', {
        diharapkan: 'Location: /login',
        diterima: location || '(tanpa Location)',
        res,
      });
    }
  });

  test('Tugas 2: cookie sid buatan sendiri tidak membuka dashboard', async () => {
    const res = await dashboardWithSid(client(server), 's%3Abuatan-sendiri.tandatangan-palsu');
    checkStatus(res, 401, 'GET /dashboard dengan cookie sid yang tidak dikenal server harus menjawab 401.');
  });

  test('Tugas 2: setelah login, dashboard menampilkan username dengan Cache-Control: no-store', async () => {
    for (const user of [BUDI, MALLORY]) {
      const c = client(server);
      await mustLogin(c, user);
      const res = await dashboard(c, HTML_ACCEPT);
      checkStatus(res, 200, `GET /dashboard setelah login sebagai ${user.username} harus menjawab 200.`);
      check(['text/html', 'application/json'].includes(mediaType(res)), 'dashboard harus berupa halaman HTML (atau JSON untuk klien API).', {
        diharapkan: 'Content-Type: text/html',
        diterima: res.headers.get('content-type') ?? '(tanpa Content-Type)',
        res,
      });
      const other = user === BUDI ? 'mallory' : 'budi';
      check(isDashboardOf(res, user.username) && !new RegExp(`\\b${other}\\b`).test(visible(res.body)), `dashboard harus menampilkan username yang sedang login (${user.username}), bukan pengguna lain.`, {
        diharapkan: `teks berisi "${user.username}"`,
        diterima: visible(res.body).slice(0, 160),
        res,
      });
      const cacheControl = res.headers.get('cache-control') ?? '';
      check(/(^|,)\s*no-store\s*(,|$)/i.test(cacheControl), 'dashboard berisi data pribadi: kirim "Cache-Control: no-store" agar browser tidak menyimpannya (tombol Back setelah logout).', {
        diharapkan: 'Cache-Control: no-store',
        diterima: cacheControl ? `Cache-Control: ${cacheControl}` : '(tanpa Cache-Control)',
        res,
      });
    }
  });

  test('Tugas 2: username berisi markup tampil sebagai teks, bukan HTML', async () => {
    // Username datang dari pengguna: tanpa escape, ia menjadi kode di halaman orang yang membukanya (XSS).
    const SCRIPT = { username: 'siti&amp;<script>alert(1)</script>', password: 'pw-markup-2026' };
    const raw = /<script>alert\(1\)/i;
    const app = await serveForTest(mod.createApp({ users: [SCRIPT], secret: SECRET, now: clock.now, scrypt: FAST_SCRYPT }));
    const failed = await loginForm(client(app), SCRIPT.username, 'bukan-passwordnya');
    check(!(mediaType(failed) === 'text/html' && raw.test(failed.body)), 'halaman login yang gagal tidak boleh menulis username yang dikirim sebagai HTML mentah: escape dulu (&lt; &gt; &amp; &quot; &#39;).', {
      diharapkan: 'siti&lt;script&gt;... (atau tanpa username)',
      diterima: failed.body.slice(0, 200),
      res: failed,
    });
    const c = client(app);
    await mustLogin(c, SCRIPT);
    const res = await dashboard(c, HTML_ACCEPT);
    checkStatus(res, 200, 'GET /dashboard setelah login harus menjawab 200.');
    check(!(mediaType(res) === 'text/html' && raw.test(res.body)), 'dashboard harus menulis username sebagai teks: escape setiap nilai yang ditulis ke HTML (escapeHtml), supaya <script> di username tidak dijalankan browser.', {
      diharapkan: 'Halo, siti&amp;amp;&lt;script&gt;alert(1)&lt;/script&gt;',
      diterima: res.body.slice(0, 200),
      res,
    });
    // Escape, bukan membuang karakter: yang terbaca di layar harus username aslinya, utuh.
    const type = mediaType(res);
    const shown = type === 'text/html' ? [decodeEntities(visible(res.body))] : type === 'application/json' ? [res.body, ...jsonStrings(res.json())] : [res.body];
    check(shown.some((t) => t.includes(SCRIPT.username)), 'dashboard harus menampilkan username persis seperti adanya, sebagai teks: escape karakternya (&lt;, &gt;, &amp;, &quot;, &#39;), jangan dibuang.', {
      diharapkan: `teks "${SCRIPT.username}"`,
      diterima: shown[0]!.slice(0, 160),
      res,
    });
  });
});

describe('Tugas 3: session ID baru saat login (regenerate)', () => {
  test('Tugas 3: cookie session setelah login tetap HttpOnly, SameSite=Lax, Path=/', async () => {
    const c = client(server);
    const { res } = await mustLogin(c, BUDI);
    const sid = requireSetCookie(res, 'sid', 'saat login');
    check(sid.attrs.httponly === true, 'cookie "sid" harus HttpOnly agar tidak terbaca JavaScript.', { diharapkan: 'HttpOnly', diterima: sid.raw, res });
    check(String(sid.attrs.samesite).toLowerCase() === 'lax', 'cookie "sid" harus SameSite=Lax.', { diharapkan: 'SameSite=Lax', diterima: sid.raw, res });
    check(sid.attrs.path === '/', 'cookie "sid" harus Path=/ agar terkirim ke semua halaman.', { diharapkan: 'Path=/', diterima: sid.raw, res });
  });

  test('Tugas 3: tanpa secret di luar production, session tetap berjalan dengan secret sementara', async () => {
    const app = await withEnv({ NODE_ENV: 'development', SESSION_SECRET: undefined }, () =>
      attempt('createApp tanpa secret', () => mod.createApp({ users: [BUDI], now: clock.now, scrypt: FAST_SCRYPT })),
    );
    const dev = await serveForTest(app);
    const c = client(dev);
    await mustLogin(c, BUDI);
    const res = await dashboard(c);
    check(isDashboardOf(res, 'budi'), 'tanpa SESSION_SECRET saat pengembangan, app tetap harus jalan dengan secret sementara (dengan peringatan di konsol): login lalu dashboard harus berhasil.', {
      diharapkan: '200 dashboard budi',
      diterima: res.status,
      res,
    });
  });

  test('Tugas 3: login ulang di browser yang sama memberi session ID baru, ID lama mati', async () => {
    // Setiap jalan login diuji: JSON, dan form HTML yang dipakai browser.
    for (const via of VIA) {
      const c = client(server);
      // Sebagian app sudah membuat session sebelum login (mis. token form); kalau ada, ID itu juga harus diganti.
      await c.get('/dashboard', { headers: HTML_ACCEPT });
      await c.get('/login', { headers: HTML_ACCEPT });
      await login(c, { username: 'budi', password: 'password-salah-dulu' }, via);
      const before = await c.cookie('sid');

      const first = await mustLogin(c, BUDI, via);
      if (before) {
        check(first.sid !== before, `session ID yang ada sebelum login harus diganti saat login berhasil (${viaName(via)}).`, {
          diharapkan: `sid selain ${before}`,
          diterima: first.sid,
          res: first.res,
        });
        const old = await dashboardWithSid(c, before);
        checkNoAccess(old, `session ID dari sebelum login tidak boleh membuka dashboard setelah login (${viaName(via)}).`);
      }

      const again = await login(c, MALLORY, via);
      check(LOGIN_OK.includes(again.status), `login kedua (pengguna lain, browser yang sama, ${viaName(via)}) harus berhasil.`, { diterima: again.status, res: again });
      const fresh = findSetCookie(again, 'sid');
      check(fresh && (await c.cookie('sid')) !== first.sid, `setiap login berhasil harus memberi session ID baru (req.session.regenerate), bukan memakai ID yang sudah dibawa browser (${viaName(via)}).`, {
        diharapkan: 'Set-Cookie: sid=<ID baru>',
        diterima: fresh ? fresh.raw : '(tidak ada Set-Cookie sid: ID lama dipakai terus)',
        res: again,
      });
      const old = await dashboardWithSid(c, first.sid);
      checkNoAccess(old, `session ID lama harus dihapus dari store saat login (regenerate melakukannya): memakainya lagi tidak boleh membuka dashboard (${viaName(via)}).`);
    }
  });

  test('Tugas 3: session fixation — ID yang dititipkan penyerang tidak ikut login', async () => {
    for (const via of VIA) {
      // Penyerang punya session ID sungguhan (di sini: dia login dengan akunnya sendiri).
      const attacker = client(server);
      const planted = (await mustLogin(attacker, MALLORY)).sid;

      // Cookie itu berhasil ditanam di browser korban (mis. lewat subdomain atau komputer bersama).
      const victim = client(server);
      await victim.setCookie('sid', planted);
      const res = await login(victim, BUDI, via);
      check(LOGIN_OK.includes(res.status), `korban harus tetap bisa login walau membawa cookie sid lama (${viaName(via)}).`, { diterima: res.status, res });
      const victimSid = await victim.cookie('sid');
      check(victimSid && victimSid !== planted, `saat login, server harus memberi session ID baru; ID yang dibawa browser (bisa titipan penyerang) tidak boleh dipakai terus (${viaName(via)}).`, {
        diharapkan: `sid selain ${planted}`,
        diterima: res.setCookies.length ? res.setCookies.join(' | ') : '(tidak ada Set-Cookie: ID titipan dipakai terus)',
        res,
      });

      const stolen = await dashboardWithSid(attacker, planted);
      if (isDashboardOf(stolen, 'budi')) {
        fail(`session fixation berhasil setelah ${viaName(via)}: penyerang membuka dashboard budi dengan ID yang ia titipkan. Panggil req.session.regenerate() sebelum menyimpan pengguna, di setiap jalan login.`, {
          diharapkan: '401 untuk ID lama',
          diterima: `${stolen.status} ${visible(stolen.body).slice(0, 120)}`,
          res: stolen,
        });
      }
      checkNoAccess(stolen, `session ID lama harus mati setelah login (regenerate menghapusnya dari store), juga untuk akun penyerang sendiri (${viaName(via)}).`);

      const own = await dashboard(victim);
      check(isDashboardOf(own, 'budi'), `dengan ID barunya, korban harus melihat dashboard budi (${viaName(via)}).`, { diterima: own.status, res: own });
    }
  });
});

/** Cookie penghapus: nilai kosong atau kedaluwarsa di masa lalu / Max-Age=0, dengan Path yang sama. */
function checkClearingCookie(res: Res, what: string) {
  const cleared = requireSetCookie(res, 'sid', `untuk menghapus cookie session (${what})`);
  const parsed = toughCookie(cleared.raw);
  const maxAge = cleared.attrs['max-age'];
  const expires = cleared.attrs.expires;
  const expired =
    (maxAge !== undefined && Number(maxAge) <= 0) ||
    (typeof expires === 'string' && Date.parse(expires) <= Date.now()) ||
    (parsed !== undefined && parsed.TTL() <= 0);
  check(expired, 'cookie sid harus dihapus di browser: kirim Set-Cookie sid dengan Max-Age=0 atau Expires di masa lalu (res.clearCookie).', {
    diharapkan: 'sid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT (atau Max-Age=0)',
    diterima: cleared.raw,
    res,
  });
  check(cleared.attrs.path === '/', 'cookie penghapus harus memakai Path yang sama dengan cookie sid (Path=/), kalau tidak browser menganggapnya cookie lain.', {
    diharapkan: 'Path=/',
    diterima: cleared.raw,
    res,
  });
  check(cleared.attrs.httponly === true && String(cleared.attrs.samesite).toLowerCase() === 'lax', 'hapus cookie dengan atribut yang sama seperti saat membuatnya (HttpOnly, SameSite=Lax): res.clearCookie("sid", opsiCookieYangSama).', {
    diharapkan: 'HttpOnly; SameSite=Lax',
    diterima: cleared.raw,
    res,
  });
  return cleared;
}

describe('Tugas 4: logout lewat POST yang benar-benar mengakhiri session', () => {
  test('Tugas 4: POST /logout menghapus session di server; cookie lama yang diputar ulang ditolak', async () => {
    const c = client(server);
    const { sid } = await mustLogin(c, BUDI);
    const res = await c.post('/logout', { headers: HTML_ACCEPT });
    checkStatus(res, [200, 204, 302, 303], 'POST /logout harus berhasil (303 ke /login, atau 200/204).');
    if (res.status === 302 || res.status === 303) {
      const location = res.headers.get('location') ?? '';
      check(/\/login(\?.*)?$/.test(location), 'redirect setelah logout harus menuju /login.', {
        diharapkan: 'Location: /login',
        diterima: location || '(tanpa Location)',
        res,
      });
    }
    const replay = await dashboardWithSid(c, sid);
    checkStatus(replay, 401, 'setelah logout, cookie sid lama yang dikirim ulang (mis. disalin penyerang) harus ditolak dengan 401: panggil req.session.destroy().');
  });

  test('Tugas 4: POST /logout menghapus cookie sid di browser dengan atribut yang sama', async () => {
    const c = client(server);
    await mustLogin(c, BUDI);
    const res = await c.post('/logout', { headers: JSON_ACCEPT });
    checkClearingCookie(res, 'POST /logout');
    const left = await c.cookie('sid');
    check(!left, 'setelah logout, browser tidak boleh lagi menyimpan cookie sid.', { diharapkan: '(tidak ada cookie sid)', diterima: left, res });
    const dash = await dashboard(c);
    checkStatus(dash, 401, 'setelah logout, GET /dashboard harus menjawab 401.');
  });

  test('Tugas 4: GET /logout tidak melakukan logout', async () => {
    const c = client(server);
    const { sid } = await mustLogin(c, BUDI);
    const res = await c.get('/logout', { headers: HTML_ACCEPT });
    checkStatus(res, [404, 405], 'GET /logout harus ditolak (404 atau 405): logout mengubah state, jadi hanya lewat POST. Link, redirect dari situs lain, atau <img src="/logout"> di komentar tidak boleh bisa membuat orang logout.');
    const dash = await dashboardWithSid(c, sid);
    check(isDashboardOf(dash, 'budi'), 'GET /logout tidak boleh mengakhiri session: sesudahnya dashboard harus tetap terbuka.', {
      diharapkan: '200 dashboard budi',
      diterima: dash.status,
      res: dash,
    });
  });

  test('Tugas 4: di production (di balik proxy HTTPS) cookie login dan cookie penghapus sama-sama Secure', async () => {
    const saved = process.env.NODE_ENV;
    let app: RequestListener;
    try {
      process.env.NODE_ENV = 'production';
      app = mod.createApp({ users: [BUDI], secret: SECRET, now: clock.now, scrypt: FAST_SCRYPT });
    } finally {
      process.env.NODE_ENV = saved;
    }
    const prod = await serveForTest(app);
    const https = { ...JSON_ACCEPT, 'x-forwarded-proto': 'https' };
    const c = client(prod);
    const login = await c.post('/login', { json: BUDI, headers: https });
    check(LOGIN_OK.includes(login.status), 'login di production lewat proxy HTTPS (X-Forwarded-Proto: https) harus berhasil.', { diterima: login.status, res: login });
    const sid = requireSetCookie(login, 'sid', 'di production lewat proxy HTTPS (aktifkan app.set("trust proxy", 1))');
    check(sid.attrs.secure === true, 'di production cookie sid harus Secure.', { diharapkan: 'Secure', diterima: sid.raw, res: login });

    // Jar tidak mengirim cookie Secure ke http://, jadi cookie dikirim dengan tangan.
    const logout = await c.post('/logout', { headers: { ...https, cookie: `sid=${sid.value}` } });
    checkStatus(logout, [200, 204, 302, 303], 'POST /logout di production harus berhasil.');
    const cleared = checkClearingCookie(logout, 'production');
    check(cleared.attrs.secure === true, 'cookie penghapus di production juga harus Secure, sama seperti cookie sid.', {
      diharapkan: 'Secure',
      diterima: cleared.raw,
      res: logout,
    });
  });
});
