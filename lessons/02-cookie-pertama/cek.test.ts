import type { RequestListener } from 'node:http';
import { describe, test } from 'vitest';
import { attempt, check, checkStatus, client, findSetCookie, loadExercise, requireSetCookie, serve } from '#harness';

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

  test('Tugas 2: pilihan yang tidak dikenal ditolak dengan 400 tanpa cookie', async () => {
    for (const path of ['/theme?choose=ungu', '/theme']) {
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
});
