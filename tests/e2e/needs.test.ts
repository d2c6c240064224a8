/**
 * The needs study in a real Chromium: the coordinator records needs and
 * merges a duplicate, opens a public consultation that a person answers
 * without an account, moderates the answer into a need, opens a ranking
 * round; two members rank the needs (with the keyboard and with the
 * buttons); the coordinator closes the round, reads the result and retains
 * needs; the manager's call form offers them and the call lists them.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { instantToMontrealLocal } from '../../shared/dates';
import { confirmDialog, shot, useProduct } from './browser';

const product = useProduct();
const { newPage } = product;

async function addNeed(page: Page, statement: string, category: string, sources: string[]) {
  await page.getByLabel('Énoncé du besoin').fill(statement);
  await page.getByLabel('Catégorie', { exact: true }).selectOption({ label: category });
  for (const s of sources) await page.getByLabel(s, { exact: true }).check();
  await page.getByRole('button', { name: 'Ajouter le besoin' }).click();
  await page.getByTestId('needs-table').getByRole('cell', { name: statement, exact: true }).waitFor();
}

describe('needs study and prioritization, end to end', () => {
  it('goes from needs to a ranked, retained list that the call carries', async () => {
    const coord = await newPage('demo-coordination');
    await coord.getByRole('link', { name: 'Besoins' }).click();
    await coord.getByLabel('Titre de l’étude').fill('Besoins des jeunes pères');
    // The study belongs to the Table PSJP: its five voting members vote, not its observer.
    await coord.getByLabel('Table de concertation').selectOption({ label: 'Table PSJP — CLSC 1' });
    await coord.getByRole('button', { name: 'Créer l’étude' }).click();
    await coord.getByRole('heading', { name: /Besoins des jeunes pères/ }).waitFor();

    await addNeed(coord, 'Des activités père-enfant le samedi', 'Lieux pour socialiser', ['Personnes concernées']);
    await addNeed(coord, 'Du transport pour se rendre aux activités', 'Transport', ['Groupe de discussion d’intervenant·es']);
    await addNeed(coord, 'Se rendre aux activités sans voiture', 'Transport', ['Partenaires', 'Sondage']);
    // The third is a duplicate of the second: merged, it keeps all three sources.
    const merge = coord.getByTestId('merge');
    await merge.getByLabel('Regrouper dans').selectOption({ label: 'Du transport pour se rendre aux activités' });
    await merge.getByLabel('Se rendre aux activités sans voiture').check();
    await merge.getByRole('button', { name: 'Fusionner' }).click();
    await coord.getByText('Besoins fusionnés.').waitFor();
    const transportRow = coord
      .getByTestId('needs-table')
      .getByRole('row')
      .filter({ hasText: /^Du transport pour se rendre/ });
    // The table reloads after the merge: wait for it.
    await expect.poll(() => transportRow.textContent()).toContain('Groupe de discussion d’intervenant·es, Partenaires, Sondage');

    // Public consultation: a person without an account proposes a need.
    await coord.getByRole('button', { name: 'Ouvrir la consultation' }).click();
    const link = await coord.getByTestId('consultation-link').getAttribute('href');
    const person = await newPage();
    await person.goto(link!);
    await person.getByRole('heading', { name: 'Consultation : Besoins des jeunes pères' }).waitFor();
    await person.getByLabel('Des besoins, dans vos mots').fill('Un coin pour les poussettes à la bibliothèque');
    await person.getByLabel('Des activités père-enfant le samedi').check();
    await shot(person, '20-public-consultation');
    await person.getByRole('button', { name: 'Envoyer ma réponse' }).click();
    await person.getByText('Merci! Votre réponse a été reçue.').waitFor();
    await coord.reload();
    await coord.getByRole('button', { name: 'Retenir comme besoins' }).click();
    await coord.getByTestId('needs-table').getByRole('cell', { name: 'Un coin pour les poussettes à la bibliothèque' }).waitFor();

    await coord.getByLabel('Titre du tour').fill('Priorisation de décembre');
    const closes = instantToMontrealLocal(new Date(Date.now() + 7 * 86_400_000)).slice(0, 10);
    await coord.getByLabel('Fermeture du vote (heure de Montréal)').fill(`${closes}T17:00`);
    await shot(coord, '21-needs-study');
    await coord.getByRole('button', { name: 'Ouvrir le tour' }).click();
    await coord.getByTestId('participation').waitFor();
    const roundUrl = coord.url();

    // Member 1 ranks with the keyboard: add three needs, then move the last up with Alt+↑.
    const m1 = await newPage('demo-membre-famille');
    await m1.goto(roundUrl);
    await m1.getByRole('button', { name: 'Classer : Des activités père-enfant le samedi' }).click();
    await m1.getByRole('button', { name: 'Classer : Du transport pour se rendre aux activités' }).click();
    await m1.getByRole('button', { name: 'Classer : Un coin pour les poussettes à la bibliothèque' }).click();
    const last = m1.locator('[data-rank-row="2"]');
    await last.focus();
    await m1.keyboard.press('Alt+ArrowUp');
    await expect.poll(() => m1.locator('[data-rank-row="1"] .statement').textContent()).toBe('Un coin pour les poussettes à la bibliothèque');
    await shot(m1, '22-ballot-ranking');
    await m1.getByRole('button', { name: 'Enregistrer mon bulletin' }).click();
    await m1.getByText('Bulletin enregistré. Vous pouvez le modifier').waitFor();

    // Member 2 ranks transport first and ties the other two below it.
    const m2 = await newPage('demo-membre-cje');
    await m2.goto(roundUrl);
    await m2.getByRole('button', { name: 'Classer : Du transport pour se rendre aux activités' }).click();
    await m2.getByRole('button', { name: 'Classer : Des activités père-enfant le samedi' }).click();
    await m2.getByRole('button', { name: 'Classer : Un coin pour les poussettes à la bibliothèque' }).click();
    // Dragging works too: drop the last row on the first, then put transport back on top the same way.
    await m2.locator('[data-rank-row="2"]').dragTo(m2.locator('[data-rank-row="0"]'));
    await expect.poll(() => m2.locator('[data-rank-row="0"] .statement').textContent()).toBe('Un coin pour les poussettes à la bibliothèque');
    await m2.locator('[data-rank-row="1"]').dragTo(m2.locator('[data-rank-row="0"]'));
    await expect.poll(() => m2.locator('[data-rank-row="0"] .statement').textContent()).toBe('Du transport pour se rendre aux activités');
    await m2.getByRole('button', { name: 'Descendre : Un coin pour les poussettes à la bibliothèque' }).click();
    await m2.getByRole('button', { name: 'À égalité avec le précédent : Un coin pour les poussettes à la bibliothèque' }).click();
    await m2.getByRole('button', { name: 'Enregistrer mon bulletin' }).click();
    await m2.getByText('Bulletin enregistré. Vous pouvez le modifier').waitFor();

    await coord.reload();
    expect(await coord.getByTestId('participation').textContent()).toBe('Bulletins reçus : 2');
    await coord.getByRole('button', { name: 'Fermer le tour et calculer le résultat' }).click();
    await confirmDialog(coord, 'Fermer le tour et calculer le résultat');
    const result = coord.getByTestId('result');
    await result.waitFor();
    expect(await result.textContent()).toContain('2 bulletins sur 5 membres de la table');
    // m1: père-enfant > poussettes > transport; m2: transport > {père-enfant, poussettes}.
    // Père-enfant beats poussettes 1–0 and ties transport 1–1; poussettes ties transport. Nothing beats
    // père-enfant or transport: they share first place, shown as a tie, and poussettes comes third.
    const rows = await result.getByRole('row').allTextContents();
    expect(rows[1]).toMatch(/^1 égalitéDes activités père-enfant le samedi/);
    expect(rows[2]).toMatch(/^1 égalitéDu transport pour se rendre aux activités/);
    expect(rows[3]).toMatch(/^3Un coin pour les poussettes/);
    await result.getByRole('heading', { name: /Matrice des préférences/ }).waitFor();
    await shot(coord, '23-round-result');

    const retention = coord.getByTestId('retention');
    await retention.getByRole('button', { name: 'Tout retenir' }).click();
    await retention.getByRole('button', { name: 'Enregistrer les besoins retenus' }).click();
    await retention.getByText('Besoins retenus enregistrés.').waitFor();

    // The manager's call form offers the retained needs; the call lists them.
    const manager = await newPage('demo-gestionnaire');
    const env = await (
      await manager.request.post(`${product.url}/api/t/cisss-laurentides-demo/envelopes`, {
        headers: { Authorization: `Bearer ${await manager.evaluate(() => sessionStorage.getItem('enveloppe.token'))}` },
        data: {
          program: 'PSJP',
          title: 'Volet pères',
          fiscalYear: 2026,
          programBudget: 1_000_000,
          deductions: [],
          communityShareBasisPoints: 10_000,
          carryOver: null,
        },
      })
    ).json();
    await manager.goto(`${product.url}/appels/nouveau?enveloppe=${env.id}`);
    await manager.getByLabel('Titre de l’appel').fill('Appel pour les jeunes pères');
    await manager.getByLabel('Montant disponible').fill('5 000');
    await manager.getByLabel('Demande maximale').fill('2 500');
    await manager.getByLabel('Ouverture', { exact: true }).fill(`${closes}T09:00`);
    await manager.getByLabel('Fermeture', { exact: true }).fill(`${instantToMontrealLocal(new Date(Date.now() + 40 * 86_400_000)).slice(0, 10)}T17:00`);
    await manager.getByLabel('Critère 1').fill('Rejoint les jeunes pères');
    await manager.getByLabel('Besoins auxquels les projets répondent').selectOption({ label: 'Besoins des jeunes pères — Priorisation de décembre (3)' });
    await manager.getByRole('button', { name: 'Créer l’appel' }).click();
    const needs = manager.getByTestId('call-needs');
    await needs.waitFor();
    expect((await needs.getByRole('listitem').allTextContents())[0]).toBe('Des activités père-enfant le samedi');
    await shot(manager, '24-call-with-needs');
  });
});
