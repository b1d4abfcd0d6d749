// Proses app sandbox (`bin.mjs __sandbox-app <berkas> <soket>`), dinyalakan ulang oleh
// sandbox-server/index.ts setiap kali berkas latihan disimpan. Kode latihan hanya berjalan di sini:
// proses ini berdenyut ke sandbox setiap 200 ms, jadi perulangan tanpa akhir ketahuan dan proses ini
// dihentikan dari luar. Server-nya mendengarkan soket lokal (bukan port TCP); hanya sandbox yang
// mendengarkan di 127.0.0.1. listen() dan process.exit() dari kode latihan ditolak dengan pesan jelas.
import http from 'node:http';
import net from 'node:net';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { relative } from '../src/lessons.ts';
import { c } from '../src/cli/ui.ts';
import { describeError, locate } from './errors.ts';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse, next: (err?: unknown) => void) => void;
export type AppMessage = { type: 'beat' } | { type: 'ready' } | { type: 'load-error'; message: string };

const [file = '', socketPath = '', debugFlag] = process.argv.slice(3);
const debug = debugFlag === '--debug';
const send = (m: AppMessage) => process.send?.(m);
const reallyExit = process.exit.bind(process);
process.on('disconnect', () => reallyExit(0));
// Sandbox dibunuh paksa sementara kode latihan berputar: 'disconnect' tidak akan pernah diproses.
// Thread kecil ini membaca pipa fd 4 dari sandbox dan mengakhiri proses begitu pipanya putus.
new Worker(
  `const s = new (require('node:net').Socket)({ fd: 4, readable: true });
   s.on('close', () => process.kill(process.pid, 'SIGKILL')); s.on('error', () => {}); s.resume();`,
  { eval: true },
).unref();
setInterval(() => send({ type: 'beat' }), 200);

process.exit = function exit(code?: number | string | null) {
  const probe = new Error();
  Error.captureStackTrace(probe, exit);
  const where = locate(probe, file);
  const err = new Error(
    `process.exit(${code ?? ''}) dipanggil${where ? ` di ${where}` : ''}: kode latihan tidak boleh menghentikan proses. ` +
      'Sandbox tetap berjalan; kirim response (mis. res.status(400).send(...)) atau lempar error.',
  );
  err.name = 'GuardFailure';
  Error.captureStackTrace(err, exit);
  throw err;
} as typeof process.exit;

process.on('uncaughtException', (err) => {
  console.log(`${c.red('✗')} Error tak tertangkap di kode latihan (di Node biasa server mati di sini)\n  ${describeError(err, file, debug)}`);
});
process.on('unhandledRejection', (err) => {
  console.log(`${c.red('✗')} Promise ditolak tanpa ditangani di kode latihan (di Node biasa server mati di sini)\n  ${describeError(err, file, debug)}`);
});

/** Status HTTP yang dibawa error (mis. dari body parser Express), atau 500. */
function statusOf(err: unknown): number {
  const e = err as { status?: unknown; statusCode?: unknown };
  const s = Number(e?.status ?? e?.statusCode);
  return Number.isInteger(s) && s >= 400 && s <= 599 ? s : 500;
}

function clientMessage(err: unknown, status: number): string {
  const e = err as { type?: string; charset?: string; encoding?: string };
  switch (e?.type) {
    case 'entity.parse.failed':
      return 'body request tidak bisa diurai (JSON atau form yang rusak).';
    case 'entity.too.large':
      return 'body request terlalu besar.';
    case 'charset.unsupported':
      return `charset "${e.charset}" tidak didukung.`;
    case 'encoding.unsupported':
      return `Content-Encoding "${e.encoding}" tidak didukung.`;
    case 'request.size.invalid':
      return 'panjang body tidak cocok dengan Content-Length.';
    case 'request.aborted':
      return 'request terputus sebelum body lengkap.';
    default:
      return `${http.STATUS_CODES[status] ?? 'request ditolak'}.`;
  }
}

let app: Handler | undefined;
const server = http.createServer((req, res) => {
  if (!app) {
    res.writeHead(503, { 'content-type': 'text/plain; charset=utf-8' }).end('503 — app belum siap.\n');
    return;
  }
  try {
    app(req, res, (err?: unknown) => {
      // Sampai sini bila app memanggil next() tanpa menjawab, atau next(err).
      if (res.headersSent) return void res.end();
      res.setHeader('content-type', 'text/plain; charset=utf-8');
      if (!err) {
        res.statusCode = 404;
        res.end(`404 — tidak ada route untuk ${req.method} ${req.url}\n`);
        return;
      }
      const status = statusOf(err);
      res.statusCode = status;
      if (status < 500) return void res.end(`${status} — ${clientMessage(err, status)}\n`);
      console.log(`${c.red('✗')} Error saat menangani ${req.method} ${req.url}\n  ${describeError(err, file, debug)}`);
      res.end('500 — kode latihan melempar error. Lihat terminal sandbox.\n');
    });
  } catch (err) {
    console.log(`${c.red('✗')} Error saat menangani ${req.method} ${req.url}\n  ${describeError(err, file, debug)}`);
    if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' });
    res.end('500 — kode latihan melempar error. Lihat terminal sandbox.\n');
  }
});
server.on('clientError', (_err, socket) => socket.destroy());

await new Promise<void>((resolve, reject) => {
  server.once('error', reject);
  server.listen(socketPath, () => resolve());
});

// Mulai sekarang hanya sandbox yang boleh mendengarkan.
const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function refused(this: net.Server) {
  const err = new Error(
    'createApp() tidak boleh memanggil listen(): sandbox yang menjalankan server, hanya di 127.0.0.1. ' +
      'Hapus app.listen(...) dan cukup kembalikan app-nya.',
  );
  Error.captureStackTrace(err, refused);
  throw err;
} as unknown as typeof listen;

try {
  // Berkas latihan ditulis dalam TypeScript: daftarkan loader tsx sebelum memuatnya.
  const { register } = await import('tsx/esm/api');
  register();
  const mod = (await import(pathToFileURL(file).href)) as { createApp?: (o?: object) => Handler };
  if (typeof mod.createApp !== 'function') throw new Error(`${relative(file)} harus mengekspor fungsi createApp().`);
  const created = await mod.createApp();
  if (typeof created !== 'function') throw new Error('createApp() harus mengembalikan app Express.');
  app = created;
  send({ type: 'ready' });
} catch (err) {
  send({ type: 'load-error', message: `Kode latihan gagal dimuat ${describeError(err, file, debug)}` });
}
