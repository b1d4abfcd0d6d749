// CLI pelajar. Keluaran bahasa Indonesia; alias bahasa Inggris diterima.
// Kode keluar: 0 berhasil, 1 ada tugas yang gagal / kesalahan saat berjalan, 2 salah pemakaian.
import { readFileSync } from 'node:fs';
import { type Lesson, allLessons, findLesson, relative } from '../lessons.ts';
import { isValidTarget } from '../harness/target.ts';
import { WorkspaceError, ensureWorkspaceFile, progressOf, readState, resetWorkspaceFile, updateState } from '../workspace.ts';
import { c } from './ui.ts';

export class UsageError extends Error {}

// Map, bukan objek biasa: "__proto__" atau "constructor" tidak boleh cocok dengan apa pun.
const COMMANDS = new Map(Object.entries({
  start: 'start',
  mulai: 'start',
  latihan: 'latihan',
  watch: 'latihan',
  cek: 'cek',
  check: 'cek',
  petunjuk: 'petunjuk',
  hint: 'petunjuk',
  reset: 'reset',
  solusi: 'solusi',
  solution: 'solusi',
  daftar: 'daftar',
  list: 'daftar',
  dokter: 'dokter',
  doctor: 'dokter',
  sandbox: 'sandbox',
  bantuan: 'bantuan',
  help: 'bantuan',
}));

const FLAG_ALIASES = new Map([
  ['--force', '--paksa'],
  ['--solution', '--solusi'],
]);

const VALUE_EXAMPLES: Record<string, string> = { '--port': '--port 3001', '--target': '--target solusi' };

export interface Args {
  positional: string[];
  flags: Set<string>;
  values: Map<string, string>;
}

export function parseArgs(argv: string[], valued: string[] = ['--port', '--target']): Args {
  const args: Args = { positional: [], flags: new Set(), values: new Map() };
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i]!;
    let inlineValue: string | undefined;
    if (a.startsWith('--') && a.includes('=')) [a, inlineValue] = [a.slice(0, a.indexOf('=')), a.slice(a.indexOf('=') + 1)];
    a = FLAG_ALIASES.get(a) ?? a;
    if (valued.includes(a)) {
      const v = inlineValue ?? argv[++i];
      if (v === undefined || (inlineValue === undefined && v.startsWith('--'))) {
        throw new UsageError(`Opsi ${a} butuh nilai, misalnya ${VALUE_EXAMPLES[a] ?? `${a} NILAI`}.`);
      }
      args.values.set(a, v);
    } else if (a.startsWith('-')) args.flags.add(a);
    else args.positional.push(a);
  }
  return args;
}

export function lessonFromArg(arg: string | undefined, command: string): Lesson {
  if (!arg) throw new UsageError(`Sebutkan nomor pelajaran, misalnya: npm run ${command} -- 02`);
  const lesson = findLesson(arg);
  if (!lesson) {
    const list = allLessons()
      .map((l) => l.number)
      .join(', ');
    throw new UsageError(`Pelajaran "${arg}" tidak ada. Pilih salah satu: ${list}.`);
  }
  return lesson;
}

function checkFlags(args: Args, allowed: string[]) {
  for (const f of args.flags) {
    if (!allowed.includes(f)) throw new UsageError(`Opsi ${f} tidak dikenal. Lihat: npm run bantuan`);
  }
}

const HELP = `${c.bold('Perintah buku latihan Cookie dan Session')}

  npm start                      situs (http://localhost:4321) + mode pantau dalam satu terminal
  npm run latihan [-- NN]        mode pantau: periksa ulang setiap kali kamu menyimpan
  npm run cek -- NN              periksa semua tugas satu pelajaran (keluar 0 lulus, 1 gagal, 2 salah pakai)
  npm run petunjuk -- NN         tampilkan petunjuk berikutnya
  npm run reset -- NN            cadangkan berkasmu lalu pulihkan kode awal
  npm run solusi -- NN           tampilkan solusi (setelah lulus; sebelumnya pakai --paksa)
  npm run daftar                 semua pelajaran beserta statusnya
  npm run dokter                 periksa Node, port, pemantauan berkas, dan ruang kerja
  npm run sandbox -- NN          jalankan app pelajaran di http://127.0.0.1:3000 [--solusi] [--port P]
  npm run sandbox -- 05 --php    session PHP sungguhan (php -S) di samping express-session [--port P]

Nomor pelajaran boleh ditulis 2, 02, atau nama foldernya (02-cookie-pertama).
Tambahkan --debug untuk melihat stack trace lengkap.

Kode latihanmu berjalan di proses terpisah yang dihentikan bila macet: satu request boleh
menunggu 4 detik, kode yang berjalan terus tanpa jeda 3 detik (10 detik saat berkas dimuat), satu
tes 8 detik, satu pelajaran 30 detik. Ctrl+C selalu menghentikan perintah apa pun.`;

async function cmdCek(args: Args): Promise<number> {
  checkFlags(args, ['--debug', '--json']);
  if (args.positional.length === 0) throw new UsageError('Sebutkan nomor pelajaran, misalnya: npm run cek -- 02');
  const lessons = args.positional.map((a) => lessonFromArg(a, 'cek'));
  const target = args.values.get('--target') ?? process.env.WORKBOOK_TARGET ?? 'latihan';
  if (!isValidTarget(target)) {
    throw new UsageError(`WORKBOOK_TARGET tidak dikenal: "${target}". Pakai latihan, awal, solusi, atau path absolut.`);
  }
  const { check } = await import('./check.ts');
  return check(lessons, target, { debug: args.flags.has('--debug'), json: args.flags.has('--json') });
}

function cmdPetunjuk(args: Args): number {
  checkFlags(args, []);
  const lesson = lessonFromArg(args.positional[0], 'petunjuk');
  if (lesson.hints.length === 0) {
    console.log(`Pelajaran ${lesson.number} belum punya petunjuk. Baca lagi teks pelajarannya di situs.`);
    return 0;
  }
  const state = readState();
  const progress = progressOf(state, lesson);
  const index = Math.min(progress.petunjukDibuka, lesson.hints.length - 1);
  for (let i = 0; i <= index; i++) {
    const last = i === index;
    const text = `Petunjuk ${i + 1}/${lesson.hints.length}: ${lesson.hints[i]}`;
    console.log(last ? c.bold(text) : c.dim(text));
  }
  if (index + 1 < lesson.hints.length) {
    console.log(c.dim(`\nMasih buntu? Jalankan lagi untuk petunjuk ${index + 2}.`));
  } else {
    console.log(c.dim(`\nItu petunjuk terakhir. Solusi: npm run solusi -- ${lesson.number} (setelah lulus, atau dengan --paksa).`));
  }
  const warning = updateState((s) => {
    const p = progressOf(s, lesson);
    p.petunjukDibuka = Math.max(p.petunjukDibuka, index + 1);
  });
  if (warning) console.error(c.yellow(warning));
  return 0;
}

function cmdReset(args: Args): number {
  checkFlags(args, []);
  const lesson = lessonFromArg(args.positional[0], 'reset');
  const backup = resetWorkspaceFile(lesson);
  if (backup) console.log(`Berkasmu dicadangkan ke ${c.bold(relative(backup))}.`);
  console.log(`${relative(lesson.workspaceFile)} dipulihkan ke kode awal pelajaran ${lesson.number}.`);
  return 0;
}

function cmdSolusi(args: Args): number {
  checkFlags(args, ['--paksa']);
  const lesson = lessonFromArg(args.positional[0], 'solusi');
  const passed = readState().pelajaran[lesson.id]?.lulus === true;
  if (!passed && !args.flags.has('--paksa')) {
    console.log(`Solusi pelajaran ${lesson.number} terbuka setelah semua tugasmu lulus (npm run cek -- ${lesson.number}).`);
    console.log(`Coba dulu petunjuknya: npm run petunjuk -- ${lesson.number}`);
    console.log(c.dim(`Tetap ingin melihat sekarang? npm run solusi -- ${lesson.number} --paksa`));
    return 1;
  }
  console.log(c.bold(`Solusi pelajaran ${lesson.number} (${relative(lesson.solution)}):\n`));
  const lines = readFileSync(lesson.solution, 'utf8').split('\n');
  const width = String(lines.length).length;
  lines.forEach((l, i) => console.log(`${c.dim(String(i + 1).padStart(width))}  ${l}`));
  return 0;
}

function cmdDaftar(args: Args): number {
  checkFlags(args, []);
  const state = readState();
  console.log(c.bold('Pelajaran\n'));
  for (const lesson of allLessons()) {
    const p = state.pelajaran[lesson.id];
    let status = c.dim('· belum dimulai');
    if (p?.lulus) status = c.green('✓ lulus');
    else if (p) status = c.yellow(`◐ ${p.tugasLulus.length}/${lesson.tasks.length} tugas`);
    const here = state.sekarang === lesson.id ? c.cyan(' ← sekarang') : '';
    console.log(`  ${lesson.number}  ${lesson.title.padEnd(48)} ${status}${here}`);
  }
  console.log(c.dim('\nKemajuan tersimpan di latihan/kemajuan.json.'));
  return 0;
}

async function main(argv: string[]): Promise<number> {
  const [rawCommand = 'bantuan', ...rest] = argv;
  const command = COMMANDS.get(rawCommand);
  if (!command) throw new UsageError(`Perintah "${rawCommand}" tidak dikenal.\n\n${HELP}`);
  const args = parseArgs(rest);
  switch (command) {
    case 'bantuan':
      console.log(HELP);
      return 0;
    case 'cek':
      return cmdCek(args);
    case 'petunjuk':
      return cmdPetunjuk(args);
    case 'reset':
      return cmdReset(args);
    case 'solusi':
      return cmdSolusi(args);
    case 'daftar':
      return cmdDaftar(args);
    case 'dokter': {
      checkFlags(args, []);
      const { doctor } = await import('./doctor.ts');
      return doctor();
    }
    case 'latihan':
    case 'start': {
      checkFlags(args, ['--debug']);
      const lesson = args.positional[0] ? lessonFromArg(args.positional[0], command) : undefined;
      const { watch } = await import('./watch.ts');
      return watch({ lesson, withSite: command === 'start', debug: args.flags.has('--debug') });
    }
    case 'sandbox': {
      checkFlags(args, ['--solusi', '--debug', '--php']);
      const lesson = lessonFromArg(args.positional[0], 'sandbox');
      const portText = args.values.get('--port') ?? '3000';
      const port = Number(portText);
      if (!/^\d+$/.test(portText) || port > 65535) throw new UsageError(`Port "${portText}" tidak valid. Pakai angka 0–65535, misalnya --port 3001.`);
      if (args.flags.has('--php')) {
        // Session PHP yang sungguhan, di samping express-session (pelajaran 05).
        if (lesson.number !== '05') throw new UsageError('Opsi --php hanya untuk pelajaran 05: npm run sandbox -- 05 --php');
        const { runPhpSandbox } = await import('../../sandbox-server/php.ts');
        process.exit(await runPhpSandbox({ port }));
      }
      const solution = args.flags.has('--solusi');
      if (!solution && ensureWorkspaceFile(lesson)) console.log(`Kode awal disalin ke ${relative(lesson.workspaceFile)}.`);
      const { runSandbox } = await import('../../sandbox-server/index.ts');
      const code = await runSandbox({ lesson, file: solution ? lesson.solution : lesson.workspaceFile, port, debug: args.flags.has('--debug') });
      // Kode latihan bisa meninggalkan timer atau koneksi terbuka; sandbox yang dihentikan harus benar-benar berhenti.
      process.exit(code);
    }
  }
  return 2;
}

const debug = process.argv.includes('--debug');
main(process.argv.slice(2)).then(
  (code) => {
    // Keluar segera setelah keluaran tertulis, tanpa menunggu sisa handle (worker, layanan esbuild).
    process.stdout.write('', () => process.exit(code ?? 0));
  },
  (err: unknown) => {
    if (err instanceof WorkspaceError) {
      console.error(c.red(err.message));
      process.exitCode = 1;
      return;
    }
    if (err instanceof UsageError) {
      console.error(c.red(err.message));
      process.exitCode = 2;
      return;
    }
    console.error(c.red(`Terjadi kesalahan: ${(err as Error)?.message ?? String(err)}`));
    if (debug) console.error((err as Error)?.stack);
    else console.error(c.dim('Jalankan lagi dengan --debug untuk melihat detailnya.'));
    process.exitCode = 1;
  },
);
