/**
 * The CLSC 1 needs study of seed 002, as the demo holds it: focus groups with
 * CLSC workers, partners and twelve young parents raised the needs; the
 * table ranked them in one round (the three member accounts' ballots) and
 * retained all but housing, which it referred to the municipal housing
 * office. The demo call asks for projects that answer the retained needs.
 */
import type { Ballot, CallNeed, Need, NeedsStudy, PrioritizationRound } from '../../shared/needs';
import { tallyRound } from '../../shared/prioritization';
import { AlreadyExistsError } from '../../shared/errors';
import { putNew, type Db } from '../lib/db';
import { keys } from '../lib/keys';
import { createNeeds, createRound, createStudy } from '../needs/repository';
import { DEMO_TABLE_ID, DEMO_TABLE_VOTERS } from './demo-tables';

export const DEMO_STUDY_ID = 'study-psjp';
export const DEMO_ROUND_ID = 'round-psjp-1';

type Stamp = { version: number; createdAt: string; createdBy: string; updatedAt: string; updatedBy: string };

const NEEDS: Omit<Need, keyof Stamp | 'studyId' | 'status' | 'mergedInto'>[] = [
  {
    id: 'need-isolement',
    statement: 'Briser l’isolement : des lieux pour socialiser entre jeunes parents',
    category: 'socializing',
    sources: ['workers', 'partners', 'people'],
    notes: 'Nommé par les 12 jeunes parents du groupe de discussion.',
  },
  { id: 'need-transport', statement: 'Se rendre aux activités : accès au transport', category: 'transport', sources: ['workers', 'people'], notes: '' },
  { id: 'need-repit', statement: 'Du répit et du gardiennage pendant les activités', category: 'childcare', sources: ['workers', 'people'], notes: '' },
  {
    id: 'need-base',
    statement: 'Répondre aux besoins de base : alimentation, meubles, vêtements, couches',
    category: 'food',
    sources: ['partners', 'people'],
    notes: '',
  },
  {
    id: 'need-projet-vie',
    statement: 'Un projet de vie : retour aux études ou au travail',
    category: 'employment',
    sources: ['workers', 'partners'],
    notes: '',
  },
  {
    id: 'need-logement',
    statement: 'Un logement abordable et salubre',
    category: 'housing',
    sources: ['workers', 'partners', 'people'],
    notes: 'Hors du mandat de la table.',
  },
];

const BALLOTS: { sub: string; name: string; ranking: string[][] }[] = [
  {
    sub: 'demo-membre-famille',
    name: 'Sophie Lavoie',
    ranking: [['need-isolement'], ['need-repit'], ['need-transport'], ['need-base'], ['need-logement'], ['need-projet-vie']],
  },
  { sub: 'demo-membre-cje', name: 'Nadia Roy', ranking: [['need-projet-vie'], ['need-isolement'], ['need-transport', 'need-repit'], ['need-logement']] },
  {
    sub: 'demo-membre-cuisines',
    name: 'Julie Bergeron',
    ranking: [['need-base'], ['need-isolement'], ['need-transport'], ['need-repit'], ['need-projet-vie']],
  },
];

/** Seeds the study, its closed round and its retention; returns the needs the call carries, in the order of the result. */
export async function seedDemoNeeds(
  db: Db,
  t: string,
  callId: string,
  stamp: Stamp,
  once: (step: () => Promise<unknown>) => Promise<void>,
): Promise<CallNeed[]> {
  const coordinator = { ...stamp, createdBy: 'demo-coordination', updatedBy: 'demo-coordination' };
  const study: NeedsStudy = {
    id: DEMO_STUDY_ID,
    title: 'Étude des besoins des jeunes parents — CLSC 1',
    callId,
    status: 'open',
    consultation: null,
    tableId: DEMO_TABLE_ID,
    ...coordinator,
  };
  await once(() => createStudy(db, t, study));
  const needs: Need[] = NEEDS.map((n) => ({ ...n, studyId: DEMO_STUDY_ID, status: 'active', mergedInto: null, ...coordinator }));
  await once(() => createNeeds(db, t, DEMO_STUDY_ID, needs));

  const ballots: Ballot[] = BALLOTS.map((b) => ({
    roundId: DEMO_ROUND_ID,
    userId: b.sub,
    voterName: b.name,
    ranking: b.ranking,
    points: null,
    approved: null,
    submittedAt: stamp.createdAt,
    version: 1,
  }));
  for (const b of ballots)
    await once(() => putNew(db, keys.ballot(t, DEMO_ROUND_ID, b.userId), 'Ballot', b, () => new AlreadyExistsError({ fr: 'bulletin', en: 'ballot' })));
  const base: PrioritizationRound = {
    id: DEMO_ROUND_ID,
    studyId: DEMO_STUDY_ID,
    title: 'Priorisation des besoins — novembre',
    method: 'ranking',
    pointsBudget: null,
    approvalMax: null,
    needs: needs.map((n) => ({ id: n.id, statement: n.statement, category: n.category })),
    status: 'closed',
    closesAt: stamp.createdAt,
    closedAt: stamp.createdAt,
    result: null,
    retention: null,
    tableId: DEMO_TABLE_ID,
    // The table's five voting members could vote; three did (the quorum the result shows).
    voters: DEMO_TABLE_VOTERS,
    ...coordinator,
  };
  const result = tallyRound(base, ballots, DEMO_TABLE_VOTERS.length);
  const retained = result.primary.order.flat().filter((id) => id !== 'need-logement');
  const round: PrioritizationRound = {
    ...base,
    result,
    retention: {
      retainedNeedIds: retained,
      referrals: [
        {
          needId: 'need-logement',
          body: 'Office municipal d’habitation',
          note: 'Le logement dépasse le mandat de la table; l’OMH siège au comité logement de la MRC.',
        },
      ],
      tieBreak: null,
      decidedAt: stamp.createdAt,
      decidedBy: 'demo-coordination',
    },
  };
  await once(() => createRound(db, t, round));
  return retained.map((id) => {
    const n = needs.find((x) => x.id === id)!;
    return { id: n.id, statement: n.statement, category: n.category };
  });
}
