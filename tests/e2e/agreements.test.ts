/**
 * Issue 14 in Chromium, from CLSC 1's decision (the demo's call of last year: the table's recommendation,
 * drawn from an equal split and adopted by consensus, accepted by the manager — reached through the API;
 * the demo's call of two years ago already has its agreements): the manager opens the call's "Ententes de
 * services", generates the agreements, opens Le Grenier solidaire's one, sends it; its representative finds it on her home
 * page, reads it beside the "Avant de signer" checklist (at 390 px too) and signs with her title; the
 * manager signs, which commits the amount in the envelope; the manager records the single payment on the
 * payments page; the envelope's ledger shows committed, paid and what remains; the agreement prints as a
 * letter-size PDF with the institution at the top, both signatures and the page numbers at the bottom.
 * Then the screens the manager needs after the signature: the obligations' follow-up (seen by the
 * organization) and an amendment (avenant) drafted with its reason, before and after shown.
 * The API is only read, for checks.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatMoney } from '../../shared/money';
import { montrealDate } from '../../shared/payments';
import { nbsp, PHONE_WIDTH, shot, T, useProduct } from './browser';

const product = useProduct();
const { newPage, apiAs } = product;
const CALL = 'call-psjp-precedent';
const ARTIFACTS = join(process.cwd(), 'test-artifacts');
const money = (cents: number) => nbsp(formatMoney(cents, 'fr'));
const ORG = 'Le Grenier solidaire';
const VOTERS = ['demo-membre-famille', 'demo-membre-cje', 'demo-membre-cuisines', 'demo-membre-grenier', 'demo-membre-repit'];

/** CLSC 1's decision on last year's call: an equal split, the table's recommendation drawn from it and adopted by consensus, accepted by the manager. */
async function decideLastYearsCall() {
  const C = `${T}/calls/${CALL}`;
  const scenario = await apiAs('demo-coordination', 'POST', `${C}/scenarios`, { name: 'Partage égal', method: 'equal' });
  const recommendation = await apiAs('demo-coordination', 'POST', `${C}/recommendation`, { scenarioId: scenario.id });
  if (!recommendation.version) throw new Error(JSON.stringify(recommendation));
  const minutes = await apiAs('demo-coordination', 'POST', `${C}/recommendation/consensus`, {
    version: recommendation.version,
    present: VOTERS,
    dissent: null,
  });
  if (!minutes.number) throw new Error(JSON.stringify(minutes));
  const decided = await apiAs('demo-gestionnaire', 'POST', `${C}/decision`, { basis: 'recommendation' });
  if (!decided.lines) throw new Error(JSON.stringify(decided));
}

/** At 390 px wide, the page must not scroll sideways (then its size back). */
async function fitsOnPhone(page: Page) {
  const before = page.viewportSize() ?? { width: 1280, height: 720 };
  await page.setViewportSize({ width: PHONE_WIDTH, height: 844 });
  try {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE_WIDTH);
  } finally {
    await page.setViewportSize(before);
  }
}

/** Waits for the agreement's status to read `text` (the page reloads the agreement after each action). */
async function statusIs(page: Page, text: string) {
  await page
    .getByTestId('agreement-status')
    .filter({ hasText: new RegExp(`^${text}$`) })
    .waitFor();
}

describe('CLSC 1: from the decision to the money paid', () => {
  it('generates, sends, both sign, the single payment is recorded, the ledger and the printed agreement show it', async () => {
    await decideLastYearsCall();
    const decision = await apiAs('demo-gestionnaire', 'GET', `${T}/calls/${CALL}/decision`);
    const line = decision.decision.lines.find((l: { organizationId: string }) => l.organizationId === 'org-grenier');
    expect(line.amount).toBeGreaterThan(0);
    const call = await apiAs('demo-gestionnaire', 'GET', `${T}/calls/${CALL}`);
    const envelopeId: string = call.envelopeId;
    // What the envelope's signed agreements already commit (the demo's two-year agreement of the year before).
    const before = (await apiAs('demo-gestionnaire', 'GET', `${T}/envelopes/${envelopeId}/ledger`)).totals;
    const committedBefore: number = before.committed;
    const paidBefore: number = before.paid;

    // The manager: the call, its agreements, generated from the decision.
    const manager = await newPage('demo-gestionnaire');
    await manager.goto(`${product.url}/appels/${CALL}`);
    await manager.getByRole('link', { name: 'Ententes de services' }).click();
    await manager.getByRole('heading', { name: 'Ententes de services', level: 1 }).waitFor();
    expect(await manager.locator('main').textContent()).toContain('Projets financés sans entente');
    await manager.getByRole('button', { name: 'Générer les ententes' }).click();
    await manager.getByRole('link', { name: ORG }).waitFor();
    await shot(manager, 'agr-01-call-agreements');

    // Le Grenier solidaire's agreement: a draft with its amount, sent to the organization.
    await manager.getByRole('link', { name: ORG }).click();
    await manager.getByTestId('agreement-status').waitFor();
    await statusIs(manager, 'En préparation');
    expect(nbsp(await manager.locator('main').textContent())).toContain(money(line.amount));
    // The draft's editor: the year's envelope chosen, the yearly report with its fiscal year, an obligation added.
    const editor = manager.getByRole('form', { name: 'Préparer l’entente' });
    const fy = Number((await apiAs('demo-gestionnaire', 'GET', `${T}/envelopes/${envelopeId}`)).fiscalYear);
    const fyLabel = `${fy}-${fy + 1}`;
    const envelopeSelect = editor.getByLabel(`Enveloppe de l’exercice ${fyLabel}`);
    expect(await envelopeSelect.inputValue()).toBe(envelopeId);
    expect(await editor.getByTestId('obligations-editor').textContent()).toContain(`Rapport annuel de l’exercice ${fyLabel} (qui finit le ${fy + 1}-03-31)`);
    await shot(manager, 'agr-02-draft');
    await editor.getByRole('button', { name: 'Ajouter une obligation' }).click();
    const added = editor.getByTestId('obligation-edit').last();
    await added.getByLabel('Genre d’obligation').selectOption({ label: 'Participation à un comité' });
    // Saved without saying what the organization undertakes: the API's refusal shows beside the field.
    await editor.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await added.locator('.field-invalid').first().waitFor();
    expect(await added.locator('.field-invalid label').first().textContent()).toBe('Ce que l’organisme s’engage à faire');
    await added.getByLabel('Ce que l’organisme s’engage à faire').fill('Participer au comité de suivi PSJP du CLSC (4 rencontres par année)');
    await editor.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await manager.getByText('Le brouillon est enregistré.').waitFor();
    // The clauses follow the schedule: clause 3 written by hand warns once the schedule changes; saved monthly,
    // clause 4 says monthly claims and clause 3 stays as written; back to one payment, clause 4 says so again.
    const clause = (n: number) => editor.getByLabel(`Texte de la clause ${n}`, { exact: true });
    expect(await clause(4).inputValue()).toContain('un seul versement par exercice');
    await clause(3).fill('L’entente couvre l’exercice entier, comme convenu avec l’organisme.');
    expect(await editor.getByTestId('clause-hand-edited').count()).toBe(0);
    await editor.getByLabel('Comment l’argent est versé').selectOption({ label: 'Réclamations mensuelles de l’organisme' });
    await editor.getByTestId('clause-3').getByTestId('clause-hand-edited').waitFor();
    expect(await editor.getByTestId('clause-3').getByTestId('clause-hand-edited').textContent()).toBe(
      'Cette clause a été modifiée à la main : vérifiez qu’elle dit encore vrai.',
    );
    expect(await editor.getByTestId('clause-hand-edited').count()).toBe(1);
    await shot(manager, 'agr-02b-clause-hand-edited');
    await editor.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await manager.getByText('Le brouillon est enregistré.').waitFor();
    await manager.waitForFunction(() =>
      (document.querySelector('[data-testid="clause-4"] textarea') as HTMLTextAreaElement | null)?.value.includes('mensuelle'),
    );
    expect(await clause(4).inputValue()).not.toContain('un seul versement');
    expect(await clause(3).inputValue()).toBe('L’entente couvre l’exercice entier, comme convenu avec l’organisme.');
    await editor.getByLabel('Comment l’argent est versé').selectOption({ label: 'Un seul versement après la signature' });
    await editor.getByRole('button', { name: 'Enregistrer le brouillon' }).click();
    await manager.waitForFunction(() =>
      (document.querySelector('[data-testid="clause-4"] textarea') as HTMLTextAreaElement | null)?.value.includes('un seul versement'),
    );
    const saved = await apiAs('demo-gestionnaire', 'GET', `${T}/agreements/${new URL(manager.url()).pathname.split('/')[2]}`);
    expect(saved.obligations.at(-1)).toMatchObject({ kind: 'committee', label: 'Participer au comité de suivi PSJP du CLSC (4 rencontres par année)' });
    await fitsOnPhone(manager);
    await manager.getByRole('button', { name: 'Envoyer à l’organisme' }).click();
    await manager.getByText('L’entente est envoyée : l’organisme en est avisé.').waitFor();
    await statusIs(manager, 'Envoyée à l’organisme');
    const agreementId = new URL(manager.url()).pathname.split('/')[2]!;

    // The organization: its home page, the agreement, the checklist, its signature with a title.
    const org = await newPage('demo-organisme-grenier');
    const mine = org.getByRole('region', { name: 'Mes ententes' });
    await mine.waitFor();
    await mine.getByRole('link', { name: 'Lire et répondre' }).click();
    await org.getByTestId('before-signing').waitFor();
    expect(await org.getByTestId('before-signing').textContent()).toContain('Avant de signer');
    expect(await org.locator('main').textContent()).toContain('Participer au comité de suivi PSJP du CLSC (4 rencontres par année)');
    await shot(org, 'agr-03-organization-review');
    await fitsOnPhone(org);
    // Asking for changes without saying which: the field says why; then with a comment, back with the manager.
    await org.getByRole('button', { name: 'Demander des changements' }).click();
    await org.getByText('Écrivez ce que vous demandez de changer.').waitFor();
    await org.getByLabel('Ce que vous demandez de changer').fill('Le comité de suivi : deux rencontres par année nous suffisent.');
    await org.getByRole('button', { name: 'Demander des changements' }).click();
    await statusIs(org, 'Changements demandés');
    // The manager: a task on the home page, the comment at the top of the editor, sent again.
    await manager.goto(`${product.url}/`);
    const review = manager.getByTestId('tasks').locator('[data-kind="review-agreement"]');
    await review.waitFor();
    expect(await review.textContent()).toContain(`${ORG} — `);
    await review.getByRole('link').click();
    const asked = manager.getByTestId('changes-asked');
    await asked.waitFor();
    expect(await asked.textContent()).toContain('« Le comité de suivi : deux rencontres par année nous suffisent. »');
    await shot(manager, 'agr-03b-changes-asked');
    await fitsOnPhone(manager);
    await manager.getByRole('button', { name: 'Envoyer à l’organisme' }).click();
    await statusIs(manager, 'Envoyée à l’organisme');
    await org.reload();
    await org.getByTestId('before-signing').waitFor();
    // Signing without a title: the field says why, nothing is signed.
    await org.getByRole('button', { name: 'Signer pour l’organisme' }).click();
    await org.getByText('Écrivez votre titre : il figure à côté de votre signature.').waitFor();
    await statusIs(org, 'Envoyée à l’organisme');
    await org.getByLabel('Votre titre (p. ex. « Directrice générale »)').fill('Directrice générale');
    await org.getByRole('button', { name: 'Signer pour l’organisme' }).click();
    await org.getByText('Signature enregistrée.').waitFor();
    await statusIs(org, 'Signée par l’organisme');

    // The manager signs for the institution: the agreement is signed.
    await manager.reload();
    await manager.getByTestId('agreement-status').waitFor();
    await statusIs(manager, 'Signée par l’organisme');
    await manager.getByLabel('Votre titre (p. ex. « Directrice générale »)').fill('Gestionnaire du programme PSJP');
    await manager.getByRole('button', { name: 'Signer pour l’établissement' }).click();
    await manager.getByText('Signature enregistrée.').waitFor();
    await statusIs(manager, 'Signée');
    await shot(manager, 'agr-04-signed');
    await fitsOnPhone(manager);

    // The single payment, on the payments page, dated today as the form proposes: a payment dates from the
    // institution's signature (just now) to today, whether the agreement's period (two years ago) holds it or not.
    const paidOn = montrealDate(product.now());
    await manager.getByRole('link', { name: 'Versements' }).click();
    const record = manager.getByRole('form', { name: 'Enregistrer un versement' });
    await record.waitFor();
    await record.getByLabel('Montant').fill(
      formatMoney(line.amount, 'fr')
        .replace(' $', '')
        .replace(/[\u00a0\u202f]/g, ' '),
    );
    expect(await record.getByLabel('Date du versement').inputValue()).toBe(paidOn);
    await record.getByLabel('Référence (no de chèque, de virement)').fill('Virement 2041');
    await record.getByRole('button', { name: 'Enregistrer un versement' }).click();
    // (The page's "Le versement est consigné." goes with its form once nothing remains to pay: the list says it.)
    const payments = manager.getByTestId('payments');
    await payments.waitFor();
    expect(nbsp(await payments.textContent())).toContain(`${paidOn} · ${money(line.amount)} · Virement 2041`);
    await shot(manager, 'agr-05-payment');

    // The envelope's ledger: committed and paid the agreement's amount, the rest still to commit.
    await manager.goto(`${product.url}/enveloppes/${envelopeId}/grand-livre`);
    await manager.getByTestId('ledger-totals').waitFor();
    const ledger = await apiAs('demo-gestionnaire', 'GET', `${T}/envelopes/${envelopeId}/ledger`);
    const available: number = ledger.totals.available;
    expect(ledger.totals.committed).toBe(committedBefore + line.amount);
    expect(nbsp(await manager.getByTestId('ledger-committed').textContent())).toContain(money(committedBefore + line.amount));
    expect(nbsp(await manager.getByTestId('ledger-paid').textContent())).toContain(money(paidBefore + line.amount));
    expect(nbsp(await manager.getByTestId('ledger-remaining').textContent())).toContain(money(available - committedBefore - line.amount));
    await shot(manager, 'agr-06-ledger');

    // The printed agreement: the institution at the top, both signatures, page numbers at the bottom.
    await manager.goto(`${product.url}/ententes/${agreementId}/document`);
    await manager.locator('.document-header').waitFor();
    expect(await manager.locator('.document-header').textContent()).toContain('CISSS');
    const signatures = nbsp(await manager.getByTestId('signatures').textContent());
    expect(signatures).toContain('Isabelle Côté, Directrice générale, le ');
    expect(signatures).toContain('Martine Gagnon, Gestionnaire du programme PSJP, le ');
    expect(signatures).toMatch(/le \d{4}-\d{2}-\d{2}/);
    await manager.emulateMedia({ media: 'print' });
    expect(await manager.getByRole('navigation', { name: 'Navigation principale' }).isVisible()).toBe(false);
    const footer = await manager.evaluate(() => {
      const out: string[] = [];
      for (const sheet of [...document.styleSheets])
        for (const rule of [...sheet.cssRules]) if (rule instanceof CSSPageRule && rule.cssText.includes('counter(pages)')) out.push(rule.cssText);
      return out.join('\n');
    });
    expect(footer).toMatch(/Page " counter\(page\) " de " counter\(pages\)/);
    // …and the printed agreement is laid out on that page, in French.
    expect(await manager.locator('.agreement-document').evaluate((el) => getComputedStyle(el).getPropertyValue('page'))).toBe('agreement-fr');
    const pdf = await manager.pdf({ format: 'Letter', printBackground: true });
    mkdirSync(ARTIFACTS, { recursive: true });
    writeFileSync(join(ARTIFACTS, 'agreement-clsc1.pdf'), pdf);
    expect(pdf.subarray(0, 4).toString()).toBe('%PDF');
    await manager.emulateMedia({ media: 'screen' });

    // The obligations' follow-up: the yearly report handed in, with a note the organization reads.
    await manager.goto(`${product.url}/ententes/${agreementId}`);
    const report = manager.locator('[data-testid^="obligation-"]').filter({ hasText: `Rapport annuel ${fyLabel}` });
    await report.getByLabel('Où en est-elle ?').selectOption({ label: 'Respectée' });
    await report.getByLabel('Note pour l’organisme (facultative)').fill('Rapport reçu le 2 juin, complet.');
    await report.getByRole('button', { name: 'Enregistrer le suivi' }).click();
    await manager.getByText('Le suivi est enregistré : l’organisme le voit dans son entente.').waitFor();
    await org.goto(`${product.url}/ententes/${agreementId}`);
    const seen = org.getByTestId('obligation').filter({ hasText: `Rapport annuel ${fyLabel}` });
    await seen.waitFor();
    expect(await seen.textContent()).toContain('Respectée');
    expect(await seen.textContent()).toContain('Note de l’établissement : Rapport reçu le 2 juin, complet.');

    // An amendment (avenant): refused without a reason, then drafted with the new amount, before and after shown.
    await manager.getByRole('button', { name: 'Préparer un avenant' }).click();
    const amend = manager.getByRole('form', { name: 'Préparer un avenant' });
    const raised = line.amount + 20_000;
    await amend.getByLabel(`Exercice ${fyLabel}`, { exact: true }).fill(
      formatMoney(raised, 'fr')
        .replace(' $', '')
        .replace(/[\u00a0\u202f]/g, ' '),
    );
    await amend.getByLabel(`Exercice ${fyLabel}`, { exact: true }).blur();
    expect(nbsp(await amend.getByTestId('amendment-preview').textContent())).toContain(`${money(line.amount)} ⟶ ${money(raised)}`);
    await amend.getByRole('button', { name: 'Enregistrer l’avenant' }).click();
    expect(await amend.locator('.field-invalid .error').first().textContent()).toContain('Dites pourquoi l’entente change');
    await amend.getByLabel('Motif de l’avenant (obligatoire)').fill('Le transport des familles coûte plus cher que prévu.');
    await shot(manager, 'agr-07-amendment-draft');
    await amend.getByRole('button', { name: 'Enregistrer l’avenant' }).click();
    const first = manager.getByTestId('amendment-1');
    await first.waitFor();
    // Cancelling asks first; kept, it stays a draft.
    await manager.getByRole('button', { name: 'Annuler l’avenant' }).click();
    const dialog = manager.getByRole('dialog', { name: 'Annuler l’avenant no 1?' });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Garder l’avenant' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await apiAs('demo-gestionnaire', 'GET', `${T}/agreements/${agreementId}`)).amendments[0].status).toBe('draft');
    expect(nbsp(await first.textContent())).toContain(money(line.amount));
    expect(nbsp(await first.textContent())).toContain(money(raised));
    await manager.getByRole('button', { name: 'Envoyer l’avenant' }).click();
    await manager.getByText('L’entente est envoyée : l’organisme en est avisé.').waitFor();
    await org.reload();
    await org.getByTestId('amendment-1').waitFor();
    await fitsOnPhone(org);
    await org.getByLabel('Votre titre (p. ex. « Directrice générale »)').fill('Directrice générale');
    await org.getByRole('button', { name: 'Signer l’avenant' }).click();
    await org.getByText('Signature enregistrée.').waitFor();
    await manager.reload();
    await manager.getByLabel('Votre titre (p. ex. « Directrice générale »)').fill('Gestionnaire du programme PSJP');
    await manager.getByRole('button', { name: 'Signer l’avenant' }).click();
    await manager.getByText('Signature enregistrée.').waitFor();
    const amended = await apiAs('demo-gestionnaire', 'GET', `${T}/agreements/${agreementId}`);
    expect(amended.amount).toBe(raised);
    expect(amended.original.amount).toBe(line.amount);
    expect(amended.amendments[0].status).toBe('signed');
    const after = await apiAs('demo-gestionnaire', 'GET', `${T}/envelopes/${envelopeId}/ledger`);
    expect(after.totals.committed).toBe(committedBefore + raised);
    await shot(manager, 'agr-08-amendment-signed');
    // The call's agreements say each one's fiscal years and period (an agreement and its renewal differ there).
    await manager.goto(`${product.url}/appels/${CALL}/ententes`);
    const period = manager.getByTestId(`period-${agreementId}`);
    await period.waitFor();
    expect(await period.textContent()).toContain(fyLabel);
    expect(await period.textContent()).toContain(`${amended.period.start} → ${amended.period.end}`);
  });
});
