// Mode pantau (`npm run latihan`) dan `npm start` (situs + mode pantau dalam satu terminal).
// Memeriksa ulang pelajaran sekarang setiap kali berkasnya disimpan; pindah ke pelajaran berikut
// setelah lulus; tombol r/Enter untuk memeriksa ulang secara manual bila pemantauan berkas gagal.
import { type ChildProcess, spawn } from 'node:child_process';
import { type FSWatcher, watch as fsWatch } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { type Lesson, ROOT, WORKSPACE_DIR, allLessons, relative } from '../lessons.ts';
import { ensureWorkspaceFile, readState, writeState } from '../workspace.ts';
import { nextStep, recordProgress } from './check.ts';
import { createChecker, runChecks } from './runner.ts';
import { c, formatResult } from './ui.ts';

interface WatchOptions {
  lesson?: Lesson;
  withSite: boolean;
  debug: boolean;
}

function pickLesson(): Lesson {
  const lessons = allLessons();
  const state = readState();
  const saved = lessons.find((l) => l.id === state.sekarang);
  return saved ?? lessons.find((l) => !state.pelajaran[l.id]?.lulus) ?? lessons[lessons.length - 1]!;
}

/** Menjalankan `astro dev` dengan log tersembunyi; mengembalikan URL-nya. */
function startSite(): Promise<{ url?: string; child: ChildProcess }> {
  const astro = path.join(ROOT, 'node_modules', 'astro', 'astro.js');
  const child = spawn(process.execPath, [astro, 'dev'], {
    cwd: ROOT,
    env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      log += chunk.toString().replace(/\x1b\[[0-9;]*m/g, '');
      const m = /http:\/\/(?:localhost|127\.0\.0\.1|\[::1\]):\d+(\/[^\s]*)?/.exec(log);
      if (m) resolve({ url: new URL(m[0]).href, child });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      console.log(c.red(`Situs berhenti (kode ${code}). Log terakhir:\n${log.split('\n').slice(-8).join('\n')}`));
      resolve({ child });
    });
    setTimeout(() => resolve({ child }), 20_000).unref();
  });
}

export async function watch({ lesson, withSite, debug }: WatchOptions): Promise<number> {
  const tty = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  let current = lesson ?? pickLesson();
  let site: { url?: string; child: ChildProcess } | undefined;

  if (withSite) {
    console.log('Menyalakan situs pelajaran…');
    site = await startSite();
  }
  const siteUrl = site?.url?.replace(/\/*$/, '/');
  const vitest = await createChecker('latihan', debug);

  let banner = '';
  let watcher: FSWatcher | undefined;
  let watchProblem = '';
  let running = false;
  let again = false;

  function select(lesson: Lesson) {
    current = lesson;
    if (ensureWorkspaceFile(lesson)) banner += c.dim(`Kode awal disalin ke ${relative(lesson.workspaceFile)}.\n`);
    const state = readState();
    state.sekarang = lesson.id;
    writeState(state);
  }

  function footer(): string {
    const lines: string[] = [];
    if (siteUrl) lines.push(`Situs: ${c.cyan(siteUrl)}   Pelajaran ini: ${c.cyan(`${siteUrl}${current.id}/`)}`);
    if (watchProblem) lines.push(c.yellow(watchProblem));
    else lines.push(c.dim(`Memantau ${relative(current.workspaceFile)}: simpan berkasnya untuk memeriksa ulang.`));
    lines.push(c.dim('Tombol: r/Enter periksa ulang · h petunjuk · n pelajaran berikut · p sebelumnya · q keluar'));
    return lines.join('\n');
  }

  async function run() {
    if (running) {
      again = true;
      return;
    }
    running = true;
    const started = performance.now();
    const [result] = await runChecks(vitest, [current], 'latihan', debug);
    const ms = Math.round(performance.now() - started);
    recordProgress([result!]);
    if (tty) process.stdout.write('\x1b[2J\x1b[H');
    if (banner) console.log(banner);
    banner = '';
    console.log(formatResult(result!, relative(current.workspaceFile)));
    console.log(c.dim(`  diperiksa dalam ${ms} ms`));
    console.log(`\n${nextStep(result!)}\n`);
    if (result!.ok) {
      const lessons = allLessons();
      const next = lessons[lessons.indexOf(current) + 1];
      if (next) {
        banner = c.green(c.bold(`🎉 Pelajaran ${current.number} lulus! Lanjut ke pelajaran ${next.number} — ${next.title}.\n`));
        select(next);
        watchFile();
        again = true;
      } else {
        console.log(c.green(c.bold('🎉 Semua pelajaran selesai. Terima kasih sudah belajar sampai akhir!')));
      }
    }
    console.log(footer());
    running = false;
    if (again) {
      again = false;
      await run();
    }
  }

  function watchFile() {
    watcher?.close();
    let timer: NodeJS.Timeout | undefined;
    try {
      watchProblem = '';
      watcher = fsWatch(WORKSPACE_DIR, (_event, name) => {
        if (name && name.toString() !== path.basename(current.workspaceFile)) return;
        clearTimeout(timer);
        timer = setTimeout(() => void run(), 30);
      });
      watcher.on('error', (err) => {
        watchProblem = `Pemantauan berkas berhenti (${err.message}). Tekan r atau Enter setelah menyimpan.`;
      });
    } catch (err) {
      watchProblem = `Pemantauan berkas tidak jalan (${(err as Error).message}). Tekan r atau Enter setelah menyimpan.`;
    }
  }

  function showHint() {
    const hints = current.hints;
    const state = readState();
    const p = (state.pelajaran[current.id] ??= { lulus: false, tugasLulus: [], petunjukDibuka: 0 });
    const i = Math.min(p.petunjukDibuka, hints.length - 1);
    if (i < 0) console.log('Pelajaran ini belum punya petunjuk.');
    else {
      console.log(c.bold(`\nPetunjuk ${i + 1}/${hints.length}: `) + hints[i]);
      p.petunjukDibuka = Math.max(p.petunjukDibuka, i + 1);
      writeState(state);
    }
  }

  const stop = async () => {
    watcher?.close();
    site?.child.kill();
    await vitest.close();
    if (tty) process.stdin.setRawMode(false);
    console.log('\nSampai jumpa! Kemajuanmu tersimpan di latihan/kemajuan.json.');
    process.exit(0);
  };

  const onKey = (key: string) => {
    const lessons = allLessons();
    const k = key.trim().toLowerCase();
    if (k === 'q' || key === '\u0003') void stop();
    else if (k === '' || k === 'r') void run();
    else if (k === 'h') showHint();
    else if (k === 'n' || k === 'p') {
      const target = lessons[lessons.indexOf(current) + (k === 'n' ? 1 : -1)];
      if (target) {
        select(target);
        watchFile();
        void run();
      }
    }
  };

  if (tty) {
    readline.emitKeypressEvents(process.stdin);
    process.stdin.setRawMode(true);
    process.stdin.on('keypress', (str: string | undefined, key: { name?: string; ctrl?: boolean }) => {
      if (key?.ctrl && key.name === 'c') onKey('\u0003');
      else if (key?.name === 'return') onKey('');
      else if (str) onKey(str);
    });
  } else {
    readline.createInterface({ input: process.stdin }).on('line', onKey);
  }
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());

  select(current);
  watchFile();
  await run();
  return new Promise<number>(() => {}); // berjalan sampai pengguna keluar
}
