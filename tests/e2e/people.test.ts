/**
 * People in a real Chromium: the administrator invites a new table member, the local outbox shows the
 * invitation, the new account appears on the development issuer's sign-in page, the person opens the link,
 * signs in for the first time, accepts and lands on the institution's home.
 */
import { describe, expect, it } from 'vitest';
import { localSubOf } from '../../functions/lib/accounts';
import { newId } from '../../functions/lib/ids';
import { shot, useProduct } from './browser';

const product = useProduct();

describe('people, end to end', () => {
  it('invites a table member who signs in for the first time and accepts', async () => {
    const email = `nadia.${newId()}@exemple.org`;
    const admin = await product.newPage('demo-administration');
    await admin.getByRole('link', { name: 'Personnes' }).click();
    await admin.getByRole('heading', { level: 1, name: 'Personnes' }).waitFor();
    await admin.getByTestId('people-table').getByText('Martine Gagnon').waitFor();

    const form = admin.getByTestId('invite-form');
    // A refusal the API would make is said in French before anything is sent.
    await form.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await form.getByText('Adresse courriel invalide.').first().waitFor();
    await form.getByText('Choisissez au moins un rôle.').waitFor();
    await form.getByLabel('Courriel').fill(email);
    await form.getByLabel('Nom complet').fill('Nadia Nouvelle');
    await form.getByLabel('Membre de la table').check();
    await form.getByRole('button', { name: 'Envoyer l’invitation' }).click();
    await form.getByText(`Invitation envoyée à ${email}.`).waitFor();
    await admin.getByTestId('invitations-table').getByText(email).waitFor();
    await admin
      .getByTestId('people-log')
      .getByText(/Chantal Bélanger a invité Nadia Nouvelle/)
      .waitFor();
    await shot(admin, '60-people');

    // The outbox shows the message, with its link.
    await admin.goto(`${product.url}/dev/outbox`);
    const message = admin.locator('article').filter({ hasText: email }).first();
    await message.getByRole('heading', { name: 'Invitation à rejoindre CISSS des Laurentides (démo) dans Enveloppe' }).waitFor();
    const body = (await message.locator('pre').textContent()) ?? '';
    const link = /https?:\/\/\S+\/invitation\/[A-Za-z0-9_-]{43}/.exec(body)?.[0];
    expect(link).toBeTruthy();

    // The invited person, not signed in, opens the link.
    const person = await product.newPage();
    await person.goto(link!);
    await person.getByRole('heading', { name: 'Invitation à rejoindre CISSS des Laurentides (démo)' }).waitFor();
    await person
      .getByText('Chantal Bélanger vous invite à rejoindre CISSS des Laurentides (démo) dans Enveloppe, avec le rôle : Membre de la table.')
      .waitFor();
    await shot(person, '61-invitation');
    await person.getByRole('button', { name: 'Se connecter pour accepter' }).click();
    // The account was learned: the development issuer lists it beside the demo accounts.
    const account = person.locator(`button[data-account="${localSubOf(email)}"]`);
    await account.getByText('Nadia Nouvelle').waitFor();
    await account.click();
    await person.waitForURL((url) => url.pathname.startsWith('/invitation/'));
    await person.getByRole('button', { name: 'Accepter l’invitation' }).click();
    await person.waitForURL((url) => url.pathname === '/');
    await person.getByRole('heading', { level: 1, name: 'Bonjour, Nadia Nouvelle' }).waitFor();
    await person.getByText('Membre de la table', { exact: false }).first().waitFor();

    // The administrator sees her among the people, and the acceptance in the record.
    await admin.goto(`${product.url}/personnes`);
    await admin.getByTestId('people-table').getByText(email).waitFor();
    await admin.getByTestId('people-log').getByText('Nadia Nouvelle a accepté l’invitation (Membre de la table).').waitFor();
    expect(await admin.getByTestId('invitations-table').count()).toBe(0);
  });
});
