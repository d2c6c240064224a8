/** Small building blocks shared by every screen: links, fields, errors, loading. */
import type { JSX, TableHTMLAttributes } from 'preact';
import { useEffect, useLayoutEffect, useRef, useState, useCallback } from 'preact/hooks';
import type { z } from 'zod';
import type { AppError, FieldProblem } from '../../../shared/errors';
import { toFieldProblems } from '../../../shared/validation';
import { formatMoney } from '../../../shared/money';
import { ApiProblem } from '../lib/api';
import { getLang, loc, t } from '../lib/i18n';
import { WaysBack } from './ways-back';

export { Link } from './link';

export function Money({ cents }: { cents: number }) {
  return <span class="money">{formatMoney(cents, getLang())}</span>;
}

/** Field problems keyed by path, without the `draft.` or `content.` envelope of the request. */
export type FieldErrors = Record<string, string>;

function toFieldErrors(problems: FieldProblem[]): FieldErrors {
  const out: FieldErrors = {};
  for (const p of problems) {
    const path = p.path.replace(/^(draft|content)\./, '');
    out[path] ??= loc(p.message);
  }
  return out;
}

/**
 * Counts the times a form was checked: a field hides an error once the person edits it, until the next check
 * says it again.
 */
let validationRound = 0;

const VALIDATION_TITLE = { fr: 'Les données saisies sont invalides.', en: 'The data entered is invalid.' };

/**
 * Form state: validates with the same zod schema as the API before sending,
 * and shows the API's own problems (field by field) when it refuses. Every
 * set of field errors also fills the error summary at the top of the form.
 */
export function useForm() {
  const [errors, setFieldErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);

  /** Field errors found in the browser (an amount or a date that does not read), summarized like the API's. */
  const setErrors = useCallback((next: FieldErrors) => {
    validationRound++;
    setFieldErrors(next);
    const problems = Object.entries(next).map(([path, message]) => ({ path, code: 'client', message: { fr: message, en: message } }));
    setProblem(problems.length ? new ApiProblem(400, '/problems/validation-failed', VALIDATION_TITLE, undefined, problems, {}) : null);
  }, []);

  const check = useCallback(<S extends z.ZodType>(schema: S, payload: unknown): payload is z.output<S> => {
    validationRound++;
    const result = schema.safeParse(payload, { reportInput: true });
    if (result.success) {
      // What was wrong has been corrected: nothing stale stays on screen while the request runs.
      setFieldErrors({});
      setProblem(null);
      return true;
    }
    const problems = toFieldProblems(result.error.issues);
    setFieldErrors(toFieldErrors(problems));
    setProblem(new ApiProblem(400, '/problems/validation-failed', VALIDATION_TITLE, undefined, problems, {}));
    return false;
  }, []);

  /** Problems a shared rule found before sending (the API runs the same rule): shown as the API would show them. True when there are none. */
  const passes = useCallback((problems: readonly FieldProblem[]): boolean => {
    if (problems.length === 0) return true;
    validationRound++;
    setFieldErrors(toFieldErrors([...problems]));
    setProblem(new ApiProblem(400, '/problems/validation-failed', VALIDATION_TITLE, undefined, [...problems], {}));
    return false;
  }, []);

  /** A refusal a shared rule found before sending, with the problem type, title and detail the API would answer. */
  const refuse = useCallback((error: AppError) => {
    validationRound++;
    setFieldErrors({});
    setProblem(new ApiProblem(error.status, error.type, error.title, error.detail, [], error.extra));
  }, []);

  const run = useCallback(async <T,>(action: () => Promise<T>, success?: string): Promise<T | undefined> => {
    setBusy(true);
    setDone(null);
    try {
      const out = await action();
      setFieldErrors({});
      setProblem(null);
      if (success) setDone(success);
      return out;
    } catch (e) {
      if (e instanceof ApiProblem) {
        validationRound++;
        setProblem(e);
        setFieldErrors(toFieldErrors(e.errors));
        return undefined;
      }
      throw e;
    } finally {
      setBusy(false);
    }
  }, []);

  return { errors, setErrors, problem, setProblem, busy, done, check, passes, refuse, run };
}

/** The error message shown for an invalid control: the error its description points to, or the one beside it. */
function errorShownFor(control: Element): string | null {
  for (const id of (control.getAttribute('aria-describedby') ?? '').split(/\s+/).filter(Boolean)) {
    const described = document.getElementById(id);
    if (described?.classList.contains('error')) return described.textContent;
  }
  return control.closest('td, .field, fieldset')?.querySelector('.error')?.textContent ?? null;
}

/**
 * The problem of a refused action, announced and focused so keyboard and screen-reader users hear it.
 * For invalid data it is the form's error summary (the GOV.UK pattern): each problem is a link that takes
 * the person to its field, in the order of the form; a field corrected since leaves the list.
 */
export function ProblemAlert({
  problem,
  focus = true,
  title,
}: {
  problem: ApiProblem | null;
  /** False when the problem comes from no action of the person (an autosave): announced, but the focus stays where they type. */
  focus?: boolean;
  /** A plainer title for field problems, instead of the API's. */
  title?: string;
}) {
  const ref = useRef<HTMLDivElement>(null);
  const [links, setLinks] = useState<{ id: string; label: string; message: string }[]>([]);
  // Messages that were shown beside a field for this problem: once that field is corrected they are gone.
  const linked = useRef(new Set<string>());
  useEffect(() => {
    if (problem && focus) ref.current?.focus();
  }, [problem]);
  useLayoutEffect(() => {
    linked.current = new Set();
    if (!problem || problem.errors.length === 0) {
      setLinks([]);
      return;
    }
    const messages = new Set(problem.errors.map((e) => loc(e.message)));
    const scope = ref.current?.closest('form') ?? ref.current?.closest('section') ?? document.body;
    const scan = () => {
      const found: { id: string; label: string; message: string }[] = [];
      for (const control of scope.querySelectorAll('[aria-invalid="true"]')) {
        const message = errorShownFor(control);
        // The field's own label leads the line: two fields with the same message ("Ce champ est obligatoire.") stay apart.
        const label = control.id ? (scope.querySelector(`label[for="${control.id}"]`)?.textContent ?? '').trim() : '';
        if (control.id && message && messages.has(message)) found.push({ id: control.id, label, message });
      }
      for (const f of found) linked.current.add(f.message);
      setLinks((prev) =>
        prev.length === found.length && prev.every((p, i) => p.id === found[i]!.id && p.label === found[i]!.label && p.message === found[i]!.message)
          ? prev
          : found,
      );
    };
    scan();
    const observer = new MutationObserver(scan);
    observer.observe(scope, { subtree: true, childList: true, characterData: true, attributes: true, attributeFilter: ['aria-invalid'] });
    return () => observer.disconnect();
  }, [problem]);
  if (!problem) return null;
  // Problems with no field on this screen (or none that shows them) are listed as text.
  const unplaced = [...new Set(problem.errors.map((e) => loc(e.message)))].filter((m) => !linked.current.has(m));
  return (
    <div class="alert alert-error" role="alert" tabIndex={-1} ref={ref} data-problem-type={problem.type}>
      <strong>{title && problem.errors.length > 0 ? title : loc(problem.title)}</strong>
      {/* A validation problem's detail repeats its first error with the field's path, which is for API clients:
          people read each error's message (also shown beside its field), without paths. */}
      {problem.detail && problem.errors.length === 0 && <p>{loc(problem.detail)}</p>}
      {links.length + unplaced.length > 0 && (
        <ul data-testid="error-summary">
          {links.map((l) => (
            <li key={l.id}>
              <a
                href={`#${l.id}`}
                onClick={(e) => {
                  e.preventDefault();
                  const control = document.getElementById(l.id);
                  // Scrolled so that the field's label shows above it, then focused.
                  (document.querySelector(`label[for="${l.id}"]`) ?? control)?.scrollIntoView({ block: 'center' });
                  control?.focus({ preventScroll: true });
                }}
              >
                {l.label ? `${l.label}${getLang() === 'fr' ? ' : ' : ': '}${l.message}` : l.message}
              </a>
            </li>
          ))}
          {unplaced.map((m) => (
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

/**
 * A labelled field with its hint and error, wired for assistive technologies. Its error goes away as soon as
 * the person edits the field, and comes back if the next check still finds it wrong.
 */
export function Field(props: {
  label: string;
  error?: string | undefined;
  hint?: string;
  children: (attrs: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => JSX.Element;
}) {
  const [id] = useState(() => `f${++fieldCounter}`);
  // The error the person has edited the field since, and in which round of checks: hidden until checked again.
  const [edited, setEdited] = useState<{ error: string; round: number } | null>(null);
  const error = props.error && !(edited && edited.error === props.error && edited.round === validationRound) ? props.error : undefined;
  const onEdit = () => {
    if (error) setEdited({ error, round: validationRound });
  };
  const describedBy = [props.hint ? `${id}-hint` : '', error ? `${id}-err` : ''].filter(Boolean).join(' ');
  return (
    <div class={`field${error ? ' field-invalid' : ''}`} onInput={onEdit} onChange={onEdit}>
      <label for={id}>{props.label}</label>
      {props.hint && (
        <small id={`${id}-hint`} class="hint">
          {props.hint}
        </small>
      )}
      {props.children({ id, 'aria-invalid': Boolean(error), ...(describedBy ? { 'aria-describedby': describedBy } : {}) })}
      {error && (
        <small id={`${id}-err`} class="error">
          {error}
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

/** A page's data on its way; or why it will not come, with the ways back when the thing is not found or not the person's to see. */
export function Loading({ error }: { error: ApiProblem | null }) {
  if (error?.status === 404 || error?.status === 403) {
    return (
      <>
        <ProblemAlert problem={error} />
        <WaysBack />
      </>
    );
  }
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
