// Menjalankan checker pelajaran dan meringkas hasilnya per tugas.
//
// Kode latihan tidak pernah berjalan di proses CLI. `Checker` menyalakan proses pemeriksa
// (src/cli/child.ts: vitest lewat API Node, pool 'threads') dan menerima hasil setiap tes selagi
// berjalan. Bila kode latihan macet (lihat limits.ts), proses itu dibunuh dan diganti yang baru;
// tes yang sudah selesai tetap dihitung, tes yang macet disebut namanya. Proses pemeriksa tetap
// hidup di antara pemeriksaan (mode pantau), jadi hanya berkas latihan yang dimuat ulang.
import type { ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { Reporter, Vitest } from 'vitest/node';
import { type Lesson, ROOT, relative } from '../lessons.ts';
import { syntaxError } from './syntax.ts';
import { targetFile as targetPath } from '../harness/target.ts';
import { LESSON_TIMEOUT_MS, LOAD_STUCK_MS, STUCK_MS, TEST_TIMEOUT_MS } from './limits.ts';
import { warmThreads } from './pool.ts';
import { CHECK_TIME_ZONE, spawnPemeriksa, takeEarly } from './pemeriksa.mjs';

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

export { CHECK_TIME_ZONE };

/** env worker checker (selain yang ditambahkan vitest sendiri). */
export const checkerEnv = (target: string) => ({ WORKBOOK_TARGET: target, TZ: CHECK_TIME_ZONE });

/** Membuat satu instance vitest untuk checker (di proses pemeriksa); dipakai ulang oleh mode pantau. */
export async function createChecker(target: string, debug = false, reporter: Reporter = {}): Promise<Vitest> {
  process.env.WORKBOOK_TARGET = target;
  process.env.TZ = CHECK_TIME_ZONE;
  const { createVitest } = await import('vitest/node');
  return createVitest(
    'test',
    {
      root: ROOT,
      config: false,
      watch: false,
      include: ['lessons/*/cek.test.ts'],
      setupFiles: [path.join(ROOT, 'src/cli/guard.ts')],
      reporters: [reporter],
      silent: !debug,
      pool: warmThreads,
      testTimeout: TEST_TIMEOUT_MS,
      hookTimeout: TEST_TIMEOUT_MS,
      env: checkerEnv(target),
      // Modul yang sudah ditransformasi disimpan di node_modules/.experimental-vitest-cache:
      // pemeriksaan berikutnya (juga proses baru) tidak perlu mentransformasi ulang.
      experimental: { fsModuleCache: true },
    },
    { logLevel: 'silent', cacheDir: path.join(ROOT, 'node_modules/.vite-cek') },
  );
}

// ---------------------------------------------------------------------------
// Laporan mentah dari proses pemeriksa.

export interface ErrorReport {
  name?: string;
  message?: string;
  stack?: string;
}

export interface TestReport {
  name: string;
  fullName: string;
  state?: string;
  errors?: ErrorReport[];
}

export interface StuckReport {
  /** loop: tidak ada denyut (perulangan tanpa akhir); waktu: pelajaran melewati LESSON_TIMEOUT_MS. */
  kind: 'loop' | 'waktu';
  /** Tes yang sedang berjalan (kosong bila macet saat berkas dimuat). */
  test?: { name: string; fullName?: string };
  /** Request atau fungsi yang sedang berjalan. */
  what?: string;
}

export interface ModuleReport {
  collected: { name: string; fullName: string }[];
  tests: Map<string, TestReport>;
  errors: ErrorReport[];
  ended: boolean;
  stuck?: StuckReport;
  /** Tes yang macet pada putaran sebelumnya (fullName); putaran berikutnya melewatinya. */
  stuckTests?: Map<string, StuckReport>;
  /** Proses pemeriksa berhenti sendiri sebelum checker selesai. */
  crashed?: string;
}

/** Pesan yang dikirim proses pemeriksa ke CLI. */
export type ChildMessage =
  | { type: 'ready' }
  | { type: 'collected'; file: string; tests: { name: string; fullName: string }[] }
  | { type: 'test'; file: string; test: TestReport }
  | { type: 'module-end'; file: string; errors: ErrorReport[] }
  | { type: 'stuck'; file: string; stuck: StuckReport }
  | { type: 'run-end' };

export type ParentMessage = {
  type: 'run';
  files: string[];
  invalidate: string[];
  /** Tes (fullName) yang dilewati: sudah macet pada putaran sebelumnya. */
  exclude?: string[];
  /** Sisa waktu pelajaran ini (ms), bila lebih kecil dari LESSON_TIMEOUT_MS. */
  budgetMs?: number;
};

/** Pola nama tes vitest ("berkas describe tes") yang tidak cocok dengan tes mana pun di `exclude`. */
export function excludePattern(exclude: string[]): RegExp {
  const alts = exclude.map((n) => n.replace(/ > /g, ' ').replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return new RegExp(`^(?!.*(?:${alts.join('|')})$)`);
}

// ---------------------------------------------------------------------------
// Ringkasan per tugas.

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

const seconds = (ms: number) => `${ms / 1000} detik`;
const taskPrefix = (testName?: string) => {
  const m = /Tugas \d+/.exec(testName ?? '');
  return m ? `${m[0]}: ` : '';
};

function describeError(err: ErrorReport, exercise: string, debug: boolean, testName?: string): string {
  if (err.name === 'CheckFailure' || err.name === 'GuardFailure') return err.message ?? '';
  const timedOut = /^(Test|Hook) timed out in (\d+)ms/.exec(err.message ?? '');
  if (timedOut) {
    const where = timedOut[1] === 'Test' ? `tes "${testName?.replace(/^Tugas \d+:\s*/, '') ?? '?'}"` : 'persiapan tes (hook)';
    return (
      `${taskPrefix(testName)}${where} tidak selesai dalam ${seconds(Number(timedOut[2]))}: kode latihan menunggu sesuatu yang tidak pernah datang ` +
      '(Promise yang tidak pernah selesai, `await` tanpa akhir, atau request tanpa jawaban). Pastikan setiap jalur memanggil `res.send()`/`res.end()` atau `next()`.'
    );
  }
  const loc = firstLocation(err.stack, [exercise]);
  const msg = `${err.name && err.name !== 'Error' ? `${err.name}: ` : ''}${err.message ?? String(err)}`;
  const lines = [`Kode latihan melempar error${loc ? ` di ${loc}` : ''}:`, `  ${msg}`];
  if (debug && err.stack) lines.push(err.stack);
  return lines.join('\n');
}

function stuckMessage(stuck: StuckReport, exercise: string): string {
  if (stuck.kind === 'waktu') {
    return (
      `${taskPrefix(stuck.test?.fullName ?? stuck.test?.name)}pemeriksaan dihentikan setelah ${seconds(LESSON_TIMEOUT_MS)}` +
      `${stuck.what ? ` saat menunggu ${stuck.what}` : ''}: terlalu banyak request yang tidak dijawab atau Promise yang tidak pernah selesai.`
    );
  }
  const loop = (ms: number) =>
    `berjalan terus lebih dari ${seconds(ms)} tanpa jeda, kemungkinan perulangan tanpa akhir ` +
    '(mis. `while (true)` atau kondisi loop yang tidak pernah menjadi salah). Pemeriksaan dihentikan.';
  if (!stuck.test) return `Berkas ${relative(exercise)} tidak selesai dimuat: kode di tingkat atas berkas atau di createApp() ${loop(LOAD_STUCK_MS)}`;
  const what = stuck.what ?? `tes "${stuck.test.name.replace(/^Tugas \d+:\s*/, '')}"`;
  return `${taskPrefix(stuck.test.fullName ?? stuck.test.name)}${what} tidak selesai: kode latihan ${loop(STUCK_MS)}`;
}

/** Error dari pengawas (process.exit, Promise ditolak, listen) lebih jelas daripada akibatnya (mis. status 500). */
function mainError(errors: ErrorReport[]): ErrorReport | undefined {
  return errors.find((e) => e.name === 'GuardFailure') ?? errors[0];
}

export function summarize(lesson: Lesson, target: string, module: ModuleReport | undefined, debug: boolean): LessonResult {
  const exercise = targetFile(lesson, target);
  const tasks = new Map<number, TaskResult>();
  lesson.tasks.forEach((t, i) => tasks.set(i + 1, { number: i + 1, title: t, passed: 0, total: 0 }));

  let fileError: string | undefined;
  let stopped: string | undefined; // alasan tes yang belum sempat berjalan
  if (!module) fileError = 'Checker tidak berjalan.';
  else if (module.crashed) fileError = module.crashed;
  else if (module.stuck && !module.stuck.test) fileError = stuckMessage(module.stuck, exercise);
  else if (module.errors.length > 0) fileError = describeError(mainError(module.errors)!, exercise, debug);
  if (module?.stuck?.test) stopped = stuckMessage(module.stuck, exercise);

  if (module) {
    let sawStuck = false;
    const all = module.collected.length > 0 ? module.collected : [...module.tests.values()];
    for (const { name, fullName } of all) {
      const top = fullName.split(' > ')[0] ?? name;
      const info = taskOf(top) ?? taskOf(name);
      if (!info) continue;
      const task = tasks.get(info.number) ?? { number: info.number, title: info.title, passed: 0, total: 0 };
      if (info.title && fullName.startsWith(top) && top !== name) task.title = info.title; // judul singkat dari describe
      tasks.set(info.number, task);
      const report = module.tests.get(fullName);
      const stuckBefore = module.stuckTests?.get(fullName);
      if (stuckBefore) {
        task.total++;
        const message = stuckMessage(stuckBefore, exercise);
        if (!task.failure || task.failure.includes('belum sempat diperiksa')) task.failure = message;
        continue;
      }
      if (report?.state === 'skipped') {
        // Mis. pemeriksaan Redis tanpa REDIS_URL: dilewati, tidak dihitung gagal.
        task.skipped = (task.skipped ?? 0) + 1;
        continue;
      }
      if (!report && !stopped && !fileError) continue; // belum berjalan, tanpa alasan: tidak dihitung
      const isStuck = Boolean(module.stuck?.test && (module.stuck.test.fullName ?? module.stuck.test.name) === fullName);
      sawStuck ||= isStuck;
      task.total++;
      if (report?.state === 'passed') task.passed++;
      else if (!task.failure) {
        if (isStuck || (!report && stopped)) {
          task.failure = isStuck ? stopped : `Tugas ${info.number}: belum sempat diperiksa karena pemeriksaan dihentikan.\n${stopped ?? fileError}`;
        } else {
          const err = report ? mainError(report.errors ?? []) : undefined;
          task.failure = err ? describeError(err, exercise, debug, fullName) : `Tes "${name}" tidak lulus.`;
        }
      }
    }
    // Tes yang macet tanpa ada di daftar (mis. hook): tetap tampilkan alasannya.
    if (stopped && !sawStuck) {
      const info = taskOf(module.stuck?.test?.fullName ?? '') ?? taskOf(module.stuck?.test?.name ?? '');
      const t = info && tasks.get(info.number);
      if (t) {
        t.total++;
        t.failure ??= stopped;
      } else fileError ??= stopped;
    }
  }
  const list = [...tasks.values()].sort((a, b) => a.number - b.number);
  for (const t of list) if (t.total === 0 && !t.failure) t.failure = fileError ?? 'Tidak ada tes yang berjalan untuk tugas ini.';
  const ok = !fileError && list.length > 0 && list.every((t) => t.total > 0 && t.passed === t.total);
  return { lesson, target, ok, tasks: list, fileError };
}

// ---------------------------------------------------------------------------
// Proses pemeriksa yang bisa dihentikan.

interface RunState {
  modules: Map<string, ModuleReport>;
  finish(): void;
}

/** Proses pemeriksa untuk satu target; dibuat ulang otomatis setelah dihentikan. */
export class Checker {
  private child?: ChildProcess;
  private ready?: Promise<void>;
  private run?: RunState;
  private output = '';

  constructor(
    readonly target: string,
    private debug = false,
    /** Mode pantau: proses pemeriksa menyiapkan worker berikutnya setelah setiap pemeriksaan. */
    private watchMode = false,
  ) {}

  /** Menyalakan proses pemeriksa (bila belum) supaya pemeriksaan berikutnya langsung mulai. */
  start(): Promise<void> {
    if (this.ready) return this.ready;
    this.output = '';
    const options = { root: ROOT, target: this.target, debug: this.debug, watch: this.watchMode };
    // `cek`: bin.mjs sudah menyalakan pemeriksa sebelum kode CLI dimuat; pakai itu bila cocok.
    const spawned = takeEarly(options) ?? spawnPemeriksa(options);
    const child = spawned.child;
    this.child = child;
    const keep = (d: Buffer) => {
      if (this.debug) process.stderr.write(d);
      this.output = (this.output + d.toString()).slice(-4000);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    const ready = new Promise<void>((resolve, reject) => {
      spawned.adopt((m: ChildMessage) => {
        if (m.type === 'ready') resolve();
        else this.onMessage(m);
      });
      child.once('exit', (code, signal) => {
        if (this.child === child) {
          this.child = undefined;
          this.ready = undefined;
        }
        const why = `Pemeriksa berhenti tiba-tiba (${signal ?? `kode ${code}`}).${this.debug ? '' : ' Jalankan lagi dengan --debug untuk melihat detailnya.'}`;
        reject(new Error(`${why}${this.debug ? `\n${this.output}` : ''}`));
        if (this.run && !killed.has(child)) {
          for (const m of this.run.modules.values()) if (!m.ended && !m.stuck) m.crashed = why;
          this.run.finish();
        }
      });
    });
    ready.catch(() => {});
    this.ready = ready;
    return ready;
  }

  private onMessage(m: ChildMessage) {
    const run = this.run;
    if (!run || m.type === 'ready') return;
    if (m.type === 'run-end') return run.finish();
    const mod = run.modules.get(path.resolve(m.file));
    if (!mod || mod.ended || mod.stuck) return;
    if (m.type === 'collected') {
      if (m.tests.length >= mod.collected.length) mod.collected = m.tests;
    }
    else if (m.type === 'test') mod.tests.set(m.test.fullName, m.test);
    else if (m.type === 'module-end') {
      mod.errors = m.errors;
      mod.ended = true;
    } else if (m.type === 'stuck') {
      mod.stuck = m.stuck;
      // Worker macet tidak bisa dihentikan dari dalam: hentikan seluruh proses pemeriksa.
      this.kill();
      run.finish();
    }
  }

  /** Menghentikan proses pemeriksa sekarang juga (SIGKILL); pemeriksaan yang sedang berjalan selesai tanpa hasil. */
  kill() {
    const child = this.child;
    this.child = undefined;
    this.ready = undefined;
    if (child) {
      killed.add(child);
      child.kill('SIGKILL');
    }
  }

  /** Menghentikan pemeriksaan yang sedang berjalan (mis. berkas disimpan lagi). */
  abort() {
    const run = this.run;
    this.kill();
    run?.finish();
  }

  close() {
    this.kill();
  }

  /** Satu putaran di proses pemeriksa; modul yang tidak selesai karena modul lain macet tetap `ended: false`. */
  private async once(lessons: Lesson[], exclude?: string[], budgetMs?: number): Promise<Map<string, ModuleReport> | undefined> {
    const modules = new Map<string, ModuleReport>();
    for (const l of lessons) modules.set(l.checker, { collected: [], tests: new Map(), errors: [], ended: false });
    try {
      await this.start();
    } catch (err) {
      for (const m of modules.values()) m.crashed = (err as Error).message;
      return modules;
    }
    let aborted = false;
    await new Promise<void>((resolve) => {
      const run: RunState = {
        modules,
        finish: () => {
          if (this.run !== run) return;
          this.run = undefined;
          aborted = !this.child && ![...modules.values()].some((m) => m.stuck || m.crashed);
          resolve();
        },
      };
      this.run = run;
      const msg: ParentMessage = {
        type: 'run',
        files: lessons.map((l) => l.checker),
        invalidate: lessons.map((l) => targetFile(l, this.target)),
        exclude,
        budgetMs,
      };
      this.child!.send(msg);
    });
    return aborted ? undefined : modules;
  }

  /**
   * Memeriksa beberapa pelajaran. Mengembalikan undefined bila dihentikan lewat abort().
   * Pelajaran yang terputus karena pelajaran lain macet diperiksa ulang di proses baru.
   */
  async check(lessons: Lesson[]): Promise<LessonResult[] | undefined> {
    const results = new Map<Lesson, LessonResult>();
    const pending: Lesson[] = [...lessons];
    // Tes yang macet dilewati pada putaran berikutnya (di proses baru), supaya tugas lain tetap
    // dinilai; semuanya tetap di dalam LESSON_TIMEOUT_MS per pelajaran dan paling banyak 3 putaran ulang.
    interface Earlier {
      tests: Map<string, TestReport>;
      stuckTests: Map<string, StuckReport>;
      since: number;
      retries: number;
    }
    const earlier = new Map<Lesson, Earlier>();
    const merged = (lesson: Lesson, m: ModuleReport): ModuleReport => {
      const e = earlier.get(lesson);
      if (!e) return m;
      const tests = new Map(e.tests);
      for (const [k, v] of m.tests) if (!(v.state === 'skipped' && e.stuckTests.has(k))) tests.set(k, v);
      return { ...m, tests, stuckTests: e.stuckTests };
    };
    const jobs: { lessons: Lesson[]; exclude?: string[]; budgetMs?: number }[] = [{ lessons: pending }];
    while (jobs.length > 0) {
      const job = jobs.shift()!;
      const startedAt = Date.now();
      const modules = await this.once(job.lessons, job.exclude, job.budgetMs);
      if (!modules) return undefined;
      const interrupted: Lesson[] = [];
      for (const lesson of job.lessons) {
        const m = merged(lesson, modules.get(lesson.checker)!);
        const e = earlier.get(lesson) ?? { tests: new Map(), stuckTests: new Map(), since: startedAt, retries: 0 };
        const left = LESSON_TIMEOUT_MS - (Date.now() - e.since);
        const stuckTest = m.stuck?.kind === 'loop' ? m.stuck.test : undefined;
        if (stuckTest?.fullName && e.retries < 3 && left > STUCK_MS + 5000) {
          e.tests = m.tests;
          e.stuckTests = new Map(m.stuckTests ?? []).set(stuckTest.fullName, m.stuck!);
          e.retries++;
          earlier.set(lesson, e);
          jobs.push({ lessons: [lesson], exclude: [...e.stuckTests.keys()], budgetMs: left });
        } else if (m.ended || m.stuck || m.crashed) results.set(lesson, summarize(lesson, this.target, m, this.debug));
        else interrupted.push(lesson);
      }
      if (interrupted.length === job.lessons.length) {
        // Tidak ada kemajuan sama sekali: jangan berputar selamanya.
        for (const lesson of interrupted) results.set(lesson, summarize(lesson, this.target, undefined, this.debug));
      } else if (interrupted.length > 0) jobs.push({ lessons: interrupted });
    }
    // Sintaks diperiksa (esbuild, pesan dengan baris dan cuplikan) hanya bila berkasnya gagal dimuat:
    // jalur yang lulus tidak membayar esbuild.
    for (const [lesson, result] of results) {
      if (!result.fileError) continue;
      const err = await syntaxError(targetFile(lesson, this.target));
      if (err) {
        results.set(lesson, {
          lesson,
          target: this.target,
          ok: false,
          fileError: err,
          tasks: lesson.tasks.map((title, i) => ({ number: i + 1, title, passed: 0, total: 0, failure: err })),
        });
      }
    }
    return lessons.map((l) => results.get(l)!);
  }
}

const killed = new WeakSet<ChildProcess>();
