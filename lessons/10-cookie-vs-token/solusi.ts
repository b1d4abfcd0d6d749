import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import express, { type NextFunction, type Request, type Response } from 'express';

// Tugas 1: signature HMAC-SHA256. Signature membuktikan nilai dibuat oleh pemegang secret;
// ia TIDAK menyembunyikan nilainya.
export function sign(value: string, secret: string): string {
  return `${value}.${createHmac('sha256', secret).update(value).digest('base64url')}`;
}

export function unsign(signed: string, secrets: string | string[]): string | false {
  const dot = signed.lastIndexOf('.'); // titik TERAKHIR: nilainya sendiri boleh berisi titik
  if (dot === -1) return false;
  const value = signed.slice(0, dot);
  const given = Buffer.from(signed);
  for (const secret of typeof secrets === 'string' ? [secrets] : secrets) {
    // Bandingkan seluruh string yang diharapkan. timingSafeEqual melempar error bila panjangnya
    // beda, jadi panjang diperiksa dulu (panjang signature bukan rahasia).
    const expected = Buffer.from(sign(value, secret));
    if (expected.length === given.length && timingSafeEqual(expected, given)) return value;
  }
  return false;
}

// Tugas 2: preferensi disimpan di browser sebagai cookie yang ditandatangani.
const THEMES = ['light', 'dark'] as const;
const LANGS = ['id', 'en'] as const;
type Prefs = { theme: (typeof THEMES)[number]; lang: (typeof LANGS)[number] };
const DEFAULTS: Prefs = { theme: 'light', lang: 'id' };
const YEAR_MS = 365 * 24 * 60 * 60 * 1000;

function isPrefs(p: any): p is Prefs {
  return THEMES.includes(p?.theme) && LANGS.includes(p?.lang);
}

// Secret kosong tidak pernah dipakai: HMAC dengan kunci "" bisa dihitung siapa pun.
function cookieSecrets(fromOptions: string | string[] | undefined): string[] {
  const list = fromOptions ?? process.env.COOKIE_SECRETS?.split(',');
  const secrets = (typeof list === 'string' ? [list] : (list ?? [])).filter(Boolean);
  if (secrets.length > 0) return secrets;
  console.warn('Peringatan: COOKIE_SECRETS belum diisi; memakai secret acak sementara (hanya untuk pengembangan).');
  return [randomBytes(32).toString('hex')];
}

export function createApp(options: { secrets?: string | string[] } = {}) {
  const production = process.env.NODE_ENV === 'production';
  const secrets = cookieSecrets(options.secrets);
  const app = express();
  app.use(express.json());
  app.use(express.urlencoded({ extended: false }));

  app.post('/preferences', (req, res) => {
    const prefs = { theme: req.body?.theme, lang: req.body?.lang };
    if (!isPrefs(prefs)) {
      res.status(400).json({ error: 'theme harus light atau dark, lang harus id atau en.' });
      return;
    }
    const payload = Buffer.from(JSON.stringify(prefs)).toString('base64url');
    res.cookie('prefs', sign(payload, secrets[0]!), {
      httpOnly: true,
      sameSite: 'lax',
      secure: production, // praktik baik (ASVS 3.3.1) di balik HTTPS; tidak dinilai checker
      path: '/',
      maxAge: YEAR_MS, // milidetik; Express menulis Max-Age=31536000
    });
    res.json(prefs);
  });

  app.get('/preferences', (req, res) => {
    // Header Cookie membawa cookie lain juga (analitik, preferensi situs): ambil yang bernama prefs.
    const raw = req.headers.cookie?.split(';').map((part) => part.trim()).find((part) => part.startsWith('prefs='));
    const payload = unsign(raw?.slice('prefs='.length) ?? '', secrets);
    let prefs: Prefs = DEFAULTS;
    if (payload !== false) {
      try {
        const parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
        // Tanda tangan sah pun tetap divalidasi: secret bisa bocor, format bisa berubah.
        if (isPrefs(parsed)) prefs = { theme: parsed.theme, lang: parsed.lang };
      } catch {
        // Bukan JSON: perlakukan seperti cookie tidak ada.
      }
    }
    res.json(prefs);
  });

  // Body yang tidak bisa dibaca (mis. JSON rusak): jawaban singkat, tanpa stack trace.
  app.use((err: { status?: number }, _req: Request, res: Response, _next: NextFunction) => {
    res.status(err.status ?? 500).json({ error: 'Request tidak bisa diproses.' });
  });

  return app;
}
