/**
 * The conformance suite: the methods against the real public elections in
 * ../shared/data/ (PrefLib rankings, pabulib budgets). It reads them in
 * place, never copies them, and is run by .ci/run (npm run test:conformance),
 * not by `npm test`, which must pass where ../shared is absent.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'conformance', include: ['tests/conformance/**/*.test.ts'], testTimeout: 120_000 },
});
