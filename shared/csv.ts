/**
 * CSV that opens correctly in Excel set to French (Canada): semicolons
 * between fields, a decimal comma, UTF-8 with a byte-order mark, CRLF line
 * ends, and fields quoted when they hold a separator, a quote or a line break.
 */
export type Cell = string | number | null | undefined;

function field(value: Cell): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toFixed(2)).replace('.', ',') : value;
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toFrenchCsv(rows: readonly (readonly Cell[])[]): string {
  return '\uFEFF' + rows.map((r) => r.map(field).join(';')).join('\r\n') + '\r\n';
}
