import express from 'express';

export type SameSite = 'Strict' | 'Lax' | 'None';

export interface CookieOptions {
  /** Umur dalam detik (bukan milidetik). 0 = hapus sekarang. */
  maxAge?: number;
  expires?: Date;
  domain?: string;
  path?: string;
  secure?: boolean;
  httpOnly?: boolean;
  sameSite?: SameSite | 'strict' | 'lax' | 'none';
  partitioned?: boolean;
}

// Tugas 1: susun satu header Set-Cookie, misalnya
//   serializeCookie('lang', 'id', { maxAge: 3600, path: '/', sameSite: 'Lax' })
//   → 'lang=id; Max-Age=3600; Path=/; SameSite=Lax'
// - Nilai di-encode dengan encodeURIComponent (spasi, ";", "," dan "é" tidak boleh mentah).
// - maxAge → Max-Age dalam detik bulat (0 boleh: itu cara menghapus); NaN/Infinity ditolak.
// - expires (Date) → Expires dalam format HTTP-date GMT, contoh: Wed, 21 Oct 2026 07:28:00 GMT.
//   Checker berjalan di zona WIB: tanggal dan jam lokal tidak sama dengan GMT.
//   Date yang tidak sah (new Date('kemarin')) ditolak.
// - domain → Domain=..., path → Path=..., secure → Secure, httpOnly → HttpOnly,
//   sameSite → SameSite=Strict|Lax|None, partitioned → Partitioned (boleh, tidak dicek).
// - Domain/Path yang memuat ";" ditolak: jangan biarkan orang menyusupkan atribut.
// Tolak dengan throw new Error('pesan bahasa Indonesia') bila:
// - nama bukan token (hanya huruf, angka, dan !#$%&'*+-.^_`|~),
// - SameSite=None tanpa Secure,
// - nama berawalan __Secure- tanpa Secure,
// - nama berawalan __Host- tanpa Secure, tanpa Path=/, atau dengan Domain,
//   (awalan dicocokkan tanpa peduli huruf besar/kecil, seperti browser: __HOST- juga),
// - nama + nilai (setelah di-encode) lebih dari 4096 byte. Atribut tidak ikut dihitung.
export function serializeCookie(name: string, value: string, options: CookieOptions = {}): string {
  void options;
  return `${name}=${value}`;
}

// Tugas 2: pilihan bahasa yang diingat setahun.
// - GET /language?set=id|en mengirim cookie "lang" yang hidup setahun (Max-Age=31536000
//   dan/atau Expires yang dihitung dari now()), dengan Path=/, SameSite=Lax, dan HttpOnly, lalu
//   mengarahkan kembali ke / (redirect 303). Nilai lain (juga "EN", " en", "en2") → 400 tanpa cookie.
// - POST /language/reset menghapus cookie itu: nama yang sama, Path yang SAMA, Domain yang sama
//   (di sini: tanpa Domain), Max-Age=0.
// - GET / menjawab dengan <html lang="id"> atau <html lang="en"> sesuai cookie "lang";
//   tanpa cookie, dengan nilai asing, atau dengan header Cookie yang rusak, bahasanya "id".
// serializeCookie buatanmu cocok untuk menyusun header-nya (res.cookie juga boleh: yang dinilai
// adalah header yang terkirim).
export function createApp(options: { now?: () => number } = {}) {
  const now = options.now ?? Date.now;
  void now;
  const app = express();

  app.get('/', (_req, res) => {
    const lang: 'id' | 'en' = 'id';
    const t = {
      id: { greeting: 'Halo!', body: 'Halaman ini memakai bahasa Indonesia.', reset: 'Lupakan pilihan bahasa' },
      en: { greeting: 'Hello!', body: 'This page is in English.', reset: 'Forget my language choice' },
    }[lang];
    res.type('html').send(`<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><title>${t.greeting}</title></head>
<body style="font-family:sans-serif;padding:2rem">
<h1>${t.greeting}</h1>
<p>${t.body}</p>
<p><a href="/language?set=id">Bahasa Indonesia</a> · <a href="/language?set=en">English</a></p>
<form method="post" action="/language/reset"><button>${t.reset}</button></form>
</body>
</html>`);
  });

  return app;
}
