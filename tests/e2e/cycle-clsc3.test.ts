/**
 * Issue 13's cycle in the administration tendency (seed 002, CLSC 3), walked in Chromium on the demo's call
 * without a table (`call-haltes-administration`: three eligible proposals, 15 500 $ asked for 12 000 $,
 * nothing scored): the manager signs in, computes an equal split from the call's page (greedy and optimal
 * shown as needing scores), decides from it alone, and prints the decision (a letter-size PDF artifact);
 * Le Grenier solidaire reads its outcome on its home page and its proposal's page and opens its letter; the
 * public results page, signed out, shows the decision without a table's vote. The API is only read, for checks.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { confirmDialog, nbsp, shot, T, useProduct } from './browser';

const product = useProduct();
const { newPage, apiAs } = product;
const CALL = 'call-haltes-administration';
const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const GRENIER = 'Coin bébé au comptoir de dépannage';

describe('CLSC 3: the manager decides alone from an equal split', () => {
  it('equal split without scores → decision → printed decision → the organization’s outcome → public page', async () => {
    const manager = await newPage('demo-gestionnaire');
    await manager.goto(`${product.url}/appels/${CALL}`);
    // No table on this call: no recommendation to wait for.
    expect(await manager.getByRole('link', { name: 'Recommandation de la table' }).count()).toBe(0);
    await manager.getByRole('link', { name: 'Scénarios de répartition' }).click();
    const form = manager.getByTestId('scenario-form');
    await form.waitFor();
    expect(await form.getByRole('option', { name: /Optimale \(prouvée\) \(notes finales requises\)/ }).isDisabled()).toBe(true);
    await form.getByLabel('Nom du scénario').fill('Partage égal');
    await form.getByLabel('Méthode').selectOption({ label: 'Partage égal' });
    await form.getByRole('button', { name: 'Calculer' }).click();
    await manager.getByTestId('scenario').getByRole('heading', { name: 'Partage égal' }).waitFor();
    expect(await manager.getByTestId('unscored').textContent()).toBe('calculé sans notes');
    expect(nbsp(await manager.getByTestId('scenario-total').textContent())).toContain('12 000,00 $ sur 12 000,00 $');
    await shot(manager, 'clsc3-01-equal-split');

    // The decision, from that scenario (the only one: chosen already), each line at 4 000 $.
    await manager.goto(`${product.url}/appels/${CALL}`);
    await manager.getByRole('link', { name: 'Décision de l’établissement' }).click();
    await manager.getByRole('heading', { name: 'Décision de l’établissement', level: 1 }).waitFor();
    expect(await manager.getByText('Administration : l’appel n’a pas de table').count()).toBe(1);
    expect(await manager.getByLabel('Scénario « Partage égal »').isChecked()).toBe(true);
    const lines = manager.locator('[data-testid^="line-"]');
    expect(await lines.count()).toBe(3);
    for (const text of await lines.allTextContents()) expect(nbsp(text)).toContain('4 000,00 $');
    expect(nbsp(await manager.getByTestId('decision-left').textContent())).toContain('Reste0,00 $');
    await shot(manager, 'clsc3-02-decision-form');
    await manager.getByRole('button', { name: 'Consigner la décision' }).click();
    await confirmDialog(manager, 'Consigner la décision');
    const decided = manager.locator('[data-testid^="decided-"]');
    await decided.first().waitFor();
    expect(await decided.count()).toBe(3);
    for (const text of await decided.allTextContents()) expect(nbsp(text)).toContain('4 000,00 $');
    expect(await manager.getByText('À partir du scénario « Partage égal »').count()).toBe(1);
    await shot(manager, 'clsc3-03-decision-recorded');

    // The printed decision, saved by Chromium as a letter-size PDF.
    await manager.getByRole('link', { name: 'Version imprimable' }).click();
    await manager.locator('.document-header').waitFor();
    expect(await manager.locator('.document-header').textContent()).toContain('CISSS des Laurentides');
    await manager.emulateMedia({ media: 'print' });
    expect(await manager.getByRole('navigation', { name: 'Navigation principale' }).isVisible()).toBe(false);
    expect(await manager.getByRole('button', { name: 'Imprimer' }).isVisible()).toBe(false);
    const pdf = await manager.pdf({ format: 'Letter', printBackground: true });
    await manager.emulateMedia({ media: 'screen' });
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'decision-clsc3.pdf'), pdf);
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF')).toBe(true);
    expect(raw).toMatch(/\/MediaBox \[0 0 612 792\]/);
    expect((raw.match(/\/Type\s*\/Page[^s]/g) ?? []).length).toBeGreaterThanOrEqual(1);

    // Le Grenier solidaire: its outcome on its home page, its proposal's page, its letter.
    const org = await newPage('demo-organisme-grenier');
    const outcomes = org.getByRole('region', { name: 'Décisions sur mes projets' });
    await outcomes.waitFor();
    const mine = outcomes.locator('li').filter({ hasText: GRENIER });
    expect(nbsp(await mine.textContent())).toContain('Financé : 4 000,00 $ pour 1 an');
    // Its own outcome only: the other organizations' projects on this call are not there.
    const seen = await outcomes.textContent();
    for (const other of ['Halte-garderie du samedi matin', 'Répit-gardiennage à domicile']) expect(seen).not.toContain(other);
    await shot(org, 'clsc3-04-organization-home');
    await mine.getByRole('link', { name: GRENIER }).click();
    const onPage = org.getByRole('region', { name: 'Décision', exact: true });
    await onPage.waitFor();
    expect(nbsp(await onPage.textContent())).toContain('4 000,00 $');
    await onPage.getByRole('link', { name: 'Lire la lettre de décision' }).click();
    await org.getByRole('heading', { name: 'Lettre de décision' }).waitFor();
    expect(nbsp(await org.getByTestId('letter-outcome').textContent())).toContain('reçoit 4 000,00 $ sur 1 an');
    await shot(org, 'clsc3-05-letter');
    const own = (await apiAs('demo-organisme-grenier', 'GET', `${T}/my/outcomes`)).items as { title: string }[];
    expect(own.map((o) => o.title)).toEqual([GRENIER]);

    // The public page, signed out, from the manager's link on the call's page.
    await manager.goto(`${product.url}/appels/${CALL}`);
    const href = await manager.getByRole('link', { name: 'Voir la page publique des résultats' }).getAttribute('href');
    const visitor = await newPage();
    await visitor.goto(`${product.url}${href}`);
    await visitor.getByRole('heading', { level: 2, name: 'Projets financés' }).waitFor();
    const text = nbsp(await visitor.locator('main').textContent());
    for (const name of ['Le Grenier solidaire', 'Maison de la famille des Basses-Laurentides', 'Répit-Parents des Laurentides', GRENIER])
      expect(text).toContain(name);
    expect(text).toContain('Partage égal');
    expect(text).toContain('12 000,00 $');
    await visitor.getByRole('heading', { level: 2, name: 'Décision de la gestionnaire sans vote de table' }).waitFor();
    expect(text).not.toContain('Martine Gagnon');
    await shot(visitor, 'clsc3-06-public-results');
  }, 300_000);
});
