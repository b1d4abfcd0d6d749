// Browser sungguhan: sandbox menjalankan solusi pelajaran 02, Chromium memilih tema lewat halaman,
// menyimpan cookie theme, dan mengirimnya kembali.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { collectOutput, spawnCli } from '../cli.ts';
import { hasChromium, launchChromium } from './chromium.ts';

describe.skipIf(!hasChromium)('pelajaran 02 di Chromium lewat sandbox', () => {
  let browser: Browser;
  const sandbox = spawnCli(['sandbox', '02', '--solusi', '--port', '0']);
  const out = collectOutput(sandbox);
  let url = '';

  beforeAll(async () => {
    [, url = ''] = await out.waitFor(/URL:\s+(http:\/\/127\.0\.0\.1:\d+\/)/);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    sandbox.kill('SIGTERM');
  });

  test('memilih tema gelap menyimpan cookie dan browser mengirimnya kembali', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(url);
    expect(await page.textContent('#theme')).toBe('light');

    await page.getByRole('link', { name: 'Pakai tema gelap' }).click();
    await page.waitForURL(url);
    expect(await page.textContent('#theme')).toBe('dark');

    const cookies = await context.cookies(url);
    const theme = cookies.find((c) => c.name === 'theme');
    expect(theme?.value).toBe('dark');
    expect(theme?.path).toBe('/');
    expect(theme?.expires).toBe(-1); // session cookie: tanpa Expires/Max-Age
    expect(await page.evaluate(() => document.cookie)).toContain('theme=dark'); // tanpa HttpOnly, JS bisa membacanya

    // Sandbox mencatat request berikutnya dengan header Cookie dari browser.
    await page.reload();
    await out.waitFor(/GET \/\s*\n\s*Cookie: theme=dark/);
    expect(await page.textContent('#theme')).toBe('dark');
    await context.close();
  });
});
