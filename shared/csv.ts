/**
 * CSV that opens correctly in Excel set to French (Canada): semicolons
 * between fields, a decimal comma, UTF-8 with a byte-order mark, CRLF line
 * ends, and fields quoted when they hold a separator, a quote or a line break.
 *
 * Every CSV the API serves is written here, so one rule keeps spreadsheet
 * formulas out of them (CSV or formula injection, OWASP): a text cell that
 * starts with `=`, `+`, `-`, `@`, a tab, a carriage return or a NUL would be
 * read by Excel or LibreOffice as a formula (`=HYPERLINK(…)`, `+cmd|…`), so
 * it is written with a leading single quote, which makes the spreadsheet keep
 * it as text. Text cells are what people typed (titles, organization names,
 * evaluators' and scenarios' names) and are always neutralised, quoting
 * applied after. Number cells are formatted here from a JS number (digits, an
 * optional leading minus, a decimal comma), never from people's text, so a
 * negative score stays a number Excel can add up.
 */
export type Cell = string | number | null | undefined;

/** Characters that make a spreadsheet read a cell as a formula (OWASP's list, with NUL from ASVS 1.2.10). */
const FORMULA_START = /^[=+\-@\t\r\0]/;

function numberField(value: number): string {
  if (!Number.isFinite(value)) return '';
  return (Number.isInteger(value) ? String(value) : value.toFixed(2)).replace('.', ',');
}

/** A text cell as a spreadsheet will show it, never as a formula. */
function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function field(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? numberField(value) : neutraliseFormula(value);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toFrenchCsv(rows: readonly (readonly Cell[])[]): string {
  return `\uFEFF${rows.map((r) => r.map(field).join(';')).join('\r\n')}\r\n`;
}
