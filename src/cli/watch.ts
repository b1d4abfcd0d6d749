// Mode pantau (`npm run latihan`) dan `npm start` (situs + mode pantau dalam satu terminal).
// Memeriksa ulang pelajaran sekarang setiap kali berkasnya disimpan; pindah ke pelajaran berikut
// setelah lulus; tombol r/Enter untuk memeriksa ulang secara manual bila pemantauan berkas gagal.
import { type ChildProcess, spawn } from 'node:child_process';
import { type FSWatcher, readFileSync, watch as fsWatch } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { type Lesson, ROOT, WORKSPACE_DIR, allLessons, relative } from '../lessons.ts';
import { ensureWorkspaceFile, progressOf, readState, updateState } from '../workspace.ts';
import { nextStep, recordProgress } from './check.ts';
import { Checker } from './runner.ts';
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
  // Proses pemeriksa dinyalakan sekarang dan tetap hidup di antara simpanan; bila kode latihan
  // macet atau berkas disimpan lagi di tengah pemeriksaan, proses itu diganti yang baru.
  const checker = new Checker('latihan', debug, true);
  void checker.start().catch(() => {});

  let banner = '';
  let watcher: FSWatcher | undefined;
  let watchProblem = '';
  let running = false;
  let again = false;
  let checked: string | undefined; // isi berkas pada pemeriksaan terakhir
  const read = () => {
    try {
      return readFileSync(current.workspaceFile, 'utf8');
    } catch {
      return undefined;
    }
  };

  function select(lesson: Lesson) {
    current = lesson;
    if (ensureWorkspaceFile(lesson)) banner += c.dim(`Kode awal disalin ke ${relative(lesson.workspaceFile)}.\n`);
    const warning = updateState((state) => {
      state.sekarang = lesson.id;
    });
    if (warning) banner += c.yellow(`${warning}\n`);
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
    do {
      again = false;
      const started = performance.now();
      checked = read();
      const results = await checker.check([current]);
      if (!results) continue; // dihentikan karena ada simpanan baru: periksa ulang
      const result = results[0]!;
      const ms = Math.round(performance.now() - started);
      const warning = recordProgress([result]);
      if (tty) process.stdout.write('\x1b[2J\x1b[H');
      if (banner) console.log(banner);
      banner = '';
      console.log(formatResult(result, relative(current.workspaceFile)));
      console.log(c.dim(`  diperiksa dalam ${ms} ms`));
      console.log(`\n${nextStep(result)}\n`);
      if (warning) console.log(c.yellow(warning));
      if (result.ok) {
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
    } while (again);
    running = false;
  }

  /** Berkas disimpan: pemeriksaan yang masih berjalan atas isi lama dihentikan dan diganti. */
  function saved() {
    if (running && read() !== checked) {
      again = true;
      checker.abort();
      return;
    }
    void run();
  }

  function watchFile() {
    watcher?.close();
    let timer: NodeJS.Timeout | undefined;
    try {
      watchProblem = '';
      watcher = fsWatch(WORKSPACE_DIR, (_event, name) => {
        if (name && name.toString() !== path.basename(current.workspaceFile)) return;
        clearTimeout(timer);
        timer = setTimeout(saved, 30);
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
    const i = Math.min(progressOf(readState(), current).petunjukDibuka, hints.length - 1);
    if (i < 0) console.log('Pelajaran ini belum punya petunjuk.');
    else {
      console.log(c.bold(`\nPetunjuk ${i + 1}/${hints.length}: `) + hints[i]);
      const warning = updateState((state) => {
        const p = progressOf(state, current);
        p.petunjukDibuka = Math.max(p.petunjukDibuka, i + 1);
      });
      if (warning) console.log(c.yellow(warning));
    }
  }

  const stop = () => {
    // Segera, apa pun yang sedang dikerjakan kode latihan: pemeriksa dibunuh, bukan ditunggu.
    watcher?.close();
    checker.close();
    site?.child.kill();
    if (tty) process.stdin.setRawMode(false);
    console.log('\nSampai jumpa! Kemajuanmu tersimpan di latihan/kemajuan.json.');
    process.exit(0);
  };

  const onKey = (key: string) => {
    const lessons = allLessons();
    const k = key.trim().toLowerCase();
    if (k === 'q' || key === '\u0003') stop();
    else if (k === '' || k === 'r') void run();
    else if (k === 'h') showHint();
    else if (k === 'n' || k === 'p') {
      const target = lessons[lessons.indexOf(current) + (k === 'n' ? 1 : -1)];
      if (target) {
        select(target);
        watchFile();
        if (running) {
          again = true;
          checker.abort();
        } else void run();
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
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  process.once('SIGHUP', stop);

  select(current);
  watchFile();
  await run();
  return new Promise<number>(() => {}); // berjalan sampai pengguna keluar
}
