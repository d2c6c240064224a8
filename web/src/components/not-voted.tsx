/** Who has not voted yet, by name, for the coordinator following a vote (never what anyone chose). */
import { t } from '../lib/i18n';

export function NotVoted({ people }: { people: { userId: string; name: string }[] }) {
  return (
    <div data-testid="not-voted">
      {people.length === 0 ? (
        <p>{t('vote.allVoted')}</p>
      ) : (
        <>
          <p>{t('vote.notVoted', { n: people.length })}</p>
          <ul class="plain">
            {people.map((p) => (
              <li key={p.userId}>{p.name}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
