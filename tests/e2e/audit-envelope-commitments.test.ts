/**
 * An envelope's commitments on screen (issue 10, item 5): the envelope page
 * shows what its calls commit and what remains, as the API keeps them; the
 * manager changes the envelope's figures in a form that says what the calls
 * commit, and a change below it is refused with the server's 409 message and
 * its figures, on the form; a change above it is saved and the remainder follows.
 */
import { describe, expect, it } from 'vitest';
import { nbsp, shot, T, useProduct } from './browser';

const product = useProduct();

describe('envelope commitments', () => {
  it('shows committed and remaining, refuses a shrink below the calls with the figures, saves a rise', async () => {
    const page = await product.newPage('demo-gestionnaire');
    // The demo's envelope: 32 000 $ available, all of it promised to the demo call.
    await page.goto(`${product.url}/enveloppes/env-psjp`);
    const commitment = page.getByTestId('envelope-commitment');
    await expect
      .poll(async () => nbsp(await commitment.textContent()))
      .toBe('Promis aux appels (et aux ententes d’autres exercices) : 32 000,00 $ · reste : 0,00 $');

    await page.getByRole('link', { name: 'Modifier l’enveloppe' }).click();
    await page.getByRole('heading', { name: 'Modifier l’enveloppe' }).waitFor();
    expect(nbsp(await page.getByLabel('Budget du programme').inputValue())).toBe('400 000,00');
    expect(await page.getByLabel('Part réservée aux organismes communautaires (%)').inputValue()).toBe('10');
    expect(nbsp(await page.getByTestId('envelope-committed').textContent())).toBe('Promis aux appels (et aux ententes d’autres exercices) : 32 000,00 $');

    // 5 %: 16 000 $, half of what the call promises.
    await page.getByLabel('Part réservée aux organismes communautaires (%)').fill('5');
    await expect.poll(async () => nbsp(await page.getByTestId('envelope-below-committed').textContent())).toContain('deviendrait 16 000,00 $');
    await page.getByRole('button', { name: 'Enregistrer les changements' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Action impossible dans l’état actuel.' });
    await alert.waitFor();
    const text = nbsp(await alert.textContent());
    expect(text).toContain(
      'Le montant disponible deviendrait 16 000,00 $, mais les appels de projets de cette enveloppe (et les ententes d’autres exercices qu’elle finance) en engagent déjà 32 000,00 $.',
    );
    expect(await alert.getAttribute('data-problem-type')).toBe('/problems/invalid-state');
    await shot(page, 'audit-envelope-shrink-refused');
    // Nothing was changed.
    const stored = await product.apiAs('demo-gestionnaire', 'GET', `${T}/envelopes/env-psjp`);
    expect(stored).toMatchObject({ communityShareBasisPoints: 1000, committed: 3_200_000, remaining: 0, version: 1 });

    // 12 %: 38 400 $; 6 400 $ remain once the call's 32 000 $ are counted.
    await page.getByLabel('Part réservée aux organismes communautaires (%)').fill('12');
    await expect.poll(() => page.getByTestId('envelope-below-committed').count()).toBe(0);
    await page.getByRole('button', { name: 'Enregistrer les changements' }).click();
    await page.waitForURL((u) => u.pathname === '/enveloppes/env-psjp');
    await expect
      .poll(async () => nbsp(await page.getByTestId('envelope-commitment').textContent()))
      .toBe('Promis aux appels (et aux ententes d’autres exercices) : 32 000,00 $ · reste : 6 400,00 $');
    await shot(page, 'audit-envelope-commitment');
  });

  it('fits a 390 px wide phone: the envelope form does not scroll sideways', async () => {
    const page = await product.newPage('demo-gestionnaire');
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`${product.url}/enveloppes/env-psjp/modifier`);
    await page.getByRole('heading', { name: 'Modifier l’enveloppe' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'audit-envelope-form-phone');
  });

  it('is not offered to a coordinator, who reads the envelope but cannot change it', async () => {
    const page = await product.newPage('demo-coordination');
    await page.goto(`${product.url}/enveloppes/env-psjp`);
    await page.getByTestId('envelope-commitment').waitFor();
    expect(await page.getByRole('link', { name: 'Modifier l’enveloppe' }).count()).toBe(0);
    const refused = await product.apiAs('demo-coordination', 'PUT', `${T}/envelopes/env-psjp`, {
      program: 'P',
      title: 'T',
      fiscalYear: 2026,
      programBudget: 100,
      deductions: [],
      communityShareBasisPoints: 1000,
      version: 2,
    });
    expect(refused.type).toBe('/problems/forbidden');
  });
});
