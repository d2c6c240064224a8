/**
 * Issue 10, items 11 and 2, as people live them in Chromium. An
 * organization changes a screened proposal before the deadline: it is
 * warned, then sees which version was screened; the coordinator finds the
 * proposal marked "to screen again". Once scoring is open, a member who
 * declared a tie with an applicant and withdrew it stays recused, and reads
 * why; the ties page keeps their dated history.
 */
import { describe, expect, it } from 'vitest';
import { nbsp, shot, T, useProduct } from './browser';

const product = useProduct();
const { newPage, apiAs } = product;
const C = `${T}/calls/call-psjp`;
const TITLE = 'Démarchage pour le dépannage des jeunes familles';

async function grenierProposal() {
  const rows = (await apiAs('demo-coordination', 'GET', `${C}/proposals`)).items as { id: string; version: number; organizationId: string }[];
  return rows.find((r) => r.organizationId === 'org-grenier')!;
}

async function screenEligible(p: { id: string; version: number }) {
  const call = await apiAs('demo-coordination', 'GET', C);
  await apiAs('demo-coordination', 'PUT', `${C}/proposals/${p.id}/screening`, {
    version: p.version,
    results: call.eligibilityCriteria.map((c: { id: string }) => ({ criterionId: c.id, met: true, reason: '' })),
  });
}

describe('screening per version, and ties withdrawn during scoring', () => {
  it('warns the organization, keeps the earlier screening in view and marks the proposal to screen again', async () => {
    const p = await grenierProposal();
    await screenEligible(p);

    const org = await newPage('demo-organisme-grenier');
    await org.goto(`${product.url}/appels/call-psjp/projets/${p.id}/modifier`);
    const warning = org.getByTestId('resubmit-warning');
    await warning.waitFor();
    expect(await warning.textContent()).toContain('déjà été analysé pour sa recevabilité (version 1)');
    await org.getByLabel('Résumé').fill('Démarcher les entreprises et les commerces, et livrer les dons aux familles.');
    await org.getByRole('button', { name: 'Déposer la nouvelle version' }).click();
    await org.getByText('Projet déposé (version 2).').waitFor();
    await org.goto(`${product.url}/appels/call-psjp/projets/${p.id}`);
    const superseded = org.getByTestId('screening-superseded');
    await superseded.waitFor();
    expect(await superseded.textContent()).toContain('portait sur la version 1 (Recevable). La version 2, déposée depuis, doit être analysée de nouveau');
    await shot(org, '50-screening-superseded-organization');

    const coord = await newPage('demo-coordination');
    await coord.goto(`${product.url}/appels/call-psjp`);
    const row = coord.getByRole('row').filter({ hasText: TITLE });
    await row.waitFor();
    expect(await row.textContent()).toContain('À analyser de nouveau');
    await row.getByRole('link', { name: TITLE }).click();
    await coord.getByTestId('screening-superseded').waitFor();
    expect(await coord.getByText('Les réponses de l’analyse de la version 1 sont reprises : vérifiez-les pour la version 2.').count()).toBe(1);
    await coord.getByRole('button', { name: 'Enregistrer l’analyse' }).click();
    await coord.getByTestId('screening-outcome').waitFor();
    expect(await coord.getByTestId('screening-outcome').textContent()).toContain('sur la version 2');
    await shot(coord, '51-screened-again');
  });

  it('keeps a withdrawn tie’s recusal once scoring is open, says so, and keeps the dated history', async () => {
    for (const r of (await apiAs('demo-coordination', 'GET', `${C}/proposals`)).items as { id: string; version: number; screeningOutcome: string | null }[]) {
      if (r.screeningOutcome !== 'eligible') await screenEligible(r);
    }
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
    const call = await apiAs('demo-coordination', 'GET', C);
    product.advanceClock(Date.parse(call.closesAt) - product.now().getTime() + 3_600_000);
    await apiAs('demo-coordination', 'POST', `${C}/grid/open`, {
      version: g.version,
      closesAt: new Date(product.now().getTime() + 10 * 86_400_000).toISOString(),
    });

    // Nadia declares a tie with the Grenier, then withdraws it.
    const nadia = await newPage('demo-membre-cje');
    await nadia.getByRole('link', { name: 'Mes liens' }).click();
    expect(await nadia.getByTestId('conflicts-kept').textContent()).toContain('Retirer un lien ne lève pas une récusation');
    await nadia.getByLabel('Le Grenier solidaire').check();
    await nadia.getByRole('button', { name: 'Enregistrer mes liens' }).click();
    await nadia.getByText('Liens enregistrés.').waitFor();
    await nadia.getByLabel('Le Grenier solidaire').uncheck();
    await nadia.getByRole('button', { name: 'Enregistrer mes liens' }).click();
    const history = nadia.getByTestId('conflicts-history');
    await history.getByRole('listitem').nth(1).waitFor();
    const lines = (await history.getByRole('listitem').allTextContents()).map(nbsp);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\d{4}-\d{2}-\d{2} \d{1,2} h \d{2} : liens retirés avec Le Grenier solidaire$/);
    expect(lines[1]).toMatch(/: liens déclarés avec Le Grenier solidaire$/);
    await shot(nadia, '52-ties-history');

    // The recusal stays on this call, and her sheet says why.
    await nadia.goto(`${product.url}/appels/call-psjp/evaluation`);
    const own = nadia.getByTestId('my-proposals-to-score').getByRole('row').filter({ hasText: 'Le Grenier solidaire' });
    expect(await own.textContent()).toContain('Récusé·e');
    await own.getByRole('link').click();
    const recused = nadia.getByTestId('recused');
    await recused.waitFor();
    expect(await recused.textContent()).toContain('la récusation reste en vigueur pour cet appel');
    expect(await recused.textContent()).toMatch(/Vous avez retiré ce lien le \d{4}-\d{2}-\d{2}/);
    expect(await nadia.locator('fieldset.criterion').count()).toBe(0);
    await shot(nadia, '53-recusal-kept');

    // The coordinator reads both changes in the minutes.
    const coord = await newPage('demo-coordination');
    await coord.goto(`${product.url}/appels/call-psjp/evaluation`);
    const changes = coord.getByTestId('tie-changes');
    await changes.waitFor();
    const minutes = (await changes.getByRole('listitem').allTextContents()).map(nbsp);
    expect(minutes.filter((l) => l.includes('Nadia Roy'))).toEqual([
      expect.stringMatching(/Nadia Roy déclare des liens avec Le Grenier solidaire$/),
      expect.stringMatching(/Nadia Roy retire ses liens avec Le Grenier solidaire$/),
    ]);
    expect(nbsp(await coord.getByTestId('recusals').textContent())).toMatch(/Nadia Roy : Démarchage.*lien retiré le/);
  });
});
