import type { EnvelopeComputation } from '../../../../shared/envelope';
import { Money, Table } from '../../components/ui';
import { loc, t } from '../../lib/i18n';

/** The envelope's arithmetic, line by line, so the amount available can be checked by hand. */
export function Arithmetic({ computation }: { computation: EnvelopeComputation }) {
  return (
    <Table class="arithmetic" aria-label={t('envelope.arithmetic')}>
      <tbody>
        {computation.lines.map((l, i) => (
          <tr key={i} class={l.op === '=' ? 'subtotal' : ''}>
            <td class="op" aria-hidden="true">
              {l.op === '×' ? '' : l.op}
            </td>
            <th scope="row">{loc(l.label)}</th>
            <td class="num">
              <Money cents={l.cents} />
            </td>
          </tr>
        ))}
      </tbody>
    </Table>
  );
}
