/**
 * npm run pb -- --rule <greedy|mes> [--utility cost|approval] [--completion none|add1|add1-greedy] [--tie-break standard|id-string] <file.pb>
 *
 * Prints the selected project ids, one per line, in the order the rule
 * selected them, then the total cost on the last line; nothing else on
 * standard output. Problems go to standard error (exit 1: bad file, 2: usage).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parsePb, PbError } from '../shared/pb/parse';
import { pbGreedy, pbMesCompleted, type Completion, type TieBreak, type Utility } from '../shared/pb/rules';

const usage =
  'usage: npm run pb -- --rule <greedy|mes> [--utility cost|approval] [--completion none|add1|add1-greedy] [--tie-break standard|id-string] <file.pb>';
function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}
const options = { rule: { type: 'string' }, utility: { type: 'string' }, completion: { type: 'string' }, 'tie-break': { type: 'string' } } as const;
let args: ReturnType<typeof parseArgs<{ options: typeof options; allowPositionals: true }>>;
try {
  args = parseArgs({ options, allowPositionals: true });
} catch (e) {
  fail(`${(e as Error).message}\n${usage}`, 2);
}
const rule = args.values.rule;
const utility = (args.values.utility ?? 'cost') as Utility;
const completion = (args.values.completion ?? 'none') as Completion;
const tieBreak = (args.values['tie-break'] ?? 'standard') as TieBreak;
if (rule !== 'greedy' && rule !== 'mes') fail(`--rule must be greedy or mes\n${usage}`, 2);
if (!['cost', 'approval'].includes(utility)) fail(`--utility must be cost or approval\n${usage}`, 2);
if (!['none', 'add1', 'add1-greedy'].includes(completion)) fail(`--completion must be none, add1 or add1-greedy\n${usage}`, 2);
if (!['standard', 'id-string'].includes(tieBreak)) fail(`--tie-break must be standard or id-string\n${usage}`, 2);
if (args.positionals.length !== 1) fail(usage, 2);
const file = args.positionals[0]!;

let text: string;
try {
  text = readFileSync(file, 'utf8');
} catch (e) {
  fail(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, 1);
}
try {
  const election = parsePb(text);
  const outcome = rule === 'greedy' ? pbGreedy(election, { utility, tieBreak }) : pbMesCompleted(election, { utility, tieBreak, completion });
  const money = (v: bigint) => {
    if (election.decimals === 0) return v.toString();
    const s = v.toString().padStart(election.decimals + 1, '0');
    return `${s.slice(0, -election.decimals)}.${s.slice(-election.decimals)}`;
  };
  process.stdout.write(`${[...outcome.selected.map((i) => election.projects[i]!.id), money(outcome.cost)].join('\n')}\n`);
} catch (e) {
  if (e instanceof PbError) fail(`${file}:${e.line}: expected ${e.expected}`, 1);
  throw e;
}
