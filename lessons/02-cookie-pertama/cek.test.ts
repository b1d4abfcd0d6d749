// Persyaratan pelajaran 02 (tugas, petunjuk, komentar awal.ts, teks) → tes yang menjaganya.
// Tugas 1, parseCookieHeader:
// - pisahkan dengan ";" → "Tugas 1: dua cookie sederhana"
// - spasi di tepi nama dan nilai dibuang → "Tugas 1: spasi di tepi nama dan nilai dibuang"
// - pisahkan di "=" pertama → "Tugas 1: "=" di dalam nilai tetap bagian dari nilai"
// - kutip di KEDUA ujung (panjang minimal 2) dilepas (konvensi library), kutip sebelah tetap → "Tugas 1: nilai berkutip
//   dilepas kutipnya", "Tugas 1: kutip hanya dilepas bila ada di kedua ujung"
// - percent-decode (decodeURIComponent, "+" bukan spasi), sesudah kutip dilepas; yang rusak tetap
//   mentah → "Tugas 1: percent-encoding di-decode, yang rusak dibiarkan", "Tugas 1: decode setelah
//   kutip dilepas, dan "+" tetap "+""
// - header kosong/undefined → {} → "Tugas 1: header kosong atau tidak ada"
// - nama ganda: yang pertama menang (juga bila nilai pertama kosong) → "Tugas 1: nama ganda — yang
//   pertama menang", "Tugas 1: nama pertama menang walau nilainya kosong, dan nama seperti
//   constructor tetap terbaca"
// - pasangan tanpa "=" atau tanpa nama dilewati → "Tugas 1: pasangan rusak dilewati"
// - tidak pernah melempar error → "Tugas 1: masukan aneh tidak pernah membuat error"
// Tugas 2, tema:
// - /theme?choose=dark|light → Set-Cookie theme=<pilihan>; Path=/ → "Tugas 2: GET /theme?choose=dark
//   mengirim Set-Cookie theme=dark; Path=/", "Tugas 2: GET /theme?choose=light mengirim theme=light; Path=/"
// - lalu redirect (303/302/307, bukan permanen) ke / → "Tugas 2: /theme me-redirect ke /"
// - nilai lain (termasuk yang hampir benar) → 400 tanpa cookie → "Tugas 2: pilihan yang tidak
//   dikenal ditolak dengan 400 tanpa cookie"
// - GET / menampilkan tema dari cookie dalam halaman HTML, di antara cookie lain → "Tugas 2: browser mengirim cookie
//   kembali dan GET / menampilkan temanya", "Tugas 2: GET / membaca cookie theme dengan parser, bukan
//   dengan pencarian teks"
// - tanpa cookie atau nilai tak dikenal (juga yang hampir benar) → light, tanpa memantulkan nilainya
//   → "Tugas 2: tanpa cookie temanya light; nilai cookie asing tidak dipercaya", "Tugas 2: nilai
//   cookie yang hampir benar jatuh ke light"
// - cookie lain yang rusak tidak membuat GET / error → "Tugas 2: GET / membaca cookie theme dengan
//   parser, bukan dengan pencarian teks"
import type { RequestListener } from 'node:http';
import { describe, test } from 'vitest';
import { attempt, check, checkStatus, client, findSetCookie, loadExercise, mediaType, requireSetCookie, serve } from '#harness';

interface Exercise {
  parseCookieHeader(header: string | undefined): Record<string, string>;
  createApp(): RequestListener;
}

const mod = await loadExercise<Exercise>(import.meta.url);
const server = await serve(mod.createApp());

// Teks yang terlihat di halaman: tanpa <style>, <script>, dan tag (atribut href tidak dihitung).
function visible(html: string): string {
  return html.replace(/<(style|script)[\s\S]*?<\/\1>/gi, ' ').replace(/<[^>]*>/g, ' ');
}

/** Teks halaman yang terlihat, dirapatkan, untuk pesan gagal. */
function shown(html: string): string {
  return visible(html).replace(/\s+/g, ' ').trim().slice(0, 160);
}

async function parsed(header: string | undefined, expected: Record<string, string>, what: string) {
  const got = await attempt(`parseCookieHeader(${JSON.stringify(header)})`, () => mod.parseCookieHeader(header));
  const same =
    got !== null &&
    typeof got === 'object' &&
    Object.keys(got).length === Object.keys(expected).length &&
    Object.entries(expected).every(([k, v]) => Object.hasOwn(got, k) && got[k] === v);
  check(same, `parseCookieHeader(${JSON.stringify(header)}): ${what}.`, { diharapkan: expected, diterima: got });
}

describe('Tugas 1: parseCookieHeader', () => {
  test('Tugas 1: dua cookie sederhana', () => parsed('a=1; b=2', { a: '1', b: '2' }, 'pisahkan dengan ";"'));
  test('Tugas 1: spasi di tepi nama dan nilai dibuang', () =>
    parsed('  theme = dark ;lang=id  ', { theme: 'dark', lang: 'id' }, 'buang spasi di tepi nama dan nilai'));
  test('Tugas 1: "=" di dalam nilai tetap bagian dari nilai', () =>
    parsed('token=abc==; x=a=b', { token: 'abc==', x: 'a=b' }, 'pisahkan hanya di "=" pertama'));
  test('Tugas 1: nilai berkutip dilepas kutipnya', () =>
    parsed('q="halo dunia"; r=""', { q: 'halo dunia', r: '' }, 'lepas tanda kutip di kedua ujung'));
  test('Tugas 1: percent-encoding di-decode, yang rusak dibiarkan', () =>
    parsed('name=Budi%20Santoso; bad=%E0%A4%A', { name: 'Budi Santoso', bad: '%E0%A4%A' }, 'decode %20, dan jangan melempar error untuk %E0%A4%A'));
  test('Tugas 1: header kosong atau tidak ada', async () => {
    await parsed('', {}, 'header kosong menghasilkan {}');
    await parsed(undefined, {}, 'header yang tidak ada menghasilkan {}');
  });
  test('Tugas 1: nama ganda — yang pertama menang', () =>
    parsed('sid=pertama; sid=kedua', { sid: 'pertama' }, 'ambil nilai pertama untuk nama yang sama'));
  test('Tugas 1: pasangan rusak dilewati', () =>
    parsed('a=1; rusak; =tanpanama; ; b=2', { a: '1', b: '2' }, 'lewati bagian tanpa "=" atau tanpa nama'));
  test('Tugas 1: kutip hanya dilepas bila ada di kedua ujung', async () => {
    await parsed('a="abc; b=abc"', { a: '"abc', b: 'abc"' }, 'kutip yang hanya ada di satu ujung bukan pembungkus, jadi tetap bagian dari nilai');
    await parsed('c=say"hi"', { c: 'say"hi"' }, 'hanya kutip di awal DAN akhir nilai yang dilepas');
    await parsed('d="', { d: '"' }, 'satu tanda kutip saja tidak membungkus apa pun: nilai berkutip panjangnya minimal 2');
  });
  test('Tugas 1: decode setelah kutip dilepas, dan "+" tetap "+"', async () => {
    await parsed('q="a%20b"; e=%22x%22', { q: 'a b', e: '"x"' }, 'lepas kutip dulu, baru decode; %22 hasil decode bukan kutip pembungkus');
    await parsed('sum=1+1%3D2', { sum: '1+1=2' }, 'decodeURIComponent tidak mengubah "+" menjadi spasi (itu aturan form, bukan cookie)');
  });
  test('Tugas 1: nama pertama menang walau nilainya kosong, dan nama seperti constructor tetap terbaca', async () => {
    await parsed('r=; r=isi', { r: '' }, 'nilai pertama yang kosong tetap menang; periksa dengan Object.hasOwn, bukan dengan "apakah nilainya truthy"');
    await parsed('constructor=a; toString=b', { constructor: 'a', toString: 'b' }, 'nama yang kebetulan sama dengan properti bawaan objek bukan nama ganda');
  });
  test('Tugas 1: masukan aneh tidak pernah membuat error', async () => {
    const odd = ['%', 'a=%', '%E0%A4%A=1; b=2', '=', ';;;', '"', 'a="', 'a=""""', 'a=1;'.repeat(2000), ' \t ', 'a==; ==b'];
    for (const header of odd) {
      const got = await attempt(`parseCookieHeader(${JSON.stringify(header.slice(0, 40))})`, () => mod.parseCookieHeader(header));
      check(got !== null && typeof got === 'object', `parseCookieHeader(${JSON.stringify(header.slice(0, 40))}) harus mengembalikan objek.`, { diharapkan: 'objek', diterima: got });
    }
  });
});

describe('Tugas 2: tema lewat Set-Cookie dan Cookie', () => {
  test('Tugas 2: GET /theme?choose=dark mengirim Set-Cookie theme=dark; Path=/', async () => {
    const res = await client(server).get('/theme?choose=dark');
    check(res.status >= 200 && res.status < 400, 'GET /theme?choose=dark harus berhasil (2xx) atau redirect (3xx).', {
      diharapkan: '303 See Other (atau 2xx/3xx lain)',
      diterima: res.status,
      res,
    });
    const cookie = requireSetCookie(res, 'theme');
    check(cookie.value === 'dark', 'nilai cookie theme harus "dark".', { diharapkan: 'theme=dark; Path=/', diterima: cookie.raw, res });
    check(cookie.attrs.path === '/', 'cookie theme harus memakai Path=/ agar terkirim ke semua halaman.', {
      diharapkan: 'theme=dark; Path=/',
      diterima: cookie.raw,
      res,
    });
  });

  test('Tugas 2: GET /theme?choose=light mengirim theme=light; Path=/', async () => {
    const res = await client(server).get('/theme?choose=light');
    const cookie = requireSetCookie(res, 'theme');
    check(cookie.value === 'light' && cookie.attrs.path === '/', 'GET /theme?choose=light harus mengirim cookie theme=light dengan Path=/.', {
      diharapkan: 'theme=light; Path=/',
      diterima: cookie.raw,
      res,
    });
  });

  test('Tugas 2: /theme me-redirect ke /', async () => {
    for (const choice of ['dark', 'light']) {
      const res = await client(server).get(`/theme?choose=${choice}`);
      check([302, 303, 307].includes(res.status), `GET /theme?choose=${choice} harus me-redirect (303 See Other, atau 302/307) setelah menyetel cookie.`, {
        diharapkan: '303 (atau 302/307)',
        diterima: res.status,
        petunjuk: res.status === 301 || res.status === 308 ? 'redirect permanen (301/308) disimpan browser, jadi klik berikutnya tidak pernah sampai ke server dan cookie tidak disetel lagi.' : "res.redirect(303, '/')",
        res,
      });
      const location = res.headers.get('location') ?? '';
      const target = new URL(location, `${server.url}/theme`);
      check(location !== '' && target.origin === server.url && target.pathname === '/', `redirect dari /theme harus menuju halaman utama "/".`, {
        diharapkan: 'Location: /',
        diterima: location || '(tidak ada Location)',
        res,
      });
    }
  });

  test('Tugas 2: pilihan yang tidak dikenal ditolak dengan 400 tanpa cookie', async () => {
    const nearMisses = ['Dark', 'DARK', 'Light', '%20dark', 'dark%20', 'dark2', 'xdark', 'ark', 'lightdark', '', 'constructor', 'toString', 'dark&choose=light'];
    for (const path of ['/theme?choose=ungu', '/theme', ...nearMisses.map((v) => `/theme?choose=${v}`)]) {
      const res = await client(server).get(path);
      checkStatus(res, 400, `GET ${path} harus ditolak dengan 400.`);
      check(!findSetCookie(res, 'theme'), `GET ${path} tidak boleh mengirim cookie theme.`, { diterima: res.setCookies, res });
    }
  });

  test('Tugas 2: browser mengirim cookie kembali dan GET / menampilkan temanya', async () => {
    const browser = client(server);
    await browser.get('/theme?choose=dark');
    const res = await browser.get('/');
    checkStatus(res, 200);
    check(mediaType(res) === 'text/html', 'GET / harus menjawab halaman HTML yang dibuka browser.', {
      diharapkan: 'Content-Type: text/html',
      diterima: res.headers.get('content-type') ?? '(tidak ada)',
      res,
    });
    check(/\bdark\b/.test(visible(res.body)), 'setelah memilih dark, GET / harus menampilkan tema "dark" dari cookie.', {
      diharapkan: 'body berisi "dark"',
      diterima: res.body,
      res,
    });
    await browser.get('/theme?choose=light');
    const again = await browser.get('/');
    check(/\blight\b/.test(visible(again.body)) && !/\bdark\b/.test(visible(again.body)), 'setelah memilih light, GET / harus menampilkan "light".', {
      diterima: again.body,
      res: again,
    });
  });

  test('Tugas 2: tanpa cookie temanya light; nilai cookie asing tidak dipercaya', async () => {
    const fresh = await client(server).get('/');
    check(/\blight\b/.test(visible(fresh.body)) && !/\bdark\b/.test(visible(fresh.body)), 'tanpa cookie, GET / harus menampilkan tema "light".', { diterima: fresh.body, res: fresh });
    const other = await client(server).get('/', { headers: { cookie: 'lain=1; theme=dark' } });
    check(/\bdark\b/.test(visible(other.body)), 'GET / harus membaca cookie theme dari header Cookie, di mana pun letaknya.', {
      diterima: other.body,
      res: other,
    });
    const evil = await client(server).get('/', { headers: { cookie: 'theme=<b>jahat</b>' } });
    check(!evil.body.includes('<b>jahat</b>'), 'nilai cookie yang bukan dark/light tidak boleh ditampilkan mentah: cookie adalah masukan dari pengguna.', {
      diharapkan: 'tema "light"',
      diterima: evil.body,
      res: evil,
    });
    check(/\blight\b/.test(visible(evil.body)), 'nilai cookie yang tidak dikenal harus jatuh ke tema "light".', { diterima: evil.body, res: evil });
  });

  test('Tugas 2: nilai cookie yang hampir benar jatuh ke light', async () => {
    for (const value of ['Dark', 'DARK', 'dark2', 'xdark', 'ark', '', 'constructor']) {
      const res = await client(server).get('/', { headers: { cookie: `theme=${value}` } });
      checkStatus(res, 200);
      const text = visible(res.body);
      check(/\blight\b/.test(text) && !/\bdark\b/i.test(text), `Cookie "theme=${value}" bukan light atau dark, jadi GET / harus menampilkan tema "light".`, {
        diharapkan: 'tema "light"',
        diterima: shown(res.body),
        petunjuk: 'cocokkan persis dengan daftar putih ["light", "dark"]: tanpa toLowerCase, tanpa includes pada teks, tanpa objek biasa sebagai daftar.',
        res,
      });
    }
  });

  test('Tugas 2: GET / membaca cookie theme dengan parser, bukan dengan pencarian teks', async () => {
    const cases: [string, 'dark' | 'light', string][] = [
      ['old_theme=dark', 'light', 'cookie "old_theme" bukan cookie "theme"'],
      ['mytheme=dark; theme=light', 'light', 'cookie "mytheme" bukan cookie "theme"'],
      ['theme=dark; theme=light', 'dark', 'untuk nama ganda, yang pertama menang (browser mengirim yang paling spesifik lebih dulu)'],
      ['bad=%E0%A4%A; theme=dark', 'dark', 'cookie lain yang percent-encoding-nya rusak tidak boleh membuat GET / gagal'],
      ['theme=dark;lang=id', 'dark', 'pemisah ";" tanpa spasi juga sah'],
    ];
    for (const [cookie, want, why] of cases) {
      const res = await client(server).get('/', { headers: { cookie } });
      checkStatus(res, 200, `GET / dengan Cookie "${cookie}" harus menjawab 200: ${why}.`);
      const text = visible(res.body);
      const other = want === 'dark' ? 'light' : 'dark';
      check(new RegExp(`\\b${want}\\b`).test(text) && !new RegExp(`\\b${other}\\b`).test(text), `Cookie "${cookie}": GET / harus menampilkan tema "${want}" (${why}).`, {
        diharapkan: `tema "${want}"`,
        diterima: shown(res.body),
        petunjuk: 'pakai parseCookieHeader(req.headers.cookie).theme, bukan includes atau regex pada header mentah.',
        res,
      });
    }
  });
});
