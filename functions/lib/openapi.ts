/**
 * The OpenAPI 3.1 document, generated from what the routes declare: one walk
 * of the API's routes (contract.ts) gives each path, its permission, its
 * request schemas and its responses; zod-openapi turns the zod schemas into
 * JSON Schema (draft 2020-12, what OpenAPI 3.1 uses). `npm run openapi`
 * writes it to docs/openapi.json, which a unit test keeps current and the API
 * serves at /api/openapi.json.
 */
import * as z from 'zod';
import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from 'zod-openapi';
import { PROBLEM_TYPES, problemSchema } from '../../shared/schemas/responses/problem';
import { createApiApp, type Deps, type RouteModule } from './app';
import { isOpen, operationsOf, problemStatusesOf, type Operation } from './contract';
import { PATH_PARAM_FORMATS } from './path-ids';

/** Each context's section of the reference, French first. */
const TAGS: Record<string, { fr: string; en: string }> = {
  identity: { fr: 'Identité', en: 'Identity' },
  envelopes: { fr: 'Enveloppes budgétaires', en: 'Funding envelopes' },
  calls: { fr: 'Appels de projets', en: 'Calls for projects' },
  organizations: { fr: 'Organismes', en: 'Organizations' },
  proposals: { fr: 'Projets déposés', en: 'Proposals' },
  needs: { fr: 'Besoins et priorisation', en: 'Needs and prioritization' },
  scoring: { fr: 'Évaluation', en: 'Scoring' },
  allocation: { fr: 'Répartition et vote', en: 'Allocation and vote' },
};

const PROBLEM_STATUS_TITLES: Record<number, string> = {
  400: 'Requête invalide',
  401: 'Authentification requise',
  403: 'Permission refusée',
  404: 'Introuvable (y compris ce qui appartient à un autre établissement)',
  409: 'Conflit avec l’état actuel',
  413: 'Corps trop volumineux',
  415: 'Corps qui n’est pas du JSON',
  422: 'Règle de gestion non respectée',
  429: 'Trop de réponses en peu de temps',
  500: 'Erreur interne',
  503: 'Service momentanément surchargé',
};

/** Routes are only read, never run: the dependencies are never called. */
const READ_ONLY_DEPS: Deps = {
  db: { client: {} as never, table: 'openapi' },
  verifyToken: async () => {
    throw new Error('not for requests');
  },
  now: () => new Date(0),
  newId: () => 'openapi',
};

/** `/api/t/:tenantId/calls` → `/api/t/{tenantId}/calls` */
export const toOpenApiPath = (path: string) => path.replace(/:(\w+)/g, '{$1}');

const paramsOf = (path: string) => [...path.matchAll(/:(\w+)/g)].map((m) => m[1]!);

/** `GET /api/t/:tenantId/calls/:callId/scoring/results.csv` → `getCallsByCallIdScoringResultsCsv` */
function operationId(op: Operation): string {
  const words = op.path
    .replace(/^\/api(\/t\/:tenantId)?/, '')
    .split(/[/.-]/)
    .filter(Boolean)
    .map((w) => (w.startsWith(':') ? `By${w[1]!.toUpperCase()}${w.slice(2)}` : w[0]!.toUpperCase() + w.slice(1)));
  return op.method.toLowerCase() + words.join('');
}

function successResponses(op: Operation): ZodOpenApiResponsesObject {
  const out: ZodOpenApiResponsesObject = {};
  for (const [status, spec] of Object.entries(op.declared?.responses ?? {})) {
    if (!spec) continue;
    const description = status === '201' ? 'Créé' : 'OK';
    out[status as `2${string}`] =
      'contentType' in spec
        ? { description, content: { [spec.contentType]: { schema: spec.schema ?? z.string() } } }
        : { description, content: { 'application/json': { schema: spec } } };
  }
  return out;
}

function operationObject(op: Operation, tag: string | undefined): ZodOpenApiOperationObject {
  const summary = op.declared?.summary;
  const params = paramsOf(op.path);
  const responses = successResponses(op);
  for (const status of problemStatusesOf(op)) responses[String(status) as `4${string}`] = { $ref: `#/components/responses/Problem${status}` };
  return {
    operationId: operationId(op),
    summary: summary?.fr ?? `${op.method} ${op.path}`,
    description: [summary?.en, `Permission : \`${op.permission}\``].filter(Boolean).join('\n\n'),
    ...(tag ? { tags: [TAGS[tag]?.fr ?? tag] } : {}),
    ...(isOpen(op) ? { security: [] } : {}),
    requestParams: {
      ...(params.length
        ? {
            path: z.object(Object.fromEntries(params.map((p) => [p, z.string().regex(PATH_PARAM_FORMATS[p] ?? /^$/)] as const))),
          }
        : {}),
      ...(op.query ? { query: op.query as z.ZodObject } : {}),
    },
    ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: op.body } } } } : {}),
    responses,
  };
}

/** The document of the API made of these contexts' route modules. */
export function openApiDocument(contexts: Record<string, RouteModule>, version: string) {
  const operations = operationsOf(createApiApp(READ_ONLY_DEPS, Object.values(contexts)).routes);
  const tagOfPath = new Map<string, string>();
  for (const [name, module] of Object.entries(contexts)) for (const r of module(READ_ONLY_DEPS).routes) tagOfPath.set(`${r.method} /api${r.path}`, name);

  const paths: ZodOpenApiPathsObject = {};
  for (const [key, op] of operations) {
    const path = toOpenApiPath(op.path);
    paths[path] = { ...paths[path], [op.method.toLowerCase()]: operationObject(op, tagOfPath.get(key)) };
  }
  const statuses = [...new Set([...operations.values()].flatMap(problemStatusesOf))].sort((a, b) => a - b);
  const typesOf = (status: number) =>
    Object.entries(PROBLEM_TYPES)
      .filter(([, s]) => s === status)
      .map(([slug]) => `\`/problems/${slug}\``)
      .join(', ');

  return createDocument({
    openapi: '3.1.0',
    info: {
      title: 'API Enveloppe',
      version,
      description:
        'Enveloppes budgétaires, appels de projets, évaluation et répartition pour le réseau de la santé et des services sociaux du Québec. ' +
        'Montants en cents entiers, instants en ISO 8601. Chaque erreur est un problème (RFC 9457) dont le type est décrit dans docs/problems.md.\n\n' +
        'Funding envelopes, calls for projects, scoring and allocation. Amounts in integer cents, instants in ISO 8601; every error is a problem (RFC 9457).',
    },
    tags: Object.values(TAGS).map((t) => ({ name: t.fr, description: t.en })),
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: {
        bearer: {
          type: 'http',
          scheme: 'bearer',
          bearerFormat: 'JWT',
          description: 'Le jeton d’identité du fournisseur OpenID Connect (Cognito en AWS, l’émetteur de développement localement).',
        },
      },
      responses: Object.fromEntries(
        statuses.map((status) => [
          `Problem${status}`,
          {
            description: `${PROBLEM_STATUS_TITLES[status] ?? status} : ${typesOf(status)}`,
            content: { 'application/problem+json': { schema: problemSchema } },
          },
        ]),
      ),
    },
  });
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** The document as docs/openapi.json holds it: keys sorted, two-space indents, so its diffs read well. */
export function serializeOpenApi(document: unknown): string {
  return `${JSON.stringify(sortKeys(document), null, 2)}\n`;
}
