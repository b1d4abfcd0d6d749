// `npm run sandbox -- 05 --php`: session PHP yang sungguhan, di samping express-session.
// Menjalankan sandbox-server/php/index.php dengan server bawaan PHP (`php -S 127.0.0.1:P`) memakai
// nilai bawaan PHP (`-n`: tanpa php.ini) dan folder session sementara sendiri (session.save_path).
// Setiap pertukaran dicatat seperti sandbox Node (Cookie masuk, Set-Cookie keluar), ditambah isi
// berkas session sess_<id> setelah request itu: PHPSESSID menunjuk ke berkas, persis seperti sid
// menunjuk ke entri di store.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import readline from 'node:readline';
import { ROOT } from '../src/lessons.ts';
import { c } from '../src/cli/ui.ts';
import { requestLines, responseLines } from './log.ts';

const APP_DIR = path.join(ROOT, 'sandbox-server', 'php');

export const NO_PHP_MESSAGE = `PHP tidak ditemukan: perintah \`php\` tidak ada di PATH.
Sandbox PHP butuh PHP 8 versi baris perintah (CLI). Cara memasangnya:
  Windows:        XAMPP (https://www.apachefriends.org) atau Laragon (https://laragon.org), lalu
                  tambahkan folder php-nya (mis. C:\\xampp\\php) ke PATH dan buka terminal baru
  Debian/Ubuntu:  sudo apt install php-cli
  macOS:          brew install php   (Homebrew)
Periksa dengan \`php -v\`, lalu jalankan lagi: npm run sandbox -- 05 --php
Sandbox Node untuk pelajaran ini tetap bisa dipakai tanpa PHP: npm run sandbox -- 05`;

interface Exchange {
  method: string;
  url: string;
  cookie: string | null;
  status: number;
  setCookie: string[];
  sid: string;
  ms: number;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Isi berkas session setelah request; ID dari PHP hanya berisi [A-Za-z0-9,-]. */
function sessionFile(dir: string, sid: string): string {
  if (!/^[A-Za-z0-9,-]+$/.test(sid)) return c.dim('  (tidak ada session pada request ini)');
  const file = path.join(dir, `sess_${sid}`);
  try {
    const content = readFileSync(file, 'utf8');
    return `           Berkas session: ${file}\n           Isi: ${content ? c.cyan(content) : c.dim('(kosong)')}`;
  } catch {
    return `           Berkas session: ${file} ${c.dim('(tidak ada)')}`;
  }
}

export async function runPhpSandbox({ port }: { port: number }): Promise<number> {
  const actual = port === 0 ? await freePort() : port;
  const saveDir = mkdtempSync(path.join(os.tmpdir(), 'sandbox-php-session-'));
  const args = [
    '-n', // nilai bawaan PHP, bukan php.ini mesin ini
    '-q',
    '-d', `session.save_path=${saveDir}`,
    '-d', 'display_errors=stderr',
    '-S', `127.0.0.1:${actual}`,
    '-t', APP_DIR,
    path.join(APP_DIR, 'router.php'), // pencatat, lalu index.php
  ];
  const child = spawn(process.env.WORKBOOK_PHP || 'php', args, { cwd: APP_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
  const cleanup = () => rmSync(saveDir, { recursive: true, force: true });

  return new Promise<number>((resolve) => {
    let started = false;
    let failure = '';
    child.once('error', (err: NodeJS.ErrnoException) => {
      cleanup();
      if (err.code === 'ENOENT') console.error(c.red(NO_PHP_MESSAGE));
      else console.error(c.red(`PHP tidak bisa dijalankan: ${err.message}`));
      resolve(1);
    });
    const onLine = (line: string) => {
      if (line.startsWith('@@pertukaran ')) {
        let x: Exchange;
        try {
          x = JSON.parse(line.slice('@@pertukaran '.length)) as Exchange;
        } catch {
          return;
        }
        console.log(requestLines(x.method, x.url, x.cookie ?? undefined));
        console.log(responseLines(x.status, x.ms, x.setCookie));
        console.log(sessionFile(saveDir, x.sid));
        return;
      }
      if (!started && /Development Server .* started/.test(line)) {
        started = true;
        console.log(
          `\n${c.bold('Sandbox PHP pelajaran 05 — session_start() dan $_SESSION')}\n` +
            `  URL:    ${c.cyan(`http://127.0.0.1:${actual}/visits`)}\n` +
            `  App:    ${path.relative(ROOT, path.join(APP_DIR, 'index.php'))} (nilai bawaan PHP: php -n)\n` +
            `  Berkas session: ${saveDir}/sess_<id> (session.save_path sementara, dihapus saat berhenti)\n` +
            c.dim('  → request dengan header Cookie, ← response dengan setiap Set-Cookie, lalu isi berkas session. Ctrl+C untuk berhenti.\n'),
        );
        return;
      }
      if (/Failed to listen on .*Address already in use/i.test(line)) {
        failure = `${c.red(`Port ${actual} sudah dipakai program lain.`)}\nHentikan program itu, atau pakai port lain: npm run sandbox -- 05 --php --port ${actual + 1}`;
        return;
      }
      if (line.trim()) console.log(c.dim(`php: ${line}`));
    };
    readline.createInterface({ input: child.stdout! }).on('line', onLine);
    readline.createInterface({ input: child.stderr! }).on('line', onLine);
    child.once('exit', (code, signal) => {
      cleanup();
      if (failure) console.error(failure);
      else if (!started && code !== null) console.error(c.red(`PHP berhenti sebelum server menyala (kode ${code}).`));
      resolve(started && (signal || code === 0) ? 0 : 1);
    });
    const stop = () => child.kill('SIGTERM');
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    process.once('SIGHUP', stop);
  });
}
