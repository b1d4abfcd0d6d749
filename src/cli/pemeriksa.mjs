// Menyalakan proses pemeriksa (`bin.mjs __pemeriksa`, lihat child.ts). JavaScript biasa, karena
// bin.mjs memakainya sebelum kode CLI dimuat: `cek` menyalakan pemeriksa saat itu juga, dan
// Checker (runner.ts) mengambil alih proses itu setelah CLI selesai membaca argumen dan pelajaran.
import { spawn } from 'node:child_process';
import path from 'node:path';

const EARLY = Symbol.for('cookie-session.pemeriksa-awal');

/**
 * Zona waktu checker: bukan UTC, supaya tanggal yang dibangun dengan getter waktu lokal
 * (getHours, getDate, toString) ketahuan. Diisi di env proses pemeriksa: mengubah TZ di dalam
 * worker tidak berpengaruh.
 */
export const CHECK_TIME_ZONE = 'Asia/Jakarta';

/**
 * @typedef {{ child: import('node:child_process').ChildProcess, key: string, adopt(onMessage: (m: any) => void): void }} Spawned
 */

/**
 * @typedef {{ root: string, target: string, debug?: boolean, watch?: boolean }} Options
 */

/** Pemeriksa yang sama: target, --debug, dan mode pantau sama. @param {Options} o */
const keyOf = ({ target, debug = false, watch = false }) => JSON.stringify([target, debug, watch]);

/**
 * Proses pemeriksa baru; pesan IPC yang datang sebelum ada pendengar disimpan sampai `adopt`.
 * @param {Options} options
 * @returns {Spawned}
 */
export function spawnPemeriksa(options) {
  const { root, target, debug = false, watch = false } = options;
  const child = spawn(process.execPath, [path.join(root, 'src', 'cli', 'bin.mjs'), '__pemeriksa'], {
    cwd: root,
    env: { ...process.env, WORKBOOK_TARGET: target, TZ: CHECK_TIME_ZONE, WORKBOOK_DEBUG: debug ? '1' : '', WORKBOOK_PANTAU: watch ? '1' : '' },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    serialization: 'advanced',
  });
  /** @type {unknown[]} */
  const early = [];
  const keep = (/** @type {unknown} */ m) => early.push(m);
  child.on('message', keep);
  return {
    child,
    key: keyOf(options),
    /** Mengalihkan pesan ke `onMessage`, mulai dari yang sudah datang. */
    adopt(onMessage) {
      child.off('message', keep);
      child.on('message', onMessage);
      for (const m of early.splice(0)) onMessage(m);
    },
  };
}

/**
 * bin.mjs: nyalakan pemeriksa untuk `cek` sekarang, dengan target dan --debug dari argumen.
 * @param {string} root
 * @param {string[]} argv
 */
export function spawnEarly(root, argv) {
  const i = argv.findIndex((a) => a === '--target' || a.startsWith('--target='));
  const target = i === -1 ? (process.env.WORKBOOK_TARGET ?? 'latihan') : argv[i]?.startsWith('--target=') ? argv[i]?.slice(9) : argv[i + 1];
  if (!target) return;
  const early = spawnPemeriksa({ root, target, debug: argv.includes('--debug') });
  // Sampai diambil alih, proses ini tidak menahan CLI (mis. keluar karena salah pemakaian).
  hold(early.child, false);
  /** @type {any} */ (globalThis)[EARLY] = early;
}

/**
 * Checker: ambil pemeriksa yang dinyalakan bin.mjs bila target dan modenya sama (sekali saja).
 * @param {Options} options
 * @returns {Spawned | undefined}
 */
export function takeEarly(options) {
  const store = /** @type {any} */ (globalThis);
  const early = store[EARLY];
  store[EARLY] = undefined;
  if (!early) return undefined;
  if (early.key === keyOf(options) && early.child.exitCode === null && early.child.signalCode === null) {
    hold(early.child, true);
    return early;
  }
  early.child.kill('SIGKILL');
  return undefined;
}

/**
 * @param {import('node:child_process').ChildProcess} child
 * @param {boolean} on
 */
function hold(child, on) {
  for (const handle of [child, child.channel, child.stdout, child.stderr]) {
    if (on) handle?.ref?.();
    else handle?.unref?.();
  }
}
