/**
 * The table's recommendation on screen, on last year's demo call (scored, ready for fitting): the
 * coordinator drafts it from a scenario, adjusts a line (its reason asked beside it), opens a vote; a member
 * finds her own organization's line locked with why and votes "Pour sur toutes les lignes"; the coordinator
 * closes the vote; the minutes read "au moins N membres sur E" and print as a letter-size PDF (an artifact).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { confirmDialog, nbsp, shot, T, useProduct } from './browser';

const product = useProduct();
const { newPage, apiAs } = product;
const CALL = 'call-psjp-precedent';
const C = `${T}/calls/${CALL}`;
const VOTERS = ['demo-membre-famille', 'demo-membre-cje', 'demo-membre-cuisines', 'demo-membre-grenier', 'demo-membre-repit'];

describe('the recommendation on screen', () => {
  it('drafts from a scenario, adjusts with a reason, votes with a recused line, closes and prints the minutes', async () => {
    const scenario = await apiAs('demo-coordination', 'POST', `${C}/scenarios`, { name: 'Partage égal', method: 'equal' });
    expect(scenario.id).toBeTruthy();

    const coord = await newPage('demo-coordination');
    // The table's rules in plain words; its coordinator makes the vote open (by name).
    await coord.goto(`${product.url}/tables/table-psjp-clsc1`);
    const rules = coord.getByTestId('table-rules');
    await rules.getByRole('listitem').first().waitFor();
    expect(await rules.getByRole('listitem').allTextContents()).toEqual([
      'Quorum : la majorité des membres votants non récusés',
      'Majorité simple (plus de pour que de contre)',
      'Vote secret',
    ]);
    await rules.getByLabel('Vote à découvert').check();
    await rules.getByRole('button', { name: 'Enregistrer les règles' }).click();
    await rules.getByText('Règles enregistrées.').waitFor();
    expect(await rules.getByRole('listitem').last().textContent()).toBe('Vote à découvert');

    await coord.goto(`${product.url}/appels/${CALL}/recommandation`);
    const draft = coord.getByTestId('rec-draft');
    await draft.getByLabel('Rédiger à partir de').selectOption(scenario.id);
    await draft.getByRole('button', { name: 'Rédiger la recommandation' }).click();
    const editor = coord.getByTestId('rec-editor');
    await editor.waitFor();
    expect(await coord.getByTestId('rec-status').textContent()).toBe('Brouillon');

    // Lower the first funded line: the difference from the scenario shows, and its reason is asked.
    const first = editor.locator('fieldset.rec-line').first();
    const amount = first.getByLabel('Montant');
    const before = nbsp(await amount.inputValue());
    await amount.fill('0');
    await amount.blur();
    expect(nbsp(await first.getByTestId('rec-diff').textContent())).toContain('Écart avec le scénario : −');
    await editor.getByRole('button', { name: 'Enregistrer la recommandation' }).click();
    await first
      .getByText(/écrivez la raison de l’ajustement/)
      .first()
      .waitFor();
    await first.getByLabel('Raison de l’ajustement').fill('La table réserve ce montant pour un autre projet.');
    await editor.getByRole('button', { name: 'Enregistrer la recommandation' }).click();
    await editor.getByText('Recommandation enregistrée.').waitFor();
    expect(nbsp(await coord.getByTestId('rec-left').textContent())).toContain('Reste à répartir');
    expect(before).not.toBe('0,00');
    await shot(coord, '90-recommendation-draft');

    // Open the vote, closing in five days at 17 h 00.
    const adoption = coord.getByTestId('rec-adoption');
    const day = new Date(Date.now() + 5 * 86_400_000).toLocaleDateString('en-CA', { timeZone: 'America/Montreal' });
    await adoption.getByLabel('Fin du vote (date et heure)').fill(`${day}T17:00`);
    await adoption.getByRole('button', { name: 'Ouvrir le vote' }).click();
    await coord.getByTestId('rec-vote').waitFor();
    expect(await coord.getByTestId('rec-status').textContent()).toBe('Au vote');

    // A member: her own organization's line is locked, with why; "Pour sur toutes les lignes" fills the others.
    const famille = await newPage('demo-membre-famille');
    await famille.goto(`${product.url}/appels/${CALL}/recommandation/vote`);
    const ballot = famille.getByTestId('rec-ballot');
    await ballot.waitFor();
    expect(nbsp(await famille.getByTestId('ballot-closes').textContent())).toContain(`${day} 17 h 00`);
    const locked = ballot.locator('fieldset.locked');
    expect(await locked.count()).toBe(1);
    expect(await locked.textContent()).toContain('Récusé·e : vous représentez cet organisme');
    await ballot.getByRole('button', { name: 'Pour sur toutes les lignes' }).click();
    await ballot.getByRole('button', { name: 'Enregistrer mon vote' }).click();
    await ballot.getByText(/Vote enregistré/).waitFor();
    await shot(famille, '91-recommendation-ballot');

    // The other voting members vote for every line they may vote on.
    for (const who of VOTERS.slice(1)) {
      const view = await apiAs(who, 'GET', `${C}/recommendation`);
      const recused = new Set(view.myRecusals.map((r: { proposalId: string }) => r.proposalId));
      const choices = Object.fromEntries(
        view.recommendation.lines.filter((l: { proposalId: string }) => !recused.has(l.proposalId)).map((l: { proposalId: string }) => [l.proposalId, 'for']),
      );
      const saved = await apiAs(who, 'PUT', `${C}/recommendation/ballot`, { version: null, choices });
      expect(saved.version).toBe(1);
    }

    await coord.reload();
    expect(await coord.getByTestId('rec-ballots').textContent()).toBe('5 bulletins reçus sur 5.');
    await coord.getByTestId('rec-vote').getByRole('button', { name: 'Fermer le vote' }).click();
    await confirmDialog(coord, 'Fermer le vote');
    await coord.getByTestId('rec-minutes').waitFor();
    expect(await coord.getByTestId('rec-status').textContent()).toBe('Adoptée');
    await coord.getByTestId('rec-minutes').getByRole('link').first().click();
    const minutes = coord.getByTestId('minutes');
    await minutes.waitFor();
    expect(await minutes.textContent()).toContain('CISSS des Laurentides (démo)');
    expect(nbsp(await minutes.textContent())).toMatch(/au moins 3 membres sur [45]/);
    expect(await coord.getByTestId('minutes-result').textContent()).toBe('La recommandation est adoptée.');
    expect(await coord.getByTestId('minutes-recusals').textContent()).toContain('(représente l’organisme)');
    // An open vote: who voted what, by name.
    expect(await minutes.getByTestId('minutes-open-ballots').textContent()).toContain('Sophie Lavoie :');
    await shot(coord, '92-recommendation-minutes');

    // Printed: no navigation, no buttons; a letter-size document.
    await coord.emulateMedia({ media: 'print' });
    expect(await coord.locator('header.top').isVisible()).toBe(false);
    expect(await minutes.getByRole('button', { name: 'Imprimer' }).isVisible()).toBe(false);
    const pdf = await coord.pdf({ preferCSSPageSize: true, printBackground: true });
    const dir = join(process.cwd(), 'test-artifacts');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'recommendation-minutes.pdf'), pdf);
    // Letter: 612 × 792 points.
    expect(pdf.toString('latin1')).toMatch(/\/MediaBox \[0 0 612 792\]/);
  });
});
