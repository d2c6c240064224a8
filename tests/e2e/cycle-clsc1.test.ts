/**
 * Issue 13's whole cycle in the concertation tendency (seed 002, CLSC 1), walked in Chromium on the demo's
 * previous-year call (scored, scoring closed), each person signing in through the sign-in page and clicking
 * their way: the coordinator computes a proportional reduction, drafts the table's recommendation from it,
 * lowers one line with a reason and opens a vote closing ten minutes later; the five voting members vote
 * from their task on the home page, each locked out of their own organization's line, with why; the server's
 * clock passes the close; the coordinator closes the vote and reads the tallies and the minutes (printed as a
 * letter-size PDF); the manager accepts the recommendation as it is and prints the decision (a PDF); the
 * Grenier solidaire reads its outcome on its home page and its proposal's page and opens its letter; the
 * public results page, signed out, shows the result without naming anyone. The API is only read, for checks.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../shared/money';
import { confirmDialog, nbsp, shot, T, useProduct } from './browser';

const product = useProduct();
const { newPage, apiAs } = product;
const CALL = 'call-psjp-precedent';
const C = `${T}/calls/${CALL}`;
const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const money = (cents: number) => nbsp(formatMoney(cents, 'fr'));

/** The PDF Chromium prints of the page as it is now (print media, US Letter), saved as an artifact; its page count. */
async function printToPdf(page: Page, file: string): Promise<number> {
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'Letter', printBackground: true });
  await page.emulateMedia({ media: 'screen' });
  mkdirSync(ARTIFACTS, { recursive: true });
  writeFileSync(join(ARTIFACTS, file), pdf);
  const text = pdf.toString('latin1');
  expect(text.startsWith('%PDF')).toBe(true);
  // Letter: 612 × 792 points.
  expect(text).toMatch(/\/MediaBox \[0 0 612 792\]/);
  return (text.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
}

/** Chooses the option whose text contains `text` (option texts carry amounts with no-break spaces). */
async function selectByText(select: Locator, text: string) {
  await select.locator('option', { hasText: text }).first().waitFor({ state: 'attached' });
  const options = await select.locator('option').evaluateAll((os) => os.map((o) => ({ value: (o as HTMLOptionElement).value, text: o.textContent ?? '' })));
  const found = options.find((o) => o.text.includes(text));
  if (!found) throw new Error(`no option "${text}" in ${options.map((o) => o.text).join(' | ')}`);
  await select.selectOption(found.value);
}

/** A voting member signs in, follows their task from the home page and votes: "Pour" everywhere, then the exceptions. */
async function vote(sub: string, lockedTitle: string | null, exceptions: Record<string, 'Contre' | 'Abstention'> = {}) {
  const page = await newPage(sub);
  const tasks = page.getByTestId('tasks');
  await tasks.getByRole('link', { name: 'Voter sur la recommandation' }).click();
  const ballot = page.getByTestId('rec-ballot');
  await ballot.waitFor();
  const locked = ballot.locator('fieldset.locked');
  if (lockedTitle) {
    expect(await locked.count()).toBe(1);
    expect(await locked.locator('legend').textContent()).toContain(lockedTitle);
    expect(await locked.textContent()).toContain('Récusé·e : vous représentez cet organisme. Vous ne votez pas sur cette ligne.');
  } else expect(await locked.count()).toBe(0);
  await ballot.getByRole('button', { name: 'Pour sur toutes les lignes' }).click();
  for (const [title, choice] of Object.entries(exceptions))
    await ballot.locator('fieldset').filter({ hasText: title }).getByLabel(choice, { exact: true }).check();
  await ballot.getByRole('button', { name: 'Enregistrer mon vote' }).click();
  await ballot.getByText(/Vote enregistré/).waitFor();
  return page;
}

describe('CLSC 1: from a scenario to the public results', () => {
  it('scenario → recommendation adjusted → vote with recusals → manager accepts → the organization’s outcome → public page', async () => {
    // The coordinator computes a scenario from the call's page.
    const coord = await newPage('demo-coordination');
    await coord.goto(`${product.url}/appels/${CALL}`);
    await coord.getByRole('link', { name: 'Scénarios de répartition' }).click();
    const form = coord.getByTestId('scenario-form');
    await form.getByLabel('Nom du scénario').fill('Réduction proportionnelle');
    await form.getByLabel('Méthode').selectOption({ label: 'Réduction proportionnelle' });
    await form.getByRole('button', { name: 'Calculer' }).click();
    await coord.getByTestId('scenario').getByRole('heading', { name: 'Réduction proportionnelle' }).waitFor();
    expect(nbsp(await coord.getByTestId('scenario-total').textContent())).toContain('sur 32 000,00 $');
    await shot(coord, 'clsc1-01-scenario');

    // The recommendation, drafted from that scenario.
    await coord.goto(`${product.url}/appels/${CALL}`);
    await coord.getByRole('link', { name: 'Recommandation de la table' }).click();
    const draft = coord.getByTestId('rec-draft');
    await selectByText(draft.getByLabel('Rédiger à partir de'), 'Réduction proportionnelle');
    await draft.getByRole('button', { name: 'Rédiger la recommandation' }).click();
    const editor = coord.getByTestId('rec-editor');
    await editor.waitFor();
    expect(await coord.getByTestId('rec-status').textContent()).toBe('Brouillon');

    // The Cuisines collectives' line lowered to its minimum, with the reason: the difference shows.
    const cuisines = editor.locator('fieldset.rec-line').filter({ hasText: 'Cuisine collective et atelier d’estime de soi' });
    await cuisines.getByLabel('Montant').fill('7 000');
    await cuisines.getByLabel('Montant').blur();
    expect(nbsp(await cuisines.getByTestId('rec-diff').textContent())).toMatch(/Écart avec le scénario : −\d/);
    await cuisines.getByLabel('Raison de l’ajustement').fill('Le centre d’éducation des adultes paie l’atelier d’estime de soi.');
    await editor.getByRole('button', { name: 'Enregistrer la recommandation' }).click();
    await editor.getByText('Recommandation enregistrée.').waitFor();
    expect(nbsp(await coord.getByTestId('rec-left').textContent())).toMatch(/Reste à répartir : [1-9]/);
    await shot(coord, 'clsc1-02-recommendation-adjusted');

    const rec = (await apiAs('demo-coordination', 'GET', `${C}/recommendation`)).recommendation;
    const line = (org: string) => rec.lines.find((l: { organizationId: string }) => l.organizationId === org);
    expect(line('org-cuisines').amount).toBe(700_000);
    expect(line('org-cuisines').adjustmentReason).toBe('Le centre d’éducation des adultes paie l’atelier d’estime de soi.');
    const grenier = line('org-grenier');
    expect(grenier.amount).toBeGreaterThan(0);

    // A vote closing ten minutes from now (Montreal time, to the minute): time enough for five members on a loaded machine.
    const closes = new Date(Math.ceil((Date.now() + 10 * 60_000) / 60_000) * 60_000);
    const local = closes.toLocaleString('sv-SE', { timeZone: 'America/Montreal' }).slice(0, 16).replace(' ', 'T');
    const adoption = coord.getByTestId('rec-adoption');
    await adoption.getByLabel('Par un vote').check();
    await adoption.getByLabel('Fin du vote (date et heure)').fill(local);
    await adoption.getByRole('button', { name: 'Ouvrir le vote' }).click();
    await coord.getByTestId('rec-vote').waitFor();
    expect(await coord.getByTestId('rec-status').textContent()).toBe('Au vote');
    expect(await coord.getByTestId('rec-vote').textContent()).toContain('Les résultats restent cachés jusqu’à la fermeture du vote.');

    // The members vote, each recused from their own organization's line (Répit-Parents has no proposal here).
    const famille = await vote('demo-membre-famille', 'Groupe d’entraide parents-enfants et halte-répit');
    expect(nbsp(await famille.getByTestId('ballot-closes').textContent())).toContain(local.slice(0, 10));
    await shot(famille, 'clsc1-03-ballot');
    await vote('demo-membre-cje', 'Deux groupes intensifs d’employabilité pour jeunes parents', {
      'Cuisine collective et atelier d’estime de soi': 'Contre',
    });
    await vote('demo-membre-cuisines', 'Cuisine collective et atelier d’estime de soi');
    await vote('demo-membre-grenier', 'Démarchage pour le dépannage des jeunes familles');
    await vote('demo-membre-repit', null, { 'Démarchage pour le dépannage des jeunes familles': 'Abstention' });

    // Before the close: how many voted, never how.
    await coord.reload();
    expect(await coord.getByTestId('rec-ballots').textContent()).toBe('5 bulletins reçus sur 5.');

    // The server's clock passes the close: ballots are refused, the coordinator closes the vote.
    product.advanceClock(closes.getTime() - Date.now() + 60_000);
    await famille.reload();
    await famille.getByTestId('ballot-closed').waitFor();
    await coord.reload();
    expect(await coord.getByTestId('rec-vote').textContent()).toContain('Le vote est terminé');
    await coord.getByTestId('rec-vote').getByRole('button', { name: 'Fermer le vote' }).click();
    await confirmDialog(coord, 'Fermer le vote');
    await coord.getByTestId('rec-minutes').waitFor();
    expect(await coord.getByTestId('rec-status').textContent()).toBe('Adoptée');

    // The minutes: tallies per line, the recusals by name, a secret vote.
    await coord.getByTestId('rec-minutes').getByRole('link').first().click();
    const minutes = coord.getByTestId('minutes');
    await minutes.waitFor();
    const row = (title: string) => minutes.locator('tr').filter({ hasText: title });
    const cells = async (title: string) => (await row(title).locator('td').allTextContents()).slice(3).map(nbsp);
    expect(await cells('Cuisine collective et atelier d’estime de soi')).toEqual(['3', '1', '0', 'au moins 3 membres sur 4', 'Adoptée']);
    expect(await cells('Démarchage pour le dépannage des jeunes familles')).toEqual(['3', '0', '1', 'au moins 3 membres sur 4', 'Adoptée']);
    expect(await coord.getByTestId('minutes-result').textContent()).toBe('La recommandation est adoptée.');
    const recusals = await coord.getByTestId('minutes-recusals').textContent();
    expect(recusals).toContain('Marc-André Gauthier');
    expect(await coord.getByTestId('minutes-recusals').locator('li').count()).toBe(4);
    expect(await minutes.getByTestId('minutes-open-ballots').count()).toBe(0);
    await shot(coord, 'clsc1-04-minutes');
    expect(await printToPdf(coord, 'minutes-clsc1.pdf')).toBeGreaterThanOrEqual(1);

    // The manager accepts the recommendation as it is.
    const manager = await newPage('demo-gestionnaire');
    await manager.goto(`${product.url}/appels/${CALL}`);
    await manager.getByRole('link', { name: 'Décision de l’établissement' }).click();
    await manager.getByRole('heading', { name: 'Décision de l’établissement', level: 1 }).waitFor();
    expect(nbsp(await manager.getByTestId(`line-${grenier.proposalId}`).textContent())).toContain(money(grenier.amount));
    // The table's adjustment and its reason, beside the line it changed.
    expect(await manager.getByTestId(`line-${line('org-cuisines').proposalId}`).textContent()).toContain(
      'ajusté par la table : Le centre d’éducation des adultes paie l’atelier d’estime de soi.',
    );
    await shot(manager, 'clsc1-05-decision-form');
    await manager.getByRole('button', { name: 'Consigner la décision : accepter la recommandation telle quelle' }).click();
    await confirmDialog(manager, 'Consigner la décision');
    const decided = manager.getByTestId(`decided-${grenier.proposalId}`);
    await decided.waitFor();
    expect(nbsp(await decided.textContent())).toContain(money(grenier.amount));
    // The adjusted line's reason is the table's, not the scenario's (which no longer explains its amount).
    const adjusted = nbsp(await manager.getByTestId(`decided-${line('org-cuisines').proposalId}`).textContent());
    expect(adjusted).toContain('7 000,00 $');
    expect(adjusted).toContain('Le centre d’éducation des adultes paie l’atelier d’estime de soi.');
    expect(adjusted).not.toContain('Financé à');
    await shot(manager, 'clsc1-06-decision-recorded');

    // The printed decision.
    await manager.getByRole('link', { name: 'Version imprimable' }).click();
    await manager.locator('.document-header').waitFor();
    expect(await manager.locator('.document-header').textContent()).toContain('CISSS des Laurentides');
    expect(await printToPdf(manager, 'decision-clsc1.pdf')).toBeGreaterThanOrEqual(1);

    // The Grenier solidaire reads its outcome on its home page, on its proposal's page, and in its letter.
    const org = await newPage('demo-organisme-grenier');
    const outcomes = org.getByRole('region', { name: 'Décisions sur mes projets' });
    await outcomes.waitFor();
    const mine = outcomes.locator('li').filter({ hasText: 'Démarchage pour le dépannage des jeunes familles' });
    expect(nbsp(await mine.textContent())).toContain(`Financé : ${money(grenier.amount)} pour 1 an`);
    await shot(org, 'clsc1-07-organization-home');
    await mine.getByRole('link', { name: 'Démarchage pour le dépannage des jeunes familles' }).click();
    const onPage = org.getByRole('region', { name: 'Décision', exact: true });
    await onPage.waitFor();
    expect(nbsp(await onPage.textContent())).toContain(money(grenier.amount));
    await onPage.getByRole('link', { name: 'Lire la lettre de décision' }).click();
    await org.getByRole('heading', { name: 'Lettre de décision' }).waitFor();
    expect(nbsp(await org.getByTestId('letter-outcome').textContent())).toContain(money(grenier.amount));
    await shot(org, 'clsc1-08-letter');

    // The public page, signed out, from the link the manager finds on the call's page.
    await manager.goto(`${product.url}/appels/${CALL}`);
    const href = await manager.getByRole('link', { name: 'Voir la page publique des résultats' }).getAttribute('href');
    const visitor = await newPage();
    await visitor.goto(`${product.url}${href}`);
    await visitor.getByRole('heading', { level: 2, name: 'Projets financés' }).waitFor();
    const text = nbsp(await visitor.locator('main').textContent());
    expect(text).toContain('Le Grenier solidaire');
    expect(text).toContain(money(grenier.amount));
    expect(text).toContain('7 000,00 $');
    expect(text).toContain('Réduction proportionnelle');
    await visitor.getByRole('heading', { level: 2, name: 'Adoption par la table : vote' }).waitFor();
    expect(text).toContain('5 membres votants');
    expect(text).toContain('Pour : 3 · Contre : 1 · Abstention : 0');
    expect(text).toContain('1 membre récusé');
    expect(text).toContain('Aucun écart : la gestionnaire a suivi la recommandation de la table.');
    for (const name of ['Sophie Lavoie', 'Nadia Roy', 'Julie Bergeron', 'Marc-André Gauthier', 'Chantal Ouellet', 'Luc Tremblay', 'Martine Gagnon'])
      expect(text).not.toContain(name);
    await shot(visitor, 'clsc1-09-public-results');
  }, 480_000);
});
