// Pemeriksaan sintaks cepat dengan esbuild: pesan berisi berkas:baris:kolom dan cuplikan baris.
// Pesan esbuild berbahasa Inggris: baris bahasa Indonesia lebih dulu, aslinya di bawahnya.
// esbuild dimuat hanya saat dibutuhkan (berkas yang gagal dimuat), tidak di setiap `cek`.
import { readFileSync } from 'node:fs';
import { relative } from '../lessons.ts';

const TRANSLATIONS: [RegExp, (...m: string[]) => string][] = [
  [/^Expected (.+) but found (.+)$/, (x, y) => `Di sini seharusnya ada ${x}, tetapi yang ditemukan ${y}.`],
  [/^Unexpected end of file/, () => 'Berkas berakhir sebelum kodenya lengkap: ada kurung, kurawal, atau string yang belum ditutup?'],
  [/^Unexpected (.+)$/, (x) => `${x} tidak diharapkan di sini.`],
  [/^Unterminated string literal/, () => 'String belum ditutup dengan tanda kutip yang sama.'],
  [/^Unterminated template literal/, () => 'Template string (`...`) belum ditutup dengan backtick.'],
  [/^Unterminated regular expression/, () => 'Regular expression belum ditutup dengan "/".'],
  [/^The symbol (.+) has already been declared/, (x) => `Nama ${x} sudah dideklarasikan sebelumnya.`],
  [/^Multiple exports with the same name (.+)$/, (x) => `Ada lebih dari satu export bernama ${x}.`],
  [/"await" can only be used inside an "async" function/, () => '"await" hanya boleh dipakai di dalam fungsi "async".'],
  [/^Invalid assignment target/, () => 'Sisi kiri tanda "=" tidak bisa diberi nilai.'],
];

export function translate(text: string): string {
  for (const [pattern, say] of TRANSLATIONS) {
    const m = pattern.exec(text);
    if (m) return say(...m.slice(1));
  }
  return 'Kode ini tidak bisa dibaca sebagai TypeScript.';
}

export async function syntaxError(file: string): Promise<string | undefined> {
  let code: string;
  try {
    code = readFileSync(file, 'utf8');
  } catch {
    return `Berkas ${relative(file)} tidak bisa dibaca.`;
  }
  try {
    const { transform } = await import('esbuild');
    await transform(code, { loader: 'ts', sourcefile: relative(file), format: 'esm' });
    return undefined;
  } catch (err) {
    const e = (err as { errors?: { text: string; location?: { file: string; line: number; column: number; lineText: string } }[] })
      .errors?.[0];
    if (!e) return `Kesalahan sintaks di ${relative(file)}: ${(err as Error).message}`;
    const loc = e.location;
    const where = loc ? `${loc.file}:${loc.line}:${loc.column + 1}` : relative(file);
    const snippet = loc ? `\n    ${loc.line} | ${loc.lineText}\n    ${' '.repeat(String(loc.line).length)} | ${' '.repeat(loc.column)}^` : '';
    return `Kesalahan sintaks di ${where}\n  ${translate(e.text)}${snippet}\n  (esbuild: ${e.text})`;
  }
}
