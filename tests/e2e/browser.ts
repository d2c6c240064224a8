/**
 * Debian's Chromium driven by playwright-core, with the flags this closed
 * network needs; playwright gives each launch a fresh, empty profile.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import type { Db } from '../../functions/lib/db';
import { startLocal, type LocalRuntime } from '../../functions/local/server';

const ARTIFACTS = join(process.cwd(), 'test-artifacts', 'screenshots');

async function launchBrowser(): Promise<Browser> {
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

/**
 * A full-page screenshot, and an accessibility check of the same page: axe-core's WCAG 2.1 A and AA rules,
 * every violation failing the test with the rule and the elements concerned. Then the same page on a phone
 * (`${name}-390.png`): checked again, and failing if anything makes it scroll sideways.
 */
export async function shot(page: Page, name: string) {
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), fullPage: true });
  await expectAccessible(page, name);
  expectNoCspViolation(page, name);
  await onPhone(page, async () => {
    await page.screenshot({ path: join(ARTIFACTS, `${name}-${PHONE_WIDTH}.png`), fullPage: true });
    await expectAccessible(page, `${name} (${PHONE_WIDTH} px)`);
  });
}

/** What the browser refused under the Content-Security-Policy, per page (watched by `watchCsp`). */
const cspViolations = new WeakMap<Page, string[]>();

/** Records every CSP violation the page's console reports: the strict policy must never block the app itself. */
function watchCsp(page: Page) {
  const seen: string[] = [];
  cspViolations.set(page, seen);
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) seen.push(m.text());
  });
}

export function expectNoCspViolation(page: Page, name: string) {
  const seen = cspViolations.get(page) ?? [];
  if (seen.length > 0) throw new Error(`${name}: Content-Security-Policy violations\n${seen.join('\n')}`);
}

/** A small phone's CSS width (iPhone 12 to 15). */
export const PHONE_WIDTH = 390;

/**
 * Runs `check` with the page laid out 390 px wide, after checking that nothing there makes the page scroll
 * sideways (wide content must scroll inside its own frame or stack), then gives the page its size back.
 */
async function onPhone(page: Page, check?: () => Promise<void>) {
  const before = page.viewportSize() ?? { width: 1280, height: 720 };
  await page.setViewportSize({ width: PHONE_WIDTH, height: 844 });
  try {
    await expectNoSidewaysScroll(page);
    await check?.();
  } finally {
    await page.setViewportSize(before);
  }
}

/** Fails with the elements that stick out when the document is wider than the window. */
async function expectNoSidewaysScroll(page: Page) {
  const found = await page.evaluate(() => {
    const root = document.documentElement;
    if (root.scrollWidth <= root.clientWidth) return null;
    const limit = root.clientWidth;
    const describe = (el: Element) => {
      const id = el.id ? `#${el.id}` : '';
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const text = (el.textContent ?? '').trim().slice(0, 40);
      return `${el.tagName.toLowerCase()}${id}${cls} (right edge ${Math.round(el.getBoundingClientRect().right)} px) "${text}"`;
    };
    // The innermost elements that stick out: their ancestors stick out because of them.
    const clipped = (el: Element) => {
      for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) if (getComputedStyle(a).overflowX !== 'visible') return true;
      return false;
    };
    const over = [...document.body.querySelectorAll('*')].filter((el) => el.getBoundingClientRect().right > limit + 1 && !clipped(el));
    const innermost = over.filter((el) => !over.some((o) => o !== el && el.contains(o)));
    return { scrollWidth: root.scrollWidth, clientWidth: limit, culprits: innermost.slice(0, 8).map(describe) };
  });
  if (found) {
    throw new Error(
      `${page.url()}: at ${PHONE_WIDTH} px the page is ${found.scrollWidth} px wide (window ${found.clientWidth} px); sticking out:\n${found.culprits.join('\n')}`,
    );
  }
}

let axeSource: string | null = null;

async function expectAccessible(page: Page, name: string) {
  axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (c: Document, o: object) => Promise<{ violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }> };
      }
    ).axe;
    const r = await axe.run(document, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] });
    return r.violations.map((v) => `${v.impact} ${v.id} (${v.help}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
  if (violations.length > 0) throw new Error(`${name}: accessibility violations\n${violations.join('\n')}`);
}

/** Answers the app's confirmation of an irreversible action with the action's own button, and waits for it to close. */
export async function confirmDialog(page: Page, action: string) {
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.getByRole('button', { name: action, exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
}

/** Signs in as a person would: the app's button, the provider's page (here the development issuer's), back with a code. */
export async function signInAs(page: Page, baseUrl: string, sub: string) {
  await page.goto(`${baseUrl}/connexion`);
  await page.getByTestId('signin').click();
  await page.locator(`button[data-account="${sub}"]`).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/connexion') && !url.pathname.startsWith('/dev/'));
  await page.getByRole('heading', { level: 1 }).first().waitFor();
}

/** The demo tenant's API prefix. */
export const T = '/api/t/cisss-laurentides-demo';

/** Text as a person reads it: the no-break spaces of French formats as plain spaces. */
export const nbsp = (s: string | null) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ');

export interface Product {
  /** The local runtime's address. */
  readonly url: string;
  readonly browser: Browser;
  /** The local runtime's table: for what no screen makes (a second institution). */
  readonly db: Db;
  /** A new browser context in French (Quebec), Montreal time, dialogs accepted, signed in as `sub` if given. */
  newPage(sub?: string): Promise<Page>;
  /** A call to the API as `sub`, with a token from the development issuer. */
  apiAs(sub: string, method: string, path: string, body?: unknown): Promise<any>;
  /**
   * Moves the server's clock (not the browser's) by `ms` from real time; 0 puts it back. A deadline
   * test then passes a deadline at once, however long a loaded machine takes to fill the form.
   */
  setServerClockOffset(ms: number): void;
  /** The server's clock (deadlines are the server's). */
  now(): Date;
  /** Moves the server's clock forward, e.g. past a call's closing time (tokens keep the real clock). */
  advanceClock(ms: number): void;
}

/**
 * The whole product for a test file: the local runtime (demo data, built web app) and Chromium. The run's one
 * DynamoDB Local (in memory, started by the global setup) gives each product a table of its own, so no file
 * sees another's data and none waits for a Java process to start.
 */
export function useProduct(): Product {
  let runtime: LocalRuntime | undefined;
  let browser: Browser | undefined;
  let offset = 0;
  const now = () => new Date(Date.now() + offset);
  beforeAll(async () => {
    runtime = await startLocal({ webDist: 'web/dist', now, dynamoEndpoint: inject('dynamoEndpoint'), tableName: `e2e-${randomUUID()}` });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await runtime?.close();
  });
  const product: Product = {
    get url() {
      return runtime!.url;
    },
    get browser() {
      return browser!;
    },
    get db() {
      return runtime!.db;
    },
    async newPage(sub) {
      const context = await browser!.newContext({ locale: 'fr-CA', timezoneId: 'America/Montreal', acceptDownloads: true });
      const page = await context.newPage();
      watchCsp(page);
      page.on('dialog', (d) => void d.accept());
      if (sub) await signInAs(page, runtime!.url, sub);
      return page;
    },
    setServerClockOffset(ms) {
      offset = ms;
    },
    async apiAs(sub, method, path, body) {
      const { idToken } = (await (
        await fetch(`${runtime!.url}/dev/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ sub }) })
      ).json()) as { idToken: string };
      const res = await fetch(`${runtime!.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${idToken}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return res.json();
    },
    now,
    advanceClock(ms) {
      offset += ms;
    },
  };
  return product;
}
