/**
 * An amount typed in dollars the Quebec way (`12 345,67`), held as text until the form is sent. Once the
 * person leaves the field, an amount that reads is written back the way amounts are shown (`11000` becomes
 * `11 000,00`), so what is saved is what the field shows.
 */
import { centsToInput, parseMoney } from '../../../shared/money';
import { getLang, t } from '../lib/i18n';

export function MoneyInput(props: {
  value: string;
  onInput: (v: string) => void;
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  'aria-label'?: string;
  name?: string;
}) {
  const { value, onInput, ...attrs } = props;
  return (
    <span class="money-input">
      <input
        {...attrs}
        inputMode="decimal"
        autoComplete="off"
        value={value}
        onInput={(e) => onInput((e.target as HTMLInputElement).value)}
        onBlur={() => {
          const parsed = parseMoney(value);
          if (parsed.ok && parsed.cents >= 0) {
            const shown = centsToInput(parsed.cents, getLang());
            if (shown !== value) onInput(shown);
          }
        }}
      />
      <span aria-hidden="true">$</span>
    </span>
  );
}

/**
 * Cents from the typed text, or a field error. An empty text gives `undefined`
 * so the shared schema reports the field as required.
 */
export function readMoney(text: string, path: string, errors: Record<string, string>): number | undefined {
  if (text.trim() === '') return undefined;
  const parsed = parseMoney(text);
  if (parsed.ok) return parsed.cents;
  errors[path] = parsed.reason === 'fraction' ? t('money.fraction') : t('money.format');
  return Number.NaN;
}
