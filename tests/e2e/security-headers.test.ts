/**
 * The web app's strict Content-Security-Policy, as a browser applies it: the
 * app works under it (no violation while signing in and opening pages), an
 * injected inline script does not run, and the API's answers are not cached.
 */
import { describe, expect, it } from 'vitest';
import { expectNoCspViolation, T, useProduct } from './browser';

const product = useProduct();

describe('security headers in the browser', () => {
  it('serves the app under a CSP that blocks inline scripts, and the app runs under it', async () => {
    const page = await product.newPage('demo-gestionnaire');
    const res = await page.goto(`${product.url}/enveloppes`);
    const headers = res!.headers();
    expect(headers['content-security-policy']).toContain("script-src 'self'");
    expect(headers['content-security-policy']).not.toContain('unsafe-inline');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('no-referrer');
    await page.getByRole('heading', { level: 1 }).first().waitFor();

    const ran = await page.evaluate(async () => {
      const w = window as unknown as { injected?: boolean };
      const s = document.createElement('script');
      s.textContent = 'window.injected = true';
      document.body.appendChild(s);
      await new Promise((ok) => setTimeout(ok, 100));
      return w.injected === true;
    });
    expect(ran).toBe(false);

    const api = await page.evaluate(async (path) => {
      const r = await fetch(path);
      return { status: r.status, cache: r.headers.get('cache-control'), csp: r.headers.get('content-security-policy') };
    }, `${T}/calls`);
    expect(api).toMatchObject({ status: 401, cache: 'no-store' });
    expect(api.csp).toContain("default-src 'none'");
    // The injected script was the only thing refused.
    await page.evaluate(() => undefined);
    expect(() => expectNoCspViolation(page, 'after injection')).toThrow(/Content-Security-Policy/);
    await page.context().close();
  });

  it('serves the API’s interactive reference locally, under its own strict policy and without any violation', async () => {
    const page = await product.newPage();
    const res = await page.goto(`${product.url}/api/docs`);
    expect(res!.headers()['content-security-policy']).toContain("script-src 'self'");
    expect(res!.headers()['content-security-policy']).not.toContain('unsafe');
    // Every operation of the document, in French first, from Swagger UI's files served by the local server.
    const doc = (await (await page.request.get(`${product.url}/api/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
    const expected = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item)
        .filter((m) => methods.includes(m))
        .map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(expected.length).toBeGreaterThan(70);
    await page.locator('.opblock').first().waitFor();
    await page.locator('.opblock').first().click();
    await page.getByText('Permission :', { exact: false }).first().waitFor();
    // Swagger UI (since 5.33) virtualizes the operations list once it holds 150 tags and operations: only those
    // near the viewport are in the page at a time, the others as the reader scrolls. So the whole page is scrolled
    // through (tags expanded, `docExpansion: 'list'` by default) and every operation it rendered is collected.
    const rendered = await page.evaluate(async () => {
      const seen = new Set<string>();
      const collect = () => {
        for (const op of document.querySelectorAll('.opblock')) {
          const method = op.querySelector('.opblock-summary-method')?.textContent?.trim();
          const path = op.querySelector('.opblock-summary-path')?.getAttribute('data-path');
          if (method && path) seen.add(`${method} ${path}`);
        }
      };
      window.scrollTo(0, 0);
      for (let step = 0; step < 1000; step++) {
        await new Promise((ok) => setTimeout(ok, 50));
        collect();
        const before = window.scrollY;
        window.scrollBy(0, window.innerHeight / 2);
        if (window.scrollY === before) break;
      }
      window.scrollTo(0, 0);
      return [...seen];
    });
    expect(rendered.sort()).toEqual([...expected].sort());
    expectNoCspViolation(page, 'API reference');
    await page.context().close();
  });

  it('signs in through the development issuer’s page and opens the main pages without any violation', async () => {
    const page = await product.newPage('demo-coordination');
    for (const path of ['/appels', '/besoins', '/enveloppes']) {
      await page.goto(`${product.url}${path}`, { waitUntil: 'networkidle' });
      await page.getByRole('main').waitFor();
    }
    expectNoCspViolation(page, 'main pages');
    await page.context().close();
  });
});
