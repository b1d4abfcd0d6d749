import type { RequestListener } from 'node:http';
import { describe, expect, onTestFinished, test, vi } from 'vitest';
import {
  check,
  checkStatus,
  client,
  createClock,
  fail,
  findSetCookie,
  listen,
  loadExercise,
  requireSetCookie,
  serve,
  toughCookie,
  type Client,
  type Res,
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
// Kode yang mengabaikan opsi `scrypt` tetap harus lulus, hanya lebih lambat: batas waktunya longgar.
vi.setConfig({ testTimeout: 60_000 });

const BUDI = { username: 'budi', password: 'kopi-susu-2026' };
const MALLORY = { username: 'mallory', password: 'teh-tarik-99' };
const SECRET = 'rahasia-checker-pelajaran-06';

const mod = await loadExercise<Exercise>(import.meta.url);
const clock = createClock();
const server = await serve(mod.createApp({ users: [BUDI, MALLORY], secret: SECRET, now: clock.now, scrypt: FAST_SCRYPT }));

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

function loginJson(c: Client, username: string, password: string) {
  return c.post('/login', { json: { username, password }, headers: JSON_ACCEPT });
}

function loginForm(c: Client, username: string, password: string) {
  return c.post('/login', { form: { username, password }, headers: HTML_ACCEPT });
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
async function mustLogin(c: Client, user: { username: string; password: string }, via: 'json' | 'form' = 'json') {
  const res = via === 'json' ? await loginJson(c, user.username, user.password) : await loginForm(c, user.username, user.password);
  check([200, 302, 303].includes(res.status), `login ${user.username} dengan password yang benar harus berhasil (200, atau redirect 302/303).`, {
    diharapkan: '200, 302, atau 303',
    diterima: res.status,
    ...(expect.getState().currentTestName?.includes('Tugas 1:') ? {} : { petunjuk: 'tes ini butuh login yang berhasil: selesaikan Tugas 1 dulu.' }),
    res,
  });
  const sid = await c.cookie('sid');
  check(sid, `setelah login berhasil, browser harus menyimpan cookie "sid" (session).`, {
    diharapkan: 'Set-Cookie: sid=...',
    diterima: res.setCookies.length ? res.setCookies.join(' | ') : '(tidak ada Set-Cookie)',
    res,
  });
  return { res, sid };
}

const LOGIN_OK = [200, 302, 303];

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

    const wrongForm = await loginForm(client(server), 'budi', 'bukan-password-budi');
    const unknownForm = await loginForm(client(server), 'joko', 'bukan-password-budi');
    const c1 = same(wrongForm, 'budi', visible(wrongForm.body));
    const c2 = same(unknownForm, 'joko', visible(unknownForm.body));
    check(c1.status === 401 && c2.status === 401 && c1.text === c2.text, 'lewat form pun, pengguna tidak dikenal dan password salah harus mendapat 401 dengan teks yang sama.', {
      diharapkan: `401 ${c1.text.slice(0, 160)}`,
      diterima: `${c2.status} ${c2.text.slice(0, 160)}`,
      res: unknownForm,
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
    check(u >= k * 0.25 || k - u < 3, 'login dengan username yang tidak ada menjawab jauh lebih cepat daripada password salah: penyerang bisa menebak username dari waktunya. Jalankan scrypt juga untuk pengguna yang tidak ada (terhadap hash dummy).', {
      diharapkan: `sekitar ${k.toFixed(0)} ms (seperti password salah)`,
      diterima: `${u.toFixed(0)} ms`,
    });
  });

  test('Tugas 1: body yang kosong atau aneh ditolak tanpa error server', async () => {
    const attempts: [string, Parameters<Client['post']>[1]][] = [
      ['tanpa body', { headers: JSON_ACCEPT }],
      ['form tanpa password', { form: { username: 'budi' }, headers: HTML_ACCEPT }],
      ['JSON dengan array/objek', { json: { username: ['budi'], password: { toString: 'kopi-susu-2026' } }, headers: JSON_ACCEPT }],
      ['password kosong', { json: { username: 'budi', password: '' }, headers: JSON_ACCEPT }],
    ];
    for (const [what, opts] of attempts) {
      const c = client(server);
      const res = await c.post('/login', opts);
      checkStatus(res, [400, 401], `POST /login ${what} harus ditolak dengan 400 atau 401 (bukan error server, bukan login).`);
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
});

describe('Tugas 2: dashboard hanya untuk yang sudah login', () => {
  test('Tugas 2: tanpa login, /dashboard menjawab 401 untuk klien non-HTML', async () => {
    const res = await dashboard(client(server), JSON_ACCEPT);
    checkStatus(res, 401, 'GET /dashboard tanpa login (Accept: application/json) harus menjawab 401.');
    check(!/\bbudi\b|\bmallory\b/.test(res.body), 'jawaban 401 tidak boleh membocorkan isi dashboard.', { diterima: res.body, res });
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

  test('Tugas 3: login ulang di browser yang sama memberi session ID baru, ID lama mati', async () => {
    const c = client(server);
    // Sebagian app sudah membuat session sebelum login (mis. token form); kalau ada, ID itu juga harus diganti.
    await c.get('/dashboard', { headers: HTML_ACCEPT });
    await c.get('/login', { headers: HTML_ACCEPT });
    await loginJson(c, 'budi', 'password-salah-dulu');
    const before = await c.cookie('sid');

    const first = await mustLogin(c, BUDI);
    if (before) {
      check(first.sid !== before, 'session ID yang ada sebelum login harus diganti saat login berhasil.', {
        diharapkan: `sid selain ${before}`,
        diterima: first.sid,
        res: first.res,
      });
      const old = await dashboardWithSid(c, before);
      checkNoAccess(old, 'session ID dari sebelum login tidak boleh membuka dashboard setelah login.');
    }

    const again = await loginJson(c, MALLORY.username, MALLORY.password);
    check(LOGIN_OK.includes(again.status), 'login kedua (pengguna lain, browser yang sama) harus berhasil.', { diterima: again.status, res: again });
    const fresh = findSetCookie(again, 'sid');
    check(fresh && (await c.cookie('sid')) !== first.sid, 'setiap login berhasil harus memberi session ID baru (req.session.regenerate), bukan memakai ID yang sudah dibawa browser.', {
      diharapkan: 'Set-Cookie: sid=<ID baru>',
      diterima: fresh ? fresh.raw : '(tidak ada Set-Cookie sid: ID lama dipakai terus)',
      res: again,
    });
    const old = await dashboardWithSid(c, first.sid);
    checkNoAccess(old, 'session ID lama harus dihapus dari store saat login (regenerate melakukannya): memakainya lagi tidak boleh membuka dashboard.');
  });

  test('Tugas 3: session fixation — ID yang dititipkan penyerang tidak ikut login', async () => {
    // Penyerang punya session ID sungguhan (di sini: dia login dengan akunnya sendiri).
    const attacker = client(server);
    const planted = (await mustLogin(attacker, MALLORY)).sid;

    // Cookie itu berhasil ditanam di browser korban (mis. lewat subdomain atau komputer bersama).
    const victim = client(server);
    await victim.setCookie('sid', planted);
    const login = await loginJson(victim, BUDI.username, BUDI.password);
    check(LOGIN_OK.includes(login.status), 'korban harus tetap bisa login walau membawa cookie sid lama.', { diterima: login.status, res: login });
    const victimSid = await victim.cookie('sid');
    check(victimSid && victimSid !== planted, 'saat login, server harus memberi session ID baru; ID yang dibawa browser (bisa titipan penyerang) tidak boleh dipakai terus.', {
      diharapkan: `sid selain ${planted}`,
      diterima: login.setCookies.length ? login.setCookies.join(' | ') : '(tidak ada Set-Cookie: ID titipan dipakai terus)',
      res: login,
    });

    const stolen = await dashboardWithSid(attacker, planted);
    if (isDashboardOf(stolen, 'budi')) {
      fail('session fixation berhasil: penyerang membuka dashboard budi dengan ID yang ia titipkan. Panggil req.session.regenerate() sebelum menyimpan pengguna.', {
        diharapkan: '401 untuk ID lama',
        diterima: `${stolen.status} ${visible(stolen.body).slice(0, 120)}`,
        res: stolen,
      });
    }
    checkNoAccess(stolen, 'session ID lama harus mati setelah login (regenerate menghapusnya dari store), juga untuk akun penyerang sendiri.');

    const own = await dashboard(victim);
    check(isDashboardOf(own, 'budi'), 'dengan ID barunya, korban harus melihat dashboard budi.', { diterima: own.status, res: own });
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
    checkStatus(res, [404, 405], 'GET /logout harus ditolak (404 atau 405): logout mengubah state, jadi hanya lewat POST. Link, redirect dari situs lain, atau <img src="/logout"> di komentar tidak boleh bisa me-logout-kan orang.');
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
