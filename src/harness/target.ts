// Aturan WORKBOOK_TARGET, dipakai bersama oleh harness checker dan CLI.
// latihan (bawaan) | awal | solusi | path absolut ke berkas, atau ke folder berisi NN-slug.ts.
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Akar repo: folder terdekat ke atas yang berisi lessons/ dan package.json (juga dari bundel CLI). */
function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'lessons')) && existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return fileURLToPath(new URL('../..', import.meta.url));
  }
}

export const ROOT = findRoot(path.dirname(fileURLToPath(import.meta.url)));

/** Ruang kerja pelajar; WORKBOOK_WORKSPACE menggantinya (dipakai tes proyek agar latihan/ aman). */
export const WORKSPACE_DIR = process.env.WORKBOOK_WORKSPACE
  ? path.resolve(process.env.WORKBOOK_WORKSPACE)
  : path.join(ROOT, 'latihan');

export const TARGETS = ['latihan', 'awal', 'solusi'] as const;

export function isValidTarget(target: string): boolean {
  return (TARGETS as readonly string[]).includes(target) || path.isAbsolute(target);
}

export function targetFile(lessonId: string, target = process.env.WORKBOOK_TARGET || 'latihan'): string {
  if (target === 'latihan') return path.join(WORKSPACE_DIR, `${lessonId}.ts`);
  if (target === 'awal' || target === 'solusi') return path.join(ROOT, 'lessons', lessonId, `${target}.ts`);
  if (path.isAbsolute(target)) {
    return existsSync(target) && statSync(target).isDirectory() ? path.join(target, `${lessonId}.ts`) : target;
  }
  throw new Error(`WORKBOOK_TARGET tidak dikenal: "${target}". Pakai latihan, awal, solusi, atau path absolut.`);
}
