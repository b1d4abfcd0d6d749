// Batas waktu pemeriksaan (didokumentasikan juga di `npm run bantuan`). Kode latihan berjalan di
// proses anak yang dihentikan dari luar bila melewati batas, jadi CLI selalu menjawab.
//
// - Satu request ke app: 4 detik (REQUEST_TIMEOUT_MS di harness) → "GET /x tidak pernah dijawab".
// - Kode latihan berjalan terus tanpa jeda (perulangan tanpa akhir): 3 detik tanpa denyut dari
//   worker → pemeriksaan dihentikan, tes dan request yang sedang berjalan disebut namanya.
//   Selama berkas dimuat (impor, createApp) batasnya 10 detik: pekerjaan awal yang berat tetapi
//   sah (mis. scryptSync dengan biaya OWASP di mesin yang sibuk) tidak boleh dikira macet.
// - Satu tes (termasuk hook): 8 detik → "tes … tidak selesai" (Promise yang tidak pernah selesai).
// - Satu pelajaran: 30 detik sejak checker-nya mulai berjalan.

/** Nama BroadcastChannel antara pengawas di worker (guard.ts) dan proses pemeriksa (child.ts). */
export const GUARD_CHANNEL = 'workbook-pengawas';
export const STUCK_MS = 3000;
export const LOAD_STUCK_MS = 10_000;
export const TEST_TIMEOUT_MS = 8000;
export const LESSON_TIMEOUT_MS = 30_000;
