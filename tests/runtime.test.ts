// Apa pun yang dilakukan kode latihan, CLI tetap menjawab, jujur, dan berakhir dalam batasnya
// (src/cli/limits.ts): perulangan tanpa akhir, handler yang tidak pernah menjawab, Promise ditolak,
// process.exit(), listen() sendiri — di `cek`, mode pantau, dan sandbox; Ctrl+C selalu < 1 detik.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { LESSON_TIMEOUT_MS, LOAD_STUCK_MS, STUCK_MS } from '../src/cli/limits.ts';
import { ROOT, STACK_LINE, collectOutput, runCli, signalAndWait, spawnCli, tempWorkspace } from './cli.ts';

const ws = tempWorkspace();
afterAll(() => ws.remove());
const env = { WORKBOOK_WORKSPACE: ws.dir };
const file00 = path.join(ws.dir, '00-persiapan.ts');
const solusi00 = readFileSync(path.join(ROOT, 'lessons/00-persiapan/solusi.ts'), 'utf8');
/** Waktu menyalakan node + vitest di mesin yang sibuk; batas pemeriksaan dihitung di atasnya. */
const STARTUP = 15_000;

/** Lesson 00 dengan handler GET / yang diganti. */
const app00 = (handler: string, extra = '') =>
  `import express from 'express';\n${extra}export function createApp() {\n  const app = express();\n  app.get('/', ${handler});\n  return app;\n}\n`;

function expectClean(output: string) {
  expect(output).not.toMatch(STACK_LINE);
  expect(output).not.toMatch(/node_modules\/vitest|Test timed out|Unhandled/);
}

describe('cek: kode latihan yang macet atau mematikan proses', () => {
  test('perulangan tanpa akhir di handler: tugas gagal, request disebut, berakhir dalam batas', async () => {
    writeFileSync(file00, app00('(_req, res) => { while (true) {} }'));
    const res = await runCli(['cek', '00'], env);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('Tugas 1: GET / tidak selesai: kode latihan berjalan terus lebih dari 3 detik tanpa jeda');
    expect(res.stdout).toContain('perulangan tanpa akhir');
    expect(res.ms).toBeLessThan(STUCK_MS + STARTUP);
    expectClean(res.stdout + res.stderr);
  });

  test('perulangan tanpa akhir di tingkat atas berkas: berkas tidak selesai dimuat', async () => {
    writeFileSync(file00, `let i = 0;\nwhile (i >= 0) i++;\n${app00('(_req, res) => res.send("x")')}`);
    const res = await runCli(['cek', '00'], env);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/00-persiapan\.ts tidak selesai dimuat: kode di tingkat atas berkas atau di createApp\(\) berjalan terus lebih dari 10 detik/);
    expect(res.ms).toBeLessThan(LOAD_STUCK_MS + STARTUP);
    expectClean(res.stdout + res.stderr);
  });

  test('perulangan tanpa akhir di fungsi pelajar: fungsinya disebut, tes dan tugas lain tetap dinilai', async () => {
    const file = path.join(ws.dir, '02-cookie-pertama.ts');
    const solusi = readFileSync(path.join(ROOT, 'lessons/02-cookie-pertama/solusi.ts'), 'utf8');
    writeFileSync(file, solusi.replace(/export function parseCookieHeader\(([^)]*)\)[^{]*\{/, (m) => `${m}\n  if (String(arguments[0]).includes('rusak')) while (true) {}`));
    const res = await runCli(['cek', '02'], env);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/Tugas 1: parseCookieHeader\("a=1; rusak; =tanpanama; ; b=2"\) tidak selesai: kode latihan berjalan terus/);
    // Tes yang macet dilewati pada putaran berikutnya: tes lain dan tugas lain tetap dinilai.
    expect(res.stdout).toMatch(/✗ Tugas 1 .*\(11\/12 tes\)/);
    expect(res.stdout).toMatch(/✓ Tugas 2 .*\(8\/8 tes\)/);
    expect(res.ms).toBeLessThan(STUCK_MS + 2 * STARTUP);
    expectClean(res.stdout + res.stderr);
  });

  test('perulangan tanpa akhir di setiap request: satu pelajaran tetap selesai dalam batasnya', async () => {
    const file = path.join(ws.dir, '02-cookie-pertama.ts');
    const solusi = readFileSync(path.join(ROOT, 'lessons/02-cookie-pertama/solusi.ts'), 'utf8');
    writeFileSync(file, solusi.replace('const app = express();', 'const app = express();\n  app.use((_req, _res, _next) => { while (true) {} });'));
    const res = await runCli(['cek', '02'], env);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/✓ Tugas 1 .*\(12\/12 tes\)/);
    expect(res.stdout).toMatch(/✗ Tugas 2 .*\(0\/8 tes\)/);
    expect(res.stdout).toMatch(/Tugas 2: GET \/theme\S* tidak selesai: kode latihan berjalan terus/);
    expect(res.ms).toBeLessThan(LESSON_TIMEOUT_MS + STARTUP);
    expectClean(res.stdout + res.stderr);
  }, 90_000);

  test('handler yang tidak pernah menjawab: pesan Indonesia yang menyebut request, bukan teks vitest', async () => {
    writeFileSync(file00, app00('(_req, res) => { res.type("text/plain"); }'));
    const res = await runCli(['cek', '00'], env);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('Tugas 1: GET / tidak pernah dijawab dalam 4 detik: lupa `res.send()`');
    expect(res.ms).toBeLessThan(4000 + STARTUP);
    expectClean(res.stdout + res.stderr);
  });

  test('banyak request tanpa jawaban: satu pelajaran tetap selesai di bawah satu menit', async () => {
    const file = path.join(ws.dir, '02-cookie-pertama.ts');
    const solusi = readFileSync(path.join(ROOT, 'lessons/02-cookie-pertama/solusi.ts'), 'utf8');
    writeFileSync(file, solusi.replace('const app = express();', 'const app = express();\n  app.use((_req, _res, _next) => {});'));
    const res = await runCli(['cek', '02'], env);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/✓ Tugas 1/);
    expect(res.stdout).toMatch(/✗ Tugas 2 .*\(0\/8 tes\)/);
    expect(res.stdout).toMatch(/Tugas 2: GET \/theme\S* tidak pernah dijawab dalam 4 detik/);
    expect(res.ms).toBeLessThan(LESSON_TIMEOUT_MS + STARTUP);
    expectClean(res.stdout + res.stderr);
  }, 90_000);

  test('Promise ditolak tanpa ditangani: tugas gagal dengan berkas:baris (Node biasa akan mati)', async () => {
    writeFileSync(file00, app00('(_req, res) => {\n    Promise.reject(new Error("gagal diam-diam"));\n    res.type("text/plain").send("Halo, Cookie!");\n  }'));
    const res = await runCli(['cek', '00'], env);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/Tugas 1: Promise ditolak tanpa ditangani \(unhandled rejection\) di .*00-persiapan\.ts:5:\d+: gagal diam-diam/);
    expect(res.ms).toBeLessThan(STARTUP);
    expectClean(res.stdout + res.stderr);
  });

  test('error tak tertangkap di callback: tugas gagal dengan berkas:baris', async () => {
    writeFileSync(file00, app00('(_req, res) => {\n    setImmediate(() => { throw new TypeError("boom"); });\n    res.type("text/plain").send("Halo, Cookie!");\n  }'));
    const res = await runCli(['cek', '00'], env);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/Tugas 1: Error tak tertangkap \(uncaught exception\) di .*00-persiapan\.ts:5:\d+: TypeError: boom/);
    expect(res.ms).toBeLessThan(STARTUP);
    expectClean(res.stdout + res.stderr);
  });

  test('process.exit() di handler: pesan jelas dengan lokasi di berkas latihan, bukan di vitest', async () => {
    writeFileSync(file00, app00('(_req, res) => { process.exit(0); }'));
    const res = await runCli(['cek', '00'], env);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/Tugas 1: process\.exit\(0\) dipanggil di .*00-persiapan\.ts:4:\d+\. Kode latihan tidak boleh menghentikan proses/);
    expect(res.ms).toBeLessThan(STARTUP);
    expectClean(res.stdout + res.stderr);
  });

  test('app.listen() di createApp: ditolak dengan pesan bahwa createApp tidak boleh listen', async () => {
    writeFileSync(file00, solusi00.replace('return app;', 'app.listen(3299);\n  return app;'));
    const res = await runCli(['cek', '00'], env);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/listen\(\) di .*00-persiapan\.ts:\d+:\d+\. createApp\(\) tidak boleh menyalakan server sendiri/);
    expect(res.ms).toBeLessThan(STARTUP);
    expectClean(res.stdout + res.stderr);
  });

  test('Ctrl+C saat kode latihan berputar: cek berakhir dalam 1 detik tanpa sisa proses', async () => {
    writeFileSync(file00, app00('(_req, res) => { while (true) {} }'));
    const child = spawnCli(['cek', '00'], env);
    await new Promise((r) => setTimeout(r, 2500));
    const { ms, code } = await signalAndWait(child, 'SIGINT');
    expect(ms).toBeLessThan(1000);
    expect(code).toBe(130);
    await new Promise((r) => setTimeout(r, 300));
    expect(childrenOf(child.pid!)).toEqual([]);
  });
});

/** Proses anak yang masih hidup dari sebuah pid (Linux: ps). */
function childrenOf(pid: number): string[] {
  try {
    return execFileSync('ps', ['-o', 'pid=,args=', '--ppid', String(pid)], { encoding: 'utf8' }).split('\n').filter((l) => l.trim());
  } catch {
    return []; // ps keluar 1 bila tidak ada
  }
}

describe('mode pantau tetap menjawab', () => {
  test('perulangan tanpa akhir → pesan; simpanan berikutnya diperiksa; q mengakhiri dalam 1 detik', async () => {
    writeFileSync(file00, app00('(_req, res) => { while (true) {} }'));
    const child = spawnCli(['latihan', '00'], env);
    const out = collectOutput(child);
    try {
      await out.waitFor(/GET \/ tidak selesai: kode latihan berjalan terus/, 40_000);
      await out.waitFor(/Tombol:/);
      writeFileSync(file00, solusi00);
      await out.waitFor(/✓ Tugas 1/, 40_000);
      await out.waitFor(/Tombol:/);
      // Simpanan di tengah pemeriksaan yang macet: pemeriksaan lama dihentikan, yang baru berjalan.
      writeFileSync(path.join(ws.dir, '01-http-stateless.ts'), 'while (true) {}\nexport function createApp() {}\n');
      await out.waitFor(/tidak selesai dimuat/, 40_000);
      const started = performance.now();
      child.stdin!.write('q\n');
      const { ms } = await signalAndWait(child, 'SIGCONT');
      expect(performance.now() - started).toBeLessThan(1000);
      expect(ms).toBeLessThan(1000);
      expectClean(out.text());
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);

  test('SIGTERM saat pemeriksaan berputar: berakhir dalam 1 detik', async () => {
    writeFileSync(file00, app00('(_req, res) => { while (true) {} }'));
    const child = spawnCli(['latihan', '00'], env);
    const out = collectOutput(child);
    await out.waitFor(/Tombol:|diperiksa/, 40_000).catch(() => {});
    writeFileSync(file00, app00('(_req, res) => { for (;;) {} }'));
    await new Promise((r) => setTimeout(r, 1500));
    const { ms } = await signalAndWait(child, 'SIGTERM');
    expect(ms).toBeLessThan(1000);
    await new Promise((r) => setTimeout(r, 300));
    expect(childrenOf(child.pid!)).toEqual([]);
  }, 90_000);
});

describe('worker yang disiapkan lebih dulu (src/cli/pool.ts)', () => {
  const file02 = path.join(ws.dir, '02-cookie-pertama.ts');
  /** Berkas 02 yang menghitung berapa kali modulnya dimuat di worker yang sama. */
  const counting = (save: number) =>
    `// simpanan ${save}\nconst g = globalThis as { __dimuat?: number };\ng.__dimuat = (g.__dimuat ?? 0) + 1;\n` +
    'export function parseCookieHeader(_h: string | undefined): Record<string, string> {\n  return { dimuat: String(g.__dimuat) };\n}\n' +
    'export function createApp() {\n  return (_req: unknown, res: { end(): void }) => res.end();\n}\n';
  const stats = (text: string) => [...text.matchAll(/worker siap pakai: (\d+), dinyalakan baru: (\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);

  test('cek: checker berjalan di worker cadangan, bukan worker yang dinyalakan saat diminta', async () => {
    const res = await runCli(['cek', '02', '--debug'], { WORKBOOK_TARGET: 'solusi' });
    expect(res.code).toBe(0);
    expect(stats(res.stderr)).toEqual([[1, 0]]);
  }, 60_000);

  test('mode pantau: setiap simpanan di worker baru yang sudah disiapkan; modul simpanan lama tidak tersisa', async () => {
    writeFileSync(file02, counting(1));
    const child = spawnCli(['latihan', '02', '--debug'], env);
    const out = collectOutput(child);
    try {
      await out.waitFor(/Tombol:/, 40_000);
      for (let save = 2; save <= 3; save++) {
        await new Promise((r) => setTimeout(r, 1500));
        writeFileSync(file02, counting(save));
        await out.waitFor(/Tombol:/, 40_000);
      }
      // Setiap pemeriksaan memuat berkasnya sekali, di worker yang belum pernah menjalankan kode latihan.
      expect([...out.text().matchAll(/Diterima:\s+\{"dimuat":"(\d+)"\}/g)].map((m) => m[1])).toEqual(['1', '1', '1']);
      expect(stats(out.text()).at(-1)).toEqual([3, 0]);
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);
});

describe('sandbox tetap menjawab', () => {
  async function start(args: string[] = []) {
    const child = spawnCli(['sandbox', '00', '--port', '0', ...args], env);
    const out = collectOutput(child);
    const [, url] = await out.waitFor(/URL:\s+(http:\/\/127\.0\.0\.1:\d+)\//, 40_000);
    return { child, out, url: url! };
  }

  test('perulangan tanpa akhir: 503 dengan pesan Indonesia, pulih saat perbaikan disimpan, Ctrl+C < 1 detik', async () => {
    writeFileSync(file00, app00('(req, res) => { if (req.query.loop) while (true) {} res.type("text/plain").send("Halo, Cookie!"); }'));
    const { child, out, url } = await start();
    try {
      expect(await (await fetch(`${url}/`)).text()).toBe('Halo, Cookie!');
      const stuck = await fetch(`${url}/?loop=1`, { signal: AbortSignal.timeout(STUCK_MS + 5000) });
      expect(stuck.status).toBe(503);
      expect(await stuck.text()).toContain('Kode latihan macet saat menangani GET /?loop=1');
      const again = await fetch(`${url}/`);
      expect(again.status).toBe(503);
      expect(await again.text()).toContain('perulangan tanpa akhir');
      writeFileSync(file00, solusi00);
      await out.waitFor(/Dimuat ulang/, 30_000);
      expect(await (await fetch(`${url}/`)).text()).toBe('Halo, Cookie!');
      const { ms } = await signalAndWait(child, 'SIGINT');
      expect(ms).toBeLessThan(1000);
      await new Promise((r) => setTimeout(r, 300));
      expect(childrenOf(child.pid!)).toEqual([]);
      expectClean(out.text());
    } finally {
      child.kill('SIGKILL');
    }
  }, 90_000);

  test('handler yang tidak pernah menjawab: 504 dengan nama request; process.exit() tidak mematikan sandbox', async () => {
    writeFileSync(
      file00,
      app00('(req, res) => { if (req.query.exit) process.exit(3); if (req.query.hang) return; res.type("text/plain").send("Halo, Cookie!"); }'),
    );
    const { child, out, url } = await start();
    try {
      const hang = await fetch(`${url}/?hang=1`);
      expect(hang.status).toBe(504);
      expect(await hang.text()).toContain('GET /?hang=1 tidak pernah dijawab dalam 5 detik: lupa `res.send()`');
      const exit = await fetch(`${url}/?exit=1`);
      expect(exit.status).toBe(500);
      await out.waitFor(/process\.exit\(3\) dipanggil di .*00-persiapan\.ts:4:\d+: kode latihan tidak boleh menghentikan proses/);
      expect(await (await fetch(`${url}/`)).text()).toBe('Halo, Cookie!');
      expectClean(out.text());
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);

  test('listen() milik pelajar ditolak: tidak ada server kedua, hanya sandbox di 127.0.0.1', async () => {
    writeFileSync(file00, solusi00.replace('return app;', 'app.listen(3299);\n  return app;'));
    const { child, out, url } = await start();
    try {
      expect(out.text()).toMatch(/Kode latihan gagal dimuat di .*00-persiapan\.ts:\d+:\d+\n\s+createApp\(\) tidak boleh memanggil listen\(\)/);
      expect((await fetch(`${url}/`)).status).toBe(503);
      const open = await new Promise<boolean>((resolve) => {
        const s = net.connect(3299, '127.0.0.1', () => (s.destroy(), resolve(true)));
        s.on('error', () => resolve(false));
      });
      expect(open).toBe(false);
      expectClean(out.text());
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);

  test('error dari body parser tetap 400/413/415, catatan "kode latihan melempar error" hanya untuk 5xx', async () => {
    writeFileSync(
      file00,
      `import express from 'express';\nexport function createApp() {\n  const app = express();\n  app.use(express.json({ limit: '1kb' }));\n  app.post('/', (req, res) => res.json(req.body));\n  return app;\n}\n`,
    );
    const { child, out, url } = await start();
    try {
      const post = (body: string, type = 'application/json') => fetch(`${url}/`, { method: 'POST', headers: { 'content-type': type }, body });
      expect((await post('{rusak')).status).toBe(400);
      expect((await post(JSON.stringify({ a: 'x'.repeat(5000) }))).status).toBe(413);
      const charset = await post('{}', 'application/json; charset=koi8-r');
      expect(charset.status).toBe(415);
      expect(await charset.text()).toContain('charset "koi8-r" tidak didukung');
      expect(out.text()).not.toContain('kode latihan melempar error');
      expectClean(out.text());
    } finally {
      child.kill('SIGKILL');
    }
  }, 60_000);

  test('memori tetap datar: setiap simpanan menyalakan satu proses app baru dan mematikan yang lama', async () => {
    const big = `// ${'x'.repeat(2_000_000)}\n`;
    writeFileSync(file00, solusi00);
    const { child, out, url } = await start();
    try {
      for (let i = 0; i < 6; i++) {
        writeFileSync(file00, `${big}${solusi00}\n// simpan ${i}\n`);
        await out.waitFor(/Dimuat ulang/, 30_000);
        expect(await (await fetch(`${url}/`)).text()).toBe('Halo, Cookie!');
      }
      const apps = childrenOf(child.pid!).filter((l) => l.includes('__sandbox-app'));
      expect(apps).toHaveLength(1);
      const rss = Number(execFileSync('ps', ['-o', 'rss=', '-p', String(child.pid)], { encoding: 'utf8' }).trim());
      expect(rss).toBeLessThan(200_000); // KB: proses sandbox tidak pernah memuat kode latihan
    } finally {
      child.kill('SIGKILL');
    }
  }, 120_000);
});
