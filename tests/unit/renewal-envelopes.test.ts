/** The envelopes a renewal may go into: the chosen agreements' program, from the year after their last one. */
import { describe, expect, it } from 'vitest';
import { renewalEnvelopes } from '../../shared/agreements';

const env = (id: string, program: string, fiscalYear: number) => ({ id, program, fiscalYear });
const agreement = (program: string, ...years: number[]) => ({ program, years: years.map((fiscalYear) => ({ fiscalYear, envelopeId: 'e', cents: 1 })) });
const all = [env('p27', 'PSJP', 2027), env('p26', 'PSJP', 2026), env('p28', 'PSJP', 2028), env('o27', 'Autre', 2027), env('p25', 'PSJP', 2025)];

describe('renewalEnvelopes', () => {
  it('offers the program’s envelopes after the chosen agreements’ last year, nearest first', () => {
    expect(renewalEnvelopes(all, [agreement('PSJP', 2025), agreement('PSJP', 2025, 2026)]).envelopes.map((e) => e.id)).toEqual(['p27', 'p28']);
    expect(renewalEnvelopes(all, [agreement('PSJP', 2025)])).toEqual({ envelopes: [all[1], all[0], all[2]], programs: ['PSJP'], nextYear: 2026 });
  });

  it('follows only the agreements chosen: a signed renewal of a later year does not hide the next year from the others', () => {
    const renewed = agreement('PSJP', 2026);
    const original = agreement('PSJP', 2025);
    expect(renewalEnvelopes(all, [original]).envelopes.map((e) => e.id)).toEqual(['p26', 'p27', 'p28']);
    expect(renewalEnvelopes(all, [renewed]).envelopes.map((e) => e.id)).toEqual(['p27', 'p28']);
  });

  it('offers none when no later envelope is open, naming the year to open', () => {
    expect(renewalEnvelopes(all, [agreement('PSJP', 2028)])).toEqual({ envelopes: [], programs: ['PSJP'], nextYear: 2029 });
    expect(renewalEnvelopes(all, [agreement('Autre', 2027)]).envelopes).toEqual([]);
  });
});
