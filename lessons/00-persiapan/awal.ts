import express from 'express';

// Pelajaran 00 — Persiapan.
// Berkas ini milikmu: ubah, simpan, lalu lihat hasilnya di terminal mode pantau (`npm start`).

export function createApp() {
  const app = express();

  // Tugas 1: jawab GET / dengan teks biasa (text/plain) "Halo, Cookie!".
  app.get('/', (_req, res) => {
    res.type('text/plain').send('Halo, dunia!');
  });

  return app;
}
