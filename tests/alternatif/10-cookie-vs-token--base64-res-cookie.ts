// Alternatif benar untuk pelajaran 10: tanda tangan base64 standar (dengan "="), payload base64
// standar, cookie ditulis lewat res.cookie (yang mem-percent-encode "+", "/", "="), dibaca dengan
// decodeURIComponent; tanda tangan di-decode ke Buffer lalu panjangnya diperiksa.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import express, { type Request } from 'express';

const mac = (value: string, secret: string) => createHmac('sha256', secret).update(value).digest();

export function sign(value: string, secret: string): string {
  return `${value}.${mac(value, secret).toString('base64')}`;
}

export function unsign(signed: string, secrets: string | string[]): string | false {
  if (typeof signed !== 'string') return false;
  const m = /^(.*)\.([A-Za-z0-9+/]{43}=)$/s.exec(signed); // tepat 32 byte dalam base64
  if (!m) return false;
  const [, value = '', sig = ''] = m;
  const given = Buffer.from(sig, 'base64');
  return (typeof secrets === 'string' ? [secrets] : secrets).some((s) => {
    const expected = mac(value, s);
    return expected.length === given.length && timingSafeEqual(expected, given);
  })
    ? value
    : false;
}

function readPrefsCookie(req: Request): string | undefined {
  const found = (req.headers.cookie ?? '').split(';').map((p) => p.trim()).find((p) => p.startsWith('prefs='));
  if (!found) return undefined;
  try {
    return decodeURIComponent(found.slice('prefs='.length));
  } catch {
    return undefined;
  }
}

export function createApp({ secrets }: { secrets?: string | string[] } = {}) {
  const keys = typeof secrets === 'string' ? [secrets] : (secrets ?? process.env.COOKIE_SECRETS?.split(',').filter(Boolean) ?? []);
  if (!keys.length) {
    console.warn('Peringatan: pakai COOKIE_SECRETS di luar pengembangan.');
    keys.push(randomBytes(24).toString('base64'));
  }
  const app = express();
  app.use(express.json(), express.urlencoded({ extended: false }));

  app.post('/preferences', (req, res) => {
    const theme = String(req.body?.theme);
    const lang = String(req.body?.lang);
    if (!['light', 'dark'].includes(theme) || !['id', 'en'].includes(lang) || typeof req.body.theme !== 'string') {
      res.sendStatus(400);
      return;
    }
    const payload = Buffer.from(JSON.stringify({ theme, lang })).toString('base64');
    res.cookie('prefs', sign(payload, keys[0]!), { httpOnly: true, sameSite: 'lax', maxAge: 31_536_000_000, secure: app.get('env') === 'production' });
    res.json({ ok: true, theme, lang });
  });

  app.get('/preferences', (req, res) => {
    const payload = unsign(readPrefsCookie(req) ?? '', keys);
    let body: { theme?: unknown; lang?: unknown } = {};
    try {
      if (payload !== false) body = JSON.parse(Buffer.from(payload, 'base64').toString());
    } catch {
      body = {};
    }
    res.json({
      theme: body.theme === 'dark' ? 'dark' : 'light',
      lang: body.lang === 'en' ? 'en' : 'id',
    });
  });

  return app;
}
