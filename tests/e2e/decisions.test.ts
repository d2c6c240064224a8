/**
 * The manager decides alone (the administration tendency, CLSC 3): on a call
 * without a table, from amounts typed by hand (a proposal left at 0 is not
 * funded, with its reason); the decision prints
 * as a letter-size PDF; the organization reads its outcome in its projects
 * and opens its letter; the manager amends a line, the original still shown.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { confirmDialog, nbsp, shot, T, useProduct } from './browser';

const product = useProduct();
const { newPage, apiAs } = product;

/** A call without a table (the administration tendency, CLSC 3): two organizations submit, the manager screens them eligible. */
async function callWithoutTable(): Promise<string> {
  const now = product.now().getTime();
  const day = 86_400_000;
  // The demo's envelope is all committed to its calls: this call has its own.
  const envelope = await apiAs('demo-gestionnaire', 'POST', `${T}/envelopes`, {
    program: 'PSJP',
    title: 'Volet CLSC 3',
    fiscalYear: 2026,
    programBudget: 40_000_000,
    deductions: [],
    communityShareBasisPoints: 1000,
  });
  const call = await apiAs('demo-gestionnaire', 'POST', `${T}/calls`, {
    envelopeId: envelope.id,
    title: 'Appel CLSC 3 — répit',
    description: 'La gestionnaire décide seule',
    amountAvailable: 1_500_000,
    maxRequest: 1_000_000,
    eligibilityCriteria: [{ label: 'Organisme du territoire', description: '' }],
    opensAt: new Date(now - day).toISOString(),
    closesAt: new Date(now + day).toISOString(),
    allowedDurations: [1, 2],
    tableId: null,
  });
  if (!call.id) throw new Error(JSON.stringify(call));
  const published = await apiAs('demo-gestionnaire', 'POST', `${T}/calls/${call.id}/publish`, { version: call.version });
  if (!published.eligibilityCriteria) throw new Error(JSON.stringify(published));
  const C = `${T}/calls/${call.id}`;
  const content = (title: string, requested: number, minimum: number) => ({
    title,
    summary: 'Des haltes-répit pour les jeunes parents',
    targetPopulation: 'Jeunes parents',
    activities: [{ title: 'Halte', description: '' }],
    budgetLines: [{ label: 'Salaires', amount: requested }],
    requested,
    minimum,
    durationYears: 1,
  });
  const submitted: { id: string; version: number }[] = [];
  for (const [sub, title, requested, minimum] of [
    ['demo-organisme-grenier', 'Démarchage pour le dépannage', 820_000, 500_000],
    ['demo-organisme-repit', 'Répit-gardiennage', 900_000, 600_000],
  ] as const) {
    const d = await apiAs(sub, 'POST', `${C}/proposals`, { draft: {} });
    submitted.push(await apiAs(sub, 'POST', `${C}/proposals/${d.id}/submit`, { version: d.version, content: content(title, requested, minimum) }));
  }
  product.advanceClock(2 * day);
  for (const p of submitted)
    await apiAs('demo-gestionnaire', 'PUT', `${C}/proposals/${p.id}/screening`, {
      version: p.version,
      results: published.eligibilityCriteria.map((c: { id: string }) => ({ criterionId: c.id, met: true, reason: '' })),
    });
  return call.id;
}

describe('the manager’s decision, end to end', () => {
  it('decides from typed amounts, prints the decision, and the organization reads its outcome and letter', async () => {
    const CALL = await callWithoutTable();
    const manager = await newPage('demo-gestionnaire');
    await manager.goto(`${product.url}/appels/${CALL}`);
    await manager.getByRole('link', { name: 'Décision de l’établissement' }).click();
    await manager.getByRole('heading', { name: 'Décision de l’établissement', level: 1 }).waitFor();
    // No scenario on this call: the amounts are typed.
    await manager.getByLabel('Montants saisis à la main').check();
    const repit = manager.locator('[data-testid^="line-"]').filter({ hasText: 'Répit-gardiennage' });
    await repit.getByLabel('Montant accordé (dans la demande)').fill('9 000');
    await repit.getByLabel('Motif', { exact: true }).fill('Financé en entier');
    const grenier = manager.locator('[data-testid^="line-"]').filter({ hasText: 'Démarchage' });
    await grenier.getByLabel('Motif', { exact: true }).fill('Le projet est financé par la Ville cette année.');
    expect(nbsp(await manager.getByTestId('decision-left').textContent())).toContain('Reste6 000,00 $');
    await shot(manager, '70-decision-form');
    await manager.getByRole('button', { name: 'Consigner la décision' }).click();
    await confirmDialog(manager, 'Consigner la décision');
    const decided = manager.locator('[data-testid^="decided-"]').filter({ hasText: 'Démarchage' });
    await decided.waitFor();
    expect(nbsp(await decided.textContent())).toContain('Non financé');
    expect(nbsp(await manager.locator('[data-testid^="decided-"]').filter({ hasText: 'Répit-gardiennage' }).textContent())).toContain('9 000,00 $');
    await shot(manager, '71-decision-recorded');

    // The printed decision: letter size, the institution's name, saved as a PDF by Chromium.
    await manager.getByRole('link', { name: 'Version imprimable' }).click();
    await manager.locator('.document-header').waitFor();
    expect(await manager.locator('.document-header').textContent()).toContain('CISSS');
    await manager.emulateMedia({ media: 'print' });
    expect(await manager.getByRole('navigation', { name: 'Navigation principale' }).isVisible()).toBe(false);
    mkdirSync(join(process.cwd(), 'test-artifacts'), { recursive: true });
    const pdf = await manager.pdf({ path: join(process.cwd(), 'test-artifacts', 'decision.pdf'), preferCSSPageSize: true });
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await manager.emulateMedia({ media: 'screen' });

    // The organization: its outcome in its projects, and its letter.
    const org = await newPage('demo-organisme-grenier');
    await org.goto(`${product.url}/mes-projets`);
    const outcome = org.getByRole('region', { name: 'Décisions sur mes projets' });
    await outcome.waitFor();
    expect(nbsp(await outcome.textContent())).toContain('Non financé');
    expect(await outcome.textContent()).toContain('Le projet est financé par la Ville cette année.');
    // Only its own line: another organization's project is not there.
    expect(await outcome.textContent()).not.toContain('Répit-gardiennage');
    await shot(org, '72-my-outcomes');
    // The same outcome on the proposal's own page.
    await outcome.getByRole('link', { name: 'Démarchage pour le dépannage' }).click();
    const onPage = org.getByRole('region', { name: 'Décision', exact: true });
    await onPage.waitFor();
    expect(nbsp(await onPage.textContent())).toContain('Non financé');
    await org.goBack();
    await outcome.waitFor();
    await outcome.getByRole('link', { name: 'Lire la lettre de décision' }).click();
    await org.getByRole('heading', { name: 'Lettre de décision' }).waitFor();
    expect(nbsp(await org.getByTestId('letter-outcome').textContent())).toContain('n’est pas financé');
    await shot(org, '73-decision-letter');

    // The manager amends: the Grenier gets 5 000 $ after all; the original stays visible.
    await manager.goto(`${product.url}/appels/${CALL}/decision`);
    await manager.getByRole('button', { name: 'Amender' }).click();
    const form = manager.getByRole('form', { name: 'Amender' });
    await form.getByLabel('Motif de l’amendement').fill('La Ville a retiré son financement.');
    await form.getByLabel('Ligne à changer').selectOption({ label: await optionLabel(manager, 'Démarchage') });
    await form.getByLabel('Montant accordé (dans la demande)').fill('5 000');
    await form.getByLabel('Motif', { exact: true }).fill('Financé en entier');
    await form.getByRole('button', { name: 'Amender' }).click();
    await manager.getByTestId('amendments').waitFor();
    expect(nbsp(await manager.getByTestId('amendments').textContent())).toContain('Non financé → 5 000,00 $');
    await shot(manager, '74-decision-amended');
  });
});

async function optionLabel(page: import('playwright-core').Page, text: string): Promise<string> {
  const labels = await page.getByLabel('Ligne à changer').locator('option').allTextContents();
  return labels.find((l) => l.includes(text))!;
}
