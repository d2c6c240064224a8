/**
 * The recommendation, its adoption vote and ballots, and the minutes, in the
 * call's collections (functions/lib/keys.ts).
 */
import type { Minutes, Recommendation } from '../../shared/recommendation';
import { getItem, type Db } from '../lib/db';
import { keys } from '../lib/keys';

export async function getRecommendation(db: Db, t: string, callId: string, consistent = false): Promise<Recommendation | null> {
  return getItem<Recommendation>(db, keys.recommendation(t, callId), consistent);
}

/** The recommendation the table adopted, with its minutes; null while none is adopted. */
export async function getAdoption(db: Db, t: string, callId: string): Promise<{ recommendation: Recommendation; minutes: Minutes } | null> {
  const recommendation = await getRecommendation(db, t, callId, true);
  if (recommendation?.status !== 'adopted') return null;
  const minutes = await getItem<Minutes>(db, keys.minutes(t, callId, recommendation.number), true);
  return minutes ? { recommendation, minutes } : null;
}

export async function getMinutes(db: Db, t: string, callId: string, n: number): Promise<Minutes | null> {
  return getItem<Minutes>(db, keys.minutes(t, callId, n), true);
}
