// Chromium asli dari Debian (/usr/bin/chromium) lewat playwright-core. Tidak pernah mengunduh browser.
// Tanpa Chromium tes browser dilewati dengan pesan jelas, kecuali di CI (CI=true): di sana wajib ada.
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const hasChromium = existsSync(CHROMIUM);

/** Tanpa lalu lintas latar belakang: jaringan mesin ini tertutup. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

if (!hasChromium) {
  const message = `Chromium tidak ditemukan di ${CHROMIUM}: tes browser dilewati. Pasang dengan \`apt-get install -y chromium\`.`;
  if (process.env.CI === 'true') throw new Error(`${message} (CI=true: tes browser wajib jalan)`);
  console.warn(message);
}

/** Pakai di `describe.skipIf(!hasChromium)`: buka di beforeAll, tutup (`browser.close()`) di afterAll. */
export async function launchChromium(): Promise<Browser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
  });
  return browser;
}
