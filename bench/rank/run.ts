/**
 * bench/rank — time to tally 100 needs with 10,000 ballots (a large public
 * consultation) with each method. Ballots are random but realistic: each
 * ranks between 1 and 20 needs, some with ties. Prints figures; asserts nothing.
 * Target: under one second per method in Node.
 */
import { approvalTally, borda, copeland, pointsTally, schulze, type RankedBallot } from '../../shared/ranking/methods';

const NEEDS = 100;
const BALLOTS = 10_000;
const RUNS = 5;

// A small seeded generator so every run tallies the same ballots.
let seed = 20261123;
const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
const needs = Array.from({ length: NEEDS }, (_, i) => `need-${i + 1}`);
// Needs are not equally popular: lower numbers come up more often, as in a real consultation.
const pick = () => needs[Math.floor(NEEDS * random() ** 2)]!;

const ranked: RankedBallot[] = [];
for (let b = 0; b < BALLOTS; b++) {
  const chosen = new Set<string>();
  const length = 1 + Math.floor(random() * 20);
  while (chosen.size < length) chosen.add(pick());
  const tiers: string[][] = [];
  for (const need of chosen) tiers.length === 0 || random() > 0.2 ? tiers.push([need]) : tiers[tiers.length - 1]!.push(need);
  ranked.push({ count: 1, tiers });
}
const points = ranked.map((b) => ({
  count: 1,
  points: Object.fromEntries(
    b.tiers
      .flat()
      .slice(0, 5)
      .map((n, i) => [n, 5 - i]),
  ),
}));
const approvals = ranked.map((b) => ({ count: 1, approved: b.tiers.flat().slice(0, 5) }));

function time(name: string, run: () => { order: string[][] }) {
  run(); // warm-up
  const ms: number[] = [];
  let top = '';
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const r = run();
    ms.push(performance.now() - t);
    top = r.order[0]!.join(' = ');
  }
  ms.sort((a, b) => a - b);
  console.log(
    `${name.padEnd(10)} median ${ms[Math.floor(RUNS / 2)]!.toFixed(0).padStart(5)} ms   worst ${ms[RUNS - 1]!.toFixed(0).padStart(5)} ms   first: ${top}`,
  );
}

console.log(`${NEEDS} needs, ${BALLOTS.toLocaleString('en')} ballots, ${RUNS} runs each (Node ${process.version})`);
time('schulze', () => schulze(needs, ranked));
time('borda', () => borda(needs, ranked));
time('copeland', () => copeland(needs, ranked));
time('points', () => pointsTally(needs, points));
time('approval', () => approvalTally(needs, approvals));
