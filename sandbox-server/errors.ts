// Pesan error kode latihan untuk terminal sandbox: berkas:baris lebih dulu, stack hanya dengan --debug.
import { relative } from '../src/lessons.ts';

/** Baris "berkas:baris:kolom" pertama di stack yang menunjuk ke berkas latihan. */
export function locate(err: unknown, file: string): string | undefined {
  const stack = (err as Error)?.stack ?? '';
  for (const line of stack.split('\n')) {
    const i = line.indexOf(file);
    if (i === -1) continue;
    const m = /^:(\d+):(\d+)/.exec(line.slice(i + file.length));
    if (m) return `${relative(file)}:${m[1]}:${m[2]}`;
  }
  return undefined;
}

export function describeError(err: unknown, file: string, debug = false): string {
  const e = err as Error;
  const where = locate(err, file);
  const name = e?.name && e.name !== 'Error' && e.name !== 'GuardFailure' ? `${e.name}: ` : '';
  const lines = [`${name}${e?.message ?? String(err)}`];
  if (where && !lines[0]!.includes(where)) lines.unshift(`di ${where}`);
  if (debug && e?.stack) lines.push(e.stack);
  return lines.join('\n  ');
}
