// SALAH (sengaja): decodeURIComponent tanpa try/catch. Satu cookie dengan percent-encoding rusak
// (dari app lain di domain yang sama, atau dari penyerang) membuat setiap request gagal 500.
import express from 'express';

// Tugas 1: mengurai header Cookie dengan tangan.
export function parseCookieHeader(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  if (!header) return cookies;

  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue; // pasangan rusak: lewati
    const name = part.slice(0, eq).trim();
    if (name === '' || Object.hasOwn(cookies, name)) continue; // nama pertama yang menang
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    value = decodeURIComponent(value); // melempar URIError untuk %E0%A4%A
    cookies[name] = value;
  }
  return cookies;
}

const THEMES = ['light', 'dark'] as const;
type Theme = (typeof THEMES)[number];

function isTheme(value: unknown): value is Theme {
  return THEMES.includes(value as Theme);
}

// Tugas 2: server memilih tema lewat Set-Cookie, browser mengirimnya kembali lewat Cookie.
export function createApp() {
  const app = express();

  app.get('/theme', (req, res) => {
    const choice = req.query.choose;
    if (!isTheme(choice)) {
      res.status(400).type('text/plain').send('Pilih tema dengan ?choose=dark atau ?choose=light.');
      return;
    }
    res.append('Set-Cookie', `theme=${choice}; Path=/`);
    res.redirect(303, '/');
  });

  app.get('/', (req, res) => {
    // Cookie datang dari browser, jadi diperlakukan sebagai masukan yang belum tentu benar.
    const fromCookie = parseCookieHeader(req.headers.cookie).theme;
    const theme: Theme = isTheme(fromCookie) ? fromCookie : 'light';
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
