/**
 * What looks like personal information in a report's free text (Quebec's Law 25: reports hold aggregates
 * only). Before a report goes to the funder its texts are checked for an email address, a phone number,
 * a health insurance number (RAMQ), a social insurance number (NAS) and a date of birth; each hit is shown
 * to its writer, who fixes the text or confirms it is not about a person served.
 *
 * Tuned for French reports full of numbers that are not about anyone: amounts (`12 345,67 $`), years and
 * fiscal years (`2017`, `2025-2026`), dates of events (`2026-04-01`), counts (`41 femmes`). So:
 * - a phone number is ten digits grouped 3-3-4 (with an optional leading 1), not followed by an amount's
 *   decimals or a dollar sign;
 * - a NAS is nine digits grouped 3-3-3 that pass the Luhn check (as real NAS do), not an amount;
 * - a RAMQ number is four letters and eight digits whose birth month (women: + 50) and day are real;
 * - a date is a date of birth only near a word that says so (« née le », « date de naissance », « DDN »):
 *   a report is full of dates of events, and flagging each would teach writers to ignore the check.
 */

export type PersonalInfoKind = 'email' | 'phone' | 'ramq' | 'sin' | 'birthdate';

export interface PersonalInfoHit {
  kind: PersonalInfoKind;
  /** The text found, as written. */
  text: string;
  start: number;
  end: number;
}

export const PERSONAL_INFO_LABELS: Record<PersonalInfoKind, { fr: string; en: string }> = {
  email: { fr: 'une adresse courriel', en: 'an email address' },
  phone: { fr: 'un numéro de téléphone', en: 'a phone number' },
  ramq: { fr: 'un numéro d’assurance maladie (RAMQ)', en: 'a health insurance number (RAMQ)' },
  sin: { fr: 'un numéro d’assurance sociale', en: 'a social insurance number' },
  birthdate: { fr: 'une date de naissance', en: 'a date of birth' },
};

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
/** Ten digits 3-3-4, an optional leading 1 or +1, separators space, hyphen, dot; the area code may be in parentheses. */
const PHONE = /(?<![\p{N},.])(?:\+?1[\s.-]?)?(?:\(\d{3}\)|\d{3})[\s.-]?\d{3}[\s.-]?\d{4}(?![\p{N}])/gu;
/** Nine digits 3-3-3 (spaces or hyphens, or none). */
const SIN = /(?<![\p{N},.])\d{3}[\s-]?\d{3}[\s-]?\d{3}(?![\p{N}])/gu;
/** Four letters, then eight digits (YYMMDD + two), optionally spaced 4-4-4. */
const RAMQ = /(?<![\p{L}\p{N}])\p{L}{4}[\s-]?\d{4}[\s-]?\d{4}(?![\p{N}])/gu;
const MONTHS =
  'janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december';
const DATE = new RegExp(
  String.raw`(?:\d{4}-\d{2}-\d{2}|\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|(?:1er|\d{1,2})\s+(?:${MONTHS})\s+\d{4}|(?:${MONTHS})\s+\d{1,2},?\s+\d{4})`,
  'giu',
);
/** Words that make a nearby date a date of birth. */
const BIRTH_WORDS = /\b(?:née?s?|né\(e\)|naissance|ddn|d\.d\.n\.|born|birth|dob)\b/giu;

/** What follows a number that makes it an amount, not an identifier: decimals, a dollar sign, a percent. */
const AMOUNT_AFTER = /^(?:,\d|\s?\$|\s?%)/u;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function ramqDateIsReal(digits: string): boolean {
  const month = Number(digits.slice(2, 4));
  const day = Number(digits.slice(4, 6));
  const m = month > 50 ? month - 50 : month;
  return m >= 1 && m <= 12 && day >= 1 && day <= 31;
}

function matches(re: RegExp, text: string): { text: string; start: number; end: number }[] {
  return [...text.matchAll(re)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length }));
}

/** Every hit in one text, in the order they appear; overlapping hits keep the first kind found (email, then RAMQ, phone, NAS, date). */
export function findPersonalInfo(text: string): PersonalInfoHit[] {
  const hits: PersonalInfoHit[] = [];
  const taken: [number, number][] = [];
  const free = (s: number, e: number) => taken.every(([a, b]) => e <= a || s >= b);
  const add = (kind: PersonalInfoKind, m: { text: string; start: number; end: number }) => {
    if (!free(m.start, m.end)) return;
    taken.push([m.start, m.end]);
    hits.push({ kind, ...m });
  };
  const notAmount = (m: { end: number }) => !AMOUNT_AFTER.test(text.slice(m.end));
  for (const m of matches(EMAIL, text)) add('email', m);
  for (const m of matches(RAMQ, text)) if (ramqDateIsReal(m.text.replace(/\D/g, ''))) add('ramq', m);
  for (const m of matches(PHONE, text)) if (notAmount(m)) add('phone', m);
  for (const m of matches(SIN, text)) if (notAmount(m) && luhn(m.text.replace(/\D/g, ''))) add('sin', m);
  const birthWords = matches(BIRTH_WORDS, text);
  for (const m of matches(DATE, text))
    if (birthWords.some((w) => (w.end <= m.start && m.start - w.end <= 40) || (m.end <= w.start && w.start - m.end <= 15))) add('birthdate', m);
  return hits.sort((a, b) => a.start - b.start);
}

/** A hit in a named field of a form (`sections.<id>`, `answers.<id>`, `obstacle`…). */
export interface FieldHit extends PersonalInfoHit {
  field: string;
}

/** The hits of several fields, minus those the writer confirmed (same field and same text) are not about a person served. */
export function unconfirmedHits(fields: Record<string, string>, confirmed: readonly { field: string; text: string }[]): FieldHit[] {
  const ok = new Set(confirmed.map((c) => `${c.field}\u0000${c.text}`));
  return Object.entries(fields).flatMap(([field, text]) =>
    findPersonalInfo(text)
      .filter((h) => !ok.has(`${field}\u0000${h.text}`))
      .map((h) => ({ field, ...h })),
  );
}
