/**
 * HiGHS (WebAssembly), loaded once per process, as the `Solver` the optimal
 * fitting method takes. Imported on first use: in the Lambda it is not in the
 * bundle but beside it (infra/lib/contexts.ts), so only a request that needs
 * an optimal scenario pays for loading it.
 */
import type { Solver } from '../../shared/fitting/optimal';

let loading: Promise<Solver> | null = null;

export function loadSolver(): Promise<Solver> {
  loading ??= import('highs')
    .then(({ default: highsLoader }) => highsLoader())
    .then((highs) => (lp, options) => highs.solve(lp, options) as ReturnType<Solver>);
  return loading;
}
