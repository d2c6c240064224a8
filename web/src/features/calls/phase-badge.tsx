import type { Call } from './api';
import { t } from '../../lib/i18n';

export function PhaseBadge({ call }: { call: Pick<Call, 'status' | 'phase'> }) {
  const key = call.status === 'draft' ? 'draft' : call.phase;
  return <span class={`badge badge-${key}`}>{t(`phase.${key}` as 'phase.open')}</span>;
}
