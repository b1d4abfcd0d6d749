// Tampilan terminal: warna (bila terminal mendukung), bilah kemajuan, dan ringkasan hasil.
import type { LessonResult } from './runner.ts';

const useColor = process.stdout.isTTY && process.stdout.hasColors?.() && !process.env.NO_COLOR;
const wrap = (open: number, close: number) => (s: string) => (useColor ? `\x1b[${open}m${s}\x1b[${close}m` : s);

export const c = {
  bold: wrap(1, 22),
  dim: wrap(2, 22),
  red: wrap(31, 39),
  green: wrap(32, 39),
  yellow: wrap(33, 39),
  blue: wrap(34, 39),
  magenta: wrap(35, 39),
  cyan: wrap(36, 39),
};

export function progressBar(done: number, total: number, width = 20): string {
  const filled = total === 0 ? 0 : Math.round((done / total) * width);
  return `${c.green('█'.repeat(filled))}${c.dim('░'.repeat(width - filled))} ${done}/${total} tugas`;
}

function indent(text: string, prefix: string): string {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}

/** Ringkasan satu pelajaran: status tiap tugas, pesan gagal pertama, bilah kemajuan, langkah berikut. */
export function formatResult(result: LessonResult, file: string): string {
  const { lesson } = result;
  const lines: string[] = [c.bold(`Pelajaran ${lesson.number} — ${lesson.title}`), c.dim(`  berkas: ${file}`), ''];
  for (const t of result.tasks) {
    const ok = t.total > 0 && t.passed === t.total;
    const mark = ok ? c.green('✓') : c.red('✗');
    const skipped = t.skipped ? `, ${t.skipped} dilewati` : '';
    const count = t.total > 0 ? c.dim(` (${t.passed}/${t.total} tes${skipped})`) : '';
    const title = t.title.replace(/`|\*\*/g, '');
    lines.push(`  ${mark} Tugas ${t.number}  ${title.length > 70 ? `${title.slice(0, 69)}…` : title}${count}`);
  }
  if (result.fileError) {
    lines.push('', c.red(indent(result.fileError, '  ')));
  } else {
    const failed = result.tasks.filter((t) => t.failure && t.passed < t.total);
    for (const t of failed) lines.push('', indent(t.failure!, '  ').replace(/^ {2}/, `  ${c.red('✗')} `));
  }
  const done = result.tasks.filter((t) => t.total > 0 && t.passed === t.total).length;
  lines.push('', `  ${progressBar(done, result.tasks.length)}`);
  return lines.join('\n');
}
