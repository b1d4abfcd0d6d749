// Persyaratan pelajaran 00 (tugas, petunjuk, komentar awal.ts, teks) → tes yang menjaganya.
// Tugas 1, GET /:
// - status 200 → "Tugas 1: status 200, text/plain, isi "Halo, Cookie!""
// - Content-Type text/plain (jenis media tanpa peduli huruf besar-kecil dan parameter) → idem
// - isi persis "Halo, Cookie!" (huruf C besar, koma, spasi, tanda seru; spasi atau baris baru di
//   tepinya tidak dihitung) → idem
import type { RequestListener } from 'node:http';
import { describe, test } from 'vitest';
import { check, checkStatus, client, loadExercise, mediaType, serve } from '#harness';

const { createApp } = await loadExercise<{ createApp(): RequestListener }>(import.meta.url);
const server = await serve(createApp());

describe('Tugas 1: GET / menjawab "Halo, Cookie!"', () => {
  test('Tugas 1: status 200, text/plain, isi "Halo, Cookie!"', async () => {
    const res = await client(server).get('/');
    checkStatus(res, 200);
    const type = res.headers.get('content-type') ?? '';
    check(mediaType(res) === 'text/plain', 'GET / harus menjawab dengan Content-Type text/plain.', {
      diharapkan: 'text/plain; charset=utf-8',
      diterima: type || '(tidak ada)',
      res,
    });
    check(res.body.trim() === 'Halo, Cookie!', 'isi response GET / belum tepat.', {
      diharapkan: 'Halo, Cookie!',
      diterima: res.body,
      petunjuk: res.body.trim().toLowerCase() === 'halo, cookie!' ? 'huruf besar-kecil harus persis: "Halo, Cookie!".' : undefined,
      res,
    });
  });
});
