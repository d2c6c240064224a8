/** The "Table de concertation" choice of a needs study or a call: whose voting members vote and score. */
import { t } from '../lib/i18n';
import { Field } from './ui';

export function TableSelect(props: {
  tables: readonly { id: string; name: string }[];
  value: string;
  onChange: (tableId: string) => void;
  error?: string | undefined;
}) {
  return (
    <Field label={t('tables.table')} hint={t('tables.tableHint')} error={props.error}>
      {(a) => (
        <select {...a} value={props.value} onChange={(e) => props.onChange((e.target as HTMLSelectElement).value)}>
          <option value="">{t('tables.noTable')}</option>
          {props.tables.map((table) => (
            <option key={table.id} value={table.id}>
              {table.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
