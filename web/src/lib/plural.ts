/**
 * Counted phrases of the interface: each is two messages, `key.one` and `key.other`, and the language's
 * plural rule picks one (`1 bulletin`, `2 bulletins`; French's `0 bulletin`), never "bulletin(s)".
 */
import { pluralForm } from '../../../shared/plural';
import { getLang, t } from './i18n';
import { FR, type MessageKey } from './messages';

/** The keys that come in a `.one` and `.other` pair, named without the suffix. */
export type CountedKey = { [K in MessageKey]: K extends `${infer Base}.other` ? (`${Base}.one` extends MessageKey ? Base : never) : never }[MessageKey];

/**
 * `tn('round.ballots', 2)` → `2 bulletins`; `{n}` is the count, formatted for the language. A `key.zero`
 * message, where there is one, says "none" better than the rule's form for 0.
 */
export function tn(key: CountedKey, n: number, vars: Record<string, string | number> = {}): string {
  const lang = getLang();
  const zero = `${key}.zero`;
  const form = (n === 0 && zero in FR ? zero : `${key}.${pluralForm(lang, n)}`) as MessageKey;
  return t(form, { ...vars, n: n.toLocaleString(lang === 'fr' ? 'fr-CA' : 'en-CA') });
}
