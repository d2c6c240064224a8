/**
 * npm run fit -- --method <greedy|proportional|equal|optimal> [--objective value|coverage] <instance.json>
 *
 * Reads a budget-fitting instance (the JSON format of ../shared/METHODS.md
 * §3) and prints the result as JSON on standard output, nothing else.
 * Problems go to standard error: exit 1 for a bad instance, 2 for bad usage.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { fitInstanceSchema, type FitMethod, type FitObjective } from '../shared/fitting/instance';
import { fitEqual, fitGreedy, fitProportional } from '../shared/fitting/methods';
import { fitOptimal } from '../shared/fitting/optimal';
import { loadSolver } from '../functions/lib/solver';

const usage = 'usage: npm run fit -- --method <greedy|proportional|equal|optimal> [--objective value|coverage] [--time-limit <seconds>] <instance.json>';
function fail(message: string, code: number): never {
  process.stderr.write(`${message}\n`);
  process.exit(code);
}

let parsed: ReturnType<
  typeof parseArgs<{ options: { method: { type: 'string' }; objective: { type: 'string' }; 'time-limit': { type: 'string' } }; allowPositionals: true }>
>;
try {
  parsed = parseArgs({ options: { method: { type: 'string' }, objective: { type: 'string' }, 'time-limit': { type: 'string' } }, allowPositionals: true });
} catch (e) {
  fail(`${(e as Error).message}\n${usage}`, 2);
}
const method = parsed.values.method as FitMethod | undefined;
const objective = (parsed.values.objective ?? 'value') as FitObjective;
if (!method || !['greedy', 'proportional', 'equal', 'optimal'].includes(method))
  fail(`--method must be one of greedy, proportional, equal, optimal\n${usage}`, 2);
if (!['value', 'coverage'].includes(objective)) fail(`--objective must be value or coverage\n${usage}`, 2);
if (parsed.positionals.length !== 1) fail(usage, 2);
const file = parsed.positionals[0]!;

let raw: unknown;
try {
  raw = JSON.parse(readFileSync(file, 'utf8'));
} catch (e) {
  fail(`${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `not valid JSON (${(e as Error).message})`}`, 1);
}
const checked = fitInstanceSchema.safeParse(raw);
if (!checked.success) {
  const lines = checked.error.issues.map((i) => `${file}: ${i.path.join('.') || '(instance)'}: ${i.message}`);
  fail(lines.join('\n'), 1);
}
const instance = checked.data;
const result =
  method === 'greedy'
    ? fitGreedy(instance)
    : method === 'proportional'
      ? fitProportional(instance)
      : method === 'equal'
        ? fitEqual(instance)
        : fitOptimal(instance, await loadSolver(), { objective, timeLimitSeconds: parsed.values['time-limit'] ? Number(parsed.values['time-limit']) : 60 });
process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
