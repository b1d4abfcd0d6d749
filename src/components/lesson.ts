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
