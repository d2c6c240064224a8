/**
 * Issue 13 in a real Chromium, on the CLSC 1 demo call: a manager who
 * screened the proposals and never opened scoring computes an equal split
 * (greedy and optimal are shown as needing scores), the scenario says it was
 * computed without scores; then the call's history lists each change, reads
 * on a phone, and downloads as a CSV for Excel in French.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nbsp, shot, T, useProduct } from './browser';

const product = useProduct();
const { newPage, apiAs } = product;

describe('splits without scores, and the call’s history', () => {
  it('computes an equal split with no grid, and shows the call’s history with its CSV', async () => {
    const C = `${T}/calls/call-psjp`;
    const call = await apiAs('demo-gestionnaire', 'GET', C);
    const rows = (await apiAs('demo-gestionnaire', 'GET', `${C}/proposals`)).items as { id: string; version: number }[];
    for (const p of rows)
      await apiAs('demo-gestionnaire', 'PUT', `${C}/proposals/${p.id}/screening`, {
        version: p.version,
        results: call.eligibilityCriteria.map((c: { id: string }) => ({ criterionId: c.id, met: true, reason: '' })),
      });

    const manager = await newPage('demo-gestionnaire');
    await manager.goto(`${product.url}/appels/call-psjp/repartition`);
    const form = manager.getByTestId('scenario-form');
    expect(await manager.getByTestId('scores-missing').textContent()).toContain('créez une grille et faites évaluer les projets');
    // Greedy and optimal need final scores: offered, but not choosable.
    expect(await form.getByRole('option', { name: /Optimale \(prouvée\) \(notes finales requises\)/ }).isDisabled()).toBe(true);
    expect(await form.getByRole('option', { name: /glouton\) \(notes finales requises\)/ }).isDisabled()).toBe(true);
    await form.getByLabel('Nom du scénario').fill('Partage égal');
    await form.getByLabel('Méthode').selectOption({ label: 'Partage égal' });
    await form.getByRole('button', { name: 'Calculer' }).click();
    await manager.getByTestId('scenario').getByRole('heading', { name: 'Partage égal' }).waitFor();
    expect(await manager.getByTestId('unscored').textContent()).toBe('calculé sans notes');
    expect(nbsp(await manager.getByTestId('scenario-total').textContent())).toContain('sur 32 000,00 $');
    await shot(manager, '90-split-without-scores');

    // The call's history, from the call's page.
    await manager.goto(`${product.url}/appels/call-psjp`);
    await manager.getByRole('link', { name: 'Historique de l’appel' }).click();
    await manager.getByRole('heading', { name: 'Historique de l’appel' }).waitFor();
    const list = manager.getByTestId('call-history');
    expect(await list.locator('li[data-kind="proposal-screened"]').count()).toBe(rows.length);
    const computed = nbsp(await list.locator('li[data-kind="scenario-computed"]').textContent());
    expect(computed).toContain('Scénario calculé — Partage égal');
    expect(computed).toContain('méthode : partage égal');
    expect(computed).toContain('sans notes : oui');
    expect(computed).toMatch(/\d{4}-\d{2}-\d{2} \d{1,2} h \d{2}/);
    await shot(manager, '91-call-history');

    const [file] = await Promise.all([
      manager.waitForEvent('download'),
      manager.getByRole('button', { name: 'Télécharger l’historique (CSV, Excel)' }).click(),
    ]);
    const bytes = readFileSync((await file.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).split('\r\n');
    expect(lines[0]).toBe('Date et heure (heure de Montréal);Événement;Par;Objet;Avant;Après');
    expect(lines.some((l) => l.includes(';Scénario calculé;') && l.includes(';Partage égal;'))).toBe(true);

    // A member of the table does not see the link, and the route refuses them.
    const member = await newPage('demo-membre-famille');
    await member.goto(`${product.url}/appels/call-psjp`);
    await member.getByRole('heading', { name: call.title }).waitFor();
    expect(await member.getByRole('link', { name: 'Historique de l’appel' }).count()).toBe(0);
  });
});
