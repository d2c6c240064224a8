/**
 * The funder's dashboard in Chromium (issue 15): seed 003's five organizations and their reports 2017–2022
 * stored in the product's table for a program of the test's own (one of them as the demo's Répit-Parents),
 * then:
 *
 * - the manager opens "Tableaux de bord", the program's dashboard: Table 3 to the unit (N.A., N.C., the
 *   totals 56 … 210 with the footnote mark), Table 2 with the obstacle report's star, the "X" tables; switches
 *   the chart of the women accompanied to its data table; downloads the CSV;
 * - Répit-Parents reads "Résultats du programme": the program's totals, no other organization named.
 *
 * Both pages are checked at 1280 and 390 px with axe (browser.ts `shot`).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { seed003ObstacleReports, seed003Reports } from '../../functions/local/seed-003-data';
import { ensureTemplate, putReports } from '../support/seed-reports';
import { nbsp, shot, useProduct } from './browser';

const product = useProduct();
const { newPage } = product;
const TENANT = 'cisss-laurentides-demo';

describe('the funder’s dashboard', () => {
  it('a manager reads seed 003’s Table 3, switches a chart to its table, downloads the CSV; an organization reads the program’s results', async () => {
    const tag = Math.random().toString(36).slice(2, 7);
    const program = `SCF-${tag}`;
    const template = await ensureTemplate(product.db, TENANT, program);
    let n = 0;
    const newId = () => `rep${tag}${++n}`;
    const organizationId = (o: { key: string }) => (o.key === 'cles' ? 'org-repit' : `${o.key}-${tag}`);
    await putReports(product.db, TENANT, [
      ...seed003Reports({ program, newId, by: 'seed', organizationId }),
      ...seed003ObstacleReports({ program, newId, by: 'seed', byName: 'Seed', organizationId }),
    ]);

    const manager = await newPage('demo-gestionnaire');
    await manager.goto(`${product.url}/`);
    await manager.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Tableaux de bord' }).click();
    await manager.getByRole('link', { name: `Rapport annuel — ${program}` }).click();
    await manager.getByRole('heading', { level: 1, name: `Tableau de bord — Rapport annuel — ${program}` }).waitFor();

    const women = manager.getByTestId('dash-personnes-accompagnees-table');
    const rows = (await women.locator('tr').allInnerTexts()).map((r) => nbsp(r).replace(/\s+/g, ' ').trim());
    expect(rows).toEqual([
      'Organisme 2017-2018 2018-2019 2019-2020 2020-2021 2021-2022 2022-2023',
      'CALACS Estrie N.A. 7 20 27 15 41',
      'CALACS Étoile du Nord N.A. N.A. N.C. 13 N.C. N.C.',
      'CALAS Outaouais N.A. N.A. 11 14 27 38',
      'CLES 12 92 32 20 60 74',
      'Maison de Marthe 44 23 24 27 27 57',
      'Total 56 122 87* 101 129* 210*',
    ]);
    await expect.poll(() => manager.getByTestId('dash-personnes-accompagnees-chart-chart').getAttribute('aria-label')).toContain('2017-2018 : 56');
    const reports = (await manager.getByTestId('dash-reports').locator('tr').allInnerTexts()).map((r) => nbsp(r).replace(/\s+/g, ' ').trim());
    expect(reports).toContain('CALACS Étoile du Nord 1 1 1 1 1* 1');
    expect(reports).toContain('Reçus 5 5 5 5 5 5');
    await expect.poll(() => manager.getByText('N.C. : donnée non calculée en raison de l’absence ou de l’imprécision des données').count()).toBeGreaterThan(0);
    await shot(manager, 'report-dashboard-01-manager');

    // The chart, one click away from its data table.
    await manager.getByTestId('dash-personnes-accompagnees-chart-toggle').click();
    const data = manager.getByTestId('dash-personnes-accompagnees-chart-data');
    await data.waitFor();
    const dataRows = (await data.locator('tr').allInnerTexts()).map((r) => nbsp(r).replace(/\s+/g, ' ').trim());
    // The same words as the table above: N.A., N.C., and the totals' footnote mark.
    expect(dataRows).toContain('Total du programme 56 122 87 * 101 129 * 210 *');
    expect(dataRows).toContain('CALACS Étoile du Nord N.A. N.A. N.C. 13 N.C. N.C.');
    await shot(manager, 'report-dashboard-02-data-table');
    await manager.getByTestId('dash-personnes-accompagnees-chart-toggle').click();
    await manager.getByTestId('dash-personnes-accompagnees-chart-chart').waitFor();
    // Interventions: only N.A. and N.C. in seed 003's reports — no chart, its data table at once, saying why.
    expect(await manager.getByTestId('dash-interventions-chart-empty').textContent()).toContain('Pas de graphique');
    await manager.getByTestId('dash-interventions-chart-data').waitFor();
    expect(await manager.getByTestId('dash-interventions-chart-chart').count()).toBe(0);
    // The "X" tables name their first column after the choices, not the organization.
    expect(await manager.locator('table.dash-x thead th').first().textContent()).toBe('Choix');

    const [file] = await Promise.all([manager.waitForEvent('download'), manager.getByRole('button', { name: 'Télécharger en CSV (Excel)' }).click()]);
    expect(file.suggestedFilename()).toBe(`tableau-de-bord-${template.id}.csv`);
    const bytes = readFileSync((await file.path())!);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.toString('utf8').slice(1).split('\r\n');
    expect(csv).toContain('CALACS Étoile du Nord;N.A.;N.A.;N.C.;13;N.C.;N.C.');
    expect(csv).toContain('Total;56;122;87;101;129;210');

    // The organization: the program's results its reports fed.
    const org = await newPage('demo-organisme-repit');
    await org.goto(`${product.url}/`);
    await org.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Résultats du programme' }).click();
    await org.getByRole('heading', { level: 1, name: 'Résultats du programme' }).waitFor();
    const mine = org.getByTestId('program-results').filter({ hasText: `Rapport annuel — ${program}` });
    const text = nbsp((await mine.allInnerTexts()).join(' ')).replace(/\s+/g, ' ');
    expect(text).toContain('Total 56 122 87 * 101 129 * 210 *');
    expect(text).toContain('Organismes ayant remis leur rapport 5 5 5 5 5 5');
    for (const other of ['Maison de Marthe', 'CALACS', 'CALAS']) expect(text).not.toContain(other);
    await shot(org, 'report-dashboard-03-organization');
  });
});
