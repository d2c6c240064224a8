import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

/** The last id made in this process: its time part and its random digits (indexes into ALPHABET). */
let last: { time: string; digits: number[] } | null = null;

/** The random digits plus one, in base 32; null when they were all the last digit (then a fresh draw). */
function increment(digits: readonly number[]): number[] | null {
  const next = [...digits];
  for (let i = next.length - 1; i >= 0; i--) {
    if (next[i]! < 31) {
      next[i]! += 1;
      return next;
    }
    next[i] = 0;
  }
  return null;
}

/**
 * Time-ordered, URL-safe identifiers (48 bits of milliseconds, 60 bits of randomness). Within one
 * millisecond the ids of a process still sort in the order they were made (the random part is the previous
 * one plus one), so items keyed by an instant and an id — a call's history events written in one
 * transaction — read back in the order they were written.
 */
export function newId(now = Date.now()): string {
  let time = '';
  let t = now;
  for (let i = 0; i < 10; i++) {
    time = ALPHABET[t % 32] + time;
    t = Math.floor(t / 32);
  }
  let digits = last?.time === time ? increment(last.digits) : null;
  if (!digits) {
    const bytes = randomBytes(12);
    digits = [...bytes].map((b) => b % 32);
  }
  last = { time, digits };
  return time + digits.map((d) => ALPHABET[d]).join('');
}
