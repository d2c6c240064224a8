import { fiscalYear } from '../../../../shared/dates';
import { useSession } from '../../lib/session-context';
import { Link, Loading, Money, Table, useResource } from '../../components/ui';
import { t } from '../../lib/i18n';
import { listEnvelopes } from './api';

export function EnvelopesPage() {
  const { membership, can } = useSession();
  const { data, error } = useResource(() => listEnvelopes(membership.tenantId), [membership.tenantId]);
  return (
    <section>
      <div class="heading">
        <h1>{t('envelopes.title')}</h1>
        {can('envelope:write') && (
          <Link class="button" href="/enveloppes/nouvelle">
            {t('envelopes.new')}
          </Link>
        )}
      </div>
      {!data ? (
        <Loading error={error} />
      ) : data.items.length === 0 ? (
        <p>{t('envelopes.empty')}</p>
      ) : (
        <Table label={t('envelopes.title')}>
          <thead>
            <tr>
              <th scope="col">{t('envelope.title')}</th>
              <th scope="col">{t('envelope.fiscalYear')}</th>
              <th scope="col" class="num">
                {t('envelope.available')}
              </th>
            </tr>
          </thead>
          <tbody>
            {data.items.map((e) => (
              <tr key={e.id}>
                <td>
                  <Link href={`/enveloppes/${e.id}`}>{e.title}</Link>
                  <div class="muted">{e.program}</div>
                </td>
                <td>{fiscalYear(e.fiscalYear).label}</td>
                <td class="num">
                  <Money cents={e.computation.available} />
                </td>
              </tr>
            ))}
          </tbody>
        </Table>
      )}
    </section>
  );
}
