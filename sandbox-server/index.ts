// Sandbox: menjalankan app pelajaran di 127.0.0.1 dan mencatat setiap pertukaran HTTP
// (request dengan header Cookie, response dengan setiap Set-Cookie). Berkas latihan dimuat ulang
// setiap kali disimpan; error sintaks atau runtime ditampilkan dengan berkas:baris, lalu sandbox
// menunggu simpanan berikutnya alih-alih mati.
//
// Kode latihan berjalan di proses anak (sandbox-server/app.ts), satu per simpanan; proses lama
// dihentikan setelah yang baru siap, jadi memori tidak bertambah. Sandbox meneruskan setiap request
// ke proses itu. Bila kode latihan macet (tidak berdenyut 3 detik), prosesnya dihentikan dan sandbox
// menjawab 503 dengan pesan sampai perbaikan disimpan.
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync, rmSync, watch } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Lesson } from '../src/lessons.ts';
import { ROOT, relative } from '../src/lessons.ts';
import { LOAD_STUCK_MS, STUCK_MS } from '../src/cli/limits.ts';
import { syntaxError } from '../src/cli/syntax.ts';
import { c } from '../src/cli/ui.ts';
import type { AppMessage } from './app.ts';
import { logExchange } from './log.ts';

export { describeError, locate } from './errors.ts';

export interface SandboxOptions {
  lesson: Lesson;
  file: string;
  port: number;
  debug?: boolean;
}

/** Berapa lama sandbox menunggu jawaban app sebelum menjawab 504 sendiri. */
export const SANDBOX_REQUEST_TIMEOUT_MS = 5000;
const LOAD_TIMEOUT_MS = 20_000;
const BIN = path.join(ROOT, 'src', 'cli', 'bin.mjs');
// Header hop-by-hop (RFC 9110 §7.6.1) tidak diteruskan.
const HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'upgrade', 'expect', 'transfer-encoding']);

interface InFlight {
  what: string;
  res: http.ServerResponse;
}

interface AppProcess {
  child: ChildProcess;
  socket: string;
  agent: http.Agent;
  lastBeat: number;
  inflight: Set<InFlight>;
  dead: boolean;
}

function readFileSafe(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function plain(res: http.ServerResponse, status: number, text: string) {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }).end(text);
}

let counter = 0;

export async function runSandbox({ lesson, file, port, debug = false }: SandboxOptions): Promise<number> {
  let current: AppProcess | undefined;
  let problem = 'App belum dimuat.';
  let generation = 0;
  const all = new Set<AppProcess>();

  function stopApp(p: AppProcess | undefined) {
    if (!p || p.dead) return;
    all.delete(p);
    p.dead = true;
    p.child.kill('SIGKILL');
    p.agent.destroy();
    rmSync(p.socket, { force: true });
  }

  function startApp(): { app: AppProcess; ready: Promise<string | undefined> } {
    const socket =
      process.platform === 'win32'
        ? `\\\\.\\pipe\\wb-sandbox-${process.pid}-${++counter}`
        : path.join(os.tmpdir(), `wb-sandbox-${process.pid}-${++counter}.sock`);
    rmSync(socket, { force: true });
    const child = spawn(process.execPath, [BIN, '__sandbox-app', file, socket, ...(debug ? ['--debug'] : [])], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc', 'pipe'], // fd 4: putus bila sandbox mati (lihat app.ts)
    });
    const app: AppProcess = { child, socket, agent: new http.Agent({ keepAlive: true }), lastBeat: Date.now(), inflight: new Set(), dead: false };
    all.add(app);
    const ready = new Promise<string | undefined>((resolve) => {
      const timer = setTimeout(() => resolve(`App tidak siap dalam ${LOAD_TIMEOUT_MS / 1000} detik.`), LOAD_TIMEOUT_MS);
      const loadWatch = setInterval(() => {
        if (Date.now() - app.lastBeat > LOAD_STUCK_MS) {
          resolve(
            `Kode latihan tidak selesai dimuat: kode di tingkat atas berkas atau di createApp() berjalan terus lebih dari ${LOAD_STUCK_MS / 1000} detik ` +
              'tanpa jeda (perulangan tanpa akhir?).',
          );
        }
      }, 250);
      const done = (v: string | undefined) => {
        clearTimeout(timer);
        clearInterval(loadWatch);
        resolve(v);
      };
      child.on('message', (m: AppMessage) => {
        app.lastBeat = Date.now();
        if (m.type === 'ready') done(undefined);
        else if (m.type === 'load-error') done(m.message);
      });
      child.once('exit', (code, signal) => {
        done(`Proses app berhenti sebelum siap (${signal ?? `kode ${code}`}).`);
        if (current === app && !app.dead) {
          app.dead = true;
          current = undefined;
          problem = `App berhenti tiba-tiba (${signal ?? `kode ${code}`}). Simpan berkasnya untuk menyalakannya lagi.`;
          console.log(`\n${c.red('✗')} ${problem}`);
          for (const f of app.inflight) plain(f.res, 503, `503 — ${problem}\n`);
        }
      });
    });
    return { app, ready };
  }

  async function load(reason: string) {
    const mine = ++generation;
    const syntax = await syntaxError(file);
    if (mine !== generation) return;
    if (syntax) {
      stopApp(current);
      current = undefined;
      problem = syntax;
      console.log(`\n${c.red('✗')} ${syntax}\n${c.dim('  Sandbox menunggu kamu menyimpan perbaikan…')}`);
      return;
    }
    const { app, ready } = startApp();
    const error = await ready;
    if (mine !== generation) return stopApp(app); // sudah ada simpanan yang lebih baru
    if (error) {
      stopApp(app);
      stopApp(current);
      current = undefined;
      problem = error;
      console.log(`\n${c.red('✗')} ${error}\n${c.dim('  Sandbox menunggu kamu menyimpan perbaikan…')}`);
      return;
    }
    const old = current;
    current = app;
    stopApp(old);
    console.log(`${c.green('✓')} ${reason}: ${relative(file)}`);
  }

  // Pengawas: app yang tidak berdenyut sedang berputar tanpa akhir.
  const watchdog = setInterval(() => {
    const app = current;
    if (!app || Date.now() - app.lastBeat <= STUCK_MS) return;
    const names = [...app.inflight].map((f) => f.what);
    current = undefined;
    problem =
      `Kode latihan macet${names.length ? ` saat menangani ${names.join(', ')}` : ''}: berjalan terus lebih dari ${STUCK_MS / 1000} detik tanpa jeda ` +
      '(perulangan tanpa akhir?). Sandbox menghentikannya; simpan perbaikan untuk memuat ulang.';
    console.log(`\n${c.red('✗')} ${problem}`);
    for (const f of app.inflight) plain(f.res, 503, `503 — ${problem}\n`);
    stopApp(app);
  }, 250);

  const server = http.createServer((req, res) => {
    logExchange(req, res);
    const app = current;
    if (!app) return plain(res, 503, `Sandbox belum bisa menjalankan kode latihan:\n\n${problem}\n\nPerbaiki berkasnya lalu simpan.\n`);
    const what = `${req.method} ${req.url}`;
    const headers: string[] = [];
    for (let i = 0; i < req.rawHeaders.length; i += 2) {
      if (!HOP.has(req.rawHeaders[i]!.toLowerCase())) headers.push(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
    }
    if (req.headers['transfer-encoding']) headers.push('Transfer-Encoding', 'chunked');
    let upstream: http.ClientRequest;
    try {
      upstream = http.request({ socketPath: app.socket, method: req.method, path: req.url, headers, agent: app.agent, setHost: false });
    } catch (err) {
      return plain(res, 400, `400 — request tidak bisa diteruskan ke app: ${(err as Error).message}\n`);
    }
    const entry: InFlight = { what, res };
    app.inflight.add(entry);
    const timer = setTimeout(() => {
      const text = `${what} tidak pernah dijawab dalam ${SANDBOX_REQUEST_TIMEOUT_MS / 1000} detik: lupa \`res.send()\`/\`res.end()\`, atau \`next()\` tidak dipanggil?`;
      console.log(`${c.yellow('!')} ${text}`);
      plain(res, 504, `504 — ${text}\n`);
      upstream.destroy();
    }, SANDBOX_REQUEST_TIMEOUT_MS);
    res.once('close', () => {
      clearTimeout(timer);
      app.inflight.delete(entry);
      if (!res.writableFinished) upstream.destroy();
    });
    upstream.on('response', (up) => {
      clearTimeout(timer);
      res.statusCode = up.statusCode ?? 502;
      if (up.statusMessage) res.statusMessage = up.statusMessage;
      for (let i = 0; i < up.rawHeaders.length; i += 2) {
        if (!HOP.has(up.rawHeaders[i]!.toLowerCase())) res.appendHeader(up.rawHeaders[i]!, up.rawHeaders[i + 1]!);
      }
      up.pipe(res);
      up.on('error', () => res.destroy());
    });
    upstream.on('error', () => {
      clearTimeout(timer);
      if (res.writableEnded) return;
      if (res.headersSent) return void res.destroy();
      // App dihentikan (macet, dimuat ulang) di tengah request ini.
      plain(res, 503, `503 — ${current === app ? 'app memutus request ini.' : problem}\n`);
    });
    req.pipe(upstream);
    req.on('error', () => upstream.destroy());
  });
  // CONNECT (proxy) dan Upgrade tidak pernah sampai ke app Express; jawab daripada memutus diam-diam.
  const refuse = (req: http.IncomingMessage, socket: import('node:stream').Duplex) => {
    console.log(`${c.yellow('!')} ${req.method} ${req.url} ditolak: sandbox bukan proxy dan tidak mendukung Upgrade.`);
    socket.end('HTTP/1.1 405 Method Not Allowed\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  };
  server.on('connect', refuse);
  server.on('upgrade', refuse);
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (socket.writable && !socket.destroyed) {
      socket.end(`HTTP/1.1 ${err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    } else socket.destroy();
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
  if (!listening) {
    clearInterval(watchdog);
    for (const app of all) stopApp(app);
    return 1;
  }

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
      // Segera: proses app dibunuh, tidak ditunggu (kode latihan bisa saja berputar).
      clearTimeout(timer);
      clearInterval(watchdog);
      watcher?.close();
      generation++;
      for (const app of all) stopApp(app);
      server.closeAllConnections();
      server.close();
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    process.once('SIGHUP', stop);
  });
  return 0;
}
