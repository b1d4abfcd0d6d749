// `npm run dokter`: memeriksa hal-hal yang sering membuat latihan macet.
import { existsSync, rmSync, watch, writeFileSync, accessSync, constants } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { ROOT, WORKSPACE_DIR, allLessons } from '../lessons.ts';
import { STATE_FILE, ensureWorkspaceDir, readState } from '../workspace.ts';
import { c } from './ui.ts';

type Verdict = 'ok' | 'warn' | 'fail' | 'info';

function report(verdict: Verdict, text: string, advice?: string) {
  const mark = { ok: c.green('✓'), warn: c.yellow('!'), fail: c.red('✗'), info: c.dim('·') }[verdict];
  console.log(`  ${mark} ${text}${advice ? `\n      ${c.dim(advice)}` : ''}`);
}

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

function fileWatchWorks(dir: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = path.join(dir, '.dokter-pantau');
    let done = false;
    const finish = (ok: boolean) => {
      if (done) return;
      done = true;
      watcher?.close();
      rmSync(probe, { force: true });
      resolve(ok);
    };
    let watcher: ReturnType<typeof watch> | undefined;
    try {
      watcher = watch(dir, (_e, name) => {
        if (name?.toString() === '.dokter-pantau') finish(true);
      });
    } catch {
      return resolve(false);
    }
    setTimeout(() => {
      try {
        writeFileSync(probe, String(Date.now()));
      } catch {
        finish(false);
      }
    }, 50);
    setTimeout(() => finish(false), 1500);
  });
}

export async function doctor(): Promise<number> {
  let failures = 0;
  console.log(c.bold('Pemeriksaan lingkungan\n'));

  const [major = 0, minor = 0] = process.versions.node.split('.').map(Number);
  const nodeOk = major > 20 || (major === 20 && minor >= 19);
  report(nodeOk ? 'ok' : 'fail', `Node.js ${process.versions.node}`, nodeOk ? undefined : 'Butuh Node 20.19 atau lebih baru (20, 22, atau 24).');
  if (!nodeOk) failures++;

  const deps = existsSync(path.join(ROOT, 'node_modules', 'express'));
  report(deps ? 'ok' : 'fail', 'Paket npm terpasang', deps ? undefined : 'Jalankan: npm install');
  if (!deps) failures++;

  try {
    const { default: Database } = await import('better-sqlite3');
    new Database(':memory:').close();
    report('ok', 'better-sqlite3 (SQLite) bisa dimuat');
  } catch (err) {
    report('warn', 'better-sqlite3 gagal dimuat', `${(err as Error).message.split('\n')[0]} — jalankan npm rebuild better-sqlite3 (dibutuhkan pelajaran 07 dan 09).`);
  }

  for (const [port, what] of [
    [3000, 'sandbox'],
    [4321, 'situs'],
  ] as const) {
    const free = await portFree(port);
    report(free ? 'ok' : 'warn', `Port ${port} (${what}) ${free ? 'bebas' : 'sedang dipakai'}`, free ? undefined : port === 3000 ? 'Pakai port lain: npm run sandbox -- 02 --port 3001' : 'Situs akan memakai port lain; URL-nya dicetak saat npm start.');
  }

  try {
    ensureWorkspaceDir();
    accessSync(WORKSPACE_DIR, constants.W_OK);
    report('ok', `Ruang kerja latihan/ bisa ditulis`);
  } catch (err) {
    report('fail', 'Ruang kerja latihan/ tidak bisa dipakai', (err as Error).message);
    console.log(c.red(`\n${failures + 1} masalah perlu dibereskan.`));
    return 1;
  }

  const watching = await fileWatchWorks(WORKSPACE_DIR);
  report(watching ? 'ok' : 'warn', `Pemantauan berkas ${watching ? 'berjalan' : 'tidak berjalan'}`, watching ? undefined : 'Mode pantau tetap bisa dipakai: tekan r atau Enter setelah menyimpan.');

  const state = readState();
  const passed = allLessons().filter((l) => state.pelajaran[l.id]?.lulus).length;
  report('ok', `Kemajuan: ${passed}/${allLessons().length} pelajaran lulus (${path.relative(ROOT, STATE_FILE)})`);

  // Hanya dipakai tes proyek (npm test); pelajar cukup memakai browser biasa.
  const chromium = existsSync(process.env.CHROMIUM_PATH || '/usr/bin/chromium');
  report(chromium ? 'ok' : 'info', `Chromium ${chromium ? 'ada' : 'tidak ada — tidak apa-apa, hanya dipakai tes proyek (npm test)'}`);

  console.log(failures ? c.red(`\n${failures} masalah perlu dibereskan.`) : c.green('\nSemua siap. Selamat belajar!'));
  return failures ? 1 : 0;
}
