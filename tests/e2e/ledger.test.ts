/**
 * The money in Chromium (issue 14), on agreements signed quickly against the product's table (the same
 * transaction as the signature route, tests/support/agreements.ts), in two envelopes of a program made
 * for the test (last fiscal year's and this one's):
 *
 * - CLSC 3's pattern: two installments over October to September (one in each fiscal year); the manager
 *   records the first on `/ententes/:id/versements`, and prints the payment statement (a letter-size PDF
 *   artifact, the institution at the top, page / pages at the bottom);
 * - CLSC 4's pattern: monthly claims; Répit-Parents submits two claims with a note, the manager approves
 *   one from `/reclamations` (also a task on her home page) and refuses the other with a reason, which
 *   the organization reads on its payments page before submitting it again;
 * - the envelope's ledger `/enveloppes/:id/grand-livre`: the movements and totals, the CSV (its first
 *   lines), the carry-over of an unspent amount to this year's envelope with its reason.
 *
 * The payments page, the claim form and the ledger are checked at 390 px (no sideways scroll) and with axe.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { instantToMontrealLocal } from '../../shared/dates';
import { fiscalYearOfDate } from '../../shared/agreements';
import { putAgreementAs, signForInstitution, type AgreementSpec } from '../support/agreements';
import type { Harness } from '../support/harness';
import { nbsp, shot, T, useProduct } from './browser';

const product = useProduct();
const { newPage, apiAs } = product;
const TENANT = 'cisss-laurentides-demo';
const ARTIFACTS = join(process.cwd(), 'test-artifacts');

/** The product's table as the agreements' helpers want it (they read only these). */
const table = () => ({ db: product.db, tenantId: TENANT, clock: { now: product.now() } }) as unknown as Harness;

/** Today in Montreal, and the fiscal year holding it: the test's dates follow the real clock. */
const today = () => instantToMontrealLocal(product.now()).slice(0, 10);

async function envelope(program: string, fiscalYear: number) {
  const e = await apiAs('demo-gestionnaire', 'POST', `${T}/envelopes`, {
    program,
    title: `Haltes-répit ${fiscalYear}-${fiscalYear + 1}`,
    fiscalYear,
    // 200 000 $, 10 % to the community: 20 000,00 $ available.
    programBudget: 20_000_000,
    deductions: [],
    communityShareBasisPoints: 1000,
  });
  expect(e.id).toBeTruthy();
  return e as { id: string; title: string };
}

/** An agreement both parties signed (the institution at `signedAt`), the demo's institution named on it. */
async function signed(spec: AgreementSpec, signedAt: string) {
  const a = await putAgreementAs(table(), spec, { institution: { name: 'CISSS des Laurentides' } });
  await signForInstitution(table(), a, signedAt);
  return a;
}

describe('payments, claims and the envelope ledger', () => {
  it('installment → claims approved and refused → ledger, CSV and carry-over → printed statement', async () => {
    const fy = fiscalYearOfDate(today());
    const last = fy - 1;
    // A program of its own per attempt (a retried test starts clean).
    const tag = Math.random().toString(36).slice(2, 7);
    const program = `Haltes-répit ${tag}`;
    const saturday = `Halte-répit du samedi ${tag}`;
    const lastYear = await envelope(program, last);
    const thisYear = await envelope(program, fy);
    // Both agreements signed by the institution on March 20 of the year before: payments date from then.
    const signedAt = `${last - 1}-03-20T16:00:00.000Z`;

    // CLSC 3: October to September, 3 000 $ then 3 000 $, one installment in each fiscal year.
    const installments = await signed(
      {
        organization: { id: 'org-grenier', name: 'Le Grenier solidaire', neq: '1140000045' },
        title: 'Coin bébé au comptoir de dépannage',
        period: { start: `${last}-10-01`, end: `${fy}-09-30` },
        years: [
          { fiscalYear: last, envelopeId: lastYear.id, cents: 300_000 },
          { fiscalYear: fy, envelopeId: thisYear.id, cents: 300_000 },
        ],
        schedule: {
          kind: 'installments',
          installments: [
            { dueOn: `${last}-10-01`, cents: 300_000 },
            { dueOn: `${fy}-04-01`, cents: 300_000 },
          ],
        },
      },
      signedAt,
    );
    // CLSC 4: last fiscal year's monthly claims, up to 10 000 $.
    const periodic = await signed(
      {
        organization: { id: 'org-repit', name: 'Répit-Parents des Laurentides', neq: '1140000052' },
        title: saturday,
        period: { start: `${last}-04-01`, end: `${fy}-03-31` },
        years: [{ fiscalYear: last, envelopeId: lastYear.id, cents: 1_000_000 }],
        schedule: { kind: 'periodic', every: 'month' },
      },
      signedAt,
    );

    // ── The manager records the first installment ──
    const manager = await newPage('demo-gestionnaire');
    await manager.goto(`${product.url}/ententes/${installments.id}/versements`);
    await manager.getByRole('heading', { level: 1, name: /Versements — Coin bébé/ }).waitFor();
    expect(nbsp(await manager.getByTestId('installment-0').textContent())).toContain('3 000,00 $');
    const record = manager.getByRole('form', { name: 'Enregistrer un versement' });
    await record.getByLabel('Versement de l’échéancier').selectOption({ index: 0 });
    await record.getByLabel('Montant', { exact: true }).fill('3 000,00');
    // A date before the institution's signature: refused beside the date, named in plain words.
    const paidOn = record.getByLabel('Date du versement');
    expect(await paidOn.inputValue()).toBe(today());
    await paidOn.fill(`${last - 1}-03-19`);
    await record.getByLabel('Référence (no de chèque, de virement)').fill('Chèque 4471');
    await record.getByRole('button', { name: 'Enregistrer un versement' }).click();
    await record.locator('[aria-invalid="true"]').first().waitFor();
    expect(await paidOn.getAttribute('aria-invalid')).toBe('true');
    expect(await record.getByLabel('Montant', { exact: true }).getAttribute('aria-invalid')).not.toBe('true');
    expect(await record.textContent()).toContain(`précède la signature de l’entente par l’établissement, le ${last - 1}-03-20`);
    await paidOn.fill(`${last}-10-15`);
    await record.getByLabel('Référence (no de chèque, de virement)').fill('Chèque 4471');
    await record.getByRole('button', { name: 'Enregistrer un versement' }).click();
    await manager.getByText('Le versement est consigné.').waitFor();
    await manager
      .getByTestId('payments')
      .getByText(/Chèque 4471/)
      .waitFor();
    expect(nbsp(await manager.getByTestId('installment-0').textContent())).toMatch(/3 000,00 \$.*3 000,00 \$.*0,00 \$/);
    expect(nbsp(await manager.getByTestId('pay-totals').textContent())).toBe('Total versé : 3 000,00 $ · Reste à verser : 3 000,00 $');
    // The installment paid in full leaves the form's list: the next one is chosen.
    expect(await record.getByLabel('Versement de l’échéancier').locator('option').allTextContents()).toEqual([`Versement 2 · ${fy}-04-01`]);
    expect(await record.getByLabel('Versement de l’échéancier').inputValue()).toBe('1');
    await shot(manager, 'ledger-01-payments');

    // ── The organization submits two monthly claims with a note ──
    const org = await newPage('demo-organisme-repit');
    await org.goto(`${product.url}/ententes/${periodic.id}/versements`);
    const claimForm = org.getByRole('form', { name: 'Soumettre une réclamation' });
    await claimForm.waitFor();
    await shot(org, 'ledger-02-claim-form');
    const submitClaim = async (start: string, amount: string, note: string) => {
      await claimForm.getByLabel('Période', { exact: true }).selectOption(start);
      await claimForm.getByLabel('Montant', { exact: true }).fill(amount);
      await claimForm.getByLabel('Activités de la période (note courte)').fill(note);
      await claimForm.getByRole('button', { name: 'Soumettre une réclamation' }).click();
      await org.getByTestId('claims').getByText(note).waitFor();
    };
    await submitClaim(`${last}-04-01`, '800,00', 'Huit haltes du samedi, 46 enfants');
    await submitClaim(`${last}-05-01`, '950,00', 'Neuf haltes, sortie au parc');
    expect(await org.getByTestId('claims').locator('li').count()).toBe(2);

    // ── The manager: a task on her home page, then /reclamations from the navigation ──
    await manager.goto(`${product.url}/`);
    const task = manager.getByTestId('tasks').locator('li[data-kind="claims"]');
    await task.waitFor();
    // Two here (a retried attempt leaves its own in the tenant's queue: the task counts them all).
    const waiting = (await apiAs('demo-gestionnaire', 'GET', `${T}/claims`)).items.length;
    expect(waiting).toBeGreaterThanOrEqual(2);
    expect(nbsp(await task.textContent())).toContain(`${waiting} réclamations attendent votre décision`);
    await manager.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Réclamations' }).click();
    await manager.getByRole('heading', { level: 1, name: 'Réclamations à traiter' }).waitFor();
    const queue = manager.getByTestId('claims-queue');
    const ours = queue.locator('li').filter({ hasText: saturday });
    const april = ours.filter({ hasText: 'Huit haltes du samedi' });
    const may = ours.filter({ hasText: 'Neuf haltes' });
    expect(nbsp(await april.textContent())).toContain('800,00 $');
    expect(await april.textContent()).toContain('Répit-Parents des Laurentides');
    await april.getByText('Approuver et consigner le versement / Refuser').click();
    await shot(manager, 'ledger-03-claims-queue');
    // The date the form proposes, today, is accepted: a claim is paid after its month, after the period if need be.
    expect(await april.getByLabel('Date du versement').inputValue()).toBe(today());
    await april.getByLabel('Référence (no de chèque, de virement)').fill('Virement 2210');
    await april.getByRole('button', { name: 'Approuver et consigner le versement' }).click();
    await april.waitFor({ state: 'detached' });
    await may.getByText('Approuver et consigner le versement / Refuser').click();
    await may.getByLabel('Motif du refus (obligatoire)').fill('La liste des présences manque : joignez-la et soumettez de nouveau.');
    await may.getByRole('button', { name: 'Refuser' }).click();
    await may.waitFor({ state: 'detached' });

    // ── The organization sees the refusal on its home page, reads the reason, and submits the month again ──
    await org.goto(`${product.url}/`);
    const refusedHome = org.getByTestId('my-payments').locator('li').filter({ hasText: saturday }).getByTestId('my-refused-claim');
    await refusedHome.waitFor();
    expect(nbsp(await refusedHome.textContent())).toContain(`Réclamation refusée : ${last}-05-01 – ${last}-05-31, 950,00 $`);
    expect(await refusedHome.textContent()).toContain('Motif du refus : La liste des présences manque');
    await shot(org, 'ledger-04a-refused-on-home');
    await refusedHome.getByRole('link', { name: 'Corriger et soumettre de nouveau la réclamation' }).click();
    const refused = org.getByTestId('claims').locator('li').filter({ hasText: 'Neuf haltes' });
    await refused.waitFor();
    expect(await refused.textContent()).toContain('Refusée');
    expect(await refused.getByTestId('claim-reason').textContent()).toBe(
      'Motif du refus : La liste des présences manque : joignez-la et soumettez de nouveau.',
    );
    expect(await org.getByTestId('claims').locator('li').filter({ hasText: 'Huit haltes' }).textContent()).toContain('Approuvée');
    expect(nbsp(await org.getByTestId('pay-totals').textContent())).toBe('Total versé : 800,00 $ · Reste à verser : 9 200,00 $');
    await claimForm.getByLabel('Période', { exact: true }).selectOption(`${last}-05-01`);
    expect(await claimForm.getByLabel('Période', { exact: true }).locator('option:checked').textContent()).toContain('refusée, à soumettre de nouveau');
    await submitClaim(`${last}-05-01`, '950,00', 'Neuf haltes, liste des présences jointe');
    const again = org.getByTestId('claims').locator('li').filter({ hasText: 'liste des présences jointe' });
    expect(await again.textContent()).toContain('En attente');
    expect(await again.getByTestId('claim-previous').textContent()).toContain('refusée : La liste des présences manque');
    await shot(org, 'ledger-04-claims-organization');
    // Its home page: what remains to be paid, and the claim waiting.
    await org.goto(`${product.url}/`);
    const mine = org.getByTestId('my-payments').locator('li').filter({ hasText: saturday });
    await mine.waitFor();
    expect(nbsp(await mine.textContent())).toContain('Reste à verser : 9 200,00 $');
    expect(nbsp(await mine.textContent())).toContain('Réclamations en attente : 1');
    // Submitted again: no longer refused.
    expect(await mine.getByTestId('my-refused-claim').count()).toBe(0);

    // ── Last year's envelope's ledger: movements, totals, CSV, carry-over ──
    await manager.goto(`${product.url}/enveloppes/${lastYear.id}`);
    await manager.getByRole('link', { name: 'Grand livre de l’enveloppe' }).click();
    await manager.getByRole('heading', { level: 1, name: `Grand livre — ${lastYear.title}` }).waitFor();
    // Each figure with its label: "Disponible 20 000,00 $ | Engagé … | …".
    const totals = async () => (await manager.getByTestId('ledger-totals').locator('dt, dd').allTextContents()).map(nbsp).join(' ').replace(/ \$ /g, ' $ | ');
    // 20 000 $ available; 3 000 $ + 10 000 $ committed; 3 000 $ + 800 $ paid.
    expect(await totals()).toBe(
      'Disponible 20 000,00 $ | Engagé (ententes signées) 13 000,00 $ | Versé 3 800,00 $ | Reste à engager 7 000,00 $ | Reste à verser 9 200,00 $',
    );
    const rows = manager.getByTestId('ledger-movements').locator('tbody tr');
    expect(await rows.count()).toBe(4);
    const rowTexts = (await rows.allInnerTexts()).map((r) => nbsp(r).replace(/\s+/g, ' '));
    expect(rowTexts[0]).toContain('Versement Répit-Parents des Laurentides 800,00 $ Virement 2210');
    expect(rowTexts[1]).toContain('Versement Le Grenier solidaire 3 000,00 $ Chèque 4471');
    expect(rowTexts.filter((r) => r.includes('Engagement (signature)'))).toHaveLength(2);
    await shot(manager, 'ledger-05-ledger');

    const [file] = await Promise.all([manager.waitForEvent('download'), manager.getByRole('button', { name: 'Télécharger en CSV (Excel)' }).click()]);
    expect(file.suggestedFilename()).toBe(`grand-livre-${lastYear.id}.csv`);
    const bytes = readFileSync((await file.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = nbsp(bytes.toString('utf8').slice(1)).split('\r\n');
    expect(csv.slice(0, 5)).toEqual([
      `Enveloppe;${lastYear.title}`,
      `Programme;${program}`,
      `Exercice;${last}-${last + 1}`,
      '',
      'Date;Mouvement;Organisme;Entente;Disponible ($);Engagé ($);Versé ($);Référence;Motif;Par',
    ]);
    expect(csv.filter((l) => l.includes(';Engagement (signature);'))).toHaveLength(2);
    expect(csv.some((l) => l.includes(`;Versement;Répit-Parents des Laurentides;${periodic.id};0;0;800;Virement 2210;;Martine Gagnon`))).toBe(true);
    expect(csv.some((l) => l.includes(`;Versement;Le Grenier solidaire;${installments.id};0;0;3000;Chèque 4471;;Martine Gagnon`))).toBe(true);
    expect(csv).toContain('Reste à verser ($);9200');

    // Carry-over: 1 500 $ of what remains uncommitted goes to this year's envelope, with its reason.
    const carry = manager.getByRole('form', { name: 'Reporter le solde à l’exercice suivant' });
    await carry.getByLabel('Enveloppe de destination').selectOption({ label: `${thisYear.title} (${fy}-${fy + 1})` });
    expect(nbsp(await carry.getByText(/Montant à reporter/).textContent())).toContain('au plus 7 000,00 $');
    await carry.getByLabel(/Montant à reporter/).fill('1 500,00');
    await carry.getByLabel('Motif du report (obligatoire)').fill('Halte du dimanche reportée : local indisponible');
    await carry.getByRole('button', { name: 'Reporter' }).click();
    await manager.getByText(/Reporté à l’exercice/).waitFor();
    expect(nbsp(await manager.getByText(/Reporté à l’exercice/).textContent())).toBe(
      `Reporté à l’exercice ${fy}-${fy + 1} : 1 500,00 $ — Halte du dimanche reportée : local indisponible`,
    );
    expect(await totals()).toContain('Disponible 18 500,00 $');
    expect(await totals()).toContain('Reste à engager 5 500,00 $');
    expect(await manager.getByRole('form', { name: 'Reporter le solde à l’exercice suivant' }).count()).toBe(0);
    await shot(manager, 'ledger-06-carried-over');
    await manager.goto(`${product.url}/enveloppes/${thisYear.id}/grand-livre`);
    await manager.getByText(/Reçu de l’exercice/).waitFor();
    expect(nbsp(await manager.getByText(/Reçu de l’exercice/).textContent())).toBe(
      `Reçu de l’exercice ${last}-${last + 1} : 1 500,00 $ — Halte du dimanche reportée : local indisponible`,
    );
    expect(await totals()).toContain('Disponible 21 500,00 $');

    // ── The printed payment statement ──
    await manager.goto(`${product.url}/ententes/${installments.id}/versements`);
    await manager.getByRole('link', { name: 'Relevé imprimable' }).click();
    await manager.locator('.document-header').waitFor();
    expect(await manager.locator('.document-header').textContent()).toBe('CISSS des Laurentides');
    await manager.getByRole('heading', { level: 1, name: /Relevé des versements/ }).waitFor();
    expect(await manager.getByTestId('statement-issued').textContent()).toBe(`Émis le ${today()}`);
    // Amounts right-aligned in the statement's table.
    expect(
      await manager
        .getByTestId('installment-0')
        .locator('td')
        .last()
        .evaluate((td) => getComputedStyle(td).textAlign),
    ).toBe('right');
    // In English: no space before the colon, "Issued on".
    await manager.evaluate(() => localStorage.setItem('enveloppe.lang', 'en'));
    await manager.reload();
    await manager.getByTestId('statement-issued').waitFor();
    expect(await manager.getByTestId('statement-issued').textContent()).toBe(`Issued on ${today()}`);
    expect(nbsp(await manager.getByTestId('pay-totals').textContent())).toBe('Total paid: $3,000.00 · Remaining to pay: $3,000.00');
    await manager.evaluate(() => localStorage.setItem('enveloppe.lang', 'fr'));
    await manager.reload();
    await manager.getByRole('heading', { level: 1, name: /Relevé des versements/ }).waitFor();
    await manager.emulateMedia({ media: 'print' });
    expect(await manager.getByRole('navigation', { name: 'Navigation principale' }).isVisible()).toBe(false);
    expect(nbsp(await manager.locator('article.document').textContent())).toContain('Chèque 4471');
    await manager.screenshot({ path: join(ARTIFACTS, 'screenshots', 'ledger-07-statement-print.png'), fullPage: true });
    const pdf = await manager.pdf({ format: 'Letter', printBackground: true });
    await manager.emulateMedia({ media: 'screen' });
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'payment-statement.pdf'), pdf);
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF')).toBe(true);
    expect(raw).toMatch(/\/MediaBox \[0 0 612 792\]/);
  });
});
