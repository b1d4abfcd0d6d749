// Menjalankan checker pelajaran lewat API Node vitest dan meringkas hasilnya per tugas.
import path from 'node:path';
import type { TestModule, Vitest } from 'vitest/node';
import { createVitest } from 'vitest/node';
import { type Lesson, ROOT, relative } from '../lessons.ts';
import { syntaxError } from './syntax.ts';
import { targetFile as targetPath } from '../harness/target.ts';

const targetFile = (lesson: Lesson, target: string) => targetPath(lesson.id, target);

export interface TaskResult {
  number: number;
  title: string;
  passed: number;
  total: number;
  /** Tes yang dilewati (misalnya butuh REDIS_URL). */
  skipped?: number;
  /** Pesan gagal pertama untuk tugas ini (sudah bahasa Indonesia bila dari harness). */
  failure?: string;
}

export interface LessonResult {
  lesson: Lesson;
  target: string;
  ok: boolean;
  tasks: TaskResult[];
  /** Kesalahan yang membuat berkas tidak bisa dijalankan sama sekali (sintaks, error saat dimuat). */
  fileError?: string;
}

/** Membuat satu instance vitest untuk checker; dipakai ulang oleh mode pantau. */
/**
 * Zona waktu checker: bukan UTC, supaya tanggal yang dibangun dengan getter waktu lokal
 * (getHours, getDate, toString) ketahuan. Harus diisi di proses utama sebelum worker dibuat:
 * mengubah TZ di dalam worker tidak berpengaruh.
 */
export const CHECK_TIME_ZONE = 'Asia/Jakarta';

export async function createChecker(target: string, debug = false): Promise<Vitest> {
  process.env.WORKBOOK_TARGET = target;
  process.env.TZ = CHECK_TIME_ZONE;
  return createVitest(
    'test',
    {
      root: ROOT,
      config: false,
      watch: false,
      include: ['lessons/*/cek.test.ts'],
      reporters: [{}],
      silent: !debug,
      pool: 'threads',
      testTimeout: 10_000,
      hookTimeout: 10_000,
      env: { WORKBOOK_TARGET: target, TZ: CHECK_TIME_ZONE },
      // Modul yang sudah ditransformasi disimpan di node_modules/.experimental-vitest-cache:
      // pemeriksaan berikutnya (juga proses baru) tidak perlu mentransformasi ulang.
      experimental: { fsModuleCache: true },
    },
    { logLevel: 'silent', cacheDir: path.join(ROOT, 'node_modules/.vite-cek') },
  );
}

function taskOf(name: string): { number: number; title: string } | undefined {
  const m = /^Tugas (\d+)\s*:?\s*(.*)$/.exec(name);
  return m ? { number: Number(m[1]), title: m[2] ?? '' } : undefined;
}

function firstLocation(stack: string | undefined, files: string[]): string | undefined {
  if (!stack) return undefined;
  for (const line of stack.split('\n')) {
    for (const f of files) {
      const i = line.indexOf(f);
      if (i !== -1) {
        const m = /:(\d+):(\d+)/.exec(line.slice(i + f.length));
        if (m) return `${relative(f)}:${m[1]}:${m[2]}`;
      }
    }
  }
  return undefined;
}

function describeError(err: { message?: string; name?: string; stack?: string }, exercise: string, debug: boolean): string {
  if (err.name === 'CheckFailure') return err.message ?? '';
  const loc = firstLocation(err.stack, [exercise]);
  const msg = `${err.name && err.name !== 'Error' ? `${err.name}: ` : ''}${err.message ?? String(err)}`;
  const lines = [`Kode latihan melempar error${loc ? ` di ${loc}` : ''}:`, `  ${msg}`];
  if (debug && err.stack) lines.push(err.stack);
  return lines.join('\n');
}

function summarize(lesson: Lesson, target: string, module: TestModule | undefined, debug: boolean): LessonResult {
  const exercise = targetFile(lesson, target);
  const tasks = new Map<number, TaskResult>();
  lesson.tasks.forEach((t, i) => tasks.set(i + 1, { number: i + 1, title: t, passed: 0, total: 0 }));

  let fileError: string | undefined;
  const moduleErrors = module?.errors() ?? [];
  if (!module) fileError = 'Checker tidak berjalan.';
  else if (moduleErrors.length > 0) fileError = describeError(moduleErrors[0]!, exercise, debug);

  if (module) {
    for (const test of module.children.allTests()) {
      const top = test.fullName.split(' > ')[0] ?? test.name;
      const info = taskOf(top) ?? taskOf(test.name);
      if (!info) continue;
      const task = tasks.get(info.number) ?? { number: info.number, title: info.title, passed: 0, total: 0 };
      if (info.title && test.fullName.startsWith(top) && top !== test.name) task.title = info.title; // judul singkat dari describe
      const result = test.result();
      if (result.state === 'skipped') {
        // Mis. pemeriksaan Redis tanpa REDIS_URL: dilewati, tidak dihitung gagal.
        task.skipped = (task.skipped ?? 0) + 1;
        tasks.set(info.number, task);
        continue;
      }
      task.total++;
      if (result.state === 'passed') task.passed++;
      else if (!task.failure) {
        const err = result.errors?.[0];
        task.failure = err ? describeError(err, exercise, debug) : `Tes "${test.name}" tidak lulus.`;
      }
      tasks.set(info.number, task);
    }
  }
  const list = [...tasks.values()].sort((a, b) => a.number - b.number);
  for (const t of list) if (t.total === 0 && !t.failure) t.failure = fileError ?? 'Tidak ada tes yang berjalan untuk tugas ini.';
  const ok = !fileError && list.length > 0 && list.every((t) => t.total > 0 && t.passed === t.total);
  return { lesson, target, ok, tasks: list, fileError };
}

/** Menjalankan checker untuk beberapa pelajaran sekaligus. */
export async function runChecks(
  vitest: Vitest,
  lessons: Lesson[],
  target: string,
  debug = false,
): Promise<LessonResult[]> {
  const results: LessonResult[] = [];
  const runnable: Lesson[] = [];
  for (const lesson of lessons) {
    const err = await syntaxError(targetFile(lesson, target));
    if (err) {
      results.push({
        lesson,
        target,
        ok: false,
        fileError: err,
        tasks: lesson.tasks.map((title, i) => ({ number: i + 1, title, passed: 0, total: 0, failure: err })),
      });
    } else runnable.push(lesson);
  }
  if (runnable.length > 0) {
    for (const lesson of runnable) vitest.invalidateFile(targetFile(lesson, target));
    const run = await vitest.runTestFiles(runnable.map((l) => l.checker));
    for (const lesson of runnable) {
      const module = run.testModules.find((m) => path.resolve(m.moduleId) === lesson.checker);
      results.push(summarize(lesson, target, module, debug));
    }
  }
  return lessons.map((l) => results.find((r) => r.lesson === l)!);
}
