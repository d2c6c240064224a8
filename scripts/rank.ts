/**
 * npm run rank -- --method <schulze|borda|copeland> <file>
 *
 * Ranks a PrefLib file (.soc, .soi, .toc, .toi) with the chosen method and
 * prints one line per rank, best first: the PrefLib numbers of the
 * alternatives at that rank, separated by commas (several when tied).
 * Nothing else goes to standard output; problems go to standard error.
 */
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parseArgs } from 'node:util';
import { rankBy, type RankingMethod } from '../shared/ranking/methods';
import { parsePrefLib, PrefLibError, PREFLIB_TYPES, type PrefLibType } from '../shared/ranking/preflib';

const METHODS: readonly RankingMethod[] = ['schulze', 'borda', 'copeland'];
const usage = 'usage: npm run rank -- --method <schulze|borda|copeland> <file.soc|.soi|.toc|.toi>';

function fail(message: string, code = 2): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

let values: { method?: string | undefined };
let positionals: string[];
try {
  ({ values, positionals } = parseArgs({ options: { method: { type: 'string', short: 'm' } }, allowPositionals: true }));
} catch (e) {
  fail(`${(e as Error).message}\n${usage}`);
}
const method = values.method as RankingMethod | undefined;
if (!method || !METHODS.includes(method)) fail(`--method must be one of ${METHODS.join(', ')}\n${usage}`);
if (positionals.length !== 1) fail(usage);
const file = positionals[0]!;

let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (e) {
  fail(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`);
}
const ext = extname(file).slice(1).toLowerCase();
try {
  const parsed = parsePrefLib(text, (PREFLIB_TYPES as readonly string[]).includes(ext) ? (ext as PrefLibType) : undefined);
  const ranking = rankBy(
    method,
    parsed.alternatives.map((a) => a.id),
    parsed.ballots,
  );
  process.stdout.write(`${ranking.order.map((tier) => tier.join(',')).join('\n')}\n`);
} catch (e) {
  if (e instanceof PrefLibError) fail(`${file}:${e.line}: expected ${e.expected.en}`, 1);
  throw e;
}
