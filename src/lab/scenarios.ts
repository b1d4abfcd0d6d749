// Contoh siap pakai dan daftar request lanjutan untuk "Lab cookie". Tanpa DOM: bisa diuji di Node.
import { site, type RequestSpec } from './model.ts';

export interface Scenario {
  id: string;
  label: string;
  url: string;
  /** Response yang sudah diterima sebelum pelajar mulai (mis. cookie yang nanti dihapus). */
  setup?: { url: string; headers: string[] }[];
  headers: string[];
}

export const SCENARIOS: Scenario[] = [
  {
    id: 'pertama',
    label: 'Cookie pertama: theme dan sid',
    url: 'https://toko.example.com/',
    headers: ['theme=dark', 'sid=4f9a1c07; Path=/; HttpOnly'],
  },
  {
    id: 'atribut',
    label: 'Atribut: umur, Path, dan __Host-',
    url: 'https://toko.example.com/akun/login',
    headers: [
      '__Host-sid=4f9a1c07; Path=/; Secure; HttpOnly; SameSite=Lax',
      'lang=id; Max-Age=31536000; Path=/; SameSite=Lax',
      'keranjang=3',
      'promo=ramadan; Max-Age=60; Path=/',
      'wilayah=jkt; Domain=example.com; Path=/',
    ],
  },
  {
    id: 'ditolak',
    label: 'Enam cookie yang ditolak browser',
    url: 'https://toko.example.com/',
    headers: [
      'iklan=1; SameSite=None',
      '__Host-sid=1; Secure; Path=/; Domain=toko.example.com',
      '__Secure-token=1; Path=/',
      'curang=1; Domain=bank.example.net',
      'semua=1; Domain=com',
      `besar=${'x'.repeat(4100)}`,
    ],
  },
  {
    id: 'hapus',
    label: 'Menghapus cookie dengan Max-Age=0',
    url: 'https://toko.example.com/language/reset',
    setup: [{ url: 'https://toko.example.com/language?set=en', headers: ['lang=en; Max-Age=31536000; Path=/; SameSite=Lax; HttpOnly'] }],
    headers: ['lang=; Max-Age=0; Path=/language', 'lang=; Max-Age=0; Path=/'],
  },
  {
    id: 'csrf',
    label: 'SameSite: request dari situs lain',
    url: 'https://bank.example.com/',
    headers: [
      'ketat=1; Path=/; Secure; HttpOnly; SameSite=Strict',
      'longgar=1; Path=/; Secure; HttpOnly; SameSite=Lax',
      'bebas=1; Path=/; Secure; HttpOnly; SameSite=None',
      'bawaan=1; Path=/; Secure; HttpOnly',
    ],
  },
  {
    id: 'http',
    label: 'Secure: halaman http mencoba menimpa',
    url: 'http://toko.example.com/',
    setup: [{ url: 'https://toko.example.com/', headers: ['sid=asli; Path=/; Secure; HttpOnly'] }],
    headers: ['sid=palsu; Path=/', 'pelacak=1; Path=/; Secure'],
  },
];

export interface FollowUp {
  label: string;
  spec: RequestSpec;
}

/** Request lanjutan setelah halaman `pageUrl` dibuka. */
export function followUps(pageUrl: string): FollowUp[] {
  const page = new URL(pageUrl);
  const origin = `${page.protocol}//${page.host}`;
  const otherPath = page.pathname === '/' ? '/lain/' : '/';
  const other = site(page).endsWith('example.net') ? 'https://situs-lain.example.org/' : 'https://situs-lain.example.net/';
  const list: FollowUp[] = [
    { label: 'Halaman yang sama (reload)', spec: { url: page.href } },
    { label: 'Path lain di host yang sama', spec: { url: origin + otherPath } },
  ];
  if (!/^[\d.]+$|:/.test(page.hostname)) {
    list.push({ label: 'Subdomain', spec: { url: `${page.protocol}//api.${page.host}/` } });
  }
  const flipped = page.protocol === 'https:' ? 'http:' : 'https:';
  list.push(
    { label: flipped === 'http:' ? 'http, bukan https' : 'https, bukan http', spec: { url: `${flipped}//${page.hostname}${page.pathname}` } },
    { label: 'Tautan dari situs lain', spec: { url: page.href, from: other, kind: 'navigate' } },
    { label: 'Form POST dari situs lain', spec: { url: page.href, from: other, kind: 'navigate', method: 'POST' } },
    { label: 'fetch() dari situs lain', spec: { url: page.href, from: other, kind: 'fetch' } },
  );
  return list;
}
