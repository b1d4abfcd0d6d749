// Menjalankan CLI pelajar sebagai proses sungguhan, untuk tes proyek dan benchmark.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'src', 'cli', 'bin.mjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Waktu dinding sampai proses berakhir, dalam milidetik. */
  ms: number;
}

/** Ruang kerja sementara di dalam repo (agar impor paket seperti express tetap ketemu). */
export function tempWorkspace(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(ROOT, '.tes-latihan-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function spawnCli(args: string[], env: Record<string, string> = {}): ChildProcess {
  return spawn(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

export function runCli(args: string[], env: Record<string, string> = {}, timeoutMs = 120_000): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawnCli(args, env);
    child.stdin!.end();
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d) => (stdout += d));
    child.stderr!.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`CLI ${args.join(' ')} tidak selesai dalam ${timeoutMs} ms\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
  });
}

/** Mengumpulkan keluaran proses sejak awal; `waitFor` mencari pola setelah cocokan sebelumnya. */
export function collectOutput(child: ChildProcess) {
  let seen = '';
  let from = 0;
  const listeners = new Set<() => void>();
  const onData = (d: Buffer) => {
    seen += d.toString();
    for (const l of listeners) l();
  };
  child.stdout!.on('data', onData);
  child.stderr!.on('data', onData);
  return {
    text: () => seen,
    waitFor(pattern: RegExp, timeoutMs = 30_000): Promise<RegExpExecArray> {
      return new Promise((resolve, reject) => {
        const check = () => {
          const m = pattern.exec(seen.slice(from));
          if (!m) return;
          from += m.index + m[0].length;
          done();
          resolve(m);
        };
        const timer = setTimeout(() => {
          done();
          reject(new Error(`Keluaran tidak memuat ${pattern} dalam ${timeoutMs} ms:\n${seen}`));
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          listeners.delete(check);
        };
        listeners.add(check);
        check();
      });
    },
  };
}

/** Mengirim sinyal dan mengukur berapa lama sampai proses benar-benar berakhir (ms). */
export function signalAndWait(child: ChildProcess, signal: NodeJS.Signals, timeoutMs = 10_000): Promise<{ ms: number; code: number | null }> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    if (child.exitCode !== null || child.signalCode !== null) return resolve({ ms: 0, code: child.exitCode });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`proses tidak berakhir ${timeoutMs} ms setelah ${signal}`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ ms: performance.now() - started, code });
    });
    child.kill(signal);
  });
}

/** Tidak ada baris stack trace ("    at fungsi (berkas:baris:kolom)") di keluaran. */
export const STACK_LINE = /^\s+at .+:\d+:\d+\)?$/m;
