/** HiGHS (WebAssembly), loaded once per process, as the `Solver` the optimal fitting method takes. */
import highsLoader from 'highs';
import type { Solver } from '../../shared/fitting/optimal';

let loading: Promise<Solver> | null = null;

export function loadSolver(): Promise<Solver> {
  loading ??= highsLoader().then((highs) => (lp, options) => highs.solve(lp, options) as ReturnType<Solver>);
  return loading;
}
