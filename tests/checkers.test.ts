// Bukti kejujuran checker: lulus pada solusi, setiap tugas gagal pada kode awal, implementasi benar
// lain (tests/alternatif) diterima, implementasi salah (tests/salah) ditolak.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ROOT, runCli, tempWorkspace } from './cli.ts';
import { parsePatch } from './patch.ts';

// PELAJARAN=06,07 membatasi bukti ke pelajaran itu saja (saat menulis checker); bawaannya semua.
const only = (process.env.PELAJARAN ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const wanted = (id: string) => only.length === 0 || only.some((n) => id.startsWith(n.padStart(2, '0')));
const lessons = readdirSync(path.join(ROOT, 'lessons'))
  .filter((d) => /^\d\d-/.test(d) && wanted(d))
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

// Bukti berupa berkas .ts utuh, atau patch kecil atas solusi (.patch) yang ditulis ke ruang kerja
// sementara. Patch yang tidak berlaku lagi membuat tesnya gagal.
const workspace = tempWorkspace();
afterAll(() => workspace.remove());

function proofs(dir: 'alternatif' | 'salah') {
  return readdirSync(path.join(ROOT, 'tests', dir))
    .filter((f) => (dir === 'salah' ? /\.patch$/ : /\.(ts|patch)$/).test(f))
    .map((name) => ({ name, lesson: name.split('--')[0]!, file: path.join(ROOT, 'tests', dir, name) }))
    .filter((p) => wanted(p.lesson));
}

function materialize(file: string, lesson: string): { path: string; description: string } {
  if (!file.endsWith('.patch')) return { path: file, description: path.basename(file) };
  const mutation = parsePatch(readFileSync(file, 'utf8'));
  const out = path.join(workspace.dir, path.basename(file).replace(/\.patch$/, '.ts'));
  writeFileSync(out, mutation.apply(readFileSync(path.join(ROOT, 'lessons', lesson, 'solusi.ts'), 'utf8')));
  return { path: out, description: mutation.description };
}

describe('implementasi benar lain diterima (tests/alternatif)', () => {
  test.concurrent.for(proofs('alternatif'))('$name', async ({ file, lesson }, { expect }) => {
    const report = await check(materialize(file, lesson).path, [lesson]);
    const r = report.lessons[0]!;
    const problems = r.fileError ?? r.tasks.filter((t) => t.passed !== t.total).map((t) => t.failure).join('\n\n');
    expect(problems).toBe('');
    expect(r.ok).toBe(true);
  });
});

describe('implementasi salah ditolak (tests/salah)', () => {
  test.concurrent.for(proofs('salah'))('$name', async ({ file, lesson }, { expect }) => {
    const wrong = materialize(file, lesson);
    expect(wrong.description, 'patch butuh baris # yang menjelaskan kesalahannya').not.toBe('');
    const report = await check(wrong.path, [lesson]);
    const r = report.lessons[0]!;
    expect(r.fileError, 'berkas salah harus bisa dimuat; yang menolak adalah tesnya').toBeUndefined();
    expect(r.ok, `checker menerima: ${wrong.description}`).toBe(false);
  });
});
