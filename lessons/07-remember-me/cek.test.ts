import { createHash, randomBytes } from 'node:crypto';
import type { RequestListener } from 'node:http';
import { describe, test } from 'vitest';
import {
  attempt,
  check,
  checkStatus,
  client,
  createClock,
  DAY,
  findSetCookie,
  loadExercise,
  MINUTE,
  requireSetCookie,
  SECOND,
  serve,
  type Client,
  type Clock,
  type ParsedSetCookie,
  type Res,
  type RunningServer,
} from '#harness';

interface RememberToken {
  selector: string;
  validatorHash: string;
  username: string;
  expiresAt: number;
}
type App = RequestListener & { locals: Record<string, unknown> };
interface Exercise {
  createApp(options?: {
    users?: { username: string; password: string }[];
    secret?: string;
    now?: () => number;
    dbPath?: string;
    scrypt?: { N: number; r: number; p: number };
  }): App;
  rememberTokens(app: App): RememberToken[];
}
interface SqliteDb {
  prepare(sql: string): { all(...params: unknown[]): Record<string, unknown>[] };
}

const mod = await loadExercise<Exercise>(import.meta.url);

const BUDI = { username: 'budi', password: 'kopi-susu-2026' };
const SARI = { username: 'sari', password: 'teh-manis-2026' };
const B64URL = /^[A-Za-z0-9_-]+$/;
// Biaya scrypt murah khusus tes, seperti di pelajaran 06; production tetap memakai minimum OWASP.
const FAST_SCRYPT = { N: 2 ** 12, r: 8, p: 1 };

interface Setup {
  server: RunningServer;
  app: App;
  clock: Clock;
  /** Browser baru dengan jar yang memakai jam yang sama dengan app. */
  browser(): Client;
}

async function setup(): Promise<Setup> {
  // Jam mulai dari waktu nyata: tough-cookie 6 memeriksa kedaluwarsa cookie di jar dengan Date.now(),
  // bukan dengan opsi `now`, jadi jam yang jauh di masa lalu membuat cookie 30 hari langsung "kedaluwarsa".
  const clock = createClock(Date.now());
  const app = await attempt('createApp({ dbPath: ":memory:" })', () =>
    mod.createApp({ users: [BUDI, SARI], secret: 'rahasia-checker-07', now: clock.now, dbPath: ':memory:', scrypt: FAST_SCRYPT }),
  );
  const server = await serve(app);
  return { server, app, clock, browser: () => client(server, { now: clock.now }) };
}

// Satu app per tugas; tes di dalam satu tugas berjalan berurutan.
const apps = new Map<string, Promise<Setup>>();
function app(task: string): Promise<Setup> {
  if (!apps.has(task)) apps.set(task, setup());
  return apps.get(task)!;
}

async function login(browser: Client, user = BUDI, remember = true): Promise<Res> {
  const form: Record<string, string> = { username: user.username, password: user.password };
  if (remember) form.remember = 'on';
  const res = await browser.post('/login', { form });
  check(res.status >= 200 && res.status < 400, `login ${user.username} (form${remember ? ', remember=on' : ''}) harus berhasil.`, {
    diharapkan: '303 ke /dashboard (atau 2xx)',
    diterima: res.status,
    res,
  });
  return res;
}

interface Token {
  raw: string;
  value: string;
  selector: string;
  validator: string;
}

/** Nilai cookie remember sebagai token selector:validator (boleh di-percent-encode, mis. oleh res.cookie). */
function parseToken(cookie: ParsedSetCookie, res: Res): Token {
  let value = cookie.value;
  try {
    value = decodeURIComponent(value);
  } catch {
    // biarkan apa adanya; format di bawah yang menilai
  }
  const parts = value.split(':');
  const [selector = '', validator = ''] = parts;
  check(parts.length === 2 && B64URL.test(selector) && B64URL.test(validator), 'nilai cookie remember harus berbentuk "selector:validator", keduanya base64url.', {
    diharapkan: 'remember=<selector base64url>:<validator base64url>',
    diterima: cookie.raw,
    res,
  });
  check(selector.length >= 12, 'selector minimal 9 byte acak (12 karakter base64url).', {
    diharapkan: '≥ 12 karakter',
    diterima: `${selector.length} karakter: ${selector}`,
    res,
  });
  check(validator.length >= 43, 'validator minimal 32 byte acak (43 karakter base64url).', {
    diharapkan: '≥ 43 karakter',
    diterima: `${validator.length} karakter`,
    res,
  });
  return { raw: cookie.value, value, selector, validator };
}

function rememberFrom(res: Res, why = ''): Token {
  return parseToken(requireSetCookie(res, 'remember', why), res);
}

/** Seperti browser yang baru dibuka: hanya membawa cookie remember ini, tanpa sid. */
function withOnly(token: Token) {
  return { headers: { cookie: `remember=${token.raw}` } };
}

async function rows(s: Setup): Promise<RememberToken[]> {
  const list = await attempt('rememberTokens(app)', () => mod.rememberTokens(s.app));
  check(Array.isArray(list), 'rememberTokens(app) harus mengembalikan array baris token.', { diterima: list });
  return list;
}

function lifetimeSeconds(cookie: ParsedSetCookie): number | undefined {
  const maxAge = cookie.attrs['max-age'];
  return typeof maxAge === 'string' && /^-?\d+$/.test(maxAge) ? Number(maxAge) : undefined;
}

function checkRememberAttrs(cookie: ParsedSetCookie, res: Res, maxSeconds: number) {
  const want = 'remember=<selector>:<validator>; Max-Age=2592000; Path=/; HttpOnly; SameSite=Lax';
  check(cookie.attrs.httponly === true, 'cookie remember harus HttpOnly: JavaScript di halaman tidak boleh membacanya.', {
    diharapkan: want,
    diterima: cookie.raw,
    res,
  });
  check(String(cookie.attrs.samesite ?? '').toLowerCase() === 'lax', 'cookie remember harus SameSite=Lax.', { diharapkan: want, diterima: cookie.raw, res });
  check(cookie.attrs.path === '/', 'cookie remember harus Path=/ agar ikut terkirim ke semua halaman.', { diharapkan: want, diterima: cookie.raw, res });
  const life = lifetimeSeconds(cookie);
  check(life !== undefined && life > 0 && life <= maxSeconds && life <= 400 * 86400, 'cookie remember harus persistent dengan Max-Age paling lama 30 hari (dalam detik).', {
    diharapkan: `Max-Age antara 1 dan ${maxSeconds}`,
    diterima: cookie.raw,
    res,
  });
}

const isHashOf = (hash: string, validator: string) => {
  const inputs = [Buffer.from(validator), Buffer.from(validator, 'base64url')];
  return inputs.some((input) => {
    const digest = createHash('sha256').update(input).digest();
    return [digest.toString('hex'), digest.toString('base64url'), digest.toString('base64')].includes(hash.replace(/\s/g, ''));
  });
};

function cleared(res: Res, name: string): boolean {
  const c = findSetCookie(res, name);
  if (!c) return false;
  const life = lifetimeSeconds(c);
  const expires = typeof c.attrs.expires === 'string' ? Date.parse(c.attrs.expires) : NaN;
  return (life !== undefined && life <= 0) || (Number.isFinite(expires) && expires < Date.UTC(2000, 0, 1)) || c.value === '';
}

async function dashboard(browser: Client, opts?: { headers: Record<string, string> }) {
  return browser.get('/dashboard', opts);
}

function checkLoggedIn(res: Res, message: string) {
  check(res.status === 200 && res.body.includes('budi'), message, { diharapkan: '200 dengan nama "budi"', diterima: res.status, res });
}

function checkRejected(res: Res, message: string) {
  check(res.status === 401, message, { diharapkan: 401, diterima: res.status, res });
}

describe('Tugas 1: token "Ingat saya" saat login', () => {
  test('Tugas 1: login dengan remember=on mengirim cookie remember yang aman', async () => {
    const s = await app('1');
    const res = await login(s.browser());
    const cookie = requireSetCookie(res, 'remember', 'saat login dengan remember=on');
    checkRememberAttrs(cookie, res, 30 * 86400);
    const life = lifetimeSeconds(cookie)!;
    check(life >= 30 * 86400 - 60, 'cookie remember dari login harus berumur 30 hari.', {
      diharapkan: 'Max-Age=2592000',
      diterima: cookie.raw,
      res,
    });
    parseToken(cookie, res);
  });

  test('Tugas 1: tanpa remember=on tidak ada cookie remember dan tidak ada baris token', async () => {
    const s = await app('1');
    const before = await rows(s);
    const res = await login(s.browser(), BUDI, false);
    check(!findSetCookie(res, 'remember'), 'login tanpa "Ingat saya" tidak boleh mengirim cookie remember.', { diterima: res.setCookies, res });
    const json = await s.browser().post('/login', { json: { username: BUDI.username, password: BUDI.password } });
    checkStatus(json, 200, 'login JSON tanpa remember harus menjawab 200.');
    check(!findSetCookie(json, 'remember'), 'login JSON tanpa remember tidak boleh mengirim cookie remember.', { diterima: json.setCookies, res: json });
    const list = await rows(s);
    check(list.length === before.length, 'tanpa "Ingat saya" tidak boleh ada baris token baru.', { diharapkan: before, diterima: list });
  });

  test('Tugas 1: database menyimpan selector dan SHA-256 validator, bukan validatornya', async () => {
    const s = await app('1');
    const res = await login(s.browser());
    const token = rememberFrom(res);
    const list = await rows(s);
    const row = list.find((r) => r.selector === token.selector);
    check(row, 'tabel token harus punya baris dengan selector dari cookie.', { diharapkan: `selector "${token.selector}"`, diterima: list });
    check(row.username === 'budi', 'baris token harus mencatat pemiliknya.', { diharapkan: 'budi', diterima: row.username });
    const thirty = s.clock.now() + 30 * DAY;
    check(Math.abs(Number(row.expiresAt) - thirty) <= MINUTE, 'expiresAt (milidetik, dari jam app) harus 30 hari setelah login.', {
      diharapkan: thirty,
      diterima: row.expiresAt,
    });
    check(typeof row.validatorHash === 'string' && isHashOf(row.validatorHash, token.validator), 'validatorHash harus SHA-256 dari validator (hex atau base64url).', {
      diharapkan: createHash('sha256').update(token.validator).digest('hex'),
      diterima: row.validatorHash,
    });

    const db = s.app.locals.db as SqliteDb | undefined;
    check(db && typeof db.prepare === 'function', 'app.locals.db harus berisi database better-sqlite3 yang dipakai app.', {
      diharapkan: 'app.locals.db = new Database(dbPath)',
      diterima: typeof db,
    });
    const bytes = Buffer.from(token.validator, 'base64url');
    const needles = [token.validator, bytes.toString('hex'), bytes.toString('base64')];
    for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]) {
      for (const r of db.prepare(`SELECT * FROM "${name.replace(/"/g, '""')}"`).all()) {
        for (const [column, v] of Object.entries(r)) {
          const leaked =
            (typeof v === 'string' && needles.some((n) => v.includes(n))) ||
            (Buffer.isBuffer(v) && (v.includes(bytes) || v.includes(Buffer.from(token.validator))));
          check(!leaked, `database tidak boleh menyimpan validator mentah (tabel ${name}, kolom ${column}): siapa pun yang membaca database bisa memakainya.`, {
            diharapkan: 'hanya SHA-256 dari validator',
            diterima: String(v),
          });
        }
      }
    }
  });

  test('Tugas 1: setiap login membuat token acak yang berbeda', async () => {
    const s = await app('1');
    const a = rememberFrom(await login(s.browser()));
    const b = rememberFrom(await login(s.browser()));
    check(a.selector !== b.selector && a.validator !== b.validator, 'dua login harus menghasilkan selector dan validator yang berbeda (pakai crypto.randomBytes).', {
      diterima: [a.value, b.value],
    });
  });
});

describe('Tugas 2: masuk otomatis dan rotasi validator', () => {
  test('Tugas 2: setelah browser ditutup-buka, /dashboard tetap terbuka dan tokennya dirotasi', async () => {
    const s = await app('2');
    const browser = s.browser();
    const first = rememberFrom(await login(browser), '(kerjakan Tugas 1 dulu)');
    await browser.restartBrowser();
    check((await browser.cookie('sid')) === undefined, 'setelah browser ditutup, cookie sid harus hilang (session cookie).', {
      diharapkan: 'sid hilang, remember tetap',
      diterima: `sid=${await browser.cookie('sid')}`,
    });
    const res = await dashboard(browser);
    checkLoggedIn(res, 'tanpa session tetapi dengan cookie remember yang sah, GET /dashboard harus masuk otomatis.');
    const sid = requireSetCookie(res, 'sid', 'saat masuk otomatis (session baru)');
    check(sid.value !== '', 'masuk otomatis harus membuat session baru dengan sid baru.', { diterima: sid.raw, res });
    const next = rememberFrom(res, 'berisi validator baru (rotasi)');
    check(next.validator !== first.validator, 'validator harus dirotasi setiap kali token dipakai.', {
      diharapkan: 'validator baru',
      diterima: `${first.value} → ${next.value}`,
      res,
    });
    checkRememberAttrs(requireSetCookie(res, 'remember'), res, 30 * 86400);
    const again = await dashboard(browser);
    checkLoggedIn(again, 'setelah masuk otomatis, request berikutnya harus tetap login lewat session.');
  });

  test('Tugas 2: token yang sudah lewat 30 hari ditolak', async () => {
    const s = await app('2');
    const token = rememberFrom(await login(s.browser()), '(kerjakan Tugas 1 dulu)');
    const fresh = await dashboard(s.browser(), withOnly(token));
    checkLoggedIn(fresh, 'prasyarat: token yang masih baru harus bisa dipakai masuk.');
    const rotated = rememberFrom(fresh);
    s.clock.advance(31 * DAY);
    const res = await dashboard(s.browser(), withOnly(rotated));
    checkRejected(res, 'token yang kedaluwarsa (31 hari kemudian, menurut jam app) harus ditolak, walaupun browser masih mengirimnya.');
  });

  test('Tugas 2: cookie remember yang rusak atau tidak dikenal ditolak tanpa error', async () => {
    const s = await app('2');
    const unknown = `${randomBytes(12).toString('base64url')}:${randomBytes(32).toString('base64url')}`;
    for (const value of ['', 'abc', 'a:b:c', ':', '%E0%A4%A', unknown]) {
      const res = await dashboard(s.browser(), { headers: { cookie: `remember=${value}` } });
      checkRejected(res, `cookie remember=${value || '(kosong)'} tidak boleh membuat login, dan tidak boleh membuat server error.`);
    }
  });
});

describe('Tugas 3: deteksi pencurian dan jendela tenggang', () => {
  test('Tugas 3: token lama yang diputar ulang ditolak dan mencabut semua token pengguna', async () => {
    const s = await app('3');
    const old = rememberFrom(await login(s.browser()), '(kerjakan Tugas 1 dulu)');
    const used = await dashboard(s.browser(), withOnly(old));
    checkLoggedIn(used, 'prasyarat: token harus bisa dipakai masuk sekali (Tugas 2).');
    const newest = rememberFrom(used, '(rotasi dari Tugas 2)');
    s.clock.advance(5 * MINUTE);
    const replay = await dashboard(s.browser(), withOnly(old));
    checkRejected(replay, 'token lama yang dipakai lagi 5 menit setelah rotasi harus ditolak: itu tanda pencurian.');
    const victim = await dashboard(s.browser(), withOnly(newest));
    checkRejected(victim, 'setelah pencurian terdeteksi, token terbaru milik pengguna itu juga harus dicabut.');
    const left = (await rows(s)).filter((r) => r.username === 'budi');
    check(left.length === 0, 'setelah pencurian terdeteksi, tabel tidak boleh lagi berisi token milik budi.', { diharapkan: [], diterima: left });
  });

  test('Tugas 3: selector benar dengan validator salah mencabut semua token pengguna itu saja', async () => {
    const s = await app('3');
    const laptop = rememberFrom(await login(s.browser()), '(kerjakan Tugas 1 dulu)');
    const phone = rememberFrom(await login(s.browser()));
    const sari = rememberFrom(await login(s.browser(), SARI));
    const forged = { ...laptop, raw: `${laptop.selector}:${randomBytes(32).toString('base64url')}` };
    checkRejected(await dashboard(s.browser(), withOnly(forged)), 'validator yang salah tidak boleh membuat login.');
    const res = await dashboard(s.browser(), withOnly(phone));
    checkRejected(res, 'validator palsu untuk satu selector harus mencabut SEMUA token budi, termasuk token di perangkat lain.');
    const other = await s.browser().get('/dashboard', withOnly(sari));
    check(other.status === 200 && other.body.includes('sari'), 'token milik pengguna lain (sari) tidak boleh ikut dicabut.', {
      diharapkan: '200 dengan nama "sari"',
      diterima: other.status,
      res: other,
    });
  });

  test('Tugas 3: dua request berbarengan dengan token yang sama sama-sama diterima', async () => {
    const s = await app('3');
    const token = rememberFrom(await login(s.browser()), '(kerjakan Tugas 1 dulu)');
    const [a, b] = await Promise.all([dashboard(s.browser(), withOnly(token)), dashboard(s.browser(), withOnly(token))]);
    checkLoggedIn(a, 'request pertama dengan token yang sah harus masuk.');
    checkLoggedIn(b, 'dua tab yang dibuka bersamaan mengirim token yang sama: request kedua (dalam jendela tenggang) juga harus masuk, bukan dianggap pencurian.');
    const issued = [a, b].flatMap((res) => {
      const c = findSetCookie(res, 'remember');
      return c && !cleared(res, 'remember') ? [{ c, res }] : [];
    });
    check(issued[0], 'salah satu dari dua request itu harus mengirim token hasil rotasi.', { diterima: [...a.setCookies, ...b.setCookies], res: a });
    const next = parseToken(issued[0].c, issued[0].res);
    checkLoggedIn(await dashboard(s.browser(), withOnly(next)), 'token hasil rotasi harus tetap sah setelah request kembar itu.');
  });

  test('Tugas 3: token lama masih diterima beberapa detik setelah rotasi', async () => {
    const s = await app('3');
    const old = rememberFrom(await login(s.browser()), '(kerjakan Tugas 1 dulu)');
    const used = await dashboard(s.browser(), withOnly(old));
    checkLoggedIn(used, 'prasyarat: token harus bisa dipakai masuk (Tugas 2).');
    const newest = rememberFrom(used);
    s.clock.advance(5 * SECOND);
    const late = await dashboard(s.browser(), withOnly(old));
    checkLoggedIn(late, 'request yang terlambat 5 detik dengan validator lama (masih dalam jendela tenggang) harus diterima.');
    checkLoggedIn(await dashboard(s.browser(), withOnly(newest)), 'token terbaru harus tetap sah setelah request dalam jendela tenggang.');
  });
});

describe('Tugas 4: logout dan ganti password mencabut token', () => {
  test('Tugas 4: logout mencabut token di server dan menghapus cookie remember', async () => {
    const s = await app('4');
    const browser = s.browser();
    const first = rememberFrom(await login(browser), '(kerjakan Tugas 1 dulu)');
    await browser.restartBrowser();
    const auto = await dashboard(browser);
    checkLoggedIn(auto, 'prasyarat: masuk otomatis dengan cookie remember harus berhasil (Tugas 2).');
    const current = rememberFrom(auto);
    const out = await browser.post('/logout');
    check(out.status >= 200 && out.status < 400, 'POST /logout harus berhasil.', { diharapkan: '2xx atau 303', diterima: out.status, res: out });
    check(cleared(out, 'remember') && (await browser.cookie('remember')) === undefined, 'logout harus menghapus cookie remember di browser (Max-Age=0, Path=/).', {
      diharapkan: 'Set-Cookie: remember=; Path=/; Max-Age=0 (atau Expires di masa lalu)',
      diterima: out.setCookies.length ? out.setCookies.join(' | ') : '(tidak ada Set-Cookie)',
      res: out,
    });
    checkRejected(await dashboard(s.browser(), withOnly(current)), 'setelah logout, cookie remember yang lama tidak boleh bisa login lagi: token harus dihapus di server.');
    check(!(await rows(s)).some((row) => row.selector === first.selector), 'setelah logout, baris token perangkat ini harus hilang dari tabel.', {
      diterima: await rows(s),
    });
  });

  test('Tugas 4: POST /password butuh login dan password lama yang benar', async () => {
    const s = await app('4');
    const anon = await s.browser().post('/password', { json: { currentPassword: BUDI.password, newPassword: 'kopi-hitam-2027' } });
    checkStatus(anon, 401, 'POST /password tanpa login harus ditolak dengan 401.');
    const browser = s.browser();
    await login(browser, BUDI, false);
    const wrong = await browser.post('/password', { json: { currentPassword: 'salah-tebak', newPassword: 'kopi-hitam-2027' } });
    check([400, 401, 403].includes(wrong.status), 'POST /password dengan password lama yang salah harus ditolak.', {
      diharapkan: '401 (atau 400/403)',
      diterima: wrong.status,
      res: wrong,
    });
    const still = await s.browser().post('/login', { json: { username: 'budi', password: BUDI.password } });
    checkStatus(still, 200, 'password tidak boleh berubah bila password lama salah.');
  });

  test('Tugas 4: ganti password mencabut semua token remember pengguna itu', async () => {
    const s = await app('4');
    const laptop = rememberFrom(await login(s.browser()), '(kerjakan Tugas 1 dulu)');
    const phone = s.browser();
    const phoneToken = rememberFrom(await login(phone));
    const newPassword = 'kopi-hitam-2027';
    const res = await phone.post('/password', { json: { currentPassword: BUDI.password, newPassword } });
    check(res.status === 200 || res.status === 204 || res.status === 303, 'POST /password (JSON: currentPassword, newPassword) harus berhasil.', {
      diharapkan: '200',
      diterima: res.status,
      res,
    });
    checkRejected(await dashboard(s.browser(), withOnly(laptop)), 'setelah ganti password, token remember di perangkat lain harus dicabut.');
    checkRejected(await dashboard(s.browser(), withOnly(phoneToken)), 'setelah ganti password, token remember lama di perangkat ini juga harus dicabut.');
    const oldLogin = await s.browser().post('/login', { json: { username: 'budi', password: BUDI.password } });
    checkStatus(oldLogin, 401, 'password lama tidak boleh lagi bisa dipakai login.');
    const newLogin = await s.browser().post('/login', { json: { username: 'budi', password: newPassword } });
    checkStatus(newLogin, 200, 'password baru harus bisa dipakai login.');
  });
});
