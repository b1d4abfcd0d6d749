// CLI pelajar sebagai proses sungguhan: pesan Indonesia, kode keluar, tanpa stack trace.
import { copyFileSync, existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { ROOT, collectOutput, runCli, spawnCli, tempWorkspace } from './cli.ts';

const ws = tempWorkspace();
afterAll(() => ws.remove());
const env = { WORKBOOK_WORKSPACE: ws.dir };
const lesson00 = path.join(ws.dir, '00-persiapan.ts');

function expectNoStackTrace(output: string) {
  expect(output).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
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

  test('alias bahasa Inggris dan nomor tanpa nol diterima', async () => {
    const res = await runCli(['hint', '2'], env);
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Petunjuk 1/');
  });
});

describe('berkas latihan yang rusak', () => {
  test('kesalahan sintaks: berkas:baris dan pesan jelas, kode 1, tanpa stack trace', async () => {
    copyFileSync(path.join(ROOT, 'lessons/00-persiapan/awal.ts'), lesson00);
    writeFileSync(lesson00, readFileSync(lesson00, 'utf8').replace("send('Halo, dunia!');", "send('Halo, dunia!';"));
    const res = await runCli(['cek', '00'], env);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/Kesalahan sintaks di .*00-persiapan\.ts:\d+:\d+/);
    expectNoStackTrace(res.stdout + res.stderr);
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
      expectNoStackTrace(res.stdout + res.stderr);
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
