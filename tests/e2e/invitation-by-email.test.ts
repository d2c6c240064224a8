/**
 * An invitation accepted without its link, in a real Chromium: the administrator invites a new person; the
 * person signs in from the development issuer's page (as after Cognito's own message, which carries no link),
 * finds the invitation on the "member of no institution" screen, accepts it, and lands on the institution's
 * home. Invited then to a second institution, they find it among their home tasks, follow it to their page of
 * invitations, accept it there, and the app opens that institution.
 */
import { describe, expect, it } from 'vitest';
import { localSubOf } from '../../functions/lib/accounts';
import { putNew } from '../../functions/lib/db';
import { newId } from '../../functions/lib/ids';
import { keys } from '../../functions/lib/keys';
import { AlreadyExistsError } from '../../shared/errors';
import { shot, T, useProduct } from './browser';

const product = useProduct();

describe('an invitation found by email', () => {
  it('is listed on the no-membership screen, accepted there, and the app opens the institution', async () => {
    const email = `lina.${newId()}@exemple.org`;
    const invited = await product.apiAs('demo-administration', 'POST', `${T}/invitations`, {
      email,
      name: 'Lina Lien-Perdu',
      roles: ['member'],
    });
    expect(invited).toMatchObject({ linked: false, invitation: { email, status: 'pending' } });

    // Signed in from the sign-in page, never through the emailed link.
    const person = await product.newPage(localSubOf(email));
    await person.getByRole('heading', { level: 1, name: 'Bonjour, Lina Lien-Perdu' }).waitFor();
    await person.getByText('Votre compte n’est encore membre d’aucun établissement.', { exact: false }).waitFor();
    const list = person.getByTestId('my-invitations');
    await list.getByRole('heading', { name: 'Invitations qui vous attendent' }).waitFor();
    const card = list.locator('li').filter({ hasText: 'CISSS des Laurentides (démo)' });
    await card.getByText('Rôle : Membre de la table').waitFor();
    await card.getByText(/Invitation de Chantal Bélanger · Valable jusqu’au \d{4}-\d{2}-\d{2}/).waitFor();
    await shot(person, '62-invitation-by-email');

    await card.getByRole('button', { name: 'Accepter l’invitation de CISSS des Laurentides (démo)' }).click();
    await person.waitForURL((url) => url.pathname === '/');
    await person.getByTestId('tasks').waitFor();
    await person.getByRole('heading', { level: 1, name: 'Bonjour, Lina Lien-Perdu' }).waitFor();
    await person.getByText('Membre de la table', { exact: false }).first().waitFor();
    expect(await person.getByText('Votre compte n’est encore membre d’aucun établissement.', { exact: false }).count()).toBe(0);

    const people = await product.apiAs('demo-administration', 'GET', `${T}/people`);
    expect(people.people.find((p: { email: string }) => p.email === email)).toMatchObject({ roles: ['member'], status: 'active' });
    expect(people.invitations.find((i: { email: string }) => i.email === email)).toBeUndefined();

    // A second institution (no screen makes one): the demo's administrator administers it too, and invites her.
    const other = 'cisss-autre-demo';
    await putNew(
      product.db,
      keys.membership('demo-administration', other),
      'Membership',
      {
        tenantId: other,
        tenantName: 'CISSS Autre (démo)',
        userId: 'demo-administration',
        name: 'Chantal Bélanger',
        email: 'admin@autre.test',
        roles: ['administrator'],
        organizationId: null,
      },
      () => new AlreadyExistsError({ fr: '', en: '' }),
    );
    const second = await product.apiAs('demo-administration', 'POST', `/api/t/${other}/invitations`, {
      email,
      name: 'Lina Lien-Perdu',
      roles: ['coordinator'],
    });
    expect(second).toMatchObject({ linked: false, invitation: { status: 'pending' } });

    // Her home, in the first institution, asks her to accept it; the task leads to her page of invitations.
    await person.goto(`${product.url}/`);
    const task = person.getByTestId('tasks').locator('li[data-kind="invitation"]');
    await task.getByText('CISSS Autre (démo)').waitFor();
    await shot(person, '63-invitation-task');
    await task.getByRole('link', { name: 'Accepter une invitation' }).click();
    await person.waitForURL((url) => url.pathname === '/mes-invitations');
    await person.getByRole('heading', { level: 1, name: 'Invitations qui vous attendent' }).waitFor();
    const card2 = person.getByTestId('my-invitations').locator('li').filter({ hasText: 'CISSS Autre (démo)' });
    await card2.getByText('Rôle : Organisateur·trice communautaire').waitFor();
    await shot(person, '64-my-invitations');
    await card2.getByRole('button', { name: 'Accepter l’invitation de CISSS Autre (démo)' }).click();
    // The app opens the institution just joined.
    await person.waitForURL((url) => url.pathname === '/');
    await person.locator('.who').getByText('CISSS Autre (démo)').waitFor();
    await person.goto(`${product.url}/mes-invitations`);
    await person.getByText('Aucune invitation ne vous attend.').waitFor();
  });
});
