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
//       "terakhirDicek": "2026-11-26T10:00:00.000Z",
//       "pesanGagal": { "3": "Tugas 3: status 200, diharapkan 302" }
//                                               // baris pertama pesan gagal per tugas pada pemeriksaan
//                                               // terakhir (boleh tidak ada: berkas lama tetap sah)
//     }
//   }
// }
// Salin folder latihan/ ke mesin lain dan kemajuanmu ikut pindah. `npm start` menampilkan isinya di
// halaman pelajaran (hanya di server dev lokal, lihat src/progress/integration.ts).
//
// Kemajuan tidak pernah hilang: berkas yang rusak atau bentuknya salah disalin dulu ke
// latihan/kemajuan-rusak-<tanggal>.json, lalu bagian yang masih sah dipulihkan. Setiap penulis
// memakai berkas sementara sendiri dan kunci (kemajuan.json.lock), lalu membaca ulang di dalam
// kunci, jadi perintah yang berjalan bersamaan tidak saling menghapus catatan.
import { randomUUID } from 'node:crypto';
import { constants, copyFileSync, existsSync, mkdirSync, readFileSync, renameSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { type Lesson, WORKSPACE_DIR, relative } from './lessons.ts';

export const STATE_FILE = path.join(WORKSPACE_DIR, 'kemajuan.json');
export const BACKUP_DIR = path.join(WORKSPACE_DIR, 'cadangan');
const LOCK_FILE = `${STATE_FILE}.lock`;

/** Masalah ruang kerja yang pesannya sudah siap dibaca pelajar (tanpa stack trace). */
export class WorkspaceError extends Error {}

export interface LessonProgress {
  lulus: boolean;
  tugasLulus: number[];
  petunjukDibuka: number;
  terakhirDicek?: string;
  /** Nomor tugas → baris pertama pesan gagalnya pada pemeriksaan terakhir. */
  pesanGagal?: Record<string, string>;
}

export interface State {
  versi: 1;
  sekarang?: string;
  pelajaran: Record<string, LessonProgress>;
}

const code = (err: unknown) => (err as NodeJS.ErrnoException)?.code ?? (err as Error)?.message ?? String(err);

/** Membuat folder bila belum ada; folder yang ternyata berkas menjadi satu pesan yang jelas. */
function ensureDir(dir: string) {
  try {
    if (existsSync(dir) && !statSync(dir).isDirectory()) throw Object.assign(new Error(), { code: 'EEXIST' });
    mkdirSync(dir, { recursive: true });
  } catch (err) {
    const rel = relative(dir);
    if (code(err) === 'EEXIST' || code(err) === 'ENOTDIR') {
      throw new WorkspaceError(
        `${rel}/ seharusnya folder, tetapi di sana ada berkas bernama ${path.basename(dir)}. ` +
          `Ganti namanya (mis. mv ${rel} ${rel}.bak) lalu jalankan lagi; folder baru dibuat otomatis.`,
      );
    }
    throw new WorkspaceError(`Folder ${rel}/ tidak bisa dibuat (${code(err)}).`);
  }
}

export function ensureWorkspaceDir() {
  ensureDir(WORKSPACE_DIR);
}

// ---------------------------------------------------------------------------
// Membaca dan memulihkan.

const LESSON_ID = /^\d\d-[a-z0-9-]+$/;
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Membuang koma berlebih dan komentar di luar string (kesalahan tangan yang paling sering). */
function loosen(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '"') {
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (ch === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
    } else if (ch === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      i = end === -1 ? text.length : end + 1;
    } else if (ch === ',' && /^\s*[}\]]/.test(text.slice(i + 1, i + 200))) {
      // koma sebelum } atau ]: dibuang
    } else out += ch;
  }
  return out;
}

function parse(text: string): { value: unknown; problem?: string } {
  const clean = text.replace(/^\uFEFF/, '');
  try {
    return { value: JSON.parse(clean) };
  } catch (err) {
    const original = (err as Error).message;
    const at = /position (\d+)/.exec(original);
    const before = at ? clean.slice(0, Number(at[1])).split('\n') : undefined;
    const where = before ? ` di baris ${before.length}, kolom ${before.at(-1)!.length + 1}` : '';
    const problem = `bukan JSON yang sah${where} (JSON.parse: ${original})`;
    try {
      return { value: JSON.parse(loosen(clean)), problem };
    } catch {
      // Pilihan terakhir: ambil setiap entri pelajaran yang masih utuh.
      const pelajaran: Record<string, unknown> = {};
      const str = '"(?:[^"\\\\]|\\\\.)*"';
      const flat = `\\{(?:[^{}"]|${str})*\\}`;
      const entry = new RegExp(`"(\\d\\d-[a-z0-9-]+)"\\s*:\\s*(\\{(?:[^{}"]|${str}|${flat})*\\})`, 'g'); // satu tingkat objek di dalamnya
      for (const m of clean.matchAll(entry)) {
        try {
          pelajaran[m[1]!] = JSON.parse(loosen(m[2]!));
        } catch {
          // entri ini tidak bisa diselamatkan
        }
      }
      return { value: { versi: 1, sekarang: /"sekarang"\s*:\s*"([^"]*)"/.exec(clean)?.[1], pelajaran }, problem };
    }
  }
}

/** Mengambil bagian yang sah; setiap hal yang dibuang atau diperbaiki dicatat di `problems`. */
function sanitize(value: unknown, problems: string[]): State {
  const state: State = { versi: 1, pelajaran: {} };
  if (!isObject(value)) {
    problems.push('isinya bukan objek JSON');
    return state;
  }
  if (value.versi !== 1) problems.push(`"versi" harus 1, tertulis ${JSON.stringify(value.versi)}`);
  if (value.sekarang !== undefined) {
    if (typeof value.sekarang === 'string' && LESSON_ID.test(value.sekarang)) state.sekarang = value.sekarang;
    else problems.push(`"sekarang" bukan nama pelajaran: ${JSON.stringify(value.sekarang)}`);
  }
  if (!isObject(value.pelajaran)) {
    problems.push(`"pelajaran" harus objek, tertulis ${JSON.stringify(value.pelajaran) ?? 'tidak ada'}`);
    return state;
  }
  for (const [id, entry] of Object.entries(value.pelajaran)) {
    if (!LESSON_ID.test(id)) {
      problems.push(`"${id}" bukan nama pelajaran`);
      continue;
    }
    if (!isObject(entry)) {
      problems.push(`entri "${id}" harus objek, tertulis ${JSON.stringify(entry)}`);
      continue;
    }
    const p: LessonProgress = { lulus: false, tugasLulus: [], petunjukDibuka: 0 };
    if (typeof entry.lulus === 'boolean') p.lulus = entry.lulus;
    else if (entry.lulus !== undefined) problems.push(`"${id}".lulus harus true/false`);
    if (Array.isArray(entry.tugasLulus)) {
      p.tugasLulus = [...new Set(entry.tugasLulus.filter((n): n is number => Number.isInteger(n) && (n as number) >= 1))].sort((a, b) => a - b);
      if (p.tugasLulus.length !== entry.tugasLulus.length) problems.push(`"${id}".tugasLulus berisi nomor yang tidak sah`);
    } else if (entry.tugasLulus !== undefined) problems.push(`"${id}".tugasLulus harus daftar nomor`);
    if (Number.isInteger(entry.petunjukDibuka) && (entry.petunjukDibuka as number) >= 0) p.petunjukDibuka = entry.petunjukDibuka as number;
    else if (entry.petunjukDibuka !== undefined) problems.push(`"${id}".petunjukDibuka harus bilangan bulat ≥ 0`);
    if (typeof entry.terakhirDicek === 'string' && !Number.isNaN(Date.parse(entry.terakhirDicek))) p.terakhirDicek = entry.terakhirDicek;
    else if (entry.terakhirDicek !== undefined) problems.push(`"${id}".terakhirDicek bukan tanggal`);
    if (isObject(entry.pesanGagal)) {
      const kept = Object.entries(entry.pesanGagal).filter((e): e is [string, string] => /^[1-9]\d*$/.test(e[0]) && typeof e[1] === 'string');
      if (kept.length !== Object.keys(entry.pesanGagal).length) problems.push(`"${id}".pesanGagal berisi entri yang tidak sah`);
      if (kept.length > 0) p.pesanGagal = Object.fromEntries(kept);
    } else if (entry.pesanGagal !== undefined) problems.push(`"${id}".pesanGagal harus objek nomor tugas → pesan`);
    state.pelajaran[id] = p;
  }
  return state;
}

interface Loaded {
  state: State;
  text?: string;
  problems: string[];
}

function load(): Loaded {
  if (existsSync(WORKSPACE_DIR) && !statSync(WORKSPACE_DIR).isDirectory()) ensureDir(WORKSPACE_DIR);
  let text: string;
  try {
    text = readFileSync(STATE_FILE, 'utf8');
  } catch (err) {
    if (code(err) === 'ENOENT') return { state: { versi: 1, pelajaran: {} }, problems: [] };
    throw new WorkspaceError(`${relative(STATE_FILE)} tidak bisa dibaca (${code(err)}).`);
  }
  if (text.trim() === '') return { state: { versi: 1, pelajaran: {} }, text, problems: [] };
  const problems: string[] = [];
  const { value, problem } = parse(text);
  if (problem) problems.push(problem);
  return { state: sanitize(value, problems), text, problems };
}

let warned = false;

/** Salinan berkas rusak di sebelahnya, lalu satu pesan untuk pelajar (sekali per proses). */
function keepDamaged(loaded: Loaded): string | undefined {
  if (loaded.problems.length === 0 || loaded.text === undefined) return undefined;
  const stamp = timestamp();
  let copy = path.join(WORKSPACE_DIR, `kemajuan-rusak-${stamp}.json`);
  for (let i = 2; ; i++) {
    try {
      writeFileSync(copy, loaded.text, { flag: 'wx' });
      break;
    } catch (err) {
      if (code(err) !== 'EEXIST') {
        copy = '';
        break;
      }
      copy = path.join(WORKSPACE_DIR, `kemajuan-rusak-${stamp}-${i}.json`);
    }
  }
  const recovered = Object.keys(loaded.state.pelajaran).length;
  const more = loaded.problems.length > 1 ? ` (dan ${loaded.problems.length - 1} masalah lain)` : '';
  const message =
    `Peringatan: ${relative(STATE_FILE)} rusak: ${loaded.problems[0]}${more}.\n` +
    (copy ? `  Isi aslinya disimpan di ${relative(copy)}. ` : '  Salinan isi aslinya tidak bisa dibuat. ') +
    `Dipulihkan: ${recovered} pelajaran.`;
  if (!warned) console.error(message);
  warned = true;
  return message;
}

/** Kemajuan pelajar. Berkas yang rusak disalin dan diperbaiki sekali (di dalam kunci). */
export function readState(): State {
  const loaded = load();
  if (loaded.problems.length === 0) return loaded.state;
  let state = loaded.state;
  updateState((fresh) => {
    state = fresh;
  });
  return state;
}

// ---------------------------------------------------------------------------
// Menulis: kunci + baca ulang + berkas sementara unik + rename atomik.

function sleep(ms: number) {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function lockIsStale(): boolean {
  try {
    const pid = Number(readFileSync(LOCK_FILE, 'utf8').trim());
    if (Date.now() - statSync(LOCK_FILE).mtimeMs > 10_000) return true;
    if (!Number.isInteger(pid) || pid <= 0) return false;
    process.kill(pid, 0);
    return false;
  } catch (err) {
    return code(err) === 'ESRCH';
  }
}

function withLock<T>(fn: () => T): T {
  const deadline = Date.now() + 5000;
  for (;;) {
    try {
      writeFileSync(LOCK_FILE, `${process.pid}\n`, { flag: 'wx' });
      break;
    } catch (err) {
      if (code(err) !== 'EEXIST') throw err;
      if (lockIsStale()) {
        try {
          unlinkSync(LOCK_FILE);
        } catch {
          // proses lain lebih dulu membersihkannya
        }
        continue;
      }
      if (Date.now() > deadline) throw Object.assign(new Error('kunci dipegang proses lain'), { code: 'terkunci' });
      sleep(5 + Math.random() * 20);
    }
  }
  try {
    return fn();
  } finally {
    try {
      unlinkSync(LOCK_FILE);
    } catch {
      // sudah hilang
    }
  }
}

function writeAtomic(state: State) {
  if (existsSync(STATE_FILE) && (statSync(STATE_FILE).mode & 0o222) === 0) {
    throw Object.assign(new Error('berkasnya hanya-baca'), { code: 'hanya-baca' });
  }
  const tmp = `${STATE_FILE}.${process.pid}-${randomUUID().slice(0, 8)}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify(state, null, 2) + '\n', { flag: 'wx' });
    renameSync(tmp, STATE_FILE); // tulis atomik: kemajuan tidak pernah setengah tertulis
  } catch (err) {
    try {
      unlinkSync(tmp);
    } catch {
      // tidak pernah dibuat
    }
    throw err;
  }
}

/**
 * Mengubah kemajuan dengan aman terhadap perintah lain yang berjalan bersamaan. Tidak pernah
 * melempar karena berkas tidak bisa ditulis: mengembalikan peringatan untuk ditampilkan.
 */
export function updateState(mutate: (state: State) => void): string | undefined {
  try {
    ensureDir(WORKSPACE_DIR);
    withLock(() => {
      const loaded = load();
      keepDamaged(loaded);
      mutate(loaded.state);
      writeAtomic(loaded.state);
    });
    return undefined;
  } catch (err) {
    if (err instanceof WorkspaceError) return `Peringatan: ${err.message} Kemajuan tidak disimpan.`;
    return `Peringatan: kemajuan tidak bisa disimpan ke ${relative(STATE_FILE)} (${code(err)}). Hasil di atas tetap berlaku, tetapi belum tercatat.`;
  }
}

export function progressOf(state: State, lesson: Lesson): LessonProgress {
  return (state.pelajaran[lesson.id] ??= { lulus: false, tugasLulus: [], petunjukDibuka: 0 });
}

// ---------------------------------------------------------------------------
// Berkas latihan dan cadangan.

/** Menyalin kode awal ke latihan/ bila belum ada. Mengembalikan true bila baru disalin. */
export function ensureWorkspaceFile(lesson: Lesson): boolean {
  ensureDir(WORKSPACE_DIR);
  if (existsSync(lesson.workspaceFile)) return false;
  try {
    copyFileSync(lesson.starter, lesson.workspaceFile, constants.COPYFILE_EXCL);
  } catch (err) {
    if (code(err) === 'EEXIST') return false;
    throw new WorkspaceError(`Kode awal tidak bisa disalin ke ${relative(lesson.workspaceFile)} (${code(err)}).`);
  }
  return true;
}

function timestamp(date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
}

/** Cadangkan berkas pelajar lalu pulihkan kode awal. Mengembalikan path cadangan (bila ada). */
export function resetWorkspaceFile(lesson: Lesson): string | undefined {
  ensureDir(WORKSPACE_DIR);
  let backup: string | undefined;
  if (existsSync(lesson.workspaceFile)) {
    ensureDir(BACKUP_DIR);
    const stamp = timestamp();
    for (let i = 1; ; i++) {
      backup = path.join(BACKUP_DIR, `${lesson.id}-${stamp}${i > 1 ? `-${i}` : ''}.ts`);
      try {
        copyFileSync(lesson.workspaceFile, backup, constants.COPYFILE_EXCL); // tidak pernah menimpa cadangan lain
        break;
      } catch (err) {
        if (code(err) === 'EEXIST') continue;
        throw new WorkspaceError(`Berkasmu tidak bisa dicadangkan ke ${relative(BACKUP_DIR)}/ (${code(err)}), jadi ${relative(lesson.workspaceFile)} tidak diubah.`);
      }
    }
  }
  try {
    copyFileSync(lesson.starter, lesson.workspaceFile);
  } catch (err) {
    throw new WorkspaceError(`Kode awal tidak bisa ditulis ke ${relative(lesson.workspaceFile)} (${code(err)}).${backup ? ` Cadanganmu aman di ${relative(backup)}.` : ''}`);
  }
  return backup;
}
