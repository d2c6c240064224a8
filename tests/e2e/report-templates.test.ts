/**
 * The report templates' screens in Chromium: Martine Gagnon (manager) opens "Modèles de rapport", sees the
 * haltes-garderies program on the default template not yet saved, starts from it (version 1), adds a count indicator
 * with its definition, N.C. allowed and a target — first without a definition, refused beside the field
 * with nothing stored — and saves: version 2, in the history with her name. Two tabs on the template: the
 * stale save is refused in plain words and what was typed stays. The lexicon shows every definition,
 * printable, the current version's and an earlier one's. At 1280 and 390 px, with the accessibility check.
 * The API is only read, for checks.
 */
import { describe, expect, it } from 'vitest';
import { shot, T, useProduct } from './browser';

const product = useProduct();
const { newPage, apiAs } = product;
// The haltes-garderies' program has no report yet, so its template is still the default, not saved (the PSJP's
// was saved when the demo's organizations wrote their first reports).
const PROGRAM = 'Soutien aux haltes-garderies communautaires';
const DEFINITION = 'Nombre d’ateliers parents-enfants tenus pendant l’exercice. Un atelier annulé ou reporté ne compte pas.';

describe('Report templates: a program’s template from the default, a new indicator, the lexicon', () => {
  it('starts from the default, adds a count indicator with its definition and N.C., saves version 2; a stale save keeps what was typed; the lexicon', async () => {
    const manager = await newPage('demo-gestionnaire');
    await manager.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Modèles de rapport' }).click();
    await manager.getByRole('heading', { name: 'Modèles de rapport', level: 1 }).waitFor();
    const row = manager.getByTestId('report-template-row').filter({ hasText: PROGRAM });
    expect(await row.textContent()).toContain('Modèle par défaut, pas encore enregistré');
    await shot(manager, 'rtpl-01-list');

    // Started from the default: version 1, by her.
    await row.getByRole('button', { name: `Partir du modèle par défaut pour ${PROGRAM}` }).click();
    await manager.getByRole('heading', { name: `Rapport annuel — ${PROGRAM}`, level: 1 }).waitFor();
    const templateId = new URL(manager.url()).pathname.split('/')[2]!;
    expect(await manager.getByTestId('template-version').textContent()).toMatch(/Version 1, enregistrée le \d{4}-\d{2}-\d{2} par Martine Gagnon/);
    const editor = manager.getByRole('form', { name: 'Modifier le modèle de rapport' });
    expect(await editor.getByTestId('due-shown').textContent()).toBe('Dû le 30 juin qui suit la fin de l’exercice.');
    const first = editor.getByTestId('template-indicator').first();
    expect(await first.getByLabel('Nom de l’indicateur').inputValue()).toBe('Personnes accompagnées');
    // An indicator already saved keeps its kind of answer.
    expect(await first.getByLabel('Sorte de réponse').isDisabled()).toBe(true);

    // A new count indicator, first without its definition: refused beside the field, nothing stored.
    await editor.getByRole('button', { name: 'Ajouter un indicateur' }).click();
    const added = editor.getByTestId('template-indicator').last();
    await added.getByLabel('Nom de l’indicateur').fill('Ateliers parents-enfants');
    expect(await added.getByLabel('Code', { exact: true }).inputValue()).toBe('ateliers-parents-enfants');
    expect(await added.getByLabel('Sorte de réponse').inputValue()).toBe('count');
    await added.getByLabel('N.C. permis (donnée manquante ou imprécise)').check();
    await added.getByLabel('Cible pour l’année (facultative)').fill('40');
    await editor.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
    await added.locator('.field-invalid').first().waitFor();
    expect(await added.locator('.field-invalid label').first().textContent()).toBe('Définition (lexique)');
    expect((await apiAs('demo-gestionnaire', 'GET', `${T}/report-templates/${templateId}`)).template.version).toBe(1);
    await added.getByLabel('Définition (lexique)').fill(DEFINITION);
    await editor.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
    await manager.getByText('Enregistré : version 2.').waitFor();
    expect(await manager.getByTestId('template-version').textContent()).toMatch(/Version 2, enregistrée le \d{4}-\d{2}-\d{2} par Martine Gagnon/);
    await shot(manager, 'rtpl-02-editor');

    const stored = await apiAs('demo-gestionnaire', 'GET', `${T}/report-templates/${templateId}`);
    expect(stored.template.version).toBe(2);
    expect(stored.template.indicators.at(-1)).toEqual({
      id: 'ateliers-parents-enfants',
      label: 'Ateliers parents-enfants',
      definition: DEFINITION,
      type: 'count',
      options: [],
      allowNA: false,
      allowNC: true,
      target: 40,
      carriedOver: false,
    });
    expect(stored.versions.map((v: { number: number; byName: string }) => [v.number, v.byName])).toEqual([
      [1, 'Martine Gagnon'],
      [2, 'Martine Gagnon'],
    ]);
    const history = manager.getByTestId('template-history');
    await history.locator('summary').click();
    expect(await history.textContent()).toContain('Version 1, enregistrée le');

    // Two tabs: the other saves first; this one's save is refused in plain words, what was typed kept.
    const other = await newPage('demo-gestionnaire');
    await other.goto(`${product.url}/modeles-de-rapport/${templateId}`);
    const second = other.getByRole('form', { name: 'Modifier le modèle de rapport' });
    await second.getByLabel('Titre du rapport').fill('Rapport annuel PSJP (révisé)');
    await second.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
    await other.getByText('Enregistré : version 3.').waitFor();

    const typed = 'Définition que cette fenêtre ne doit pas perdre : seuls les ateliers de plus d’une heure comptent.';
    await added.getByLabel('Définition (lexique)').fill(typed);
    await editor.getByRole('button', { name: 'Enregistrer une nouvelle version' }).click();
    const conflict = manager.getByTestId('template-conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('Quelqu’un d’autre a enregistré ce modèle pendant que vous le modifiiez (version 3)');
    expect(await added.getByLabel('Définition (lexique)').inputValue()).toBe(typed);
    const after = await apiAs('demo-gestionnaire', 'GET', `${T}/report-templates/${templateId}`);
    expect(after.template.version).toBe(3);
    expect(after.template.indicators.at(-1).definition).toBe(DEFINITION);
    await shot(manager, 'rtpl-03-conflict');
    await conflict.getByRole('button', { name: 'Recharger la dernière version (vos changements seront perdus)' }).click();
    await manager.getByRole('heading', { name: 'Rapport annuel PSJP (révisé)', level: 1 }).waitFor();

    // The lexicon: every definition, with what answers are allowed; printable.
    await manager.getByTestId('template-version').getByRole('link', { name: 'Lexique' }).click();
    const lexicon = manager.getByTestId('lexicon');
    await lexicon.getByRole('heading', { name: 'Lexique — Rapport annuel PSJP (révisé)', level: 1 }).waitFor();
    const term = lexicon.getByTestId('lexicon-term').filter({ hasText: 'Ateliers parents-enfants' });
    expect(await term.textContent()).toContain(DEFINITION);
    expect(await term.textContent()).toContain('N.C. : donnée manquante ou imprécise');
    expect(await term.textContent()).toContain('Cible : 40');
    expect(await term.textContent()).not.toContain('N.A.');
    expect(await lexicon.getByTestId('lexicon-term').filter({ hasText: 'Types de services' }).textContent()).toContain('Psychosocial ; Hébergement');
    await lexicon.getByRole('button', { name: 'Imprimer le lexique' }).waitFor();
    await shot(manager, 'rtpl-04-lexicon');

    // Version 1's lexicon: before the indicator was added.
    await manager.goto(`${product.url}/modeles-de-rapport/${templateId}/lexique?version=1`);
    await lexicon.getByRole('heading', { name: `Lexique — Rapport annuel — ${PROGRAM}`, level: 1 }).waitFor();
    expect(await lexicon.textContent()).not.toContain('Ateliers parents-enfants');
  });
});
