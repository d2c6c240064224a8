/**
 * Issue 15's reports in Chromium, on the demo's signed agreements (their yearly reports were made due by the
 * institution's signature): Les Cuisines collectives' two-year agreement has a report for each of its two
 * years. Last year's is sent through the API (its partner services and partnerships); in the browser its
 * representative finds this year's report on her home page, reads the partnership list carried over
 * (« repris de … »), answers the counts with an N.C., is stopped by the personal-information check and
 * confirms the partner's phone number is not a person served, and submits. She reports an obstacle; the
 * manager finds it first in "Rapports reçus" and answers it; the organization reads the answer. Each
 * screen at 1280 and 390 px with the accessibility check.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { nbsp, shot, T, useProduct } from './browser';

const product = useProduct();
const { newPage, apiAs } = product;
const ORG_REP = 'demo-membre-cuisines';
const MANAGER = 'demo-gestionnaire';

interface Yearly {
  id: string;
  kind: 'yearly';
  agreementId: string;
  program: string;
  fiscalYear: number;
  status: string;
  version: number;
}

const label = (fy: number) => `${fy}-${fy + 1}`;
const main = async (page: Page) => nbsp(await page.locator('main').textContent());

/** Two consecutive yearly reports of one agreement, the later still to write. */
async function reportPair(): Promise<{ before: Yearly; now: Yearly }> {
  const mine = await apiAs(ORG_REP, 'GET', `${T}/my/reports`);
  const reports = mine.reports as Yearly[];
  for (const now of reports) {
    const before = reports.find((r) => r.agreementId === now.agreementId && r.fiscalYear === now.fiscalYear - 1);
    if (before && ['not-started', 'draft', 'reopened'].includes(now.status)) return { before, now };
  }
  throw new Error(`no two consecutive reports to write: ${JSON.stringify(reports.map((r) => [r.fiscalYear, r.status]))}`);
}

/** Last year's report as the organization sent it: its partner services and partnerships are what carries over. */
async function sendLastYear(r: Yearly) {
  if (r.status === 'submitted' || r.status === 'accepted') return;
  const saved = await apiAs(ORG_REP, 'PUT', `${T}/reports/${r.id}`, {
    version: r.version,
    answers: {
      'personnes-accompagnees': { value: { kind: 'number', value: 38 }, carriedFrom: null },
      interventions: { value: { kind: 'number', value: 212 }, carriedFrom: null },
      'heures-benevolat': { value: { kind: 'number', value: 310.5 }, carriedFrom: null },
      'services-partenaires': { value: { kind: 'choices', value: ['aide-alimentaire', 'psychosocial'] }, carriedFrom: null },
      'ressources-consultees': { value: { kind: 'text', value: 'Moisson Laurentides, CLSC, Maison de la famille' }, carriedFrom: null },
    },
    sections: {
      'faits-saillants': { text: 'Deux nouveaux groupes de cuisine.', carriedFrom: null },
      partenariats: { text: 'Moisson Laurentides (entente formelle) ; Maison de la famille (informel).', carriedFrom: null },
    },
  });
  if (!saved.version) throw new Error(JSON.stringify(saved));
  const sent = await apiAs(ORG_REP, 'POST', `${T}/reports/${r.id}/submit`, { version: saved.version, confirmedHits: [] });
  if (sent.status !== 'submitted') throw new Error(JSON.stringify(sent));
}

describe('an organization’s yearly report and an obstacle answered by the funder', () => {
  it('fills and submits a report with a carried-over partnership list and an N.C.; the manager answers an obstacle; the organization reads the answer', async () => {
    const { before, now } = await reportPair();
    await sendLastYear(before);
    const carried = `repris de ${label(before.fiscalYear)}`;

    // The organization: its home page lists the report to hand in.
    const org = await newPage(ORG_REP);
    await org.getByRole('heading', { name: 'Rapports à remettre' }).waitFor();
    await org.getByRole('link', { name: 'Voir tous mes rapports' }).click();
    await org.getByRole('heading', { name: 'Mes rapports', level: 1 }).waitFor();
    const card = org.getByTestId(`report-${now.id}`);
    expect(nbsp(await card.textContent())).toContain(`À remettre au plus tard le ${now.fiscalYear + 1}-06-30`);
    expect(nbsp(await card.textContent())).toContain(`Période : ${now.fiscalYear}-04-01 au ${now.fiscalYear + 1}-03-31`);
    await shot(org, 'rep-01-my-reports');

    // This year's report: last year's partnerships and partner services are there, marked, editable.
    await card.getByRole('link', { name: `Rapport annuel ${label(now.fiscalYear)}` }).click();
    await org.getByRole('heading', { name: 'Indicateurs' }).waitFor();
    const services = org.getByTestId('indicator-services-partenaires');
    expect(await services.getByTestId('carried').textContent()).toBe(carried);
    expect(await services.getByLabel('Aide alimentaire').isChecked()).toBe(true);
    expect(await org.getByLabel(/Partenariats formels et informels/).inputValue()).toBe(
      'Moisson Laurentides (entente formelle) ; Maison de la famille (informel).',
    );
    expect(await main(org)).toContain('N’y nommez pas les personnes servies : le rapport ne contient que des données d’ensemble.');
    // Each definition is on the page, beside its indicator.
    expect(await org.getByTestId('indicator-personnes-accompagnees').locator('.definition').textContent()).toContain('Une personne accompagnée plusieurs fois');

    // The counts: a number, an N.C., hours to the quarter; one more partner service (its mark goes).
    const people = org.getByTestId('indicator-personnes-accompagnees');
    await people.getByLabel('Nombre', { exact: true }).fill('41');
    await org.getByTestId('indicator-interventions').getByLabel('N.C. — donnée manquante ou imprécise').check();
    await org.getByTestId('indicator-heures-benevolat').getByLabel('Heures (au quart d’heure)').fill('296,75');
    await services.getByLabel('Hébergement').check();
    expect(await services.getByTestId('carried').count()).toBe(0);
    await org.getByLabel(/Faits saillants de l’année/).fill('Un troisième groupe à Saint-Jérôme. Ligne du CAVAC : 819 555-0199.');
    await org
      .getByTestId('save-state')
      .filter({ hasText: /Enregistré à \d{1,2} h \d{2}/ })
      .waitFor();
    await org
      .getByTestId('report-status')
      .filter({ hasText: /^En rédaction$/ })
      .waitFor();
    await shot(org, 'rep-02-report-form');

    // Resumable: a reload shows what was typed.
    await org.reload();
    await org.getByRole('heading', { name: 'Indicateurs' }).waitFor();
    expect(await org.getByTestId('indicator-personnes-accompagnees').getByLabel('Nombre', { exact: true }).inputValue()).toBe('41');
    expect(await org.getByTestId('indicator-interventions').getByLabel('N.C. — donnée manquante ou imprécise').isChecked()).toBe(true);

    // Submitting: the phone number is shown; the writer confirms it is a partner's, then submits.
    await org.getByRole('button', { name: 'Remettre le rapport' }).click();
    const hits = org.getByTestId('hits');
    await hits.waitFor();
    expect(nbsp(await hits.textContent())).toContain('un numéro de téléphone : « 819 555-0199 », dans « Faits saillants de l’année »');
    await shot(org, 'rep-03-personal-information');
    await hits.getByRole('button', { name: 'Ce n’est pas une personne servie' }).click();
    await org.getByRole('button', { name: 'Remettre le rapport' }).click();
    await org.getByText('Le rapport est remis au bailleur de fonds.').waitFor();
    await org
      .getByTestId('report-status')
      .filter({ hasText: /^Remis au bailleur de fonds$/ })
      .waitFor();
    expect(await org.getByTestId('reading-interventions').textContent()).toContain('N.C. — donnée manquante ou imprécise');
    const sent = (await apiAs(ORG_REP, 'GET', `${T}/reports/${now.id}`)).report;
    expect(sent.status).toBe('submitted');
    expect(sent.answers.interventions.value).toEqual({ kind: 'nc' });
    expect(sent.answers['heures-benevolat'].value).toEqual({ kind: 'number', value: 296.75 });
    expect(sent.answers['services-partenaires']).toEqual({
      value: { kind: 'choices', value: ['psychosocial', 'hebergement', 'aide-alimentaire'] },
      carriedFrom: null,
    });
    expect(sent.answers['ressources-consultees'].carriedFrom).toBe(before.fiscalYear);
    expect(sent.sections.partenariats.carriedFrom).toBe(before.fiscalYear);
    expect(sent.confirmedHits).toEqual([{ field: 'sections.faits-saillants', text: '819 555-0199' }]);

    // An obstacle, from "Mes rapports".
    await org.goto(`${product.url}/rapports`);
    await org.getByRole('heading', { name: 'Signaler un obstacle' }).waitFor();
    const agreement = await apiAs(ORG_REP, 'GET', `${T}/agreements/${now.agreementId}`);
    await org.getByLabel('Entente concernée').selectOption({ value: now.agreementId });
    await org.getByLabel('L’obstacle').fill('La cuisine de l’église ferme pour travaux jusqu’en mars.');
    await org
      .getByLabel('Ce que vous avez fait ou ce que vous demandez')
      .fill('Louer la cuisine du centre communautaire : pouvons-nous déplacer 2 000 $ du matériel vers la location?');
    await org.getByRole('button', { name: 'Envoyer au bailleur de fonds' }).click();
    await org.getByText('L’obstacle est signalé : le bailleur de fonds en est avisé.').waitFor();
    await org.getByText('En attente de réponse').first().waitFor();

    // The manager: the obstacle first in "Rapports reçus", answered there.
    const manager = await newPage(MANAGER);
    await manager.getByRole('link', { name: 'Rapports', exact: true }).first().click();
    await manager.getByRole('heading', { name: 'Rapports reçus', level: 1 }).waitFor();
    const awaiting = manager.getByRole('region', { name: 'Obstacles en attente de réponse' });
    await awaiting.getByText('La cuisine de l’église ferme pour travaux jusqu’en mars.').waitFor();
    expect(await main(manager)).toContain(agreement.object.title);
    await shot(manager, 'rep-04-received');
    // Hers, among the others waiting (the demo's halte-répit reported one last month).
    const hers = awaiting.locator('article.obstacle').filter({ hasText: 'La cuisine de l’église ferme pour travaux jusqu’en mars.' });
    await hers
      .getByLabel('Votre réponse (ce qui a été fait ou décidé)')
      .fill('Accordé : déplacez jusqu’à 2 000 $ vers la location, à indiquer au rapport annuel.');
    await hers.getByRole('button', { name: 'Envoyer la réponse' }).click();
    await manager.getByText('La réponse est envoyée : l’organisme en est avisé.').waitFor();
    // The submitted report, read by the manager, with its actions.
    await manager.goto(`${product.url}/rapports/${now.id}`);
    await manager.getByRole('button', { name: 'Accepter' }).waitFor();
    expect(await manager.getByTestId('reading-services-partenaires').textContent()).toContain('Hébergement');
    await shot(manager, 'rep-05-manager-reads');

    // The organization reads the answer.
    await org.reload();
    const answer = org.getByTestId('obstacle-answer').first();
    await answer.waitFor();
    expect(await answer.textContent()).toContain('Accordé : déplacez jusqu’à 2 000 $ vers la location, à indiquer au rapport annuel.');
    await shot(org, 'rep-06-answer-read');
  });
});
