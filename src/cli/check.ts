// `npm run cek -- NN`: satu kali pemeriksaan, hasil per tugas, kode keluar 0/1.
import { targetFile } from '../harness/target.ts';
import { type Lesson, relative } from '../lessons.ts';
import { ensureWorkspaceFile, progressOf, updateState } from '../workspace.ts';
import { Checker, type LessonResult } from './runner.ts';
import { c, formatResult } from './ui.ts';

/** Baris pertama pesan gagal; "…melempar error di x.ts:3:7:" disambung dengan baris pesannya. */
function firstLine(text: string | undefined): string {
  const lines = (text ?? '').split('\n').map((l) => l.trim()).filter(Boolean);
  const line = lines[0]?.endsWith(':') && lines[1] ? `${lines[0]} ${lines[1]}` : (lines[0] ?? 'Tidak lulus.');
  return line.slice(0, 300);
}

/** Mencatat hasil pemeriksaan berkas latihan ke latihan/kemajuan.json; mengembalikan peringatan bila gagal. */
export function recordProgress(results: LessonResult[]): string | undefined {
  const now = new Date().toISOString();
  return updateState((state) => {
    for (const r of results) {
      const p = progressOf(state, r.lesson);
      p.tugasLulus = r.tasks.filter((t) => t.total > 0 && t.passed === t.total).map((t) => t.number);
      // Untuk halaman pelajaran di `npm start`: baris pertama pesan gagal setiap tugas.
      const failures = r.tasks.filter((t) => !p.tugasLulus.includes(t.number)).map((t) => [String(t.number), firstLine(t.failure ?? r.fileError)] as const);
      if (failures.length > 0) p.pesanGagal = Object.fromEntries(failures);
      else delete p.pesanGagal;
      p.lulus ||= r.ok;
      p.terakhirDicek = now;
    }
  });
}

export function nextStep(result: LessonResult): string {
  const nn = result.lesson.number;
  if (result.ok) return c.green(`Semua tugas pelajaran ${nn} lulus. Solusi rujukan: npm run solusi -- ${nn}`);
  const first = result.tasks.find((t) => !(t.total > 0 && t.passed === t.total));
  return `Langkah berikutnya: perbaiki ${first ? `Tugas ${first.number}` : 'berkasmu'}, simpan, lalu periksa lagi. Buntu? npm run petunjuk -- ${nn}`;
}

export async function check(lessons: Lesson[], target: string, opts: { debug: boolean; json: boolean }): Promise<number> {
  if (target === 'latihan') {
    for (const lesson of lessons) {
      if (ensureWorkspaceFile(lesson) && !opts.json) console.log(c.dim(`Kode awal disalin ke ${relative(lesson.workspaceFile)}.\n`));
    }
  }
  const checker = new Checker(target, opts.debug);
  // Ctrl+C / SIGTERM: hentikan pemeriksa (kode latihan bisa saja berputar) dan keluar segera.
  const stop = (signal: NodeJS.Signals) => {
    checker.close();
    if (!opts.json) console.error(c.yellow('\nPemeriksaan dihentikan.'));
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  let results: LessonResult[];
  try {
    results = (await checker.check(lessons))!;
  } finally {
    checker.close();
  }
  const warning = target === 'latihan' ? recordProgress(results) : undefined;

  if (opts.json) {
    const out = results.map((r) => ({ id: r.lesson.id, ok: r.ok, fileError: r.fileError, tasks: r.tasks }));
    console.log(JSON.stringify({ target, lessons: out }, null, 2));
  } else {
    for (const r of results) {
      console.log(formatResult(r, relative(targetFile(r.lesson.id, target))));
      console.log(`\n${nextStep(r)}\n`);
    }
  }
  if (warning) console.error(c.yellow(warning));
  return results.every((r) => r.ok) ? 0 : 1;
}
