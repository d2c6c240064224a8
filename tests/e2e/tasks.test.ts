/**
 * "What waits for me" in a real Chromium: a table member of the demo finds the round just opened as the first
 * task of her home page, with its due date and the count in the navigation, and follows its link to the round;
 * the voters' messages are in the local outbox; on "Mes avis" she turns reminders off, and the choice stays.
 */
import { describe, expect, it } from 'vitest';
import { instantToMontrealLocal, montrealLocalToInstant } from '../../shared/dates';
import { nbsp, shot, T, useProduct } from './browser';

const product = useProduct();
const { newPage, apiAs } = product;

describe('tasks on the home page and the notification preferences', () => {
  it('shows the member her ballot first, with its due date and the count in the navigation, and saves her choice of notifications', async () => {
    // The coordinator opens a round closing in two days, at 17 h 00 (Montreal).
    const study = await apiAs('demo-coordination', 'POST', `${T}/studies`, { title: 'Besoins des familles de Mirabel', callId: null });
    for (const statement of ['Transport vers les activités', 'Halte-garderie le samedi'])
      await apiAs('demo-coordination', 'POST', `${T}/studies/${study.id}/needs`, { statement, category: 'other', sources: ['workers'], notes: '' });
    const day = instantToMontrealLocal(new Date(product.now().getTime() + 2 * 86_400_000)).slice(0, 10);
    const closesAt = montrealLocalToInstant(`${day}T17:00`)!.toISOString();
    const round = await apiAs('demo-coordination', 'POST', `${T}/studies/${study.id}/rounds`, {
      title: 'Priorisation de Mirabel',
      method: 'ranking',
      pointsBudget: null,
      approvalMax: null,
      closesAt,
    });
    expect(round.id).toBeTruthy();

    const page = await newPage('demo-membre-famille');
    const tasks = page.getByTestId('tasks');
    await tasks.getByRole('heading', { name: 'À faire' }).waitFor();
    const first = tasks.getByRole('listitem').first();
    await first.getByRole('link', { name: 'Voter sur la priorisation des besoins' }).waitFor();
    expect(nbsp(await first.textContent())).toContain('Priorisation de Mirabel');
    expect(nbsp(await first.textContent())).toContain(`Au plus tard le ${day} 17 h 00`);
    const n = await tasks.getByRole('listitem').count();
    const label = n === 1 ? '1 tâche' : `${n} tâches`;
    // The home link's accessible name carries the count in words; the badge shows the number.
    const nav = page.getByRole('navigation', { name: 'Navigation principale' });
    await nav.getByRole('link', { name: `Accueil ${label}`, exact: true }).waitFor();
    expect(await page.getByTestId('task-count').locator('[aria-hidden="true"]').textContent()).toBe(String(n));
    await shot(page, '60-home-tasks');

    await first.getByRole('link', { name: 'Voter sur la priorisation des besoins' }).click();
    await page.waitForURL(`**/besoins/${study.id}/tours/${round.id}`);
    await page
      .getByRole('heading', { name: /Priorisation de Mirabel/ })
      .first()
      .waitFor();

    // The voters were told: the local outbox shows the message.
    const outbox = await (await fetch(`${product.url}/dev/outbox`)).text();
    expect(outbox).toContain('Un tour de priorisation est ouvert : Besoins des familles de Mirabel');

    // "Mes avis": the essential ones always sent, the optional ones as boxes; she turns reminders off.
    await page.getByRole('link', { name: 'Mes avis' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mes avis' }).waitFor();
    await page.getByTestId('essential-kinds').getByText('Une révision demandée pour un projet de votre organisme').waitFor();
    const reminder = page.getByLabel('Un rappel trois jours avant une échéance qui vous attend');
    expect(await reminder.isChecked()).toBe(true);
    await reminder.uncheck();
    await page.getByRole('button', { name: 'Enregistrer mes choix' }).click();
    await page.getByText('Vos choix sont enregistrés.').waitFor();
    await shot(page, '61-notification-preferences');
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Mes avis' }).waitFor();
    expect(await page.getByLabel('Un rappel trois jours avant une échéance qui vous attend').isChecked()).toBe(false);
    expect(await page.getByLabel('Un tour de priorisation des besoins ouvert au vote').isChecked()).toBe(true);
    const saved = await apiAs('demo-membre-famille', 'GET', `${T}/me/notification-preferences`);
    expect(saved).toMatchObject({ optOut: ['deadline-soon'], version: 1 });
  });
});
