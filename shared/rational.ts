/** Exact rationals n/d (d > 0) of BigInts: for the PB rules, and to decide ties in budget fitting. */
export interface Q {
  n: bigint;
  d: bigint;
}

const gcd = (a: bigint, b: bigint): bigint => {
  while (b) [a, b] = [b, a % b];
  return a < 0n ? -a : a;
};

/** n/d reduced. */
export const q = (n: bigint, d: bigint = 1n): Q => {
  const g = gcd(n, d) || 1n;
  return { n: n / g, d: d / g };
};

/** Compares exactly; works on unreduced values too. */
export const cmp = (a: Q, b: Q): number => {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
};

export const sub = (a: Q, b: Q): Q => q(a.n * b.d - b.n * a.d, a.d * b.d);
export const mulInt = (a: Q, k: bigint): Q => q(a.n * k, a.d);
export const divInt = (a: Q, k: bigint): Q => q(a.n, a.d * k);
/** a − b without reducing (gcd on big numbers is the costly part); same denominators stay as they are. */
export const subRaw = (a: Q, b: Q): Q => (a.d === b.d ? { n: a.n - b.n, d: a.d } : { n: a.n * b.d - b.n * a.d, d: a.d * b.d });
export const ZERO: Q = { n: 0n, d: 1n };

/** A float close to n/d, even for numerators and denominators beyond the float range. */
export const toFloat = (a: Q): number => {
  const shift = BigInt(Math.max(0, a.d.toString(2).length - 60));
  return Number(a.n >> shift) / Number(a.d >> shift);
};

/** The exact value of a float (every finite double is a dyadic rational). */
export const fromFloat = (x: number): Q => {
  if (!Number.isFinite(x)) throw new RangeError(`not a finite number: ${x}`);
  let d = 1n;
  let v = x;
  // Doubling is exact for a double, and a double has at most 1 074 binary digits after the point.
  while (!Number.isInteger(v)) {
    v *= 2;
    d *= 2n;
  }
  return q(BigInt(v), d);
};

export const add = (a: Q, b: Q): Q => q(a.n * b.d + b.n * a.d, a.d * b.d);
