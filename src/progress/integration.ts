// Kemajuan pelajar di halaman, hanya di server dev lokal (`npm start` = astro dev + mode pantau).
// Integrasi Astro ini menambah dua endpoint ke server dev Vite dan satu skrip kecil ke setiap
// halaman; `astro build` tidak mendapat apa pun darinya, jadi situs terbitan tetap statis dan offline.
//
//   GET <base>__kemajuan         isi latihan/kemajuan.json (lewat readState) sebagai JSON
//   GET <base>__kemajuan/aliran  Server-Sent Events: isi yang sama, dikirim lagi setiap kali berubah
//
// Berkasnya hanya dibaca (src/workspace.ts menulisnya dengan kunci dan rename atomik), dan diperiksa
// setiap 200 ms selama ada halaman yang terbuka: hasil pemeriksaan tampil kurang dari satu detik
// setelah CLI mencatatnya.
import { statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { STATE_FILE, WorkspaceError, readState } from '../workspace.ts';

export const PROGRESS_ENDPOINT = '__kemajuan';
const POLL_MS = 200;

function snapshot(): string {
  try {
    const state = readState();
    return JSON.stringify({ sekarang: state.sekarang, pelajaran: state.pelajaran });
  } catch (err) {
    const masalah = err instanceof WorkspaceError ? err.message : String((err as Error)?.message ?? err);
    return JSON.stringify({ pelajaran: {}, masalah });
  }
}

function stamp(): string {
  try {
    const st = statSync(STATE_FILE);
    return `${st.mtimeMs}:${st.size}`;
  } catch {
    return 'tidak ada';
  }
}

/** Middleware Connect untuk server dev: JSON sekali, atau aliran SSE. */
export function progressMiddleware() {
  const clients = new Set<ServerResponse>();
  let timer: NodeJS.Timeout | undefined;
  let lastStamp = '';
  let lastText = '';
  const tick = () => {
    const now = stamp();
    if (now === lastStamp) return;
    lastStamp = now;
    const text = snapshot();
    if (text === lastText) return;
    lastText = text;
    for (const res of clients) res.write(`data: ${text}\n\n`);
  };
  return (req: IncomingMessage, res: ServerResponse, next: () => void) => {
    const url = (req.url ?? '').split('?')[0]!;
    const stream = url.endsWith(`/${PROGRESS_ENDPOINT}/aliran`);
    if (!stream && !url.endsWith(`/${PROGRESS_ENDPOINT}`)) return next();
    if (!stream) {
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store' }).end(snapshot());
      return;
    }
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
    lastStamp = stamp();
    lastText = snapshot();
    res.write(`retry: 1000\ndata: ${lastText}\n\n`);
    clients.add(res);
    timer ??= setInterval(tick, POLL_MS);
    const ping = setInterval(() => res.write(': tetap hidup\n\n'), 15_000);
    req.once('close', () => {
      clearInterval(ping);
      clients.delete(res);
      if (clients.size === 0) {
        clearInterval(timer);
        timer = undefined;
      }
    });
  };
}

export default function progress(): AstroIntegration {
  return {
    name: 'kemajuan-lokal',
    hooks: {
      'astro:config:setup': ({ command, injectScript, updateConfig }) => {
        if (command !== 'dev') return; // build dan preview: tanpa skrip dan tanpa endpoint kemajuan
        injectScript('page', `import ${JSON.stringify(fileURLToPath(new URL('./client.ts', import.meta.url)))};`);
        // Simpanan pelajar (latihan/, ruang kerja tes .tes-*) dan salinan repo milik alat (mis.
        // .stryker-tmp/ dengan tsconfig.json-nya) bukan bagian situs: tanpa ini setiap simpanan
        // memicu event Vite, dan tsconfig salinan memaksa server dev memuat ulang semuanya.
        updateConfig({ vite: { server: { watch: { ignored: ['**/latihan/**', '**/.tes-*/**', '**/.stryker-tmp*/**'] } } } });
      },
      'astro:server:setup': ({ server }) => {
        server.middlewares.use(progressMiddleware());
      },
    },
  };
}
