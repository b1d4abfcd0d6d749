// Sandbox: menjalankan app pelajaran di 127.0.0.1 dan mencatat setiap pertukaran HTTP
// (request dengan header Cookie, response dengan setiap Set-Cookie). Berkas latihan dimuat ulang
// setiap kali disimpan; error sintaks atau runtime ditampilkan dengan berkas:baris, lalu sandbox
// menunggu simpanan berikutnya alih-alih mati.
import { readFileSync, watch } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Lesson } from '../src/lessons.ts';
import { relative } from '../src/lessons.ts';
import { syntaxError } from '../src/cli/syntax.ts';
import { c } from '../src/cli/ui.ts';
import { logExchange } from './log.ts';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, next: (err?: unknown) => void) => void;

export interface SandboxOptions {
  lesson: Lesson;
  file: string;
  port: number;
  debug?: boolean;
}

/** Baris "berkas:baris:kolom" pertama di stack yang menunjuk ke berkas latihan. */
export function locate(err: unknown, file: string): string | undefined {
  const stack = (err as Error)?.stack ?? '';
  for (const line of stack.split('\n')) {
    const i = line.indexOf(file);
    if (i === -1) continue;
    const m = /^:(\d+):(\d+)/.exec(line.slice(i + file.length));
    if (m) return `${relative(file)}:${m[1]}:${m[2]}`;
  }
  return undefined;
}

export function describeError(err: unknown, file: string, debug = false): string {
  const e = err as Error;
  const where = locate(err, file);
  const lines = [`${e?.name && e.name !== 'Error' ? `${e.name}: ` : ''}${e?.message ?? String(err)}`];
  if (where) lines.unshift(`di ${where}`);
  if (debug && e?.stack) lines.push(e.stack);
  return lines.join('\n  ');
}

function readFileSafe(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

export async function runSandbox({ lesson, file, port, debug = false }: SandboxOptions): Promise<number> {
  // Berkas latihan ditulis dalam TypeScript: daftarkan loader tsx sebelum memuatnya.
  const { register } = await import('tsx/esm/api');
  register();
  let app: Handler | undefined;
  let problem = 'App belum dimuat.';
  let version = 0;

  async function load(reason: string) {
    const syntax = await syntaxError(file);
    if (syntax) {
      app = undefined;
      problem = syntax;
      console.log(`\n${c.red('✗')} ${syntax}\n${c.dim('  Sandbox menunggu kamu menyimpan perbaikan…')}`);
      return;
    }
    try {
      // Query unik memaksa modul dimuat ulang dari berkas terbaru.
      const mod = (await import(`${pathToFileURL(file).href}?v=${++version}`)) as { createApp?: (o?: object) => Handler };
      if (typeof mod.createApp !== 'function') {
        throw new Error(`${relative(file)} harus mengekspor fungsi createApp().`);
      }
      const created = await mod.createApp();
      if (typeof created !== 'function') throw new Error('createApp() harus mengembalikan app Express.');
      app = created;
      console.log(`${c.green('✓')} ${reason}: ${relative(file)}`);
    } catch (err) {
      app = undefined;
      problem = describeError(err, file, debug);
      console.log(`\n${c.red('✗')} Kode latihan gagal dimuat ${problem}\n${c.dim('  Sandbox menunggu kamu menyimpan perbaikan…')}`);
    }
  }

  const server = http.createServer((req, res) => {
    logExchange(req, res);
    if (!app) {
      res.statusCode = 503;
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      res.end(`Sandbox belum bisa menjalankan kode latihan:\n\n${problem}\n\nPerbaiki berkasnya lalu simpan.\n`);
      return;
    }
    app(req, res, (err?: unknown) => {
      // Sampai sini bila app memanggil next() tanpa menjawab, atau next(err).
      if (res.headersSent) return void res.end();
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      if (err) {
        console.log(`${c.red('✗')} Error saat menangani ${req.method} ${req.url}\n  ${describeError(err, file, debug)}`);
        res.statusCode = 500;
        res.end('500 — kode latihan melempar error. Lihat terminal sandbox.\n');
      } else {
        res.statusCode = 404;
        res.end(`404 — tidak ada route untuk ${req.method} ${req.url}\n`);
      }
    });
  });

  process.on('uncaughtException', (err) => {
    console.log(`${c.red('✗')} Error tak tertangkap di kode latihan\n  ${describeError(err, file, debug)}`);
  });
  process.on('unhandledRejection', (err) => {
    console.log(`${c.red('✗')} Promise ditolak tanpa ditangani di kode latihan\n  ${describeError(err, file, debug)}`);
  });

  await load('App dimuat');

  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EADDRINUSE') {
        console.error(
          c.red(`Port ${port} sudah dipakai program lain.`) +
            `\nHentikan program itu, atau pakai port lain: npm run sandbox -- ${lesson.number} --port ${port + 1}`,
        );
      } else if (err.code === 'EACCES') {
        console.error(c.red(`Tidak boleh membuka port ${port}.`) + ` Coba port di atas 1024, misalnya --port 3001.`);
      } else {
        console.error(c.red(`Sandbox gagal berjalan: ${err.message}`));
      }
      resolve(false);
    });
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  if (!listening) return 1;

  const actual = (server.address() as AddressInfo).port;
  console.log(
    `\n${c.bold(`Sandbox pelajaran ${lesson.number} — ${lesson.title}`)}\n` +
      `  URL:    ${c.cyan(`http://127.0.0.1:${actual}/`)}\n` +
      `  Berkas: ${relative(file)} (dimuat ulang setiap kali disimpan)\n` +
      c.dim('  → request dengan header Cookie, ← response dengan setiap Set-Cookie. Ctrl+C untuk berhenti.\n'),
  );

  let timer: NodeJS.Timeout | undefined;
  let lastSeen = readFileSafe(file);
  let watcher: ReturnType<typeof watch> | undefined;
  try {
    watcher = watch(path.dirname(file), (_event, name) => {
      if (name && name.toString() !== path.basename(file)) return;
      clearTimeout(timer);
      timer = setTimeout(() => {
        // Muat ulang hanya bila isinya benar-benar berubah (editor sering memicu beberapa event).
        const now = readFileSafe(file);
        if (now === lastSeen) return;
        lastSeen = now;
        void load('Dimuat ulang');
      }, 80);
    });
    watcher.on('error', (err) => {
      watcher?.close();
      console.log(c.yellow(`Pemantauan berkas berhenti (${err.message}); jalankan ulang sandbox setelah menyimpan.`));
    });
  } catch (err) {
    console.log(c.yellow(`Pemantauan berkas tidak jalan (${(err as Error).message}); jalankan ulang sandbox setelah menyimpan.`));
  }

  await new Promise<void>((resolve) => {
    const stop = () => {
      clearTimeout(timer);
      watcher?.close();
      server.closeAllConnections();
      server.close(() => resolve());
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
