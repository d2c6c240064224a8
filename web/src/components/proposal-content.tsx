/** A submitted proposal's content as evaluators and screeners read it (the proposal's page and the scoring sheet). */
import type { ProposalContent } from '../../../shared/schemas/proposal';
import { t } from '../lib/i18n';
import { Money, Table } from './ui';

/** A submitted proposal's content: summary, population, activities, budget lines and amounts, duration, needs answered. */
export function ProposalContentView({ content, needs }: { content: ProposalContent; needs: { id: string; statement: string }[] }) {
  return (
    <div class="proposal-content">
      <h2>{t('proposal.summary')}</h2>
      <p class="prose">{content.summary}</p>
      <h2>{t('proposal.targetPopulation')}</h2>
      <p class="prose">{content.targetPopulation}</p>
      <h2>{t('proposal.activities')}</h2>
      <ul>
        {content.activities.map((a, i) => (
          <li key={i}>
            <strong>{a.title}</strong> {a.description}
          </li>
        ))}
      </ul>
      <h2>{t('proposal.budgetLines')}</h2>
      <Table label={t('proposal.budgetLines')}>
        <tbody>
          {content.budgetLines.map((l, i) => (
            <tr key={i}>
              <th scope="row">{l.label}</th>
              <td class="num">
                <Money cents={l.amount} />
              </td>
            </tr>
          ))}
          <tr class="subtotal">
            <th scope="row">{t('proposal.requested')}</th>
            <td class="num">
              <Money cents={content.requested} />
            </td>
          </tr>
          <tr>
            <th scope="row">{t('proposal.minimum')}</th>
            <td class="num">
              <Money cents={content.minimum} />
            </td>
          </tr>
        </tbody>
      </Table>
      <p>
        {t('proposal.duration')} : {content.durationYears === 1 ? t('proposal.oneYear') : t('proposal.twoYears')}
      </p>
      {(content.needIds ?? []).length > 0 && (
        <>
          <h3>{t('proposal.needs')}</h3>
          <ul data-testid="answered-needs">
            {content.needIds.map((id) => (
              <li key={id}>{needs.find((n) => n.id === id)?.statement ?? id}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
