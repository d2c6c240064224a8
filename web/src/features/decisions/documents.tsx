/**
 * The printable documents: the decision with its departures and amendments,
 * and a decision letter per organization. Their print stylesheet (styles.css,
 * `.document`) makes a clean letter-size page: the institution's name as the
 * header, page numbers at the bottom, the app's navigation and buttons hidden.
 * In French or English, as the app's language.
 */
import { instantToMontrealLocal } from '../../../../shared/dates';
import { formatMoney } from '../../../../shared/money';
import { Link, Loading, useResource } from '../../components/ui';
import { getLang, t } from '../../lib/i18n';
import { useSession } from '../../lib/session-context';
import { getCall, getDecisionView, getLetter } from './api';
import { Amendments, DecisionFacts, DecisionLines } from './decision-page';

/** The day, Montreal time, as Quebec writes it (`2026-04-01`) in both languages. */
const dateOnly = (iso: string) => instantToMontrealLocal(iso).slice(0, 10);

function PrintBar({ back }: { back: string }) {
  return (
    <p class="row no-print">
      <Link href={back}>{t('back.call')}</Link>
      <button type="button" onClick={() => window.print()}>
        {t('dec.printNow')}
      </button>
    </p>
  );
}

export function DecisionDocument({ callId }: { callId: string }) {
  const { membership } = useSession();
  const { tenantId } = membership;
  const data = useResource(() => Promise.all([getDecisionView({ tenantId, callId }), getCall({ tenantId, callId })]), [tenantId, callId]);
  if (!data.data) return <Loading error={data.error} />;
  const [view, call] = data.data;
  return (
    <article class="document">
      <PrintBar back={`/appels/${callId}/decision`} />
      <header class="document-header">{membership.tenantName}</header>
      <h1>
        {t('dec.title')} — {call.title}
      </h1>
      {view.decision ? (
        <>
          <DecisionFacts decision={view.decision} />
          <DecisionLines lines={view.decision.lines} callId={callId} letters={false} />
          <p>
            {t('dec.total')} : {formatMoney(view.decision.total, getLang())} · {t('dec.available')} : {formatMoney(view.amountAvailable, getLang())}
          </p>
          <Amendments decision={view.decision} callId={callId} />
        </>
      ) : (
        <p role="status">{t('dec.noDecision')}</p>
      )}
    </article>
  );
}

export function DecisionLetter({ callId, proposalId }: { callId: string; proposalId: string }) {
  const { membership } = useSession();
  const { tenantId } = membership;
  const letter = useResource(() => getLetter({ tenantId, callId, proposalId }), [tenantId, callId, proposalId]);
  if (!letter.data) return <Loading error={letter.error} />;
  const l = letter.data;
  const lang = getLang();
  const money = (c: number) => formatMoney(c, lang);
  const years = l.years === 2 ? t('dec.twoYears') : t('dec.oneYear');
  return (
    <article class="document letter">
      <PrintBar back={`/appels/${callId}`} />
      <header class="document-header">{l.institution}</header>
      <p>{t('letter.date', { date: dateOnly(l.date) })}</p>
      <p>
        <strong>{l.organizationName}</strong>
      </p>
      <h1>{t('letter.title')}</h1>
      <p>
        <strong>{t('letter.object', { title: l.title, call: l.callTitle })}</strong>
      </p>
      <p>{t('letter.hello')}</p>
      {l.funded ? (
        <>
          <p data-testid="letter-outcome">{t('letter.funded', { title: l.title, amount: money(l.amount), years })}</p>
          <p>{t('letter.perYear', { amounts: l.perYear.map(money).join(' · ') })}</p>
          {l.supplement && <p>{t('dec.supplementOf', { amount: money(l.supplement.amount), reason: l.supplement.reason })}</p>}
        </>
      ) : (
        <p data-testid="letter-outcome">{t('letter.notFunded', { title: l.title })}</p>
      )}
      <p>{t('letter.reason', { reason: l.reason })}</p>
      {l.amendments.length > 0 && (
        <p>
          {t('letter.amended', {
            list: l.amendments.map((a) => `${dateOnly(a.at)} : ${money(a.before)} → ${money(a.after)} (${a.reason})`).join(' ; '),
          })}
        </p>
      )}
      <p>{t('letter.regards')}</p>
      <p class="signature">
        {l.signatory}
        <br />
        {l.institution}
      </p>
    </article>
  );
}
