// Alternatif benar untuk pelajaran 10: tanda tangan heksadesimal, perbandingan "HMAC ganda"
// (kedua sisi di-HMAC dengan kunci acak sehingga panjangnya selalu sama), JSON dengan urutan kunci
// lain dan field versi, Set-Cookie ditulis tangan dengan Expires, form dijawab redirect 303.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import express from 'express';

const COMPARE_KEY = randomBytes(32);

function safeEqual(a: string, b: string): boolean {
  const x = createHmac('sha256', COMPARE_KEY).update(a).digest();
  const y = createHmac('sha256', COMPARE_KEY).update(b).digest();
  return timingSafeEqual(x, y);
}

export function sign(value: string, secret: string): string {
  return value + '.' + createHmac('sha256', secret).update(value, 'utf8').digest('hex');
}

export function unsign(signed: string, secrets: string | string[]): string | false {
  try {
    const i = signed.lastIndexOf('.');
    if (i < 0) return false;
    const value = signed.substring(0, i);
    const list = Array.isArray(secrets) ? secrets : [secrets];
    let ok = false;
    // Periksa semua secret tanpa berhenti lebih awal.
    for (const s of list) if (s && safeEqual(sign(value, s), signed)) ok = true;
    return ok ? value : false;
  } catch {
    return false;
  }
}

type Prefs = { theme: 'light' | 'dark'; lang: 'id' | 'en' };

export function createApp(options: { secrets?: string | string[] } = {}) {
  let secrets = ([] as string[]).concat(options.secrets ?? (process.env.COOKIE_SECRETS ?? '').split(',')).filter((s) => s.trim() !== '');
  if (secrets.length === 0) {
    console.warn('COOKIE_SECRETS kosong: secret sementara dipakai.');
    secrets = [createHash('sha256').update(randomBytes(16)).digest('hex')];
  }
  const app = express();
  app.use(express.urlencoded({ extended: false }), express.json());

  app.post('/preferences', (req, res) => {
    const { theme, lang } = req.body ?? {};
    if ((theme !== 'light' && theme !== 'dark') || (lang !== 'id' && lang !== 'en')) {
      res.status(400).type('text/plain').send('Pilihan tidak dikenal.');
      return;
    }
    const payload = Buffer.from(JSON.stringify({ v: 1, lang, theme }), 'utf8').toString('base64url');
    const expires = new Date(Date.now() + 365 * 86400_000).toUTCString();
    res.setHeader('Set-Cookie', `prefs=${sign(payload, secrets[0]!)}; Path=/; Max-Age=${365 * 86400}; Expires=${expires}; HttpOnly; SameSite=Lax${process.env.NODE_ENV === 'production' ? '; secure' : ''}`);
    if (req.is('application/x-www-form-urlencoded')) res.redirect(303, '/preferences');
    else res.status(201).json({ theme, lang });
  });

  app.get('/preferences', (req, res) => {
    const pairs = (req.headers.cookie ?? '').split(/;\s*/).map((p) => p.split('='));
    const raw = pairs.find(([k]) => k === 'prefs')?.[1];
    const payload = raw ? unsign(raw, secrets) : false;
    let prefs: Prefs = { theme: 'light', lang: 'id' };
    if (payload) {
      try {
        const p = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        if ((p.theme === 'light' || p.theme === 'dark') && (p.lang === 'id' || p.lang === 'en')) prefs = { theme: p.theme, lang: p.lang };
      } catch {
        /* abaikan */
      }
    }
    res.json(prefs);
  });

  return app;
}
