// Benar dengan cara lain: Router Express dan header yang ditulis sendiri, tanpa res.type/res.send.
import express from 'express';

export function createApp() {
  const router = express.Router();
  router.get('/', (_req, res) => {
    res.setHeader('Content-Type', 'text/plain; charset=utf-8');
    res.end('Halo, Cookie!\n');
  });
  const app = express();
  app.use(router);
  return app;
}
