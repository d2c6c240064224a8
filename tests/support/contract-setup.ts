/** The response contract, checked for every file of the integration suite (see harness.ts). */
import { afterAll, expect } from 'vitest';
import { contractViolations } from './harness';

afterAll(() => {
  expect(contractViolations, 'responses that break the schema their route declares (functions/lib/contract.ts)').toEqual([]);
});
