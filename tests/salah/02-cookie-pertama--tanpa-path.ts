// SALAH (sengaja): Set-Cookie tanpa Path. Browser lalu memakai "default path", yaitu folder dari
// URL yang menyetel cookie. Dari /theme itu kebetulan "/", tetapi pindahkan route ke
// /settings/theme dan cookie hanya terkirim ke /settings/... Checker menuntut Path=/ yang tegas.
import express from 'express';

export function parseCookieHeader(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    const name = eq === -1 ? '' : part.slice(0, eq).trim();
    if (!name || Object.hasOwn(cookies, name)) continue;
    let value = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    try {
      value = decodeURIComponent(value);
    } catch {
      // biarkan mentah
    }
    cookies[name] = value;
  }
  return cookies;
}

export function createApp() {
  const app = express();
  app.get('/theme', (req, res) => {
    const choice = req.query.choose;
    if (choice !== 'dark' && choice !== 'light') {
      res.status(400).send('Pilih dark atau light.');
      return;
    }
    res.append('Set-Cookie', `theme=${choice}`);
    res.redirect(303, '/');
  });
  app.get('/', (req, res) => {
    const fromCookie = parseCookieHeader(req.headers.cookie).theme;
    const theme = fromCookie === 'dark' ? 'dark' : 'light';
    res.type('html').send(`<!doctype html><body class="${theme}"><h1>Tema kamu: ${theme}</h1></body>`);
  });
  return app;
}
