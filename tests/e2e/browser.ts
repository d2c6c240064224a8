/**
 * Debian's Chromium driven by playwright-core, with the flags this closed
 * network needs; playwright gives each launch a fresh, empty profile.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'screenshots');

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
}

/** Signs in as a person would: the app's button, the provider's page (here the development issuer's), back with a code. */
export async function signInAs(page: Page, baseUrl: string, sub: string) {
  await page.goto(`${baseUrl}/connexion`);
  await page.getByTestId('signin').click();
  await page.locator(`button[data-account="${sub}"]`).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion') && !url.pathname.startsWith('/dev/'));
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}
