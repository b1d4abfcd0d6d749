// Pool vitest seperti 'threads', dengan worker yang disiapkan lebih dulu (di proses pemeriksa).
//
// Worker biasa baru dinyalakan saat vitest memintanya, lalu memuat runtime vitest, express
// dan tough-cookie sebelum satu request pun dikirim. Di sini worker berikutnya sudah
// memuat semua itu sebelum diminta (warm-worker.mjs): pada `cek` bersamaan dengan proses
// pemeriksa memuat vitest, di mode pantau di antara dua simpanan.
//
// Isolasi tetap sama dengan pool 'threads': setiap berkas checker mendapat worker baru yang belum
// pernah menjalankan kode latihan, dan worker itu dihentikan setelahnya. Worker cadangan hanya
// pernah memuat paket dari node_modules, tidak pernah kode latihan atau checker. Kode latihan yang
// macet tetap dihentikan seperti sebelumnya: CLI membunuh seluruh proses pemeriksa.
import { isatty } from 'node:tty';
import { Worker } from 'node:worker_threads';
import path from 'node:path';
import type { PoolOptions, PoolRunnerInitializer, PoolWorker, WorkerRequest } from 'vitest/node';
import { ROOT } from '../lessons.ts';

const ENTRY = path.join(ROOT, 'src', 'cli', 'warm-worker.mjs');
const VITEST_DIR = path.join(ROOT, 'node_modules', 'vitest');
/** Paket yang dipakai harness dan hampir semua pelajaran. */
const PRELOAD = ['express', 'tough-cookie'];

type Env = Partial<NodeJS.ProcessEnv>;

interface Spare {
  thread: Worker;
  key: string;
}

let spare: Spare | undefined;
let keepSpare = false;
/** Worker yang diambil dari cadangan / yang terpaksa dinyalakan baru (dicetak dengan --debug). */
export const poolStats = { warm: 0, cold: 0 };

const keyOf = (env: Env, execArgv: string[]) =>
  JSON.stringify([Object.entries(env).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)), execArgv]);

function spawn(env: Env, execArgv: string[], warmUp: boolean): Worker {
  const thread = new Worker(ENTRY, {
    env,
    execArgv,
    stdout: true,
    stderr: true,
    workerData: { preload: PRELOAD, entry: path.join(VITEST_DIR, 'dist', 'workers', 'threads.js'), warmUp },
  });
  return thread;
}

function keepAsSpare(env: Env, execArgv: string[]) {
  const thread = spawn(env, execArgv, keepSpare);
  // Cadangan yang belum dipakai tidak menahan proses tetap hidup.
  thread.unref();
  thread.on('error', () => {});
  spare = { thread, key: keyOf(env, execArgv) };
}

/**
 * env dan execArgv yang akan diminta vitest 4 untuk worker (resolveOptions, resolveConditions dan
 * env proyek di createPool): dipakai untuk menyalakan cadangan pertama sebelum vitest selesai dimuat.
 * Bila ternyata berbeda, cadangan itu dibuang dan worker baru dinyalakan (lebih lambat, tetap benar).
 */
function expected(configEnv: Env): [Env, string[]] {
  const env: Env = {
    ...process.env,
    TEST: 'true',
    VITEST: 'true',
    VITEST_MODE: 'RUN',
    FORCE_TTY: isatty(1) ? 'true' : '',
    // import.meta.env bawaan Vite, yang vitest salin ke env proyek; Vite mengisi NODE_ENV.
    BASE_URL: '/',
    MODE: 'test',
    DEV: '1',
    PROD: '',
    NODE_ENV: process.env.NODE_ENV || 'development',
    ...configEnv,
  };
  const execArgv = [
    '--experimental-import-meta-resolve',
    '--require',
    path.join(VITEST_DIR, 'suppress-warnings.cjs'),
    '--conditions',
    'node',
    '--conditions',
    'development',
  ];
  return [env, execArgv];
}

/**
 * Menyiapkan worker cadangan sekarang. `keep` (mode pantau): setiap kali sebuah worker selesai,
 * cadangan berikutnya langsung disiapkan; tanpa itu hanya satu cadangan (`cek` sekali jalan).
 */
export function prepareWorker(configEnv: Env, keep: boolean) {
  keepSpare = keep;
  if (!spare) keepAsSpare(...expected(configEnv));
}

class WarmThreadsWorker implements PoolWorker {
  readonly name = 'warm-threads';
  private thread?: Worker;
  private readonly stdout: NodeJS.WritableStream;
  private readonly stderr: NodeJS.WritableStream;

  constructor(private readonly options: PoolOptions) {
    this.stdout = options.project.vitest.logger.outputStream;
    this.stderr = options.project.vitest.logger.errorStream;
  }

  on(event: string, callback: (arg: any) => void) {
    this.thread!.on(event, callback);
  }

  off(event: string, callback: (arg: any) => void) {
    this.thread!.off(event, callback);
  }

  send(message: WorkerRequest) {
    this.thread!.postMessage(message);
  }

  async start() {
    if (this.thread) return;
    const { env, execArgv } = this.options;
    let thread: Worker;
    if (spare && spare.key === keyOf(env, execArgv)) {
      thread = spare.thread;
      thread.ref();
      poolStats.warm++;
    } else {
      void spare?.thread.terminate();
      thread = spawn(env, execArgv, false);
      poolStats.cold++;
    }
    spare = undefined;
    this.thread = thread;
    thread.stdout.pipe(this.stdout, { end: false });
    thread.stderr.pipe(this.stderr, { end: false });
  }

  async stop() {
    const thread = this.thread;
    this.thread = undefined;
    if (!thread) return;
    thread.stdout.unpipe();
    thread.stderr.unpipe();
    await thread.terminate();
    // Mode pantau: cadangan berikutnya disiapkan setelah tes selesai, supaya tidak berebut CPU.
    if (keepSpare && !spare) keepAsSpare(this.options.env, this.options.execArgv);
  }

  deserialize(data: unknown) {
    return data;
  }
}

export const warmThreads: PoolRunnerInitializer = {
  name: 'warm-threads',
  createPoolWorker: (options) => new WarmThreadsWorker(options),
};
