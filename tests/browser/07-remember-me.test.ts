// Chromium sungguhan: "Ingat saya" bertahan setelah browser ditutup dan dibuka lagi.
// Yang "bertahan" dimodelkan seperti browser asli: context baru yang hanya membawa persistent cookie
// (expires > 0); session cookie (expires -1) hilang bersama context lama.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listen, type RunningServer } from '#harness';
import { createApp } from '../../lessons/07-remember-me/solusi.ts';
import { hasChromium, launchChromium } from './chromium.ts';

describe.skipIf(!hasChromium)('Chromium: remember me (pelajaran 07)', () => {
  let browser: Browser;
  let server: RunningServer;

  beforeAll(async () => {
    // Biaya scrypt murah khusus tes (seperti checker); production tetap memakai minimum OWASP.
    server = await listen(createApp({ secret: 'rahasia-tes-browser-07', dbPath: ':memory:', scrypt: { N: 2 ** 12, r: 8, p: 1 } }));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  test('login dengan "Ingat saya", tutup browser, buka lagi: /dashboard tetap terbuka', async () => {
    const first = await browser.newContext();
    const page = await first.newPage();
    await page.goto(`${server.url}/login`);
    await page.getByLabel('Username').fill('budi');
    await page.getByLabel('Password').fill('kopi-susu-2026');
    await page.getByLabel('Ingat saya').check();
    await Promise.all([page.waitForURL(`${server.url}/dashboard`), page.getByRole('button', { name: 'Masuk' }).click()]);
    await expect(page.locator('#username').textContent()).resolves.toBe('budi');

    const cookies = await first.cookies(server.url);
    const sid = cookies.find((c) => c.name === 'sid');
    const remember = cookies.find((c) => c.name === 'remember');
    expect(sid, 'cookie sid harus ada').toBeDefined();
    expect(sid!.expires, 'sid harus session cookie (expires -1)').toBe(-1);
    expect(remember, 'cookie remember harus ada').toBeDefined();
    expect(remember!.httpOnly).toBe(true);
    expect(remember!.sameSite).toBe('Lax');
    expect(remember!.secure, 'di http://127.0.0.1 cookie tidak boleh Secure, atau Chromium tidak mengirimnya').toBe(false);
    const days = (remember!.expires * 1000 - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThanOrEqual(30.01);
    // HttpOnly: JavaScript di halaman tidak melihatnya.
    await expect(page.evaluate(() => document.cookie)).resolves.not.toContain('remember');

    const persistent = cookies.filter((c) => c.expires > 0);
    await first.close();

    const second = await browser.newContext();
    await second.addCookies(persistent);
    const again = await second.newPage();
    const response = await again.goto(`${server.url}/dashboard`);
    expect(again.url(), 'tidak boleh dialihkan ke /login').toBe(`${server.url}/dashboard`);
    expect(response?.status()).toBe(200);
    await expect(again.locator('#username').textContent()).resolves.toBe('budi');

    const after = await second.cookies(server.url);
    const rotated = after.find((c) => c.name === 'remember');
    expect(rotated?.value, 'validator harus dirotasi').not.toBe(remember!.value);
    expect(rotated?.value.split(':')[0], 'selector tetap').toBe(remember!.value.split(':')[0]);
    expect(after.find((c) => c.name === 'sid')?.expires, 'sid baru tetap session cookie').toBe(-1);

    // Token lama (sebelum rotasi) dipakai lagi setelah jendela tenggang lewat tidak bisa diuji di sini tanpa
    // menunggu; checker pelajaran mengujinya dengan jam yang disuntikkan. Logout menutup semuanya:
    await Promise.all([again.waitForURL(`${server.url}/login`), again.getByRole('button', { name: 'Logout' }).click()]);
    expect((await second.cookies(server.url)).map((c) => c.name)).not.toContain('remember');
    await second.close();

    const third = await browser.newContext();
    await third.addCookies(after.filter((c) => c.expires > 0));
    const replay = await third.newPage();
    await replay.goto(`${server.url}/dashboard`);
    expect(replay.url(), 'token yang dicabut saat logout tidak boleh membuka /dashboard').toBe(`${server.url}/login`);
    await third.close();
  });

  test('nama pengguna yang berisi markup tampil sebagai teks, bukan sebagai tag', async () => {
    const username = '<img src=x onerror="document.title=\'xss\'">&amp;eka';
    const own = await listen(
      createApp({ users: [{ username, password: 'roti-bakar-2026' }], secret: 'rahasia-tes-browser-07', dbPath: ':memory:', scrypt: { N: 2 ** 12, r: 8, p: 1 } }),
    );
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${own.url}/login`);
      await page.getByLabel('Username').fill(username);
      await page.getByLabel('Password').fill('roti-bakar-2026');
      await Promise.all([page.waitForURL(`${own.url}/dashboard`), page.getByRole('button', { name: 'Masuk' }).click()]);
      await expect(page.locator('#username').textContent()).resolves.toBe(username);
      await expect(page.locator('#username img').count()).resolves.toBe(0);
      await expect(page.title()).resolves.toBe('Dashboard');
    } finally {
      await context.close();
      await own.close();
    }
  });
});
