// SALAH (sengaja): /theme memvalidasi pilihan, tetapi GET / percaya begitu saja pada isi cookie
// dan menulisnya mentah ke HTML. Siapa pun yang bisa mengatur cookie (DevTools, curl -b, subdomain
// lain) bisa menyisipkan HTML/JavaScript ke halaman: XSS. Checker harus menolaknya.
import express from 'express';

export function parseCookieHeader(header: string | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  if (!header) return cookies;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1) continue;
    const name = part.slice(0, eq).trim();
    if (name === '' || Object.hasOwn(cookies, name)) continue;
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
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
    res.append('Set-Cookie', `theme=${choice}; Path=/`);
    res.redirect(303, '/');
  });
  app.get('/', (req, res) => {
    const theme = parseCookieHeader(req.headers.cookie).theme || 'light';
    res.type('html').send(`<!doctype html><body class="${theme}"><h1>Tema kamu: ${theme}</h1></body>`);
  });
  return app;
}
