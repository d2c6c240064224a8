/**
 * Budget fitting in a real Chromium, on the CLSC 1 demo (32 000 $ for
 * 43 500 $ requested): the coordinator computes two scenarios and compares
 * them, starts a revision round from one, an organization answers with a
 * reduced request, and the recomputed scenario fits it in.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { instantToMontrealLocal } from '../../shared/dates';
import { nbsp, shot, T, useProduct } from './browser';

const product = useProduct();
const { newPage, apiAs } = product;

/** Screening and scoring happen before (each has its own test): here they are done through the API. */
async function screenAndScore() {
  const C = `${T}/calls/call-psjp`;
  const call = await apiAs('demo-coordination', 'GET', C);
  const rows = (await apiAs('demo-coordination', 'GET', `${C}/proposals`)).items as { id: string; version: number; organizationId: string }[];
  for (const p of rows)
    await apiAs('demo-coordination', 'PUT', `${C}/proposals/${p.id}/screening`, {
      version: p.version,
      results: call.eligibilityCriteria.map((c: { id: string }) => ({ criterionId: c.id, met: true, reason: '' })),
    });
  const criteria = [{ label: 'Pertinence', help: '', weightBp: 10_000, scale: 10, levels: [], linkedToNeeds: false }];
  const g = (
    await apiAs('demo-coordination', 'PUT', `${C}/grid`, {
      version: null,
      criteria,
      mode: 'individual',
      rule: 'mean',
      normalize: false,
      disagreementThreshold: 15,
      assignments: null,
    })
  ).grid;
  // Scoring opens once the call has closed: the server's clock moves past its deadline.
  product.advanceClock(Date.parse(call.closesAt) - product.now().getTime() + 3_600_000);
  const open = (
    await apiAs('demo-coordination', 'POST', `${C}/grid/open`, { version: g.version, closesAt: new Date(product.now().getTime() + 86_400_000).toISOString() })
  ).grid;
  const score: Record<string, number> = { 'org-maison-famille': 9, 'org-cje': 8, 'org-cuisines': 7, 'org-grenier': 6 };
  const members: Record<string, string> = { 'demo-membre-famille': 'org-maison-famille', 'demo-membre-cje': 'org-cje', 'demo-membre-cuisines': 'org-cuisines' };
  for (const p of rows) {
    for (const [sub, own] of Object.entries(members)) {
      if (own === p.organizationId) continue; // recused
      await apiAs(sub, 'PUT', `${C}/scoring/proposals/${p.id}/sheet`, {
        version: null,
        submit: true,
        scores: { [open.criteria[0].id]: { value: score[p.organizationId], comment: '' } },
      });
    }
  }
  await apiAs('demo-coordination', 'POST', `${C}/grid/close`, { version: open.version });
}

async function compute(page: Page, name: string, method: string) {
  const form = page.getByTestId('scenario-form');
  await form.getByLabel('Nom du scénario').fill(name);
  await form.getByLabel('Méthode').selectOption({ label: method });
  await form.getByRole('button', { name: 'Calculer' }).click();
  await page.getByTestId('scenario').getByRole('heading', { name }).waitFor();
}

describe('budget fitting, end to end', () => {
  it('computes and compares scenarios, runs a revision round, and fits the revised request', async () => {
    await screenAndScore();
    const coord = await newPage('demo-coordination');
    await coord.goto(`${product.url}/appels/call-psjp`);
    await coord.getByRole('link', { name: 'Scénarios de répartition' }).click();

    await compute(coord, 'Optimal', 'Optimale (prouvée)');
    expect(nbsp(await coord.getByTestId('scenario-total').textContent())).toContain('Total : 32 000,00 $ sur 32 000,00 $');
    expect(await coord.getByTestId('scenario').textContent()).toContain('optimum prouvé');
    await shot(coord, '40-scenario-optimal');

    await compute(coord, 'Par note', 'Par note, demandes entières (glouton)');
    const scenario = coord.getByTestId('scenario');
    expect(nbsp(await coord.getByTestId('scenario-total').textContent())).toContain('Total : 25 500,00 $ sur 32 000,00 $');
    expect(await coord.getByTestId('method-explained').textContent()).toContain('financés en entier, de la meilleure note à la moins bonne');
    expect(nbsp(await scenario.getByRole('row').filter({ hasText: 'Cuisine collective' }).textContent())).toContain(
      'Non financé : ne tient pas dans les 6 500,00 $ restants (il faudrait 9 800,00 $).',
    );
    expect(nbsp(await coord.getByTestId('what-if').textContent())).toBe(
      'Et si… avec 3 300,00 $ de plus, cette méthode financerait aussi « Cuisine collective et atelier d’estime de soi ».',
    );

    await coord.getByLabel('Comparer : Optimal').check();
    await coord.getByLabel('Comparer : Par note').check();
    await coord.getByRole('button', { name: 'Comparer les scénarios cochés (2 à 4)' }).click();
    const compare = coord.getByTestId('compare');
    expect(nbsp(await compare.getByRole('row').filter({ hasText: 'Total' }).textContent())).toMatch(/25 500,00 \$.*32 000,00 \$/); // newest scenario first
    // Best score first, each amount with its share of the request; then what each scenario achieves.
    const compared = (await compare.getByRole('row').allTextContents()).map(nbsp);
    expect(compared[1]).toMatch(/^Groupe d’entraide.*90.*13 500,00 \$ 100 %.*9 000,00 \$ 66,7 %/);
    expect(compared[4]).toMatch(/^Démarchage.*60.*0,00 \$ 0 %.*8 200,00 \$ 100 %/);
    expect(compared.find((r) => r.startsWith('Projets financés'))).toBe('Projets financés24');
    await shot(coord, '41-scenarios-compared');

    const revision = coord.getByTestId('revision');
    await revision.getByLabel('Scénario envoyé').selectOption({ label: 'Par note' });
    const deadline = instantToMontrealLocal(new Date(product.now().getTime() + 7 * 86_400_000)).slice(0, 10);
    await revision.getByLabel('Échéance (heure de Montréal)').fill(`${deadline}T17:00`);
    await revision.getByRole('button', { name: 'Lancer la ronde de révision' }).click();
    await revision.getByTestId('revision-answers').waitFor();

    // Le Grenier was not funded: it revises its proposal down to 5 000 $.
    const grenier = await newPage('demo-organisme-grenier');
    await grenier.goto(`${product.url}/appels/call-psjp`);
    const request = grenier.getByTestId('revision-request');
    expect(nbsp(await request.textContent())).toContain('« Démarchage pour le dépannage des jeunes familles » (demande : 8 200,00 $) n’est pas financé');
    await request.getByRole('button', { name: 'Réviser mon projet' }).click();
    await request.getByLabel('Nouveau montant demandé').fill('5 000');
    await request.getByLabel('Nouveau montant minimal viable').fill('4 000');
    await request.getByLabel('Montant', { exact: true }).nth(0).fill('4 000');
    await request.getByLabel('Montant', { exact: true }).nth(1).fill('1 000');
    await shot(grenier, '42-revision-answer');
    await request.getByRole('button', { name: 'Déposer la révision' }).click();
    await request.getByText(/Réponse enregistrée : Révisé : 5\s000,00/).waitFor();

    await coord.reload();
    expect(nbsp(await coord.getByTestId('revision-answers').getByRole('row').filter({ hasText: 'Démarchage' }).textContent())).toContain(
      'Révisé : 5 000,00 $ (min. 4 000,00 $)',
    );
    await compute(coord, 'Par note, après révision', 'Par note, demandes entières (glouton)');
    expect(nbsp(await coord.getByTestId('scenario-total').textContent())).toContain('Total : 30 500,00 $ sur 32 000,00 $');
    expect(nbsp(await coord.getByTestId('scenario').getByRole('row').filter({ hasText: 'Démarchage' }).textContent())).toContain('Financé en entier');
    await shot(coord, '43-scenario-after-revision');
  });

  it('lets members approve proposals and shows the Method of Equal Shares, round by round', async () => {
    // The proposals were screened eligible by the test above.
    const coord = await newPage('demo-coordination');
    await coord.goto(`${product.url}/appels/call-psjp`);
    await coord.getByRole('link', { name: 'Vote d’approbation des projets' }).click();
    const closes = instantToMontrealLocal(new Date(product.now().getTime() + 5 * 86_400_000)).slice(0, 10);
    await coord.getByLabel('Fin du vote (heure de Montréal)').fill(`${closes}T17:00`);
    await coord.getByRole('button', { name: 'Ouvrir le vote' }).click();
    await coord.getByText(/Vote ouvert jusqu’au/).waitFor();

    for (const [sub, picks] of [
      ['demo-membre-famille', ['Cuisine collective', 'Démarchage']],
      ['demo-membre-cje', ['Cuisine collective', 'Groupe d’entraide']],
      ['demo-membre-cuisines', ['Groupe d’entraide', 'Deux groupes intensifs']],
    ] as const) {
      const member = await newPage(sub);
      await member.goto(`${product.url}/appels/call-psjp/vote`);
      const ballot = member.getByTestId('pb-ballot');
      for (const pick of picks) await ballot.getByLabel(new RegExp(pick)).check();
      await ballot.getByRole('button', { name: 'Enregistrer mon bulletin' }).click();
      await ballot.getByText('Bulletin enregistré.').waitFor();
      await member.context().close();
    }

    await coord.reload();
    const results = coord.getByTestId('pb-results');
    await results.getByTestId('pb-rounds').waitFor();
    const rounds = await results.getByTestId('pb-rounds').getByRole('listitem').allTextContents();
    expect(rounds.length).toBeGreaterThan(0);
    // The cheapest per supporter first: Cuisine collective (9 800 $, two supporters) at half its cost each.
    expect(nbsp(rounds[0]!)).toBe(
      'Cuisine collective et atelier d’estime de soi : chacun des 2 membres qui l’appuient en paie au plus 4 900,00 $ (ρ = 1/2) ; aucun n’y a mis tout ce qui lui restait.',
    );
    expect(await coord.getByText(/Bulletins reçus : 3\./).count()).toBe(1);
    await shot(coord, '44-approval-vote-mes');
  });
  it('fits last year’s call straight from the demo: already screened and scored, and revised after the call closed', async () => {
    const coord = await newPage('demo-coordination');
    await coord.goto(`${product.url}/appels/call-psjp-precedent`);
    await coord.getByRole('link', { name: 'Scénarios de répartition' }).click();
    await compute(coord, 'Optimal', 'Optimale (prouvée)');
    // Scores 82,5 / 74 / 68,5 / 64 from the demo's sheets: everyone at their minimum, then the densest first.
    const row = (title: string) => coord.getByTestId('scenario').getByRole('row').filter({ hasText: title });
    expect(nbsp(await row('Groupe d’entraide').textContent())).toContain('9 000,00 $');
    expect(nbsp(await row('Deux groupes intensifs').textContent())).toContain('6 600,00 $');
    expect(nbsp(await row('Cuisine collective').textContent())).toContain('8 200,00 $');
    expect(nbsp(await row('Démarchage').textContent())).toContain('8 200,00 $');
    expect(nbsp(await coord.getByTestId('scenario-total').textContent())).toContain('Total : 32 000,00 $ sur 32 000,00 $');
    // Why the best-scored proposal gets its minimum: past the minimums, money goes to the most points per dollar (64 ÷ 8 200 $).
    expect(await coord.getByTestId('method-explained').textContent()).toContain('là où il rapporte le plus de points par dollar');
    expect(nbsp(await row('Démarchage').textContent())).toContain('Financé en entier : note 64, soit 7,80 points par 1 000 $ demandés.');
    expect(nbsp(await row('Groupe d’entraide').textContent())).toContain('6,11');

    // The scenario for the institution's file, as Excel in French opens it.
    const [file] = await Promise.all([coord.waitForEvent('download'), coord.getByRole('button', { name: 'Télécharger le scénario (CSV, Excel)' }).click()]);
    expect(file.suggestedFilename()).toMatch(/^scenario-.+\.csv$/);
    const lines = readFileSync((await file.path())!)
      .subarray(3)
      .toString('utf8')
      .split('\r\n');
    expect(lines[4]).toBe(
      'Groupe d’entraide parents-enfants et halte-répit;Maison de la famille des Basses-Laurentides;82,50;13500;9000;9000;66,70;Ramené à son montant minimal viable (9\u00a0000,00\u00a0$).',
    );
    expect(lines).toContain('Total recommandé ($);32000');

    // Constraints and reasons name needs and organizations as people wrote them, never by their ids.
    const lifePlan = 'Un projet de vie : retour aux études ou au travail';
    await coord.getByTestId('scenario-form').getByLabel(`Couvrir : ${lifePlan}`).check();
    await coord.getByTestId('scenario-form').getByLabel('Au plus N projets par organisme').fill('1');
    await compute(coord, 'Projet de vie couvert', 'Optimale (prouvée)');
    const scenario = coord.getByTestId('scenario');
    expect(await scenario.locator('[data-constraint="coverNeeds:need-projet-vie"]').textContent()).toBe(`Couvrir le besoin « ${lifePlan} » — respectée`);
    expect(await scenario.locator('[data-constraint^="maxProposalsPerOrganization:"]').first().textContent()).toMatch(/^Au plus 1 projet financé pour [A-Z]/);
    expect(nbsp(await row('Deux groupes intensifs').textContent())).toContain(
      `Ramené à son montant minimal viable (6 600,00 $) pour que le besoin « ${lifePlan} » reste couvert.`,
    );
    expect(await scenario.textContent()).not.toContain('need-');

    const revision = coord.getByTestId('revision');
    await revision.getByLabel('Scénario envoyé').selectOption({ label: 'Optimal' });
    const deadline = instantToMontrealLocal(new Date(product.now().getTime() + 7 * 86_400_000)).slice(0, 10);
    await revision.getByLabel('Échéance (heure de Montréal)').fill(`${deadline}T17:00`);
    await revision.getByRole('button', { name: 'Lancer la ronde de révision' }).click();
    await revision.getByTestId('revision-answers').waitFor();

    // The call closed a year ago; the revision round has its own deadline.
    const famille = await newPage('demo-membre-famille');
    await famille.goto(`${product.url}/appels/call-psjp-precedent`);
    const request = famille.getByTestId('revision-request');
    expect(nbsp(await request.textContent())).toContain('(demande : 13 500,00 $), elle suggère 9 000,00 $');
    await request.getByRole('button', { name: 'Accepter ce montant' }).click();
    await request.getByText('Réponse enregistrée : Acceptée.').waitFor();
    await coord.reload();
    expect(nbsp(await coord.getByTestId('revision-answers').getByRole('row').filter({ hasText: 'Groupe d’entraide' }).textContent())).toContain('Acceptée');
    await shot(coord, '45-previous-year-revision');

    // The same page in English: the method, the reasons and the constraints.
    await coord.getByRole('button', { name: 'English' }).click();
    await coord.getByRole('heading', { name: 'Allocation of the envelope' }).waitFor();
    expect(await coord.getByTestId('method-explained').textContent()).toContain('money goes first where it earns the most points per dollar');
    expect(nbsp(await row('Deux groupes intensifs').textContent())).toContain(
      'Reduced to its minimum viable amount ($6,600.00) so that the need “Un projet de vie : retour aux études ou au travail” stays covered.',
    );
    expect(await coord.getByTestId('scenario').locator('[data-constraint="coverNeeds:need-projet-vie"]').textContent()).toBe(
      'Cover the need “Un projet de vie : retour aux études ou au travail” — met',
    );
    await shot(coord, '46-scenario-english');
  });
});
