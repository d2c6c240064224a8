/**
 * The concertation table in a real Chromium: the table's coordinator reads
 * its members (what each represents, voting or observing), is told clearly
 * why an organization's representative cannot be a voting member, takes a
 * member off the table and seats her again as an observer, then switches her
 * to voting; the API then counts her among the table's voters.
 */
import { describe, expect, it } from 'vitest';
import { confirmDialog, shot, T, useProduct } from './browser';

const product = useProduct();
const { newPage } = product;

describe('a concertation table', () => {
  it('its coordinator adds a member as an observer, then switches her to voting', async () => {
    const coord = await newPage('demo-coordination');
    await coord.getByRole('link', { name: 'Tables', exact: true }).click();
    await coord.getByRole('heading', { name: 'Tables de concertation' }).waitFor();
    await coord.getByText('5 membres votants · 1 observateur·trice').waitFor();
    await coord.getByRole('link', { name: 'Table PSJP — CLSC 1' }).click();
    await coord.getByRole('heading', { name: 'Table PSJP — CLSC 1', level: 1 }).waitFor();
    const observer = coord.locator('tr[data-member="demo-observatrice-clsc"]');
    expect(await observer.textContent()).toContain('Établissement : CLSC Thérèse-De Blainville');
    expect(await observer.textContent()).toContain('observateur·trice');
    await shot(coord, '70-table');

    // An organization's representative has no "Table member" role: she cannot vote, and the page says why.
    const form = coord.locator('form').filter({ hasText: 'Ajouter un membre' });
    await form.getByLabel('Personne').selectOption({ label: 'Annie Pelletier' });
    await form.getByLabel('Organisme représenté').selectOption({ label: 'Répit-Parents des Laurentides' });
    await form.getByRole('button', { name: 'Ajouter à la table' }).click();
    await form.getByRole('alert').getByText('Annie Pelletier n’a pas le rôle « Membre de la table »').waitFor();

    // Chantal Ouellet leaves the table, comes back as an observer, then becomes a voting member again.
    await coord.getByRole('button', { name: 'Retirer Chantal Ouellet' }).click();
    await confirmDialog(coord, 'Retirer');
    await coord.locator('tr[data-member="demo-membre-repit"]').waitFor({ state: 'detached' });
    await form.getByLabel('Personne').selectOption({ label: 'Chantal Ouellet' });
    // Her own organization is proposed as the one she represents.
    expect(await form.getByLabel('Organisme représenté').inputValue()).toBe('org-repit');
    await form.getByLabel('observateur·trice').check();
    await form.getByRole('button', { name: 'Ajouter à la table' }).click();
    await form.getByText('Chantal Ouellet siège maintenant à la table.').waitFor();
    const chantal = coord.locator('tr[data-member="demo-membre-repit"]');
    await expect.poll(() => chantal.textContent()).toContain('observateur·trice');
    expect(await chantal.textContent()).toContain('Répit-Parents des Laurentides');
    await chantal.getByRole('button', { name: 'Rendre membre votant' }).click();
    await expect.poll(() => chantal.textContent()).toContain('membre votant');
    // The switch says what it did, and the addition's message, now out of date, is gone.
    await coord.getByText('Chantal Ouellet est maintenant membre votant.').waitFor();
    expect(await form.getByText('Chantal Ouellet siège maintenant à la table.').count()).toBe(0);
    await shot(coord, '71-table-member-voting');

    // A table that does not exist leads back to the tables, not only home.
    await coord.goto(`${product.url}/tables/table-inconnue`);
    await coord.getByTestId('ways-back').getByRole('link', { name: 'Voir les tables de concertation' }).waitFor();

    const table = await product.apiAs('demo-coordination', 'GET', `${T}/tables/table-psjp-clsc1`);
    expect(table.members.find((m: { userId: string }) => m.userId === 'demo-membre-repit')).toMatchObject({ voting: true, addedBy: 'demo-coordination' });
  });
});
