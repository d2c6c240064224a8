/**
 * The report template as typed in its editor: targets as text until sent, a local key for each row, and
 * for new indicators and sections an id made from the label until the person types one. `inputOf` turns
 * it into what the API takes, or the fields the browser already finds wrong (the same `templateProblems`
 * the API runs, and targets that do not read).
 */
import { instantToMontrealLocal } from '../../../../shared/dates';
import { centsToInput, parseMoney } from '../../../../shared/money';
import { type IndicatorType, reportItemIdOf, type ReportDue, type SectionKind, TARGET_TYPES, templateProblems } from '../../../../shared/reports';
import { getLang, t } from '../../lib/i18n';
import type { StoredReportTemplate, TemplateInput } from './templates-api';

/** The report templates' pages. */
export const TEMPLATES_PAGE = '/modeles-de-rapport';
/** An instant's day in Montréal, `2026-11-30`. */
export const day = (iso: string) => instantToMontrealLocal(iso).slice(0, 10);

let nextKey = 0;
const key = () => ++nextKey;

export interface OptionDraft {
  key: number;
  id: string;
  label: string;
  /** In the version read: its id stays. */
  saved: boolean;
}

export interface IndicatorDraft {
  key: number;
  id: string;
  /** The person typed the code: it no longer follows the label. */
  idTouched: boolean;
  /** In the version read: its code and its type stay. */
  saved: boolean;
  label: string;
  definition: string;
  type: IndicatorType;
  options: OptionDraft[];
  allowNA: boolean;
  allowNC: boolean;
  carriedOver: boolean;
  targetText: string;
}

export interface SectionDraft {
  key: number;
  id: string;
  saved: boolean;
  kind: SectionKind;
  label: string;
  help: string;
  carriedOver: boolean;
}

export interface Draft {
  title: string;
  due: ReportDue;
  indicators: IndicatorDraft[];
  sections: SectionDraft[];
}

function targetText(type: IndicatorType, target: number | null): string {
  if (target === null) return '';
  if (type === 'amount') return centsToInput(target, getLang());
  return getLang() === 'fr' ? String(target).replace('.', ',') : String(target);
}

export function draftOf(tpl: StoredReportTemplate): Draft {
  return {
    title: tpl.title,
    due: { ...tpl.due },
    indicators: tpl.indicators.map((i) => ({
      key: key(),
      id: i.id,
      idTouched: true,
      saved: true,
      label: i.label,
      definition: i.definition,
      type: i.type,
      options: i.options.map((o) => ({ key: key(), id: o.id, label: o.label, saved: true })),
      allowNA: i.allowNA,
      allowNC: i.allowNC,
      carriedOver: i.carriedOver,
      targetText: targetText(i.type, i.target),
    })),
    sections: tpl.sections.map((s) => ({ key: key(), ...s, saved: true })),
  };
}

export const newIndicator = (): IndicatorDraft => ({
  key: key(),
  id: '',
  idTouched: false,
  saved: false,
  label: '',
  definition: '',
  type: 'count',
  options: [],
  allowNA: false,
  allowNC: false,
  carriedOver: false,
  targetText: '',
});

export const newOption = (): OptionDraft => ({ key: key(), id: '', label: '', saved: false });

export const newSection = (): SectionDraft => ({ key: key(), id: '', saved: false, kind: 'other', label: '', help: '', carriedOver: false });

export const isChoice = (type: IndicatorType) => type === 'choice' || type === 'choices';

/** A target typed the Quebec way (`12,5`, `1 200`), or the amount in dollars; null when empty; undefined when it does not read. */
function parseTarget(type: IndicatorType, text: string): number | null | undefined {
  const s = text.trim();
  if (s === '') return null;
  if (type === 'amount') {
    const p = parseMoney(s);
    return p.ok ? p.cents : undefined;
  }
  const n = Number(s.replace(/[\s\u00a0\u202f]/g, '').replace(',', '.'));
  return Number.isFinite(n) ? n : undefined;
}

/** The template to send, or the problems the browser finds first (each naming its field, as the API would). */
export function inputOf(
  d: Draft,
  version: number,
  saved: readonly { id: string; type: IndicatorType; label: string }[],
): { input: TemplateInput } | { problems: { path: string; code: string; message: { fr: string; en: string } }[] } {
  const unreadable: { path: string; code: string; message: { fr: string; en: string } }[] = [];
  const indicators = d.indicators.map((i, n) => {
    const target = TARGET_TYPES.includes(i.type) ? parseTarget(i.type, i.targetText) : null;
    if (target === undefined) {
      const message = t('rtpl.target.format');
      unreadable.push({ path: `indicators.${n}.target`, code: 'target-format', message: { fr: message, en: message } });
    }
    return {
      id: i.id.trim(),
      label: i.label.trim(),
      definition: i.definition.trim(),
      type: i.type,
      options: isChoice(i.type) ? i.options.map((o) => ({ id: o.id.trim(), label: o.label.trim() })) : [],
      allowNA: i.allowNA,
      allowNC: i.allowNC,
      target: target ?? null,
      carriedOver: i.carriedOver,
    };
  });
  const sections = d.sections.map((s) => ({ id: s.id.trim(), kind: s.kind, label: s.label.trim(), help: s.help.trim(), carriedOver: s.carriedOver }));
  const input: TemplateInput = { version, title: d.title.trim(), due: d.due, indicators, sections };
  const problems = [...unreadable, ...templateProblems(input, saved).map((p) => ({ path: p.field, code: p.code, message: p.message }))];
  return problems.length > 0 ? { problems } : { input };
}

/** A new row's id follows its label until the person types one. */
export const idFromLabel = reportItemIdOf;
