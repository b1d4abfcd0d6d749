// npm run mutasi [-- 04 07 ...]: mutation testing solusi rujukan dengan StrykerJS.
// Setiap mutan lessons/NN-*/solusi.ts dijalankan melawan checker pelajaran itu. Mutan yang selamat
// harus dibunuh oleh tes yang lebih tajam, atau dicatat di tests/mutan-setara.json beserta alasannya
// (mutan setara: tidak bisa mengubah apa pun yang pantas dinilai, mis. teks log).
// Keluar 1 bila ada mutan selamat yang tidak tercatat setara, atau catatan setara yang usang (tidak cocok
// dengan mutan mana pun: kodenya sudah berubah).
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import type { LogLevel, MutantResult } from '@stryker-mutator/api/core';
import { Stryker } from '@stryker-mutator/core';

const ROOT = path.resolve(import.meta.dirname, '..');
const EQUIVALENT_FILE = path.join(ROOT, 'tests', 'mutan-setara.json');

/** Satu mutan setara: dikenali dari jenis mutasi, potongan kode asli, dan penggantinya. */
interface Equivalent {
  mutator: string;
  asli: string;
  pengganti: string;
  alasan: string;
}

const squash = (s: string) => s.replace(/\s+/g, ' ').trim().slice(0, 120);

function originalText(source: string, m: MutantResult): string {
  const lines = source.split('\n');
  const { start, end } = m.location;
  // Lokasi Stryker (skema mutation-testing-report): baris dan kolom mulai dari 1.
  const picked = lines.slice(start.line - 1, end.line);
  picked[picked.length - 1] = picked.at(-1)!.slice(0, end.column - 1);
  picked[0] = picked[0]!.slice(start.column - 1);
  return squash(picked.join('\n'));
}

function keyOf(e: { mutator: string; asli: string; pengganti: string }) {
  return `${e.mutator}\u0000${squash(e.asli)}\u0000${squash(e.pengganti)}`;
}

const args = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const all = readdirSync(path.join(ROOT, 'lessons')).filter((d) => /^\d\d-/.test(d)).sort();
const lessons = args.length ? all.filter((id) => args.some((a) => id.startsWith(a.padStart(2, '0')))) : all;
if (args.length && lessons.length !== args.length) {
  console.error(`Pelajaran tidak dikenal: ${args.join(', ')}. Pilih dari: ${all.map((d) => d.slice(0, 2)).join(', ')}.`);
  process.exit(2);
}

const equivalents = JSON.parse(readFileSync(EQUIVALENT_FILE, 'utf8')) as Record<string, Equivalent[]>;
const concurrency = Number(process.env.MUTASI_CONCURRENCY ?? 2);
const TEMP_DIR = `.stryker-tmp/${process.pid}`;

interface Row {
  id: string;
  mutants: number;
  killed: number;
  survived: number;
  equivalent: number;
  score: string;
}
const rows: Row[] = [];
let problems = 0;

for (const id of lessons) {
  const file = `lessons/${id}/solusi.ts`;
  const source = readFileSync(path.join(ROOT, file), 'utf8');
  process.env.MUTASI_PELAJARAN = id;
  const started = Date.now();
  console.log(`\n== ${id}: memutasi ${file} ...`);
  const results = await new Stryker({
    testRunner: 'vitest',
    plugins: ['@stryker-mutator/vitest-runner'],
    vitest: { configFile: 'tests/mutasi.vitest.config.ts', related: false },
    mutate: [file],
    coverageAnalysis: 'perTest',
    concurrency,
    reporters: ['json'],
    jsonReporter: { fileName: `reports/mutasi/${id}.json` },
    // Folder sementara sendiri per proses: dua `npm run mutasi` bersamaan tidak saling menghapus.
    tempDirName: TEMP_DIR,
    cleanTempDir: 'always',
    ignorePatterns: ['dist', 'latihan', '.astro', 'public', 'tests/browser', '.workbook', '.stryker-tmp', 'reports'],
    timeoutMS: 10_000,
    logLevel: 'warn' as LogLevel,
    fileLogLevel: 'off' as LogLevel,
    checkers: [],
    disableTypeChecks: true,
  }).runMutationTest();

  const listed = (equivalents[id] ?? []).map((e) => ({ ...e, used: false }));
  const byKey = new Map(listed.map((e) => [keyOf(e), e]));
  const survivors: { m: MutantResult; asli: string }[] = [];
  let killed = 0;
  let equivalent = 0;
  for (const m of results) {
    // Catatan yang kodenya masih ada tidak usang, walau mutannya kali ini terbunuh (mis. Timeout saat
    // mesin sibuk): hanya catatan yang tidak cocok dengan mutan mana pun yang usang.
    const entry = byKey.get(keyOf({ mutator: m.mutatorName, asli: originalText(source, m), pengganti: m.replacement ?? '' }));
    if (entry) entry.used = true;
    if (['Killed', 'Timeout'].includes(m.status)) killed++;
    else if (['Survived', 'NoCoverage'].includes(m.status)) {
      const asli = originalText(source, m);
      const known = byKey.get(keyOf({ mutator: m.mutatorName, asli, pengganti: m.replacement ?? '' }));
      if (known) {
        known.used = true;
        equivalent++;
      } else survivors.push({ m, asli });
    }
    // CompileError/RuntimeError/Ignored: mutan tidak valid, tidak dihitung.
  }
  const counted = killed + equivalent + survivors.length;
  const score = counted === 0 ? '—' : `${(((killed + equivalent) / counted) * 100).toFixed(1)}%`;
  rows.push({ id, mutants: counted, killed, survived: survivors.length, equivalent, score });
  console.log(`   ${counted} mutan, ${killed} terbunuh, ${survivors.length} selamat, ${equivalent} setara (${((Date.now() - started) / 1000).toFixed(0)} s)`);
  for (const { m, asli } of survivors) {
    problems++;
    const entry = { mutator: m.mutatorName, asli, pengganti: squash(m.replacement ?? ''), alasan: '...' };
    console.log(`   SELAMAT ${file}:${m.location.start.line}:${m.location.start.column} [${m.status}] ${m.mutatorName}`);
    console.log(`     ${JSON.stringify(entry)}`);
  }
  for (const e of listed.filter((e) => !e.used)) {
    problems++;
    console.log(`   USANG di tests/mutan-setara.json (tidak cocok dengan mutan mana pun): ${JSON.stringify({ mutator: e.mutator, asli: e.asli })}`);
  }
}
rmSync(path.join(ROOT, TEMP_DIR), { recursive: true, force: true });

console.log('\n| Pelajaran | Mutan | Terbunuh | Selamat | Setara | Skor |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.id} | ${r.mutants} | ${r.killed} | ${r.survived} | ${r.equivalent} | ${r.score} |`);
process.exit(problems ? 1 : 0);
