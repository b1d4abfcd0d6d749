// Bukti kejujuran checker: lulus pada solusi, setiap tugas gagal pada kode awal, implementasi benar
// lain (tests/alternatif) diterima, implementasi salah (tests/salah) ditolak.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ROOT, runCli, tempWorkspace } from './cli.ts';
import { parsePatch } from './mutasi.ts';

const lessons = readdirSync(path.join(ROOT, 'lessons'))
  .filter((d) => /^\d\d-/.test(d))
  .sort();

interface Report {
  lessons: {
    id: string;
    ok: boolean;
    fileError?: string;
    tasks: { number: number; passed: number; total: number; skipped?: number; failure?: string }[];
  }[];
}

async function check(target: string, ids: string[]): Promise<Report> {
  const res = await runCli(['cek', ...ids, '--json'], { WORKBOOK_TARGET: target }, 300_000);
  expect(res.code, `cek keluar dengan kode tak terduga\n${res.stderr}`).not.toBe(2);
  return JSON.parse(res.stdout) as Report;
}

describe('checker pada solusi rujukan', async () => {
  const report = await check('solusi', lessons);
  test.each(lessons)('%s: semua tugas lulus', (id) => {
    const r = report.lessons.find((l) => l.id === id)!;
    const problems = r.fileError ?? r.tasks.filter((t) => t.passed !== t.total).map((t) => t.failure).join('\n\n');
    expect(problems).toBe('');
    expect(r.ok).toBe(true);
    expect(r.tasks.length).toBeGreaterThan(0);
    // Di CI semua pemeriksaan wajib jalan, termasuk yang butuh Redis sungguhan (REDIS_URL).
    if (process.env.CI === 'true') expect(r.tasks.map((t) => t.skipped ?? 0)).toEqual(r.tasks.map(() => 0));
  });
});

describe('checker pada kode awal', async () => {
  const report = await check('awal', lessons);
  test.each(lessons)('%s: setiap tugas gagal setidaknya sekali, tanpa berkas rusak', (id) => {
    const r = report.lessons.find((l) => l.id === id)!;
    expect(r.fileError, 'kode awal harus bisa dimuat; yang gagal adalah tesnya').toBeUndefined();
    expect(r.ok).toBe(false);
    for (const t of r.tasks) {
      expect(t.total, `Tugas ${t.number} tidak punya tes`).toBeGreaterThan(0);
      expect(t.passed, `Tugas ${t.number} lulus pada kode awal`).toBeLessThan(t.total);
    }
  });
});

const proofs = (dir: string, ext: string) =>
  readdirSync(path.join(ROOT, 'tests', dir))
    .filter((f) => f.endsWith(ext))
    .map((f) => ({ file: path.join(ROOT, 'tests', dir, f), lesson: f.split('--')[0]!, name: f }));

describe('implementasi benar lain diterima (tests/alternatif)', () => {
  test.concurrent.for(proofs('alternatif', '.ts'))('$name', async ({ file, lesson }, { expect }) => {
    const report = await check(file, [lesson]);
    const r = report.lessons[0]!;
    const problems = r.fileError ?? r.tasks.filter((t) => t.passed !== t.total).map((t) => t.failure).join('\n\n');
    expect(problems).toBe('');
    expect(r.ok).toBe(true);
  });
});

// Implementasi salah = solusi + satu patch kecil; patch yang tidak berlaku lagi ikut gagal.
const workspace = tempWorkspace();
afterAll(() => workspace.remove());

describe('implementasi salah ditolak (tests/salah)', () => {
  test.concurrent.for(proofs('salah', '.patch'))('$name', async ({ file, lesson, name }, { expect }) => {
    const mutation = parsePatch(readFileSync(file, 'utf8'));
    expect(mutation.description, 'patch butuh baris # yang menjelaskan kesalahannya').not.toBe('');
    const wrong = path.join(workspace.dir, name.replace(/\.patch$/, '.ts'));
    writeFileSync(wrong, mutation.apply(readFileSync(path.join(ROOT, 'lessons', lesson, 'solusi.ts'), 'utf8')));
    const report = await check(wrong, [lesson]);
    const r = report.lessons[0]!;
    expect(r.fileError, 'berkas salah harus bisa dimuat; yang menolak adalah tesnya').toBeUndefined();
    expect(r.ok, `checker menerima: ${mutation.description}`).toBe(false);
  });
});
