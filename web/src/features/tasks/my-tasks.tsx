/**
 * "What waits for me": the home page starts with the person's tasks, most urgent first, each in plain words
 * with its due date (Quebec format) and a link to where it is done; the navigation's home link carries their
 * count.
 */
import { formatDateTime } from '../../../../shared/dates';
import { Link, ProblemAlert } from '../../components/ui';
import { getLang, t } from '../../lib/i18n';
import { tn } from '../../lib/plural';
import { usePath } from '../../lib/router';
import type { Task } from './api';
import { useTasks } from './store';

/** What the task asks, in the person's language: words from its kind and count, never the API's. */
function wording(task: Task): string {
  switch (task.kind) {
    case 'ballot':
      return t(
        task.subject === 'pb-vote' ? 'tasks.ballot.pb-vote' : task.subject === 'recommendation' ? 'tasks.ballot.recommendation' : 'tasks.ballot.needs-round',
      );
    case 'scoring':
      return tn('tasks.scoring', task.count);
    case 'screening':
      return tn('tasks.screening', task.count);
    case 'revision':
      return t('tasks.revision');
    case 'call-closing':
      return t('tasks.call-closing');
    case 'invitation':
      return t('tasks.invitation');
    case 'close-vote':
      return t('tasks.close-vote');
    case 'decision':
      return t('tasks.decision');
    case 'claims':
      return tn('tasks.claims', task.count);
    case 'sign-agreements':
      return tn('tasks.sign-agreements', task.count);
    case 'agreement-to-sign':
      return t('tasks.agreement-to-sign');
    case 'review-agreement':
      return t('tasks.review-agreement');
    case 'report-to-submit':
      return t('tasks.report-to-submit');
    case 'report-late':
      return t('tasks.report-late');
    case 'obstacle-reported':
      return t('tasks.obstacle-reported');
    case 'late-reports':
      return tn('tasks.late-reports', task.count);
  }
}

export function MyTasks({ tenantId }: { tenantId: string }) {
  const path = usePath();
  const { items, error } = useTasks(tenantId, path);
  return (
    <section class="tasks" aria-labelledby="tasks-title" data-testid="tasks">
      <h2 id="tasks-title">{t('tasks.title')}</h2>
      {error && !items && <ProblemAlert problem={error} />}
      {items === null && !error && <p aria-busy="true">{t('loading')}</p>}
      {items?.length === 0 && <p>{t('tasks.empty')}</p>}
      {items && items.length > 0 && (
        <ol class="cards task-list">
          {items.map((task, i) => (
            // Several tasks may share a kind and a link (each obstacle to answer opens the reports received): the position keeps keys apart.
            <li key={`${i}-${task.kind}-${task.link}-${task.proposalId ?? ''}`} data-kind={task.kind}>
              <Link href={task.link}>{wording(task)}</Link>
              <span class="task-title">{task.title}</span>
              <small>{task.dueAt ? t('tasks.due', { date: formatDateTime(task.dueAt, getLang()) }) : t('tasks.noDue')}</small>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** The navigation's home link, with the number of tasks (read aloud as "3 tâches"). */
export function HomeNavLink({ tenantId }: { tenantId: string }) {
  const path = usePath();
  const { items } = useTasks(tenantId, path);
  const n = items?.length ?? 0;
  return (
    <Link href="/">
      {t('nav.home')}
      {n > 0 && ' '}
      {n > 0 && (
        <span class="badge task-count" data-testid="task-count">
          <span aria-hidden="true">{n}</span>
          <span class="sr-only">{tn('tasks.count', n)}</span>
        </span>
      )}
    </Link>
  );
}
