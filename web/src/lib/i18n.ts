/**
 * French first, English available. The chosen language is kept in the
 * browser; every text of the interface goes through `t`.
 */
import { useEffect, useState } from 'preact/hooks';
import type { Lang, Localized } from '../../../shared/errors';
import { FR, EN, type MessageKey } from './messages';

const STORAGE_KEY = 'enveloppe.lang';
let current: Lang = typeof localStorage !== 'undefined' && localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'fr';
const listeners = new Set<() => void>();

export function getLang(): Lang {
  return current;
}

export function setLang(lang: Lang) {
  current = lang;
  localStorage.setItem(STORAGE_KEY, lang);
  document.documentElement.lang = lang;
  for (const l of listeners) l();
}

/** Re-renders the component when the language changes. */
export function useLang(): Lang {
  const [lang, set] = useState(current);
  useEffect(() => {
    const l = () => set(current);
    listeners.add(l);
    return () => listeners.delete(l);
  }, []);
  return lang;
}

/**
 * The message in the current language with its `{name}` parts filled in. A part that ends a sentence with
 * its own period (an English time, `5:00 p.m.`) takes the message's period too: never `p.m..`.
 */
export function t(key: MessageKey, vars: Record<string, string | number> = {}): string {
  const text = (current === 'en' ? EN : FR)[key];
  return text.replace(/\{(\w+)\}(\.?)/g, (_, k: string, period: string) => {
    const value = String(vars[k] ?? '');
    return period && value.endsWith('.') ? value : value + period;
  });
}

/** Between a label and its value: `Montant : 5,00 $` in French, `Amount: $5.00` in English (no space before the colon). */
export const colon = (): string => (current === 'en' ? ':' : ' :');

/** A quotation: « … » in French, “…” in English. */
export const quoted = (text: string): string => (current === 'en' ? `“${text}”` : `« ${text} »`);

export function loc(text: Localized): string {
  return text[current];
}
