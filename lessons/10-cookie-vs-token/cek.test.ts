// Persyaratan pelajaran 10 (tugas, petunjuk, komentar awal.ts, teks) → tes yang menjaganya.
// Tugas 1, sign/unsign:
// - sign = nilai + "." + HMAC-SHA256(nilai, secret) (base64url; base64/hex diterima) → "Tugas 1: sign
//   menambahkan titik dan HMAC-SHA256 dari nilainya"
// - unsign mengembalikan nilai asli, secret berupa string atau array → "Tugas 1: unsign mengembalikan
//   nilai yang ditandatangani sign"
// - pisahkan di titik TERAKHIR → "Tugas 1: nilai yang berisi titik tetap utuh (pisahkan di titik terakhir)"
// - rotasi: secret mana pun di daftar memverifikasi → "Tugas 1: rotasi kunci — secret mana pun di daftar
//   memverifikasi"
// - nilai/signature diubah, dipotong, diperpanjang, secret salah, kosong → false tanpa melempar; panjang
//   dalam byte → "Tugas 1: nilai yang diubah ditolak", "Tugas 1: signature yang diubah, dipotong, atau
//   diperpanjang ditolak tanpa melempar error", "Tugas 1: secret yang salah ditolak", "Tugas 1: masukan
//   kosong atau tanpa signature ditolak"
// - dibandingkan dengan timingSafeEqual (langsung atau HMAC ganda) → "Tugas 1: keputusan cocok atau
//   tidak diambil oleh timingSafeEqual"
// Tugas 2, cookie prefs:
// - HttpOnly, SameSite=Lax, Path=/, Max-Age satu tahun → "Tugas 2: POST /preferences memasang cookie
//   prefs dengan atribut yang aman". Secure di production (ASVS 3.3.1) dipasang solusi rujukan sebagai
//   praktik baik, tetapi tidak dinilai: tugasnya tidak memintanya
// - nilai = sign(base64url(JSON), secret pertama), JSON dan form → "Tugas 2: isi cookie adalah
//   base64url(JSON) yang ditandatangani dengan secret pertama", "Tugas 2: GET /preferences membaca
//   kembali cookie yang sah"
// - theme light|dark, lang id|en cocok persis, selain itu 400 tanpa cookie → "Tugas 2: pilihan yang
//   tidak dikenal ditolak dengan 400 tanpa cookie"; JSON rusak 400, tanpa stack trace di production →
//   "Tugas 2: JSON yang rusak dijawab 400, tanpa stack trace di production"
// - GET: cookie tidak ada, diubah, dipalsukan, rusak → nilai bawaan dengan 200; isi tetap divalidasi
//   → "Tugas 2: tanpa cookie, GET /preferences menjawab nilai bawaan", "Tugas 2: payload yang diubah
//   dengan signature lama → nilai bawaan", "Tugas 2: cookie palsu atau tanpa signature → nilai bawaan",
//   "Tugas 2: cookie rusak tidak membuat server error"
// - GET menjawab hanya { theme, lang } → "Tugas 2: isi cookie yang sah pun dijawab hanya sebagai { theme, lang }"
// - GET memakai unsign (timingSafeEqual) → "Tugas 2: GET /preferences memverifikasi cookie dengan
//   timingSafeEqual (lewat unsign)"
// - secret: options.secrets (string atau array) → "Tugas 2: options.secrets boleh berupa satu string",
//   "Tugas 2: rotasi kunci — secret pertama menandatangani, semua memverifikasi"; lalu COOKIE_SECRETS
//   dipisah koma, isian kosong dibuang → "Tugas 2: tanpa opsi, secret dibaca dari COOKIE_SECRETS (dipisah
//   koma)", "Tugas 2: isian kosong di COOKIE_SECRETS dibuang"; lalu cadangan acak dari CSPRNG dengan
//   peringatan, tidak pernah secret kosong → "Tugas 2: COOKIE_SECRETS kosong berarti secret cadangan
//   acak, bukan secret kosong", "Tugas 2: secret cadangan berasal dari CSPRNG", "Tugas 2: tanpa secret
//   sama sekali, app tetap jalan dan memberi peringatan"
import { createHmac } from 'node:crypto';
import type { RequestListener } from 'node:http';
import { describe, test, vi } from 'vitest';
import {
  attempt,
  check,
  checkStatus,
  client,
  fail,
  findSetCookie,
  loadExercise,
  requireSetCookie,
  type Res,
  type RunningServer,
  serve,
  spyTimingSafeEqual,
  withEnv,
  withPredictableRandom,
  withServer,
} from '#harness';

interface Exercise {
  sign(value: string, secret: string): string;
  unsign(signed: string, secrets: string | string[]): string | false;
  createApp(options?: { secrets?: string | string[] }): RequestListener;
}

const mod = await loadExercise<Exercise>(import.meta.url);

const SECRET = 'rahasia-checker-pelajaran-10';
const DEFAULTS = { theme: 'light', lang: 'id' };
const DAY_S = 24 * 60 * 60;

// ---------------------------------------------------------------------------
// HMAC-SHA256 dihitung sendiri oleh checker. Encoding apa pun yang umum diterima.

type Encoding = 'base64url' | 'base64' | 'base64 tanpa =' | 'hex';
const ENCODINGS: Encoding[] = ['base64url', 'base64', 'base64 tanpa =', 'hex'];

function hmac(value: string, secret: string, encoding: Encoding = 'base64url'): string {
  const mac = createHmac('sha256', secret).update(value);
  if (encoding === 'base64 tanpa =') return mac.digest('base64').replace(/=+$/, '');
  return mac.digest(encoding);
}

/** Encoding tempat `signature` sama dengan HMAC-SHA256(value, secret), atau undefined. */
function encodingOf(signature: string, value: string, secret: string): Encoding | undefined {
  return ENCODINGS.find((e) => hmac(value, secret, e) === signature);
}

function splitAtLastDot(signed: string): { value: string; signature: string } | undefined {
  const dot = signed.lastIndexOf('.');
  return dot === -1 ? undefined : { value: signed.slice(0, dot), signature: signed.slice(dot + 1) };
}

const call = {
  sign: (value: string, secret: string) => attempt(`sign(${JSON.stringify(value)}, ${JSON.stringify(secret)})`, () => mod.sign(value, secret)),
  unsign: (signed: string, secrets: string | string[]) =>
    attempt(`unsign(${JSON.stringify(signed)}, ${JSON.stringify(secrets)})`, () => mod.unsign(signed, secrets)),
};

/** Signature sah dari sign() milik pelajar, setelah memastikan bentuknya benar. */
async function signed(value: string, secret: string): Promise<{ signed: string; signature: string }> {
  const result = await call.sign(value, secret);
  check(typeof result === 'string' && result.startsWith(`${value}.`), `sign(${JSON.stringify(value)}, ...) harus mengembalikan nilai, titik, lalu signature.`, {
    diharapkan: `${value}.${hmac(value, secret)}`,
    diterima: result,
  });
  return { signed: result, signature: result.slice(value.length + 1) };
}

async function rejects(input: string, secrets: string | string[], why: string) {
  const got = await call.unsign(input, secrets);
  check(got === false, `unsign(${JSON.stringify(input)}, ${JSON.stringify(secrets)}) harus false: ${why}.`, { diharapkan: false, diterima: got });
}

async function accepts(input: string, secrets: string | string[], expected: string, why: string) {
  const got = await call.unsign(input, secrets);
  check(got === expected, `unsign(${JSON.stringify(input)}, ${JSON.stringify(secrets)}) harus mengembalikan nilai aslinya: ${why}.`, {
    diharapkan: expected,
    diterima: got,
  });
}

/** Mengganti satu karakter dengan karakter lain yang sah di base64, base64url, maupun hex. */
function changeCharAt(text: string, i: number): string {
  return text.slice(0, i) + (text[i] === '0' ? '1' : '0') + text.slice(i + 1);
}

describe('Tugas 1: sign dan unsign dengan HMAC-SHA256', () => {
  test('Tugas 1: sign menambahkan titik dan HMAC-SHA256 dari nilainya', async () => {
    for (const [value, secret] of [
      ['halo', SECRET],
      ['halo', 'secret-lain'],
      ['budi.santoso@contoh.id', SECRET],
    ] as const) {
      const { signature } = await signed(value, secret);
      check(encodingOf(signature, value, secret) !== undefined, `signature sign(${JSON.stringify(value)}, ${JSON.stringify(secret)}) harus HMAC-SHA256 dari nilai itu dengan secret sebagai kunci.`, {
        diharapkan: `${value}.${hmac(value, secret)}  (base64url; base64 atau hex juga diterima)`,
        diterima: `${value}.${signature}`,
        petunjuk: "createHmac('sha256', secret).update(value).digest('base64url')",
      });
    }
  });

  test('Tugas 1: unsign mengembalikan nilai yang ditandatangani sign', async () => {
    for (const value of ['halo', 'eyJ0aGVtZSI6ImRhcmsifQ', 'tema gelap ☕']) {
      const s = await signed(value, SECRET);
      await accepts(s.signed, SECRET, value, 'secret berupa string');
      await accepts(s.signed, [SECRET], value, 'secret berupa array');
    }
  });

  test('Tugas 1: nilai yang berisi titik tetap utuh (pisahkan di titik terakhir)', async () => {
    for (const value of ['budi.santoso@contoh.id', 'v1.budi.admin', 'a.b.c.']) {
      const s = await signed(value, SECRET);
      await accepts(s.signed, SECRET, value, 'nilainya sendiri boleh berisi titik, jadi signature dimulai setelah titik TERAKHIR');
    }
  });

  test('Tugas 1: rotasi kunci — secret mana pun di daftar memverifikasi', async () => {
    const old = await signed('theme=dark', 'rahasia-lama');
    await accepts(old.signed, ['rahasia-baru', 'rahasia-lama'], 'theme=dark', 'cookie lama yang ditandatangani "rahasia-lama" masih diterima selama secret itu ada di daftar');
    await accepts(old.signed, ['a', 'b', 'rahasia-lama'], 'theme=dark', 'periksa SEMUA secret di daftar, bukan hanya yang pertama');
    const fresh = await signed('theme=dark', 'rahasia-baru');
    await rejects(fresh.signed, ['rahasia-lama'], 'ditandatangani "rahasia-baru", yang tidak ada di daftar');
    await rejects(fresh.signed, 'rahasia-lama', 'ditandatangani "rahasia-baru", bukan "rahasia-lama"');
  });

  test('Tugas 1: nilai yang diubah ditolak', async () => {
    const { signature } = await signed('theme=dark', SECRET);
    await rejects(`theme=lite.${signature}`, SECRET, 'nilainya diubah tetapi signature lama dipakai');
    await rejects(`theme=dark2.${signature}`, SECRET, 'nilainya diperpanjang');
    await rejects(`xtheme=dark.${signature}`, SECRET, 'ada karakter di depan nilai');
    const dotted = await signed('v1.budi.user', SECRET);
    await rejects(`v1.budi.admin.${dotted.signature}`, SECRET, 'bagian sebelum titik terakhir juga dilindungi signature');
    await rejects(`v1.budi.${dotted.signature}`, SECRET, 'bagian nilai setelah titik pertama dibuang');
  });

  test('Tugas 1: signature yang diubah, dipotong, atau diperpanjang ditolak tanpa melempar error', async () => {
    const { signature } = await signed('theme=dark', SECRET);
    const value = 'theme=dark';
    await rejects(`${value}.${changeCharAt(signature, 0)}`, SECRET, 'karakter pertama signature diubah');
    await rejects(`${value}.${changeCharAt(signature, Math.floor(signature.length / 2))}`, SECRET, 'karakter tengah signature diubah');
    await rejects(`${value}.${signature.slice(0, -1)}`, SECRET, 'signature kurang satu karakter (panjang berbeda: periksa panjang sebelum timingSafeEqual)');
    await rejects(`${value}.${signature.slice(0, 8)}`, SECRET, 'signature hanya 8 karakter pertama');
    await rejects(`${value}.`, SECRET, 'signature kosong');
    await rejects(`${value}.${signature}AA`, SECRET, 'signature diperpanjang');
    await rejects(`${value}.${signature}${signature}`, SECRET, 'signature diulang dua kali');
    await rejects(`${value}.${signature.slice(0, -1)}☕`, SECRET, 'jumlah karakternya sama, tetapi ☕ memakan 3 byte: bandingkan panjang Buffer, bukan panjang string');
  });

  test('Tugas 1: keputusan cocok atau tidak diambil oleh timingSafeEqual', async () => {
    const s = await signed('theme=dark', SECRET);
    const calls = spyTimingSafeEqual();
    await accepts(s.signed, [SECRET], 'theme=dark', 'signature yang sah');
    check(calls.some((c) => c.a.equals(c.b)), 'unsign harus memutuskan "cocok" lewat crypto.timingSafeEqual, bukan ===, Buffer.equals, atau Buffer.compare.', {
      diharapkan: 'timingSafeEqual(diharapkan, diterima) bernilai true untuk signature yang sah',
      diterima: calls.length ? `${calls.length} panggilan timingSafeEqual, tidak satu pun dengan kedua Buffer sama` : 'timingSafeEqual tidak pernah dipanggil',
      petunjuk: '=== berhenti di karakter pertama yang berbeda, jadi waktunya membocorkan berapa karakter yang sudah benar. Bandingkan Buffer signature (atau HMAC dari kedua sisi) dengan timingSafeEqual.',
    });
    calls.length = 0;
    const forged = `theme=dark.${changeCharAt(s.signature, 5)}`;
    await rejects(forged, [SECRET], 'satu karakter signature diubah');
    check(calls.length > 0 && calls.every((c) => !c.a.equals(c.b)), 'signature palsu yang panjangnya sama juga harus ditolak lewat crypto.timingSafeEqual.', {
      diharapkan: 'timingSafeEqual dipanggil dan bernilai false',
      diterima: calls.length ? `${calls.length} panggilan, ada yang bernilai true` : 'timingSafeEqual tidak pernah dipanggil',
    });
  });

  test('Tugas 1: secret yang salah ditolak', async () => {
    const s = await signed('theme=dark', SECRET);
    await rejects(s.signed, 'secret-penyerang', 'ditandatangani dengan secret lain');
    await rejects(s.signed, ['secret-penyerang', 'secret-lain'], 'tidak ada secret di daftar yang cocok');
    await rejects(`theme=dark.${hmac('theme=dark', 'secret-penyerang')}`, SECRET, 'signature dibuat penyerang dengan secret-nya sendiri');
  });

  test('Tugas 1: masukan kosong atau tanpa signature ditolak', async () => {
    await rejects('', SECRET, 'string kosong');
    await rejects('.', SECRET, 'hanya titik');
    await rejects('theme=dark', SECRET, 'tidak ada titik, jadi tidak ada signature');
    await rejects('theme=dark.%%%☕', SECRET, 'signature berisi karakter sembarang');
  });
});

// ---------------------------------------------------------------------------
// Tugas 2: app preferensi.

const DEV = { NODE_ENV: undefined, COOKIE_SECRETS: undefined };

async function makeApp(options?: { secrets?: string | string[] }, env: Record<string, string | undefined> = DEV) {
  return withEnv(env, () => attempt(`createApp(${options ? JSON.stringify(options) : ''})`, () => mod.createApp(options)));
}

const server = await serve(await makeApp({ secrets: [SECRET] }));

function cookieText(raw: string): string {
  const unquoted = raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  try {
    return decodeURIComponent(unquoted);
  } catch {
    return unquoted;
  }
}

function decodePayload(payload: string): any {
  try {
    return JSON.parse(Buffer.from(payload, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** POST /preferences yang harus berhasil; mengembalikan nilai cookie prefs apa adanya (raw). */
async function savePrefs(s: RunningServer | string, prefs: Record<string, string>, as: 'json' | 'form' = 'json') {
  const res = await client(s).post('/preferences', as === 'json' ? { json: prefs } : { form: prefs });
  check(res.status >= 200 && res.status < 400, `POST /preferences (${as === 'json' ? 'JSON' : 'form'}) dengan pilihan yang sah harus berhasil.`, {
    diharapkan: '200 (atau 2xx/3xx lain)',
    diterima: res.status,
    res,
  });
  return { res, cookie: requireSetCookie(res, 'prefs') };
}

async function getPrefs(s: RunningServer | string, cookieValue?: string): Promise<{ res: Res; body: any }> {
  const headers: Record<string, string> = cookieValue === undefined ? {} : { cookie: `prefs=${cookieValue}` };
  const res = await client(s).get('/preferences', { headers });
  checkStatus(res, 200, 'GET /preferences harus selalu menjawab 200, juga untuk cookie yang rusak atau dipalsukan.');
  return { res, body: res.json() };
}

function checkPrefs(got: { res: Res; body: any }, expected: { theme: string; lang: string }, message: string) {
  check(got.body?.theme === expected.theme && got.body?.lang === expected.lang, message, {
    diharapkan: expected,
    diterima: got.res.body,
    res: got.res,
  });
}

/** Memeriksa bentuk cookie prefs: base64url(JSON) + "." + HMAC-SHA256(payload, secret). */
function inspectCookie(raw: string, secret: string, expected: { theme: string; lang: string }, res: Res) {
  const text = cookieText(raw);
  const parts = splitAtLastDot(text);
  const json = parts && decodePayload(parts.value);
  check(json?.theme === expected.theme && json?.lang === expected.lang, 'isi cookie prefs harus base64url(JSON preferensi), titik, lalu signature.', {
    diharapkan: `${Buffer.from(JSON.stringify(expected)).toString('base64url')}.<signature>  (payload = ${JSON.stringify(expected)})`,
    diterima: raw,
    res,
  });
  const encoding = encodingOf(parts!.signature, parts!.value, secret);
  check(encoding !== undefined, `signature cookie prefs harus HMAC-SHA256 dari payload dengan secret "${secret}" (secret pertama di daftar).`, {
    diharapkan: `${parts!.value}.${hmac(parts!.value, secret)}`,
    diterima: text,
    petunjuk: 'Pakai sign(payload, secrets[0]) dari Tugas 1.',
    res,
  });
  return { payload: parts!.value, signature: parts!.signature, encoding };
}

let appEncoding: Encoding | undefined;
/** Encoding signature yang dipakai app ini, agar cookie palsu dibuat dalam format yang sama. */
async function encodingOfApp(): Promise<Encoding> {
  if (!appEncoding) {
    const { res, cookie } = await savePrefs(server, { theme: 'dark', lang: 'en' });
    appEncoding = inspectCookie(cookie.value, SECRET, { theme: 'dark', lang: 'en' }, res).encoding;
  }
  return appEncoding;
}

const b64url = (obj: unknown) => Buffer.from(typeof obj === 'string' ? obj : JSON.stringify(obj)).toString('base64url');

describe('Tugas 2: cookie preferensi yang ditandatangani', () => {
  test('Tugas 2: POST /preferences memasang cookie prefs dengan atribut yang aman', async () => {
    const { res, cookie } = await savePrefs(server, { theme: 'dark', lang: 'en' });
    const want = 'prefs=<nilai>; Max-Age=31536000; Path=/; HttpOnly; SameSite=Lax';
    check(cookie.attrs.httponly === true, 'cookie prefs harus HttpOnly: JavaScript halaman tidak perlu membacanya.', { diharapkan: want, diterima: cookie.raw, res });
    check(String(cookie.attrs.samesite).toLowerCase() === 'lax', 'cookie prefs harus SameSite=Lax.', { diharapkan: want, diterima: cookie.raw, res });
    check(cookie.attrs.path === '/', 'cookie prefs harus Path=/ agar terkirim ke semua halaman.', { diharapkan: want, diterima: cookie.raw, res });
    const maxAge = Number(cookie.attrs['max-age']);
    check(maxAge >= 365 * DAY_S && maxAge <= 366 * DAY_S, 'cookie prefs harus persistent selama satu tahun lewat Max-Age (dalam detik).', {
      diharapkan: 'Max-Age=31536000',
      diterima: cookie.raw,
      petunjuk: "res.cookie memakai maxAge dalam MILIDETIK: 365 * 24 * 60 * 60 * 1000.",
      res,
    });
  });

  test('Tugas 2: isi cookie adalah base64url(JSON) yang ditandatangani dengan secret pertama', async () => {
    await encodingOfApp();
    const { res, cookie } = await savePrefs(server, { theme: 'light', lang: 'en' }, 'form');
    inspectCookie(cookie.value, SECRET, { theme: 'light', lang: 'en' }, res);
  });

  test('Tugas 2: GET /preferences membaca kembali cookie yang sah', async () => {
    const browser = client(server);
    const first = await browser.post('/preferences', { json: { theme: 'dark', lang: 'en' } });
    requireSetCookie(first, 'prefs');
    const res = await browser.get('/preferences');
    checkPrefs({ res, body: res.json() }, { theme: 'dark', lang: 'en' }, 'setelah POST { theme: dark, lang: en }, GET /preferences harus menjawab preferensi itu dari cookie.');
    await browser.post('/preferences', { form: { theme: 'light', lang: 'en' } });
    const again = await browser.get('/preferences');
    checkPrefs({ res: again, body: again.json() }, { theme: 'light', lang: 'en' }, 'setelah POST form theme=light&lang=en, GET /preferences harus menjawab preferensi baru itu.');
  });

  test('Tugas 2: tanpa cookie, GET /preferences menjawab nilai bawaan', async () => {
    checkPrefs(await getPrefs(server), DEFAULTS, 'tanpa cookie prefs, jawabannya nilai bawaan.');
  });

  test('Tugas 2: pilihan yang tidak dikenal ditolak dengan 400 tanpa cookie', async () => {
    const bad: { json?: unknown; form?: Record<string, string> }[] = [
      {},
      { json: { theme: 'ungu', lang: 'id' } },
      { json: { theme: 'dark', lang: 'jp' } },
      { json: { theme: ['dark'], lang: 'id' } },
      { form: { theme: 'DARK', lang: 'id' } },
      { json: { theme: 'Dark', lang: 'id' } },
      { json: { theme: ' dark', lang: 'id' } },
      { json: { theme: 'dark2', lang: 'id' } },
      { json: { theme: 'dark', lang: 'ID' } },
      { json: { theme: 'dark', lang: 'en ' } },
      { json: { theme: 'dark' } },
      { json: { lang: 'en' } },
      { json: { theme: 1, lang: 'id' } },
      { json: { theme: 'constructor', lang: 'id' } },
      { form: { theme: 'light', lang: 'idn' } },
    ];
    for (const body of bad) {
      const res = await client(server).post('/preferences', body);
      checkStatus(res, 400, `POST /preferences dengan ${body.json === undefined && body.form === undefined ? '(tanpa body)' : JSON.stringify(body.json ?? body.form)} harus ditolak dengan 400.`);
      check(!findSetCookie(res, 'prefs'), 'request yang ditolak tidak boleh mengirim cookie prefs.', { diterima: res.setCookies, res });
    }
  });

  test('Tugas 2: payload yang diubah dengan signature lama → nilai bawaan', async () => {
    const { cookie } = await savePrefs(server, { theme: 'light', lang: 'en' });
    const raw = splitAtLastDot(cookie.value);
    const json = raw && decodePayload(cookieText(raw.value));
    if (!raw || !json) fail('cookie prefs harus berisi base64url(JSON), titik, lalu signature.', { diterima: cookie.raw });
    const tampered = `${b64url({ ...json, theme: 'dark' })}.${raw.signature}`;
    checkPrefs(
      await getPrefs(server, tampered),
      DEFAULTS,
      'payload diubah (theme light → dark) tetapi signature-nya lama: perubahan harus ketahuan dan cookie diabaikan.',
    );
  });

  test('Tugas 2: cookie palsu atau tanpa signature → nilai bawaan', async () => {
    const encoding = await encodingOfApp();
    const payload = b64url({ theme: 'dark', lang: 'en' });
    const cases: [string, string][] = [
      [`${payload}.${hmac(payload, 'secret-penyerang', encoding)}`, 'ditandatangani penyerang dengan secret lain'],
      [payload, 'tanpa signature sama sekali'],
      [`${payload}.`, 'signature kosong'],
      [`${payload}.${hmac(payload, SECRET, encoding).slice(0, 10)}`, 'signature yang dipotong'],
    ];
    for (const [value, why] of cases) {
      checkPrefs(await getPrefs(server, value), DEFAULTS, `cookie prefs ${why} tidak boleh dipercaya.`);
    }
  });

  test('Tugas 2: cookie rusak tidak membuat server error', async () => {
    const encoding = await encodingOfApp();
    const notJson = b64url('bukan json');
    const weird = b64url({ theme: 'ungu', lang: 'en' });
    for (const value of ['%%%', 'abc.def', `${notJson}.${hmac(notJson, SECRET, encoding)}`]) {
      checkPrefs(await getPrefs(server, value), DEFAULTS, `cookie prefs=${value} tidak bisa dibaca, jadi jawabannya nilai bawaan.`);
    }
    const got = await getPrefs(server, `${weird}.${hmac(weird, SECRET, encoding)}`);
    check(['light', 'dark'].includes(got.body?.theme) && ['id', 'en'].includes(got.body?.lang), 'isi cookie tetap divalidasi walaupun signature-nya sah: theme hanya light/dark, lang hanya id/en.', {
      diharapkan: DEFAULTS,
      diterima: got.res.body,
      res: got.res,
    });
  });

  test('Tugas 2: JSON yang rusak dijawab 400, tanpa stack trace di production', async () => {
    const broken = { body: '{"theme":"dark",', headers: { 'content-type': 'application/json' } };
    const res = await client(server).post('/preferences', broken);
    checkStatus(res, 400, 'POST /preferences dengan JSON yang rusak harus ditolak dengan 400, bukan error server.');
    check(!findSetCookie(res, 'prefs'), 'request yang ditolak tidak boleh mengirim cookie prefs.', { diterima: res.setCookies, res });
    const prodApp = await makeApp({ secrets: [SECRET] }, { NODE_ENV: 'production', COOKIE_SECRETS: undefined });
    await withEnv({ NODE_ENV: 'production' }, () =>
      withServer(prodApp, async (s) => {
        const prod = await client(s).post('/preferences', broken);
        checkStatus(prod, 400, 'di production, JSON yang rusak juga harus dijawab 400.');
        check(!/node_modules|:\d+:\d+\)|SyntaxError/.test(prod.body), 'di production, jawaban untuk JSON yang rusak tidak boleh berisi stack trace: itu membocorkan isi server.', {
          diharapkan: 'pesan singkat, mis. {"error":"Request tidak bisa diproses."}',
          diterima: prod.body.slice(0, 200),
          res: prod,
        });
      }),
    );
  });

  test('Tugas 2: isi cookie yang sah pun dijawab hanya sebagai { theme, lang }', async () => {
    const encoding = await encodingOfApp();
    const extra = b64url({ theme: 'dark', lang: 'en', admin: true });
    const got = await getPrefs(server, `${extra}.${hmac(extra, SECRET, encoding)}`);
    check(
      got.body !== null && typeof got.body === 'object' && !('admin' in got.body) && ['light', 'dark'].includes(got.body.theme) && ['id', 'en'].includes(got.body.lang),
      'GET /preferences harus menjawab hanya theme dan lang yang sah, bukan seluruh isi cookie: field lain tidak pernah dibuat server.',
      { diharapkan: '{"theme":"dark","lang":"en"}', diterima: got.res.body, res: got.res },
    );
  });

  test('Tugas 2: GET /preferences memverifikasi cookie dengan timingSafeEqual (lewat unsign)', async () => {
    const { cookie } = await savePrefs(server, { theme: 'dark', lang: 'en' });
    const calls = spyTimingSafeEqual();
    const got = await getPrefs(server, cookie.value);
    checkPrefs(got, { theme: 'dark', lang: 'en' }, 'cookie prefs yang sah harus terbaca kembali.');
    check(calls.some((c) => c.a.equals(c.b)), 'GET /preferences harus memverifikasi signature dengan unsign dari Tugas 1, yang membandingkan lewat crypto.timingSafeEqual.', {
      diharapkan: 'timingSafeEqual dipanggil dan bernilai true untuk cookie yang sah',
      diterima: calls.length ? `${calls.length} panggilan, tidak ada yang cocok` : 'timingSafeEqual tidak pernah dipanggil',
      petunjuk: 'const payload = unsign(nilaiCookie, secrets)',
      res: got.res,
    });
  });

  test('Tugas 2: options.secrets boleh berupa satu string', async () => {
    await withServer(await makeApp({ secrets: 'rahasia-tunggal' }), async (s) => {
      const { res, cookie } = await savePrefs(s, { theme: 'dark', lang: 'en' });
      inspectCookie(cookie.value, 'rahasia-tunggal', { theme: 'dark', lang: 'en' }, res);
      checkPrefs(await getPrefs(s, cookie.value), { theme: 'dark', lang: 'en' }, 'dengan secrets: "rahasia-tunggal", cookie yang baru dibuat harus terbaca kembali.');
    });
  });

  test('Tugas 2: rotasi kunci — secret pertama menandatangani, semua memverifikasi', async () => {
    const oldApp = await makeApp({ secrets: ['rahasia-lama'] });
    const newApp = await makeApp({ secrets: ['rahasia-baru', 'rahasia-lama'] });
    await withServer(oldApp, (oldServer) =>
      withServer(newApp, async (newServer) => {
        const fromOld = await savePrefs(oldServer, { theme: 'dark', lang: 'en' });
        checkPrefs(
          await getPrefs(newServer, fromOld.cookie.value),
          { theme: 'dark', lang: 'en' },
          'cookie dari app bersecret ["rahasia-lama"] harus diterima app bersecret ["rahasia-baru", "rahasia-lama"].',
        );
        const fromNew = await savePrefs(newServer, { theme: 'dark', lang: 'id' });
        inspectCookie(fromNew.cookie.value, 'rahasia-baru', { theme: 'dark', lang: 'id' }, fromNew.res);
        checkPrefs(
          await getPrefs(oldServer, fromNew.cookie.value),
          DEFAULTS,
          'cookie yang ditandatangani "rahasia-baru" harus ditolak app yang hanya mengenal "rahasia-lama".',
        );
      }),
    );
  });

  test('Tugas 2: tanpa opsi, secret dibaca dari COOKIE_SECRETS (dipisah koma)', async () => {
    const envApp = await makeApp(undefined, { NODE_ENV: undefined, COOKIE_SECRETS: 'env-baru,env-lama' });
    const oldApp = await makeApp({ secrets: ['env-lama'] });
    await withServer(envApp, (envServer) =>
      withServer(oldApp, async (oldServer) => {
        const { res, cookie } = await savePrefs(envServer, { theme: 'dark', lang: 'en' });
        inspectCookie(cookie.value, 'env-baru', { theme: 'dark', lang: 'en' }, res);
        const fromOld = await savePrefs(oldServer, { theme: 'dark', lang: 'id' });
        checkPrefs(
          await getPrefs(envServer, fromOld.cookie.value),
          { theme: 'dark', lang: 'id' },
          'dengan COOKIE_SECRETS="env-baru,env-lama", cookie yang ditandatangani "env-lama" harus diterima.',
        );
      }),
    );
  });

  test('Tugas 2: isian kosong di COOKIE_SECRETS dibuang', async () => {
    const envApp = await makeApp(undefined, { NODE_ENV: undefined, COOKIE_SECRETS: ',env-baru,,env-lama,' });
    await withServer(envApp, async (envServer) => {
      const { res, cookie } = await savePrefs(envServer, { theme: 'dark', lang: 'en' });
      inspectCookie(cookie.value, 'env-baru', { theme: 'dark', lang: 'en' }, res);
      const payload = b64url({ theme: 'dark', lang: 'id' });
      checkPrefs(
        await getPrefs(envServer, `${payload}.${hmac(payload, '', await encodingOfApp())}`),
        DEFAULTS,
        'cookie yang ditandatangani dengan secret KOSONG tidak boleh diterima: isian kosong di COOKIE_SECRETS harus dibuang.',
      );
    });
  });

  test('Tugas 2: COOKIE_SECRETS kosong berarti secret cadangan acak, bukan secret kosong', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const app = await makeApp(undefined, { NODE_ENV: undefined, COOKIE_SECRETS: '' });
      check(warn.mock.calls.length + error.mock.calls.length > 0, 'dengan COOKIE_SECRETS="" (kosong), createApp() harus memakai secret cadangan dan memberi peringatan (console.warn).', {
        diharapkan: 'console.warn(...)',
        diterima: '(tidak ada peringatan)',
      });
      await withServer(app, async (s) => {
        const { res, cookie } = await savePrefs(s, { theme: 'dark', lang: 'en' });
        const parts = splitAtLastDot(cookieText(cookie.value));
        check(parts !== undefined && encodingOf(parts.signature, parts.value, '') === undefined, 'cookie prefs tidak boleh ditandatangani dengan secret kosong: siapa pun bisa memalsukannya.', {
          diharapkan: 'signature dari secret cadangan acak',
          diterima: cookie.raw,
          res,
        });
      });
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  });

  test('Tugas 2: secret cadangan berasal dari CSPRNG', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      // Dua app tanpa secret: secret acak yang sungguhan berbeda, jadi cookie satu app ditolak app lain.
      const [a, b] = [await makeApp(undefined, DEV), await makeApp(undefined, DEV)];
      await withServer(a, (sa) =>
        withServer(b, async (sb) => {
          const { cookie } = await savePrefs(sa, { theme: 'dark', lang: 'en' });
          checkPrefs(await getPrefs(sb, cookie.value), DEFAULTS, 'dua app tanpa secret tidak boleh saling menerima cookie: secret cadangan harus acak, bukan teks tetap.');
        }),
      );
      // Selama CSPRNG dibuat selalu sama, secret cadangan yang berasal darinya juga sama.
      await new Promise((r) => setTimeout(r, 5));
      const [c, d] = await withPredictableRandom(async () => {
        const first = await makeApp(undefined, DEV);
        await new Promise((r) => setTimeout(r, 5));
        return [first, await makeApp(undefined, DEV)];
      });
      await withServer(c, (sc) =>
        withServer(d, async (sd) => {
          const { cookie } = await savePrefs(sc, { theme: 'dark', lang: 'en' });
          checkPrefs(await getPrefs(sd, cookie.value), { theme: 'dark', lang: 'en' }, 'secret cadangan harus berasal dari CSPRNG (crypto.randomBytes), bukan dari waktu atau Math.random.', );
        }),
      );
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  });

  test('Tugas 2: tanpa secret sama sekali, app tetap jalan dan memberi peringatan', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      const app = await makeApp(undefined, DEV);
      check(warn.mock.calls.length + error.mock.calls.length > 0, 'tanpa options.secrets dan COOKIE_SECRETS, createApp() harus menulis peringatan di konsol (console.warn).', {
        diharapkan: 'console.warn("Peringatan: COOKIE_SECRETS belum diisi ...")',
        diterima: '(tidak ada peringatan)',
      });
      await withServer(app, async (s) => {
        const browser = client(s);
        const res = await browser.post('/preferences', { json: { theme: 'dark', lang: 'en' } });
        requireSetCookie(res, 'prefs');
        const back = await browser.get('/preferences');
        checkPrefs({ res: back, body: back.json() }, { theme: 'dark', lang: 'en' }, 'dengan secret cadangan, cookie yang baru dibuat harus terbaca kembali.');
      });
    } finally {
      warn.mockRestore();
      error.mockRestore();
    }
  });
});
