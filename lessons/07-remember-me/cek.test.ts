// Syarat pelajaran 07 (tugas, komentar kode awal, teks) dan tes yang menjaganya:
// Tugas 1
// - form login punya kotak centang remember; tamu tidak mendapat session; remember=on (form) → cookie remember
//   HttpOnly, SameSite=Lax, Path=/, Max-Age tepat 30 hari (2592000 detik, dari now()):
//   "Tugas 1: login dengan remember=on mengirim cookie remember yang aman"
// - remember: true (JSON) juga: "Tugas 1: login JSON dengan remember: true juga mengirim cookie remember"
// - tanpa centang, atau nilai lain (off, kosong, false, "false", 0): tanpa cookie, tanpa baris token:
//   "Tugas 1: tanpa remember=on tidak ada cookie remember dan tidak ada baris token"
// - Secure di production (HTTPS di balik proxy, trust proxy), juga setelah rotasi dan untuk sid:
//   "Tugas 1: di production cookie remember juga Secure"
// - token selector:validator base64url; selector ≥ 12 byte, validator ≥ 32 byte, keduanya dari CSPRNG:
//   "Tugas 1: selector dan validator berasal dari crypto.randomBytes (12 dan 32 byte)"
// - setiap login token baru: "Tugas 1: setiap login membuat token acak yang berbeda"
// - baris menyimpan selector, SHA-256 validator, username, expires_at = now() + 30 hari; validator mentah
//   tidak ada di tabel mana pun (app.locals.db): "Tugas 1: database menyimpan selector dan SHA-256 validator, bukan validatornya"
// Tugas 2
// - tanpa session login + remember sah → session baru (sid baru), validator dirotasi, atribut cookie sama,
//   dashboard tetap Cache-Control: no-store:
//   "Tugas 2: setelah browser ditutup-buka, /dashboard tetap terbuka dan tokennya dirotasi"
// - berlaku untuk route mana pun: "Tugas 2: masuk otomatis berlaku di route mana pun, bukan hanya /dashboard"
// - session yang sudah login tidak memakai token: "Tugas 2: session yang sudah login tidak memakai (merotasi) token remember"
// - Max-Age cookie hasil rotasi = sisa umur token di server: "Tugas 2: Max-Age cookie hasil rotasi sama dengan sisa umur token di server"
// - validator hasil rotasi dari CSPRNG dan hanya hash-nya yang disimpan:
//   "Tugas 2: validator hasil rotasi berasal dari crypto.randomBytes dan disimpan sebagai hash"
// - hash validator dibandingkan dengan timingSafeEqual: "Tugas 2: validator dibandingkan dengan crypto.timingSafeEqual atas hash-nya"
// - umur 30 hari diperiksa di server (hidup di 30 hari − 1 detik, mati di 30 hari + 1 detik):
//   "Tugas 2: token berlaku sampai tepat 30 hari menurut jam app", "Tugas 2: token yang sudah lewat 30 hari ditolak"
// - token rusak/tidak dikenal ditolak tanpa error, dan cookie-nya dihapus:
//   "Tugas 2: cookie remember yang rusak atau tidak dikenal ditolak tanpa error"
// - token ditolak di browser → seperti tamu, diarahkan ke /login: "Tugas 2: browser dengan token yang ditolak diarahkan ke /login"
// - nilai yang ditulis ke HTML di-escape: "Tugas 2: dashboard menampilkan nama pengguna sebagai teks, bukan HTML"
// - request aneh tidak pernah 5xx, dan tidak ada response dengan stack trace (juga saat error sungguhan):
//   "Tugas 2: request aneh tidak membuat server error atau stack trace"
// Tugas 3
// - validator lama setelah jendela tenggang → tolak + cabut semua token pengguna:
//   "Tugas 3: token lama yang diputar ulang ditolak dan mencabut semua token pengguna"
// - jendela paling lama 60 detik: "Tugas 3: jendela tenggang paling lama 60 detik: validator lama pada detik ke-61 dianggap pencurian"
// - validator salah mencabut token pengguna itu saja: "Tugas 3: selector benar dengan validator salah mencabut semua token pengguna itu saja"
// - dalam jendela, hanya validator SEBELUMNYA yang diterima:
//   "Tugas 3: dalam jendela tenggang, validator asal-asalan tetap dianggap pencurian"
// - request berbarengan diterima: "Tugas 3: dua request berbarengan dengan token yang sama sama-sama diterima"
// - jendela tenggang ≥ 5 detik, tanpa rotasi lagi: "Tugas 3: token lama masih diterima beberapa detik setelah rotasi"
// - jendela dihitung dari rotasi: "Tugas 3: jendela tenggang dihitung dari saat rotasi, bukan dari saat login"
// Tugas 4
// - logout mencabut token perangkat ini dan menghapus cookie: "Tugas 4: logout mencabut token di server dan menghapus cookie remember"
// - logout dengan remember saja (tanpa sid), lewat form HTML (→ /login), atau tanpa remember:
//   "Tugas 4: logout tanpa sid atau tanpa remember tetap berhasil dan mencabut tokennya"
// - /password butuh login dan password lama; login menolak password salah dan nilai bukan string:
//   "Tugas 4: POST /password butuh login dan password lama yang benar"
// - password baru string ≥ 8 karakter; body form juga: "Tugas 4: password baru minimal 8 karakter, lewat JSON maupun form"
// - ganti password mencabut semua token pengguna: "Tugas 4: ganti password mencabut semua token remember pengguna itu"
// - perangkat ini: cookie remember dihapus, dan bila tetap login, session ID-nya baru:
//   "Tugas 4: setelah ganti password, cookie remember perangkat ini dihapus dan session ID-nya baru"
import { createHash, randomBytes } from 'node:crypto';
import type { RequestListener } from 'node:http';
import net from 'node:net';
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
  mediaType,
  MINUTE,
  PREDICTABLE_BYTE,
  requireSetCookie,
  SECOND,
  serve,
  spyTimingSafeEqual,
  withEnv,
  withPredictableRandom,
  withServer,
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
  memory: boolean;
}

const mod = await loadExercise<Exercise>(import.meta.url);

const BUDI = { username: 'budi', password: 'kopi-susu-2026' };
const SARI = { username: 'sari', password: 'teh-manis-2026' };
// Nama dengan markup: harus tampil sebagai teks ("&amp;" juga harus tampil apa adanya).
const EKA = { username: '<img src=x onerror=alert(1)>&amp;eka', password: 'roti-bakar-2026' };
const B64URL = /^[A-Za-z0-9_-]+$/;
const THIRTY_DAYS_S = 30 * 86400;
// Biaya scrypt murah khusus tes, seperti di pelajaran 06; production tetap memakai minimum OWASP.
const FAST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 };

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
    mod.createApp({ users: [BUDI, SARI, EKA], secret: 'rahasia-checker-07', now: clock.now, dbPath: ':memory:', scrypt: FAST_SCRYPT }),
  );
  const server = await serve(app);
  return { server, app, clock, browser: () => client(server, { now: clock.now }) };
}

// App baru untuk setiap tes (murah: scrypt tes, database ':memory:'), jadi tidak ada tes yang bergantung
// pada sisa tes lain, dan mutation testing melihat setiap tes yang memakai kode createApp.
function app(_group: string): Promise<Setup> {
  return setup();
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
  check(selector.length >= 16, 'selector minimal 12 byte acak (16 karakter base64url).', {
    diharapkan: '≥ 16 karakter',
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
function withOnly(token: Token | string, headers: Record<string, string> = {}) {
  return { headers: { cookie: `remember=${typeof token === 'string' ? token : token.raw}`, ...headers } };
}

const forge = (token: Token) => `${token.selector}:${randomBytes(32).toString('base64url')}`;
const unknownToken = () => `${randomBytes(12).toString('base64url')}:${randomBytes(32).toString('base64url')}`;

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

/** Bentuk-bentuk SHA-256 validator yang diterima: dari string atau byte-nya; hex, base64url, base64, atau byte mentah. */
function hashForms(validator: string): Buffer[] {
  return [Buffer.from(validator), Buffer.from(validator, 'base64url')].flatMap((input) => {
    const digest = createHash('sha256').update(input).digest();
    return [digest, ...(['hex', 'base64url', 'base64'] as const).map((enc) => Buffer.from(digest.toString(enc)))];
  });
}

const isHashOf = (hash: string, validator: string) => hashForms(validator).some((f) => f.toString() === hash.replace(/\s/g, ''));

/** Byte di balik selector/validator (base64url, atau hex), untuk bukti withPredictableRandom. */
function bytesOf(text: string): Buffer {
  const b64 = Buffer.from(text, 'base64url');
  if (b64.every((b) => b === PREDICTABLE_BYTE)) return b64;
  return /^(?:[0-9a-f]{2})+$/i.test(text) ? Buffer.from(text, 'hex') : b64;
}

function checkFromCsprng(part: string, text: string, minBytes: number, res: Res) {
  const bytes = bytesOf(text);
  check(bytes.length >= minBytes && bytes.every((b) => b === PREDICTABLE_BYTE), `${part} harus ${minBytes} byte (atau lebih) langsung dari crypto.randomBytes, lalu .toString('base64url').`, {
    diharapkan: `≥ ${minBytes} byte 0x2a saat CSPRNG dibuat tetap (${Buffer.alloc(minBytes, PREDICTABLE_BYTE).toString('base64url')})`,
    diterima: `${text} (${bytes.length} byte)`,
    petunjuk: `${part} harus berasal dari crypto.randomBytes(${minBytes}), bukan dari waktu, penghitung, Math.random, atau hash dari nilai lain.`,
    res,
  });
}

/** Tidak ada tabel dan kolom di app.locals.db yang berisi validator mentah (string, hex, base64, atau byte-nya). */
function checkNoRawValidator(s: Setup, token: Token) {
  const db = s.app.locals.db as SqliteDb | undefined;
  check(db && typeof db.prepare === 'function' && db.memory === true, "app.locals.db harus berisi database better-sqlite3 yang dipakai app, dibuka dari opsi dbPath (checker: ':memory:').", {
    diharapkan: 'app.locals.db = new Database(options.dbPath)',
    diterima: db ? `memory: ${String(db.memory)}` : typeof db,
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
}

function cleared(res: Res, name: string): boolean {
  const c = findSetCookie(res, name);
  if (!c) return false;
  const life = lifetimeSeconds(c);
  const expires = typeof c.attrs.expires === 'string' ? Date.parse(c.attrs.expires) : NaN;
  return (life !== undefined && life <= 0) || (Number.isFinite(expires) && expires < Date.UTC(2000, 0, 1)) || c.value === '';
}

function checkCleared(res: Res, message: string) {
  check(cleared(res, 'remember'), message, {
    diharapkan: 'Set-Cookie: remember=; Path=/; Max-Age=0 (atau Expires di masa lalu)',
    diterima: res.setCookies.length ? res.setCookies.join(' | ') : '(tidak ada Set-Cookie)',
    res,
  });
}

async function dashboard(browser: Client, opts?: { headers: Record<string, string> }) {
  return browser.get('/dashboard', opts);
}

function checkLoggedIn(res: Res, message: string) {
  check(res.status === 200 && res.body.includes('budi'), message, { diharapkan: '200 dengan nama "budi"', diterima: res.status, res });
}

/** Jawaban JSON yang berhasil harus benar-benar mengatakan berhasil ({ ok: true }); 204 atau redirect juga boleh. */
function checkOkJson(res: Res, what: string) {
  if (mediaType(res) !== 'application/json') return;
  check(res.json<{ ok?: unknown }>().ok === true, `${what} berhasil, jadi body JSON-nya harus { "ok": true }.`, { diharapkan: '{"ok":true}', diterima: res.body, res });
}

function checkRejected(res: Res, message: string) {
  check(res.status === 401, message, { diharapkan: 401, diterima: res.status, res });
}

/** Teks yang terlihat di browser: entitas HTML diurai (&lt; &#60; &#x3C; ...). */
function htmlText(html: string): string {
  const named: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
  return html.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (_, e: string) => {
    const k = e.toLowerCase();
    if (k.startsWith('#x')) return String.fromCodePoint(parseInt(k.slice(2), 16));
    if (k.startsWith('#')) return String.fromCodePoint(Number(k.slice(1)));
    return named[k]!;
  });
}

/** Request HTTP/1.1 mentah (untuk target yang tidak bisa dikirim fetch, seperti `OPTIONS *`). */
function rawRequest(server: RunningServer, head: string, body = ''): Promise<{ status: number; text: string }> {
  const { hostname, port } = new URL(server.url);
  return new Promise((resolve, reject) => {
    // Tidak ditutup dari sisi klien: server menutupnya sendiri setelah menjawab (Connection: close).
    const socket = net.connect(Number(port), hostname, () => socket.write(`${head}\r\nHost: ${hostname}\r\nConnection: close\r\n\r\n${body}`));
    let text = '';
    socket.setEncoding('utf8');
    socket.setTimeout(4000, () => socket.destroy(new Error(`${head.split('\r\n')[0]} tidak pernah dijawab dalam 4 detik`)));
    socket.on('data', (d) => (text += d));
    socket.on('error', reject);
    socket.on('close', () => resolve({ status: Number(/^HTTP\/1\.[01] (\d{3})/.exec(text)?.[1] ?? 0), text }));
  });
}

const STACK = /\.(?:[cm]?[jt]s|tsx?):\d+:\d+|node_modules|\bat\s+\S+\s+\(/;

describe('Tugas 1: token "Ingat saya" saat login', () => {
  test('Tugas 1: login dengan remember=on mengirim cookie remember yang aman', async () => {
    const s = await app('1');
    const form = await s.browser().get('/login', { headers: { accept: 'text/html' } });
    check(form.status === 200 && mediaType(form) === 'text/html', 'GET /login harus menampilkan form login (200, text/html).', {
      diharapkan: '200 text/html',
      diterima: `${form.status} ${form.headers.get('content-type')}`,
      res: form,
    });
    check(/<input\b(?=[^>]*\btype=["']?checkbox)(?=[^>]*\bname=["']?remember\b)[^>]*>/i.test(form.body), 'form login harus punya kotak centang "Ingat saya" bernama remember (nilainya "on").', {
      diharapkan: '<input type="checkbox" name="remember" value="on">',
      diterima: form.body.slice(0, 400),
      res: form,
    });
    check(!findSetCookie(form, 'sid'), 'tamu yang hanya membuka form login tidak boleh mendapat session (saveUninitialized: false).', { diterima: form.setCookies, res: form });
    const res = await login(s.browser());
    check([302, 303].includes(res.status) && /\/dashboard$/.test(res.headers.get('location') ?? ''), 'login lewat form harus mengarahkan browser ke /dashboard.', {
      diharapkan: '303 dengan Location: /dashboard',
      diterima: `${res.status} ${res.headers.get('location') ?? ''}`,
      res,
    });
    const cookie = requireSetCookie(res, 'remember', 'saat login dengan remember=on');
    checkRememberAttrs(cookie, res, THIRTY_DAYS_S);
    const life = lifetimeSeconds(cookie)!;
    check(life === THIRTY_DAYS_S, 'cookie remember dari login harus berumur tepat 30 hari menurut jam app: ambil now() sekali, lalu maxAge = expiresAt - now itu.', {
      diharapkan: 'Max-Age=2592000',
      diterima: cookie.raw,
      res,
    });
    parseToken(cookie, res);
  });

  test('Tugas 1: login JSON dengan remember: true juga mengirim cookie remember', async () => {
    const s = await app('1');
    const res = await s.browser().post('/login', { json: { username: BUDI.username, password: BUDI.password, remember: true } });
    checkStatus(res, 200, 'login JSON (remember: true) harus menjawab 200.');
    const cookie = requireSetCookie(res, 'remember', 'saat login JSON dengan remember: true');
    checkRememberAttrs(cookie, res, THIRTY_DAYS_S);
    const token = parseToken(cookie, res);
    check((await rows(s)).some((r) => r.selector === token.selector), 'login JSON dengan remember: true harus menyimpan baris token.', {
      diharapkan: `selector "${token.selector}"`,
      diterima: await rows(s),
    });
  });

  test('Tugas 1: tanpa remember=on tidak ada cookie remember dan tidak ada baris token', async () => {
    const s = await app('1');
    const before = await rows(s);
    const res = await login(s.browser(), BUDI, false);
    check(!findSetCookie(res, 'remember'), 'login tanpa "Ingat saya" tidak boleh mengirim cookie remember.', { diterima: res.setCookies, res });
    const json = await s.browser().post('/login', { json: { username: BUDI.username, password: BUDI.password } });
    checkStatus(json, 200, 'login JSON tanpa remember harus menjawab 200.');
    check(!findSetCookie(json, 'remember'), 'login JSON tanpa remember tidak boleh mengirim cookie remember.', { diterima: json.setCookies, res: json });
    const attempts: [string, Res][] = [];
    for (const remember of ['off', '']) {
      attempts.push([`form remember=${remember}`, await s.browser().post('/login', { form: { ...BUDI, remember } })]);
    }
    for (const remember of [false, 'false', 0]) {
      attempts.push([`JSON remember: ${JSON.stringify(remember)}`, await s.browser().post('/login', { json: { ...BUDI, remember } })]);
    }
    for (const [what, r] of attempts) {
      check(r.status >= 200 && r.status < 400, `login (${what}) harus tetap berhasil.`, { diharapkan: '2xx atau 303', diterima: r.status, res: r });
      check(!findSetCookie(r, 'remember'), `hanya remember === 'on' (form) atau true (JSON) yang berarti "Ingat saya"; ${what} tidak boleh mengirim cookie remember.`, {
        diterima: r.setCookies,
        res: r,
      });
    }
    const list = await rows(s);
    check(list.length === before.length, 'tanpa "Ingat saya" tidak boleh ada baris token baru.', { diharapkan: before, diterima: list });
  });

  test('Tugas 1: di production cookie remember juga Secure', async () => {
    await withEnv({ NODE_ENV: 'production' }, async () => {
      const prod = await attempt('createApp() dengan NODE_ENV=production', () =>
        mod.createApp({ users: [BUDI], secret: 'rahasia-checker-07-production', dbPath: ':memory:', scrypt: FAST_SCRYPT }),
      );
      await withServer(prod, async (srv) => {
        const https = { 'x-forwarded-proto': 'https' };
        const res = await client(srv).post('/login', { form: { ...BUDI, remember: 'on' }, headers: https });
        const cookie = requireSetCookie(res, 'remember', 'saat login dengan remember=on di production');
        check(cookie.attrs.secure === true, 'di production (HTTPS), cookie remember harus Secure agar tidak pernah lewat HTTP biasa.', {
          diharapkan: 'remember=…; Path=/; HttpOnly; Secure; SameSite=Lax',
          diterima: cookie.raw,
          res,
        });
        const sid = requireSetCookie(res, 'sid', 'di production di balik proxy HTTPS (trust proxy)');
        check(sid.attrs.secure === true, 'di production, cookie sid juga harus Secure.', { diterima: sid.raw, res });
        const auto = await client(srv).get('/dashboard', withOnly(parseToken(cookie, res), https));
        const rotated = requireSetCookie(auto, 'remember', 'saat masuk otomatis di production (rotasi)');
        check(rotated.attrs.secure === true, 'di production, cookie remember hasil rotasi juga harus Secure.', { diterima: rotated.raw, res: auto });
      });
    });
  });

  test('Tugas 1: selector dan validator berasal dari crypto.randomBytes (12 dan 32 byte)', async () => {
    const s = await app('1');
    const res = await withPredictableRandom(() => s.browser().post('/login', { form: { ...BUDI, remember: 'on' } }));
    const token = rememberFrom(res, 'saat login dengan remember=on');
    checkFromCsprng('selector', token.selector, 12, res);
    checkFromCsprng('validator', token.validator, 32, res);
  });

  test('Tugas 1: setiap login membuat token acak yang berbeda', async () => {
    const s = await app('1');
    const a = rememberFrom(await login(s.browser()));
    const b = rememberFrom(await login(s.browser()));
    check(a.selector !== b.selector && a.validator !== b.validator, 'dua login harus menghasilkan selector dan validator yang berbeda (pakai crypto.randomBytes).', {
      diterima: [a.value, b.value],
    });
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
    check(Math.abs(Number(row.expiresAt) - thirty) <= SECOND, 'expiresAt (milidetik, dari jam app) harus tepat 30 hari setelah login.', {
      diharapkan: thirty,
      diterima: row.expiresAt,
    });
    check(typeof row.validatorHash === 'string' && isHashOf(row.validatorHash, token.validator), 'validatorHash harus SHA-256 dari validator (hex atau base64url).', {
      diharapkan: createHash('sha256').update(token.validator).digest('hex'),
      diterima: row.validatorHash,
    });
    checkNoRawValidator(s, token);
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
    checkRememberAttrs(requireSetCookie(res, 'remember'), res, THIRTY_DAYS_S);
    check(mediaType(res) === 'text/html', 'dashboard harus berupa halaman HTML.', { diharapkan: 'text/html', diterima: res.headers.get('content-type'), res });
    check(/no-store/i.test(res.headers.get('cache-control') ?? ''), 'halaman dashboard (juga setelah masuk otomatis) harus Cache-Control: no-store.', {
      diharapkan: 'Cache-Control: no-store',
      diterima: res.headers.get('cache-control'),
      res,
    });
    const again = await dashboard(browser);
    checkLoggedIn(again, 'setelah masuk otomatis, request berikutnya harus tetap login lewat session.');
  });

  test('Tugas 2: masuk otomatis berlaku di route mana pun, bukan hanya /dashboard', async () => {
    const s = await app('2');
    const browser = s.browser();
    const first = rememberFrom(await login(browser), '(kerjakan Tugas 1 dulu)');
    await browser.restartBrowser();
    const res = await browser.get('/login');
    check(res.status < 500, 'GET /login dengan cookie remember tidak boleh membuat server error.', { diterima: res.status, res });
    requireSetCookie(res, 'sid', 'saat masuk otomatis lewat GET /login: middleware masuk otomatis berjalan sebelum semua route');
    const next = rememberFrom(res, 'berisi validator baru (rotasi)');
    check(next.validator !== first.validator, 'masuk otomatis lewat route mana pun juga harus merotasi validator.', { diterima: `${first.value} → ${next.value}`, res });
    checkLoggedIn(await dashboard(browser), 'setelah masuk otomatis di GET /login, /dashboard harus terbuka lewat session baru.');
  });

  test('Tugas 2: session yang sudah login tidak memakai (merotasi) token remember', async () => {
    const s = await app('2');
    const browser = s.browser();
    const token = rememberFrom(await login(browser), '(kerjakan Tugas 1 dulu)');
    const before = (await rows(s)).find((r) => r.selector === token.selector);
    const res = await dashboard(browser);
    checkLoggedIn(res, 'prasyarat: setelah login, /dashboard harus terbuka.');
    check(!findSetCookie(res, 'remember'), 'request dengan session yang sudah login tidak boleh memakai token remember: jangan rotasi, jangan kirim cookie remember.', {
      diterima: res.setCookies,
      res,
    });
    const after = (await rows(s)).find((r) => r.selector === token.selector);
    check(after && after.validatorHash === before?.validatorHash, 'token remember tidak boleh berubah selama session masih login.', {
      diharapkan: before,
      diterima: after,
    });
  });

  test('Tugas 2: Max-Age cookie hasil rotasi sama dengan sisa umur token di server', async () => {
    const s = await app('2');
    const token = rememberFrom(await login(s.browser()), '(kerjakan Tugas 1 dulu)');
    s.clock.advance(10 * DAY);
    const res = await dashboard(s.browser(), withOnly(token));
    checkLoggedIn(res, 'token yang baru berumur 10 hari harus bisa dipakai masuk.');
    const cookie = requireSetCookie(res, 'remember', 'berisi validator baru (rotasi)');
    const next = parseToken(cookie, res);
    checkRememberAttrs(cookie, res, THIRTY_DAYS_S);
    const row = (await rows(s)).find((r) => r.selector === next.selector);
    check(row, 'tabel token harus punya baris untuk token hasil rotasi.', { diharapkan: `selector "${next.selector}"`, diterima: await rows(s) });
    const remaining = (Number(row.expiresAt) - s.clock.now()) / 1000;
    check(Math.abs(lifetimeSeconds(cookie)! - remaining) <= 1, 'Max-Age cookie hasil rotasi harus sama dengan sisa umur token di server (expires_at − now).', {
      diharapkan: `Max-Age=${Math.floor(remaining)}`,
      diterima: cookie.raw,
      res,
    });
  });

  test('Tugas 2: validator hasil rotasi berasal dari crypto.randomBytes dan disimpan sebagai hash', async () => {
    const s = await app('2');
    const token = rememberFrom(await login(s.browser()), '(kerjakan Tugas 1 dulu)');
    const res = await withPredictableRandom(() => dashboard(s.browser(), withOnly(token)));
    checkLoggedIn(res, 'token yang sah harus bisa dipakai masuk.');
    const next = rememberFrom(res, 'berisi validator baru (rotasi)');
    checkFromCsprng('validator hasil rotasi', next.validator, 32, res);
    checkNoRawValidator(s, next);
    const row = (await rows(s)).find((r) => r.selector === next.selector);
    check(row && isHashOf(row.validatorHash, next.validator), 'setelah rotasi, validatorHash harus SHA-256 dari validator baru.', {
      diharapkan: createHash('sha256').update(next.validator).digest('hex'),
      diterima: row,
    });
  });

  test('Tugas 2: validator dibandingkan dengan crypto.timingSafeEqual atas hash-nya', async () => {
    const s = await app('2');
    const token = rememberFrom(await login(s.browser()), '(kerjakan Tugas 1 dulu)');
    const calls = spyTimingSafeEqual();
    const res = await dashboard(s.browser(), withOnly(token));
    checkLoggedIn(res, 'token yang sah harus bisa dipakai masuk.');
    const forms = hashForms(token.validator);
    check(calls.some(({ a, b }) => forms.some((f) => f.equals(a) || f.equals(b))), 'hash validator harus dibandingkan dengan crypto.timingSafeEqual, bukan ===, agar waktunya tidak membocorkan isi hash.', {
      diharapkan: 'timingSafeEqual(Buffer.from(sha256(validator), "hex"), Buffer.from(row.validator_hash, "hex"))',
      diterima: calls.length ? `${calls.length} panggilan timingSafeEqual, tidak ada yang memuat SHA-256 validator` : 'timingSafeEqual tidak pernah dipanggil',
      res,
    });
  });

  test('Tugas 2: token berlaku sampai tepat 30 hari menurut jam app', async () => {
    const s = await app('2');
    const a = rememberFrom(await login(s.browser()), '(kerjakan Tugas 1 dulu)');
    const b = rememberFrom(await login(s.browser()));
    s.clock.advance(30 * DAY - SECOND);
    checkLoggedIn(await dashboard(s.browser(), withOnly(a)), 'token yang berumur 30 hari kurang 1 detik masih harus bisa dipakai masuk.');
    s.clock.advance(2 * SECOND);
    const late = await dashboard(s.browser(), withOnly(b));
    checkRejected(late, 'token yang berumur 30 hari lebih 1 detik (menurut jam app) harus ditolak: expires_at diperiksa di server.');
    checkCleared(late, 'token kedaluwarsa yang ditolak harus dihapus juga dari browser (clearRemember).');
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
    const real = rememberFrom(await login(s.browser()), '(kerjakan Tugas 1 dulu)');
    const unknown = unknownToken();
    const broken = [
      '',
      'abc',
      'a:b:c',
      ':',
      '%E0%A4%A',
      unknown,
      'A'.repeat(4000),
      // Selector yang ada, tanpa validator: tidak boleh membuat server error (mis. sha256(undefined)).
      real.selector,
      `${real.selector}:`,
    ];
    for (const value of broken) {
      const res = await dashboard(s.browser(), { headers: { cookie: `remember=${value}` } });
      const shown = value.length > 80 ? `${value.slice(0, 20)}… (${value.length} karakter)` : value || '(kosong)';
      checkRejected(res, `cookie remember=${shown} tidak boleh membuat login, dan tidak boleh membuat server error.`);
      if (value) checkCleared(res, `cookie remember yang ditolak (remember=${shown}) harus dihapus dari browser (clearRemember), agar tidak terkirim terus.`);
    }
  });

  test('Tugas 2: browser dengan token yang ditolak diarahkan ke /login', async () => {
    const s = await app('2');
    const res = await dashboard(s.browser(), withOnly(unknownToken(), { accept: 'text/html' }));
    check([302, 303, 307].includes(res.status) && /\/login$/.test(res.headers.get('location') ?? ''), 'browser (Accept: text/html) dengan token yang tidak dikenal harus diarahkan ke /login, seperti tamu.', {
      diharapkan: '303 dengan Location: /login',
      diterima: `${res.status} ${res.headers.get('location') ?? ''}`,
      res,
    });
    checkCleared(res, 'token yang ditolak harus dihapus dari browser, juga saat diarahkan ke /login.');
  });

  test('Tugas 2: dashboard menampilkan nama pengguna sebagai teks, bukan HTML', async () => {
    const s = await app('2');
    const token = rememberFrom(await login(s.browser(), EKA), '(kerjakan Tugas 1 dulu)');
    const res = await dashboard(s.browser(), withOnly(token));
    checkStatus(res, 200, `masuk otomatis untuk pengguna ${JSON.stringify(EKA.username)} harus membuka /dashboard.`);
    check(!res.body.includes('<img') && htmlText(res.body).includes(EKA.username), 'setiap nilai yang ditulis ke HTML harus di-escape (&lt; &amp; ...): nama pengguna harus tampil sebagai teks, bukan menjadi tag.', {
      diharapkan: '&#60;img src=x onerror=alert(1)&#62;&#38;amp;eka (atau &lt;img …)',
      diterima: /<h1>[\s\S]*?<\/h1>/.exec(res.body)?.[0] ?? res.body.slice(0, 300),
      petunjuk: 'Pakai escapeHtml(user) di template dashboard, seperti di pelajaran 06.',
      res,
    });
  });

  test('Tugas 2: request aneh tidak membuat server error atau stack trace', async () => {
    const s = await app('2');
    const token = rememberFrom(await login(s.browser()), '(kerjakan Tugas 1 dulu)');
    const json = (path: string) => `POST ${path} HTTP/1.1\r\nContent-Type: application/json\r\nContent-Length: 5`;
    const odd: [string, string, string?, number?][] = [
      ['OPTIONS *', 'OPTIONS * HTTP/1.1'],
      ['OPTIONS * dengan cookie remember', `OPTIONS * HTTP/1.1\r\nCookie: remember=${token.raw}`],
      ['metode tak dikenal', `PROPFIND /dashboard HTTP/1.1\r\nCookie: remember=${token.raw}`],
      ['JSON rusak ke /login', json('/login'), '{bad}', 400],
      ['JSON rusak ke /password', json('/password'), '{bad}', 400],
    ];
    for (const [what, head, body, status] of odd) {
      const res = await rawRequest(s.server, head, body);
      const line = head.split('\r\n')[0]!;
      check(res.status > 0 && res.status < 500 && (status === undefined || res.status === status), `${what} (${line}) harus dijawab tanpa server error.`, {
        diharapkan: status ?? '4xx (bukan 5xx)',
        diterima: res.text.slice(0, 400),
        petunjuk: line.startsWith('OPTIONS *') ? 'Untuk target "*", express-session tidak membuat req.session: periksa dulu req.session sebelum membacanya.' : undefined,
      });
      check(!STACK.test(res.text), `${what} (${line}): response tidak boleh berisi stack trace.`, { diterima: res.text.slice(0, 400) });
    }
    // Error sungguhan di server (database sudah ditutup): boleh 500, tetapi tanpa stack trace.
    const broken = await setup();
    (broken.app.locals.db as { close(): void }).close();
    const res = await dashboard(broken.browser(), withOnly(unknownToken()));
    check(res.status > 0 && !STACK.test(res.body), 'error di server (di sini: database sudah ditutup) boleh dijawab 500, tetapi tanpa stack trace.', {
      diharapkan: '500 {"error":"…"} tanpa stack trace',
      diterima: res.body.slice(0, 400),
      res,
    });
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

  test('Tugas 3: jendela tenggang paling lama 60 detik: validator lama pada detik ke-61 dianggap pencurian', async () => {
    const s = await app('3');
    const old = rememberFrom(await login(s.browser()), '(kerjakan Tugas 1 dulu)');
    const used = await dashboard(s.browser(), withOnly(old));
    checkLoggedIn(used, 'prasyarat: token harus bisa dipakai masuk sekali (Tugas 2).');
    const newest = rememberFrom(used, '(rotasi dari Tugas 2)');
    s.clock.advance(61 * SECOND);
    const replay = await dashboard(s.browser(), withOnly(old));
    checkRejected(replay, 'validator lama yang datang 61 detik setelah rotasi harus ditolak: jendela tenggang paling lama 60 detik.');
    checkCleared(replay, 'token yang dianggap curian harus dihapus juga dari browser (clearRemember).');
    checkRejected(await dashboard(s.browser(), withOnly(newest)), 'validator lama pada detik ke-61 adalah tanda pencurian: token terbaru juga harus dicabut.');
  });

  test('Tugas 3: selector benar dengan validator salah mencabut semua token pengguna itu saja', async () => {
    const s = await app('3');
    const laptop = rememberFrom(await login(s.browser()), '(kerjakan Tugas 1 dulu)');
    const phone = rememberFrom(await login(s.browser()));
    const sari = rememberFrom(await login(s.browser(), SARI));
    checkRejected(await dashboard(s.browser(), withOnly(forge(laptop))), 'validator yang salah tidak boleh membuat login.');
    const res = await dashboard(s.browser(), withOnly(phone));
    checkRejected(res, 'validator palsu untuk satu selector harus mencabut SEMUA token budi, termasuk token di perangkat lain.');
    const other = await s.browser().get('/dashboard', withOnly(sari));
    check(other.status === 200 && other.body.includes('sari'), 'token milik pengguna lain (sari) tidak boleh ikut dicabut.', {
      diharapkan: '200 dengan nama "sari"',
      diterima: other.status,
      res: other,
    });
  });

  test('Tugas 3: dalam jendela tenggang, validator asal-asalan tetap dianggap pencurian', async () => {
    const s = await app('3');
    const old = rememberFrom(await login(s.browser()), '(kerjakan Tugas 1 dulu)');
    const used = await dashboard(s.browser(), withOnly(old));
    checkLoggedIn(used, 'prasyarat: token harus bisa dipakai masuk sekali (Tugas 2).');
    const newest = rememberFrom(used, '(rotasi dari Tugas 2)');
    s.clock.advance(SECOND);
    const forged = await dashboard(s.browser(), withOnly(forge(old)));
    checkRejected(forged, 'jendela tenggang hanya untuk validator SEBELUMNYA: validator lain yang datang 1 detik setelah rotasi harus ditolak.');
    checkRejected(await dashboard(s.browser(), withOnly(newest)), 'validator asal-asalan dalam jendela tenggang juga tanda pencurian: token terbaru harus ikut dicabut.');
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
    check(!findSetCookie(late, 'remember'), 'request dalam jendela tenggang diterima TANPA rotasi lagi: jangan kirim (atau hapus) cookie remember, agar token terbaru dari tab pertama tetap berlaku di browser.', {
      diterima: late.setCookies,
      res: late,
    });
    checkLoggedIn(await dashboard(s.browser(), withOnly(newest)), 'token terbaru harus tetap sah setelah request dalam jendela tenggang.');
  });

  test('Tugas 3: jendela tenggang dihitung dari saat rotasi, bukan dari saat login', async () => {
    const s = await app('3');
    const old = rememberFrom(await login(s.browser()), '(kerjakan Tugas 1 dulu)');
    s.clock.advance(10 * MINUTE);
    const used = await dashboard(s.browser(), withOnly(old));
    checkLoggedIn(used, 'token yang berumur 10 menit harus bisa dipakai masuk (Tugas 2).');
    const newest = rememberFrom(used);
    s.clock.advance(5 * SECOND);
    checkLoggedIn(
      await dashboard(s.browser(), withOnly(old)),
      'validator lama 5 detik setelah rotasi (rotasi terjadi 10 menit setelah login) harus diterima: jendela tenggang dimulai saat rotasi (catat waktunya saat merotasi).',
    );
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
    checkOkJson(out, 'POST /logout (JSON)');
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

  test('Tugas 4: logout tanpa sid atau tanpa remember tetap berhasil dan mencabut tokennya', async () => {
    const s = await app('4');
    const plain = s.browser();
    await login(plain, BUDI, false);
    const out = await plain.post('/logout');
    check(out.status >= 200 && out.status < 400, 'POST /logout tanpa cookie remember (login tanpa "Ingat saya") harus tetap berhasil.', {
      diharapkan: '2xx atau 303',
      diterima: out.status,
      res: out,
    });

    const before = (await rows(s)).length;
    const token = rememberFrom(await login(s.browser()), '(kerjakan Tugas 1 dulu)');
    // Browser baru dibuka (sid sudah hilang), lalu tombol Logout di halaman lama ditekan: form HTML.
    const res = await s.browser().post('/logout', withOnly(token, { accept: 'text/html' }));
    check([302, 303].includes(res.status) && /\/login$/.test(res.headers.get('location') ?? ''), 'POST /logout dari form HTML (yang hanya membawa cookie remember) harus berhasil dan mengarahkan ke /login.', {
      diharapkan: '303 dengan Location: /login',
      diterima: `${res.status} ${res.headers.get('location') ?? ''}`,
      res,
    });
    checkCleared(res, 'logout yang hanya membawa cookie remember harus tetap menghapus cookie itu di browser.');
    const left = await rows(s);
    check(left.length === before, 'logout yang hanya membawa cookie remember harus menghapus token perangkat ini, tanpa meninggalkan token baru di tabel.', {
      diharapkan: `${before} baris`,
      diterima: left,
    });
    checkRejected(await dashboard(s.browser(), withOnly(token)), 'setelah logout, token itu tidak boleh bisa dipakai masuk lagi.');
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
    const bad = await s.browser().post('/login', { form: { username: 'budi', password: 'salah-tebak' } });
    check(bad.status === 401 && mediaType(bad) === 'text/html', 'login form dengan password salah harus ditolak dengan 401 dan form login lagi (HTML).', {
      diharapkan: '401 text/html',
      diterima: `${bad.status} ${bad.headers.get('content-type')}`,
      res: bad,
    });
    const badJson = await s.browser().post('/login', { json: { username: 'budi', password: 'salah-tebak' } });
    check(badJson.status === 401 && mediaType(badJson) === 'application/json', 'login JSON dengan password salah harus ditolak dengan 401 JSON.', {
      diharapkan: '401 application/json',
      diterima: `${badJson.status} ${badJson.headers.get('content-type')}`,
      res: badJson,
    });
    for (const json of [{ username: ['budi'], password: BUDI.password }, { username: 'budi', password: { $ne: '' } }]) {
      const odd = await s.browser().post('/login', { json });
      checkStatus(odd, 401, `login JSON dengan username/password yang bukan string (${JSON.stringify(json)}) harus ditolak dengan 401, bukan error.`);
    }
  });

  test('Tugas 4: password baru minimal 8 karakter, lewat JSON maupun form', async () => {
    const s = await app('4');
    const browser = s.browser();
    await login(browser, SARI, false);
    for (const newPassword of ['7-huruf', 12345678, undefined]) {
      const res = await browser.post('/password', { json: { currentPassword: SARI.password, newPassword } });
      check([400, 422].includes(res.status), `password baru ${JSON.stringify(newPassword) ?? '(tidak ada)'} harus ditolak: password baru harus string minimal 8 karakter.`, {
        diharapkan: 400,
        diterima: res.status,
        res,
      });
    }
    checkStatus(await s.browser().post('/login', { json: SARI }), 200, 'password yang ditolak tidak boleh mengubah password lama.');
    const newPassword = '8-huruf!';
    const res = await browser.post('/password', { form: { currentPassword: SARI.password, newPassword } });
    check((res.status >= 200 && res.status < 300) || ([302, 303].includes(res.status) && /\/dashboard$/.test(res.headers.get('location') ?? '')), 'POST /password lewat form HTML dengan password baru 8 karakter harus berhasil (redirect ke /dashboard, atau 2xx).', {
      diharapkan: '303 dengan Location: /dashboard',
      diterima: `${res.status} ${res.headers.get('location') ?? ''}`,
      res,
    });
    checkStatus(await s.browser().post('/login', { json: { username: SARI.username, password: newPassword } }), 200, 'password baru (8 karakter) harus bisa dipakai login.');
  });

  test('Tugas 4: ganti password mencabut semua token remember pengguna itu', async () => {
    const s = await app('4');
    const laptop = rememberFrom(await login(s.browser()), '(kerjakan Tugas 1 dulu)');
    const phone = s.browser();
    const phoneToken = rememberFrom(await login(phone));
    const newPassword = 'kopi-hitam-2027';
    const res = await phone.post('/password', { json: { currentPassword: BUDI.password, newPassword } });
    check(res.status === 200 || res.status === 204, 'POST /password (JSON: currentPassword, newPassword) harus berhasil dengan 200 JSON.', {
      diharapkan: '200 {"ok":true}',
      diterima: res.status,
      res,
    });
    checkOkJson(res, 'POST /password (JSON)');
    checkRejected(await dashboard(s.browser(), withOnly(laptop)), 'setelah ganti password, token remember di perangkat lain harus dicabut.');
    checkRejected(await dashboard(s.browser(), withOnly(phoneToken)), 'setelah ganti password, token remember lama di perangkat ini juga harus dicabut.');
    const oldLogin = await s.browser().post('/login', { json: { username: 'budi', password: BUDI.password } });
    checkStatus(oldLogin, 401, 'password lama tidak boleh lagi bisa dipakai login.');
    const newLogin = await s.browser().post('/login', { json: { username: 'budi', password: newPassword } });
    checkStatus(newLogin, 200, 'password baru harus bisa dipakai login.');
  });

  test('Tugas 4: setelah ganti password, cookie remember perangkat ini dihapus dan session ID-nya baru', async () => {
    const s = await app('4');
    const phone = s.browser();
    rememberFrom(await login(phone, EKA), '(kerjakan Tugas 1 dulu)');
    const sid = await phone.cookie('sid');
    const res = await phone.post('/password', { json: { currentPassword: EKA.password, newPassword: 'roti-tawar-2027' } });
    check(res.status >= 200 && res.status < 400, 'POST /password harus berhasil.', { diharapkan: 200, diterima: res.status, res });
    checkCleared(res, 'ganti password harus menghapus cookie remember di perangkat ini juga (clearRemember): tokennya sudah dicabut.');
    const after = await dashboard(phone);
    if (after.status === 200) {
      check((await phone.cookie('sid')) !== sid, 'bila perangkat ini tetap login setelah ganti password, session ID-nya harus baru (regenerate): hak aksesnya berubah.', {
        diharapkan: 'sid baru',
        diterima: `sid tetap ${sid}`,
        res,
      });
    }
  });
});
