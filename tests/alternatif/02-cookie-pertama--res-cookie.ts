// BENAR, ditulis lain: parser memakai reduce + regex, cookie dikirim lewat res.cookie()
// milik Express (yang menulis "theme=dark; Path=/"), redirect memakai 302 bawaan res.redirect,
// dan halaman ditulis dengan escape HTML walaupun nilainya sudah pasti aman.
import express from 'express';

function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

export function parseCookieHeader(header: string | undefined): Record<string, string> {
  return (header ?? '').split(';').reduce<Record<string, string>>((acc, part) => {
    const m = /^\s*([^=]*?)\s*=\s*(.*?)\s*$/.exec(part);
    if (!m || !m[1] || Object.hasOwn(acc, m[1])) return acc;
    const unquoted = /^"(.*)"$/.exec(m[2]!)?.[1] ?? m[2]!;
    acc[m[1]] = safeDecode(unquoted);
    return acc;
  }, {});
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function createApp() {
  const app = express();
  const allowed = new Set(['light', 'dark']);

  app.get('/theme', (req, res) => {
    const choose = typeof req.query.choose === 'string' ? req.query.choose : '';
    if (!allowed.has(choose)) {
      res.status(400).send('Tema tidak dikenal.');
      return;
    }
    res.cookie('theme', choose, { path: '/' });
    res.redirect('/');
  });

  app.get('/', (req, res) => {
    const raw = parseCookieHeader(req.get('cookie')).theme ?? '';
    const theme = allowed.has(raw) ? raw : 'light';
    res.send(`<!doctype html><html lang="id"><body class="${escapeHtml(theme)}">
<p>Tema aktif: <strong>${escapeHtml(theme)}</strong></p>
<a href="/theme?choose=dark">gelap</a> <a href="/theme?choose=light">terang</a></body></html>`);
  });

  return app;
}
