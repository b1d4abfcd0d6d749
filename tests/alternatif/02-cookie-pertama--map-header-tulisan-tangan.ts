// BENAR, ditulis lain: parser mengumpulkan ke Map lalu ke objek tanpa prototipe, nama atribut cookie
// ditulis huruf kecil ("path=/", sah karena nama atribut tidak peka huruf besar-kecil), redirect
// 307 dengan Location absolut, dan daftar putih berupa Set.
import express from 'express';

export function parseCookieHeader(header: string | undefined): Record<string, string> {
  const found = new Map<string, string>();
  for (const piece of (header ?? '').split(';')) {
    const at = piece.indexOf('=');
    const name = at < 0 ? '' : piece.slice(0, at).trim();
    if (!name || found.has(name)) continue;
    let value = piece.slice(at + 1).trim();
    if (value.length > 1 && value[0] === '"' && value.at(-1) === '"') value = value.slice(1, -1);
    let decoded = value;
    try {
      decoded = decodeURIComponent(value);
    } catch {
      decoded = value;
    }
    found.set(name, decoded);
  }
  return Object.assign(Object.create(null), Object.fromEntries(found));
}

const THEMES = new Set(['light', 'dark']);

export function createApp() {
  const app = express();

  app.get('/theme', (req, res) => {
    const wanted = req.query.choose;
    if (typeof wanted !== 'string' || !THEMES.has(wanted)) {
      res.status(400).send('Tema tidak dikenal');
      return;
    }
    res.setHeader('Set-Cookie', `theme=${wanted}; path=/`);
    res.status(307).setHeader('Location', `http://${req.headers.host}/`);
    res.end();
  });

  app.get('/', (req, res) => {
    const saved = parseCookieHeader(req.headers.cookie)['theme'];
    const theme = saved !== undefined && THEMES.has(saved) ? saved : 'light';
    res.setHeader('Content-Type', 'Text/HTML; Charset=UTF-8');
    res.end(`<!doctype html><title>Tema</title><main data-theme="${theme}">Tema: <b>${theme}</b></main>`);
  });

  return app;
}
