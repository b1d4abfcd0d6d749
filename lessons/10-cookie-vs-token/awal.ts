import { createHmac, timingSafeEqual } from 'node:crypto';
import express from 'express';

// Dua alat dari node:crypto yang kamu butuhkan (boleh dihapus bila tidak dipakai):
// - createHmac('sha256', secret).update(value).digest('base64url') → signature HMAC-SHA256
// - timingSafeEqual(a, b) → membandingkan dua Buffer tanpa membocorkan waktu; MELEMPAR error bila panjangnya beda
void createHmac;
void timingSafeEqual;

// Tugas 1a: sign(value, secret) mengembalikan `value + '.' + signature`.
// Signature = HMAC-SHA256 dari `value` dengan `secret` sebagai kunci, ditulis base64url.
export function sign(value: string, secret: string): string {
  void secret;
  return value; // belum ada signature!
}

// Tugas 1b: unsign(signed, secrets) mengembalikan `value` bila signature-nya sah, selain itu false.
// - `secrets` boleh satu string atau array (rotasi kunci: secret mana pun di array boleh cocok).
// - Pisahkan di titik TERAKHIR: nilainya sendiri boleh berisi titik.
// - Bandingkan dengan timingSafeEqual (bukan ===), tetapi periksa panjang Buffer-nya (byte, bukan
//   jumlah karakter) dulu agar tidak melempar error.
// - Nilai diubah, signature diubah atau dipotong, secret salah, string kosong → false. Jangan pernah melempar.
export function unsign(signed: string, secrets: string | string[]): string | false {
  void signed;
  void secrets;
  return false;
}

const THEMES = ['light', 'dark'];
const LANGS = ['id', 'en'];

// Tugas 2: cookie preferensi yang ditandatangani.
// - Daftar secret: options.secrets (satu string atau array), lalu process.env.COOKIE_SECRETS
//   (dipisah koma, isian kosong dibuang), lalu secret acak dari crypto.randomBytes untuk
//   pengembangan disertai console.warn(...). Secret PERTAMA menandatangani. Jangan pernah secret kosong.
// - POST /preferences (JSON atau form): theme = light|dark, lang = id|en (cocok persis), selain itu
//   400. JSON yang rusak juga 400, tanpa stack trace.
//   Cookie "prefs" = sign(base64url(JSON), secret pertama), dengan HttpOnly, SameSite=Lax, Path=/,
//   dan Max-Age satu tahun.
// - GET /preferences menjawab hanya { theme, lang } dari cookie yang signature-nya sah; cookie yang
//   tidak ada, rusak, atau dipalsukan → { theme: 'light', lang: 'id' }.
export function createApp(options: { secrets?: string | string[] } = {}) {
  void options;
  const app = express();
  app.use(express.json());
  app.use(express.urlencoded({ extended: false }));

  app.post('/preferences', (req, res) => {
    const theme = req.body?.theme;
    const lang = req.body?.lang;
    if (!THEMES.includes(theme) || !LANGS.includes(lang)) {
      res.status(400).json({ error: 'theme harus light atau dark, lang harus id atau en.' });
      return;
    }
    // Sekarang: JSON di-base64url lalu dikirim APA ADANYA. Siapa pun bisa membaca dan mengubahnya.
    const payload = Buffer.from(JSON.stringify({ theme, lang })).toString('base64url');
    res.cookie('prefs', payload, { path: '/' });
    res.json({ theme, lang });
  });

  app.get('/preferences', (req, res) => {
    // Sekarang: isi cookie dipercaya begitu saja. Tidak ada yang memeriksa siapa yang membuatnya.
    const raw = /(?:^|;\s*)prefs=([^;]*)/.exec(req.headers.cookie ?? '')?.[1];
    try {
      res.json(JSON.parse(Buffer.from(raw ?? '', 'base64url').toString('utf8')));
    } catch {
      res.json({ theme: 'light', lang: 'id' });
    }
  });

  return app;
}
