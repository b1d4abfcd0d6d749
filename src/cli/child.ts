// Proses pemeriksa (`bin.mjs __pemeriksa`), dinyalakan oleh Checker di runner.ts.
// Menjalankan vitest; kode latihan berjalan di worker thread-nya. Hasil setiap tes dikirim ke CLI
// begitu selesai. Pengawas (guard.ts) di worker berdenyut lewat BroadcastChannel; bila denyutnya
// berhenti (perulangan tanpa akhir) atau pelajaran melewati batasnya, proses ini mengabarkan apa
// yang sedang berjalan, lalu CLI menghentikannya dari luar.
import path from 'node:path';
import { BroadcastChannel } from 'node:worker_threads';
import type { TestCase, TestModule } from 'vitest/node';
import { GUARD_CHANNEL, LESSON_TIMEOUT_MS, LOAD_STUCK_MS, STUCK_MS } from './limits.ts';
import { prepareWorker, poolStats } from './pool.ts';
import { type ChildMessage, type ErrorReport, type ParentMessage, checkerEnv, createChecker, excludePattern } from './runner.ts';

const send = (m: ChildMessage) => process.send?.(m);
// CLI hilang (mis. dibunuh): jangan tinggalkan worker yang berputar.
process.on('disconnect', () => process.exit(0));

const errors = (list: readonly { name?: string; message?: string; stack?: string }[] | undefined): ErrorReport[] =>
  (list ?? []).map((e) => ({ name: e.name, message: e.message, stack: e.stack }));

interface Watch {
  startedAt: number;
  lastBeat: number;
  test?: { name: string; fullName?: string };
  requests: Map<number, string>;
  call?: { what: string; afterBeat: boolean };
  done: boolean;
}

const watched = new Map<string, Watch>();
const reportedTests = new Set<string>();
let runFiles = new Set<string>();

const target = process.env.WORKBOOK_TARGET ?? 'latihan';
const debug = process.env.WORKBOOK_DEBUG === '1';
// Worker pertama dinyalakan sekarang: ia memuat runtime vitest, express dan tough-cookie di inti
// CPU lain selagi proses ini memuat vitest. Mode pantau menyiapkan worker berikutnya setiap kali.
prepareWorker(checkerEnv(target), process.env.WORKBOOK_PANTAU === '1');

const vitest = await createChecker(target, debug, {
  onTestModuleCollected(m: TestModule) {
    send({ type: 'collected', file: m.moduleId, tests: [...m.children.allTests()].map((t) => ({ name: t.name, fullName: t.fullName })) });
  },
  onTestCaseResult(t: TestCase) {
    reportedTests.add(`${path.resolve(t.module.moduleId)}\0${t.fullName}`);
    const r = t.result();
    send({ type: 'test', file: t.module.moduleId, test: { name: t.name, fullName: t.fullName, state: r.state, errors: errors(r.errors) } });
  },
  onTestModuleEnd(m: TestModule) {
    const w = watched.get(path.resolve(m.moduleId));
    if (w) w.done = true;
    send({ type: 'module-end', file: m.moduleId, errors: errors(m.errors()) });
  },
});

const channel = new BroadcastChannel(GUARD_CHANNEL);
channel.onmessage = (event) => {
  const m = (event as unknown as { data: unknown }).data as {
    file: string;
    type: string;
    what?: string;
    id?: number;
    name?: string;
    fullName?: string;
    state?: string;
    errors?: ErrorReport[];
    tests?: { name: string; fullName: string }[];
  };
  const file = path.resolve(m.file);
  if (!runFiles.has(file)) return;
  let w = watched.get(file);
  if (!w) {
    w = { startedAt: Date.now(), lastBeat: Date.now(), requests: new Map(), done: false };
    watched.set(file, w);
  }
  w.lastBeat = Date.now();
  if (m.type === 'beat') {
    if (w.call) w.call.afterBeat = true;
  } else if (m.type === 'test') {
    w.test = { name: m.name ?? '', fullName: m.fullName };
    w.requests.clear();
    w.call = undefined;
  } else if (m.type === 'call') w.call = { what: m.what ?? '', afterBeat: false };
  else if (m.type === 'request') w.requests.set(m.id!, m.what ?? '');
  else if (m.type === 'response') w.requests.delete(m.id!);
  else if (m.type === 'done') w.done = true;
  else if (m.type === 'collected') send({ type: 'collected', file, tests: m.tests ?? [] });
  else if (m.type === 'result' && !reportedTests.has(`${file}\0${m.fullName}`)) {
    send({ type: 'test', file, test: { name: m.name ?? '', fullName: m.fullName ?? '', state: m.state, errors: m.errors } });
  }
};

let reported = false;
let lessonLimit = LESSON_TIMEOUT_MS;
function inspect() {
  if (reported) return;
  const now = Date.now();
  for (const [file, w] of watched) {
    if (w.done) continue;
    const limit = () => (w.test ? STUCK_MS : LOAD_STUCK_MS);
    const silent = now - w.lastBeat > limit();
    const tooLong = now - w.startedAt > lessonLimit;
    if (!silent && !tooLong) continue;
    // Pesan yang mengantre (mis. setelah proses ini sibuk) diproses dulu sebelum memutuskan.
    setImmediate(() =>
      setImmediate(() => {
        if (reported || w.done) return;
        const t = Date.now();
        const kind = t - w.lastBeat > limit() ? 'loop' : t - w.startedAt > lessonLimit ? 'waktu' : undefined;
        if (!kind) return;
        reported = true;
        const request = [...w.requests.values()].at(-1);
        const what = request ?? (w.call && !w.call.afterBeat ? w.call.what : undefined);
        send({ type: 'stuck', file, stuck: { kind, test: w.test, what } });
      }),
    );
    return;
  }
}
setInterval(inspect, 250);

process.on('message', async (m: ParentMessage) => {
  if (m.type !== 'run') return;
  runFiles = new Set(m.files.map((f) => path.resolve(f)));
  watched.clear();
  reportedTests.clear();
  reported = false;
  for (const f of m.invalidate) vitest.invalidateFile(f);
  lessonLimit = Math.min(LESSON_TIMEOUT_MS, m.budgetMs ?? LESSON_TIMEOUT_MS);
  if (m.exclude?.length) vitest.setGlobalTestNamePattern(excludePattern(m.exclude));
  else vitest.resetGlobalTestNamePattern();
  try {
    await vitest.runTestFiles(m.files);
  } catch {
    // kesalahan vitest sendiri: modul yang tidak selesai dilaporkan CLI sebagai "Checker tidak berjalan"
  }
  runFiles = new Set();
  if (debug) console.error(`[pemeriksa] worker siap pakai: ${poolStats.warm}, dinyalakan baru: ${poolStats.cold}`);
  send({ type: 'run-end' });
});

send({ type: 'ready' });
