// Ruang kerja pelajar: latihan/ (di-git-ignore). Berkas awal disalin sekali dan tidak pernah ditimpa
// kecuali oleh `reset`, yang lebih dulu membuat cadangan bertanda waktu.
//
// Kemajuan disimpan di satu berkas: latihan/kemajuan.json
// {
//   "versi": 1,
//   "sekarang": "02-cookie-pertama",          // pelajaran yang dibuka mode pantau
//   "pelajaran": {
//     "02-cookie-pertama": {
//       "lulus": true,                          // semua tugas pernah lulus bersamaan
//       "tugasLulus": [1, 2],                   // tugas yang lulus pada pemeriksaan terakhir
//       "petunjukDibuka": 1,                    // berapa petunjuk sudah ditampilkan
//       "terakhirDicek": "2026-11-26T10:00:00.000Z"
//     }
//   }
// }
// Salin folder latihan/ ke mesin lain dan kemajuanmu ikut pindah.
import { copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Lesson, WORKSPACE_DIR } from './lessons.ts';

export const STATE_FILE = path.join(WORKSPACE_DIR, 'kemajuan.json');
export const BACKUP_DIR = path.join(WORKSPACE_DIR, 'cadangan');

export interface LessonProgress {
  lulus: boolean;
  tugasLulus: number[];
  petunjukDibuka: number;
  terakhirDicek?: string;
}

export interface State {
  versi: 1;
  sekarang?: string;
  pelajaran: Record<string, LessonProgress>;
}

export function readState(): State {
  try {
    const parsed = JSON.parse(readFileSync(STATE_FILE, 'utf8')) as State;
    if (parsed && parsed.versi === 1 && typeof parsed.pelajaran === 'object') return parsed;
  } catch {
    // Belum ada atau rusak: mulai dari kosong (berkas rusak tidak ditimpa sampai ada kemajuan baru).
  }
  return { versi: 1, pelajaran: {} };
}

export function writeState(state: State) {
  mkdirSync(WORKSPACE_DIR, { recursive: true });
  const tmp = `${STATE_FILE}.tmp`;
  writeFileSync(tmp, JSON.stringify(state, null, 2) + '\n');
  renameSync(tmp, STATE_FILE); // tulis atomik: kemajuan tidak pernah setengah tertulis
}

export function progressOf(state: State, lesson: Lesson): LessonProgress {
  return (state.pelajaran[lesson.id] ??= { lulus: false, tugasLulus: [], petunjukDibuka: 0 });
}

/** Menyalin kode awal ke latihan/ bila belum ada. Mengembalikan true bila baru disalin. */
export function ensureWorkspaceFile(lesson: Lesson): boolean {
  if (existsSync(lesson.workspaceFile)) return false;
  mkdirSync(WORKSPACE_DIR, { recursive: true });
  copyFileSync(lesson.starter, lesson.workspaceFile);
  return true;
}

function timestamp(date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
}

/** Cadangkan berkas pelajar lalu pulihkan kode awal. Mengembalikan path cadangan (bila ada). */
export function resetWorkspaceFile(lesson: Lesson): string | undefined {
  let backup: string | undefined;
  if (existsSync(lesson.workspaceFile)) {
    mkdirSync(BACKUP_DIR, { recursive: true });
    backup = path.join(BACKUP_DIR, `${lesson.id}-${timestamp()}.ts`);
    for (let i = 2; existsSync(backup); i++) backup = path.join(BACKUP_DIR, `${lesson.id}-${timestamp()}-${i}.ts`);
    copyFileSync(lesson.workspaceFile, backup);
  }
  mkdirSync(WORKSPACE_DIR, { recursive: true });
  copyFileSync(lesson.starter, lesson.workspaceFile);
  return backup;
}
