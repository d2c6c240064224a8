import type { Call } from '../../../shared/domain';
import { t } from '../lib/i18n';

/** A call's phase as a badge (draft, upcoming, open, closed), on every list of calls. */
export function PhaseBadge({ call }: { call: Pick<Call, 'status' | 'phase'> }) {
  const key = call.status === 'draft' ? 'draft' : call.phase;
  return <span class={`badge badge-${key}`}>{t(`phase.${key}` as 'phase.open')}</span>;
}
