// Pelajaran 06 di Chromium sungguhan: login lewat form, dashboard, logout, dan tombol Back.
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { listen, type RunningServer } from '#harness';
import { createApp } from '../../lessons/06-login-logout/solusi.ts';
import { hasChromium, launchChromium } from './chromium.ts';

describe.skipIf(!hasChromium)('Pelajaran 06 di Chromium: login dan logout lewat form', () => {
  let browser: Browser;
  let server: RunningServer;

  beforeAll(async () => {
    // Biaya scrypt murah khusus tes (seperti checker); production tetap memakai minimum OWASP.
    server = await listen(createApp({ secret: 'rahasia-tes-browser-06', scrypt: { N: 2 ** 12, r: 8, p: 1 } }));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  async function sid(context: BrowserContext) {
    return (await context.cookies(server.url)).find((c) => c.name === 'sid');
  }

  async function login(page: Page, username: string, password: string) {
    await page.fill('input[name="username"]', username);
    await page.fill('input[name="password"]', password);
    await Promise.all([page.waitForNavigation(), page.click('button[type="submit"]')]);
  }

  test('dashboard tanpa login mengarah ke form login; password salah ditolak', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/dashboard`);
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(await sid(context)).toBeUndefined(); // saveUninitialized: false

      await login(page, 'budi', 'bukan-passwordnya');
      expect(new URL(page.url()).pathname).toBe('/login');
      await expect(page.locator('[role="alert"]').textContent()).resolves.toContain('Username atau password salah');
      expect(await sid(context)).toBeUndefined();
    } finally {
      await context.close();
    }
  });

  test('login lewat form, dashboard, logout, lalu reload dan Back tidak menampilkan dashboard', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/login`);
      await login(page, 'budi', 'kopi-susu-2026');

      expect(new URL(page.url()).pathname).toBe('/dashboard');
      await expect(page.locator('#username').textContent()).resolves.toBe('budi');
      const cookie = await sid(context);
      expect(cookie).toBeDefined();
      expect(cookie!.httpOnly).toBe(true);
      expect(cookie!.sameSite).toBe('Lax');
      expect(cookie!.expires).toBe(-1); // session cookie: hilang saat browser ditutup
      // HttpOnly: JavaScript di halaman tidak bisa membaca session ID.
      expect(await page.evaluate(() => document.cookie)).not.toContain('sid=');

      // Login ulang di tab yang sama: session ID diganti (regenerate).
      await page.goto(`${server.url}/login`);
      await login(page, 'budi', 'kopi-susu-2026');
      const second = await sid(context);
      expect(second?.value).toBeDefined();
      expect(second!.value).not.toBe(cookie!.value);

      await Promise.all([page.waitForNavigation(), page.click('form[action="/logout"] button')]);
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(await sid(context)).toBeUndefined();

      // Tombol Back: dashboard memakai Cache-Control: no-store, jadi browser memintanya lagi.
      await page.goBack();
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(await page.locator('#username').count()).toBe(0);

      await page.goto(`${server.url}/dashboard`);
      await page.reload();
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(await page.content()).not.toContain('Halo,');
    } finally {
      await context.close();
    }
  });

  test('cookie lama yang ditanam kembali setelah logout tidak membuka dashboard', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${server.url}/login`);
      await login(page, 'budi', 'kopi-susu-2026');
      const old = await sid(context);
      expect(old).toBeDefined();

      await Promise.all([page.waitForNavigation(), page.click('form[action="/logout"] button')]);
      await context.addCookies([old!]);
      const res = await page.goto(`${server.url}/dashboard`);
      expect(new URL(page.url()).pathname).toBe('/login');
      expect(res?.request().redirectedFrom()?.url()).toBe(`${server.url}/dashboard`);
      expect(await page.locator('#username').count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
