/**
 * A call by invitation in a real Chromium against the local runtime (issue 12):
 * the manager creates and publishes a call reserved to chosen organizations
 * through the form, and invites one more while it is open; an invited
 * organization (Répit-Parents) sees it and is told so; the uninvited one
 * (Le Grenier solidaire) does not find it in its calls and reaches the
 * not-found page at its address; the local outbox shows the message sent to
 * the invited organization, none to the other.
 */
import { describe, expect, it } from 'vitest';
import { instantToMontrealLocal } from '../../shared/dates';
import { confirmDialog, shot, T, useProduct } from './browser';

const product = useProduct();
const { newPage, apiAs } = product;
const TITLE = 'Appel sur invitation — répit du samedi (test)';

describe('a call by invitation, end to end', () => {
  let callUrl = '';

  it('the manager creates it through the form, publishes it, and invites one more organization while it is open', async () => {
    // An envelope of its own, with room for the call (the demo's main envelope is wholly promised).
    const envelope = await apiAs('demo-gestionnaire', 'POST', `${T}/envelopes`, {
      program: 'PSJP — Programme de soutien aux jeunes parents',
      title: 'Volet répit (test)',
      fiscalYear: 2026,
      programBudget: 10_000_000,
      deductions: [],
      communityShareBasisPoints: 1000,
    });
    const page = await newPage('demo-gestionnaire');
    await page.goto(`${product.url}/enveloppes/${envelope.id}`);
    await page.getByRole('link', { name: 'Nouvel appel de projets' }).click();
    await page.getByLabel('Titre de l’appel').fill(TITLE);
    await page.getByLabel('Montant disponible').fill('8 000');
    await page.getByLabel('Demande maximale').fill('4 000');
    const day = 86_400_000;
    await page.getByLabel('Ouverture').fill(`${instantToMontrealLocal(new Date(Date.now() - day)).slice(0, 10)}T09:00`);
    await page.getByLabel('Fermeture').fill(`${instantToMontrealLocal(new Date(Date.now() + 30 * day)).slice(0, 10)}T17:00`);
    await page.getByLabel('Critère 1').fill('Offre déjà du répit');
    const access = page.getByTestId('call-access');
    await access.getByLabel('Sur invitation seulement').check();
    await access.getByLabel('Répit-Parents des Laurentides').check();
    await access.getByLabel('Maison de la famille des Basses-Laurentides').check();
    await shot(page, 'invitation-01-call-form');
    await page.getByRole('button', { name: 'Créer l’appel' }).click();
    await page.getByRole('heading', { name: TITLE }).waitFor();
    callUrl = page.url();
    await page.getByRole('button', { name: 'Publier l’appel' }).click();
    await confirmDialog(page, 'Publier l’appel');
    await page.getByRole('status').filter({ hasText: 'L’appel est publié' }).waitFor();
    const facts = page.getByTestId('call-access-facts');
    expect(await facts.textContent()).toContain('Sur invitation');
    const invited = page.getByTestId('invited-organizations');
    await expect.poll(async () => invited.textContent()).toContain('Répit-Parents des Laurentides');
    expect(await invited.textContent()).toContain('Maison de la famille des Basses-Laurentides');
    expect(await invited.textContent()).not.toContain('Le Grenier solidaire');

    const more = page.getByTestId('invite-organization');
    await more.getByText('Inviter un organisme').click();
    await more.getByLabel('Organisme à inviter').selectOption({ label: 'Cuisines collectives Le Bon Goût' });
    await more.getByRole('button', { name: 'Inviter' }).click();
    await confirmDialog(page, 'Inviter');
    await page.getByRole('status').filter({ hasText: 'Organisme invité' }).waitFor();
    await expect.poll(async () => invited.textContent()).toContain('Cuisines collectives Le Bon Goût');
    await shot(page, 'invitation-02-call-published');
  });

  it('an invited organization sees it and is told it is invited', async () => {
    const page = await newPage('demo-organisme-repit');
    await page.goto(`${product.url}/appels`);
    await page.getByRole('link', { name: TITLE }).waitFor();
    // The demo's own call by invitation is not Répit-Parents’.
    expect(await page.getByRole('link', { name: 'Appel sur invitation — halte-garderie et répit' }).count()).toBe(0);
    await page.getByRole('link', { name: TITLE }).click();
    await page.getByTestId('you-are-invited').waitFor();
    expect(await page.getByTestId('you-are-invited').textContent()).toContain('Vous êtes invité à cet appel.');
    expect(await page.getByTestId('invited-organizations').count()).toBe(0);
    await page.getByRole('button', { name: 'Rédiger un projet' }).waitFor();
    await shot(page, 'invitation-03-invited-organization');
  });

  it('the uninvited organization does not find it: not in its calls, not found at its address', async () => {
    const page = await newPage('demo-organisme-grenier');
    await page.goto(`${product.url}/appels`);
    await page.getByRole('heading', { level: 1, name: 'Appels de projets' }).waitFor();
    await page
      .getByRole('link', { name: /Appel de projets PSJP/ })
      .first()
      .waitFor();
    expect(await page.getByRole('link', { name: TITLE }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Appel sur invitation — halte-garderie et répit' }).count()).toBe(0);
    await page.goto(callUrl);
    await page.getByRole('alert').getByText('Ressource introuvable.').waitFor();
    expect(await page.getByRole('heading', { name: TITLE }).count()).toBe(0);
    await shot(page, 'invitation-04-uninvited-not-found');
    await page.goto(`${product.url}/appels/call-halte-repit-invitation`);
    await page.getByRole('alert').getByText('Ressource introuvable.').waitFor();
  });

  it('a table member whose organization is not invited reads it as the table does, and is offered no proposal to write', async () => {
    // Marc-André Gauthier sits at the table for Le Grenier solidaire, which the demo's call does not invite.
    const page = await newPage('demo-membre-grenier');
    await page.goto(`${product.url}/appels/call-halte-repit-invitation`);
    await page.getByRole('heading', { name: 'Appel sur invitation — halte-garderie et répit' }).waitFor();
    await page.getByTestId('not-invited').getByText('votre organisme n’y est pas invité').waitFor();
    expect(await page.getByRole('button', { name: 'Rédiger un projet' }).count()).toBe(0);
    // Sophie Lavoie's Maison de la famille is invited: she may write one.
    const invited = await newPage('demo-membre-famille');
    await invited.goto(`${product.url}/appels/call-halte-repit-invitation`);
    await invited.getByRole('button', { name: 'Rédiger un projet' }).waitFor();
    expect(await invited.getByTestId('not-invited').count()).toBe(0);
  });

  it('the outbox shows the message to the invited organization, none to the uninvited one', async () => {
    const page = await newPage();
    await page.goto(`${product.url}/dev/outbox`);
    const messages = page.locator('article').filter({ hasText: `Nouvel appel de projets : ${TITLE}` });
    await expect.poll(() => messages.count()).toBeGreaterThan(0);
    const text = (await messages.allTextContents()).join('\n');
    expect(text).toContain('annie.pelletier@repit.example');
    expect(text).not.toContain('isabelle.cote@grenier.example');
  });
});
