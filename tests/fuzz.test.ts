// Fuzz setiap app rujukan (lessons/*/solusi.ts): request rusak atau aneh lewat soket mentah, langsung
// ke app di Node biasa dan lewat sandbox. Syaratnya: 0 crash, 0 response ≥ 500, setiap request
// dijawab dalam 1 detik. Hanya ke 127.0.0.1; berhenti sendiri setelah FUZZ_REQUESTS request per app.
// Benih acak tetap (FUZZ_SEED) supaya kegagalan bisa diulang.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { ROOT, collectOutput, spawnCli } from './cli.ts';

/** Satu-satunya tujuan lalu lintas fuzz. */
const HOST = '127.0.0.1';
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 2000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const BOUND_MS = 1000;
const CONCURRENCY = 4;

const only = (process.env.PELAJARAN ?? '').split(',').map((s) => s.trim()).filter(Boolean);
const lessons = readdirSync(path.join(ROOT, 'lessons'))
  .filter((d) => /^\d\d-/.test(d) && existsSync(path.join(ROOT, 'lessons', d, 'solusi.ts')))
  .filter((d) => only.length === 0 || only.some((n) => d.startsWith(n.padStart(2, '0'))))
  .sort();

// ---------------------------------------------------------------------------
// Pembangkit request.

function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  const str = (n: number, alphabet = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~%+=/:') =>
    Array.from({ length: n }, () => alphabet[int(alphabet.length)]).join('');
  return { next, int, pick, str };
}
type Rng = ReturnType<typeof random>;

function routesOf(id: string): string[] {
  const source = readFileSync(path.join(ROOT, 'lessons', id, 'solusi.ts'), 'utf8');
  const found = [...source.matchAll(/\.(?:get|post|put|patch|delete|all)\(\s*['"`](\/[^'"`]*)['"`]/g)].map((m) => m[1]!);
  return [...new Set(['/', ...found])];
}

const COOKIE_NAMES = ['sid', 'theme', 'lang', 'remember', 'token', 'connect.sid', 'csrf', 'session', 'prefs', '__Host-sid', '__proto__', 'constructor'];

function cookieHeader(r: Rng): string {
  switch (r.int(10)) {
    case 0:
      return `${r.pick(COOKIE_NAMES)}=${r.str(r.int(7000) + 1000)}`; // sangat besar
    case 1:
      return Array.from({ length: r.int(400) + 50 }, (_, i) => `c${i}=${r.str(8)}`).join('; '); // sangat banyak
    case 2:
      return `${r.pick(COOKIE_NAMES)}=${r.pick(['%E0%A4%A', '%', '%ZZ', '%00', '%C0%AF', '%FF%FE', '%uD800'])}`; // percent-encoding rusak
    case 3:
      return `${r.pick(COOKIE_NAMES)}=s%3A${r.str(32)}.${r.str(43)}; ${r.pick(COOKIE_NAMES)}=s:${r.str(10)}`; // tanda tangan palsu
    case 4:
      return r.pick(['=;=;;', ';;;', '=', 'sid', 'sid=; sid=; sid=a', ' ; = ; ', '"', 'a="b', 'sid="' + r.str(20) + '"']);
    case 5:
      return `${r.pick(COOKIE_NAMES)}=${r.str(20, '\xa0\xe9\xff\x80"\\,{}[]<>')}`; // byte latin1 dan tanda baca
    case 6:
      return `__proto__=${r.str(5)}; constructor=${r.str(5)}; toString=1; hasOwnProperty=2`;
    case 7:
      return `${r.pick(COOKIE_NAMES)}=${r.str(16)}; ${r.pick(COOKIE_NAMES)}=${r.str(64)}; ${r.pick(COOKIE_NAMES)}=${r.str(3)}`;
    default:
      return `${r.pick(COOKIE_NAMES)}=${r.str(r.int(60))}`;
  }
}

function target(r: Rng, routes: string[]): string {
  const route = r.pick(routes).replace(/:[a-zA-Z]+/g, () => r.str(6));
  switch (r.int(12)) {
    case 0:
      return `${route}?${r.pick(['choose', 'lang', 'next', 'q', 'redirect', 'returnTo'])}=${r.pick(['%E0%A4%A', '%', '%ZZ', 'dark', '//evil.example', r.str(30)])}`;
    case 1:
      return r.pick(['/%', '/%E0%A4%A', '/%ZZ', '/%00', '/%2e%2e/%2e%2e/etc/passwd', '//', '/./', '/..', `${route}%`, `${route}/%C0%AF`]);
    case 2:
      return `/${r.str(r.int(6000) + 2000)}`; // path panjang
    case 3:
      return `${route}?${'a[b][c][d][e][f]=1&'.repeat(r.int(200) + 20)}`;
    case 4:
      return `${route}?__proto__[admin]=1&constructor[prototype][x]=1`;
    case 5:
      return `http://${r.pick(['example.com', '127.0.0.1', 'localhost:1'])}${route}`; // absolute-form
    case 6:
      return `${route}/${r.str(10)}`;
    case 7:
      return `${route}?${r.str(r.int(300))}`;
    default:
      return route;
  }
}

interface Body {
  headers: string[];
  body: Buffer;
}

function body(r: Rng): Body {
  const json = (text: string | Buffer, type = 'application/json'): Body => ({ headers: [`Content-Type: ${type}`], body: Buffer.from(text) });
  switch (r.int(16)) {
    case 0:
      return json(r.pick(['{rusak', '{"a":', '[', '{"a":1,}', 'null', '"x"', '1e999999', '{"__proto__":{"admin":true}}', '\u0000']));
    case 1:
      return json('['.repeat(r.int(5000) + 1000)); // sangat bersarang
    case 2:
      return json(JSON.stringify({ items: Array.from({ length: 100 }, () => r.str(2000)) })); // ±200 KB
    case 3:
      return json(r.str(50), `application/json; charset=${r.pick(['koi8-r', 'utf-16', 'utf-32', 'x-unknown', 'latin1'])}`);
    case 4:
      return json(`username=${r.pick(['%', '%E0%A4%A', r.str(20)])}&password=${r.str(20)}&${'x='.repeat(r.int(3000))}`, 'application/x-www-form-urlencoded');
    case 5:
      return json(`a[b][c][d][e][f][g]=1&${'a[]=1&'.repeat(r.int(2000))}`, 'application/x-www-form-urlencoded');
    case 6:
      return { headers: ['Content-Type: application/json', `Content-Encoding: ${r.pick(['gzip', 'deflate', 'br', 'x-rusak'])}`], body: Buffer.from(r.str(40)) };
    case 7:
      return json(`--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n${r.str(30)}\r\n--x--`, 'multipart/form-data; boundary=x');
    case 8:
      return json(Buffer.from(Array.from({ length: r.int(200) + 1 }, () => r.int(256))), r.pick(['application/json', 'text/plain', 'application/octet-stream', '']));
    case 9:
      return json(JSON.stringify({ username: r.pick(['budi', '', ' ', null, 1, ['budi'], { $ne: 1 }]), password: r.pick(['kopi-susu-2026', '', null, 0, {}, r.str(5000)]) }));
    case 10:
      return json(JSON.stringify({ item: r.pick([r.str(10), '', null, 12, { a: 1 }, [1, 2], r.str(20000)]), theme: r.pick(['dark', '', null]), qty: r.pick([1, -1, 1e308, 'x']) }));
    default:
      return { headers: [], body: Buffer.alloc(0) };
  }
}

export interface FuzzRequest {
  label: string;
  raw: Buffer;
  /** Request yang bisa membuat app meng-hash password (scrypt berbiaya OWASP, ±0,3 s CPU). */
  hashes: boolean;
}

export function makeRequest(r: Rng, routes: string[]): FuzzRequest {
  let method = r.pick(['GET', 'GET', 'GET', 'POST', 'POST', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'FOO', 'M-SEARCH']);
  let url = target(r, routes);
  if (r.int(25) === 0) [method, url] = ['OPTIONS', '*'];
  if (r.int(60) === 0) [method, url] = ['CONNECT', `${HOST}:443`];
  const lines = [`${method} ${url} HTTP/1.1`];
  const headers: string[] = [];
  if (r.int(40) !== 0) headers.push(`Host: ${r.pick([HOST, `${HOST}:1`, 'localhost', 'example.com', ''])}`);
  if (r.next() < 0.7) headers.push(`Cookie: ${cookieHeader(r)}`);
  if (r.int(8) === 0) headers.push(`Cookie: ${cookieHeader(r)}`); // header Cookie ganda
  if (r.int(10) === 0) headers.push(r.pick(['Origin: null', 'Origin: http://evil.example', 'Referer: http://evil.example/', 'Sec-Fetch-Site: cross-site', 'X-Forwarded-Proto: https', 'X-Forwarded-For: 1.2.3.4, ' + r.str(20)]));
  if (r.int(12) === 0) headers.push(r.pick(['Accept: */*', 'Accept: text/html;q=0', 'Accept: application/json', 'Accept-Language: ' + r.str(50), 'If-None-Match: *', 'Range: bytes=0-1,5-', 'Expect: 100-continue']));
  if (r.int(30) === 0) headers.push(`X-Kontrol: a${String.fromCharCode(r.int(31) + 1)}b`); // byte kontrol: ditolak parser
  if (r.int(30) === 0) headers.push(`${r.str(5)}${r.pick(['(', ' ', '@', '\x7f'])}x: 1`); // nama header tidak sah
  const b = method === 'GET' && r.next() < 0.8 ? { headers: [], body: Buffer.alloc(0) } : body(r);
  headers.push(...b.headers);
  let payload = b.body;
  if (payload.length > 0 && r.int(8) === 0) {
    headers.push('Transfer-Encoding: chunked');
    payload = r.int(4) === 0 ? Buffer.from(`zz\r\n${r.str(5)}\r\n0\r\n\r\n`) : Buffer.concat([Buffer.from(`${payload.length.toString(16)}\r\n`), payload, Buffer.from('\r\n0\r\n\r\n')]);
  } else if (payload.length > 0 || method === 'POST') headers.push(`Content-Length: ${payload.length}`);
  headers.push('Connection: close');
  const head = Buffer.from(`${[...lines, ...headers].join('\r\n')}\r\n\r\n`, 'latin1');
  const label = `${method} ${url.length > 80 ? `${url.slice(0, 80)}…` : url} [${headers.map((h) => h.slice(0, 40)).join(' | ').slice(0, 200)}] body ${payload.length} B`;
  const hashes = method !== 'GET' && /login|password|register/i.test(url);
  return { label, raw: Buffer.concat([head, payload]), hashes };
}

// ---------------------------------------------------------------------------
// Pengirim lewat soket mentah.

interface Outcome {
  status: number; // 0: tidak ada response
  ms: number;
}

function send(port: number, raw: Buffer): Promise<Outcome> {
  return new Promise((resolve) => {
    const started = performance.now();
    let seen = '';
    let done = false;
    const finish = (status: number) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ status, ms: performance.now() - started });
    };
    // Tanpa half-close: klien sungguhan menunggu response sebelum menutup (Node memutus request yang sedang berjalan bila klien menutup sisi tulisnya).
    const socket = net.connect(port, HOST, () => socket.write(raw));
    const timer = setTimeout(() => finish(0), BOUND_MS * 3);
    socket.on('data', (d) => {
      seen += d.toString('latin1');
      const m = /^HTTP\/1\.[01] (\d{3})/.exec(seen);
      if (m) finish(Number(m[1]));
      else if (seen.length > 20) finish(-1);
    });
    socket.on('error', () => finish(0));
    socket.on('close', () => finish(0));
  });
}

interface Report {
  requests: number;
  crashes: number;
  fivexx: number;
  unanswered: number;
  slow: number;
  slowestMs: number;
  examples: string[];
}

/**
 * `direct`: Node biasa memutus CONNECT tanpa jawaban bila tidak ada yang menangani 'connect' (Express
 * tidak pernah melihatnya); itu bukan kesalahan app. Sandbox harus menjawabnya.
 */
async function fuzz(id: string, port: number, alive: () => string | undefined, direct = false): Promise<Report> {
  const r = random(SEED + lessons.indexOf(id));
  const routes = routesOf(id);
  const report: Report = { requests: 0, crashes: 0, fivexx: 0, unanswered: 0, slow: 0, slowestMs: 0, examples: [] };
  const note = (what: string) => report.examples.length < 6 && report.examples.push(what);
  let next = 0;
  // Hash password sengaja mahal (scrypt N=2^17: ±0,3 s CPU dan 128 MiB). Request yang bisa memicunya
  // dikirim satu per satu, supaya batas 1 detik tetap mengukur app, bukan antrean hash di 2 core.
  let hashing: Promise<unknown> = Promise.resolve();
  const worker = async () => {
    while (next < REQUESTS && report.crashes === 0) {
      next++;
      const req = makeRequest(r, routes);
      let release = () => {};
      if (req.hashes) {
        const before = hashing;
        hashing = new Promise<void>((done) => (release = done));
        await before;
      }
      const { status, ms } = await send(port, req.raw).finally(release);
      report.requests++;
      report.slowestMs = Math.max(report.slowestMs, ms);
      if (status >= 500) (report.fivexx++, note(`${status}: ${req.label}`));
      else if (status <= 0 && !(direct && req.label.startsWith('CONNECT '))) (report.unanswered++, note(`tanpa jawaban: ${req.label}`));
      if (ms > BOUND_MS) (report.slow++, note(`${Math.round(ms)} ms: ${req.label}`));
      const dead = alive();
      if (dead) (report.crashes++, note(`crash setelah ${req.label}: ${dead}`));
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return report;
}

function summary(id: string, via: string, rep: Report): string {
  return (
    `${id} ${via}: ${rep.requests} request, ${rep.crashes} crash, ${rep.fivexx} response ≥ 500, ${rep.unanswered} tanpa jawaban, ` +
    `${rep.slow} > ${BOUND_MS} ms, paling lambat ${Math.round(rep.slowestMs)} ms` +
    (rep.examples.length ? `\n  contoh:\n    ${rep.examples.join('\n    ')}` : '')
  );
}

function verdict(id: string, via: string, rep: Report) {
  const text = summary(id, via, rep);
  console.log(text);
  expect(rep.requests, text).toBeGreaterThanOrEqual(REQUESTS);
  expect({ crash: rep.crashes, '≥500': rep.fivexx, 'tanpa jawaban': rep.unanswered, lambat: rep.slow }, text).toEqual({
    crash: 0,
    '≥500': 0,
    'tanpa jawaban': 0,
    lambat: 0,
  });
}

// ---------------------------------------------------------------------------

const running = new Set<ChildProcess>();
afterAll(() => running.forEach((c) => c.kill('SIGKILL')));

/** App rujukan di Node biasa (tsx): Promise ditolak tanpa ditangani atau error tak tertangkap = crash. */
async function plainNode(id: string): Promise<{ port: number; child: ChildProcess; exited: () => string | undefined }> {
  const file = pathToFileURL(path.join(ROOT, 'lessons', id, 'solusi.ts')).href;
  const code = `import http from 'node:http';
const { createApp } = await import(${JSON.stringify(file)});
const server = http.createServer(await createApp());
server.listen(0, ${JSON.stringify(HOST)}, () => console.log('PORT ' + server.address().port));`;
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'development' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let exit: string | undefined;
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr = (stderr + d).slice(-2000)));
  child.once('exit', (c, s) => (exit = `proses berhenti (${s ?? `kode ${c}`}): ${stderr.trim().split('\n').slice(0, 3).join(' / ')}`));
  const [, port] = await collectOutput(child).waitFor(/PORT (\d+)/, 60_000);
  return { port: Number(port), child, exited: () => exit };
}

describe.each(lessons)('fuzz %s', (id) => {
  test(`${id}: langsung di Node biasa — ${REQUESTS} request rusak, 0 crash, 0 ≥ 500, semua < 1 s`, async () => {
    const app = await plainNode(id);
    try {
      verdict(id, 'langsung', await fuzz(id, app.port, app.exited, true));
    } finally {
      app.child.kill('SIGKILL');
    }
  }, 300_000);

  test(`${id}: lewat sandbox — ${REQUESTS} request rusak, 0 crash, 0 ≥ 500, semua < 1 s, sandbox tetap hidup`, async () => {
    const child = spawnCli(['sandbox', id, '--solusi', '--port', '0']);
    running.add(child);
    const out = collectOutput(child);
    try {
      const [, port] = await out.waitFor(/URL:\s+http:\/\/127\.0\.0\.1:(\d+)\//, 60_000);
      const crashed = () => {
        if (child.exitCode !== null || child.signalCode !== null) return `sandbox berhenti (${child.signalCode ?? child.exitCode})`;
        const m = /✗ (App berhenti tiba-tiba|Error tak tertangkap|Promise ditolak tanpa ditangani|Kode latihan macet)[^\n]*/.exec(out.text());
        return m?.[0];
      };
      const rep = await fuzz(id, Number(port), crashed);
      verdict(id, 'lewat sandbox', rep);
    } finally {
      child.kill('SIGKILL');
    }
  }, 300_000);
});
