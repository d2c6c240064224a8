/**
 * Issue 10, item 18 (plain words), in a real Chromium: on a round's result, on
 * the scoring results and on a scenario, every method name carries its
 * one-sentence explanation (opened by a tap, a click or the keyboard, never by
 * hovering) and a link that lands on the worked example, at the right place of
 * the help page, in French and in English.
 */
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { METHOD_TERMS, type TermId } from '../../shared/method-terms';
import { shot, signInAs, T, useProduct } from './browser';

const product = useProduct();
const { newPage, apiAs } = product;

const ROUND = '/besoins/study-psjp/tours/round-psjp-1';
const PREVIOUS = '/appels/call-psjp-precedent';

type Lang = 'fr' | 'en';
const words = {
  fr: { what: (term: string) => `Qu’est-ce que « ${term} »?`, example: 'Voir l’exemple détaillé', switchTo: 'English' },
  en: { what: (term: string) => `What is “${term}”?`, example: 'See the worked example', switchTo: 'Français' },
};

/** The anchor the address names exists, the page was scrolled to it, and it is on screen. */
async function expectLandedAt(page: Page, path: string, anchor: string) {
  await page.waitForURL((u) => u.pathname === path && u.hash === `#${anchor}`);
  await page.getByTestId('help-page').waitFor();
  const where = await page.evaluate((id) => {
    const el = document.getElementById(id);
    if (!el) return null;
    const r = el.getBoundingClientRect();
    return { top: r.top, height: innerHeight, scrollY, focused: document.activeElement === el };
  }, anchor);
  expect(where, `#${anchor} on ${path}`).not.toBeNull();
  expect(where!.scrollY, `scrolled to #${anchor}`).toBeGreaterThan(0);
  expect(where!.top).toBeGreaterThanOrEqual(-1);
  expect(where!.top).toBeLessThan(where!.height);
  expect(where!.focused).toBe(true);
}

/** The text of the help page from the anchor on (past the anchors stacked with it), up to the next anchor: what the reader lands on. */
const textAfterAnchor = (page: Page, anchor: string) =>
  page.evaluate((id) => {
    let n = document.getElementById(id)!.nextElementSibling;
    while (n?.classList.contains('anchor')) n = n.nextElementSibling;
    let text = '';
    // biome-ignore lint/performance/useDomNodeTextContent: innerText is the text as shown, with the space between a table's cells that textContent leaves out.
    for (; n && !n.classList.contains('anchor') && text.length < 2000; n = n.nextElementSibling) text += `${(n as HTMLElement).innerText} `;
    return text.replace(/\s+/g, ' ');
  }, anchor);

/** Opens a term's explanation with its button (by click, tap or keyboard), checks the sentence, and follows the link. */
async function openTerm(page: Page, lang: Lang, id: TermId, how: 'click' | 'tap' | 'keyboard') {
  const term = page.locator(`[data-term="${id}"]`).first();
  const button = term.getByRole('button', { name: words[lang].what(METHOD_TERMS[id].label[lang]) });
  expect(await button.getAttribute('aria-expanded')).toBe('false');
  expect(await term.locator('.term-note').isVisible()).toBe(false);
  if (how === 'click') await button.click();
  else if (how === 'tap') await button.tap();
  else {
    await button.focus();
    await page.keyboard.press('Enter');
  }
  expect(await button.getAttribute('aria-expanded')).toBe('true');
  const note = term.locator('.term-note');
  expect(await note.isVisible()).toBe(true);
  expect(await note.textContent()).toContain(METHOD_TERMS[id].sentence[lang]);
  return note.getByRole('link', { name: new RegExp(`^${words[lang].example}`) });
}

async function switchTo(page: Page, lang: Lang) {
  await page.getByRole('button', { name: words[lang === 'en' ? 'fr' : 'en'].switchTo }).click();
  await page.waitForFunction((l) => document.documentElement.lang === l, lang);
}

describe('item 18: plain words for the methods, with the worked examples in the app', () => {
  it('a member reads a round’s result: Schulze, Borda and the preference matrix explained, each link lands on its example (French, then English)', async () => {
    const page = await newPage('demo-membre-famille');
    for (const lang of ['fr', 'en'] as const) {
      if (lang === 'en') await switchTo(page, 'en');
      await page.goto(`${product.url}${ROUND}`);
      await page.getByTestId('result').waitFor();
      const note = page.locator('[data-term-note="schulze"]');
      expect(await note.textContent()).toContain(METHOD_TERMS.schulze.sentence[lang]);

      // Borda's explanation sits in the table's header: a click opens it, Escape closes it again.
      await openTerm(page, lang, 'borda', 'click');
      await page.keyboard.press('Escape');
      expect(await page.locator('[data-term="borda"] button').getAttribute('aria-expanded')).toBe('false');
      expect(await page.locator('[data-term="borda"] button').evaluate((b) => b === document.activeElement)).toBe(true);
      // The matrix's, with the keyboard.
      const matrixLink = await openTerm(page, lang, 'pairwise', 'keyboard');
      if (lang === 'fr') await shot(page, '80-round-result-terms');
      expect(await matrixLink.getAttribute('href')).toBe('/aide/priorisation#pairwise');

      await note.getByRole('link', { name: new RegExp(`^${words[lang].example}`) }).click();
      await expectLandedAt(page, '/aide/priorisation', 'schulze');
      const landed = await textAfterAnchor(page, 'schulze');
      expect(landed).toContain(
        lang === 'fr' ? 'Schulze (la méthode qui décide l’ordre d’un tour par classement)' : 'Schulze (the order a ranking round is decided on)',
      );
      // The worked example itself: the 45 voters' widest paths and the order they give.
      expect(landed).toContain('E > A > C > B > D');
      expect(await page.locator('[data-testid="help-page"] table').count()).toBe(4);
      if (lang === 'fr') await shot(page, '81-help-prioritization');

      // Back, then Borda's link: the same page, another place.
      await page.goBack();
      await page.getByTestId('result').waitFor();
      await (await openTerm(page, lang, 'borda', 'click')).click();
      await expectLandedAt(page, '/aide/priorisation', 'borda');
      expect(await textAfterAnchor(page, 'borda')).toContain('E 102, A 98, B 92, C 89, D 69');
    }
  });

  it('the coordinator reads the scoring results: aggregation, normalization, disagreement and recusal explained and linked (French, then English)', async () => {
    const page = await newPage('demo-coordination');
    const expected: Record<'aggregation' | 'normalization' | 'disagreement' | 'recusal', { fr: string; en: string }> = {
      aggregation: { fr: 'moyenne tronquée', en: 'trimmed mean' },
      normalization: { fr: 'e1 donne 40 et 60', en: 'e1 gives 40 and 60' },
      disagreement: { fr: 'Des totaux de 20 et de 100 donnent un écart-type de 40', en: 'Totals 20 and 100 give a spread of 40' },
      recusal: { fr: 'que si elles n’avaient jamais été données', en: 'as if they had never been given' },
    };
    for (const lang of ['fr', 'en'] as const) {
      if (lang === 'en') await switchTo(page, 'en');
      for (const id of Object.keys(expected) as (keyof typeof expected)[]) {
        await page.goto(`${product.url}${PREVIOUS}/evaluation`);
        await page.getByTestId('scoring-results').waitFor();
        const link = await openTerm(page, lang, id, 'click');
        if (lang === 'fr' && id === 'disagreement') await shot(page, '82-scoring-results-terms');
        await link.click();
        await expectLandedAt(page, '/aide/evaluation', METHOD_TERMS[id].anchor);
        expect(await textAfterAnchor(page, METHOD_TERMS[id].anchor)).toContain(expected[id][lang]);
      }
    }
  });

  it('the coordinator reads a scenario: the method chosen and the method computed are explained and linked (French, then English)', async () => {
    const page = await newPage('demo-coordination');
    for (const lang of ['fr', 'en'] as const) {
      if (lang === 'en') await switchTo(page, 'en');
      await page.goto(`${product.url}${PREVIOUS}/repartition`);
      const form = page.getByTestId('scenario-form');
      await form.getByLabel(lang === 'fr' ? 'Nom du scénario' : 'Scenario name').fill(`Par note ${lang}`);
      await form.getByLabel(lang === 'fr' ? 'Méthode' : 'Method').selectOption('greedy');
      // The note under the choice follows the method chosen.
      expect(await form.locator('[data-term-note]').getAttribute('data-term-note')).toBe('greedy');
      expect(await form.locator('[data-term-note]').textContent()).toContain(METHOD_TERMS.greedy.sentence[lang]);
      await form.getByLabel(lang === 'fr' ? 'Méthode' : 'Method').selectOption('proportional');
      expect(await form.locator('[data-term-note]').textContent()).toContain(METHOD_TERMS.proportional.sentence[lang]);
      await form.getByLabel(lang === 'fr' ? 'Méthode' : 'Method').selectOption('greedy');
      await form.getByRole('button', { name: lang === 'fr' ? 'Calculer' : 'Compute' }).click();
      await page
        .getByTestId('scenario')
        .getByRole('heading', { name: `Par note ${lang}` })
        .waitFor();
      const link = await openTerm(page, lang, 'greedy', 'click');
      if (lang === 'fr') await shot(page, '83-scenario-terms');
      await link.click();
      await expectLandedAt(page, '/aide/repartition', 'greedy');
      // The worked example: greedy funds famille and cje whole, 25 500 $ of 32 000 $.
      expect(await textAfterAnchor(page, 'greedy')).toContain(
        lang === 'fr' ? 'glouton (par note, demandes entières) 13 500 12 000 0 0 25 500' : 'greedy (score order, whole requests) 13 500 12 000 0 0 25 500',
      );
      if (lang === 'fr') await shot(page, '84-help-allocation');
    }
  });

  it('on a 390 px phone, a member opens an explanation with a tap, reads the Method of Equal Shares on the vote page, and the help page fits the screen', async () => {
    const opened = await apiAs('demo-coordination', 'POST', `${T}/calls/call-psjp-precedent/pb-vote`, {
      closesAt: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(opened.closesAt ?? opened.vote?.closesAt).toBeTruthy();
    const context = await product.browser.newContext({
      locale: 'fr-CA',
      timezoneId: 'America/Montreal',
      viewport: { width: 390, height: 844 },
      hasTouch: true,
    });
    const page = await context.newPage();
    await signInAs(page, product.url, 'demo-membre-cje');
    await page.goto(`${product.url}${ROUND}`);
    await page.getByTestId('result').waitFor();
    await (await openTerm(page, 'fr', 'pairwise', 'tap')).waitFor();

    await page.goto(`${product.url}${PREVIOUS}/vote`);
    const mes = page.locator('[data-term-note="mes"]');
    expect(await mes.textContent()).toContain(METHOD_TERMS.mes.sentence.fr);
    await mes.getByRole('link').tap();
    await expectLandedAt(page, '/aide/repartition', 'mes');
    expect(await textAfterAnchor(page, 'mes')).toContain('La méthode des parts égales (MES), pas à pas');
    const overflow = await page.evaluate(() => {
      const main = document.querySelector('main')!;
      return { scroll: main.scrollWidth, client: main.clientWidth };
    });
    expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
    await shot(page, '85-help-mes-phone');
    await context.close();
  });

  it('a member recused from a proposal she is assigned reads what recusal means, and its worked example', async () => {
    const page = await newPage('demo-membre-famille');
    await page.goto(`${product.url}${PREVIOUS}/evaluation`);
    await page.getByTestId('my-proposals-to-score').waitFor();
    const note = page.locator('[data-term-note="recusal"]');
    expect(await note.textContent()).toContain(METHOD_TERMS.recusal.sentence.fr);
    await note.getByRole('link', { name: /^Voir l’exemple détaillé/ }).click();
    await expectLandedAt(page, '/aide/evaluation', 'recusal');
    expect(await textAfterAnchor(page, 'recusal')).toContain('Les récusations sont listées pour le procès-verbal.');
  });

  it('the help index lists every term with its sentence and a link that works', async () => {
    const page = await newPage('demo-membre-cuisines');
    await page.getByRole('link', { name: 'Aide', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Aide : les méthodes, expliquées' }).waitFor();
    const text = await page.locator('main').textContent();
    for (const term of Object.values(METHOD_TERMS)) expect(text).toContain(term.sentence.fr);
    await page.getByRole('link', { name: 'Voir l’exemple détaillé : ρ (rho)' }).click();
    await expectLandedAt(page, '/aide/repartition', 'rho');
    expect(await textAfterAnchor(page, 'rho')).toContain('ρ(C) : chacun des quatre paie 7,5');
    await page.goto(`${product.url}/aide/inconnu`);
    await page.getByRole('alert').filter({ hasText: 'Cette page d’aide n’existe pas.' }).waitFor();
  });
});
