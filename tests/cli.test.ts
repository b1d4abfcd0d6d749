// CLI pelajar sebagai proses sungguhan: pesan Indonesia, kode keluar, tanpa stack trace.
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ROOT, type CliResult, collectOutput, runCli, spawnCli, tempWorkspace } from './cli.ts';

const ws = tempWorkspace();
afterAll(() => ws.remove());
const env = { WORKBOOK_WORKSPACE: ws.dir };
const lesson00 = path.join(ws.dir, '00-persiapan.ts');

function expectNoStackTrace(output: string) {
  expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
}

/** Tanpa stack trace dan tanpa error JavaScript/sistem mentah dari alat itu sendiri. */
function expectClean(output: string) {
  expectNoStackTrace(output);
  expect(output).not.toMatch(/is not a function|Cannot read properties|EEXIST|ENOTDIR|TypeError/);
}

/** Perintah ringan (tanpa checker) selesai cepat; batas longgar untuk mesin yang sibuk. */
function expectQuick(res: CliResult) {
  expect(res.ms).toBeLessThan(15_000);
}

describe('salah pemakaian', () => {
  test('pelajaran yang tidak ada: kode 2 dan pesan Indonesia', async () => {
    const res = await runCli(['cek', '99'], env);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('Pelajaran "99" tidak ada');
    expectNoStackTrace(res.stdout + res.stderr);
  });

  test('perintah dan opsi tidak dikenal: kode 2', async () => {
    const res = await runCli(['cekk', '02'], env);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('Perintah "cekk" tidak dikenal');
    const flag = await runCli(['cek', '02', '--terbang'], env);
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain('Opsi --terbang tidak dikenal');
  });

  test.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('nama kunci objek "%s" sebagai pelajaran: kode 2 dan daftar pelajaran', async (id) => {
    for (const args of [['cek', id], ['petunjuk', id], ['reset', id], [id]]) {
      const res = await runCli(args, env);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr).toMatch(args.length === 1 ? new RegExp(`Perintah "${id}" tidak dikenal`) : /Pilih salah satu: 00, 01, 02/);
      expectClean(res.stdout + res.stderr);
      expectQuick(res);
    }
  });

  test('opsi tanpa nilai: contoh yang sesuai opsinya, kode 2', async () => {
    const target = await runCli(['cek', '02', '--target'], env);
    expect(target.code).toBe(2);
    expect(target.stderr).toContain('Opsi --target butuh nilai, misalnya --target solusi.');
    const port = await runCli(['sandbox', '02', '--port', '--solusi'], env);
    expect(port.code).toBe(2);
    expect(port.stderr).toContain('Opsi --port butuh nilai, misalnya --port 3001.');
    expectClean(target.stderr + port.stderr);
  });

  test('alias bahasa Inggris dan nomor tanpa nol diterima', async () => {
    const res = await runCli(['hint', '2'], env);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Petunjuk 1/');
  });
});

describe('berkas latihan yang rusak', () => {
  test('kesalahan sintaks: berkas:baris, baris Indonesia di atas pesan asli esbuild, kode 1, tanpa stack trace', async () => {
    copyFileSync(path.join(ROOT, 'lessons/00-persiapan/awal.ts'), lesson00);
    writeFileSync(lesson00, readFileSync(lesson00, 'utf8').replace("send('Halo, dunia!');", "send('Halo, dunia!';"));
    const res = await runCli(['cek', '00'], env);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/Kesalahan sintaks di .*00-persiapan\.ts:\d+:\d+\n\s+Di sini seharusnya ada "\)", tetapi yang ditemukan ";"\.\n[\s\S]*\(esbuild: Expected "\)" but found ";"\)/);
    expectClean(res.stdout + res.stderr);
  });

  test('error saat dimuat: lokasi di berkas latihan, kode 1, tanpa stack trace', async () => {
    writeFileSync(lesson00, "import express from 'express';\nconst x: any = undefined;\nx.boom();\nexport function createApp() { return express(); }\n");
    const res = await runCli(['cek', '00'], env);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('Kode latihan melempar error');
    expect(res.stdout).toMatch(/00-persiapan\.ts:3:\d+/);
    expectNoStackTrace(res.stdout + res.stderr);
  });
});

describe('ruang kerja', () => {
  test('cek menyalin kode awal sekali dan tidak menimpanya', async () => {
    const file = path.join(ws.dir, '01-http-stateless.ts');
    await runCli(['cek', '01'], env);
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(path.join(ROOT, 'lessons/01-http-stateless/awal.ts'), 'utf8'));
    writeFileSync(file, readFileSync(file, 'utf8') + '\n// catatanku\n');
    await runCli(['cek', '01'], env);
    expect(readFileSync(file, 'utf8')).toContain('// catatanku');
  });

  test('reset mencadangkan berkas dengan tanda waktu lalu memulihkan kode awal', async () => {
    const file = path.join(ws.dir, '01-http-stateless.ts');
    writeFileSync(file, '// pekerjaanku yang berharga\n');
    const res = await runCli(['reset', '01'], env);
    expect(res.code).toBe(0);
    const backups = readdirSync(path.join(ws.dir, 'cadangan'));
    expect(backups.some((b) => /^01-http-stateless-\d{8}-\d{6}/.test(b))).toBe(true);
    const backup = backups.find((b) => b.startsWith('01-'))!;
    expect(readFileSync(path.join(ws.dir, 'cadangan', backup), 'utf8')).toBe('// pekerjaanku yang berharga\n');
    expect(readFileSync(file, 'utf8')).toBe(readFileSync(path.join(ROOT, 'lessons/01-http-stateless/awal.ts'), 'utf8'));
  });

  test('solusi terkunci sebelum lulus, terbuka dengan --paksa dan setelah lulus', async () => {
    const locked = await runCli(['solusi', '00'], env);
    expect(locked.code).toBe(1);
    expect(locked.stdout).toContain('terbuka setelah semua tugasmu lulus');
    const forced = await runCli(['solusi', '00', '--paksa'], env);
    expect(forced.code).toBe(0);
    expect(forced.stdout).toContain('Halo, Cookie!');
    copyFileSync(path.join(ROOT, 'lessons/00-persiapan/solusi.ts'), lesson00);
    const passed = await runCli(['cek', '00'], env);
    expect(passed.code).toBe(0);
    const state = JSON.parse(readFileSync(path.join(ws.dir, 'kemajuan.json'), 'utf8'));
    expect(state.pelajaran['00-persiapan'].lulus).toBe(true);
    expect((await runCli(['solusi', '00'], env)).code).toBe(0);
    expect((await runCli(['daftar'], env)).stdout).toMatch(/00 .*✓ lulus/);
  });
});

describe('sandbox', () => {
  test('port yang sedang dipakai: pesan Indonesia dengan saran --port, kode 1', async () => {
    const blocker = net.createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const res = await runCli(['sandbox', '00', '--solusi', '--port', String(port)], env);
      expect(res.code).toBe(1);
      expect(res.stderr).toContain(`Port ${port} sudah dipakai`);
      expect(res.stderr).toContain('--port');
      expectClean(res.stdout + res.stderr);
    } finally {
      blocker.close();
    }
  });

  test('kesalahan sintaks tidak mematikan sandbox; simpan perbaikan memuat ulang app', async () => {
    copyFileSync(path.join(ROOT, 'lessons/00-persiapan/awal.ts'), lesson00);
    writeFileSync(lesson00, readFileSync(lesson00, 'utf8').replace("send('Halo, dunia!');", "send('Halo, dunia!';"));
    const child = spawnCli(['sandbox', '00', '--port', '0'], env);
    const out = collectOutput(child);
    try {
      await out.waitFor(/Kesalahan sintaks di .*00-persiapan\.ts:\d+:\d+/);
      const [, url] = await out.waitFor(/URL:\s+(http:\/\/127\.0\.0\.1:\d+\/)/);
      expect((await fetch(url!)).status).toBe(503);
      copyFileSync(path.join(ROOT, 'lessons/00-persiapan/solusi.ts'), lesson00);
      await out.waitFor(/Dimuat ulang/);
      const res = await fetch(url!, { headers: { cookie: 'a=1' } });
      expect(await res.text()).toBe('Halo, Cookie!');
      await out.waitFor(/Cookie: a=1/);
      expect(existsSync(lesson00)).toBe(true);
    } finally {
      child.kill('SIGTERM');
    }
  });
});

describe('kemajuan tidak pernah hilang', () => {
  const state = path.join(ws.dir, 'kemajuan.json');
  const copies = () => readdirSync(ws.dir).filter((f) => /^kemajuan-rusak-\d{8}-\d{6}(-\d+)?\.json$/.test(f));
  const clearCopies = () => copies().forEach((f) => rmSync(path.join(ws.dir, f)));
  const five = Object.fromEntries(
    ['00-persiapan', '01-http-stateless', '02-cookie-pertama', '03-atribut-cookie', '04-session-dari-nol'].map((id) => [
      id,
      { lulus: true, tugasLulus: [1], petunjukDibuka: 1 },
    ]),
  );

  test('koma berlebih: daftar tetap menampilkan lima pelajaran lulus, salinan bertanggal dibuat, pelajar diberi tahu', async () => {
    clearCopies();
    const text = JSON.stringify({ versi: 1, pelajaran: five }, null, 2).replace(/\n  \}\n\}$/, ',\n  }\n}');
    writeFileSync(state, text.replace('"petunjukDibuka": 1\n    }', '"petunjukDibuka": 1,\n    }'));
    const res = await runCli(['daftar'], env);
    expect(res.code).toBe(0);
    expect(res.stdout.match(/✓ lulus/g)).toHaveLength(5);
    expect(res.stderr).toMatch(/Peringatan: .*kemajuan\.json rusak: bukan JSON yang sah/);
    expect(res.stderr).toMatch(/Isi aslinya disimpan di .*kemajuan-rusak-\d{8}-\d{6}\.json\. Dipulihkan: 5 pelajaran\./);
    expect(copies()).toHaveLength(1);
    expect(readFileSync(path.join(ws.dir, copies()[0]!), 'utf8')).toContain(',\n  }');
    // Perintah berikutnya tidak menghapus apa pun, dan tidak membuat salinan lagi.
    const again = await runCli(['petunjuk', '06'], env);
    expect(again.stderr).not.toContain('rusak');
    const saved = JSON.parse(readFileSync(state, 'utf8'));
    expect(Object.keys(saved.pelajaran)).toEqual(expect.arrayContaining(Object.keys(five)));
    expect(saved.pelajaran['06-login-logout'].petunjukDibuka).toBe(1);
    expect(copies()).toHaveLength(1);
    expectClean(res.stdout + res.stderr);
    expectQuick(res);
  });

  test.each([
    ['"pelajaran": null', { versi: 1, pelajaran: null }, 0],
    ['entri berupa angka', { versi: 1, pelajaran: { ...five, '05-express-session': 5 } }, 5],
    ['penghitung negatif dan nomor tugas rusak', { versi: 1, pelajaran: { ...five, '06-login-logout': { lulus: 'ya', tugasLulus: [-1, 'x', 2], petunjukDibuka: -3 } } }, 6],
    ['isi berupa daftar', [five], 0],
    ['kunci __proto__', JSON.parse(`{"versi":1,"pelajaran":{"__proto__":{"lulus":true},"00-persiapan":{"lulus":true,"tugasLulus":[1],"petunjukDibuka":0}}}`), 1],
  ])('bentuk salah (%s): pesan Indonesia, yang sah dipulihkan, tanpa error JavaScript', async (_name, content, recovered) => {
    clearCopies();
    writeFileSync(state, JSON.stringify(content));
    const res = await runCli(['daftar'], env);
    expect(res.code).toBe(0);
    expect(res.stderr).toContain(`Dipulihkan: ${recovered} pelajaran.`);
    expect(copies()).toHaveLength(1);
    expect(res.stdout.match(/✓ lulus/g) ?? []).toHaveLength(Math.min(recovered, 5));
    expectClean(res.stdout + res.stderr);
    const saved = JSON.parse(readFileSync(state, 'utf8'));
    for (const p of Object.values(saved.pelajaran) as { petunjukDibuka: number; tugasLulus: number[] }[]) {
      expect(p.petunjukDibuka).toBeGreaterThanOrEqual(0);
      expect(p.tugasLulus.every((n) => Number.isInteger(n) && n >= 1)).toBe(true);
    }
  });

  test('delapan perintah menulis bersamaan: tidak ada catatan yang hilang (dua putaran)', async () => {
    writeFileSync(state, JSON.stringify({ versi: 1, pelajaran: {} }));
    const ids = ['02', '03', '04', '05', '06', '07', '08', '10'];
    for (let round = 1; round <= 2; round++) {
      const results = await Promise.all(ids.map((id) => runCli(['petunjuk', id], env)));
      for (const r of results) expect(r.code).toBe(0);
      const saved = JSON.parse(readFileSync(state, 'utf8'));
      const opened = ids.map((id) => Object.entries(saved.pelajaran).find(([k]) => k.startsWith(id))?.[1] as { petunjukDibuka: number } | undefined);
      expect(opened.map((p) => p?.petunjukDibuka)).toEqual(ids.map(() => round));
    }
    expect(readdirSync(ws.dir).filter((f) => /\.tmp$|\.lock$/.test(f))).toEqual([]);
  }, 120_000);

  test('berkas kemajuan hanya-baca: hasil cek tetap tampil, dengan peringatan, berkasnya tidak diubah', async () => {
    const before = JSON.stringify({ versi: 1, pelajaran: five });
    writeFileSync(state, before);
    chmodSync(state, 0o444);
    try {
      copyFileSync(path.join(ROOT, 'lessons/00-persiapan/solusi.ts'), lesson00);
      const res = await runCli(['cek', '00'], env);
      expect(res.code).toBe(0);
      expect(res.stdout).toContain('✓ Tugas 1');
      expect(res.stderr).toMatch(/Peringatan: kemajuan tidak bisa disimpan ke .*kemajuan\.json \(hanya-baca\)\. Hasil di atas tetap berlaku/);
      expect(readFileSync(state, 'utf8')).toBe(before);
      expectClean(res.stdout + res.stderr);
    } finally {
      chmodSync(state, 0o644);
    }
  });
});

describe('latihan/ atau cadangan/ berupa berkas', () => {
  const other = tempWorkspace();
  afterAll(() => other.remove());

  test('latihan/ berupa berkas: satu pesan jelas di dokter, daftar, cek, reset', async () => {
    const file = path.join(other.dir, 'latihan');
    writeFileSync(file, 'bukan folder\n');
    const e = { WORKBOOK_WORKSPACE: file };
    for (const args of [['dokter'], ['daftar'], ['cek', '00'], ['reset', '00'], ['petunjuk', '00']]) {
      const res = await runCli(args, e);
      expect(res.code, args.join(' ')).toBe(1);
      const out = res.stdout + res.stderr;
      expect(out).toMatch(/latihan\/ seharusnya folder, tetapi di sana ada berkas bernama latihan\. Ganti namanya/);
      expect(out.match(/seharusnya folder/g)).toHaveLength(1);
      expectClean(out);
    }
    expect(readFileSync(file, 'utf8')).toBe('bukan folder\n');
  }, 120_000);

  test('cadangan/ berupa berkas: reset menolak dengan pesan jelas dan berkasmu tidak diubah', async () => {
    const dir = path.join(other.dir, 'ws2');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, 'cadangan'), 'x');
    writeFileSync(path.join(dir, '01-http-stateless.ts'), '// pekerjaanku\n');
    const res = await runCli(['reset', '01'], { WORKBOOK_WORKSPACE: dir });
    expect(res.code).toBe(1);
    expect(res.stderr).toMatch(/cadangan\/ seharusnya folder, tetapi di sana ada berkas bernama cadangan/);
    expect(readFileSync(path.join(dir, '01-http-stateless.ts'), 'utf8')).toBe('// pekerjaanku\n');
    expectClean(res.stdout + res.stderr);
  });

  test('reset bersamaan: setiap cadangan punya nama sendiri, tidak ada yang tertimpa', async () => {
    const dir = path.join(other.dir, 'ws3');
    mkdirSync(dir, { recursive: true });
    writeFileSync(path.join(dir, '01-http-stateless.ts'), '// versi pertama\n');
    const results = await Promise.all([1, 2, 3, 4].map(() => runCli(['reset', '01'], { WORKBOOK_WORKSPACE: dir })));
    for (const r of results) expect(r.code).toBe(0);
    const backups = readdirSync(path.join(dir, 'cadangan'));
    expect(backups.some((b) => readFileSync(path.join(dir, 'cadangan', b), 'utf8') === '// versi pertama\n')).toBe(true);
    expect(new Set(backups).size).toBe(backups.length);
  });
});
