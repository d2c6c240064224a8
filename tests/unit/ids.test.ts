/** Ids sort in the order they are made, within one millisecond too (a call's history reads its events in that order). */
import { describe, expect, it } from 'vitest';
import { newId } from '../../functions/lib/ids';
import { ID_PATTERN } from '../../shared/identifiers';

describe('newId', () => {
  it('sorts ids made in the same millisecond in the order they were made', () => {
    const at = Date.parse('2027-02-21T14:00:00.000Z');
    const ids = Array.from({ length: 200 }, () => newId(at));
    expect(new Set(ids).size).toBe(200);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(ID_PATTERN);
  });

  it('sorts by time across milliseconds, and keeps 22 characters', () => {
    const a = newId(Date.parse('2027-02-21T14:00:00.000Z'));
    const b = newId(Date.parse('2027-02-21T14:00:00.001Z'));
    const c = newId(Date.parse('2027-02-21T14:00:00.002Z'));
    expect([c, a, b].sort()).toEqual([a, b, c]);
    expect(a).toHaveLength(22);
  });
});
