/** The French CSV writer and the score of a criterion tied to the retained needs. */
import { describe, expect, it } from 'vitest';
import { toFrenchCsv } from '../../shared/csv';
import { needsScore } from '../../shared/scoring/domain';

describe('CSV for Excel in French', () => {
  it('starts with a BOM, separates with semicolons, writes decimal commas, quotes what must be quoted, ends lines with CRLF', () => {
    const csv = toFrenchCsv([
      ['Projet', 'Note'],
      ['Halte-répit; volet 2', 72.5],
      ['Le « Grenier »\nsolidaire', 60],
      ['Dit "bonjour"', null],
    ]);
    expect(csv).toBe('\uFEFFProjet;Note\r\n"Halte-répit; volet 2";72,50\r\n"Le « Grenier »\nsolidaire";60\r\n"Dit ""bonjour""";\r\n');
  });
});

describe('criterion tied to the retained needs', () => {
  const needs = ['isolement', 'repit', 'transport', 'base'];
  it('scores from the best-ranked need the proposal answers', () => {
    expect(needsScore(needs, ['transport', 'isolement'], 5)).toBe(5); // isolement is first: 5 × 4/4
    expect(needsScore(needs, ['transport'], 5)).toBe(3); // third of four: round(5 × 2/4) = round(2.5) = 3
    expect(needsScore(needs, ['base'], 10)).toBe(3); // round(10 × 1/4) = round(2.5) = 3
    expect(needsScore(needs, [], 5)).toBe(0);
    expect(needsScore(needs, ['not-retained'], 5)).toBe(0);
    expect(needsScore([], ['x'], 5)).toBe(0);
  });
});

describe('ledger entries', () => {
  it('encode a sheet’s values as one text and decode them back', async () => {
    const { encodeLedgerEntry, decodeLedgerEntry } = await import('../../shared/scoring/domain');
    const entry = { gv: 3, st: 'submitted' as const, v: { 'crit-01abc': 4, 'crit-02def': 10 } };
    expect(encodeLedgerEntry(entry)).toBe('3|s|crit-01abc=4,crit-02def=10');
    expect(decodeLedgerEntry(encodeLedgerEntry(entry))).toEqual(entry);
    expect(decodeLedgerEntry(encodeLedgerEntry({ gv: 1, st: 'draft', v: {} }))).toEqual({ gv: 1, st: 'draft', v: {} });
  });
});
