// Pemeriksaan sintaks cepat dengan esbuild: pesan berisi berkas:baris:kolom dan cuplikan baris.
import { readFileSync } from 'node:fs';
import { transform } from 'esbuild';
import { relative } from '../lessons.ts';

export async function syntaxError(file: string): Promise<string | undefined> {
  let code: string;
  try {
    code = readFileSync(file, 'utf8');
  } catch {
    return `Berkas ${relative(file)} tidak bisa dibaca.`;
  }
  try {
    await transform(code, { loader: 'ts', sourcefile: relative(file), format: 'esm' });
    return undefined;
  } catch (err) {
    const e = (err as { errors?: { text: string; location?: { file: string; line: number; column: number; lineText: string } }[] })
      .errors?.[0];
    if (!e) return `Kesalahan sintaks di ${relative(file)}: ${(err as Error).message}`;
    const loc = e.location;
    const where = loc ? `${loc.file}:${loc.line}:${loc.column + 1}` : relative(file);
    const snippet = loc ? `\n    ${loc.line} | ${loc.lineText}\n    ${' '.repeat(String(loc.line).length)} | ${' '.repeat(loc.column)}^` : '';
    return `Kesalahan sintaks di ${where}\n  ${e.text}${snippet}`;
  }
}

