/**
 * The agreement templates' screen in Chromium: Martine Gagnon (manager) opens "Modèles d’entente", sees that
 * the programs use the default template (read-only, with its clauses) and the placeholders explained,
 * creates the PSJP template from the default, changes a clause's text with placeholders (the preview fills
 * them with example values), saves; then generates the agreements of last year's call (decided through the
 * API, as in agreements.test.ts) and the generated draft shows the clause filled in for its organization.
 * Two tabs on the same template: the stale save is refused in plain words, what was typed stays, and the
 * reload shows the other tab's version. The API is only read, for checks (and to reach the decision).
 */
import { describe, expect, it } from 'vitest';
import { shot, T, useProduct } from './browser';

const product = useProduct();
const { newPage, apiAs } = product;
const CALL = 'call-psjp-precedent';
const PROGRAM = 'PSJP — Programme de soutien aux jeunes parents';
const ORG = 'Le Grenier solidaire';
const VOTERS = ['demo-membre-famille', 'demo-membre-cje', 'demo-membre-cuisines', 'demo-membre-grenier', 'demo-membre-repit'];
const CLAUSE_3 = 'Entre {{etablissement}} et {{organisme}} (NEQ {{neq}}), l’entente couvre la période {{periode}} pour le projet « {{projet}} ».';

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

describe('Agreement templates: the PSJP template from the default, used by the generated agreements', () => {
  it('creates, edits with placeholders and saves the template; the generated draft is filled from it; a stale save is refused in plain words', async () => {
    const manager = await newPage('demo-gestionnaire');
    await manager.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Modèles d’entente' }).click();
    await manager.getByRole('heading', { name: 'Modèles d’entente', level: 1 }).waitFor();

    // Every program uses the default template, shown read-only with its clauses.
    const psjpRow = manager.getByTestId('template-row').filter({ hasText: PROGRAM });
    expect(await psjpRow.textContent()).toContain('Modèle par défaut (pas de modèle propre)');
    const fallback = manager.getByTestId('default-template');
    expect(await fallback.textContent()).toContain('7. Autonomie de l’organisme');
    expect(await fallback.textContent()).toContain('{{organisme}}');
    expect(await fallback.locator('textarea, input').count()).toBe(0);
    await shot(manager, 'tpl-01-list');

    // The PSJP template, created from the default one.
    const create = manager.getByRole('form', { name: 'Créer le modèle d’un programme' });
    await create.getByLabel('Programme du modèle').selectOption({ label: PROGRAM });
    await create.getByLabel('Titre du modèle').fill('Entente de services PSJP');
    await create.getByRole('button', { name: 'Créer à partir du modèle par défaut' }).click();
    await manager.getByRole('heading', { name: 'Entente de services PSJP', level: 1 }).waitFor();
    const templateId = new URL(manager.url()).searchParams.get('modele')!;
    const editor = manager.getByRole('form', { name: 'Modifier le modèle' });
    expect(await editor.getByLabel('Titre de la clause 1', { exact: true }).inputValue()).toBe('1. Les parties');

    // The placeholders, in plain words beside the clauses.
    const placeholders = editor.getByTestId('placeholders');
    expect(await placeholders.textContent()).toContain('{{organisme}}« le nom de l’organisme »');
    expect(await placeholders.textContent()).toContain('{{montant}}« le montant total de l’entente »');

    // Clause 3's text changed with placeholders: the preview fills them with example values.
    await editor.getByLabel('Texte de la clause 3', { exact: true }).fill(CLAUSE_3);
    const preview = editor.getByTestId('clause-preview');
    await preview.getByRole('heading', { name: 'Aperçu de la clause 3, avec des valeurs d’exemple' }).waitFor();
    expect(await preview.textContent()).toContain('Entre CISSS des Laurentides et Carrefour des familles (exemple) (NEQ 1145678901)');
    // Clause 11 moved up before clause 10, an obligation added, the payments by quarterly claims.
    await editor.getByRole('button', { name: 'Monter la clause 11' }).click();
    expect(await editor.getByLabel('Titre de la clause 10', { exact: true }).inputValue()).toBe('11. Signatures');
    await editor.getByRole('button', { name: 'Ajouter une obligation' }).click();
    const added = editor.getByTestId('template-obligation').last();
    await added.getByLabel('Genre d’obligation').selectOption({ label: 'Rapport à remettre' });
    // Saved without saying what the organization undertakes: the API's refusal shows beside the field.
    await editor.getByRole('button', { name: 'Enregistrer le modèle' }).click();
    await added.locator('.field-invalid').first().waitFor();
    expect(await added.locator('.field-invalid label').first().textContent()).toBe('Ce que l’organisme s’engage à faire');
    expect((await apiAs('demo-gestionnaire', 'GET', `${T}/agreement-templates`)).items[0].version).toBe(1);
    await added.getByLabel('Ce que l’organisme s’engage à faire').fill('Remettre un bilan de mi-parcours au comité de suivi');
    await editor.getByLabel('Comment l’argent est versé').selectOption({ label: 'Réclamations trimestrielles de l’organisme' });
    await editor.getByRole('button', { name: 'Enregistrer le modèle' }).click();
    await manager.getByText('Le modèle est enregistré : les prochaines ententes du programme partiront de lui.').waitFor();
    await shot(manager, 'tpl-02-editor');

    const stored = (await apiAs('demo-gestionnaire', 'GET', `${T}/agreement-templates`)).items.find((x: { id: string }) => x.id === templateId);
    expect(stored).toMatchObject({ program: PROGRAM, title: 'Entente de services PSJP', version: 2, schedule: { kind: 'periodic', every: 'quarter' } });
    expect(stored.clauses[2].body).toBe(CLAUSE_3);
    expect(stored.clauses[9].heading).toBe('11. Signatures');
    expect(stored.obligations.at(-1)).toEqual({ kind: 'report', label: 'Remettre un bilan de mi-parcours au comité de suivi' });

    // The list now shows the program's own template.
    await manager.getByRole('link', { name: 'Retour aux modèles d’entente' }).click();
    await manager.getByRole('link', { name: 'Modifier « Entente de services PSJP »' }).waitFor();

    // Last year's call decided; its agreements generated on the call's page start from the PSJP template.
    await decideLastYearsCall();
    await manager.goto(`${product.url}/appels/${CALL}/ententes`);
    await manager.getByRole('button', { name: 'Générer les ententes' }).click();
    await manager.getByRole('link', { name: ORG }).click();
    const draft = manager.getByRole('form', { name: 'Préparer l’entente' });
    await draft.waitFor();
    const agreementId = new URL(manager.url()).pathname.split('/')[2]!;
    const agreement = await apiAs('demo-gestionnaire', 'GET', `${T}/agreements/${agreementId}`);
    expect(agreement.template).toEqual({ id: templateId, version: 2 });
    const filled = `Entre ${agreement.institution.name} et ${ORG} (NEQ ${agreement.organization.neq}), l’entente couvre la période du ${agreement.period.start} au ${agreement.period.end} pour le projet « ${agreement.object.title} ».`;
    expect(await draft.getByLabel('Texte de la clause 3', { exact: true }).inputValue()).toBe(filled);
    expect(await draft.getByLabel('Comment l’argent est versé').inputValue()).toBe('quarter');
    expect(await draft.getByTestId('obligations-editor').textContent()).toContain('Remettre un bilan de mi-parcours au comité de suivi');

    // Two tabs on the template: the second saves first; the first's save is refused in plain words, what it typed kept.
    await manager.goto(`${product.url}/modeles-d-entente?modele=${templateId}`);
    const first = manager.getByRole('form', { name: 'Modifier le modèle' });
    await first.waitFor();
    const other = await newPage('demo-gestionnaire');
    await other.goto(`${product.url}/modeles-d-entente?modele=${templateId}`);
    const second = other.getByRole('form', { name: 'Modifier le modèle' });
    await second.getByLabel('Titre du modèle').fill('Entente de services PSJP (révisée)');
    await second.getByRole('button', { name: 'Enregistrer le modèle' }).click();
    await other.getByText('Le modèle est enregistré : les prochaines ententes du programme partiront de lui.').waitFor();

    const typed = 'Texte que la première fenêtre ne doit pas perdre : {{organisme}}.';
    await first.getByLabel('Texte de la clause 8', { exact: true }).fill(typed);
    await first.getByRole('button', { name: 'Enregistrer le modèle' }).click();
    const conflict = manager.getByTestId('template-conflict');
    await conflict.waitFor();
    expect(await conflict.textContent()).toContain('Quelqu’un d’autre a enregistré ce modèle pendant que vous le changiez.');
    expect(await first.getByLabel('Texte de la clause 8', { exact: true }).inputValue()).toBe(typed);
    const afterConflict = (await apiAs('demo-gestionnaire', 'GET', `${T}/agreement-templates`)).items.find((x: { id: string }) => x.id === templateId);
    expect(afterConflict.version).toBe(3);
    expect(afterConflict.clauses[7].body).not.toBe(typed);
    await shot(manager, 'tpl-03-conflict');

    // Reloaded: the other tab's version, what was typed here gone.
    await conflict.getByRole('button', { name: 'Recharger le modèle (vos changements seront perdus)' }).click();
    await manager.getByRole('heading', { name: 'Entente de services PSJP (révisée)', level: 1 }).waitFor();
    expect(await manager.getByRole('form', { name: 'Modifier le modèle' }).getByLabel('Texte de la clause 8', { exact: true }).inputValue()).toBe(
      afterConflict.clauses[7].body,
    );
  });
});
