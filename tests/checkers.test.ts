// Bukti kejujuran checker: lulus pada solusi, setiap tugas gagal pada kode awal, implementasi benar
// lain (tests/alternatif) diterima, implementasi salah (tests/salah) ditolak.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT, runCli } from './cli.ts';

const lessons = readdirSync(path.join(ROOT, 'lessons'))
  .filter((d) => /^\d\d-/.test(d))
  .sort();

interface Report {
  lessons: { id: string; ok: boolean; fileError?: string; tasks: { number: number; passed: number; total: number; failure?: string }[] }[];
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

const proofs = (dir: string) =>
  readdirSync(path.join(ROOT, 'tests', dir))
    .filter((f) => f.endsWith('.ts'))
    .map((f) => ({ file: path.join(ROOT, 'tests', dir, f), lesson: f.split('--')[0]!, name: f }));

describe('implementasi benar lain diterima (tests/alternatif)', () => {
  test.concurrent.each(proofs('alternatif'))('$name', async ({ file, lesson }, { expect }) => {
    const report = await check(file, [lesson]);
    const r = report.lessons[0]!;
    const problems = r.fileError ?? r.tasks.filter((t) => t.passed !== t.total).map((t) => t.failure).join('\n\n');
    expect(problems).toBe('');
    expect(r.ok).toBe(true);
  });
});

describe('implementasi salah ditolak (tests/salah)', () => {
  test.concurrent.each(proofs('salah'))('$name', async ({ file, lesson }, { expect }) => {
    const report = await check(file, [lesson]);
    const r = report.lessons[0]!;
    expect(r.fileError, 'berkas salah harus bisa dimuat; yang menolak adalah tesnya').toBeUndefined();
    expect(r.ok).toBe(false);
  });
});
