/**
 * The layers' boundaries, checked by `npm run boundaries` (part of `npm test`).
 * docs/architecture.md draws them.
 */
const CONTEXTS =
  '(agreements|allocation|calls|decisions|envelopes|identity|needs|organizations|proposals|recommendations|reminders|reports|results|scoring|tables|tasks)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-is-pure',
      comment: 'shared/ is run by the API and the browser: it imports neither functions/, web/, infra/ nor the AWS SDK.',
      severity: 'error',
      from: { path: '^shared/' },
      to: { path: ['^functions/', '^web/', '^infra/', '@aws-sdk', 'aws-cdk-lib', '^hono', 'preact'] },
    },
    {
      name: 'context-through-its-index',
      comment: 'A bounded context reaches another only through its public index.ts.',
      severity: 'error',
      from: { path: `^functions/${CONTEXTS}/` },
      to: {
        path: `^functions/${CONTEXTS}/`,
        pathNot: [`^functions/$1/`, `^functions/${CONTEXTS}/index\\.ts$`],
      },
    },
    {
      name: 'no-context-into-lib',
      comment: 'functions/lib/ is the API’s plumbing: it knows no bounded context.',
      severity: 'error',
      from: { path: '^functions/lib/' },
      to: { path: `^functions/${CONTEXTS}/` },
    },
    {
      name: 'web-takes-only-route-types',
      comment: 'The web app takes from functions/ only the route modules’ types, for its typed client (web/src/lib/client.ts).',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^functions/', pathNot: `^functions/${CONTEXTS}/app\\.ts$` },
    },
    {
      name: 'web-route-types-are-type-only',
      comment: 'Route modules reach the browser as types, never as code.',
      severity: 'error',
      from: { path: '^web/' },
      to: { path: '^functions/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'web-features-stand-alone',
      comment: 'A web feature does not import another feature: what two features share lives in components/ or lib/.',
      severity: 'error',
      from: { path: '^web/src/features/([^/]+)/' },
      to: { path: '^web/src/features/', pathNot: '^web/src/features/$1/' },
    },
    {
      name: 'web-lib-and-components-below-app',
      comment: 'lib/ and components/ are below the app shell and the features.',
      severity: 'error',
      from: { path: '^web/src/(lib|components)/' },
      to: { path: '^web/src/(app|features)/' },
    },
    {
      name: 'no-circular',
      comment: 'No import cycle at run time (a module that only borrows another’s types does not load it).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'no-tests-in-product',
      comment: 'Product code never imports tests, benches or scripts.',
      severity: 'error',
      from: { path: '^(shared|functions|web|infra)/' },
      to: { path: '^(tests|bench|scripts)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'] },
  },
};
