// Klien HTTP harness (node:http) berperilaku seperti fetch() yang dipakainya dulu: app menerima
// header yang sama, dan header jawaban dibaca dengan aturan Headers.
import { describe, expect, test } from 'vitest';
import { ResponseHeaders, client, listen } from '#harness';

describe('klien harness', () => {
  test('request yang diterima app sama dengan request fetch() (nama header, nilai, tubuh)', async () => {
    const seen: { headers: Record<string, string>; body: string }[] = [];
    const server = await listen((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const headers: Record<string, string> = {};
        for (let i = 0; i < req.rawHeaders.length; i += 2) headers[req.rawHeaders[i]!.toLowerCase()] = req.rawHeaders[i + 1]!;
        seen.push({ headers, body });
        res.end('ok');
      });
    });
    try {
      const cases: [string, RequestInit & { form?: Record<string, string>; json?: unknown }][] = [
        ['GET', {}],
        ['POST', {}],
        ['POST', { body: 'halo' }],
        ['POST', { form: { username: 'budi', password: 'rahasia 1' } }],
        ['POST', { json: { a: 1 } }],
        ['DELETE', { headers: { cookie: 'sid=abc', origin: 'http://contoh.test' } }],
      ];
      for (const [method, opts] of cases) {
        await client(server, { unrelatedCookies: false }).request(method, '/x', {
          body: opts.body as string | undefined,
          form: opts.form,
          json: opts.json,
          headers: opts.headers as Record<string, string> | undefined,
        });
        const body = opts.form ? new URLSearchParams(opts.form).toString() : opts.json ? JSON.stringify(opts.json) : (opts.body as string | undefined);
        const headers = { ...(opts.headers as Record<string, string>) };
        if (opts.form) headers['content-type'] = 'application/x-www-form-urlencoded';
        if (opts.json) headers['content-type'] = 'application/json';
        await (await fetch(`${server.url}/x`, { method, body, headers, redirect: 'manual' })).text();
        const [ours, theirs] = seen.splice(0);
        expect(ours, `${method} ${JSON.stringify(opts)}`).toEqual(theirs);
      }
    } finally {
      await server.close();
    }
  });

  test('header jawaban dibaca seperti Headers milik fetch', () => {
    const raws = [
      ['Content-Type', 'text/html; charset=utf-8', 'Set-Cookie', 'a=1; Path=/', 'set-cookie', 'b=2', 'Location', '/x', 'location', '/y', 'X-Kosong', '', 'Vary', 'Cookie', 'vary', 'Accept'],
      ['Date', 'Tue, 01 Dec 2026 08:00:00 GMT', 'content-length', '3'],
      [],
    ];
    for (const raw of raws) {
      const theirs = new Headers();
      const ours = new ResponseHeaders();
      for (let i = 0; i < raw.length; i += 2) {
        theirs.append(raw[i]!, raw[i + 1]!);
        ours.append(raw[i]!, raw[i + 1]!);
      }
      expect([...ours.entries()]).toEqual([...theirs.entries()]);
      expect([...ours]).toEqual([...theirs]);
      expect(ours.getSetCookie()).toEqual(theirs.getSetCookie());
      for (const name of ['content-type', 'LOCATION', 'Set-Cookie', 'vary', 'x-kosong', 'tidak-ada']) {
        expect(ours.get(name)).toBe(theirs.get(name));
        expect(ours.has(name)).toBe(theirs.has(name));
      }
    }
  });

  test('jawaban terkompresi dibuka, jawaban yang terputus menjadi pesan "gagal tersambung"', async () => {
    const { gzipSync } = await import('node:zlib');
    const server = await listen((req, res) => {
      if (req.url === '/gzip') return res.writeHead(200, { 'content-encoding': 'gzip' }).end(gzipSync('halo dunia'));
      res.writeHead(200, { 'content-length': '100' }).write('setengah');
      setTimeout(() => res.socket?.destroy(), 10);
    });
    try {
      expect((await client(server).get('/gzip')).body).toBe('halo dunia');
      await expect(client(server).get('/putus')).rejects.toThrow(/GET \/putus gagal tersambung ke server/);
    } finally {
      await server.close();
    }
  });
});

