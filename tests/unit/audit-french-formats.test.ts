/** Issue 10, items 15 and 17: amounts given back to edit as people write them, regions by their official names, plurals by the language's rule. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { centsToInput, parseMoney } from '../../shared/money';
import { plural, pluralForm } from '../../shared/plural';
import { REGIONS, regionLabel } from '../../shared/schemas/common';

const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('amounts to edit', () => {
  it('come back with thousands separated and two decimals', () => {
    expect(plain(centsToInput(1_100_000, 'fr'))).toBe('11 000,00');
    expect(plain(centsToInput(1_234_567, 'fr'))).toBe('12 345,67');
    expect(centsToInput(1_100_000, 'en')).toBe('11,000.00');
    expect(plain(centsToInput(5, 'fr'))).toBe('0,05');
  });
  it('read back to the same cents, in French and in English', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), fc.constantFrom('fr' as const, 'en' as const), (c, lang) => {
        const r = parseMoney(centsToInput(c, lang));
        return r.ok && r.cents === c;
      }),
    );
  });
});

describe('administrative regions', () => {
  it('are the 17 regions under their official names, accents and dashes included, with the stored codes unchanged', () => {
    expect(REGIONS).toHaveLength(17);
    expect(REGIONS.map(regionLabel)).toEqual([
      '01 — Bas-Saint-Laurent',
      '02 — Saguenay–Lac-Saint-Jean',
      '03 — Capitale-Nationale',
      '04 — Mauricie',
      '05 — Estrie',
      '06 — Montréal',
      '07 — Outaouais',
      '08 — Abitibi-Témiscamingue',
      '09 — Côte-Nord',
      '10 — Nord-du-Québec',
      '11 — Gaspésie–Îles-de-la-Madeleine',
      '12 — Chaudière-Appalaches',
      '13 — Laval',
      '14 — Lanaudière',
      '15 — Laurentides',
      '16 — Montérégie',
      '17 — Centre-du-Québec',
    ]);
    expect(REGIONS[5]).toBe('06-montreal');
  });
});

describe('plurals', () => {
  it('follow each language’s rule: French puts 0 and 1 in the singular, English only 1', () => {
    expect([0, 1, 2, 1.5].map((n) => pluralForm('fr', n))).toEqual(['one', 'one', 'other', 'one']);
    expect([0, 1, 2].map((n) => pluralForm('en', n))).toEqual(['other', 'one', 'other']);
    expect(plural('fr', 3, 'membre', 'membres')).toBe('membres');
    expect(plural('en', 1, 'member', 'members')).toBe('member');
  });
});
