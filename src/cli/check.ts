// `npm run cek -- NN`: satu kali pemeriksaan, hasil per tugas, kode keluar 0/1.
import { targetFile } from '../harness/target.ts';
import { type Lesson, relative } from '../lessons.ts';
import { ensureWorkspaceFile, progressOf, readState, writeState } from '../workspace.ts';
import { type LessonResult, createChecker, runChecks } from './runner.ts';
import { c, formatResult } from './ui.ts';

/** Mencatat hasil pemeriksaan berkas latihan ke latihan/kemajuan.json. */
export function recordProgress(results: LessonResult[]) {
  const state = readState();
  for (const r of results) {
    const p = progressOf(state, r.lesson);
    p.tugasLulus = r.tasks.filter((t) => t.total > 0 && t.passed === t.total).map((t) => t.number);
    p.lulus ||= r.ok;
    p.terakhirDicek = new Date().toISOString();
  }
  writeState(state);
}

export function nextStep(result: LessonResult): string {
  const nn = result.lesson.number;
  if (result.ok) return c.green(`Semua tugas pelajaran ${nn} lulus. Solusi rujukan: npm run solusi -- ${nn}`);
  const first = result.tasks.find((t) => !(t.total > 0 && t.passed === t.total));
  return `Langkah berikutnya: perbaiki ${first ? `Tugas ${first.number}` : 'berkasmu'}, simpan, lalu periksa lagi. Buntu? npm run petunjuk -- ${nn}`;
}

export async function check(lessons: Lesson[], target: string, opts: { debug: boolean; json: boolean }): Promise<number> {
  if (target === 'latihan') {
    for (const lesson of lessons) {
      if (ensureWorkspaceFile(lesson) && !opts.json) console.log(c.dim(`Kode awal disalin ke ${relative(lesson.workspaceFile)}.\n`));
    }
  }
  const vitest = await createChecker(target, opts.debug);
  let results: LessonResult[];
  try {
    results = await runChecks(vitest, lessons, target, opts.debug);
  } finally {
    await vitest.close();
  }
  if (target === 'latihan') recordProgress(results);

  if (opts.json) {
    const out = results.map((r) => ({ id: r.lesson.id, ok: r.ok, fileError: r.fileError, tasks: r.tasks }));
    console.log(JSON.stringify({ target, lessons: out }, null, 2));
  } else {
    for (const r of results) {
      console.log(formatResult(r, relative(targetFile(r.lesson.id, target))));
      console.log(`\n${nextStep(r)}\n`);
    }
  }
  return results.every((r) => r.ok) ? 0 : 1;
}
