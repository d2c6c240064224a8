/** Every bounded context's route module, as the local server mounts them. */
import type { RouteModule } from './lib/app';
import { callRoutes } from './calls/app';
import { envelopeRoutes } from './envelopes/app';
import { identityRoutes } from './identity/app';
import { needsRoutes } from './needs/app';
import { scoringRoutes } from './scoring/app';
import { allocationRoutes } from './allocation/app';
import { organizationRoutes } from './organizations/app';
import { proposalRoutes } from './proposals/app';
import { taskRoutes } from './tasks/app';
import { tableRoutes } from './tables/app';
import { resultRoutes } from './results/app';
import { decisionRoutes } from './decisions/app';
import { recommendationRoutes } from './recommendations/app';
import { agreementRoutes } from './agreements/app';
import { reportsRoutes } from './reports/app';

export const CONTEXTS = {
  identity: identityRoutes,
  envelopes: envelopeRoutes,
  calls: callRoutes,
  organizations: organizationRoutes,
  proposals: proposalRoutes,
  needs: needsRoutes,
  scoring: scoringRoutes,
  allocation: allocationRoutes,
  tasks: taskRoutes,
  tables: tableRoutes,
  results: resultRoutes,
  decisions: decisionRoutes,
  recommendations: recommendationRoutes,
  agreements: agreementRoutes,
  reports: reportsRoutes,
} satisfies Record<string, RouteModule>;

export const ALL_ROUTES: RouteModule[] = Object.values(CONTEXTS);
