// Harness bersama untuk semua checker (lessons/*/cek.test.ts).
// Checker tidak pernah mengimpor implementasi langsung: ia meminta target ke sini.
// WORKBOOK_TARGET = latihan (bawaan) | awal | solusi | path absolut (berkas atau folder).
import { appendFileSync, existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import { ROOT, targetFile } from './target.ts';
import { Cookie, CookieJar } from 'tough-cookie';
import { afterAll, expect } from 'vitest';

export { ROOT, targetFile } from './target.ts';

/** Pesan gagal yang sudah rapi untuk pelajar; CLI menampilkannya tanpa stack trace. */
export class CheckFailure extends Error {
  override name = 'CheckFailure';
}

/** Memuat modul latihan untuk checker yang memanggilnya (pakai import.meta.url checker). */
export async function loadExercise<T>(checkerUrl: string): Promise<T> {
  const lessonId = path.basename(path.dirname(fileURLToPath(checkerUrl)));
  let file: string;
  try {
    file = targetFile(lessonId);
  } catch (err) {
    throw new CheckFailure((err as Error).message);
  }
  if (!existsSync(file)) {
    throw new CheckFailure(
      `Berkas ${path.relative(ROOT, file)} belum ada. Jalankan \`npm run cek -- ${lessonId.slice(0, 2)}\` untuk menyalin berkas awal.`,
    );
  }
  return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as T;
}

// ---------------------------------------------------------------------------
// Server sungguhan di 127.0.0.1, port 0.

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function listen(handler: http.RequestListener, port = 0): Promise<RunningServer> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${actual}`,
    port: actual,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Menjalankan app dan menutupnya otomatis setelah berkas tes selesai. */
export async function serve(handler: http.RequestListener): Promise<RunningServer> {
  const running = await listen(handler);
  afterAll(() => running.close());
  return running;
}

// ---------------------------------------------------------------------------
// Jam yang bisa disuntikkan: app menerima `now` sebagai opsi, checker memajukannya.

export interface Clock {
  now(): number;
  advance(ms: number): void;
}

export function createClock(start = Date.UTC(2026, 0, 15, 8, 0, 0)): Clock {
  let t = start;
  return {
    now: () => t,
    advance: (ms) => {
      t += ms;
    },
  };
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

// ---------------------------------------------------------------------------
// Klien HTTP dengan cookie jar ala browser (tough-cookie) dan redirect manual.

export interface Exchange {
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  status: number;
  responseHeaders: [string, string][];
  body: string;
}

export interface Res {
  status: number;
  headers: ResponseHeaders;
  /** Setiap header Set-Cookie apa adanya, berurutan. */
  setCookies: string[];
  body: string;
  json<T = any>(): T;
  exchange: Exchange;
}

export interface RequestOptions {
  headers?: Record<string, string>;
  /** Dikirim sebagai application/x-www-form-urlencoded. */
  form?: Record<string, string>;
  /** Dikirim sebagai application/json. */
  json?: unknown;
  body?: string;
  /** false: jangan kirim cookie dari jar (seperti curl tanpa -b). */
  cookies?: boolean;
  /** Batas tunggu jawaban dalam milidetik (bawaan REQUEST_TIMEOUT_MS). */
  timeoutMs?: number;
}

/** Berapa lama satu request boleh menunggu jawaban sebelum dianggap tidak pernah dijawab. */
export const REQUEST_TIMEOUT_MS = 4000;

export interface ClientOptions {
  /** Jam untuk jar (kedaluwarsa cookie), biasanya sama dengan jam app. */
  now?: () => number;
  /**
   * false: jangan ikutkan cookie pihak lain. Bawaannya, seperti browser sungguhan, setiap request
   * yang cookie-nya diambil dari jar juga membawa cookie lain milik situs yang sama (analitik,
   * preferensi) di depan dan di belakang cookie app, supaya kode yang hanya bisa membaca header
   * `Cookie` berisi satu cookie ketahuan.
   */
  unrelatedCookies?: boolean;
}

/** Cookie pihak lain yang ikut di setiap request klien (lihat ClientOptions.unrelatedCookies). */
export const UNRELATED_COOKIES = { before: '_ga=GA1.1.804213311.1767225600', after: 'pref_ui=compact%3Dya' } as const;

export class Client {
  jar: CookieJar;
  last?: Exchange;

  constructor(
    public base: string,
    private options: ClientOptions = {},
  ) {
    this.jar = new CookieJar();
  }

  private now(): Date {
    return new Date(this.options.now ? this.options.now() : Date.now());
  }

  async request(method: string, pathname: string, opts: RequestOptions = {}): Promise<Res> {
    const url = new URL(pathname, this.base).href;
    const headers: Record<string, string> = { ...opts.headers };
    let body = opts.body;
    if (opts.form) {
      body = new URLSearchParams(opts.form).toString();
      headers['content-type'] ??= 'application/x-www-form-urlencoded';
    } else if (opts.json !== undefined) {
      body = JSON.stringify(opts.json);
      headers['content-type'] ??= 'application/json';
    }
    if (opts.cookies !== false && !Object.keys(headers).some((h) => h.toLowerCase() === 'cookie')) {
      const own = (await this.live(url)).map((c) => c.cookieString());
      const extra = this.options.unrelatedCookies === false ? [] : [UNRELATED_COOKIES.before, ...own, UNRELATED_COOKIES.after];
      const cookie = (own.length && extra.length ? extra : own).join('; ');
      if (cookie) headers.cookie = cookie;
    }
    // `npm run bench`: request yang sama dikirim ulang oleh skrip lantai (tests/lantai.mjs).
    if (process.env.WORKBOOK_REKAM) appendFileSync(process.env.WORKBOOK_REKAM, `${JSON.stringify({ method, path: pathname, headers, body })}\n`);
    const timeoutMs = opts.timeoutMs ?? REQUEST_TIMEOUT_MS;
    const signal = AbortSignal.timeout(timeoutMs);
    const neverAnswered = () =>
      new CheckFailure(
        `${currentTask() ? `${currentTask()}: ` : ''}${method} ${pathname} tidak pernah dijawab dalam ${timeoutMs / 1000} detik: lupa \`res.send()\`/\`res.end()\`, atau \`next()\` tidak dipanggil?`,
      );
    let response: { status: number; headers: ResponseHeaders };
    let text: string;
    try {
      ({ text, ...response } = await send(url, method, headers, body, signal));
    } catch (err) {
      if (signal.aborted) throw neverAnswered();
      throw new CheckFailure(
        `${method} ${pathname} gagal tersambung ke server: ${(err as Error).cause ?? (err as Error).message}`,
      );
    }
    const setCookies = response.headers.getSetCookie();
    for (const sc of setCookies) {
      await this.jar.setCookie(sc, url, { ignoreError: true, now: this.now() });
    }
    const exchange: Exchange = {
      method,
      url: pathname,
      requestHeaders: headers,
      requestBody: body,
      status: response.status,
      responseHeaders: [...response.headers.entries()].filter(([k]) => k !== 'set-cookie'),
      body: text,
    };
    for (const sc of setCookies) exchange.responseHeaders.push(['set-cookie', sc]);
    this.last = exchange;
    return {
      status: response.status,
      headers: response.headers,
      setCookies,
      body: text,
      exchange,
      json() {
        try {
          return JSON.parse(text);
        } catch {
          fail(`response ${method} ${pathname} harus berupa JSON.`, { diterima: text.slice(0, 200), res: { exchange } });
        }
      },
    };
  }

  get(pathname: string, opts?: RequestOptions) {
    return this.request('GET', pathname, opts);
  }

  post(pathname: string, opts?: RequestOptions) {
    return this.request('POST', pathname, opts);
  }

  /**
   * Cookie yang masih hidup menurut jam klien. tough-cookie selalu memakai Date.now() saat membaca,
   * jadi kedaluwarsa dihitung di sini dengan jam yang disuntikkan (Max-Age relatif terhadap saat
   * cookie disimpan, yang memakai jam yang sama).
   */
  private async live(url: string, allPaths = false): Promise<Cookie[]> {
    const now = this.now().getTime();
    const cookies = await this.jar.getCookies(url, { expire: false, allPaths, sort: true });
    return cookies.filter((c) => {
      // Max-Age dihitung dari saat disimpan (creation), bukan dari lastAccessed yang memakai jam asli.
      const expiry = c.expiryTime(c.creation instanceof Date ? c.creation : undefined);
      return expiry === undefined || expiry > now;
    });
  }

  /** Nilai cookie yang kini disimpan jar untuk server ini (undefined bila tidak ada atau kedaluwarsa). */
  async cookie(name: string): Promise<string | undefined> {
    return (await this.live(this.base, true)).find((c) => c.key === name)?.value;
  }

  /** Menimpa isi jar dengan cookie buatan sendiri, misalnya untuk mencoba ID curian. */
  async setCookie(name: string, value: string) {
    await this.jar.setCookie(`${name}=${value}; Path=/`, this.base, { now: this.now() });
  }

  /** Browser ditutup lalu dibuka lagi: session cookie hilang, persistent cookie tetap. */
  async restartBrowser() {
    const all = await this.jar.store.getAllCookies();
    const fresh = new CookieJar();
    for (const c of all) if (c.isPersistent()) await fresh.store.putCookie(c);
    this.jar = fresh;
  }
}

/**
 * Satu request HTTP/1.1 sungguhan dengan node:http, seperti fetch() dengan redirect: 'manual': header
 * bawaan fetch ikut dikirim (accept, user-agent, …), tubuh string tanpa Content-Type menjadi
 * text/plain;charset=UTF-8, jawaban gzip/deflate/br dibuka, header jawaban dibaca seperti Headers.
 * Jauh lebih ringan daripada fetch (undici) untuk puluhan request per checker.
 */
function send(url: string, method: string, own: Record<string, string>, body: string | undefined, signal: AbortSignal) {
  const has = (name: string) => Object.keys(own).some((h) => h.toLowerCase() === name);
  const headers: Record<string, string> = { ...own };
  if (body !== undefined && !has('content-type')) headers['content-type'] = 'text/plain;charset=UTF-8';
  for (const [name, value] of FETCH_HEADERS) if (!has(name)) headers[name] = value;
  return new Promise<{ status: number; headers: ResponseHeaders; text: string }>((resolve, reject) => {
    const req = http.request(url, { method, headers, signal }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      // Koneksi putus (atau batas waktu) sebelum jawaban lengkap.
      res.on('close', () => res.complete || reject(new Error('jawaban terputus sebelum lengkap')));
      res.on('end', () => {
        const received = new ResponseHeaders();
        for (let i = 0; i < res.rawHeaders.length; i += 2) received.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
        let raw: Buffer = Buffer.concat(chunks);
        const decode = DECODERS[(received.get('content-encoding') ?? '').trim().toLowerCase()];
        if (decode && raw.length > 0) raw = decode(raw);
        resolve({ status: res.statusCode ?? 0, headers: received, text: new TextDecoder().decode(raw) });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * Header jawaban dengan perilaku Headers milik fetch: nama tidak peka huruf besar-kecil, get()
 * menggabungkan nilai ganda dengan ", ", getSetCookie() setiap Set-Cookie, entries() urut nama
 * (Set-Cookie satu per satu). Tanpa Headers global, yang di Node memuat seluruh undici.
 */
export class ResponseHeaders {
  private readonly list: [string, string][] = [];

  append(name: string, value: string) {
    this.list.push([name.toLowerCase(), value.trim()]);
  }

  get(name: string): string | null {
    const values = this.all(name);
    return values.length ? values.join(', ') : null;
  }

  has(name: string): boolean {
    return this.all(name).length > 0;
  }

  getSetCookie(): string[] {
    return this.all('set-cookie');
  }

  *entries(): IterableIterator<[string, string]> {
    for (const name of [...new Set(this.list.map(([n]) => n))].sort()) {
      if (name === 'set-cookie') for (const v of this.getSetCookie()) yield [name, v];
      else yield [name, this.get(name)!];
    }
  }

  *keys(): IterableIterator<string> {
    for (const [name] of this.entries()) yield name;
  }

  *values(): IterableIterator<string> {
    for (const [, value] of this.entries()) yield value;
  }

  forEach(callback: (value: string, name: string, headers: ResponseHeaders) => void) {
    for (const [name, value] of this.entries()) callback(value, name, this);
  }

  [Symbol.iterator]() {
    return this.entries();
  }

  private all(name: string): string[] {
    const n = name.toLowerCase();
    return this.list.filter(([k]) => k === n).map(([, v]) => v);
  }
}

/** Header yang selalu dikirim fetch() Node (undici), agar app melihat request yang sama seperti sebelumnya. */
const FETCH_HEADERS = [
  ['accept', '*/*'],
  ['accept-language', '*'],
  ['sec-fetch-mode', 'cors'],
  ['user-agent', 'node'],
  ['accept-encoding', 'gzip, deflate'],
] as const;

const DECODERS: Record<string, (b: Buffer) => Buffer> = {
  gzip: (b) => gunzipSync(b),
  'x-gzip': (b) => gunzipSync(b),
  deflate: (b) => inflateSync(b),
  br: (b) => brotliDecompressSync(b),
};

export function client(server: RunningServer | string, options?: ClientOptions): Client {
  return new Client(typeof server === 'string' ? server : server.url, options);
}

// ---------------------------------------------------------------------------
// Membaca Set-Cookie.

export interface ParsedSetCookie {
  name: string;
  value: string;
  /** Nama atribut huruf kecil → nilai (true untuk atribut tanpa nilai, mis. HttpOnly). */
  attrs: Record<string, string | true>;
  raw: string;
}

export function parseSetCookie(raw: string): ParsedSetCookie {
  const [pair = '', ...rest] = raw.split(';');
  const eq = pair.indexOf('=');
  const name = (eq === -1 ? '' : pair.slice(0, eq)).trim();
  const value = (eq === -1 ? pair : pair.slice(eq + 1)).trim();
  const attrs: Record<string, string | true> = {};
  for (const part of rest) {
    const i = part.indexOf('=');
    const key = (i === -1 ? part : part.slice(0, i)).trim().toLowerCase();
    if (key) attrs[key] = i === -1 ? true : part.slice(i + 1).trim();
  }
  return { name, value, attrs, raw };
}

/** Set-Cookie terakhir untuk `name` dalam respons, atau undefined. */
export function findSetCookie(res: Res, name: string): ParsedSetCookie | undefined {
  return res.setCookies.map(parseSetCookie).filter((c) => c.name === name).at(-1);
}

/** Seperti findSetCookie, tetapi gagal dengan pesan jelas bila cookie tidak dikirim. */
export function requireSetCookie(res: Res, name: string, why = ''): ParsedSetCookie {
  const found = findSetCookie(res, name);
  if (!found) {
    fail(`response ${res.exchange.method} ${res.exchange.url} harus mengirim Set-Cookie "${name}"${why ? ` ${why}` : ''}.`, {
      diterima: res.setCookies.length ? res.setCookies.join(' | ') : '(tidak ada Set-Cookie)',
      res,
    });
  }
  return found;
}

/**
 * Jenis media dari header Content-Type, huruf kecil dan tanpa parameter (RFC 9110 §8.3.1: jenis
 * media tidak peka huruf besar-kecil), mis. "Text/HTML; Charset=UTF-8" → "text/html".
 */
export function mediaType(res: Res | ResponseHeaders): string {
  const headers = res instanceof ResponseHeaders ? res : res.headers;
  return (headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
}

/** Nilai atribut cookie dalam huruf kecil (SameSite=LAX sama dengan Lax), '' bila tidak ada. */
export function attrValue(c: ParsedSetCookie, name: string): string {
  const v = c.attrs[name.toLowerCase()];
  return typeof v === 'string' ? v.toLowerCase() : '';
}

/** Memakai tough-cookie untuk menilai cookie seperti browser (Max-Age vs Expires, dsb.). */
export function toughCookie(raw: string): Cookie | undefined {
  return Cookie.parse(raw) ?? undefined;
}

const UUID_FORMAT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ID_FORMATS: [string, RegExp, number][] = [
  ['hex', /^[0-9a-f]+$/, 4],
  ['hex', /^[0-9A-F]+$/, 4],
  ['base36', /^[0-9a-z]+$/, Math.log2(36)],
  ['base64url', /^[A-Za-z0-9_-]+$/, 6],
  ['base64', /^[A-Za-z0-9+/]+=*$/, 6],
];

/**
 * Perkiraan bit acak dalam sekumpulan ID (session ID, token) yang dikumpulkan dari app:
 * `capacity` = batas atas menurut panjang dan alfabetnya (UUID v4: 122 bit), `observed` = bit yang
 * benar-benar berubah antar-ID (di setiap posisi, berapa karakter berbeda yang muncul). Kumpulkan
 * ≥ 100 ID agar `observed` dapat dipercaya. Pasangkan dengan withPredictableRandom (asal dari CSPRNG).
 */
export function idBits(ids: string[]): { capacity: number; observed: number; format: string } {
  const len = Math.min(...ids.map((id) => id.length));
  let observed = 0;
  for (let i = 0; i < len; i++) observed += Math.log2(new Set(ids.map((id) => id[i])).size);
  const result = (capacity: number, format: string) => ({ capacity: Math.floor(capacity), observed: Math.floor(observed), format });
  if (ids.every((id) => UUID_FORMAT.test(id))) return result(122, 'UUID (crypto.randomUUID)');
  const bare = Math.min(...ids.map((id) => id.replace(/=+$/, '').length));
  for (const [format, re, perChar] of ID_FORMATS) if (ids.every((id) => re.test(id))) return result(bare * perChar, format);
  const alphabet = new Set(ids.join('')).size;
  return result(bare * Math.log2(alphabet), `${alphabet} jenis karakter`);
}

// ---------------------------------------------------------------------------
// Pesan gagal dalam bahasa Indonesia, terikat ke "Tugas N" lewat nama tes.

function currentTask(): string {
  const name = expect.getState().currentTestName ?? '';
  return /Tugas \d+/.exec(name)?.[0] ?? '';
}

function show(v: unknown): string {
  if (typeof v === 'string') return v;
  return JSON.stringify(v);
}

export function formatExchange(ex: Exchange): string {
  const lines = [`  > ${ex.method} ${ex.url}`];
  for (const [k, v] of Object.entries(ex.requestHeaders)) lines.push(`  > ${k}: ${v}`);
  if (ex.requestBody) lines.push(`  > (body) ${ex.requestBody.slice(0, 200)}`);
  lines.push(`  < ${ex.status}`);
  for (const [k, v] of ex.responseHeaders) {
    if (/^(set-cookie|location|content-type|cache-control)$/.test(k)) lines.push(`  < ${k}: ${v}`);
  }
  // Halaman error bawaan Express berisi stack di <pre>: tampilkan pesan dan lokasinya saja.
  const expressError = /<pre>([\s\S]*?)<\/pre>/.exec(ex.body);
  if (ex.status >= 500 && expressError) {
    const [message, at] = expressError[1]!
      .split(/<br>/)
      .map((l) => l.replace(/&nbsp;/g, ' ').replace(/&#39;/g, "'").replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&').trim());
    lines.push(`  < (body) ${message}`);
    const where = at?.replace(/^at\s+/, '').split(`${ROOT.replace(/\/$/, '')}/`).join('');
    if (where) lines.push(`  ! Kode latihan melempar error saat menangani request ini (${where}).`);
  } else if (ex.body) lines.push(`  < (body) ${ex.body.replace(/\s+/g, ' ').slice(0, 200)}`);
  return lines.join('\n');
}

export interface FailDetail {
  diharapkan?: unknown;
  diterima?: unknown;
  petunjuk?: string;
  res?: Res | { exchange: Exchange };
}

export function fail(message: string, detail: FailDetail = {}): never {
  const task = currentTask();
  const lines = [task ? `${task}: ${message}` : message];
  if ('diharapkan' in detail) lines.push(`  Diharapkan: ${show(detail.diharapkan)}`);
  if ('diterima' in detail) lines.push(`  Diterima:   ${show(detail.diterima)}`);
  if (detail.petunjuk) lines.push(`  Petunjuk:   ${detail.petunjuk}`);
  if (detail.res) lines.push('  Pertukaran HTTP yang gagal:', formatExchange(detail.res.exchange));
  throw new CheckFailure(lines.join('\n'));
}

export function check(condition: unknown, message: string, detail?: FailDetail): asserts condition {
  if (!condition) fail(message, detail);
}

export function checkStatus(res: Res, expected: number | number[], message?: string) {
  const list = Array.isArray(expected) ? expected : [expected];
  check(list.includes(res.status), message ?? `${res.exchange.method} ${res.exchange.url} harus menjawab status ${list.join(' atau ')}.`, {
    diharapkan: list.join(' atau '),
    diterima: res.status,
    res,
  });
}

/** Menjalankan fungsi milik pelajar; lemparan error jadi pesan gagal yang jelas. */
export async function attempt<T>(what: string, fn: () => T | Promise<T>): Promise<T> {
  // Pengawas CLI (src/cli/guard.ts) menyebut fungsi ini bila kode latihan macet di dalamnya.
  (globalThis as Record<symbol, ((what: string) => void) | undefined>)[Symbol.for('workbook.activity')]?.(what);
  try {
    return await fn();
  } catch (err) {
    if (err instanceof CheckFailure) throw err;
    fail(`${what} melempar error: ${(err as Error)?.message ?? String(err)}`);
  }
}

// ---------------------------------------------------------------------------
// Lingkungan sementara dan server sekali pakai.

/** Mengisi variabel lingkungan selama `fn` berjalan (undefined = hapus), lalu memulihkannya. */
export async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => T | Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const put = (k: string, v: string | undefined) => {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  };
  for (const [k, v] of Object.entries(vars)) put(k, v);
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) put(k, v);
  }
}

/** Menjalankan server khusus untuk satu tes dan selalu menutupnya sesudahnya. */
export async function withServer<T>(handler: http.RequestListener, fn: (server: RunningServer) => Promise<T>): Promise<T> {
  const running = await listen(handler);
  try {
    return await fn(running);
  } finally {
    await running.close();
  }
}

export { PREDICTABLE_BYTE, spyTimingSafeEqual, withPredictableRandom, type TimingSafeCall } from './crypto.ts';

// ---------------------------------------------------------------------------
// Server TCP mentah yang menjawab dalam banyak potongan (untuk klien HTTP buatan pelajar).

export interface RawServer extends RunningServer {
  /** Setiap request yang diterima, apa adanya (latin1), sampai baris kosong pertama. */
  requests: string[];
}

/**
 * Titik potong bawaan untuk `rawServer`: di tengah setiap karakter UTF-8 multi-byte, di tengah baris
 * status, dan di tengah `\r\n\r\n` pemisah header dan body.
 */
export function utf8Splits(bytes: Buffer): number[] {
  const cuts = new Set<number>([Math.min(7, bytes.length - 1)]);
  const blank = bytes.indexOf('\r\n\r\n');
  if (blank !== -1) cuts.add(blank + 2);
  for (let i = 0; i < bytes.length; i++) if (bytes[i]! >= 0xc0) cuts.add(i + 1); // byte pertama multi-byte
  return [...cuts].filter((c) => c > 0 && c < bytes.length).sort((a, b) => a - b);
}

/**
 * Server TCP (bukan node:http) yang menunggu satu request sampai baris kosong, lalu menulis `response`
 * byte demi byte persis seperti diberikan, dipotong di `splitAt` (bawaan `utf8Splits`) dengan jeda
 * `delayMs` di antara potongan, lalu menutup koneksi. Kode yang men-decode tiap potongan sendiri, atau
 * menganggap response datang dalam satu potongan, ketahuan. Ditutup otomatis setelah berkas tes.
 */
export async function rawServer(response: string | Buffer, options: { splitAt?: number[]; delayMs?: number } = {}): Promise<RawServer> {
  const net = await import('node:net');
  const bytes = typeof response === 'string' ? Buffer.from(response, 'utf8') : response;
  const cuts = [0, ...(options.splitAt ?? utf8Splits(bytes)), bytes.length];
  const requests: string[] = [];
  const sockets = new Set<import('node:net').Socket>();
  // allowHalfOpen seperti node:http: klien yang sudah menutup sisi kirimnya (socket.end(request))
  // tetap menerima seluruh response.
  const server = net.createServer({ allowHalfOpen: true }, (socket) => {
    sockets.add(socket);
    socket.setNoDelay(true);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
    let got = Buffer.alloc(0);
    socket.on('data', async (chunk) => {
      if (got.includes('\r\n\r\n')) return;
      got = Buffer.concat([got, chunk]);
      if (!got.includes('\r\n\r\n')) return;
      requests.push(got.toString('latin1'));
      for (let i = 0; i + 1 < cuts.length; i++) {
        if (socket.destroyed) return;
        socket.write(bytes.subarray(cuts[i], cuts[i + 1]));
        await new Promise((r) => setTimeout(r, options.delayMs ?? 15));
      }
      socket.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const running: RawServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  afterAll(() => running.close());
  return running;
}
