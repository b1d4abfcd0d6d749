import express from 'express';

export function createApp() {
  const app = express();

  app.get('/', (_req, res) => {
    res.type('text/plain').send('Halo, Cookie!');
  });

  return app;
}
