/**
 * A score sheet: the proposal as submitted (the version screened) beside
 * the grid, one radio group per criterion (arrow keys move between
 * levels), the level descriptors and help beside, a comment, saved as a
 * draft or submitted. A recused member sees why, and nothing of the others'
 * scores. In consensus mode, the coordinator records the table's agreed
 * scores with the members present.
 */
import { useEffect, useState } from 'preact/hooks';
import { checkSheet } from '../../../../shared/scoring/grid';
import { formatDateTime } from '../../../../shared/dates';
import { formatBasisPoints } from '../../../../shared/money';
import { ProposalContentView } from '../../components/proposal-content';
import { useSession } from '../../lib/session-context';
import { Field, Link, Loading, Money, ProblemAlert, Success, useForm, useResource } from '../../components/ui';
import { getLang, t } from '../../lib/i18n';
import { Term } from '../../components/term';
import { declareRecusal, getConsensus, getSheet, saveConsensus, saveSheet, type Grid, type SheetView } from './api';

type Values = Record<string, { value: number | null; comment: string }>;

function Criteria({ grid, values, setValues, errors }: { grid: Grid; values: Values; setValues: (v: Values) => void; errors: Record<string, string> }) {
  return (
    <>
      {grid.criteria.map((c) => (
        <fieldset key={c.id} class={`criterion${errors[`scores.${c.id}.value`] || errors[`scores.${c.id}`] ? ' field-invalid' : ''}`} data-criterion={c.id}>
          <legend>
            {c.label} <small class="hint">({formatBasisPoints(c.weightBp, getLang())})</small>
          </legend>
          {c.help && <p class="hint">{c.help}</p>}
          {c.linkedToNeeds ? (
            <p class="hint">{t('scoring.fromNeeds')}</p>
          ) : (
            <>
              <div class="levels" role="radiogroup" aria-label={c.label}>
                {Array.from({ length: c.scale + 1 }, (_, v) => {
                  const descriptor = c.levels.find((l) => l.value === v)?.descriptor;
                  return (
                    <label key={v} class="level">
                      <input
                        type="radio"
                        name={`c-${c.id}`}
                        value={v}
                        checked={values[c.id]?.value === v}
                        onChange={() => setValues({ ...values, [c.id]: { value: v, comment: values[c.id]?.comment ?? '' } })}
                      />
                      <span class="value">{v}</span>
                      {descriptor && <span class="descriptor">{descriptor}</span>}
                    </label>
                  );
                })}
              </div>
              <Field label={t('scoring.comment')}>
                {(a) => (
                  <input
                    {...a}
                    value={values[c.id]?.comment ?? ''}
                    onInput={(e) => setValues({ ...values, [c.id]: { value: values[c.id]?.value ?? null, comment: (e.target as HTMLInputElement).value } })}
                  />
                )}
              </Field>
              {(errors[`scores.${c.id}.value`] || errors[`scores.${c.id}`]) && (
                <small class="error">{errors[`scores.${c.id}.value`] ?? errors[`scores.${c.id}`]}</small>
              )}
            </>
          )}
        </fieldset>
      ))}
    </>
  );
}

const payloadOf = (values: Values) =>
  Object.fromEntries(
    Object.entries(values)
      .filter(([, v]) => v.value !== null)
      .map(([k, v]) => [k, { value: v.value!, comment: v.comment }]),
  );
const valuesOf = (sheet: SheetView['sheet']): Values =>
  Object.fromEntries(Object.entries(sheet?.scores ?? {}).map(([k, v]) => [k, { value: v.value, comment: v.comment }]));

export function SheetPage({ callId, proposalId }: { callId: string; proposalId: string }) {
  const { can } = useSession();
  return can('scoring:manage') ? <ConsensusPage callId={callId} proposalId={proposalId} /> : <EvaluatorSheet callId={callId} proposalId={proposalId} />;
}

function EvaluatorSheet({ callId, proposalId }: { callId: string; proposalId: string }) {
  const { tenantId } = useSession().membership;
  const loaded = useResource(() => getSheet(tenantId, callId, proposalId), [tenantId, callId, proposalId]);
  const form = useForm();
  const conflict = useForm();
  const [values, setValues] = useState<Values>({});
  const [version, setVersion] = useState<number | null>(null);
  const [reason, setReason] = useState('');
  useEffect(() => {
    if (!loaded.data) return;
    setValues(valuesOf(loaded.data.sheet));
    setVersion(loaded.data.sheet?.version ?? null);
  }, [loaded.data]);
  if (!loaded.data) return <Loading error={loaded.error} />;
  const { grid, recusal, proposal } = loaded.data;

  async function save(submit: boolean) {
    if (!form.passes(checkSheet(grid, payloadOf(values), submit))) return;
    const saved = await form.run(
      () => saveSheet(tenantId, callId, proposalId, { version, scores: payloadOf(values), submit }),
      t(submit ? 'scoring.submitted' : 'scoring.saved'),
    );
    if (saved) setVersion(saved.version);
  }
  async function declare(e: Event) {
    e.preventDefault();
    const done = await conflict.run(() => declareRecusal(tenantId, callId, proposalId, { reason }));
    if (done) loaded.reload();
  }

  return (
    <section>
      <p class="muted">
        <Link href={`/appels/${callId}/evaluation`}>{t('scoring.title')}</Link> ·{' '}
        <Link href={`/appels/${callId}/projets/${proposalId}`}>{t('proposal.viewSubmitted')}</Link>
      </p>
      <h1>{proposal ? t('scoring.sheetOf', { title: proposal.title }) : t('scoring.sheet')}</h1>
      {proposal && (
        <p class="muted" data-testid="sheet-proposal">
          {proposal.organizationName} · {t('proposal.requested')} <Money cents={proposal.requested} />
        </p>
      )}
      {recusal ? (
        <div role="alert" class="alert alert-error" data-testid="recused">
          <p>
            {t('scoring.recused', { reason: recusal.reason })} <Term id="recusal" />
          </p>
          {recusal.tieWithdrawnAt && <p>{t('scoring.tieWithdrawnKept', { date: formatDateTime(recusal.tieWithdrawnAt, getLang()) })}</p>}
        </div>
      ) : (
        <div class="sheet-layout">
          {proposal?.content && (
            <article class="panel sheet-proposal" aria-labelledby="scored-proposal" data-testid="sheet-proposal-content">
              <h2 id="scored-proposal">{t('proposal.scoredVersion', { n: proposal.versionNumber ?? 1 })}</h2>
              <ProposalContentView content={proposal.content} needs={proposal.needs} />
            </article>
          )}
          <div class="sheet-grid">
            <form
              noValidate
              onSubmit={(e) => {
                e.preventDefault();
                void save(true);
              }}
            >
              <ProblemAlert problem={form.problem} />
              <Success text={form.done} />
              <Criteria grid={grid} values={values} setValues={setValues} errors={form.errors} />
              <div class="actions">
                <button type="button" class="secondary" disabled={form.busy} onClick={() => void save(false)}>
                  {t('scoring.saveDraft')}
                </button>
                <button type="submit" disabled={form.busy}>
                  {t('scoring.submit')}
                </button>
              </div>
            </form>
            <form onSubmit={declare} class="panel">
              <h2>{t('scoring.declareConflict')}</h2>
              <ProblemAlert problem={conflict.problem} />
              <Field label={t('scoring.conflictReason')} error={conflict.errors.reason}>
                {(a) => <input {...a} value={reason} onInput={(e) => setReason((e.target as HTMLInputElement).value)} />}
              </Field>
              <button type="submit" class="secondary" disabled={conflict.busy || !reason.trim()}>
                {t('scoring.declare')}
              </button>
            </form>
          </div>
        </div>
      )}
    </section>
  );
}

function ConsensusPage({ callId, proposalId }: { callId: string; proposalId: string }) {
  const { tenantId } = useSession().membership;
  const loaded = useResource(() => getConsensus(tenantId, callId, proposalId), [tenantId, callId, proposalId]);
  const form = useForm();
  const [values, setValues] = useState<Values>({});
  const [present, setPresent] = useState<string[]>([]);
  const [version, setVersion] = useState<number | null>(null);
  useEffect(() => {
    if (!loaded.data) return;
    setValues(valuesOf(loaded.data.sheet));
    setPresent(loaded.data.sheet?.present ?? []);
    setVersion(loaded.data.sheet?.version ?? null);
  }, [loaded.data]);
  if (!loaded.data) return <Loading error={loaded.error} />;
  const d = loaded.data;
  async function save(e: Event) {
    e.preventDefault();
    // The consensus is a complete sheet, as the API checks it.
    if (!form.passes(checkSheet(d.grid, payloadOf(values), true))) return;
    const saved = await form.run(() => saveConsensus(tenantId, callId, proposalId, { version, scores: payloadOf(values), present }), t('scoring.saved'));
    if (saved) setVersion(saved.version);
  }
  return (
    <section>
      <p class="muted">
        <Link href={`/appels/${callId}/evaluation`}>{t('scoring.title')}</Link>
      </p>
      <h1>
        {t('scoring.mode.consensus')} — {d.proposal?.title}
      </h1>
      <form onSubmit={save} noValidate>
        <ProblemAlert problem={form.problem} />
        <Success text={form.done} />
        <fieldset>
          <legend>{t('scoring.consensusPresent')}</legend>
          {d.members.map((m) => (
            <label key={m.userId} class="check">
              <input
                type="checkbox"
                disabled={m.recused}
                checked={present.includes(m.userId)}
                onChange={(e) => setPresent((e.target as HTMLInputElement).checked ? [...present, m.userId] : present.filter((x) => x !== m.userId))}
              />{' '}
              {m.name}
              {m.recused && <small class="hint"> ({t('scoring.status.recused')})</small>}
            </label>
          ))}
        </fieldset>
        <Criteria grid={d.grid} values={values} setValues={setValues} errors={form.errors} />
        <button type="submit" disabled={form.busy}>
          {t('scoring.consensusSave')}
        </button>
      </form>
    </section>
  );
}
