/** Small building blocks shared by every screen: links, fields, errors, loading. */
import type { ComponentChildren, JSX, TableHTMLAttributes } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState, useCallback } from 'preact/hooks';
import type { z } from 'zod';
import type { FieldProblem } from '../../../shared/errors';
import { toFieldProblems } from '../../../shared/validation';
import { formatMoney } from '../../../shared/money';
import { navigate } from '../app/router';
import { ApiProblem } from '../lib/api';
import { getLang, loc, t } from '../lib/i18n';

export function Link(props: { href: string; children: ComponentChildren; class?: string }) {
  return (
    <a
      href={props.href}
      class={props.class}
      onClick={(e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey) return;
        e.preventDefault();
        navigate(props.href);
      }}
    >
      {props.children}
    </a>
  );
}

export function Money({ cents }: { cents: number }) {
  return <span class="money">{formatMoney(cents, getLang())}</span>;
}

/** Field problems keyed by path, without the `draft.` or `content.` envelope of the request. */
export type FieldErrors = Record<string, string>;

export function toFieldErrors(problems: FieldProblem[]): FieldErrors {
  const out: FieldErrors = {};
  for (const p of problems) {
    const path = p.path.replace(/^(draft|content)\./, '');
    out[path] ??= loc(p.message);
  }
  return out;
}

/**
 * Form state: validates with the same zod schema as the API before sending,
 * and shows the API's own problems (field by field) when it refuses.
 */
export function useForm() {
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  const check = useCallback(<S extends z.ZodType>(schema: S, payload: unknown): payload is z.output<S> => {
    const result = schema.safeParse(payload, { reportInput: true });
    if (result.success) return true;
    const problems = toFieldProblems(result.error.issues);
    setErrors(toFieldErrors(problems));
    setProblem(new ApiProblem(400, '/problems/validation-failed', { fr: 'Les données saisies sont invalides.', en: 'The data entered is invalid.' }, undefined, problems, {}));
    return false;
  }, []);

  const run = useCallback(async <T,>(action: () => Promise<T>, success?: string): Promise<T | undefined> => {
    setBusy(true);
    setDone(null);
    try {
      const out = await action();
      setErrors({});
      setProblem(null);
      if (success) setDone(success);
      return out;
    } catch (e) {
      if (e instanceof ApiProblem) {
        setProblem(e);
        setErrors(toFieldErrors(e.errors));
        return undefined;
      }
      throw e;
    } finally {
      setBusy(false);
    }
  }, []);

  return { errors, setErrors, problem, setProblem, busy, done, check, run };
}

/** The problem of a refused action, announced and focused so keyboard and screen-reader users hear it. */
export function ProblemAlert({ problem }: { problem: ApiProblem | null }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (problem) ref.current?.focus();
  }, [problem]);
  if (!problem) return null;
  return (
    <div class="alert alert-error" role="alert" tabIndex={-1} ref={ref} data-problem-type={problem.type}>
      <strong>{loc(problem.title)}</strong>
      {/* A validation problem's detail repeats its first error with the field's path, which is for API clients:
          people read each error's message (also shown beside its field), without paths. */}
      {problem.detail && problem.errors.length === 0 && <p>{loc(problem.detail)}</p>}
      {problem.errors.length > 0 && (
        <ul>
          {[...new Set(problem.errors.map((e) => loc(e.message)))].map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

export function Success({ text }: { text: string | null }) {
  if (!text) return null;
  return (
    <div class="alert alert-success" role="status">
      {text}
    </div>
  );
}

let fieldCounter = 0;

/** A labelled field with its hint and error, wired for assistive technologies. */
export function Field(props: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (attrs: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => JSX.Element;
}) {
  const [id] = useState(() => `f${++fieldCounter}`);
  const describedBy = [props.hint ? `${id}-hint` : '', props.error ? `${id}-err` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${props.error ? ' field-invalid' : ''}`}>
      <label for={id}>{props.label}</label>
      {props.hint && (
        <small id={`${id}-hint`} class="hint">
          {props.hint}
        </small>
      )}
      {props.children({ id, 'aria-invalid': Boolean(props.error), ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      {props.error && (
        <small id={`${id}-err`} class="error">
          {props.error}
        </small>
      )}
    </div>
  );
}

/** Loads data for a screen; `reload` fetches again after a change. */
export function useResource<T>(load: () => Promise<T>, deps: unknown[]) {
  const [data, setData] = useState<T | null>(null);
  const [error, setError] = useState<ApiProblem | null>(null);
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setError(null);
    load()
      .then((d) => live && setData(d))
      .catch((e) => live && setError(e instanceof ApiProblem ? e : new ApiProblem(0, '/problems/client', { fr: String(e), en: String(e) }, undefined, [], {})));
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  return { data, error, reload: () => setTick((n) => n + 1), setData };
}

export function Loading({ error }: { error: ApiProblem | null }) {
  if (error) return <ProblemAlert problem={error} />;
  return <p aria-busy="true">{t('loading')}</p>;
}

export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge badge-${status}`}>{t(`status.${status}` as 'status.draft')}</span>;
}

/**
 * A table that scrolls sideways inside its own frame when the screen is narrower than the table, instead of
 * making the whole page scroll. While it scrolls, the frame takes keyboard focus (so the hidden columns can be
 * reached without a mouse, WCAG 2.1.1) and is a region named after the table's caption or label; when the
 * table fits, it is no tab stop.
 */
export function Table({ label, children, ...attrs }: TableHTMLAttributes<HTMLTableElement> & { label?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  const [frame, setFrame] = useState<{ scrolls: boolean; name: string | undefined }>({ scrolls: false, name: label });
  useLayoutEffect(() => {
    const div = ref.current!;
    const table = div.firstElementChild!;
    const measure = () => {
      const scrolls = div.scrollWidth > div.clientWidth + 1;
      const name = label ?? table.querySelector(':scope > caption')?.textContent ?? table.getAttribute('aria-label') ?? undefined;
      setFrame((f) => (f.scrolls === scrolls && f.name === name ? f : { scrolls, name }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(div);
    observer.observe(table);
    return () => observer.disconnect();
  }, [label]);
  return (
    <div ref={ref} class="table-frame" {...(frame.scrolls ? { tabIndex: 0, role: 'region', 'aria-label': frame.name } : {})}>
      <table {...attrs}>{children}</table>
    </div>
  );
}
