/**
 * The demo as it starts already shows the end of the cycle: the decided call
 * of two years ago (functions/local/demo-decided.ts) is in the public
 * results, without an account, at 1280 and 390 px (shot), and Répit-Parents
 * reads its outcome in “Mes projets”.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_TENANT } from '../../functions/local/demo';
import { nbsp, shot, useProduct } from './browser';

const product = useProduct();
const T = DEMO_TENANT.id;

describe('the demo’s decided call', () => {
  it('is in the public results, with its funded lines, the vote per line and the manager’s departure', async () => {
    const page = await product.newPage();
    await page.goto(`${product.url}/resultats/${T}`);
    await page.getByRole('heading', { level: 1, name: 'Résultats publiés' }).waitFor();
    await page.getByRole('link', { name: /^Appel à projets PSJP/ }).click();
    await page.getByRole('heading', { level: 1, name: /^Appel à projets PSJP/ }).waitFor();
    const text = nbsp(await page.locator('main').textContent());
    expect(text).toContain('30 000,00 $');
    expect(text).toContain('29 500,00 $');
    expect(text).toContain('Réduction proportionnelle');
    expect(text).toContain('Dont un supplément de 500,00 $');
    expect(text).toContain('Recommandé : 7 500,00 $ · Décidé : 7 000,00 $');
    expect(text).toContain('Pour : 2 · Contre : 1 · Abstention : 0');
    expect(text).toContain('1 membre récusé');
    for (const name of ['Sophie Lavoie', 'Nadia Roy', 'Julie Bergeron', 'Luc Tremblay', 'Martine Gagnon']) expect(text).not.toContain(name);
    await shot(page, 'demo-decided-public-results');
  });

  it('Répit-Parents reads its outcome in “Mes projets”', async () => {
    const page = await product.newPage('demo-organisme-repit');
    await page.goto(`${product.url}/mes-projets`);
    const outcome = page.getByRole('region', { name: 'Décisions sur mes projets' });
    await outcome.waitFor();
    expect(nbsp(await outcome.textContent())).toContain('Financé : 7 250,00 $ pour 1 an');
    expect(await outcome.textContent()).toContain('Gardiennage et ateliers de compétences parentales');
    // The transport supplement above the request is shown as such, with its reason.
    expect(nbsp(await outcome.textContent())).toContain('dont un supplément de 500,00 $');
    await shot(page, 'demo-decided-my-outcome');
  });
});
