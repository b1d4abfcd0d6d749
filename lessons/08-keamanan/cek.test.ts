// Setiap tes di sini adalah SERANGAN. Tes lulus hanya bila serangannya gagal.
//
// Syarat pelajaran 08 (tugas, komentar awal.ts, teks) dan tes yang menjaganya:
// Tugas 1
// - login dengan password salah atau username tak dikenal 401, tanpa body 4xx (bukan 500); role admin boleh /admin, role user 403
//     → "Tugas 1: login salah ditolak; admin masuk /admin, pengguna biasa 403"
// - tanpa `users`, akun bawaan budi (role user) / admin (role admin) → "Tugas 1: akun bawaan budi dan admin dipakai bila createApp tanpa users"
// - peran dibaca dari akun di server, bukan dari cookie `role`; /me menjawab { username, role, email }
//     → "Tugas 1: serangan — budi menulis sendiri cookie role=admin", "Tugas 1: serangan — tanpa login, hanya cookie role=admin"
// - tanpa login /admin, /me, /dashboard dijawab 401 → "Tugas 1: tanpa login, /admin, /me, dan /dashboard dijawab 401"
// Tugas 2
// - setiap session ID berbeda dan ≥ 128 bit, sebelum dan sesudah login
//     → "Tugas 2: serangan — kumpulkan 50 session ID pengunjung lalu cari polanya", "Tugas 2: serangan — kumpulkan 10 session ID setelah login"
// - ID dari crypto.randomBytes (CSPRNG), bukan Math.random, waktu, atau penghitung
//     → "Tugas 2: session ID berasal dari CSPRNG, sebelum dan sesudah login"
// Tugas 3 (login lewat form dan lewat JSON)
// - ID berganti saat login → "Tugas 3: session ID berganti saat login", "… (login lewat JSON)"
// - ID yang ditanam penyerang mati saat korban login → "Tugas 3: serangan — penyerang menanam ID dari server di browser korban", "… (login lewat JSON)"
// - ID yang tidak pernah dibuat server tidak menjadi session login → "Tugas 3: serangan — penyerang mengarang ID sendiri", "… (login lewat JSON)"
// - session lama dihapus saat login ulang → "Tugas 3: login ulang mematikan session yang lama"
// - hanya session milik browser itu yang diakhiri → "Tugas 3: login orang lain tidak mengakhiri session yang masih aktif"
// Tugas 4
// - setiap cookie session HttpOnly (GET /csrf-token, GET /login, login form dan JSON) → "Tugas 4: serangan — skrip XSS membaca document.cookie"
// - secure: true → __Host-sid; Secure; Path=/; tanpa Domain; HttpOnly → "Tugas 4: createApp({ secure: true }) memakai __Host-sid; Secure; Path=/ tanpa Domain"
// - bawaan secure adalah NODE_ENV === 'production' → "Tugas 4: tanpa opsi secure, NODE_ENV=production juga memakai __Host-sid dengan Secure"
// Tugas 5
// - GET /profile/email tidak mengubah email, juga dengan token dan password di URL
//     → "Tugas 5: serangan — tautan GET /profile/email?email=... dari situs lain", "Tugas 5: token CSRF di URL pun tidak membuat GET mengubah data"
// - GET tidak mengubah apa pun, juga GET /logout → "Tugas 5: GET /logout tidak mengakhiri session"
// - ganti email hanya dengan password saat ini milik pemilik session (ASVS 7.5.1) → "Tugas 5: ganti email wajib password saat ini",
//     "Tugas 5: POST /profile/email tanpa body ditolak 4xx, bukan 500"; GET /me selalu menjawab email (emailOf)
// - email kiriman pengguna di-escape di dashboard (escape HTML yang sudah benar di awal.ts tetap benar)
//     → "Tugas 5: email baru tampil di dashboard sebagai teks, bukan HTML"
// Tugas 6
// - GET /csrf-token menjawab { token } ≥ 128 bit, berbeda per session → "Tugas 6: GET /csrf-token menjawab { token } yang acak per session"
// - token dari CSPRNG → "Tugas 6: token CSRF berasal dari CSPRNG"
// - GET /login dan GET /dashboard halaman HTML; form login (dan form POST di dashboard) membawa <input name="_csrf">
//   yang diterima → "Tugas 6: form di halaman app membawa _csrf yang diterima"
// - GET dan HEAD tidak diperiksa token → "Tugas 6: GET dan HEAD tidak butuh token"
// - SameSite=Lax (atau Strict) pada setiap cookie session, juga di production → "Tugas 6: cookie session memakai SameSite=Lax (atau Strict)"
// - POST /profile/email tanpa token 403, dengan atau tanpa Origin
//     → "Tugas 6: serangan — form di evil.example mengirim POST tanpa token", "Tugas 6: serangan — POST tanpa token dan tanpa header Origin"
// - token terikat ke session → "Tugas 6: serangan — penyerang memakai token dari session miliknya sendiri"
// - token karangan 403, bukan 500 → "Tugas 6: serangan — token karangan (panjang berbeda) ditolak 403, bukan error 500"
// - login (form dan JSON) juga butuh token → "Tugas 6: serangan — login CSRF tanpa token atau dengan token penyerang", "… (login lewat JSON)"
// - logout juga butuh token, juga tanpa body (403, bukan 500) → "Tugas 6: serangan — logout CSRF tanpa token atau dengan token penyerang"
// - token berganti saat login → "Tugas 6: token CSRF berganti saat login"
// - dibandingkan dengan crypto.timingSafeEqual di setiap POST → "Tugas 6: token CSRF dibandingkan dengan crypto.timingSafeEqual"
// - token benar (field _csrf atau header X-CSRF-Token) mengubah email → "Tugas 6: POST dengan token yang benar mengubah email"
// Tugas 7 (jam now())
// - idle 30 menit: hidup 29:59, mati 30:01 dan tetap mati
//     → "Tugas 7: 30 menit tanpa aktivitas mengakhiri session di server", "Tugas 7: idle timeout tepat di batas: hidup pada 29:59, mati pada 30:01"
// - absolute 8 jam sejak login walau aktif: hidup 7:59:59, mati 8:00:01
//     → "Tugas 7: aktif setiap 20 menit pun, session berakhir setelah 8 jam", "Tugas 7: absolute timeout tepat di batas: hidup pada 7:59:59, mati pada 8:00:01"
// Setiap redirect (login → /dashboard, ganti email → /dashboard, logout → /login) membawa Location (checkLocation).
// Tugas 8
// - logout menghapus session di server → "Tugas 8: serangan — cookie yang disalin sebelum logout dipakai lagi"
// - logout menghapus cookie di browser → "Tugas 8: logout juga membuang cookie session di browser"
// - logout tanpa login (dengan token) tidak error 5xx → "Tugas 8: logout tanpa login tetap dijawab dengan baik"
// - di production cookie __Host-sid dihapus dengan Secure; Path=/ → "Tugas 8: di mode production, logout menghapus __Host-sid yang bisa diterima browser"
import { randomBytes } from 'node:crypto';
import type { RequestListener } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, test } from 'vitest';
import {
  check,
  CheckFailure,
  checkStatus,
  client,
  createClock,
  findSetCookie,
  HOUR,
  listen,
  loadExercise,
  mediaType,
  MINUTE,
  requireSetCookie,
  SECOND,
  spyTimingSafeEqual,
  UNRELATED_COOKIES,
  withEnv,
  withPredictableRandom,
  type Client,
  type ParsedSetCookie,
  type Res,
  type RunningServer,
  type TimingSafeCall,
} from '#harness';

interface User {
  username: string;
  password: string;
  role: 'user' | 'admin';
}
interface Exercise {
  createApp(options?: { users?: User[]; now?: () => number; secure?: boolean; scrypt?: { N: number; r: number; p: number } }): RequestListener;
}

const mod = await loadExercise<Exercise>(import.meta.url);

const BUDI: User = { username: 'budi', password: 'kopi-susu-2026', role: 'user' };
const SARI: User = { username: 'sari', password: 'sari-admin-rahasia-2026', role: 'admin' };
const MALING: User = { username: 'maling', password: 'maling-juga-punya-akun', role: 'user' };
const USERS = [BUDI, SARI, MALING];
const SID = 'sid';
const HOST_SID = '__Host-sid';
const EVIL = 'http://evil.example';
// Di production app berada di balik proxy HTTPS; X-Forwarded-Proto meniru proxy itu.
const HTTPS = { 'x-forwarded-proto': 'https' };

// Biaya scrypt murah khusus tes, seperti di pelajaran 06; production tetap memakai minimum OWASP.
const scrypt = { N: 2 ** 12, r: 8, p: 1 };
const clock = createClock();
const timeClock = createClock();
// Server dibuat di beforeAll, bukan saat berkas dimuat. Bila createApp melempar error, error itu
// disimpan dan setiap tes gagal dengan pesannya (beforeEach), alih-alih berkas gagal tanpa satu tes pun.
let server: RunningServer;
let defaults: RunningServer;
let production: RunningServer;
let envProduction: RunningServer;
let timeServer: RunningServer;
const running: RunningServer[] = [];
let setupError: unknown;
beforeAll(() => startServers().catch((err: unknown) => void (setupError = err)));
beforeEach(() => {
  if (setupError) throw setupError;
});
async function startServers() {
  const start = async (create: () => RequestListener | Promise<RequestListener>) => {
    let app: RequestListener;
    try {
      app = await create();
    } catch (err) {
      throw new CheckFailure(`createApp melempar error: ${(err as Error)?.message ?? String(err)}`);
    }
    const srv = await listen(app);
    running.push(srv);
    return srv;
  };
  server = await start(() => mod.createApp({ users: USERS, now: clock.now, scrypt }));
  defaults = await start(() => mod.createApp({ now: clock.now, scrypt }));
  production = await start(() => mod.createApp({ users: USERS, now: clock.now, secure: true, scrypt }));
  envProduction = await start(() => withEnv({ NODE_ENV: 'production' }, () => mod.createApp({ users: USERS, now: clock.now, scrypt })));
  timeServer = await start(() => mod.createApp({ users: USERS, now: timeClock.now, scrypt }));
}
afterAll(() => Promise.all(running.map((srv) => srv.close())));

const ok = (res: Res) => res.status >= 200 && res.status < 400;
type Via = 'form' | 'json';
const VIAS: Via[] = ['form', 'json'];
const lewat = (via: Via) => (via === 'json' ? ' (login lewat JSON)' : '');

/** Header Cookie buatan tangan, dengan cookie pihak lain di depan dan di belakang seperti browser sungguhan. */
const cookieHeader = (name: string, value: string) => `${UNRELATED_COOKIES.before}; ${name}=${value}; ${UNRELATED_COOKIES.after}`;

/** Token CSRF dari GET /csrf-token, atau undefined bila app belum punya (kode awal). */
async function csrfToken(b: Client): Promise<string | undefined> {
  const res = await b.get('/csrf-token');
  if (res.status !== 200) return undefined;
  try {
    const token: unknown = JSON.parse(res.body)?.token;
    return typeof token === 'string' && token !== '' ? token : undefined;
  } catch {
    return undefined;
  }
}

/** Seperti csrfToken, tetapi gagal dengan pesan jelas bila app belum menyediakan token. */
async function requireCsrfToken(b: Client): Promise<string> {
  const res = await b.get('/csrf-token');
  checkStatus(res, 200, 'GET /csrf-token harus menjawab 200 dengan JSON { token }.');
  const token: unknown = res.json()?.token;
  check(typeof token === 'string' && token !== '', 'GET /csrf-token harus menjawab JSON { token } berisi string.', { diterima: res.body, res });
  return token;
}

/** POST seperti halaman app sendiri: token (bila ada) di field _csrf dan header X-CSRF-Token; body form atau JSON. */
async function send(b: Client, path: string, fields: Record<string, string>, token?: string, via: Via = 'form') {
  const t = token ?? (await csrfToken(b));
  const body = t ? { ...fields, _csrf: t } : fields;
  const headers: Record<string, string> = t ? { 'x-csrf-token': t } : {};
  return via === 'form' ? b.post(path, { form: body, headers }) : b.post(path, { json: body, headers });
}
const postForm = (b: Client, path: string, form: Record<string, string>, token?: string) => send(b, path, form, token);

/** Jawaban 3xx harus membawa Location, kalau tidak browser tidak tahu harus ke mana. */
function checkLocation(res: Res, where: string) {
  if (res.status < 300 || res.status >= 400) return;
  check(res.headers.get('location'), `redirect ${res.status} dari ${res.exchange.method} ${res.exchange.url} harus membawa header Location (mis. ${where}).`, {
    diharapkan: `Location: ${where}`,
    diterima: '(tidak ada Location)',
    res,
  });
}

async function login(b: Client, user: User, via: Via = 'form') {
  const res = await send(b, '/login', { username: user.username, password: user.password }, undefined, via);
  check(ok(res), `login sebagai ${user.username}${via === 'json' ? ' lewat JSON' : ''} dengan password yang benar harus berhasil.`, {
    diharapkan: '200 atau 303',
    diterima: res.status,
    res,
  });
  checkLocation(res, '/dashboard');
  const sid = await b.cookie(SID);
  check(sid, `setelah login, browser harus menyimpan cookie session "${SID}".`, {
    diterima: res.setCookies.length ? res.setCookies.join(' | ') : '(tidak ada Set-Cookie)',
    res,
  });
  return { res, sid };
}

/**
 * Session pengunjung yang belum login: dari GET /csrf-token, atau GET /login bila yang pertama belum
 * ada. Keduanya wajib memberi cookie session, karena token CSRF form login terikat ke ID itu.
 */
async function preLoginSid(b: Client): Promise<string> {
  let res = await b.get('/csrf-token');
  let sid = await b.cookie(SID);
  if (!sid) {
    res = await b.get('/login');
    sid = await b.cookie(SID);
  }
  check(sid, `GET /csrf-token (atau GET /login) harus mengirim cookie "${SID}" untuk pengunjung yang belum login.`, {
    diterima: res.setCookies.length ? res.setCookies.join(' | ') : '(tidak ada Set-Cookie)',
    petunjuk: 'Bila ID tak dikenal kini kamu abaikan, beri pengunjung ID baru di GET /login dan GET /csrf-token.',
    res,
  });
  return sid;
}

/** Penyerang memakai salinan cookie session, tanpa cookie jar. */
function replay(path: string, sid: string, target: RunningServer = server) {
  return client(target).get(path, { headers: { cookie: cookieHeader(SID, sid) } });
}

async function emailOf(b: Client): Promise<string> {
  const res = await b.get('/me');
  checkStatus(res, 200, 'GET /me harus menjawab 200 dengan JSON { username, role, email } untuk pengguna yang login.');
  const { email } = res.json();
  check(typeof email === 'string' && email.includes('@'), 'GET /me harus menjawab email pengguna (string berisi @), mis. budi@contoh.test.', { diterima: res.body, res });
  return email;
}

/** Semua Set-Cookie session (yang tidak kosong) selama sebuah alur, beserta response asalnya. */
function sessionCookies(name: string, ...responses: Res[]): { cookie: ParsedSetCookie; res: Res }[] {
  return responses.flatMap((res) => {
    const cookie = findSetCookie(res, name);
    return cookie && cookie.value !== '' ? [{ cookie, res }] : [];
  });
}

/** Alamat email penyerang yang unik per serangan, agar hasil serangan sebelumnya tidak menyamarkan hasil. */
const evilEmail = () => `maling.${randomBytes(4).toString('hex')}@evil.example`;

/**
 * Login di mode production (secure: true) lewat header Cookie buatan tangan: jar tidak menyimpan cookie
 * Secure dari http://. Token CSRF dari JSON /csrf-token atau dari <input name="_csrf"> di form login.
 */
async function productionLogin() {
  let pre = await client(production).get('/csrf-token', { headers: HTTPS });
  if (!findSetCookie(pre, HOST_SID)) pre = await client(production).get('/login', { headers: HTTPS });
  const first = findSetCookie(pre, HOST_SID);
  let token: string | undefined;
  try {
    token = JSON.parse(pre.body)?.token;
  } catch {
    token = /name="_csrf"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="_csrf"/.exec(pre.body)?.slice(1).find(Boolean);
  }
  const res = await client(production).post('/login', {
    form: { username: BUDI.username, password: BUDI.password, ...(token ? { _csrf: token } : {}) },
    headers: { ...HTTPS, ...(first ? { cookie: cookieHeader(HOST_SID, first.value) } : {}), ...(token ? { 'x-csrf-token': token } : {}) },
  });
  check(ok(res), 'login budi di mode production (secure: true) harus berhasil.', { diterima: res.status, res });
  return { pre, first, res, sid: findSetCookie(res, HOST_SID)?.value };
}

describe('Tugas 1: peran disimpan di server, bukan di cookie', () => {
  test('Tugas 1: login salah ditolak; admin masuk /admin, pengguna biasa 403', async () => {
    const wrong = await postForm(client(server), '/login', { username: 'budi', password: 'salah-total' });
    checkStatus(wrong, 401, 'login dengan password salah harus ditolak 401.');
    const unknown = await postForm(client(server), '/login', { username: 'tidak-ada', password: 'salah-total' });
    checkStatus(unknown, 401, 'login dengan username yang tidak ada harus ditolak 401 juga, bukan error 500.');
    const empty = client(server);
    const token = (await csrfToken(empty)) ?? '';
    const noBody = await empty.post('/login', { headers: { 'x-csrf-token': token } });
    check(noBody.status >= 400 && noBody.status < 500, 'POST /login tanpa body sama sekali harus ditolak 4xx, bukan error 500 (req.body bisa undefined).', { diterima: noBody.status, res: noBody });
    const admin = client(server);
    await login(admin, SARI);
    checkStatus(await admin.get('/admin'), 200, 'sari (role admin) harus bisa membuka /admin.');
    const user = client(server);
    await login(user, BUDI);
    checkStatus(await user.get('/admin'), 403, 'budi (role user) harus ditolak 403 di /admin.');
  });

  test('Tugas 1: akun bawaan budi dan admin dipakai bila createApp tanpa users', async () => {
    const budi = client(defaults);
    await login(budi, { username: 'budi', password: 'kopi-susu-2026', role: 'user' });
    const me = await budi.get('/me');
    check(me.status === 200 && me.json().role === 'user', 'akun bawaan budi harus ber-role "user".', { diharapkan: '{ "username": "budi", "role": "user", ... }', diterima: me.body, res: me });
    const admin = client(defaults);
    await login(admin, { username: 'admin', password: 'teh-tarik-2026', role: 'admin' });
    checkStatus(await admin.get('/admin'), 200, 'akun bawaan admin / teh-tarik-2026 harus bisa membuka /admin.');
  });

  test('Tugas 1: serangan — budi menulis sendiri cookie role=admin', async () => {
    const b = client(server);
    await login(b, BUDI);
    await b.setCookie('role', 'admin');
    const res = await b.get('/admin');
    checkStatus(res, 403, 'budi yang menambah cookie "role=admin" sendiri tetap harus ditolak 403: peran harus dibaca dari session di server.');
    const me = await b.get('/me');
    checkStatus(me, 200, 'GET /me harus menjawab 200 untuk pengguna yang login.');
    check(me.json().role === 'user', 'GET /me harus melaporkan peran dari server, bukan dari cookie kiriman browser.', {
      diharapkan: 'role "user"',
      diterima: me.body,
      res: me,
    });
    check(me.json().username === BUDI.username, 'GET /me harus menjawab JSON { username, role, email } milik pengguna yang login.', {
      diharapkan: `username "${BUDI.username}"`,
      diterima: me.body,
      res: me,
    });
  });

  test('Tugas 1: serangan — tanpa login, hanya cookie role=admin', async () => {
    const res = await client(server).get('/admin', { headers: { cookie: 'role=admin' } });
    checkStatus(res, [401, 403], 'tanpa login, cookie "role=admin" tidak boleh membuka /admin.');
  });

  test('Tugas 1: tanpa login, /admin, /me, dan /dashboard dijawab 401', async () => {
    for (const path of ['/admin', '/me', '/dashboard']) {
      for (const cookie of ['', cookieHeader('role', 'admin')]) {
        const res = await client(server).get(path, cookie ? { headers: { cookie } } : {});
        checkStatus(res, 401, `${path} tanpa login harus dijawab 401 (belum login), bukan 403 atau 200${cookie ? ', juga bila browser mengirim cookie "role=admin"' : ''}.`);
      }
    }
  });
});

// session ID express-session berbentuk s:<id>.<signature>; yang dinilai hanya <id>.
function sessionIdOf(cookieValue: string): string {
  let v = cookieValue;
  try {
    v = decodeURIComponent(v);
  } catch {
    // biarkan mentah
  }
  return /^s:(.+)\.[A-Za-z0-9+/=_-]+$/.exec(v)?.[1] ?? v;
}

const ALPHABETS = [
  '0123456789',
  '0123456789abcdef',
  '0123456789ABCDEF',
  'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567',
  '0123456789abcdefghijklmnopqrstuvwxyz',
  '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz',
  '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_',
  '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+/',
];

/**
 * Perkiraan entropi: jumlah posisi yang berubah-ubah × log2(ukuran abjad). Abjadnya adalah abjad baku
 * terkecil (hex, base36, base64url, ...) yang memuat semua karakter yang terlihat di posisi itu.
 * Posisi yang selalu sama (tanda "-" dan angka versi UUID, awalan tetap) tidak dihitung.
 */
function estimateBits(ids: string[]): number {
  const minLength = Math.min(...ids.map((id) => id.length));
  const seen = new Set<string>();
  let varying = 0;
  for (let p = 0; p < minLength; p++) {
    const chars = new Set(ids.map((id) => id[p]!));
    if (chars.size > 1) {
      varying++;
      for (const c of chars) seen.add(c);
    }
  }
  if (varying === 0) return 0;
  const alphabet = ALPHABETS.find((a) => [...seen].every((c) => a.includes(c)))?.length ?? seen.size;
  return Math.floor(varying * Math.log2(alphabet));
}

function checkIds(values: string[], what: string) {
  const ids = values.map(sessionIdOf);
  const sample = ids.slice(0, 3).join(' , ');
  check(new Set(ids).size === ids.length, `${what}: setiap session harus mendapat ID yang berbeda.`, {
    diharapkan: `${ids.length} ID berbeda`,
    diterima: `${new Set(ids).size} ID berbeda, contoh: ${sample}`,
  });
  const bits = estimateBits(ids);
  check(bits >= 128, `${what}: session ID harus berasal dari generator acak kriptografis dengan minimal 128 bit (ASVS 7.2.3).`, {
    diharapkan: '≥ 128 bit, misalnya randomBytes(32).toString("base64url") (43 karakter)',
    diterima: `perkiraan ${bits} bit, contoh: ${sample}`,
    petunjuk: 'Math.random() dan penghitung bisa ditebak; crypto.randomUUID() hanya berisi 122 bit acak.',
  });
}

/** Di bawah withPredictableRandom, nilai yang berasal dari CSPRNG sama persis; yang lain tetap berubah. */
function checkFromCsprng(values: string[], what: string) {
  check(values.every((v) => v === values[0]), `${what} harus berasal dari crypto.randomBytes (CSPRNG).`, {
    diharapkan: 'nilai yang sama persis selama checker membuat setiap sumber acak kriptografis mengembalikan byte tetap',
    diterima: values.join(' , '),
    petunjuk: 'Nilai ini tetap berubah walau CSPRNG dibuat tetap, jadi asalnya waktu, penghitung, hash dari waktu, atau Math.random(). Pakai randomBytes(32).toString("base64url").',
  });
}

describe('Tugas 2: session ID yang tidak bisa ditebak', () => {
  test('Tugas 2: serangan — kumpulkan 50 session ID pengunjung lalu cari polanya', async () => {
    const values: string[] = [];
    for (let i = 0; i < 50; i++) values.push(await preLoginSid(client(server)));
    checkIds(values, '50 ID sebelum login');
  });

  test('Tugas 2: serangan — kumpulkan 10 session ID setelah login', async () => {
    const values: string[] = [];
    for (let i = 0; i < 10; i++) values.push((await login(client(server), BUDI)).sid);
    checkIds(values, '10 ID setelah login');
  });

  test('Tugas 2: session ID berasal dari CSPRNG, sebelum dan sesudah login', async () => {
    const { before, after } = await withPredictableRandom(async () => ({
      before: [await preLoginSid(client(server)), await preLoginSid(client(server))],
      after: [(await login(client(server), BUDI)).sid, (await login(client(server), BUDI)).sid],
    }));
    checkFromCsprng(before.map(sessionIdOf), 'session ID sebelum login');
    checkFromCsprng(after.map(sessionIdOf), 'session ID setelah login');
  });
});

describe('Tugas 3: ID baru saat login (session fixation)', () => {
  for (const via of VIAS) {
    test(`Tugas 3: session ID berganti saat login${lewat(via)}`, async () => {
      const b = client(server);
      const beforeId = await preLoginSid(b);
      const { res, sid } = await login(b, BUDI, via);
      check(sid !== beforeId, 'saat login, server harus membuat session ID baru, bukan melanjutkan ID sebelum login (ASVS 7.2.4).', {
        diharapkan: `ID selain ${beforeId}`,
        diterima: sid,
        res,
      });
    });

    test(`Tugas 3: serangan — penyerang menanam ID dari server di browser korban${lewat(via)}`, async () => {
      const attacker = client(server);
      const planted = await preLoginSid(attacker);
      const victim = client(server);
      await victim.setCookie(SID, planted);
      await login(victim, BUDI, via);
      checkStatus(await victim.get('/me'), 200, 'korban sendiri harus tetap login.');
      const res = await attacker.get('/me');
      checkStatus(res, 401, 'penyerang yang menanam session ID-nya di browser korban tidak boleh ikut masuk setelah korban login.');
    });

    test(`Tugas 3: serangan — penyerang mengarang ID sendiri${lewat(via)}`, async () => {
      const invented = randomBytes(32).toString('base64url');
      const victim = client(server);
      await victim.setCookie(SID, invented);
      await login(victim, BUDI, via);
      const res = await replay('/me', invented);
      checkStatus(res, 401, 'ID karangan penyerang tidak boleh menjadi session ID korban setelah login.');
    });
  }

  test('Tugas 3: login orang lain tidak mengakhiri session yang masih aktif', async () => {
    const first = client(server);
    const { sid } = await login(first, BUDI);
    for (const user of [SARI, MALING, BUDI]) await login(client(server), user);
    checkStatus(await replay('/me', sid), 200, 'session budi yang masih aktif harus tetap hidup walau pengguna lain login: hanya session lama milik browser yang login yang diakhiri.');
  });

  test('Tugas 3: login ulang mematikan session yang lama', async () => {
    const b = client(server);
    const first = (await login(b, BUDI)).sid;
    const { res, sid } = await login(b, BUDI);
    check(sid !== first, 'login ulang (autentikasi lagi) pun harus membuat session ID baru (ASVS 7.2.4).', { diharapkan: `ID selain ${first}`, diterima: sid, res });
    checkStatus(
      await replay('/me', first),
      401,
      'setelah login ulang, session ID yang lama harus mati: hapus session lama dari store, jangan hanya membuat yang baru (ASVS 7.2.4).',
    );
  });
});

describe('Tugas 4: cookie session HttpOnly, dan __Host- di production', () => {
  test('Tugas 4: serangan — skrip XSS membaca document.cookie', async () => {
    const b = client(server);
    const pre = await b.get('/csrf-token');
    const token = await csrfToken(b);
    const res = await postForm(b, '/login', { username: BUDI.username, password: BUDI.password }, token);
    check(ok(res), 'login budi harus berhasil.', { diterima: res.status, res });
    const loginPage = await client(server).get('/login');
    const { res: viaJson } = await login(client(server), BUDI, 'json');
    const cookies = sessionCookies(SID, pre, res, loginPage, viaJson);
    check(cookies.length > 0, `app harus mengirim cookie session "${SID}".`, { diterima: res.setCookies, res });
    for (const { cookie, res: from } of cookies) {
      check(cookie.attrs.httponly === true, `cookie session "${SID}" harus HttpOnly agar tidak terbaca JavaScript (ASVS 3.3.4).`, {
        diharapkan: `${SID}=...; Path=/; HttpOnly; SameSite=Lax`,
        diterima: cookie.raw,
        res: from,
      });
    }
    const sid = (await b.cookie(SID))!;
    const documentCookie = await b.jar.getCookieString(server.url, { http: false });
    check(!documentCookie.includes(sid), 'document.cookie di browser korban tidak boleh memuat session ID.', {
      diharapkan: `document.cookie tanpa ${SID}`,
      diterima: documentCookie,
    });
  });

  test('Tugas 4: createApp({ secure: true }) memakai __Host-sid; Secure; Path=/ tanpa Domain', async () => {
    const { pre, first, res } = await productionLogin();
    const cookies = [first, findSetCookie(res, HOST_SID)].filter((c): c is ParsedSetCookie => !!c && c.value !== '');
    check(cookies.length > 0, `dengan createApp({ secure: true }) cookie session harus bernama ${HOST_SID} (awalan __Host- mencegah cookie tossing).`, {
      diharapkan: `${HOST_SID}=...; Path=/; HttpOnly; SameSite=Lax; Secure`,
      diterima: [...pre.setCookies, ...res.setCookies].join(' | ') || '(tidak ada Set-Cookie)',
      res,
    });
    for (const c of cookies) {
      check(c.attrs.secure === true && c.attrs.path === '/' && !('domain' in c.attrs) && c.attrs.httponly === true,
        `cookie ${HOST_SID} wajib Secure, Path=/, tanpa Domain, dan tetap HttpOnly (ASVS 3.3.1, 3.3.3).`, {
          diharapkan: `${HOST_SID}=...; Path=/; HttpOnly; SameSite=Lax; Secure`,
          diterima: c.raw,
          res,
        });
    }
  });

  test('Tugas 4: tanpa opsi secure, NODE_ENV=production juga memakai __Host-sid dengan Secure', async () => {
    let pre = await client(envProduction).get('/csrf-token', { headers: HTTPS });
    if (!findSetCookie(pre, HOST_SID)) pre = await client(envProduction).get('/login', { headers: HTTPS });
    const c = findSetCookie(pre, HOST_SID);
    check(c && c.attrs.secure === true, `bawaan opsi secure adalah NODE_ENV === 'production': di production cookie session harus ${HOST_SID} dengan Secure.`, {
      diharapkan: `${HOST_SID}=...; Path=/; HttpOnly; SameSite=Lax; Secure`,
      diterima: pre.setCookies.join(' | ') || '(tidak ada Set-Cookie)',
      res: pre,
    });
  });
});

describe('Tugas 5: email hanya berubah lewat POST dengan password saat ini', () => {
  test('Tugas 5: POST /profile/email tanpa body ditolak 4xx, bukan 500', async () => {
    const b = client(server);
    await login(b, BUDI);
    const before = await emailOf(b);
    const token = (await csrfToken(b)) ?? '';
    const res = await b.post('/profile/email', { headers: { 'x-csrf-token': token } });
    check(res.status >= 400 && res.status < 500, 'POST /profile/email tanpa body harus ditolak 4xx (tidak ada password saat ini), bukan error 500.', { diterima: res.status, res });
    check((await emailOf(b)) === before, 'POST /profile/email tanpa body tidak boleh mengubah email.', { diharapkan: before, res });
  });

  test('Tugas 5: serangan — tautan GET /profile/email?email=... dari situs lain', async () => {
    const victim = client(server);
    await login(victim, BUDI);
    const before = await emailOf(victim);
    // Navigasi tingkat atas (klik tautan) tetap membawa cookie SameSite=Lax.
    const res = await victim.get(`/profile/email?email=${encodeURIComponent(evilEmail())}`, {
      headers: { referer: `${EVIL}/hadiah.html` },
    });
    const after = await emailOf(victim);
    check(after === before, 'GET /profile/email tidak boleh mengubah email: perubahan data hanya lewat POST (ASVS 3.5.3).', {
      diharapkan: before,
      diterima: after,
      res,
    });
  });

  test('Tugas 5: token CSRF di URL pun tidak membuat GET mengubah data', async () => {
    const victim = client(server);
    await login(victim, BUDI);
    const before = await emailOf(victim);
    const token = (await csrfToken(victim)) ?? '';
    const query = new URLSearchParams({ email: evilEmail(), password: BUDI.password, _csrf: token });
    const res = await victim.get(`/profile/email?${query}`);
    const after = await emailOf(victim);
    check(after === before, 'GET dengan token dan password di query string pun tidak boleh mengubah email (URL bocor lewat log dan Referer, ASVS 14.2.1).', {
      diharapkan: before,
      diterima: after,
      res,
    });
  });

  test('Tugas 5: GET /logout tidak mengakhiri session', async () => {
    const b = client(server);
    const { sid } = await login(b, BUDI);
    const token = (await csrfToken(b)) ?? '';
    for (const path of ['/logout', `/logout?_csrf=${encodeURIComponent(token)}`]) {
      const res = await b.get(path, { headers: { referer: `${EVIL}/hadiah.html` } });
      const me = await replay('/me', sid);
      check(me.status === 200, `GET ${path.split('?')[0]} tidak boleh mengakhiri session: GET tidak mengubah apa pun, dan <img src="/logout"> di situs lain cukup untuk me-logout korban.`, {
        diharapkan: 'GET /me masih 200 setelah GET /logout',
        diterima: me.status,
        res,
      });
    }
  });

  test('Tugas 5: ganti email wajib password saat ini', async () => {
    const victim = client(server);
    await login(victim, BUDI);
    const before = await emailOf(victim);
    const attempts: [string, Record<string, string>, Via][] = [
      ['tanpa field password', {}, 'form'],
      ['tanpa field password (JSON)', {}, 'json'],
      ['dengan password salah', { password: 'tebak-tebak-2026' }, 'form'],
      ['dengan password salah (JSON)', { password: 'tebak-tebak-2026' }, 'json'],
      ['dengan password kosong', { password: '' }, 'form'],
      ['dengan password akun lain (username=maling)', { username: MALING.username, password: MALING.password }, 'form'],
    ];
    for (const [what, extra, via] of attempts) {
      const res = await send(victim, '/profile/email', { email: evilEmail(), ...extra }, undefined, via);
      check(res.status >= 400 && res.status < 500, `POST /profile/email ${what} harus ditolak (4xx): pencuri session tidak tahu password korban, dan email adalah jalan reset password (ASVS 7.5.1).`, {
        diharapkan: '400, 401, atau 403',
        diterima: res.status,
        res,
      });
      const after = await emailOf(victim);
      check(after === before, `POST /profile/email ${what} tidak boleh mengubah email.`, {
        diharapkan: before,
        diterima: after,
        petunjuk: 'Periksa req.body.password dengan checkPassword(username pemilik session, password) sebelum mengganti email.',
        res,
      });
    }
    const email = `budi.${randomBytes(4).toString('hex')}@contoh.test`;
    const res = await send(victim, '/profile/email', { email, password: BUDI.password }, undefined, 'json');
    check(ok(res), 'POST /profile/email (JSON) dengan token dan password saat ini yang benar harus berhasil (200 atau 303).', { diterima: res.status, res });
    checkLocation(res, '/dashboard');
    check((await emailOf(victim)) === email, 'POST /profile/email dengan password yang benar harus mengubah email.', { diharapkan: email, res });
  });

  test('Tugas 5: email baru tampil di dashboard sebagai teks, bukan HTML', async () => {
    const b = client(server);
    await login(b, BUDI);
    const plain = `budi.${randomBytes(3).toString('hex')}@contoh.test`;
    await postForm(b, '/profile/email', { email: plain, password: BUDI.password });
    const shows = (await b.get('/dashboard')).body.includes(plain); // dashboard menampilkan email?
    const markup = `<img/src=x/onerror=alert(${randomBytes(3).toString('hex')})>@contoh.test`;
    const changed = await postForm(b, '/profile/email', { email: markup, password: BUDI.password });
    if (!ok(changed)) return; // menolak alamat berisi markup juga aman
    const page = await b.get('/dashboard');
    const asText = decodeEntities(page.body.replace(/<[a-z/!][^>]*>/gi, ''));
    check(!page.body.includes(markup) && (!shows || asText.includes(markup)), 'email yang ditulis pengguna harus tampil sebagai teks di dashboard: escape setiap karakter khusus HTML, jangan dibuang dan jangan ditulis mentah (XSS tersimpan).', {
      diharapkan: markup.replace(/[<>]/g, (c) => (c === '<' ? '&lt;' : '&gt;')),
      diterima: page.body.slice(0, 300),
      res: page,
    });
  });
});

/** Nilai atribut value dari <input name="_csrf">, urutan atribut dan jenis kutip bebas. */
function hiddenCsrf(html: string): string | undefined {
  for (const tag of html.match(/<input\b[^>]*>/gi) ?? []) {
    if (!/\bname\s*=\s*["']?_csrf["'\s>]/i.test(tag)) continue;
    const m = /\bvalue\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/i.exec(tag);
    if (m) return m[1] ?? m[2] ?? m[3];
  }
  return undefined;
}

/** Teks yang akan dilihat pembaca dari potongan HTML: entitas diuraikan. */
const decodeEntities = (html: string) =>
  html.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_m, e: string) => {
    const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
    if (e[0] !== '#') return named[e.toLowerCase()]!;
    return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });

/** Token yang sama panjang dan hanya beda satu karakter di posisi `i`. */
const tweak = (token: string, i: number) => token.slice(0, i) + (token[i] === '2' ? '3' : '2') + token.slice(i + 1);

describe('Tugas 6: token CSRF dan SameSite', () => {
  test('Tugas 6: GET /csrf-token menjawab { token } yang acak per session', async () => {
    const res = await client(server).get('/csrf-token');
    checkStatus(res, 200, 'GET /csrf-token harus menjawab 200 dengan JSON { token }.');
    const token: unknown = res.json()?.token;
    check(typeof token === 'string' && token.length >= 22, 'token CSRF harus string acak minimal 128 bit (≥ 22 karakter base64url).', {
      diharapkan: '{ "token": "<≥ 22 karakter acak>" }',
      diterima: res.body,
      res,
    });
    const other = await csrfToken(client(server));
    check(other !== token, 'dua pengunjung (dua session) harus mendapat token CSRF yang berbeda.', { diterima: `${token} dan ${other}` });
  });

  test('Tugas 6: form di halaman app membawa _csrf yang diterima', async () => {
    const b = client(server);
    const form = await b.get('/login');
    checkStatus(form, 200, 'GET /login harus menjawab 200 dengan form login.');
    check(mediaType(form) === 'text/html', 'GET /login harus menjawab halaman HTML (Content-Type: text/html) berisi form login.', { diterima: form.headers.get('content-type'), res: form });
    const token = hiddenCsrf(form.body);
    check(token, 'form login di GET /login harus membawa token CSRF: <input type="hidden" name="_csrf" value="...">.', { diterima: form.body.slice(0, 300), res: form });
    const res = await b.post('/login', { form: { username: BUDI.username, password: BUDI.password, _csrf: token }, headers: { 'x-csrf-token': token } });
    check(ok(res), 'login dengan token dari <input name="_csrf"> di form GET /login harus berhasil: tanpa itu browser tidak bisa login lewat form.', { diterima: res.status, res });
    // Form lain (dashboard) juga harus membawa token milik session yang baru.
    const dashboard = await b.get('/dashboard');
    check(dashboard.status === 200 && mediaType(dashboard) === 'text/html', 'GET /dashboard harus menjawab halaman HTML untuk pengguna yang login.', { diterima: `${dashboard.status} ${dashboard.headers.get('content-type')}`, res: dashboard });
    check(dashboard.body.includes(BUDI.username), 'dashboard harus menyapa pengguna yang login dengan username-nya.', { diharapkan: `halaman yang memuat "${BUDI.username}"`, diterima: dashboard.body.slice(0, 300), res: dashboard });
    if (/<form\b[^>]*method\s*=\s*["']?post/i.test(dashboard.body)) {
      const fresh = hiddenCsrf(dashboard.body);
      check(fresh && fresh !== token, 'form POST di dashboard harus membawa token CSRF milik session setelah login.', { diharapkan: 'token baru di <input name="_csrf">', diterima: fresh ?? '(tidak ada)', res: dashboard });
      const out = await b.post('/logout', { form: { _csrf: fresh }, headers: { 'x-csrf-token': fresh } });
      check(ok(out), 'POST /logout dengan token dari form dashboard harus berhasil.', { diterima: out.status, res: out });
    }
  });

  test('Tugas 6: GET dan HEAD tidak butuh token', async () => {
    const b = client(server);
    await login(b, BUDI);
    for (const method of ['GET', 'HEAD']) {
      const res = await b.request(method, '/me');
      checkStatus(res, 200, `${method} /me tanpa token harus tetap 200: method aman tidak mengubah apa pun, jadi tidak diperiksa token CSRF.`);
    }
  });

  test('Tugas 6: token CSRF berasal dari CSPRNG', async () => {
    const tokens = await withPredictableRandom(async () => [await requireCsrfToken(client(server)), await requireCsrfToken(client(server))]);
    checkFromCsprng(tokens, 'token CSRF');
  });

  test('Tugas 6: cookie session memakai SameSite=Lax (atau Strict)', async () => {
    const b = client(server);
    const pre = await b.get('/csrf-token');
    const { res } = await login(b, BUDI);
    const loginPage = await client(server).get('/login');
    const { res: viaJson } = await login(client(server), BUDI, 'json');
    const prod = await productionLogin();
    const cookies = [...sessionCookies(SID, pre, res, loginPage, viaJson), ...sessionCookies(HOST_SID, prod.pre, prod.res)];
    check(cookies.length > 0, `app harus mengirim cookie session "${SID}".`, { diterima: res.setCookies, res });
    for (const { cookie, res: from } of cookies) {
      const sameSite = String(cookie.attrs.samesite ?? '').toLowerCase();
      check(sameSite === 'lax' || sameSite === 'strict', `cookie session "${cookie.name}" harus memakai SameSite=Lax atau Strict (ASVS 3.3.2).`, {
        diharapkan: `${cookie.name}=...; Path=/; HttpOnly; SameSite=Lax`,
        diterima: cookie.raw,
        res: from,
      });
    }
  });

  test('Tugas 6: serangan — form di evil.example mengirim POST tanpa token', async () => {
    const victim = client(server);
    await login(victim, BUDI);
    const before = await emailOf(victim);
    // Password ikut dikirim: yang diuji di sini adalah token, bukan pemeriksaan password (Tugas 5).
    const res = await victim.post('/profile/email', {
      form: { email: evilEmail(), password: BUDI.password },
      headers: { origin: EVIL, referer: `${EVIL}/hadiah.html` },
    });
    checkStatus(res, 403, 'POST /profile/email tanpa token CSRF harus ditolak 403.');
    const after = await emailOf(victim);
    check(after === before, 'POST tanpa token tidak boleh mengubah email.', { diharapkan: before, diterima: after, res });
  });

  test('Tugas 6: serangan — POST tanpa token dan tanpa header Origin', async () => {
    const victim = client(server);
    await login(victim, BUDI);
    const before = await emailOf(victim);
    const res = await victim.post('/profile/email', { json: { email: evilEmail(), password: BUDI.password } });
    checkStatus(res, 403, 'POST tanpa token harus ditolak 403 walau tidak ada header Origin: yang menentukan adalah token, bukan Origin.');
    check((await emailOf(victim)) === before, 'POST tanpa token tidak boleh mengubah email.', { diharapkan: before, res });
  });

  test('Tugas 6: serangan — penyerang memakai token dari session miliknya sendiri', async () => {
    const attacker = client(server);
    await login(attacker, MALING);
    const attackerToken = await requireCsrfToken(attacker);
    const victim = client(server);
    await login(victim, BUDI);
    const before = await emailOf(victim);
    const res = await postForm(victim, '/profile/email', { email: evilEmail(), password: BUDI.password }, attackerToken);
    checkStatus(res, 403, 'token CSRF milik session lain harus ditolak 403: token harus terikat ke session korban.');
    check((await emailOf(victim)) === before, 'token session lain tidak boleh mengubah email korban.', { diharapkan: before, res });
  });

  test('Tugas 6: serangan — token karangan (panjang berbeda) ditolak 403, bukan error 500', async () => {
    const victim = client(server);
    await login(victim, BUDI);
    const before = await emailOf(victim);
    for (const fake of ['x', randomBytes(32).toString('base64url'), randomBytes(100).toString('hex')]) {
      const res = await postForm(victim, '/profile/email', { email: evilEmail(), password: BUDI.password }, fake);
      checkStatus(res, 403, 'token CSRF karangan harus ditolak 403 (ingat: timingSafeEqual melempar error bila panjangnya beda).');
    }
    check((await emailOf(victim)) === before, 'token karangan tidak boleh mengubah email.', { diharapkan: before });
  });

  for (const via of VIAS) {
    test(`Tugas 6: serangan — login CSRF tanpa token atau dengan token penyerang${lewat(via)}`, async () => {
      // Form tersembunyi di evil.example membuat browser korban login ke akun penyerang (ASVS 3.5.1).
      const attackerToken = await requireCsrfToken(client(server));
      const fresh = client(server);
      const visited = client(server);
      await visited.get('/login');
      await visited.get('/csrf-token');
      for (const [victim, who] of [[fresh, 'korban yang belum pernah membuka situs'], [visited, 'korban yang sudah membuka /login']] as const) {
        for (const token of [undefined, attackerToken]) {
          const fields = { username: MALING.username, password: MALING.password, ...(token ? { _csrf: token } : {}) };
          const headers: Record<string, string> = token ? { 'x-csrf-token': token } : {};
          const res = via === 'form' ? await victim.post('/login', { form: fields, headers }) : await victim.post('/login', { json: fields, headers });
          checkStatus(res, 403, `POST /login ${token ? 'dengan token milik session penyerang' : 'tanpa token'} dari browser ${who} harus ditolak 403: login juga dilindungi token CSRF (login CSRF).`);
          const me = await victim.get('/me');
          checkStatus(me, 401, `${who} tidak boleh menjadi login sebagai penyerang lewat form di situs lain.`);
        }
      }
    });
  }

  test('Tugas 6: serangan — logout CSRF tanpa token atau dengan token penyerang', async () => {
    const attackerToken = await requireCsrfToken(client(server));
    const victim = client(server);
    const { sid } = await login(victim, BUDI);
    const noBody = await victim.post('/logout');
    checkStatus(noBody, 403, 'POST /logout tanpa body dan tanpa token harus ditolak 403 (req.body bisa undefined), bukan error 500.');
    for (const token of [undefined, attackerToken]) {
      const res = await victim.post('/logout', token ? { form: { _csrf: token }, headers: { 'x-csrf-token': token } } : { form: {} });
      checkStatus(res, 403, `POST /logout ${token ? 'dengan token milik session lain' : 'tanpa token'} harus ditolak 403: logout juga POST yang dilindungi token CSRF.`);
      checkStatus(await replay('/me', sid), 200, 'POST /logout yang ditolak tidak boleh mengakhiri session korban.');
    }
  });

  test('Tugas 6: token CSRF berganti saat login', async () => {
    const b = client(server);
    const before = await requireCsrfToken(b);
    await login(b, BUDI);
    const after = await requireCsrfToken(b);
    check(after !== before, 'setelah login, GET /csrf-token harus memberi token baru: token lama ikut mati bersama session lama.', {
      diharapkan: `token selain ${before}`,
      diterima: after,
    });
    const email = await emailOf(b);
    const res = await postForm(b, '/profile/email', { email: evilEmail(), password: BUDI.password }, before);
    checkStatus(res, 403, 'token dari sebelum login harus ditolak 403 setelah login: penyerang yang menanam ID sebelum login juga tahu token lamanya.');
    check((await emailOf(b)) === email, 'token dari sebelum login tidak boleh mengubah email.', { diharapkan: email, res });
  });

  test('Tugas 6: token CSRF dibandingkan dengan crypto.timingSafeEqual', async () => {
    const b = client(server);
    const calls = spyTimingSafeEqual();
    const same = (c: TimingSafeCall, d: TimingSafeCall) => c.a.equals(d.a) && c.b.equals(d.b);
    async function probe(path: string, fields: Record<string, string>, token: string) {
      const seen: TimingSafeCall[][] = [];
      for (const wrong of [tweak(token, 0), tweak(token, token.length >> 1)]) {
        const from = calls.length;
        const res = await postForm(b, path, fields, wrong);
        checkStatus(res, 403, `POST ${path} dengan token yang hanya beda satu karakter harus ditolak 403.`);
        seen.push(calls.slice(from));
      }
      const [one, two] = seen as [TimingSafeCall[], TimingSafeCall[]];
      // Perbandingan token: dua buffer yang berbeda, dan ikut berubah bila token kirimannya berubah.
      const compared = one.some((c) => !c.a.equals(c.b) && !two.some((d) => same(c, d)));
      check(compared, `POST ${path}: token CSRF harus dibandingkan dengan crypto.timingSafeEqual, bukan === atau !==.`, {
        diharapkan: 'timingSafeEqual dipanggil dengan token kiriman (atau hash/HMAC-nya) dan token milik session',
        diterima: `${one.length + two.length} panggilan timingSafeEqual, tidak ada yang bergantung pada token kiriman`,
        petunjuk: '=== berhenti pada karakter pertama yang beda, jadi lama jawaban membocorkan berapa karakter yang sudah benar. Pakai timingSafeEqual(sha256(dikirim), sha256(token)).',
      });
    }
    await probe('/login', { username: BUDI.username, password: BUDI.password }, await requireCsrfToken(b));
    await login(b, BUDI);
    const token = await requireCsrfToken(b);
    await probe('/profile/email', { email: evilEmail(), password: BUDI.password }, token);
    await probe('/logout', {}, token);
  });

  test('Tugas 6: POST dengan token yang benar mengubah email', async () => {
    const victim = client(server);
    await login(victim, BUDI);
    const email = `budi.${randomBytes(4).toString('hex')}@contoh.test`;
    const token = await requireCsrfToken(victim);
    const res = await postForm(victim, '/profile/email', { email, password: BUDI.password }, token);
    check(ok(res), 'POST /profile/email dengan token dan password yang benar harus berhasil (200 atau 303).', { diterima: res.status, res });
    const after = await emailOf(victim);
    check(after === email, 'POST /profile/email dengan token yang benar harus mengubah email.', { diharapkan: email, diterima: after, res });
  });
});

describe('Tugas 7: idle timeout dan absolute timeout', () => {
  const alive = async (sid: string, message: string) => checkStatus(await replay('/me', sid, timeServer), 200, message);
  const dead = async (sid: string, message: string) => checkStatus(await replay('/me', sid, timeServer), 401, message);

  test('Tugas 7: 30 menit tanpa aktivitas mengakhiri session di server', async () => {
    const b = client(timeServer, { now: timeClock.now });
    const { sid } = await login(b, BUDI);
    timeClock.advance(25 * MINUTE);
    await alive(sid, 'setelah 25 menit diam, session masih harus hidup (idle timeout 30 menit).');
    timeClock.advance(31 * MINUTE);
    await dead(sid, 'setelah 31 menit tanpa request, cookie session itu harus ditolak 401: session kedaluwarsa di server (ASVS 7.3.1).');
  });

  test('Tugas 7: idle timeout tepat di batas: hidup pada 29:59, mati pada 30:01', async () => {
    const b = client(timeServer, { now: timeClock.now });
    const { sid } = await login(b, BUDI);
    timeClock.advance(30 * MINUTE - SECOND);
    await alive(sid, 'setelah 29 menit 59 detik diam, session masih harus hidup: idle timeout-nya 30 menit, bukan kurang.');
    timeClock.advance(30 * MINUTE + SECOND);
    await dead(sid, 'setelah 30 menit 1 detik diam, session harus sudah berakhir di server: idle timeout-nya 30 menit, bukan lebih.');
    await dead(sid, 'session yang sudah kedaluwarsa harus tetap mati pada request berikutnya: hapus dari store, jangan perbarui lastSeen-nya.');
  });

  test('Tugas 7: aktif setiap 20 menit pun, session berakhir setelah 8 jam', async () => {
    const b = client(timeServer, { now: timeClock.now });
    const { sid } = await login(b, BUDI);
    for (let minutes = 20; minutes < 8 * 60; minutes += 20) {
      timeClock.advance(20 * MINUTE);
      await alive(sid, `pengguna yang aktif setiap 20 menit harus tetap login sebelum 8 jam (menit ke-${minutes}).`);
    }
    timeClock.advance(HOUR / 3); // 8 jam
    await replay('/me', sid, timeServer);
    timeClock.advance(HOUR / 3); // 8 jam 20 menit
    await dead(sid, 'walau terus aktif, session harus berakhir paling lambat setelah 8 jam sejak login (absolute timeout, ASVS 7.3.2).');
  });

  test('Tugas 7: absolute timeout tepat di batas: hidup pada 7:59:59, mati pada 8:00:01', async () => {
    const b = client(timeServer, { now: timeClock.now });
    const { sid } = await login(b, BUDI);
    let elapsed = 0;
    while (elapsed + 25 * MINUTE < 8 * HOUR) {
      timeClock.advance(25 * MINUTE);
      elapsed += 25 * MINUTE;
      await alive(sid, `pengguna yang aktif setiap 25 menit harus tetap login sebelum 8 jam (menit ke-${elapsed / MINUTE}).`);
    }
    timeClock.advance(8 * HOUR - SECOND - elapsed);
    await alive(sid, '7 jam 59 menit 59 detik sejak login, session yang aktif masih harus hidup: absolute timeout-nya 8 jam, bukan kurang.');
    timeClock.advance(2 * SECOND);
    await dead(sid, '8 jam 1 detik sejak login, session harus sudah berakhir walau terus aktif: absolute timeout-nya 8 jam, bukan lebih.');
    await dead(sid, 'session yang melewati absolute timeout harus tetap mati pada request berikutnya.');
  });
});

describe('Tugas 8: logout menghapus session di server', () => {
  test('Tugas 8: serangan — cookie yang disalin sebelum logout dipakai lagi', async () => {
    const b = client(server);
    const { sid } = await login(b, BUDI);
    const out = await postForm(b, '/logout', {});
    check(ok(out), 'POST /logout harus berhasil (200 atau 303).', { diterima: out.status, res: out });
    checkLocation(out, '/login');
    for (const path of ['/me', '/dashboard']) {
      const res = await replay(path, sid);
      checkStatus(res, 401, `setelah logout, salinan cookie session lama harus ditolak 401 di ${path}: hapus session di server, bukan hanya cookie-nya (ASVS 7.4.1).`);
    }
  });

  test('Tugas 8: logout tanpa login tetap dijawab dengan baik', async () => {
    const b = client(server);
    const token = await requireCsrfToken(b);
    const out = await postForm(b, '/logout', {}, token);
    check(out.status < 500, 'POST /logout (dengan token) dari pengunjung yang belum login harus dijawab dengan baik (mis. 303 atau 204), bukan error 500.', { diterima: out.status, res: out });
    checkLocation(out, '/login');
  });

  test('Tugas 8: logout juga membuang cookie session di browser', async () => {
    const b = client(server);
    const { sid } = await login(b, BUDI);
    const out = await postForm(b, '/logout', {});
    const after = await b.cookie(SID);
    check(after !== sid, 'response POST /logout harus menghapus (atau mengganti) cookie session di browser.', {
      diharapkan: `Set-Cookie: ${SID}=; Path=/; Max-Age=0`,
      diterima: out.setCookies.length ? out.setCookies.join(' | ') : '(tidak ada Set-Cookie)',
      res: out,
    });
    checkStatus(await b.get('/me'), 401, 'setelah logout, browser yang sama tidak boleh masih login.');
  });

  test('Tugas 8: di mode production, logout menghapus __Host-sid yang bisa diterima browser', async () => {
    const { sid, res: loggedIn } = await productionLogin();
    check(sid, `login di mode production harus mengirim cookie ${HOST_SID}.`, { diterima: loggedIn.setCookies.join(' | ') || '(tidak ada Set-Cookie)', res: loggedIn });
    const headers = { ...HTTPS, cookie: cookieHeader(HOST_SID, sid) };
    const tokenRes = await client(production).get('/csrf-token', { headers });
    checkStatus(tokenRes, 200, 'GET /csrf-token harus menjawab 200 dengan JSON { token }.');
    const token: string = tokenRes.json().token;
    const out = await client(production).post('/logout', { form: { _csrf: token }, headers: { ...headers, 'x-csrf-token': token } });
    check(ok(out), 'POST /logout di mode production harus berhasil (200 atau 303).', { diterima: out.status, res: out });
    const cleared = requireSetCookie(out, HOST_SID, 'untuk menghapus cookie session di browser');
    const expires = typeof cleared.attrs.expires === 'string' ? Date.parse(cleared.attrs.expires) : NaN;
    const gone = cleared.value === '' || Number(cleared.attrs['max-age']) <= 0 || expires <= clock.now();
    check(
      gone && cleared.attrs.secure === true && cleared.attrs.path === '/' && !('domain' in cleared.attrs),
      `cookie pengganti ${HOST_SID} saat logout harus kosong atau kedaluwarsa, dan tetap Secure, Path=/, tanpa Domain: browser menolak cookie __Host- tanpa itu, sehingga cookie lama tidak terhapus.`,
      { diharapkan: `${HOST_SID}=; Path=/; HttpOnly; SameSite=Lax; Secure; Max-Age=0`, diterima: cleared.raw, res: out },
    );
    const res = await client(production).get('/me', { headers });
    checkStatus(res, 401, 'setelah logout di mode production, salinan cookie lama harus ditolak 401.');
  });
});
