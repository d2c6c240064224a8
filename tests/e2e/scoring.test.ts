/**
 * The table's evaluation in a real Chromium: the coordinator builds the
 * grid and finds scoring unavailable while the call takes submissions, told
 * why, then opens it once the call has closed; a member who represents an
 * applicant finds that proposal locked; a member reads the proposal beside
 * the grid and its submitted versions; two members score another proposal
 * far apart; the coordinator sees the ranking with the disagreement flag
 * and downloads the CSV, which opens in Excel in French.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { formatDateTime, instantToMontrealLocal } from '../../shared/dates';
import { confirmDialog, nbsp, shot, T, useProduct } from './browser';

const product = useProduct();
const { newPage, apiAs } = product;

async function score(page: Page, proposal: string, values: [number, number]) {
  await page.goto(`${product.url}/appels/call-psjp/evaluation`);
  await page.getByRole('link', { name: proposal }).click();
  const criteria = page.locator('fieldset.criterion');
  // A level's name is its value, then its descriptor when there is one.
  await criteria
    .nth(0)
    .getByRole('radio', { name: new RegExp(`^${values[0]}(\\s|$)`) })
    .check();
  await criteria
    .nth(1)
    .getByRole('radio', { name: new RegExp(`^${values[1]}(\\s|$)`) })
    .check();
  await page.getByRole('button', { name: 'Soumettre ma fiche' }).click();
  await page.getByText('Fiche soumise.').waitFor();
}

describe('scoring by the table, end to end', () => {
  it('builds a grid, recuses the applicant’s representative, flags a disagreement and exports the CSV', async () => {
    // The demo's four proposals are screened eligible first (screening is covered elsewhere).
    const call = await apiAs('demo-coordination', 'GET', `${T}/calls/call-psjp`);
    const rows = await apiAs('demo-coordination', 'GET', `${T}/calls/call-psjp/proposals`);
    for (const p of rows.items) {
      await apiAs('demo-coordination', 'PUT', `${T}/calls/call-psjp/proposals/${p.id}/screening`, {
        version: p.version,
        results: call.eligibilityCriteria.map((c: { id: string }) => ({ criterionId: c.id, met: true, reason: '' })),
      });
    }

    const coord = await newPage('demo-coordination');
    await coord.goto(`${product.url}/appels/call-psjp`);
    await coord.getByRole('link', { name: 'Évaluation par la table' }).click();
    const editor = coord.getByTestId('grid-editor');
    await editor.getByLabel('Intitulé').fill('Pertinence pour les jeunes parents');
    await editor.getByLabel('Pondération (%)').fill('60');
    await editor.getByLabel('Descripteurs des niveaux').fill('0 = Aucun lien\n5 = Répond pleinement');
    await editor.getByRole('button', { name: 'Ajouter un critère' }).click();
    await editor.getByLabel('Intitulé').nth(1).fill('Faisabilité');
    await editor.getByLabel('Pondération (%)').nth(1).fill('30');
    await editor.getByLabel('Échelle (0 à …)').nth(1).fill('10');
    await editor.getByRole('button', { name: 'Enregistrer la grille' }).click();
    // 60 + 30 is not 100: refused before anything is sent, with the total shown.
    expect(await editor.getByTestId('weights-total').textContent()).toBe('Total des pondérations : 90 %');
    await editor.getByText('Les pondérations totalisent 90 % au lieu de 100 %.').first().waitFor();
    await editor.getByLabel('Pondération (%)').nth(1).fill('40');
    await editor.getByRole('button', { name: 'Enregistrer la grille' }).click();
    await editor.getByText('Grille enregistrée.').waitFor();
    // The call still takes submissions: scoring cannot open yet, and the page says until when.
    const openButton = coord.getByRole('button', { name: 'Verrouiller la grille et ouvrir l’évaluation' });
    expect(await openButton.isDisabled()).toBe(true);
    const why = coord.getByTestId('open-unavailable');
    expect(await openButton.getAttribute('aria-describedby')).toBe('open-unavailable');
    expect(await why.textContent()).toBe(
      `L’évaluation pourra s’ouvrir après la fermeture de l’appel, le ${formatDateTime(call.closesAt, 'fr')} (heure de Montréal) : d’ici là, les organismes peuvent encore déposer ou modifier leurs projets.`,
    );
    await shot(coord, '30-grid-editor');

    // The call closes (the server's clock moves past its deadline): scoring can open.
    product.advanceClock(Date.parse(call.closesAt) - product.now().getTime() + 3_600_000);
    await coord.reload();
    await coord.getByTestId('grid-controls').waitFor();
    expect(await coord.getByTestId('open-unavailable').count()).toBe(0);
    const closes = instantToMontrealLocal(new Date(product.now().getTime() + 10 * 86_400_000)).slice(0, 10);
    await coord.getByLabel('Fin de l’évaluation (heure de Montréal)').fill(`${closes}T17:00`);
    await openButton.click();
    await confirmDialog(coord, 'Verrouiller la grille et ouvrir l’évaluation');
    await coord.getByText(/Grille verrouillée \(version 1\)/).waitFor();

    // Sophie represents the Maison de la famille: its proposal is locked for her.
    const sophie = await newPage('demo-membre-famille');
    await sophie.goto(`${product.url}/appels/call-psjp/evaluation`);
    const ownRow = sophie.getByTestId('my-proposals-to-score').getByRole('row').filter({ hasText: 'Maison de la famille' });
    expect(await ownRow.textContent()).toContain('Récusé·e');
    await ownRow.getByRole('link').click();
    await sophie.getByTestId('recused').waitFor();
    expect(await sophie.getByTestId('recused').textContent()).toContain('Représente Maison de la famille des Basses-Laurentides');
    expect(await sophie.locator('fieldset.criterion').count()).toBe(0);
    await shot(sophie, '31-recused');

    // Before scoring it, Sophie reads the Grenier's proposal beside the grid: its summary, activities, budget and needs.
    await sophie.goto(`${product.url}/appels/call-psjp/evaluation`);
    await sophie.getByRole('link', { name: 'Démarchage pour le dépannage des jeunes familles' }).click();
    const read = sophie.getByTestId('sheet-proposal-content');
    await read.waitFor();
    const text = nbsp(await read.textContent());
    expect(text).toContain('Projet évalué : version 1');
    expect(text).toContain('Démarcher les entreprises et les commerces pour obtenir meubles, vêtements, couches et lait');
    expect(text).toContain('Une agente de démarchage à temps partiel.');
    expect(nbsp(await read.getByRole('row').filter({ hasText: 'Agente de démarchage' }).textContent())).toContain('6 900,00 $');
    expect(nbsp(await read.getByRole('row').filter({ hasText: 'Transport et entreposage' }).textContent())).toContain('1 300,00 $');
    expect(nbsp(await read.getByRole('row').filter({ hasText: 'Montant minimal viable' }).textContent())).toContain('5 000,00 $');
    expect(await read.getByTestId('answered-needs').textContent()).toBe('Répondre aux besoins de base : alimentation, meubles, vêtements, couches');
    // Beside the grid on a laptop screen: the proposal on the left, the first criterion on the right, side by side.
    const left = (await read.boundingBox())!;
    const right = (await sophie.locator('fieldset.criterion').first().boundingBox())!;
    expect(right.x).toBeGreaterThan(left.x + left.width - 1);
    await shot(sophie, '32-score-sheet-with-proposal');
    // Above the grid on a phone, without sideways scrolling.
    await sophie.setViewportSize({ width: 390, height: 844 });
    expect(await sophie.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    expect((await sophie.locator('fieldset.criterion').first().boundingBox())!.y).toBeGreaterThan((await read.boundingBox())!.y);
    await sophie.setViewportSize({ width: 1280, height: 720 });
    // "Voir les versions déposées" opens the proposal as submitted, not a dead end.
    await sophie.getByRole('link', { name: 'Voir les versions déposées' }).click();
    await sophie.getByRole('heading', { level: 1, name: /Démarchage pour le dépannage des jeunes familles/ }).waitFor();
    // The versions come in a second request after the heading: wait for them before counting.
    await sophie.getByRole('button', { name: /^Version 1/ }).waitFor();
    expect(await sophie.getByRole('button', { name: /^Version 1/ }).count()).toBe(1);
    expect(await sophie.getByText('Le projet est introuvable.').count()).toBe(0);
    await sophie.getByRole('link', { name: 'Retour à la fiche d’évaluation' }).click();
    await sophie.getByTestId('sheet-proposal-content').waitFor();

    // Two members far apart on the Grenier's proposal: 100 and 20.
    await score(sophie, 'Démarchage pour le dépannage des jeunes familles', [5, 10]);
    // The sheet names what is being scored.
    expect(await sophie.getByRole('heading', { level: 1 }).textContent()).toBe('Fiche d’évaluation : Démarchage pour le dépannage des jeunes familles');
    expect((await sophie.getByTestId('sheet-proposal').textContent())?.replace(/[\u00a0\u202f]/g, ' ')).toBe(
      'Le Grenier solidaire · Montant demandé (par année) 8 200,00 $',
    );
    await shot(sophie, '32-score-sheet');
    const julie = await newPage('demo-membre-cuisines');
    await score(julie, 'Démarchage pour le dépannage des jeunes familles', [1, 2]);

    await coord.reload();
    const ranking = coord.getByTestId('ranking');
    await ranking.waitFor();
    const row = ranking.getByRole('row').filter({ hasText: 'Démarchage pour le dépannage' });
    expect(await row.textContent()).toContain('À discuter');
    expect((await row.textContent())!.replace(/\s/g, ' ')).toMatch(/^1Démarchage.*60.*40/);
    await coord.getByRole('heading', { name: 'Récusations (pour le procès-verbal)' }).waitFor();
    expect(await coord.getByTestId('recusals').textContent()).toContain('Sophie Lavoie');
    await shot(coord, '33-scoring-results');

    const [file] = await Promise.all([coord.waitForEvent('download'), coord.getByRole('button', { name: /Télécharger la matrice et le classement/ }).click()]);
    expect(file.suggestedFilename()).toBe('evaluation-call-psjp.csv');
    const bytes = readFileSync((await file.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toContain('Rang;Projet;Organisme;Montant demandé ($);Note agrégée');
    expect(lines[1]).toMatch(/^1;Démarchage pour le dépannage des jeunes familles;Le Grenier solidaire;8200;60;[\d,]+;40;oui;/);
  });
});
