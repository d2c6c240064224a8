/**
 * bench/reports — the funder's dashboard of a big program (issue 15). On its own DynamoDB Local and table, one
 * tenant, one program whose template has BENCH_INDICATORS (30) indicators (two thirds counts, hours or amounts
 * with some N.A. and N.C.; choices; yes/no; texts), and BENCH_ORGS (200) organizations × BENCH_YEARS (10)
 * fiscal years of yearly reports (most accepted or submitted, some drafts, some not started) plus an obstacle
 * report every 97th, written as the reports context writes them (`reportPut`: the item with its gsi1/gsi2
 * attributes). Prints, asserting nothing:
 *
 * 1. in memory: `buildDashboard` over the program's reports, min/median/max over BENCH_RUNS (15) runs
 *    (the target: under 500 ms);
 * 2. through the route (the API app with its middleware, a manager's token): GET …/dashboard, all years and
 *    `?from&to` (one query per year, in parallel), min/median/max over BENCH_RUNS runs, the answer's size,
 *    and the NUMBER of DynamoDB requests each call makes, by command (a middleware on the client counts them).
 *
 * Sizes: env BENCH_ORGS / BENCH_YEARS / BENCH_INDICATORS / BENCH_RUNS, or after `--`:
 * `npm run bench:reports -- --orgs=50`. DynamoDB Local is not DynamoDB, and the machine is shared: read
 * ranges over runs.
 */
import { createLocalJWKSet } from 'jose';
import { createApiApp } from '../../functions/lib/app';
import { createJwtVerifier } from '../../functions/lib/auth';
import { createDynamoClient, type Db, putNew, transact } from '../../functions/lib/db';
import { keys } from '../../functions/lib/keys';
import { createDevIssuer } from '../../functions/local/dev-issuer';
import { startDynamoLocal } from '../../functions/local/dynamo-local';
import { ensureTable } from '../../functions/local/table';
import { reportsRoutes } from '../../functions/reports/app';
import { reportPut } from '../../functions/reports/repository';
import { programTemplate, saveTemplateVersion } from '../../functions/reports/templates';
import { AlreadyExistsError } from '../../shared/errors';
import { buildDashboard } from '../../shared/report-dashboard';
import { type Answer, type Indicator, type IndicatorValue, PARTNER_SERVICE_OPTIONS, type Report, type ReportStatus, reportDueDate } from '../../shared/reports';

const arg = (name: string) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split('=')[1];
const size = (name: string, env: string, fallback: number) => {
  const n = Number(arg(name) ?? process.env[env] ?? fallback);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} / ${env}: a whole number ≥ 1, not ${arg(name) ?? process.env[env]}`);
  return n;
};
const ORGS = size('orgs', 'BENCH_ORGS', 200);
const YEARS = size('years', 'BENCH_YEARS', 10);
const INDICATORS = size('indicators', 'BENCH_INDICATORS', 30);
const RUNS = size('runs', 'BENCH_RUNS', 15);

const T = 'bench-reports';
const PROGRAM = 'BENCH-PROG';
const FIRST_YEAR = 2016;
const NOW = new Date('2027-11-23T15:00:00Z');
const TODAY = '2027-11-23';

// ── The program ─────────────────────────────────────────────────────────────

/** Two thirds numbers (count, hours, amount), then choices, yes/no and texts in turn. */
function indicatorsOf(n: number): Indicator[] {
  const numbers = Math.round((n * 2) / 3);
  return Array.from({ length: n }, (_, i): Indicator => {
    const rest = ['choices', 'yes-no', 'text'] as const;
    const type = i < numbers ? (['count', 'count', 'hours', 'amount'] as const)[i % 4]! : rest[(i - numbers) % 3]!;
    return {
      id: `ind-${String(i).padStart(2, '0')}`,
      label: `Indicateur ${i + 1}`,
      definition: `Définition de l’indicateur ${i + 1} : ce qui compte et ce qui ne compte pas.`,
      type,
      options: type === 'choices' ? PARTNER_SERVICE_OPTIONS : [],
      allowNA: true,
      allowNC: true,
      target: null,
      carriedOver: type === 'choices',
    };
  });
}

/** A deterministic pseudo-random number in [0, 1) from three integers. */
const rnd = (a: number, b: number, c: number) => {
  const x = Math.sin(a * 12.9898 + b * 78.233 + c * 37.719) * 43758.5453;
  return x - Math.floor(x);
};

function answerOf(ind: Indicator, org: number, fy: number, k: number): IndicatorValue {
  const r = rnd(org, fy, k);
  if (fy - FIRST_YEAR < org % 3) return { kind: 'na' };
  if (r < 0.04) return { kind: 'nc' };
  switch (ind.type) {
    case 'count':
      return { kind: 'number', value: Math.floor(r * 200) };
    case 'hours':
      return { kind: 'number', value: Math.floor(r * 4000) / 4 };
    case 'amount':
      return { kind: 'number', value: Math.floor(r * 5_000_000) };
    case 'choices':
      return { kind: 'choices', value: PARTNER_SERVICE_OPTIONS.filter((_, i) => rnd(org, fy, k * 10 + i) < 0.4).map((o) => o.id) };
    case 'yes-no':
      return { kind: 'yes-no', value: r < 0.6 };
    default:
      return { kind: 'text', value: 'Partenariats avec les organismes du territoire, rencontres mensuelles et références croisées.' };
  }
}

function reportsOf(indicators: Indicator[]): Report[] {
  const out: Report[] = [];
  const at = '2027-07-01T12:00:00.000Z';
  const audit = { version: 2, createdAt: at, createdBy: 'bench', updatedAt: at, updatedBy: 'bench' };
  for (let o = 0; o < ORGS; o++) {
    const organization = { id: `org-${String(o).padStart(4, '0')}`, name: `Organisme ${['Aube', 'Élan', 'Écho', 'Zénith', 'abri'][o % 5]} ${o}` };
    for (let y = 0; y < YEARS; y++) {
      const fy = FIRST_YEAR + y;
      const r = rnd(o, fy, 999);
      const status: ReportStatus = y === YEARS - 1 && r < 0.3 ? 'not-started' : r < 0.03 ? 'draft' : r < 0.5 ? 'submitted' : 'accepted';
      const answers: Record<string, Answer> = {};
      if (status !== 'not-started') for (const [k, ind] of indicators.entries()) answers[ind.id] = { value: answerOf(ind, o, fy, k), carriedFrom: null };
      out.push({
        kind: 'yearly',
        id: `rep-${o}-${fy}`,
        agreementId: `agr-${o}`,
        program: PROGRAM,
        organization,
        projectTitle: `Projet ${o}`,
        fiscalYear: fy,
        period: { start: `${fy}-04-01`, end: `${fy + 1}-03-31` },
        dueOn: reportDueDate(fy),
        status,
        templateVersion: status === 'not-started' ? null : 2,
        answers,
        sections: {},
        confirmedHits: [],
        submittedAt: status === 'submitted' || status === 'accepted' ? at : null,
        submittedBy: status === 'submitted' || status === 'accepted' ? 'bench' : null,
        reopenings: [],
        acceptedAt: status === 'accepted' ? at : null,
        ...audit,
      });
      if ((o * YEARS + y) % 97 === 0)
        out.push({
          kind: 'obstacle',
          id: `obs-${o}-${fy}`,
          agreementId: `agr-${o}`,
          program: PROGRAM,
          organization,
          projectTitle: `Projet ${o}`,
          fiscalYear: fy,
          filedAt: at,
          filedBy: 'bench',
          filedByName: 'Banc',
          obstacle: 'Départ de l’intervenante.',
          request: 'Reporter la cible.',
          confirmedHits: [],
          answer: null,
          ...audit,
        });
    }
  }
  return out;
}

// ── Measuring ───────────────────────────────────────────────────────────────

const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0]!, median: s[Math.floor(s.length / 2)]!, max: s[s.length - 1]! };
};
const ms = (x: number) => `${x.toFixed(1)} ms`;
const line = (label: string, xs: number[]) => {
  const s = stats(xs);
  console.log(`${label.padEnd(44)} min ${ms(s.min).padStart(10)}  median ${ms(s.median).padStart(10)}  max ${ms(s.max).padStart(10)}`);
};

// ── The run ─────────────────────────────────────────────────────────────────

const dynamo = await startDynamoLocal();
const client = createDynamoClient({ region: 'ca-central-1', endpoint: dynamo.endpoint });
const db: Db = { client, table: 'enveloppe-bench-reports' };
await ensureTable(client, db.table);

/** The DynamoDB requests sent, by command, since the last reset. */
const sent = new Map<string, number>();
client.middlewareStack.add(
  (next, context) => async (args) => {
    sent.set(context.commandName ?? '?', (sent.get(context.commandName ?? '?') ?? 0) + 1);
    return next(args);
  },
  { step: 'initialize', name: 'benchCountRequests' },
);
const requests = () => [...sent].map(([k, v]) => `${v} ${k.replace('Command', '')}`).join(', ');
const total = () => [...sent.values()].reduce((a, b) => a + b, 0);

try {
  const indicators = indicatorsOf(INDICATORS);
  const v1 = await programTemplate(db, T, PROGRAM, { at: NOW.toISOString(), by: 'bench' });
  const template = await saveTemplateVersion(db, T, { ...v1, indicators, updatedAt: NOW.toISOString(), updatedBy: 'bench' }, 1);
  const reports = reportsOf(indicators);
  const t0 = performance.now();
  for (let i = 0; i < reports.length; i += 100)
    await transact(
      db,
      reports.slice(i, i + 100).map((r) => reportPut(db, T, r)),
      () => new AlreadyExistsError({ fr: 'Un rapport', en: 'A report' }),
    );
  const bytes = reports.reduce((s, r) => s + JSON.stringify(r).length, 0);
  console.log(
    `bench/reports: ${ORGS} organizations × ${YEARS} years × ${INDICATORS} indicators: ${reports.length} reports ` +
      `(${reports.filter((r) => r.kind === 'obstacle').length} obstacle reports), ${(bytes / 1e6).toFixed(1)} MB of JSON, written in ${((performance.now() - t0) / 1000).toFixed(1)} s`,
  );

  // 1. In memory.
  const memory: number[] = [];
  let built = buildDashboard({ indicators, reports, today: TODAY });
  for (let i = 0; i < RUNS; i++) {
    const s = performance.now();
    built = buildDashboard({ indicators, reports, today: TODAY });
    memory.push(performance.now() - s);
  }
  line(`in memory: buildDashboard (${RUNS} runs)`, memory);
  console.log(`  → ${built.organizations.length} organizations, ${built.years.length} years, ${built.indicators.length} tables; target < 500 ms`);

  // 2. Through the route.
  const issuer = await createDevIssuer('http://issuer.bench');
  const app = createApiApp(
    {
      db,
      verifyToken: createJwtVerifier({ issuer: issuer.issuer, audience: issuer.audience, keys: createLocalJWKSet(issuer.jwks) }),
      now: () => NOW,
      newId: () => 'bench',
    },
    [reportsRoutes],
  );
  await putNew(
    db,
    keys.membership('bench-manager', T),
    'Membership',
    { tenantId: T, tenantName: 'Banc', userId: 'bench-manager', name: 'Gestionnaire', email: 'g@bench', roles: ['manager'], organizationId: null },
    () => new AlreadyExistsError({ fr: '', en: '' }),
  );
  const token = await issuer.sign({ sub: 'bench-manager', name: 'Gestionnaire', email: 'g@bench' });
  for (const [label, query] of [
    ['route: GET …/dashboard (all years)', ''],
    [`route: GET …/dashboard?from&to (${YEARS} years)`, `?from=${FIRST_YEAR}&to=${FIRST_YEAR + YEARS - 1}`],
  ] as const) {
    const times: number[] = [];
    let size = 0;
    let perCall = '';
    let count = 0;
    for (let i = 0; i <= RUNS; i++) {
      sent.clear();
      const s = performance.now();
      const res = await app.request(`/api/t/${T}/report-templates/${template.id}/dashboard${query}`, { headers: { Authorization: `Bearer ${token}` } });
      const body = await res.text();
      const elapsed = performance.now() - s;
      if (res.status !== 200) throw new Error(`${res.status}: ${body.slice(0, 300)}`);
      size = body.length;
      // The first call reads the membership (then cached 30 s): its count is printed apart.
      if (i === 0) console.log(`  first call: ${total()} DynamoDB requests (${requests()}), ${ms(elapsed)}`);
      else {
        times.push(elapsed);
        perCall = requests();
        count = total();
      }
    }
    line(`${label} (${RUNS} runs)`, times);
    console.log(`  → ${count} DynamoDB requests per call (${perCall}); answer ${(size / 1e6).toFixed(2)} MB`);
  }
} finally {
  client.destroy();
  await dynamo.stop();
}
