/**
 * The public results in a real Chromium, without signing in: nothing before
 * the decision, then the call's page (French first, then English) and the
 * institution's list, at 1280 and 390 px (shot), with the downloads; the
 * manager finds the link on the call's page. The decision and the minutes of
 * the table's vote are written through the keys and the shared shapes, as the
 * decisions and recommendations contexts store them.
 */
import { PutItemCommand } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { toItem } from '../../functions/lib/db';
import { keys } from '../../functions/lib/keys';
import { DEMO_TENANT } from '../../functions/local/demo';
import type { Decision, DecisionLine } from '../../shared/decision';
import type { Minutes, Recommendation, RecommendationLine } from '../../shared/recommendation';
import { nbsp, shot, useProduct } from './browser';

const product = useProduct();
const T = DEMO_TENANT.id;
const CALL = 'call-psjp';
const AT = '2027-03-10T15:00:00.000Z';
const stamp = { version: 1, createdAt: AT, createdBy: 'demo-coordination', updatedAt: AT, updatedBy: 'demo-coordination' };

const LINES = [
  { proposalId: 'prop-maison', organizationId: 'org-maison', organizationName: 'Maison de la famille des Basses-Laurentides', title: 'Halte-répit du samedi' },
  { proposalId: 'prop-cuisine', organizationId: 'org-cuisine', organizationName: 'Cuisines collectives Le Bon Goût', title: 'Cuisiner en famille' },
  { proposalId: 'prop-grenier', organizationId: 'org-grenier', organizationName: 'Le Grenier solidaire', title: 'Dépannage' },
];
const AMOUNTS = [1_234_567, 900_000, 0];

async function put(key: { pk: string; sk: string }, entity: string, data: object) {
  await product.db.client.send(new PutItemCommand({ TableName: product.db.table, Item: toItem(key, entity, data) }));
}

async function decide() {
  const recLines: RecommendationLine[] = LINES.map((l, i) => ({
    ...l,
    requested: 1_500_000,
    minimum: 500_000,
    durationYears: 2,
    amount: AMOUNTS[i]!,
    years: 2,
    reason: 'Note élevée',
    scenarioAmount: AMOUNTS[i]!,
    adjustmentReason: null,
    supplement: null,
  }));
  const rec: Recommendation = {
    ...stamp,
    callId: CALL,
    number: 1,
    status: 'adopted',
    basedOn: { scenarioId: 'scen-1', scenarioName: 'Réduction', method: 'proportional' },
    lines: recLines,
    total: 2_134_567,
    amountAvailable: 3_200_000,
    adoptionMode: 'vote',
  };
  const minutes: Minutes = {
    callId: CALL,
    number: 1,
    mode: 'vote',
    tableId: 'table-psjp',
    tableName: 'Table PSJP',
    present: [
      { userId: 'demo-membre', name: 'Sophie Lavoie', represents: 'Maison de la famille', voting: true },
      { userId: 'demo-membre-2', name: 'Nadia Roy', represents: 'CLSC', voting: true },
      { userId: 'demo-membre-3', name: 'Éric Caron', represents: 'Ville', voting: true },
    ],
    recusals: [{ proposalId: 'prop-maison', userId: 'demo-membre', name: 'Sophie Lavoie', reason: 'represents' }],
    tallies: [
      { proposalId: 'prop-maison', electorate: 2, quorum: 2, for: 2, against: 0, abstain: 0, recused: 1, outcome: 'passed' },
      { proposalId: 'prop-cuisine', electorate: 3, quorum: 2, for: 2, against: 1, abstain: 0, recused: 0, outcome: 'passed' },
      { proposalId: 'prop-grenier', electorate: 3, quorum: 2, for: 3, against: 0, abstain: 0, recused: 0, outcome: 'passed' },
    ],
    openBallots: null,
    rules: { quorum: null, majority: 'simple', secret: true },
    dissent: null,
    adopted: true,
    recommendation: rec,
    recordedAt: AT,
    recordedBy: 'demo-coordination',
    recordedByName: 'Luc Tremblay',
  };
  const lines: DecisionLine[] = LINES.map((l, i) => {
    const amount = i === 1 ? 800_000 : AMOUNTS[i]!;
    return {
      ...l,
      requested: 1_500_000,
      amount,
      years: 2,
      perYear: amount === 0 ? [] : [amount - Math.floor(amount / 2), Math.floor(amount / 2)],
      supplement: null,
      reason: '',
      recommended: AMOUNTS[i]!,
      departure: i === 1 ? { reason: 'Une partie des ateliers est déjà financée par la Ville.' } : null,
    };
  });
  const decision: Decision = {
    ...stamp,
    callId: CALL,
    tendency: 'concertation',
    basedOn: { kind: 'recommendation', number: 1 },
    lines,
    original: lines,
    total: lines.reduce((s, l) => s + l.amount, 0),
    amendments: [],
    decidedAt: AT,
    decidedBy: 'demo-gestionnaire',
    decidedByName: 'Martine Gagnon',
  };
  await put(keys.recommendation(T, CALL), 'Recommendation', rec);
  await put(keys.minutes(T, CALL, 1), 'Minutes', minutes);
  await put({ ...keys.decision(T, CALL), ...keys.decisionIndex(T, CALL) }, 'Decision', decision);
}

describe('public results, without an account', () => {
  it('shows nothing before the decision, then the results at 1280 and 390 px, in French and English, with the downloads', async () => {
    const page = await product.newPage();
    await page.goto(`${product.url}/resultats/${T}/${CALL}`);
    await page.getByRole('alert').waitFor();
    expect(page.url()).not.toContain('/connexion');
    expect(await page.getByRole('heading', { level: 1 }).count()).toBe(0);

    await decide();
    await page.goto(`${product.url}/resultats/${T}/${CALL}`);
    await page.getByRole('heading', { level: 1, name: /Appel de projets PSJP/ }).waitFor();
    const text = nbsp(await page.locator('main').textContent());
    expect(text).toContain('Montant disponible');
    expect(text).toContain('32 000,00 $');
    expect(text).toContain('12 345,67 $');
    expect(text).toContain('2027-03-10');
    expect(text).toContain('Réduction proportionnelle');
    expect(text).toContain('1 autre projet non retenu.');
    expect(text).not.toContain('Le Grenier solidaire');
    for (const heading of ['Projets financés', 'Adoption par la table : vote', 'Écarts de la gestionnaire'])
      await page.getByRole('heading', { level: 2, name: heading }).waitFor();
    expect(text).toContain('1 membre récusé');
    expect(text).toContain('Une partie des ateliers est déjà financée par la Ville.');
    // No one is named: not the members, the coordinator, nor the manager.
    for (const name of ['Sophie Lavoie', 'Nadia Roy', 'Éric Caron', 'Luc Tremblay', 'Martine Gagnon']) expect(text).not.toContain(name);
    await shot(page, 'public-results');

    const csv = page.getByRole('link', { name: 'Résultats en CSV (Excel)' });
    const [download] = await Promise.all([page.waitForEvent('download'), csv.click()]);
    expect(download.suggestedFilename()).toBe(`resultats-${CALL}.csv`);

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 2, name: 'Funded proposals' }).waitFor();
    expect(nbsp(await page.locator('main').textContent())).toContain('$12,345.67');
    await shot(page, 'public-results-en');
    await page.getByRole('button', { name: 'Français' }).click();

    await page.getByRole('link', { name: 'Tous les résultats de l’établissement' }).click();
    await page.getByRole('heading', { level: 1, name: 'Résultats publiés' }).waitFor();
    await page.getByRole('link', { name: /Appel de projets PSJP/ }).waitFor();
    expect(nbsp(await page.locator('main').textContent())).toContain('2 projets financés');
    await shot(page, 'public-results-index');
  });

  it('is linked from the call’s page for the manager', async () => {
    const page = await product.newPage('demo-gestionnaire');
    await page.goto(`${product.url}/appels/${CALL}`);
    await page.getByRole('link', { name: 'Voir la page publique des résultats' }).click();
    await page.getByRole('heading', { level: 2, name: 'Projets financés' }).waitFor();
  });
});
