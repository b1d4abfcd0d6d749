// Pengawas di dalam worker vitest (setupFiles pemeriksa), dimuat sebelum checker dan kode latihan.
// - Denyut setiap 200 ms lewat BroadcastChannel: proses pemeriksa tahu kapan kode latihan
//   berjalan terus tanpa jeda (perulangan tanpa akhir) dan menghentikan worker dari luar.
// - Request yang sedang ditangani app dan fungsi yang sedang dipanggil (`attempt` di harness)
//   dikabarkan lebih dulu, supaya pesan macet bisa menyebut namanya.
// - Promise ditolak tanpa ditangani, error tak tertangkap, dan process.exit() di kode latihan
//   menggagalkan tes tempat kejadiannya (Node biasa akan mematikan server).
// - listen() dari kode latihan ditolak: pemeriksa (dan sandbox) yang menjalankan server.
import http from 'node:http';
import net from 'node:net';
import path from 'node:path';
import { BroadcastChannel } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { ROOT, targetFile } from '../harness/target.ts';
import { GUARD_CHANNEL } from './limits.ts';

interface GuardState {
  file: string;
  exercise: string;
  pending: Error[];
  channel: BroadcastChannel;
  seq: number;
}

const KEY = Symbol.for('workbook.guard');
const g = globalThis as unknown as Record<symbol, GuardState | undefined>;

const file: string = (globalThis as { __vitest_worker__?: { filepath?: string } }).__vitest_worker__?.filepath ?? '';
let exercise = '';
try {
  exercise = targetFile(path.basename(path.dirname(file)));
} catch {
  // target tidak dikenal: harness akan melaporkannya
}

/** Error yang pesannya sudah siap dibaca pelajar (CLI menampilkannya tanpa stack trace). */
function failure(message: string, from?: Function): Error {
  const err = new Error(message);
  err.name = 'GuardFailure';
  // Baris pertama stack = kode latihan yang memanggil (bukan pengawas ini).
  Error.captureStackTrace(err, from ?? failure);
  return err;
}

function locate(stack: string | undefined, target: string): string | undefined {
  if (!stack || !target) return undefined;
  for (const line of stack.split('\n')) {
    const i = line.indexOf(target);
    if (i === -1) continue;
    const m = /^:(\d+):(\d+)/.exec(line.slice(i + target.length));
    if (m) return `${path.relative(ROOT, target)}:${m[1]}:${m[2]}`;
  }
  return undefined;
}

function task(): string {
  const name = expect.getState().currentTestName ?? '';
  const m = /Tugas \d+/.exec(name);
  return m ? `${m[0]}: ` : '';
}

const state: GuardState = (g[KEY] ??= install());
state.file = file;
state.exercise = exercise;
state.pending = [];
post({ type: 'beat' });

function post(msg: Record<string, unknown>) {
  try {
    state.channel.postMessage({ file: state.file, ...msg });
  } catch {
    // pemeriksa sudah menutup kanal
  }
}

function install(): GuardState {
  const s: GuardState = { file, exercise, pending: [], channel: new BroadcastChannel(GUARD_CHANNEL), seq: 0 };
  s.channel.unref();
  setInterval(() => post({ type: 'beat' }), 200).unref();

  // Apa yang sedang dikerjakan kode latihan, dikirim sebelum kode itu berjalan.
  (globalThis as Record<symbol, unknown>)[Symbol.for('workbook.activity')] = (what: string) => post({ type: 'call', what });
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function (this: http.Server, event: string, ...args: unknown[]) {
    if (event === 'request') {
      const [req, res] = args as [http.IncomingMessage, http.ServerResponse];
      const id = ++s.seq;
      post({ type: 'request', id, what: `${req.method} ${req.url}` });
      res.once('close', () => post({ type: 'response', id }));
    }
    return emit.apply(this, [event, ...args] as Parameters<typeof emit>);
  } as typeof emit;

  const listen = net.Server.prototype.listen;
  net.Server.prototype.listen = function (this: net.Server, ...args: unknown[]) {
    const where = locate(new Error().stack, s.exercise);
    if (where) {
      throw failure(
        `Kode latihan memanggil listen() di ${where}. createApp() tidak boleh menyalakan server sendiri: ` +
          'pemeriksa dan sandbox yang menjalankannya di 127.0.0.1. Hapus app.listen(...) dan cukup kembalikan app-nya.',
        net.Server.prototype.listen,
      );
    }
    return listen.apply(this, args as Parameters<typeof listen>);
  } as typeof listen;

  process.exit = function exit(code?: number | string | null) {
    const probe = new Error();
    Error.captureStackTrace(probe, exit);
    const where = locate(probe.stack, s.exercise);
    const err = failure(
      `${task()}process.exit(${code ?? ''}) dipanggil${where ? ` di ${where}` : ''}. Kode latihan tidak boleh menghentikan proses: ` +
        'server ikut mati dan browser tidak mendapat jawaban. Kirim response (mis. res.status(400).send(...)) atau lempar error.',
      exit,
    );
    s.pending.push(err);
    throw err;
  } as typeof process.exit;

  const uncaught = (kind: string) => (reason: unknown) => {
    const e = reason as Error | undefined;
    const where = locate(e?.stack, s.exercise);
    const what = e instanceof Error ? `${e.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e.message}` : String(reason);
    if (e?.name === 'GuardFailure' && s.pending.includes(e)) return;
    s.pending.push(
      failure(
        `${task()}${kind}${where ? ` di ${where}` : ''}: ${what}\n` +
          '  Di Node biasa proses server mati karena ini. Tangani error-nya: `await` di dalam try/catch, atau `.catch(next)`.',
      ),
    );
  };
  process.on('unhandledRejection', uncaught('Promise ditolak tanpa ditangani (unhandled rejection)'));
  process.on('uncaughtException', uncaught('Error tak tertangkap (uncaught exception)'));
  return s;
}

// Daftar tes dikabarkan langsung juga (laporan vitest bisa belum terkirim bila worker macet).
// eslint-disable-next-line no-empty-pattern -- vitest menuntut destrukturisasi pada argumen pertama
beforeAll(({}, suite) => {
  type Node = { type?: string; name: string; fullTestName?: string; tasks?: Node[] };
  const tests: { name: string; fullName: string }[] = [];
  const walk = (n: Node) => {
    if (n.type === 'test') tests.push({ name: n.name, fullName: n.fullTestName ?? n.name });
    for (const t of n.tasks ?? []) walk(t);
  };
  walk(suite as unknown as Node);
  post({ type: 'collected', tests });
});

beforeEach((ctx) => {
  post({ type: 'test', name: ctx.task.name, fullName: ctx.task.fullTestName });
});

afterEach((ctx) => {
  // Kejadian yang belum sempat diproses (mis. unhandledRejection) muncul setelah satu putaran event loop.
  return new Promise<void>((resolve, reject) =>
    setImmediate(() => {
      const first = state.pending[0];
      state.pending = [];
      // Hasil tes juga dikabarkan langsung: laporan vitest dikirim berkala, dan yang belum terkirim
      // hilang bila worker macet di tes berikutnya.
      const errors = [...(ctx.task.result?.errors ?? []), ...(first ? [first] : [])].map((e) => ({ name: e.name, message: e.message, stack: e.stack }));
      post({ type: 'result', name: ctx.task.name, fullName: ctx.task.fullTestName, state: errors.length ? 'failed' : 'passed', errors });
      if (first) reject(first);
      else resolve();
    }),
  );
});

afterAll(() => {
  post({ type: 'done' });
  const first = state.pending[0];
  state.pending = [];
  if (first) throw first;
});
