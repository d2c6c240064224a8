/**
 * Issue 10, items 14 to 17, in a real Chromium on the demo: a phone-sized header and tables, forms whose
 * error summary leads to each field, draft calls edited and irreversible actions confirmed, no dead ends,
 * and French (and English) as people write it. The README's screenshots are taken here, on the fresh demo.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { instantToMontrealLocal } from '../../shared/dates';
import { confirmDialog, nbsp, PHONE_WIDTH, shot, T, useProduct } from './browser';

const product = useProduct();
const { newPage, apiAs } = product;

const pageWidth = (page: Page) => page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
const focusedId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '');

describe('screens on a phone (item 14)', () => {
  it('folds the header into a menu button and keeps the call page within the screen, its tables scrolling in their own frame', async () => {
    const page = await newPage('demo-gestionnaire');
    await page.setViewportSize({ width: PHONE_WIDTH, height: 844 });
    await page.goto(`${product.url}/appels/call-psjp`);
    await page.getByRole('heading', { name: 'Projets déposés' }).waitFor();
    await page.getByRole('cell', { name: 'Le Grenier solidaire' }).waitFor();

    const menu = page.getByRole('button', { name: 'Menu' });
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByRole('link', { name: 'Enveloppes', exact: true }).isVisible()).toBe(false);
    const header = await page.locator('header.top').boundingBox();
    expect(header!.height).toBeLessThan(80);

    const width = await pageWidth(page);
    expect(width.scroll).toBeLessThanOrEqual(width.client);
    const frame = page.getByRole('region', { name: 'Projets déposés' });
    expect(await frame.getAttribute('tabindex')).toBe('0');
    expect(await frame.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true);
    await frame.focus();
    for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(() => frame.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);
    await shot(page, '50-phone-call');

    await menu.click();
    expect(await menu.getAttribute('aria-expanded')).toBe('true');
    await shot(page, '51-phone-menu-open');
    // Escape closes the menu and gives focus back to its button.
    await page.getByRole('link', { name: 'Enveloppes', exact: true }).focus();
    await page.keyboard.press('Escape');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Menu');
    await menu.click();
    await page.getByRole('link', { name: 'Enveloppes', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/enveloppes');
    expect(await menu.getAttribute('aria-expanded')).toBe('false');

    // On a wide screen the links are there and the button is not.
    await page.setViewportSize({ width: 1280, height: 800 });
    expect(await menu.isVisible()).toBe(false);
    expect(await page.getByRole('link', { name: 'Appels de projets', exact: true }).isVisible()).toBe(true);
    // A table that fits is no tab stop (the frame is measured again once the screen widened).
    await expect.poll(() => page.locator('.table-frame').first().getAttribute('tabindex')).toBeNull();
  });
});

describe('forms (item 15)', () => {
  it('leads from each problem of the summary to its field, clears an error once the field is edited, and gives amounts back formatted', async () => {
    const envelope = await apiAs('demo-gestionnaire', 'POST', `${T}/envelopes`, {
      program: 'PSJP',
      title: 'Enveloppe des formulaires',
      fiscalYear: 2026,
      programBudget: 10_000_000,
      deductions: [],
      communityShareBasisPoints: 2000,
    });
    const page = await newPage('demo-gestionnaire');
    await page.goto(`${product.url}/appels/nouveau?enveloppe=${envelope.id}`);
    await page.getByLabel('Montant disponible').fill('abc');
    await page.getByRole('button', { name: 'Créer l’appel' }).click();
    const summary = page.getByRole('alert').filter({ has: page.getByTestId('error-summary') });
    await summary.waitFor();
    // Focus moves to the summary, which names every problem as a link to its field.
    expect(await page.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
    const amountLink = summary.getByRole('link', { name: 'Montant disponible : Montant invalide : tapez par exemple 12 345,67.' });
    await amountLink.click();
    expect(await focusedId(page)).toBe(await page.getByLabel('Montant disponible').getAttribute('id'));
    await shot(page, '52-error-summary');

    // Past the browser's own checks, the shared schema's problems link to their fields too.
    await page.getByLabel('Montant disponible').fill('11000');
    await page.getByLabel('Demande maximale').fill('15000');
    await page.getByLabel('Ouverture').fill('2026-11-01T09:00');
    await page.getByLabel('Fermeture').fill('2026-10-01T17:00');
    await page.getByRole('button', { name: 'Créer l’appel' }).click();
    const links = summary.getByRole('link');
    await expect
      .poll(() => links.allTextContents())
      .toEqual([
        'Titre de l’appel : Ce champ est obligatoire.',
        'Demande maximale : La demande maximale ne peut pas dépasser le montant disponible de l’appel.',
        'Fermeture : La date de fermeture doit être postérieure à la date d’ouverture.',
        'Critère 1 : Ce champ est obligatoire.',
      ]);
    await links.nth(2).click();
    expect(await focusedId(page)).toBe(await page.getByLabel('Fermeture').getAttribute('id'));
    await links.nth(0).click();
    expect(await focusedId(page)).toBe(await page.getByLabel('Titre de l’appel').getAttribute('id'));

    // Correcting a field takes its error away, beside the field and in the summary.
    await page.getByLabel('Titre de l’appel').fill('Appel à modifier');
    await expect.poll(() => page.locator('.field-invalid').count()).toBe(3);
    expect(await page.getByLabel('Titre de l’appel').getAttribute('aria-invalid')).toBe('false');
    await expect.poll(() => links.count()).toBe(3);

    // Amounts read back the way they are written on screen.
    expect(nbsp(await page.getByLabel('Montant disponible').inputValue())).toBe('11 000,00');
    await page.getByLabel('Demande maximale').fill('5000');
    await page.getByLabel('Fermeture').fill(`${instantToMontrealLocal(new Date(Date.now() + 30 * 86_400_000)).slice(0, 10)}T17:00`);
    await page.getByLabel('Critère 1').fill('Rejoint les jeunes parents');
    await page.getByRole('button', { name: 'Créer l’appel' }).click();
    await page.getByRole('heading', { name: 'Appel à modifier' }).waitFor();
    expect(page.url()).toMatch(/\/appels\/[^/]+$/);
  });

  it('edits a draft call before publishing it, asks before publishing, and no longer offers the edit once published', async () => {
    const page = await newPage('demo-gestionnaire');
    const calls = await apiAs('demo-gestionnaire', 'GET', `${T}/calls`);
    const draft = calls.items.find((c: { title: string }) => c.title === 'Appel à modifier');
    await page.goto(`${product.url}/appels/${draft.id}`);
    await page.getByRole('link', { name: 'Modifier le brouillon' }).click();
    await page.getByRole('heading', { name: 'Modifier le brouillon' }).waitFor();
    expect(await page.getByLabel('Titre de l’appel').inputValue()).toBe('Appel à modifier');
    expect(nbsp(await page.getByLabel('Montant disponible').inputValue())).toBe('11 000,00');
    expect(nbsp(await page.getByLabel('Demande maximale').inputValue())).toBe('5 000,00');
    expect(await page.getByLabel('Critère 1').inputValue()).toBe('Rejoint les jeunes parents');
    await page.getByLabel('Titre de l’appel').fill('Appel modifié avant publication');
    await page.getByLabel('Demande maximale').fill('6000');
    await page.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await page.getByRole('heading', { name: 'Appel modifié avant publication' }).waitFor();
    expect(nbsp(await page.locator('dl.facts').textContent())).toContain('6 000,00 $');
    const saved = await apiAs('demo-gestionnaire', 'GET', `${T}/calls/${draft.id}`);
    expect(saved).toMatchObject({ title: 'Appel modifié avant publication', maxRequest: 600_000, status: 'draft', version: draft.version + 1 });
    expect(saved.eligibilityCriteria[0].id).toBe(draft.eligibilityCriteria[0].id);

    // Publishing asks first; "Annuler" leaves the call a draft and focus on the button.
    const publish = page.getByRole('button', { name: 'Publier l’appel' });
    await publish.click();
    const dialog = page.getByRole('dialog', { name: 'Publier l’appel?' });
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain('Un appel publié ne se modifie plus');
    await shot(page, '53-confirm-publish');
    await dialog.getByRole('button', { name: 'Annuler' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Publier l’appel');
    expect((await apiAs('demo-gestionnaire', 'GET', `${T}/calls/${draft.id}`)).status).toBe('draft');
    // Escape refuses too.
    await publish.click();
    await dialog.waitFor();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    expect((await apiAs('demo-gestionnaire', 'GET', `${T}/calls/${draft.id}`)).status).toBe('draft');
    await publish.click();
    await confirmDialog(page, 'Publier l’appel');
    await page.getByRole('status').filter({ hasText: 'L’appel est publié' }).waitFor();
    expect(await page.getByRole('link', { name: 'Modifier le brouillon' }).count()).toBe(0);
    await page.goto(`${product.url}/appels/${draft.id}/modifier`);
    await page.getByText('Cet appel est publié : il ne se modifie plus.').waitFor();
    expect(await page.getByLabel('Titre de l’appel').count()).toBe(0);
  });
});

describe('no dead ends (item 16)', () => {
  it('offers the way back from an unknown address and from a thing not found', async () => {
    const page = await newPage('demo-organisme-grenier');
    await page.goto(`${product.url}/nulle-part`);
    await page.getByRole('heading', { name: 'Page introuvable' }).waitFor();
    const back = page.getByRole('navigation', { name: 'Pour continuer' });
    expect(await back.getByRole('link').allTextContents()).toEqual(['Retour à l’accueil']);
    await shot(page, '54-page-not-found');
    await back.getByRole('link', { name: 'Retour à l’accueil' }).click();
    await page.waitForURL((u) => u.pathname === '/');

    await page.goto(`${product.url}/appels/call-psjp/projets/projet-disparu`);
    await page.getByRole('alert').getByText('Ressource introuvable.').waitFor();
    expect(await back.getByRole('link').allTextContents()).toEqual([
      'Retour à l’appel de projets',
      'Voir mes projets',
      'Voir les appels de projets',
      'Retour à l’accueil',
    ]);
    await shot(page, '55-resource-not-found');
    await back.getByRole('link', { name: 'Voir mes projets' }).click();
    // A page of its own is titled by its h1 (on the home page the same list is a section, h2).
    await page.getByRole('heading', { level: 1, name: 'Mes projets' }).waitFor();

    await page.goto(`${product.url}/appels/appel-disparu`);
    await page.getByRole('alert').getByText('Ressource introuvable.').waitFor();
    await back.getByRole('link', { name: 'Voir les appels de projets' }).click();
    await page.waitForURL((u) => u.pathname === '/appels');
    await page.getByRole('heading', { level: 1, name: 'Appels de projets' }).waitFor();

    // A page the API refuses to this person (an organization on the envelopes) leaves a way out too.
    await page.goto(`${product.url}/enveloppes`);
    await page.getByRole('alert').waitFor();
    expect(await back.getByRole('link').allTextContents()).toEqual(['Retour à l’accueil']);
    await back.getByRole('link', { name: 'Retour à l’accueil' }).click();
    await page.waitForURL((u) => u.pathname === '/');
  });
});

describe('French as it is written (item 17)', () => {
  it('names the administrative regions officially, with their accents, and keeps the stored code', async () => {
    const page = await newPage('demo-organisme-grenier');
    await page.getByRole('link', { name: 'Mon organisme' }).click();
    const region = page.getByLabel('Région administrative');
    await region.waitFor();
    const options = await region.locator('option').allTextContents();
    expect(options).toHaveLength(17);
    expect(options).toEqual(
      expect.arrayContaining(['01 — Bas-Saint-Laurent', '06 — Montréal', '08 — Abitibi-Témiscamingue', '09 — Côte-Nord', '11 — Gaspésie–Îles-de-la-Madeleine']),
    );
    expect(await region.locator('option:checked').textContent()).toBe('15 — Laurentides');
    await region.selectOption({ label: '06 — Montréal' });
    await page.getByRole('button', { name: 'Enregistrer' }).click();
    await page.getByRole('status').filter({ hasText: 'Profil enregistré.' }).waitFor();
    expect((await apiAs('demo-organisme-grenier', 'GET', `${T}/my/organization`)).region).toBe('06-montreal');
    await shot(page, '56-regions');
  });

  it('counts with the language’s plural rule, answers "Acceptée", and ends English times with one period', async () => {
    const coord = await newPage('demo-coordination');
    await coord.goto(`${product.url}/besoins/study-psjp/tours/round-psjp-1`);
    const result = coord.getByTestId('result');
    await result.waitFor();
    expect(await result.textContent()).toContain('3 bulletins sur 5 membres de la table');
    expect(await coord.locator('main').textContent()).not.toMatch(/\(s\)/);

    await coord.goto(`${product.url}/appels/call-psjp-precedent/repartition`);
    const form = coord.getByTestId('scenario-form');
    await form.getByLabel('Nom du scénario').fill('Glouton');
    await form.getByLabel('Méthode').selectOption({ label: 'Par note, demandes entières (glouton)' });
    await form.getByRole('button', { name: 'Calculer' }).click();
    await coord.getByTestId('scenario').getByRole('heading', { name: 'Glouton' }).waitFor();
    const revision = coord.getByTestId('revision');
    await revision.getByLabel('Scénario envoyé').selectOption({ label: 'Glouton' });
    const deadline = instantToMontrealLocal(new Date(Date.now() + 7 * 86_400_000)).slice(0, 10);
    await revision.getByLabel('Échéance (heure de Montréal)').fill(`${deadline}T17:00`);
    await revision.getByRole('button', { name: 'Lancer la ronde de révision' }).click();
    await revision.getByTestId('revision-answers').waitFor();

    const member = await newPage('demo-membre-cje');
    await member.goto(`${product.url}/appels/call-psjp-precedent`);
    const request = member.getByTestId('revision-request');
    await request.getByRole('button', { name: 'Accepter ce montant' }).click();
    await request.getByText('Réponse enregistrée : Acceptée.').waitFor();
    await coord.reload();
    const answered = coord.getByTestId('revision-answers').getByRole('row').filter({ hasText: 'Deux groupes intensifs' });
    await answered.waitFor();
    await expect.poll(async () => (await answered.getByRole('cell').allTextContents()).at(-1)).toBe('Acceptée');

    await coord.getByRole('button', { name: 'English' }).click();
    const open = coord.getByTestId('revision').getByText(/^Round under way/);
    await open.waitFor();
    expect(await open.textContent()).toBe(`Round under way (scenario “Glouton”) until ${deadline} 5:00 p.m.`);
  });

  it('takes the README’s screenshots on the demo as it starts', async () => {
    const manager = await newPage('demo-gestionnaire');
    await manager.goto(`${product.url}/appels/call-psjp`);
    const box = manager.getByTestId('submissions-summary');
    await box.waitFor();
    await manager.getByRole('cell', { name: 'Le Grenier solidaire' }).waitFor();
    expect(nbsp(await box.textContent())).toContain('Total demandé : 43 500,00 $');
    await shot(manager, 'readme-submissions');
    const coord = await newPage('demo-coordination');
    await coord.goto(`${product.url}/besoins/study-psjp/tours/round-psjp-1`);
    await coord.getByTestId('result').waitFor();
    await shot(coord, 'readme-round-result');
  });
});
