import { randomBytes } from 'node:crypto';
import type { RequestListener } from 'node:http';
import { describe, test } from 'vitest';
import {
  check,
  checkStatus,
  client,
  createClock,
  findSetCookie,
  HOUR,
  loadExercise,
  MINUTE,
  requireSetCookie,
  serve,
  type Client,
  type ParsedSetCookie,
  type Res,
  type RunningServer,
} from '#harness';

// Setiap tes di sini adalah SERANGAN. Tes lulus hanya bila serangannya gagal.

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
const EVIL = 'http://evil.example';

// Biaya scrypt murah khusus tes, seperti di pelajaran 06; production tetap memakai minimum OWASP.
const scrypt = { N: 2 ** 12, r: 8, p: 1 };
const clock = createClock();
const server = await serve(mod.createApp({ users: USERS, now: clock.now, scrypt }));
const defaults = await serve(mod.createApp({ now: clock.now, scrypt }));
const production = await serve(mod.createApp({ users: USERS, now: clock.now, secure: true, scrypt }));
const timeClock = createClock();
const timeServer = await serve(mod.createApp({ users: USERS, now: timeClock.now, scrypt }));

const ok = (res: Res) => res.status >= 200 && res.status < 400;

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

/** POST seperti form di halaman app sendiri: token (bila ada) di field _csrf dan header X-CSRF-Token. */
async function postForm(b: Client, path: string, form: Record<string, string>, token?: string) {
  const t = token ?? (await csrfToken(b));
  return b.post(path, { form: t ? { ...form, _csrf: t } : form, headers: t ? { 'x-csrf-token': t } : {} });
}

async function login(b: Client, user: User) {
  const res = await postForm(b, '/login', { username: user.username, password: user.password });
  check(ok(res), `login sebagai ${user.username} dengan password yang benar harus berhasil.`, {
    diharapkan: '200 atau 303',
    diterima: res.status,
    res,
  });
  const sid = await b.cookie(SID);
  check(sid, `setelah login, browser harus menyimpan cookie session "${SID}".`, {
    diterima: res.setCookies.length ? res.setCookies.join(' | ') : '(tidak ada Set-Cookie)',
    res,
  });
  return { res, sid };
}

/**
 * Session pengunjung yang belum login: dari GET /csrf-token, atau GET /login bila yang pertama belum
 * ada. Keduanya wajib membuat session, karena token CSRF form login hidup di dalamnya.
 */
async function preLoginSid(b: Client): Promise<string> {
  let res = await b.get('/csrf-token');
  let sid = await b.cookie(SID);
  if (!sid) {
    res = await b.get('/login');
    sid = await b.cookie(SID);
  }
  check(sid, `GET /csrf-token (atau GET /login) harus membuat session dan mengirim cookie "${SID}" untuk pengunjung yang belum login.`, {
    diterima: res.setCookies.length ? res.setCookies.join(' | ') : '(tidak ada Set-Cookie)',
    petunjuk: 'Bila ID tak dikenal kini kamu abaikan, buat session baru di GET /login dan GET /csrf-token.',
    res,
  });
  return sid;
}

/** Penyerang memakai salinan cookie session, tanpa cookie jar. */
function replay(path: string, sid: string, target: RunningServer = server) {
  return client(target).get(path, { headers: { cookie: `${SID}=${sid}` } });
}

async function emailOf(b: Client): Promise<string> {
  const res = await b.get('/me');
  checkStatus(res, 200, 'GET /me harus menjawab 200 dengan JSON { username, role, email } untuk pengguna yang login.');
  return res.json().email;
}

/** Semua Set-Cookie session (yang tidak kosong) selama sebuah alur, beserta response asalnya. */
function sessionCookies(...responses: Res[]): { cookie: ParsedSetCookie; res: Res }[] {
  return responses.flatMap((res) => {
    const cookie = findSetCookie(res, SID);
    return cookie && cookie.value !== '' ? [{ cookie, res }] : [];
  });
}

/** Alamat email penyerang yang unik per serangan, agar hasil serangan sebelumnya tidak menyamarkan hasil. */
const evilEmail = () => `maling.${randomBytes(4).toString('hex')}@evil.example`;

describe('Tugas 1: peran disimpan di server, bukan di cookie', () => {
  test('Tugas 1: login salah ditolak; admin masuk /admin, pengguna biasa 403', async () => {
    const wrong = await postForm(client(server), '/login', { username: 'budi', password: 'salah-total' });
    checkStatus(wrong, 401, 'login dengan password salah harus ditolak 401.');
    const admin = client(server);
    await login(admin, SARI);
    checkStatus(await admin.get('/admin'), 200, 'sari (role admin) harus bisa membuka /admin.');
    const user = client(server);
    await login(user, BUDI);
    checkStatus(await user.get('/admin'), 403, 'budi (role user) harus ditolak 403 di /admin.');
  });

  test('Tugas 1: akun bawaan budi dan admin dipakai bila createApp tanpa users', async () => {
    await login(client(defaults), { username: 'budi', password: 'kopi-susu-2026', role: 'user' });
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
  });

  test('Tugas 1: serangan — tanpa login, hanya cookie role=admin', async () => {
    const res = await client(server).get('/admin', { headers: { cookie: 'role=admin' } });
    checkStatus(res, [401, 403], 'tanpa login, cookie "role=admin" tidak boleh membuka /admin.');
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
});

describe('Tugas 3: ID baru saat login (session fixation)', () => {
  test('Tugas 3: session ID berganti saat login', async () => {
    const b = client(server);
    const beforeId = await preLoginSid(b);
    const { res, sid } = await login(b, BUDI);
    check(sid !== beforeId, 'saat login, server harus membuat session ID baru, bukan melanjutkan ID sebelum login (ASVS 7.2.4).', {
      diharapkan: `ID selain ${beforeId}`,
      diterima: sid,
      res,
    });
  });

  test('Tugas 3: serangan — penyerang menanam ID dari server di browser korban', async () => {
    const attacker = client(server);
    const planted = await preLoginSid(attacker);
    const victim = client(server);
    await victim.setCookie(SID, planted);
    await login(victim, BUDI);
    checkStatus(await victim.get('/me'), 200, 'korban sendiri harus tetap login.');
    const res = await attacker.get('/me');
    checkStatus(res, 401, 'penyerang yang menanam session ID-nya di browser korban tidak boleh ikut masuk setelah korban login.');
  });

  test('Tugas 3: serangan — penyerang mengarang ID sendiri', async () => {
    const invented = randomBytes(32).toString('base64url');
    const victim = client(server);
    await victim.setCookie(SID, invented);
    await login(victim, BUDI);
    const res = await replay('/me', invented);
    checkStatus(res, 401, 'ID karangan penyerang tidak boleh menjadi session ID korban setelah login.');
  });
});

describe('Tugas 4: cookie session HttpOnly, dan __Host- di production', () => {
  test('Tugas 4: serangan — skrip XSS membaca document.cookie', async () => {
    const b = client(server);
    const pre = await b.get('/csrf-token');
    const token = await csrfToken(b);
    const res = await postForm(b, '/login', { username: BUDI.username, password: BUDI.password }, token);
    check(ok(res), 'login budi harus berhasil.', { diterima: res.status, res });
    const cookies = sessionCookies(pre, res);
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
    // Di production app berada di balik proxy HTTPS; X-Forwarded-Proto meniru proxy itu.
    const https = { 'x-forwarded-proto': 'https' };
    const HOST_SID = '__Host-sid';
    let pre = await client(production).get('/csrf-token', { headers: https });
    if (!findSetCookie(pre, HOST_SID)) pre = await client(production).get('/login', { headers: https });
    const first = findSetCookie(pre, HOST_SID);
    // Token CSRF untuk login: dari JSON /csrf-token atau dari <input name="_csrf"> di form login.
    let token: string | undefined;
    try {
      token = JSON.parse(pre.body)?.token;
    } catch {
      token = /name="_csrf"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*name="_csrf"/.exec(pre.body)?.slice(1).find(Boolean);
    }
    const res = await client(production).post('/login', {
      form: { username: BUDI.username, password: BUDI.password, ...(token ? { _csrf: token } : {}) },
      headers: { ...https, ...(first ? { cookie: `${HOST_SID}=${first.value}` } : {}), ...(token ? { 'x-csrf-token': token } : {}) },
    });
    check(ok(res), 'login budi di mode production (secure: true) harus berhasil.', { diterima: res.status, res });
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
});

describe('Tugas 5: GET tidak pernah mengubah data', () => {
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
    const res = await victim.get(`/profile/email?email=${encodeURIComponent(evilEmail())}&_csrf=${encodeURIComponent(token)}`);
    const after = await emailOf(victim);
    check(after === before, 'GET dengan token di query string pun tidak boleh mengubah email (token di URL bocor lewat log dan Referer).', {
      diharapkan: before,
      diterima: after,
      res,
    });
  });
});

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

  test('Tugas 6: cookie session memakai SameSite=Lax (atau Strict)', async () => {
    const b = client(server);
    const pre = await b.get('/csrf-token');
    const { res } = await login(b, BUDI);
    const cookies = sessionCookies(pre, res);
    check(cookies.length > 0, `app harus mengirim cookie session "${SID}".`, { diterima: res.setCookies, res });
    for (const { cookie, res: from } of cookies) {
      const sameSite = String(cookie.attrs.samesite ?? '').toLowerCase();
      check(sameSite === 'lax' || sameSite === 'strict', `cookie session "${SID}" harus memakai SameSite=Lax atau Strict (ASVS 3.3.2).`, {
        diharapkan: `${SID}=...; Path=/; HttpOnly; SameSite=Lax`,
        diterima: cookie.raw,
        res: from,
      });
    }
  });

  test('Tugas 6: serangan — form di evil.example mengirim POST tanpa token', async () => {
    const victim = client(server);
    await login(victim, BUDI);
    const before = await emailOf(victim);
    const res = await victim.post('/profile/email', {
      form: { email: evilEmail() },
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
    const res = await victim.post('/profile/email', { json: { email: evilEmail() } });
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
    const res = await postForm(victim, '/profile/email', { email: evilEmail() }, attackerToken);
    checkStatus(res, 403, 'token CSRF milik session lain harus ditolak 403: token harus terikat ke session korban.');
    check((await emailOf(victim)) === before, 'token session lain tidak boleh mengubah email korban.', { diharapkan: before, res });
  });

  test('Tugas 6: serangan — token karangan (panjang berbeda) ditolak 403, bukan error 500', async () => {
    const victim = client(server);
    await login(victim, BUDI);
    const before = await emailOf(victim);
    for (const fake of ['x', randomBytes(32).toString('base64url'), randomBytes(100).toString('hex')]) {
      const res = await postForm(victim, '/profile/email', { email: evilEmail() }, fake);
      checkStatus(res, 403, 'token CSRF karangan harus ditolak 403 (ingat: timingSafeEqual melempar error bila panjangnya beda).');
    }
    check((await emailOf(victim)) === before, 'token karangan tidak boleh mengubah email.', { diharapkan: before });
  });

  test('Tugas 6: POST dengan token yang benar mengubah email', async () => {
    const victim = client(server);
    await login(victim, BUDI);
    const email = `budi.${randomBytes(4).toString('hex')}@contoh.test`;
    const token = await requireCsrfToken(victim);
    const res = await postForm(victim, '/profile/email', { email }, token);
    check(ok(res), 'POST /profile/email dengan token yang benar harus berhasil (200 atau 303).', { diterima: res.status, res });
    const after = await emailOf(victim);
    check(after === email, 'POST /profile/email dengan token yang benar harus mengubah email.', { diharapkan: email, diterima: after, res });
  });
});

describe('Tugas 7: idle timeout dan absolute timeout', () => {
  test('Tugas 7: 30 menit tanpa aktivitas mengakhiri session di server', async () => {
    const b = client(timeServer, { now: timeClock.now });
    const { sid } = await login(b, BUDI);
    timeClock.advance(25 * MINUTE);
    checkStatus(await replay('/me', sid, timeServer), 200, 'setelah 25 menit diam, session masih harus hidup (idle timeout 30 menit).');
    timeClock.advance(31 * MINUTE);
    const res = await replay('/me', sid, timeServer);
    checkStatus(res, 401, 'setelah 31 menit tanpa request, cookie session itu harus ditolak 401: session kedaluwarsa di server (ASVS 7.3.1).');
  });

  test('Tugas 7: aktif setiap 20 menit pun, session berakhir setelah 8 jam', async () => {
    const b = client(timeServer, { now: timeClock.now });
    const { sid } = await login(b, BUDI);
    for (let minutes = 20; minutes < 8 * 60; minutes += 20) {
      timeClock.advance(20 * MINUTE);
      const res = await replay('/me', sid, timeServer);
      checkStatus(res, 200, `pengguna yang aktif setiap 20 menit harus tetap login sebelum 8 jam (menit ke-${minutes}).`);
    }
    timeClock.advance(HOUR / 3); // 8 jam
    await replay('/me', sid, timeServer);
    timeClock.advance(HOUR / 3); // 8 jam 20 menit
    const res = await replay('/me', sid, timeServer);
    checkStatus(res, 401, 'walau terus aktif, session harus berakhir paling lambat setelah 8 jam sejak login (absolute timeout, ASVS 7.3.2).');
  });
});

describe('Tugas 8: logout menghapus session di server', () => {
  test('Tugas 8: serangan — cookie yang disalin sebelum logout dipakai lagi', async () => {
    const b = client(server);
    const { sid } = await login(b, BUDI);
    const out = await postForm(b, '/logout', {});
    check(ok(out), 'POST /logout harus berhasil (200 atau 303).', { diterima: out.status, res: out });
    for (const path of ['/me', '/dashboard']) {
      const res = await replay(path, sid);
      checkStatus(res, 401, `setelah logout, salinan cookie session lama harus ditolak 401 di ${path}: hapus session di server, bukan hanya cookie-nya (ASVS 7.4.1).`);
    }
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
});
