import express from 'express';

// Tugas 1: urai header Cookie, misalnya "a=1; b=2", menjadi { a: '1', b: '2' }.
// - Pisahkan dengan ";" lalu buang spasi di tepi nama dan nilai.
// - Pisahkan nama dan nilai di tanda "=" PERTAMA (nilai boleh berisi "=").
// - Nilai yang berkutip di kedua ujung ("...") dilepas kutipnya, lalu di-percent-decode
//   dengan decodeURIComponent (%20 → spasi; "+" tetap "+").
// - Percent-encoding rusak? Pakai nilai mentahnya. Pasangan tanpa "=" atau tanpa nama? Lewati.
// - Nama yang muncul dua kali: yang pertama menang. Header kosong atau undefined → {}.
// - Fungsi ini tidak boleh melempar error, apa pun isinya.
export function parseCookieHeader(header: string | undefined): Record<string, string> {
  void header;
  return {};
}

// Tugas 2:
// - GET /theme?choose=dark|light mengirim "Set-Cookie: theme=<pilihan>; Path=/",
//   lalu mengarahkan kembali ke / (redirect 303, jangan 301). Nilai lain, juga "Dark" atau
//   "dark2" (cocok persis), → 400 tanpa cookie.
// - GET / membaca tema dari header Cookie (pakai parseCookieHeader) dan menampilkannya;
//   tanpa cookie, atau dengan nilai yang tidak dikenal, temanya "light".
export function createApp() {
  const app = express();

  app.get('/', (_req, res) => {
    const theme = 'light';
    res.type('html').send(`<!doctype html>
<html lang="id">
<head><meta charset="utf-8"><title>Tema</title>
<style>body{font-family:sans-serif;padding:2rem}.dark{background:#111;color:#eee}.dark a{color:#9cf}</style></head>
<body class="${theme}">
<h1>Halo! Tema kamu: <span id="theme">${theme}</span></h1>
<p><a href="/theme?choose=dark">Pakai tema gelap</a> · <a href="/theme?choose=light">Pakai tema terang</a></p>
</body>
</html>`);
  });

  return app;
}
