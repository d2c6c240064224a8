/**
 * What the API tells an operator: one log entry per request (correlation id,
 * tenant, route pattern, status, duration), the unexpected errors, and three
 * metrics (requests, latency, problems by type). In AWS the entries are
 * Powertools' structured JSON and the metrics CloudWatch's embedded format
 * (lambda-deps.ts); locally each entry is one readable line and there are no
 * metrics. Nothing a person typed, no token and no person's name or email is
 * ever an attribute here: the request log is built from the route pattern,
 * never the raw path, query or body (tests/unit/observability.test.ts).
 */
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';

type LogAttributes = Record<string, string | number | boolean | undefined | Record<string, unknown>>;

/** The part of Powertools' Logger the API uses; the local line logger has the same shape. */
export interface AppLogger {
  info(message: string, attributes: LogAttributes): void;
  warn(message: string, attributes: LogAttributes): void;
  error(message: string, attributes: LogAttributes): void;
}

/** One answered request, as logged and counted. */
interface RequestRecord {
  correlationId: string;
  method: string;
  /** The matched route's pattern (`/api/t/:tenantId/calls/:callId`), or `(none)` when no route matched. */
  route: string;
  status: number;
  durationMs: number;
  tenant?: string | undefined;
  /** The problem's slug (`not-found`, `validation-failed`, …) when the answer is a problem. */
  problem?: string | undefined;
}

export interface AppMetrics {
  record(request: RequestRecord): void;
}

/** Requests, latency and problems by type, stored until the invocation flushes them (lambda-deps.ts). */
export function powertoolsMetrics(metrics: Metrics): AppMetrics {
  return {
    record(r) {
      metrics.addMetric('requests', MetricUnit.Count, 1);
      metrics.addMetric('latency', MetricUnit.Milliseconds, r.durationMs);
      if (r.status >= 500) metrics.addMetric('serverErrors', MetricUnit.Count, 1);
      if (r.problem) {
        // Its own dimension, so a problem type is one metric: a single-metric flush of its own.
        const problem = metrics.singleMetric();
        problem.addDimension('problem', r.problem);
        problem.addMetric('problems', MetricUnit.Count, 1);
      }
    },
  };
}

const LEVELS = { info: 0, warn: 1, error: 2 } as const;
type Level = keyof typeof LEVELS;

function formatValue(value: unknown): string {
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/**
 * Readable lines for the local server and the tests: `12:03:04.123 INFO  GET
 * /api/t/:tenantId/calls 200 8.1 ms tenant=… corr=…`; an error's stack follows
 * on its own lines.
 */
export function createLineLogger(opts: { level?: Level; write?: (line: string) => void } = {}): AppLogger {
  const min = LEVELS[opts.level ?? 'info'];
  const write = opts.write ?? ((line: string) => process.stdout.write(`${line}\n`));
  const log = (level: Level) => (message: string, attributes: LogAttributes) => {
    if (LEVELS[level] < min) return;
    const time = new Date().toISOString().slice(11, 23);
    const { method, route, status, durationMs, error, ...rest } = attributes;
    const head = method !== undefined && route !== undefined && status !== undefined ? `${method} ${route} ${status} ${durationMs ?? '?'} ms` : message;
    const tail = Object.entries(rest)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${k}=${formatValue(v)}`);
    const stack = typeof error === 'object' && error !== null && typeof error.stack === 'string' ? `\n${error.stack}` : '';
    write(`${time} ${level.toUpperCase().padEnd(5)} ${[head, ...tail].join(' ')}${stack}`);
  };
  return { info: log('info'), warn: log('warn'), error: log('error') };
}

/** An error as a log attribute: its name, message and stack, nothing it might carry besides. */
export function errorAttribute(err: unknown): Record<string, unknown> {
  if (err instanceof Error) return { name: err.name, message: err.message, stack: err.stack };
  return { name: typeof err, message: String(err) };
}
