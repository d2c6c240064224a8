/**
 * Plural forms chosen by the language's own rule (`Intl.PluralRules`) instead of "membre(s)": French puts
 * 0 and 1 in the singular (`0 bulletin`, `1 bulletin`, `2 bulletins`), English only 1. Pure, so the API's
 * messages and the web app choose alike.
 */
import type { Lang } from './errors';

const rules: Record<Lang, Intl.PluralRules> = { fr: new Intl.PluralRules('fr-CA'), en: new Intl.PluralRules('en-CA') };

/** `one` when the language says the count takes the singular, else `other` (French's `many`, for millions, reads as `other`). */
export function pluralForm(lang: Lang, n: number): 'one' | 'other' {
  return rules[lang].select(n) === 'one' ? 'one' : 'other';
}

/** `plural('fr', 2, 'membre', 'membres')` → `membres`. */
export function plural(lang: Lang, n: number, one: string, other: string): string {
  return pluralForm(lang, n) === 'one' ? one : other;
}
