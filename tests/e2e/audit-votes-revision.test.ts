/**
 * Issue 10, items 3, 12 and 13 on screen, on last year's demo call (screened
 * and scored, ready for fitting): the approval ballot locks a member's own
 * organization's proposal with the reason; the coordinator sees who has not
 * voted yet (in the approval vote and in a needs round) and closes the vote
 * after a confirmation, and only then do members see the result; an
 * organization finds its revision request on its home page, in "Mes
 * projets" and on its proposal, revises with budget lines that follow the
 * amount it proposes, and the end of the round shows what was settled.
 */
import { describe, expect, it } from 'vitest';
import { confirmDialog, nbsp, shot, T, useProduct } from './browser';

const product = useProduct();
const { newPage, apiAs } = product;
const CALL = 'call-psjp-precedent';
const C = `${T}/calls/${CALL}`;
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

describe('the approval vote on screen', () => {
  it('locks a member’s own organization’s proposal, shows the coordinator who has not voted, and publishes the result only once closed', async () => {
    await apiAs('demo-coordination', 'POST', `${C}/pb-vote`, { closesAt: inDays(5) });

    const famille = await newPage('demo-membre-famille');
    await famille.goto(`${product.url}/appels/${CALL}/vote`);
    const ballot = famille.getByTestId('pb-ballot');
    const own = ballot.getByLabel(/Groupe d’entraide/);
    await own.waitFor();
    expect(await own.isDisabled()).toBe(true);
    expect(await ballot.locator('label.locked').textContent()).toContain(
      'Vous ne pouvez pas appuyer ce projet : vous êtes récusé·e (Représente Maison de la famille des Basses-Laurentides).',
    );
    expect(await famille.getByTestId('pb-results-hidden').textContent()).toContain('Le résultat du vote reste caché');
    expect(await famille.getByTestId('pb-results').count()).toBe(0);
    await ballot.getByLabel(/Cuisine collective/).check();
    await ballot.getByRole('button', { name: 'Enregistrer mon bulletin' }).click();
    await ballot.getByText('Bulletin enregistré.').waitFor();
    await shot(famille, '60-approval-ballot-locked');

    const coord = await newPage('demo-coordination');
    await coord.goto(`${product.url}/appels/${CALL}/vote`);
    const follow = coord.getByTestId('pb-follow');
    await follow.getByTestId('not-voted').waitFor();
    // The table's five voting members vote (its observer, Geneviève Dubé, does not): four have not yet.
    expect(await follow.getByTestId('not-voted').textContent()).toContain('Membres qui n’ont pas encore voté (4) :');
    expect(await follow.getByTestId('not-voted').getByRole('listitem').allTextContents()).toEqual([
      'Chantal Ouellet',
      'Julie Bergeron',
      'Marc-André Gauthier',
      'Nadia Roy',
    ]);
    await coord.getByTestId('pb-results').getByRole('row').filter({ hasText: 'Cuisine collective' }).waitFor(); // the coordinator follows the result throughout
    await shot(coord, '61-approval-vote-follow');

    await follow.getByRole('button', { name: 'Fermer le vote et publier le résultat' }).click();
    expect(await coord.getByRole('dialog').textContent()).toContain('Fermer le vote?');
    await confirmDialog(coord, 'Fermer le vote et publier le résultat');
    await coord
      .getByTestId('pb-status')
      .getByText(/Vote fermé par la coordination le/)
      .waitFor();
    expect(await follow.getByRole('button', { name: 'Fermer le vote et publier le résultat' }).count()).toBe(0);

    await famille.reload();
    // The result, once loaded: the proposal she approved is selected.
    await famille.getByTestId('pb-results').getByRole('row').filter({ hasText: 'Cuisine collective' }).waitFor();
    expect(await famille.getByTestId('pb-results-hidden').count()).toBe(0);
    expect(await famille.getByTestId('pb-ballot').count()).toBe(0);
    await shot(famille, '62-approval-vote-result-member');
  });
});

describe('a needs round on screen', () => {
  it('shows the coordinator who has not voted yet', async () => {
    const round = await apiAs('demo-coordination', 'POST', `${T}/studies/study-psjp/rounds`, {
      title: 'Tour de vérification',
      method: 'approval',
      pointsBudget: null,
      approvalMax: 2,
      closesAt: inDays(3),
    });
    await apiAs('demo-membre-cje', 'PUT', `${T}/studies/study-psjp/rounds/${round.id}/ballot`, { version: null, approved: [round.needs[0].id] });
    const coord = await newPage('demo-coordination');
    await coord.goto(`${product.url}/besoins/study-psjp/tours/${round.id}`);
    const list = coord.getByTestId('not-voted');
    await list.waitFor();
    // The study's table: its voting members who have not voted, never its observer.
    expect(await list.getByRole('listitem').allTextContents()).toEqual(['Chantal Ouellet', 'Julie Bergeron', 'Marc-André Gauthier', 'Sophie Lavoie']);
    await shot(coord, '63-needs-round-not-voted');
    // A member sees no such list.
    const member = await newPage('demo-membre-famille');
    await member.goto(`${product.url}/besoins/study-psjp/tours/${round.id}`);
    await member.getByRole('heading', { name: 'Tour de vérification' }).waitFor();
    expect(await member.getByTestId('not-voted').count()).toBe(0);
  });
});

describe('the revision round on screen', () => {
  it('reaches the organization on its home page, in Mes projets and on its proposal; the end of the round says what was settled', async () => {
    const scenario = await apiAs('demo-coordination', 'POST', `${C}/scenarios`, { name: 'Réduction proportionnelle', method: 'proportional' });
    const suggested = scenario.result.allocations.find((a: { id: string; amount: number }) =>
      scenario.inputs.find((i: { id: string; title: string }) => i.id === a.id).title.startsWith('Démarchage'),
    ).amount as number;
    await apiAs('demo-coordination', 'POST', `${C}/revision`, { scenarioId: scenario.id, deadline: inDays(7) });

    const grenier = await newPage('demo-organisme-grenier');
    await grenier.goto(`${product.url}/`);
    const asked = grenier.getByTestId('my-revision-requests');
    await asked.waitFor();
    expect(nbsp(await asked.textContent())).toContain('« Démarchage pour le dépannage des jeunes familles » (demande : 8 200,00 $) : la table suggère');
    expect(await grenier.getByTestId('revision-asked').count()).toBe(1);
    await shot(grenier, '64-home-revision-request');
    await grenier.getByRole('link', { name: 'Mes projets' }).first().click();
    await grenier.getByTestId('my-revision-requests').waitFor();
    await grenier.getByTestId('my-revision-requests').getByRole('link', { name: 'Répondre' }).click();

    // On the proposal's page: the request, and a revise form whose lines follow the amount proposed.
    const request = grenier.getByTestId('revision-request');
    await request.waitFor();
    expect(suggested).toBeGreaterThan(0);
    await request.getByRole('button', { name: 'Réviser mon projet' }).click();
    await request.getByLabel('Nouveau montant demandé').fill('6 000');
    expect(nbsp(await request.getByTestId('revision-lines-total').textContent())).toBe('Total des postes : 6 000,00 $');
    // 6 900 $ and 1 300 $ of 8 200 $, scaled to 6 000 $ (with or without a thousands space).
    const line = async (i: number) => (await request.getByLabel('Montant', { exact: true }).nth(i).inputValue()).replace(/\s/g, '');
    expect(await line(0)).toBe('5048,78');
    expect(await line(1)).toBe('951,22');
    await request.getByLabel('Nouveau montant minimal viable').fill('5 000');
    await shot(grenier, '65-revision-form-lines');
    await request.getByRole('button', { name: 'Déposer la révision' }).click();
    await request.getByText(/Réponse enregistrée : Révisé : 6\s000,00/).waitFor();

    const coord = await newPage('demo-coordination');
    await coord.goto(`${product.url}/appels/${CALL}/repartition`);
    const revision = coord.getByTestId('revision');
    await revision.getByTestId('revision-answers').waitFor();
    await revision.getByRole('button', { name: 'Terminer la ronde' }).click();
    expect(await coord.getByRole('dialog').textContent()).toContain('Chaque réponse sera réglée');
    await confirmDialog(coord, 'Terminer la ronde');
    const settlement = revision.getByTestId('revision-settlement');
    await settlement.waitFor();
    expect(nbsp(await settlement.getByRole('row').filter({ hasText: 'Démarchage' }).textContent())).toContain(
      'Projet révisé : la demande passe de 8 200,00 $ à 6 000,00 $ (version 2).',
    );
    expect(nbsp(await settlement.getByRole('row').filter({ hasText: 'Groupe d’entraide' }).textContent())).toContain(
      'Aucune réponse avant l’échéance : la demande reste de 13 500,00 $.',
    );
    await shot(coord, '66-revision-settled');

    // The organization reads what was settled on its proposal; its home page no longer asks.
    await grenier.reload();
    expect(nbsp(await grenier.getByTestId('revision-settled').textContent())).toContain(
      'Projet révisé : la demande passe de 8 200,00 $ à 6 000,00 $ (version 2).',
    );
    await grenier.goto(`${product.url}/`);
    // Once its proposals are listed, nothing asks any more.
    await grenier.getByRole('link', { name: 'Démarchage pour le dépannage des jeunes familles' }).first().waitFor();
    expect(await grenier.getByTestId('my-revision-requests').count()).toBe(0);
    expect(await grenier.getByTestId('revision-asked').count()).toBe(0);
  });
});
