// Benar dengan cara lain: header ditulis dengan writeHead, jenis media dan charset dalam huruf besar
// (RFC 9110: jenis media tidak peka huruf besar-kecil), body dikirim sebagai Buffer.
import express from 'express';

export function createApp() {
  const app = express();
  app.get('/', (_req, res) => {
    const body = Buffer.from('Halo, Cookie!', 'utf8');
    res.writeHead(200, { 'Content-Type': 'Text/Plain; Charset=UTF-8', 'Content-Length': body.length });
    res.end(body);
  });
  return app;
}
