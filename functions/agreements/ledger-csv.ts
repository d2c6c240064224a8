/**
 * An envelope's ledger as a CSV for the institution's accounting, for Excel in French
 * (shared/csv.ts: `;`, BOM, decimal comma): the envelope, every movement oldest first with its
 * amounts in dollars, then the totals.
 */
import type { LedgerMovement, LedgerTotals } from '../../shared/agreements';
import { fiscalYearLabel } from '../../shared/agreements';
import { formatDateTime } from '../../shared/dates';
import { toFrenchCsv, type Cell } from '../../shared/csv';
import type { Envelope } from '../../shared/domain';

const KINDS: Record<LedgerMovement['kind'], { fr: string; en: string }> = {
  commitment: { fr: 'Engagement (signature)', en: 'Commitment (signature)' },
  amendment: { fr: 'Avenant', en: 'Amendment' },
  payment: { fr: 'Versement', en: 'Payment' },
  'carry-out': { fr: 'Report vers l’exercice suivant', en: 'Carried over to the next year' },
  'carry-in': { fr: 'Report de l’exercice précédent', en: 'Carried over from the previous year' },
};

const dollars = (cents: number) => cents / 100;

export function ledgerCsv(
  envelope: Pick<Envelope, 'title' | 'program' | 'fiscalYear'>,
  totals: LedgerTotals,
  movements: readonly LedgerMovement[],
  lang: 'fr' | 'en',
): string {
  const fr = lang === 'fr';
  const rows: Cell[][] = [
    [fr ? 'Enveloppe' : 'Envelope', envelope.title],
    [fr ? 'Programme' : 'Program', envelope.program],
    [fr ? 'Exercice' : 'Fiscal year', fiscalYearLabel(envelope.fiscalYear)],
    [],
    [
      fr ? 'Date' : 'Date',
      fr ? 'Mouvement' : 'Movement',
      fr ? 'Organisme' : 'Organization',
      fr ? 'Entente' : 'Agreement',
      fr ? 'Disponible ($)' : 'Available ($)',
      fr ? 'Engagé ($)' : 'Committed ($)',
      fr ? 'Versé ($)' : 'Paid ($)',
      fr ? 'Référence' : 'Reference',
      fr ? 'Motif' : 'Reason',
      fr ? 'Par' : 'By',
    ],
  ];
  for (const m of movements)
    rows.push([
      formatDateTime(m.at, lang),
      KINDS[m.kind][lang],
      m.organizationName,
      m.agreementId,
      dollars(m.available),
      dollars(m.committed),
      dollars(m.paid),
      m.reference,
      m.reason,
      m.byName,
    ]);
  rows.push(
    [],
    [fr ? 'Montant disponible ($)' : 'Amount available ($)', dollars(totals.available)],
    [fr ? 'Engagé ($)' : 'Committed ($)', dollars(totals.committed)],
    [fr ? 'Versé ($)' : 'Paid ($)', dollars(totals.paid)],
    [fr ? 'Reste à engager ($)' : 'Remaining to commit ($)', dollars(totals.remaining)],
    [fr ? 'Reste à verser ($)' : 'Remaining to pay ($)', dollars(totals.toPay)],
  );
  return toFrenchCsv(rows);
}
