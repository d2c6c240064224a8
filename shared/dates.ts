/**
 * Dates are explicit: instants travel as ISO 8601 strings in UTC, people read
 * and type them in America/Montreal, and fiscal years run April 1 – March 31.
 */
import type { Lang } from './errors';

const TIME_ZONE = 'America/Montreal';

const partsFormatter = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallClockInMontreal(instant: Date): WallClock {
  const parts = Object.fromEntries(partsFormatter.formatToParts(instant).map((p) => [p.type, p.value]));
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    hour: Number(parts.hour),
    minute: Number(parts.minute),
    second: Number(parts.second),
  };
}

/** Offset of Montreal from UTC at an instant, in minutes (e.g. -300 in winter, -240 in summer). */
function montrealOffsetMinutes(instant: Date): number {
  const w = wallClockInMontreal(instant);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60000);
}

const LOCAL_PATTERN = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * Converts a Montreal wall-clock time (`2026-12-01T17:00`, as typed in a
 * `datetime-local` field) to a UTC instant. A time skipped by the spring
 * change (e.g. 02:30 on the second Sunday of March) moves forward an hour;
 * an ambiguous autumn time takes its first occurrence. Returns null when the
 * text is not a valid date-time.
 */
export function montrealLocalToInstant(local: string): Date | null {
  const m = LOCAL_PATTERN.exec(local);
  if (!m) return null;
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  const naiveUtc = Date.UTC(year, month - 1, day, hour, minute);
  const check = new Date(naiveUtc);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day || hour > 23 || minute > 59) return null;
  // Try the offsets in force just before and after; keep the first that maps back. Daylight time
  // (the larger offset) first: the autumn hour that happens twice means its first occurrence.
  const candidates = [montrealOffsetMinutes(new Date(naiveUtc - 86400000)), montrealOffsetMinutes(new Date(naiveUtc + 86400000))];
  for (const offset of candidates.sort((a, b) => b - a)) {
    const instant = new Date(naiveUtc - offset * 60000);
    const w = wallClockInMontreal(instant);
    if (w.hour === hour && w.minute === minute && w.day === day) return instant;
  }
  // In the spring gap: no wall-clock match, take the later offset (moves forward).
  return new Date(naiveUtc - Math.min(...candidates) * 60000);
}

/** The Montreal wall-clock of an instant as `YYYY-MM-DDTHH:mm`, for a `datetime-local` field. */
export function instantToMontrealLocal(instant: Date | string): string {
  const w = wallClockInMontreal(new Date(instant));
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** Quebec usage: `2026-12-01 17 h 00` (fr) or `2026-12-01 5:00 p.m.` (en), Montreal time. */
export function formatDateTime(instant: Date | string, lang: Lang = 'fr'): string {
  const local = instantToMontrealLocal(instant);
  const date = local.slice(0, 10);
  const hour = Number(local.slice(11, 13));
  const minute = local.slice(14, 16);
  if (lang === 'fr') return `${date} ${hour} h ${minute}`;
  const h12 = hour % 12 === 0 ? 12 : hour % 12;
  return `${date} ${h12}:${minute} ${hour < 12 ? 'a.m.' : 'p.m.'}`;
}

/** A fiscal year is named by the calendar year of its April 1. */
export interface FiscalYear {
  startYear: number;
  /** `2026-2027` */
  label: string;
  /** `2026-04-01` */
  start: string;
  /** `2027-03-31` */
  end: string;
}

export function fiscalYear(startYear: number): FiscalYear {
  return {
    startYear,
    label: `${startYear}-${startYear + 1}`,
    start: `${startYear}-04-01`,
    end: `${startYear + 1}-03-31`,
  };
}

/** The fiscal year holding an instant, judged by its date in Montreal. */
export function fiscalYearOf(instant: Date | string): FiscalYear {
  const local = instantToMontrealLocal(instant);
  const year = Number(local.slice(0, 4));
  const month = Number(local.slice(5, 7));
  return fiscalYear(month >= 4 ? year : year - 1);
}

/** Where a submission window stands at an instant. */
export type WindowPhase = 'upcoming' | 'open' | 'closed';

/** Open from `opensAt` inclusive to `closesAt` exclusive: at the closing second it is closed. */
export function windowPhase(opensAt: string, closesAt: string, now: Date): WindowPhase {
  const t = now.getTime();
  if (t < Date.parse(opensAt)) return 'upcoming';
  if (t >= Date.parse(closesAt)) return 'closed';
  return 'open';
}
