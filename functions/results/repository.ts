/**
 * What the public results read: the tenant's name, and, through the other
 * contexts' public faces, the call, its envelope, its decision and the
 * table's adoption. Nothing is written here. A call is public only once its
 * decision is recorded: until then, and for an unknown tenant or call, every
 * read ends in the same 404, so the answer tells nothing of what exists.
 */
import type { Decision } from '../../shared/decision';
import type { Envelope } from '../../shared/domain';
import { NotFoundError } from '../../shared/errors';
import { montrealDate, publicCallResults, type PublicCallResults, type PublicResultsIndex } from '../../shared/public-results';
import { getScenario } from '../allocation';
import { getCallById } from '../calls';
import { getDecision, listDecisionsOfTenant } from '../decisions';
import { getEnvelopeById } from '../envelopes';
import { getItem, type Db } from '../lib/db';
import { keys } from '../lib/keys';
import { getMinutes } from '../recommendations';

/** The one answer for a tenant, a call or results that are not (yet) public. */
const notPublished = () => new NotFoundError({ fr: 'Ces résultats', en: 'These results' });

/** Turns any 404 of a read into the results' own (same message whatever was missing). */
async function orNotPublished<T>(read: Promise<T>): Promise<T> {
  try {
    return await read;
  } catch (e) {
    if (e instanceof NotFoundError) throw notPublished();
    throw e;
  }
}

async function institutionName(db: Db, t: string): Promise<string> {
  const tenant = await getItem<{ name: string }>(db, keys.tenant(t));
  if (!tenant) throw notPublished();
  return tenant.name;
}

export async function readCallResults(db: Db, t: string, callId: string): Promise<PublicCallResults> {
  const [institution, decision] = await Promise.all([institutionName(db, t), getDecision(db, t, callId)]);
  if (!decision) throw notPublished();
  const call = await orNotPublished(getCallById(db, t, callId));
  const basedOn = decision.basedOn;
  const [envelope, minutes, scenario] = await Promise.all([
    orNotPublished(getEnvelopeById(db, t, call.envelopeId)),
    basedOn.kind === 'recommendation' ? getMinutes(db, t, callId, basedOn.number) : Promise.resolve(null),
    basedOn.kind === 'scenario' ? getScenario(db, t, callId, basedOn.scenarioId).catch(() => null) : Promise.resolve(null),
  ]);
  // A decision on a recommendation is published with the minutes of its adoption, or not at all.
  if (basedOn.kind === 'recommendation' && !minutes) throw notPublished();
  return publicCallResults({
    tenantId: t,
    institution,
    call,
    envelope,
    decision,
    adoption: minutes ? { recommendation: minutes.recommendation, minutes } : null,
    scenarioMethod: scenario?.method ?? null,
  });
}

export async function readResultsIndex(db: Db, t: string): Promise<PublicResultsIndex> {
  const [institution, decisions] = await Promise.all([institutionName(db, t), listDecisionsOfTenant(db, t)]);
  const envelopes = new Map<string, Promise<Envelope>>();
  const entries = await Promise.all(
    decisions.map(async (d: Decision) => {
      const call = await getCallById(db, t, d.callId).catch(() => null);
      if (!call) return null;
      if (!envelopes.has(call.envelopeId)) envelopes.set(call.envelopeId, getEnvelopeById(db, t, call.envelopeId));
      const envelope = await envelopes.get(call.envelopeId)!.catch(() => null);
      if (!envelope) return null;
      const funded = d.lines.filter((l) => l.amount > 0);
      return {
        callId: call.id,
        title: call.title,
        envelopeTitle: envelope.title,
        fiscalYear: envelope.fiscalYear,
        decidedOn: montrealDate(d.decidedAt),
        total: funded.reduce((s, l) => s + l.amount, 0),
        funded: funded.length,
      };
    }),
  );
  const calls = entries.filter((e) => e !== null).sort((a, b) => b.decidedOn.localeCompare(a.decidedOn) || a.title.localeCompare(b.title, 'fr'));
  return { tenantId: t, institution, calls };
}
