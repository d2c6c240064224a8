/**
 * Each bounded context is one Lambda function: its entry, the HTTP API
 * routes it answers, and the DynamoDB actions it needs (least privilege;
 * a transaction needs the permission of each action inside it).
 */
export interface ContextSpec {
  entry: string;
  routes: string[];
  actions: string[];
  /**
   * Packages left out of the bundle and shipped beside it in node_modules/ (the files listed, from the
   * project root), loaded only when a request needs them: HiGHS (its JavaScript and WebAssembly) loads on
   * the first optimal scenario, not at every cold start of the function.
   */
  lazy?: { modules: string[]; files: string[] };
  /** Files (from the project root) shipped beside the bundle at the same path, read at run time rather than bundled. */
  files?: string[];
  /** Actions on the Cognito user pool (only the identity function creates accounts); none when absent. */
  userPool?: string[];
}

const READ = ['dynamodb:GetItem', 'dynamodb:Query'];

export const CONTEXT_SPECS: Record<string, ContextSpec> = {
  identity: {
    entry: 'functions/identity/handler.ts',
    routes: [
      '/api/me',
      '/api/openapi.json',
      '/api/t/{tenantId}/me/notification-preferences',
      '/api/t/{tenantId}/me/leave-organization',
      '/api/t/{tenantId}/people',
      '/api/t/{tenantId}/people/{proxy+}',
      '/api/t/{tenantId}/invitations',
      '/api/t/{tenantId}/invitations/{proxy+}',
      '/api/public/invitations/{token}',
      '/api/invitations/accept',
      '/api/me/invitations',
      '/api/me/invitations/{proxy+}',
    ],
    // GetItem, PutItem: the caller's notification preferences (the membership check reads with GetItem too).
    // The people's transactions: memberships, invitations and their events put, tokens and email claims
    // deleted, another administrator's membership checked (ConditionCheckItem).
    actions: ['dynamodb:Query', 'dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'],
    // An invited person's account: created in the user pool (infra/lib/api-stack.ts grants it).
    userPool: ['cognito-idp:AdminCreateUser'],
    // The OpenAPI document is read from beside the bundle: bundled, it would double the function's size.
    files: ['docs/openapi.json'],
  },
  envelopes: {
    entry: 'functions/envelopes/handler.ts',
    routes: ['/api/t/{tenantId}/envelopes', '/api/t/{tenantId}/envelopes/{envelopeId}'],
    // UpdateItem: a change of figures leaves the calls' committed total as stored.
    actions: [...READ, 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  },
  calls: {
    entry: 'functions/calls/handler.ts',
    routes: [
      '/api/t/{tenantId}/calls',
      '/api/t/{tenantId}/calls/{callId}',
      '/api/t/{tenantId}/calls/{callId}/publish',
      '/api/t/{tenantId}/calls/{callId}/extension',
      '/api/t/{tenantId}/calls/{callId}/invitations',
      '/api/t/{tenantId}/calls/{callId}/history',
      '/api/t/{tenantId}/calls/{callId}/history.csv',
    ],
    // UpdateItem: a call's amount committed on its envelope, in the call's transaction.
    actions: [...READ, 'dynamodb:PutItem', 'dynamodb:UpdateItem'],
  },
  organizations: {
    entry: 'functions/organizations/handler.ts',
    routes: ['/api/t/{tenantId}/organizations', '/api/t/{tenantId}/organizations/{organizationId}', '/api/t/{tenantId}/my/organization'],
    actions: [...READ, 'dynamodb:PutItem', 'dynamodb:DeleteItem'],
  },
  proposals: {
    entry: 'functions/proposals/handler.ts',
    routes: [
      '/api/t/{tenantId}/my/proposals',
      '/api/t/{tenantId}/calls/{callId}/summary',
      '/api/t/{tenantId}/calls/{callId}/proposals',
      '/api/t/{tenantId}/calls/{callId}/proposals/{proxy+}',
    ],
    actions: [...READ, 'dynamodb:PutItem', 'dynamodb:ConditionCheckItem'],
  },
  needs: {
    entry: 'functions/needs/handler.ts',
    routes: ['/api/t/{tenantId}/studies', '/api/t/{tenantId}/studies/{proxy+}', '/api/public/consultations/{proxy+}'],
    // UpdateItem: the consultation's per-minute counter.
    actions: [...READ, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
  },
  scoring: {
    entry: 'functions/scoring/handler.ts',
    routes: [
      '/api/t/{tenantId}/calls/{callId}/grid',
      '/api/t/{tenantId}/calls/{callId}/grid/{proxy+}',
      '/api/t/{tenantId}/calls/{callId}/scoring/{proxy+}',
      '/api/t/{tenantId}/grid-templates',
      '/api/t/{tenantId}/my/conflicts',
    ],
    // UpdateItem: a sheet's values written into the evaluator's ledger.
    actions: [...READ, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:ConditionCheckItem'],
  },
  allocation: {
    entry: 'functions/allocation/handler.ts',
    routes: [
      '/api/t/{tenantId}/calls/{callId}/scenarios',
      '/api/t/{tenantId}/calls/{callId}/scenarios/{proxy+}',
      '/api/t/{tenantId}/calls/{callId}/revision',
      '/api/t/{tenantId}/calls/{callId}/revision/{proxy+}',
      '/api/t/{tenantId}/calls/{callId}/pb-vote',
      '/api/t/{tenantId}/calls/{callId}/pb-vote/{proxy+}',
      '/api/t/{tenantId}/my/revision-requests',
    ],
    actions: [...READ, 'dynamodb:PutItem', 'dynamodb:ConditionCheckItem'],
    // The optimal method's solver (functions/lib/solver.ts imports it when first needed).
    lazy: { modules: ['highs'], files: ['node_modules/highs/package.json', 'node_modules/highs/build/highs.mjs', 'node_modules/highs/build/highs.wasm'] },
  },
  tasks: {
    entry: 'functions/tasks/handler.ts',
    routes: ['/api/t/{tenantId}/me/tasks'],
    // Reads only: the caller's tasks are gathered from the other contexts' items, never written; an organization's
    // agreements are read in one BatchGetItem (functions/agreements/tasks.ts).
    actions: [...READ, 'dynamodb:BatchGetItem'],
  },
  tables: {
    entry: 'functions/tables/handler.ts',
    routes: ['/api/t/{tenantId}/tables', '/api/t/{tenantId}/tables/{proxy+}', '/api/t/{tenantId}/table-candidates'],
    // Reads the table and the tenant's members and organizations; writes the table item (create, or replace at its version).
    actions: [...READ, 'dynamodb:PutItem'],
  },
  results: {
    entry: 'functions/results/handler.ts',
    routes: ['/api/public/results/{proxy+}'],
    // Reads only: the tenant's name, the call, its envelope, decision, minutes and scenario; nothing is written.
    actions: READ,
  },
  decisions: {
    entry: 'functions/decisions/handler.ts',
    routes: ['/api/t/{tenantId}/calls/{callId}/decision', '/api/t/{tenantId}/calls/{callId}/decision/{proxy+}', '/api/t/{tenantId}/my/outcomes'],
    // Reads the call, its submissions, the adopted recommendation, a scenario, the table and the members; writes the
    // decision (created, or replaced at its version) and its history event in one transaction (PutItem inside it);
    // the local outbox is not used in AWS (the messages go to SQS).
    actions: [...READ, 'dynamodb:PutItem'],
  },
  recommendations: {
    entry: 'functions/recommendations/handler.ts',
    routes: ['/api/t/{tenantId}/calls/{callId}/recommendation', '/api/t/{tenantId}/calls/{callId}/recommendation/{proxy+}'],
    // Reads the call, table, members, proposals, scenario, ties; writes the recommendation, the vote, ballots, minutes and
    // history events in transactions (PutItem), a ballot behind the vote's window (ConditionCheckItem).
    actions: [...READ, 'dynamodb:PutItem', 'dynamodb:ConditionCheckItem'],
  },
  agreements: {
    entry: 'functions/agreements/handler.ts',
    routes: [
      '/api/t/{tenantId}/agreements',
      '/api/t/{tenantId}/agreements/{proxy+}',
      '/api/t/{tenantId}/agreement-templates',
      '/api/t/{tenantId}/agreement-templates/{proxy+}',
      '/api/t/{tenantId}/calls/{callId}/agreements',
      '/api/t/{tenantId}/calls/{callId}/agreements/{proxy+}',
      '/api/t/{tenantId}/claims',
      '/api/t/{tenantId}/my/agreements',
      '/api/t/{tenantId}/my/payments',
      '/api/t/{tenantId}/envelopes/{envelopeId}/ledger',
      '/api/t/{tenantId}/envelopes/{envelopeId}/ledger/{proxy+}',
      '/api/t/{tenantId}/envelopes/{envelopeId}/carry-over',
    ],
    // Reads the call, its decision, proposals, envelopes, organizations and members; writes agreements, templates,
    // payments, claims and ledger movements (PutItem) and the envelopes' and agreements' figures (UpdateItem), in
    // transactions; removes an agreement from the institution's queue when the institution signs (DeleteItem, in the
    // signature's transaction); the local outbox is not used in AWS (the messages go to SQS).
    actions: [...READ, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem'],
  },
  reports: {
    entry: 'functions/reports/handler.ts',
    routes: [
      '/api/t/{tenantId}/reports',
      '/api/t/{tenantId}/reports/{proxy+}',
      '/api/t/{tenantId}/report-templates',
      '/api/t/{tenantId}/report-templates/{proxy+}',
      '/api/t/{tenantId}/report-dashboards',
      '/api/t/{tenantId}/obstacle-reports',
      '/api/t/{tenantId}/my/reports',
      '/api/t/{tenantId}/my/program-results',
    ],
    // Reads the agreements, organizations and members; writes reports and templates (PutItem, in transactions), a
    // report's answers (UpdateItem), its open marker (DeleteItem with the submission); an organization's reports are
    // read in one BatchGetItem after their index (gsi2 projects keys only).
    actions: [...READ, 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchGetItem'],
  },
};
