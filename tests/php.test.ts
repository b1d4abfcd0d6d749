// `npm run sandbox -- 05 --php`: session PHP sungguhan (php -S) dengan log Cookie / Set-Cookie dan
// isi berkas sess_<id>. Tanpa PHP: pesan bahasa Indonesia dengan cara memasangnya, kode keluar 1.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { collectOutput, runCli, signalAndWait, spawnCli } from './cli.ts';

const hasPhp = spawnSync('php', ['-v']).status === 0;
if (!hasPhp) {
  const message = 'php tidak ada di PATH: tes sandbox PHP dilewati. Pasang dengan `apt-get install -y php-cli`.';
  if (process.env.CI === 'true') throw new Error(`${message} (CI=true: wajib jalan)`);
  console.warn(message);
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const srv = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

describe.skipIf(!hasPhp)('sandbox PHP pelajaran 05', () => {
  let child: ReturnType<typeof spawnCli>;
  let out: ReturnType<typeof collectOutput>;
  let url: string;
  let sessionDir: string;

  beforeAll(async () => {
    const port = await freePort();
    child = spawnCli(['sandbox', '05', '--php', '--port', String(port)]);
    out = collectOutput(child);
    await out.waitFor(new RegExp(`URL: +http://127\\.0\\.0\\.1:${port}/visits`));
    sessionDir = (await out.waitFor(/Berkas session: (\S+)[\\/]sess_<id>/))[1]!;
    url = `http://127.0.0.1:${port}/visits`;
  });
  afterAll(async () => {
    if (child) await signalAndWait(child, 'SIGINT');
  });

  test('PHPSESSID diset, berkas sess_<id> berisi penghitung, request kedua dengan cookie menghitung naik', async () => {
    const first = await fetch(url);
    expect(await first.json()).toEqual({ visits: 1 });
    const setCookie = first.headers.getSetCookie();
    expect(setCookie).toHaveLength(1);
    const sid = /^PHPSESSID=([A-Za-z0-9,-]+);/.exec(setCookie[0]!)?.[1];
    expect(sid, setCookie[0]).toBeTruthy();
    // Nilai bawaan PHP di kabel: tanpa HttpOnly (session.cookie_httponly=0).
    expect(setCookie[0]).not.toMatch(/httponly/i);

    const file = path.join(sessionDir, `sess_${sid}`);
    await out.waitFor(/Cookie: \(tidak ada\)[\s\S]*?Set-Cookie: PHPSESSID=/);
    await out.waitFor(new RegExp(`Berkas session: .*sess_${sid}\\s+Isi: visits\\|i:1;`));
    expect(readFileSync(file, 'utf8')).toBe('visits|i:1;');

    const second = await fetch(url, { headers: { cookie: `PHPSESSID=${sid}` } });
    expect(await second.json()).toEqual({ visits: 2 });
    expect(second.headers.getSetCookie()).toEqual([]);
    await out.waitFor(new RegExp(`Cookie: PHPSESSID=${sid}[\\s\\S]*?Isi: visits\\|i:2;`));
    expect(readFileSync(file, 'utf8')).toBe('visits|i:2;');
  });

  test('session.use_strict_mode=0: ID karangan dari klien diterima dan menjadi berkas sess_<id>', async () => {
    const res = await fetch(url, { headers: { cookie: 'PHPSESSID=pilihanku' } });
    expect(await res.json()).toEqual({ visits: 1 });
    expect(res.headers.getSetCookie()).toEqual([]);
    await out.waitFor(/Cookie: PHPSESSID=pilihanku[\s\S]*?sess_pilihanku\s+Isi: visits\|i:1;/);
    expect(readFileSync(path.join(sessionDir, 'sess_pilihanku'), 'utf8')).toBe('visits|i:1;');
  });

  test('folder session sementara dihapus saat sandbox berhenti', async () => {
    expect(existsSync(sessionDir)).toBe(true);
    const { code } = await signalAndWait(child, 'SIGINT');
    expect(code).toBe(0);
    expect(existsSync(sessionDir)).toBe(false);
  });
});

describe('sandbox PHP tanpa PHP', () => {
  const empty = mkdtempSync(path.join(os.tmpdir(), 'tanpa-php-'));
  afterAll(() => rmSync(empty, { recursive: true, force: true }));

  test('pesan bahasa Indonesia dengan cara memasang PHP, kode keluar bukan 0', async () => {
    const res = await runCli(['sandbox', '05', '--php', '--port', '0'], { PATH: empty });
    expect(res.code).toBe(1);
    expect(res.stderr).toContain('PHP tidak ditemukan');
    for (const how of ['XAMPP', 'Laragon', 'apt install php-cli', 'brew install php']) expect(res.stderr).toContain(how);
    expect(res.stdout + res.stderr).not.toMatch(/^\s+at .+:\d+:\d+\)?$/m);
  });

  test('--php hanya untuk pelajaran 05 (salah pakai, kode 2)', async () => {
    const res = await runCli(['sandbox', '02', '--php']);
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('--php hanya untuk pelajaran 05');
  });
});
