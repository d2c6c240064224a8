/**
 * Money is integer cents everywhere; formatting and parsing follow Quebec
 * usage (`12 345,67 $`) in French and Canadian usage (`$12,345.67`) in English.
 */
import type { Lang } from './errors';

const formatters: Record<Lang, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat('fr-CA', { style: 'currency', currency: 'CAD' }),
  en: new Intl.NumberFormat('en-CA', { style: 'currency', currency: 'CAD' }),
};

/** Formats integer cents, e.g. 1234567 → "12 345,67 $" (fr) or "$12,345.67" (en). */
export function formatMoney(cents: number, lang: Lang = 'fr'): string {
  return formatters[lang].format(cents / 100);
}

export type ParseMoneyResult = { ok: true; cents: number } | { ok: false; reason: 'empty' | 'format' | 'fraction' };

/**
 * Parses what a person types as an amount of dollars into cents. Accepts
 * spaces (including narrow no-break spaces) as thousands separators, a comma
 * or a point as the decimal mark, and an optional `$`. More than two decimals
 * is refused rather than rounded: a fraction of a cent is a typing error.
 */
export function parseMoney(input: string): ParseMoneyResult {
  let text = input.replace(/[\s\u00a0\u202f$]/g, '');
  if (text === '') return { ok: false, reason: 'empty' };
  const negative = text.startsWith('-');
  if (negative) text = text.slice(1);
  // English thousands separators, when unambiguous: "12,345.67" or "1,234,567".
  // "1,005" stays French (a decimal comma): French comes first.
  if (/^\d{1,3}(,\d{3})+\.\d+$/.test(text) || /^\d{1,3}(,\d{3}){2,}$/.test(text)) text = text.replace(/,/g, '');
  text = text.replace(',', '.');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return { ok: false, reason: 'format' };
  const whole = match[1] ?? '0';
  const fraction = match[2] ?? '';
  if (fraction.length > 2) return { ok: false, reason: 'fraction' };
  const cents = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  if (!Number.isSafeInteger(cents)) return { ok: false, reason: 'format' };
  return { ok: true, cents: negative ? -cents : cents };
}

const inputFormatters: Record<Lang, Intl.NumberFormat> = {
  fr: new Intl.NumberFormat('fr-CA', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-CA', { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
};

/**
 * Cents as an amount to edit, written as people read amounts: 1234567 → "12 345,67" (fr) or "12,345.67"
 * (en), without the currency sign the field shows beside it. `parseMoney` reads it back to the same cents.
 */
export function centsToInput(cents: number, lang: Lang = 'fr'): string {
  // Integer cents → dollars: exact for every safe integer count of cents below 2^53 / 100.
  return inputFormatters[lang].format(cents / 100).replace(/\u2212/g, '-');
}

/** A percentage held as integer basis points (1 % = 100 bp), formatted for people. */
export function formatBasisPoints(bp: number, lang: Lang = 'fr'): string {
  const value = new Intl.NumberFormat(lang === 'fr' ? 'fr-CA' : 'en-CA', { maximumFractionDigits: 2 }).format(bp / 100);
  return lang === 'fr' ? `${value} %` : `${value}%`;
}

/** `amount × bp / 10 000`, rounded half up to the cent, in exact integer arithmetic. */
export function applyBasisPoints(cents: number, bp: number): number {
  const product = BigInt(cents) * BigInt(bp);
  const quotient = product / 10000n;
  const remainder = product % 10000n;
  return Number(remainder * 2n >= 10000n ? quotient + 1n : quotient);
}
