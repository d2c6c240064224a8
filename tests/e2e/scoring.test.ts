/**
 * The table's evaluation in a real Chromium: the coordinator builds the
 * grid and opens scoring; a member who represents an applicant finds that
 * proposal locked; two members score another proposal far apart; the
 * coordinator sees the ranking with the disagreement flag and downloads the
 * CSV, which opens in Excel in French.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { instantToMontrealLocal } from '../../shared/dates';
import { confirmDialog, shot, T, useProduct } from './browser';

const product = useProduct();
const { newPage, apiAs } = product;

async function score(page: Page, proposal: string, values: [number, number]) {
  await page.goto(`${product.url}/appels/call-psjp/evaluation`);
  await page.getByRole('link', { name: proposal }).click();
  const criteria = page.locator('fieldset.criterion');
  // A level's name is its value, then its descriptor when there is one.
  await criteria.nth(0).getByRole('radio', { name: new RegExp(`^${values[0]}(\\s|$)`) }).check();
  await criteria.nth(1).getByRole('radio', { name: new RegExp(`^${values[1]}(\\s|$)`) }).check();
  await page.getByRole('button', { name: 'Soumettre ma fiche' }).click();
  await page.getByText('Fiche soumise.').waitFor();
}

describe('scoring by the table, end to end', () => {
  it('builds a grid, recuses the applicant’s representative, flags a disagreement and exports the CSV', async () => {
    // The demo's four proposals are screened eligible first (screening is covered elsewhere).
    const call = await apiAs('demo-coordination', 'GET', `${T}/calls/call-psjp`);
    const rows = await apiAs('demo-coordination', 'GET', `${T}/calls/call-psjp/proposals`);
    for (const p of rows.items) {
      await apiAs('demo-coordination', 'PUT', `${T}/calls/call-psjp/proposals/${p.id}/screening`, { version: p.version, results: call.eligibilityCriteria.map((c: { id: string }) => ({ criterionId: c.id, met: true, reason: '' })) });
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
    await shot(coord, '30-grid-editor');
    const closes = instantToMontrealLocal(new Date(Date.now() + 10 * 86_400_000)).slice(0, 10);
    await coord.getByLabel('Fin de l’évaluation (heure de Montréal)').fill(`${closes}T17:00`);
    await coord.getByRole('button', { name: 'Verrouiller la grille et ouvrir l’évaluation' }).click();
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

    // Two members far apart on the Grenier's proposal: 100 and 20.
    await score(sophie, 'Démarchage pour le dépannage des jeunes familles', [5, 10]);
    // The sheet names what is being scored.
    expect(await sophie.getByRole('heading', { level: 1 }).textContent()).toBe('Fiche d’évaluation : Démarchage pour le dépannage des jeunes familles');
    expect((await sophie.getByTestId('sheet-proposal').textContent())?.replace(/[\u00a0\u202f]/g, ' ')).toBe('Le Grenier solidaire · Montant demandé (par année) 8 200,00 $');
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
