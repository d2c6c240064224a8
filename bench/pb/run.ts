/**
 * bench/pb — the Method of Equal Shares with add1 completion (exact
 * arithmetic) on each pabulib file in ../shared/data/pabulib/, beside the
 * reference library's times given in ../shared/METHODS.md. Prints figures;
 * asserts nothing. Targets: at least 10× faster than the reference on every
 * file; under 1 s on every file but Poland_Warszawa_2026.pb; under 10 s on
 * that one.
 *
 * Usage: npm run bench:pb [-- <pabulib folder>]; without it, the pabulib folder of ENVELOPPE_SHARED_DATA
 * (as the conformance suite reads it), else of ../shared/data beside the project.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parsePb } from '../../shared/pb/parse';
import { pbMes, pbMesCompleted } from '../../shared/pb/rules';

const dir = resolve(process.argv[2] ?? join(process.env.ENVELOPPE_SHARED_DATA ?? join(import.meta.dirname, '../../../shared/data'), 'pabulib'));
/** Reference timings (pabutools, exact rationals) from METHODS.md §4. */
const REFERENCE: Record<string, string> = {
  'Poland_Warszawa_2022_Srodmiescie.pb': 'add1 394 s',
  'Poland_Wieliczka_2023_Green_Budget.pb': 'add1 16 s',
  'Poland_Warszawa_2026.pb': 'plain MES 29 s',
};

console.log(`MES, cost utility, exact arithmetic (Node ${process.version}); files from ${dir}`);
console.log(
  'file'.padEnd(40),
  'voters'.padStart(7),
  'projects'.padStart(9),
  'MES ms'.padStart(9),
  'MES+add1 ms'.padStart(12),
  'selected'.padStart(9),
  '  reference',
);
for (const file of readdirSync(dir)
  .filter((f) => f.endsWith('.pb'))
  .sort()) {
  const election = parsePb(readFileSync(join(dir, file), 'utf8'));
  let t = performance.now();
  pbMes(election);
  const mesMs = performance.now() - t;
  t = performance.now();
  const outcome = pbMesCompleted(election, { completion: 'add1' });
  const add1Ms = performance.now() - t;
  console.log(
    file.padEnd(40),
    String(election.ballots.length).padStart(7),
    String(election.projects.length).padStart(9),
    mesMs.toFixed(0).padStart(9),
    add1Ms.toFixed(0).padStart(12),
    String(outcome.selected.length).padStart(9),
    ' ',
    REFERENCE[file] ?? '',
  );
}
