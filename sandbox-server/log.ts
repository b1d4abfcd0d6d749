// Log ringkas setiap pertukaran: request (method, path, Cookie) lalu response (status, Set-Cookie).
import type http from 'node:http';
import { c } from '../src/cli/ui.ts';

function time(): string {
  return new Date().toTimeString().slice(0, 8);
}

function statusColor(status: number): (s: string) => string {
  if (status >= 500) return c.red;
  if (status >= 400) return c.yellow;
  if (status >= 300) return c.cyan;
  return c.green;
}

/** Baris request: method, path, dan header Cookie (juga dipakai sandbox PHP, sandbox-server/php.ts). */
export function requestLines(method: string, url: string, cookie: string | undefined): string {
  const lines = [`${c.dim(time())} ${c.bold('→')} ${c.bold(method)} ${url}`];
  lines.push(`           Cookie: ${cookie ? c.magenta(cookie) : c.dim('(tidak ada)')}`);
  return lines.join('\n');
}

/** Baris response: status, setiap Set-Cookie, dan Location. */
export function responseLines(status: number, ms: number, setCookies: string[], location?: string): string {
  const lines = [`${c.dim(time())} ${c.bold('←')} ${statusColor(status)(String(status))} ${c.dim(`(${ms} ms)`)}`];
  for (const sc of setCookies) lines.push(`           Set-Cookie: ${c.yellow(sc)}`);
  if (location) lines.push(`           Location: ${location}`);
  return lines.join('\n');
}

export function formatRequest(req: http.IncomingMessage): string {
  return requestLines(req.method ?? '?', req.url ?? '', req.headers.cookie);
}

export function formatResponse(res: http.ServerResponse, ms: number): string {
  const raw = res.getHeader('set-cookie');
  const setCookies = raw === undefined ? [] : Array.isArray(raw) ? raw : [String(raw)];
  const location = res.getHeader('location');
  return responseLines(res.statusCode, ms, setCookies, location ? String(location) : undefined);
}

export function logExchange(req: http.IncomingMessage, res: http.ServerResponse) {
  const start = Date.now();
  console.log(formatRequest(req));
  res.once('finish', () => console.log(formatResponse(res, Date.now() - start)));
}
