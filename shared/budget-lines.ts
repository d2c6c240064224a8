/**
 * Budget lines and the amount they add up to. A submitted proposal's lines
 * add up to its request (`checkProposalAmounts`); when the request changes
 * (a revision, or a suggested amount accepted), the lines are rescaled to the
 * new amount so the same rule still holds, cent for cent.
 */

export function budgetLinesTotal(lines: readonly { amount: number }[]): number {
  return lines.reduce((s, l) => s + l.amount, 0);
}

/**
 * Lines scaled in proportion to `total`, in whole cents, adding up to
 * exactly `total`: each line gets its floor share, and the cents left over
 * go one by one to the lines with the largest remainders (earlier lines
 * first on equal remainders). Lines that added up to zero get the whole
 * amount on the first line.
 */
export function scaleBudgetLines<L extends { amount: number }>(lines: readonly L[], total: number): L[] {
  if (lines.length === 0) return [];
  const before = budgetLinesTotal(lines);
  if (before === 0) return lines.map((l, i) => ({ ...l, amount: i === 0 ? total : 0 }));
  const shares = lines.map((l, i) => {
    const exact = BigInt(l.amount) * BigInt(total);
    return { i, floor: Number(exact / BigInt(before)), remainder: Number(exact % BigInt(before)) };
  });
  let left = total - shares.reduce((s, x) => s + x.floor, 0);
  const order = [...shares].sort((a, b) => b.remainder - a.remainder || a.i - b.i);
  const amounts = shares.map((s) => s.floor);
  for (const s of order) {
    if (left <= 0) break;
    amounts[s.i]! += 1;
    left -= 1;
  }
  return lines.map((l, i) => ({ ...l, amount: amounts[i]! }));
}
