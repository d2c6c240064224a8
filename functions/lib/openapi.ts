/**
 * The OpenAPI 3.1 document, generated from what the routes declare: one walk
 * of the API's routes (contract.ts) gives each path, its permission, its
 * request schemas and its responses; zod's own `z.toJSONSchema` turns the zod
 * schemas into JSON Schema draft 2020-12, the dialect of OpenAPI 3.1, and the
 * schemas named with `.meta({ id })` become shared components. `npm run
 * openapi` writes it to docs/openapi.json, which a unit test keeps current and
 * the API serves at /api/openapi.json.
 */
import { isDeepStrictEqual } from 'node:util';
import * as z from 'zod';
import { PROBLEM_TYPES, problemSchema } from '../../shared/schemas/responses/problem';
import { createApiApp, type Deps, type RouteModule } from './app';
import { isOpen, operationsOf, problemStatusesOf, type Operation } from './contract';
import { PATH_PARAM_FORMATS } from './path-ids';

type Json = Record<string, unknown>;

interface OpenApiOperation {
  operationId: string;
  summary: string;
  description: string;
  tags?: string[];
  security?: Json[];
  parameters?: { name: string; in: 'path' | 'query'; required: boolean; schema: Json }[];
  requestBody?: Json;
  responses: Record<string, Json>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: Json;
  tags: Json[];
  security: Json[];
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, Json>; responses: Record<string, Json>; securitySchemes: Record<string, Json> };
}

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
  results: { fr: 'Résultats publics', en: 'Public results' },
  tables: { fr: 'Tables de concertation', en: 'Concertation tables' },
  tasks: { fr: 'Ce qui m’attend', en: 'What waits for me' },
  recommendations: { fr: 'Recommandation et adoption', en: 'Recommendation and adoption' },
  decisions: { fr: 'Décisions', en: 'Decisions' },
  agreements: { fr: 'Ententes, versements et grand livre', en: 'Agreements, payments and ledger' },
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

/** Schemas named with `.meta({ id })`, gathered from every conversion into the document's components. */
class Components {
  readonly schemas: Record<string, Json> = {};

  /** The JSON Schema of a request (`input`: what may be sent) or a response (`output`: what is answered). */
  schema(schema: z.ZodType, io: 'input' | 'output'): Json {
    const { $schema: _dialect, $defs, ...rest } = z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as Json;
    for (const [id, def] of Object.entries(($defs ?? {}) as Record<string, Json>)) {
      const component = this.refs(def);
      if (this.schemas[id] && !isDeepStrictEqual(this.schemas[id], component)) throw new Error(`Two different schemas are named ${id}`);
      this.schemas[id] = component;
    }
    return this.refs(rest);
  }

  private refs(schema: Json): Json {
    return JSON.parse(JSON.stringify(schema).replaceAll('"#/$defs/', '"#/components/schemas/'));
  }
}

function successResponses(op: Operation, components: Components): Record<string, Json> {
  const out: Record<string, Json> = {};
  for (const [status, spec] of Object.entries(op.declared?.responses ?? {})) {
    if (!spec) continue;
    const description = status === '201' ? 'Créé' : 'OK';
    const [type, schema] = 'contentType' in spec ? [spec.contentType, spec.schema] : ['application/json', spec];
    out[status] = { description, content: { [type]: { schema: schema ? components.schema(schema, 'output') : { type: 'string' } } } };
  }
  if (op.declared?.conditional) out['304'] = { description: 'Non modifié : la copie dont l’`ETag` est donné dans `If-None-Match` est à jour (sans corps).' };
  return out;
}

function parameters(op: Operation, components: Components): NonNullable<OpenApiOperation['parameters']> {
  const path = paramsOf(op.path).map((name) => ({
    name,
    in: 'path' as const,
    required: true,
    schema: { type: 'string', pattern: PATH_PARAM_FORMATS[name]?.source ?? '^$' },
  }));
  if (!op.query) return path;
  const query = components.schema(op.query, 'input') as { properties?: Record<string, Json>; required?: string[] };
  return [
    ...path,
    ...Object.entries(query.properties ?? {}).map(([name, schema]) => ({
      name,
      in: 'query' as const,
      required: query.required?.includes(name) ?? false,
      schema,
    })),
  ];
}

function operationObject(op: Operation, tag: string | undefined, components: Components): OpenApiOperation {
  const summary = op.declared?.summary;
  const responses = successResponses(op, components);
  for (const status of problemStatusesOf(op)) responses[String(status)] = { $ref: `#/components/responses/Problem${status}` };
  const params = parameters(op, components);
  return {
    operationId: operationId(op),
    summary: summary?.fr ?? `${op.method} ${op.path}`,
    description: [summary?.en, `Permission : \`${op.permission}\``].filter(Boolean).join('\n\n'),
    ...(tag ? { tags: [TAGS[tag]?.fr ?? tag] } : {}),
    ...(isOpen(op) ? { security: [] } : {}),
    ...(params.length ? { parameters: params } : {}),
    ...(op.body ? { requestBody: { required: true, content: { 'application/json': { schema: components.schema(op.body, 'input') } } } } : {}),
    responses,
  };
}

/** The document of the API made of these contexts' route modules. */
export function openApiDocument(contexts: Record<string, RouteModule>, version: string): OpenApiDocument {
  const operations = operationsOf(createApiApp(READ_ONLY_DEPS, Object.values(contexts)).routes);
  const tagOfPath = new Map<string, string>();
  for (const [name, module] of Object.entries(contexts)) for (const r of module(READ_ONLY_DEPS).routes) tagOfPath.set(`${r.method} /api${r.path}`, name);

  const components = new Components();
  const paths: OpenApiDocument['paths'] = {};
  for (const [key, op] of operations) {
    const path = toOpenApiPath(op.path);
    paths[path] = { ...paths[path], [op.method.toLowerCase()]: operationObject(op, tagOfPath.get(key), components) };
  }
  const statuses = [...new Set([...operations.values()].flatMap(problemStatusesOf))].sort((a, b) => a - b);
  const typesOf = (status: number) =>
    Object.entries(PROBLEM_TYPES)
      .filter(([, s]) => s === status)
      .map(([slug]) => `\`/problems/${slug}\``)
      .join(', ');
  const problem = components.schema(problemSchema, 'output');

  return {
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
      schemas: components.schemas,
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
            content: { 'application/problem+json': { schema: problem } },
          },
        ]),
      ),
    },
  };
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
