/**
 * Issue 12's whole path in a real Chromium, from the institution's first day: the administrator invites a new
 * table member by email; the invitation lands in the local outbox; the person signs in for the first time
 * through the local issuer (which learned her account) and accepts; the coordinator seats her at the table as
 * a voting member; a round opens; she finds it first on her home page, with the count in the navigation, and
 * votes; the coordinator then counts her among those who voted.
 */
import { describe, expect, it } from 'vitest';
import { localSubOf } from '../../functions/lib/accounts';
import { newId } from '../../functions/lib/ids';
import { instantToMontrealLocal, montrealLocalToInstant } from '../../shared/dates';
import { nbsp, shot, T, useProduct } from './browser';

const product = useProduct();
const { newPage, apiAs } = product;

describe('an institution onboards a table member who votes', () => {
  it('administrator invites, the member signs in for the first time, is seated, finds the open round at home and votes', async () => {
    const email = `gabrielle.${newId()}@exemple.org`;
    const sub = localSubOf(email);

    // 1. The administrator invites her as a table member.
    const admin = await newPage('demo-administration');
    await admin.getByRole('link', { name: 'Personnes' }).click();
    const form = admin.getByTestId('invite-form');
    await form.getByLabel('Courriel').fill(email);
    await form.getByLabel('Nom complet').fill('Gabrielle Nadeau');
    await form.getByLabel('Membre de la table').check();
    await form.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await form.getByText(`Invitation envoyée à ${email}.`).waitFor();

    // 2. The message is in the local outbox, with its link.
    const outbox = await (await fetch(`${product.url}/dev/outbox`)).text();
    const link = /https?:\/\/[^\s"<]+\/invitation\/[A-Za-z0-9_-]{43}/.exec(outbox.slice(outbox.indexOf(email)))?.[0];
    expect(link, 'the invitation link in the outbox').toBeTruthy();

    // 3. She opens it, signs in for the first time (the local issuer lists her new account) and accepts.
    const member = await newPage();
    await member.goto(link!);
    await member.getByRole('button', { name: 'Se connecter pour accepter' }).click();
    await member.locator(`button[data-account="${sub}"]`).click();
    await member.getByRole('button', { name: 'Accepter l’invitation' }).click();
    await member.getByRole('heading', { level: 1, name: 'Bonjour, Gabrielle Nadeau' }).waitFor();
    await member.getByTestId('tasks').getByText('Rien ne vous attend pour l’instant.').waitFor();

    // 4. The coordinator seats her at the CLSC 1 table, as a voting member for the institution.
    const coord = await newPage('demo-coordination');
    await coord.goto(`${product.url}/tables/table-psjp-clsc1`);
    const add = coord.locator('form').filter({ hasText: 'Ajouter un membre' });
    await add.getByLabel('Personne').selectOption({ label: 'Gabrielle Nadeau' });
    await add.getByLabel('L’établissement ou un partenaire public').check();
    await add.getByLabel('Établissement ou partenaire représenté').fill('CLSC Thérèse-De Blainville');
    await add.getByRole('button', { name: 'Ajouter à la table' }).click();
    await add.getByText('Gabrielle Nadeau siège maintenant à la table.').waitFor();
    await expect.poll(() => coord.locator(`tr[data-member="${sub}"]`).textContent()).toContain('membre votant');

    // 5. A round of that table opens (set up through the API: the needs study's own screens are tested elsewhere).
    const study = await apiAs('demo-coordination', 'POST', `${T}/studies`, {
      title: 'Besoins des familles de Blainville',
      callId: null,
      tableId: 'table-psjp-clsc1',
    });
    for (const statement of ['Répit le samedi', 'Transport vers les activités'])
      await apiAs('demo-coordination', 'POST', `${T}/studies/${study.id}/needs`, { statement, category: 'other', sources: ['workers'], notes: '' });
    const day = instantToMontrealLocal(new Date(product.now().getTime() + 5 * 86_400_000)).slice(0, 10);
    const round = await apiAs('demo-coordination', 'POST', `${T}/studies/${study.id}/rounds`, {
      title: 'Priorisation de Blainville',
      method: 'ranking',
      pointsBudget: null,
      approvalMax: null,
      closesAt: montrealLocalToInstant(`${day}T17:00`)!.toISOString(),
    });

    // 6. Her home page starts with the ballot to cast, with its due date; the navigation counts it.
    await member.goto(`${product.url}/`);
    const tasks = member.getByTestId('tasks');
    const first = tasks.getByRole('listitem').first();
    await first.getByRole('link', { name: 'Voter sur la priorisation des besoins' }).waitFor();
    expect(nbsp(await first.textContent())).toContain('Priorisation de Blainville');
    expect(nbsp(await first.textContent())).toContain(`Au plus tard le ${day} 17 h 00`);
    await member.getByRole('navigation', { name: 'Navigation principale' }).getByRole('link', { name: 'Accueil 1 tâche', exact: true }).waitFor();
    await shot(member, '62-new-member-home');

    // 7. She follows it and votes.
    await first.getByRole('link', { name: 'Voter sur la priorisation des besoins' }).click();
    await member.waitForURL(`**/besoins/${study.id}/tours/${round.id}`);
    await member.getByRole('button', { name: 'Classer : Répit le samedi' }).click();
    await member.getByRole('button', { name: 'Classer : Transport vers les activités' }).click();
    await member.getByRole('button', { name: 'Enregistrer mon bulletin' }).click();
    await member.getByText('Bulletin enregistré. Vous pouvez le modifier').waitFor();

    // Her task is done, and the round counts her among the table's voters who voted.
    await member.goto(`${product.url}/`);
    await member.getByTestId('tasks').getByText('Rien ne vous attend pour l’instant.').waitFor();
    const followed = await apiAs('demo-coordination', 'GET', `${T}/studies/${study.id}/rounds/${round.id}`);
    expect(followed.participants).toBe(1);
    // The table's five other voting members have not voted; she is not among them, and the observer never is.
    expect(followed.notVoted).toHaveLength(5);
    expect(JSON.stringify(followed.notVoted)).not.toContain('Gabrielle Nadeau');
    expect(JSON.stringify(followed.notVoted)).not.toContain('demo-observatrice-clsc');
  });
});
