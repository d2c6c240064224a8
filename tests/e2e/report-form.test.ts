/**
 * The yearly report form while it is typed in (issue 15's user test): an invalid count never takes the focus
 * nor stops the rest from being saved; a number written as a word is flagged, not silently dropped; the
 * obstacle form, once sent, is emptied without an error.
 */
import { describe, expect, it } from 'vitest';
import { nbsp, T, useProduct } from './browser';

const product = useProduct();
const { newPage, apiAs } = product;
const ORG_REP = 'demo-membre-cuisines';

interface Yearly {
  id: string;
  agreementId: string;
  status: string;
}

async function writableReport(): Promise<Yearly> {
  const mine = await apiAs(ORG_REP, 'GET', `${T}/my/reports`);
  const r = (mine.reports as Yearly[]).find((x) => ['not-started', 'draft', 'reopened'].includes(x.status));
  if (!r) throw new Error('no report to write');
  return r;
}

describe('the yearly report form, typed in', () => {
  it('keeps the focus and the text typed while a count is invalid, saves all the rest, and flags a number written as a word', async () => {
    const r = await writableReport();
    const org = await newPage(ORG_REP);
    const refused: string[] = [];
    org.on('response', (res) => {
      if (res.status() === 422) refused.push(res.url());
    });
    await org.goto(`${product.url}/rapports/${r.id}`);
    await org.getByRole('heading', { name: 'Indicateurs' }).waitFor();
    // The standing warning once, above the narrative sections.
    expect(nbsp(await org.locator('main').textContent()).split('N’y nommez pas les personnes servies').length - 1).toBe(1);

    const people = org.getByTestId('indicator-personnes-accompagnees');
    await people.getByLabel('Nombre', { exact: true }).fill('-3');
    const highlights = org.getByLabel(/Faits saillants de l’année/);
    await highlights.click();
    await org.keyboard.type('Première phrase.');
    // The autosave runs while the person is still in the text.
    await org
      .getByTestId('save-state')
      .filter({ hasText: /Enregistré à \d{1,2} h \d{2}, sauf les réponses signalées/ })
      .waitFor();
    await org.keyboard.type(' Deuxième phrase.');
    expect(await highlights.inputValue()).toBe('Première phrase. Deuxième phrase.');
    expect(await org.evaluate(() => document.activeElement?.id)).toBe('sec-faits-saillants');
    expect(await people.locator('.error').textContent()).toBe('« Personnes accompagnées » ne peut pas être négatif.');

    // A number written as a word: flagged beside its field, not saved.
    await org.getByTestId('indicator-interventions').getByLabel('Nombre', { exact: true }).fill('douze');
    await org.getByTestId('indicator-interventions').locator('.error').filter({ hasText: 'Inscrivez un nombre, par exemple 12.' }).waitFor();
    await org
      .getByTestId('save-state')
      .filter({ hasText: /sauf les réponses signalées/ })
      .waitFor();
    expect(await org.evaluate(() => document.activeElement?.id)).toBe('ans-interventions');
    expect(refused).toEqual([]);

    // Reload: the sentence is saved, the invalid answers are not.
    const saved = (await apiAs(ORG_REP, 'GET', `${T}/reports/${r.id}`)).report;
    expect(saved.sections['faits-saillants'].text).toBe('Première phrase. Deuxième phrase.');
    expect(saved.answers['personnes-accompagnees']).toBeUndefined();
    expect(saved.answers.interventions).toBeUndefined();
    await org.reload();
    await org.getByRole('heading', { name: 'Indicateurs' }).waitFor();
    expect(await org.getByLabel(/Faits saillants de l’année/).inputValue()).toBe('Première phrase. Deuxième phrase.');
    expect(await org.getByTestId('indicator-personnes-accompagnees').getByLabel('Nombre', { exact: true }).inputValue()).toBe('');

    // Submitting is the person's action: the problems take the focus, in plain words.
    await org.getByRole('button', { name: 'Remettre le rapport' }).click();
    const alert = org.getByRole('alert').first();
    await alert.waitFor();
    expect(nbsp(await alert.textContent())).toContain('Certaines réponses sont à corriger : voyez les messages en rouge.');
    expect(nbsp(await alert.textContent())).toContain('inscrivez 0, N.A. ou N.C. selon le cas');
    expect(await org.evaluate(() => document.activeElement?.getAttribute('role'))).toBe('alert');
  });

  it('empties the obstacle form once it is sent, with no error on its emptied fields', async () => {
    const r = await writableReport();
    const org = await newPage(ORG_REP);
    await org.goto(`${product.url}/rapports`);
    await org.getByRole('heading', { name: 'Signaler un obstacle' }).waitFor();
    await org.getByLabel('Entente concernée').selectOption({ value: r.agreementId });
    await org.getByLabel('L’obstacle').fill('Le local ferme pour travaux jusqu’en mars.');
    await org.getByLabel('Ce que vous avez fait ou ce que vous demandez').fill('Pouvons-nous louer une autre salle?');
    const send = org.getByRole('button', { name: 'Envoyer au bailleur de fonds' });
    await send.click();
    await org.getByText('L’obstacle est signalé : le bailleur de fonds en est avisé.').waitFor();
    expect(await org.getByLabel('L’obstacle').inputValue()).toBe('');
    // A second click on the emptied form checks nothing: the success stays, no field turns red.
    await send.click();
    await org.getByText('L’obstacle est signalé : le bailleur de fonds en est avisé.').waitFor();
    expect(await org.locator('form [aria-invalid="true"]').count()).toBe(0);
    expect(await org.getByText('Les données saisies sont invalides.').count()).toBe(0);
    expect(await org.getByTestId('error-summary').count()).toBe(0);
  });
});
