// Data pelajaran untuk komponen halaman: dibaca saat build, tidak pernah dikirim sebagai JS.
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = process.cwd();

export function lessonSource(lessonId: string, file: 'awal.ts' | 'solusi.ts'): string {
  return readFileSync(path.join(ROOT, 'lessons', lessonId, file), 'utf8');
}

export function lessonNumber(lessonId: string): string {
  return lessonId.slice(0, 2);
}

/** Markdown sebaris yang kecil: `kode`, **tebal**, [tautan](url). Sisanya di-escape. */
export function inline(text: string): string {
  const escaped = text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
  return escaped
    .replace(/`([^`]+)`/g, '<code>$1</code>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>');
}

/** Judul yang dibuat komponen halaman; id-nya dipakai juga oleh "Di halaman ini". */
export const componentHeadings: Record<string, { depth: number; slug: string; text: string }> = {
  Latihan: { depth: 2, slug: 'latihan', text: 'Latihan' },
  Petunjuk: { depth: 3, slug: 'petunjuk', text: 'Petunjuk' },
  Solusi: { depth: 3, slug: 'solusi', text: 'Solusi' },
};

/** Tugas yang disebut sebuah petunjuk: "Tugas 2", "Tugas 2–4", "Tugas 1 dan 2", "Tugas 1, 3". */
export function hintTasks(text: string, taskCount: number): number[] {
  const found = new Set<number>();
  for (const m of text.matchAll(/Tugas\s+(\d+)((?:\s*(?:[–-]|,|dan)\s*\d+)*)/g)) {
    const nums = [Number(m[1]), ...[...m[2]!.matchAll(/([–-]|,|dan)\s*(\d+)/g)].map((x) => ({ sep: x[1]!, n: Number(x[2]) }))];
    let prev = nums[0] as number;
    found.add(prev);
    for (const x of nums.slice(1) as { sep: string; n: number }[]) {
      if (x.sep === '–' || x.sep === '-') for (let t = prev; t <= x.n; t++) found.add(t);
      else found.add(x.n);
      prev = x.n;
    }
  }
  return [...found].filter((t) => t >= 1 && t <= taskCount).sort((a, b) => a - b);
}
