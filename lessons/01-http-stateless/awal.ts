import net from 'node:net';
import express from 'express';

export interface RawResponse {
  status: number;
  statusText: string;
  /** Nama header huruf kecil. `set-cookie` selalu berupa daftar karena boleh berulang. */
  headers: Record<string, string | string[]>;
  body: string;
}

// Tugas 1: kirim request GET lewat socket TCP (node:net) tanpa library HTTP.
// - Tulis baris request, header Host, "Connection: close", header tambahan, lalu baris kosong.
//   Setiap baris diakhiri "\r\n".
// - Kumpulkan semua data sampai server menutup koneksi (event 'end'). Response bisa datang dalam
//   banyak potongan, bahkan dengan satu karakter UTF-8 terbelah di antara dua potongan.
// - Uraikan baris status, header (nama jadi huruf kecil, dipotong di ":" pertama; Set-Cookie
//   SELALU daftar, juga bila hanya satu), dan body (potong sesuai Content-Length, dalam byte).
// - Koneksi gagal (event 'error')? Tolak (reject) dengan Error. Apa pun jawabannya, Promise harus
//   selesai: jangan pernah menggantung.
export function sendRawRequest(
  host: string,
  port: number,
  path: string,
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  void net;
  void [host, port, path, headers];
  return Promise.reject(new Error('sendRawRequest belum dikerjakan.'));
}

// Tugas 2: keranjang belanja di variabel global modul.
// POST /cart dengan JSON { "item": "buku" } menambah barang (201), GET /cart → { "items": [...] }.
// Item kosong, tidak ada, atau bukan teks → 400, dan tidak masuk keranjang.
// Tanpa body atau JSON rusak → 400, tanpa stack trace.
const cart: string[] = [];

export function createApp() {
  const app = express();
  app.use(express.json());

  // Tulis route POST /cart dan GET /cart di sini.
  void cart;

  return app;
}
