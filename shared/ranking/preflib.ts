/**
 * PrefLib's rankings formats (https://www.preflib.org/format): `.soc`
 * complete strict orders, `.soi` incomplete strict, `.toc` complete with
 * ties, `.toi` incomplete with ties. Header lines start with `#`; each data
 * line is `count: a,b,{c,d},e` where braces hold tied alternatives.
 * Alternatives are the numbers 1..N of `# NUMBER ALTERNATIVES`.
 */
import type { RankedBallot } from './methods';

export type PrefLibType = 'soc' | 'soi' | 'toc' | 'toi';
export const PREFLIB_TYPES: readonly PrefLibType[] = ['soc', 'soi', 'toc', 'toi'];

export interface PrefLibFile {
  type: PrefLibType;
  title: string;
  /** Alternative numbers as strings ("1".."N") with their names. */
  alternatives: { id: string; name: string }[];
  ballots: RankedBallot[];
  voters: number;
}

/** A file that does not follow the format: where, and what was expected there. */
export class PrefLibError extends Error {
  constructor(
    readonly line: number,
    readonly expected: { fr: string; en: string },
  ) {
    super(`line ${line}: ${expected.en}`);
  }
}

const HEADER = /^#\s*([A-Z ]+?)\s*(?:(\d+)\s*)?:\s*(.*)$/;

/** Parses a PrefLib rankings file; `typeHint` (e.g. from the file's extension) is used when the header has no DATA TYPE. */
export function parsePrefLib(text: string, typeHint?: PrefLibType): PrefLibFile {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  let type: PrefLibType | undefined;
  let title = '';
  let declaredAlternatives: { value: number; line: number } | undefined;
  let declaredVoters: { value: number; line: number } | undefined;
  const names = new Map<number, string>();
  const ballots: RankedBallot[] = [];
  const dataLines: { no: number; text: string }[] = [];

  lines.forEach((raw, i) => {
    const no = i + 1;
    const line = raw.trim();
    if (line === '') return;
    if (line.startsWith('#')) {
      if (dataLines.length > 0)
        throw new PrefLibError(no, { fr: 'les lignes d’en-tête (#) avant les lignes de classement', en: 'header lines (#) before the ranking lines' });
      const m = HEADER.exec(line);
      if (!m) return; // a comment PrefLib does not define: ignored
      const [, key, n, value] = m as unknown as [string, string, string | undefined, string];
      const positiveInt = (what: { fr: string; en: string }) => {
        if (!/^\d+$/.test(value.trim()) || Number(value) < 1) throw new PrefLibError(no, what);
        return Number(value);
      };
      if (key === 'DATA TYPE') {
        const t = value.trim().toLowerCase();
        if (!(PREFLIB_TYPES as readonly string[]).includes(t))
          throw new PrefLibError(no, { fr: 'un type de données soc, soi, toc ou toi', en: 'a data type among soc, soi, toc, toi' });
        type = t as PrefLibType;
      } else if (key === 'TITLE') title = value.trim();
      else if (key === 'NUMBER ALTERNATIVES')
        declaredAlternatives = { value: positiveInt({ fr: 'un nombre d’options entier positif', en: 'a positive whole number of alternatives' }), line: no };
      else if (key === 'NUMBER VOTERS')
        declaredVoters = { value: positiveInt({ fr: 'un nombre de votants entier positif', en: 'a positive whole number of voters' }), line: no };
      else if (key === 'ALTERNATIVE NAME' && n !== undefined) names.set(Number(n), value.trim());
      return;
    }
    dataLines.push({ no, text: line });
  });

  type ??= typeHint;
  if (!type) throw new PrefLibError(1, { fr: 'une ligne « # DATA TYPE: » (soc, soi, toc ou toi)', en: 'a “# DATA TYPE:” line (soc, soi, toc or toi)' });
  if (!declaredAlternatives) throw new PrefLibError(1, { fr: 'une ligne « # NUMBER ALTERNATIVES: »', en: 'a “# NUMBER ALTERNATIVES:” line' });
  const n = declaredAlternatives.value;
  const complete = type === 'soc' || type === 'toc';
  const strict = type === 'soc' || type === 'soi';

  for (const { no, text: line } of dataLines) {
    const colon = line.indexOf(':');
    const countText = colon < 0 ? '' : line.slice(0, colon).trim();
    if (!/^\d+$/.test(countText) || Number(countText) < 1)
      throw new PrefLibError(no, { fr: 'un nombre de votants entier positif suivi de « : »', en: 'a positive whole number of voters followed by “:”' });
    const tiers = parseOrder(line.slice(colon + 1), no, n);
    const ranked = tiers.reduce((sum, t) => sum + t.length, 0);
    if (strict && tiers.some((t) => t.length > 1))
      throw new PrefLibError(no, {
        fr: `un ordre strict, sans égalités entre accolades (type ${type})`,
        en: `a strict order, without ties in braces (type ${type})`,
      });
    if (complete && ranked !== n)
      throw new PrefLibError(no, {
        fr: `un ordre complet des ${n} options (type ${type}); ${ranked} sont classées`,
        en: `a complete order of the ${n} alternatives (type ${type}); ${ranked} are ranked`,
      });
    ballots.push({ count: Number(countText), tiers: tiers.map((t) => t.map(String)) });
  }
  if (ballots.length === 0)
    throw new PrefLibError(lines.length, { fr: 'au moins une ligne de classement « nombre: ordre »', en: 'at least one ranking line “count: order”' });
  const voters = ballots.reduce((sum, b) => sum + b.count, 0);
  if (declaredVoters && declaredVoters.value !== voters) {
    throw new PrefLibError(declaredVoters.line, {
      fr: `${declaredVoters.value} votants comme les lignes en comptent ${voters}`,
      en: `${declaredVoters.value} voters, as many as the lines count (${voters})`,
    });
  }
  const alternatives = Array.from({ length: n }, (_, i) => ({ id: String(i + 1), name: names.get(i + 1) ?? `Option ${i + 1}` }));
  return { type, title, alternatives, ballots, voters };
}

/** `a,b,{c,d},e` → [[a],[b],[c,d],[e]], each number in 1..n and named once. */
function parseOrder(text: string, no: number, n: number): number[][] {
  const tiers: number[][] = [];
  const seen = new Set<number>();
  const expectNumber = (token: string): number => {
    const t = token.trim();
    if (!/^\d+$/.test(t) || Number(t) < 1 || Number(t) > n)
      throw new PrefLibError(no, { fr: `un numéro d’option de 1 à ${n}, pas « ${t} »`, en: `an alternative number from 1 to ${n}, not “${t}”` });
    const v = Number(t);
    if (seen.has(v)) throw new PrefLibError(no, { fr: `chaque option une seule fois; ${v} revient`, en: `each alternative once; ${v} appears again` });
    seen.add(v);
    return v;
  };
  let rest = text.trim();
  if (rest === '') throw new PrefLibError(no, { fr: 'au moins une option classée après « : »', en: 'at least one ranked alternative after “:”' });
  while (rest.length > 0) {
    if (rest.startsWith('{')) {
      const close = rest.indexOf('}');
      if (close < 0) throw new PrefLibError(no, { fr: 'une accolade fermante « } »', en: 'a closing brace “}”' });
      const inner = rest.slice(1, close);
      if (inner.trim() === '') throw new PrefLibError(no, { fr: 'au moins une option entre accolades', en: 'at least one alternative inside braces' });
      tiers.push(inner.split(',').map(expectNumber));
      rest = rest.slice(close + 1).trim();
    } else {
      const comma = rest.indexOf(',');
      const token = comma < 0 ? rest : rest.slice(0, comma);
      if (token.includes('{') || token.includes('}')) throw new PrefLibError(no, { fr: 'une virgule entre les rangs', en: 'a comma between ranks' });
      tiers.push([expectNumber(token)]);
      rest = comma < 0 ? '' : rest.slice(comma);
    }
    if (rest.startsWith(',')) {
      rest = rest.slice(1).trim();
      if (rest === '') throw new PrefLibError(no, { fr: 'une option après la dernière virgule', en: 'an alternative after the last comma' });
    } else if (rest.length > 0) throw new PrefLibError(no, { fr: 'une virgule entre les rangs', en: 'a comma between ranks' });
  }
  return tiers;
}

/** The most specific PrefLib type that holds these ballots. */
function prefLibTypeOf(n: number, ballots: readonly RankedBallot[]): PrefLibType {
  const strict = ballots.every((b) => b.tiers.every((t) => t.length === 1));
  const complete = ballots.every((b) => b.tiers.reduce((s, t) => s + t.length, 0) === n);
  return strict ? (complete ? 'soc' : 'soi') : complete ? 'toc' : 'toi';
}

/**
 * Writes ballots in PrefLib's format. Alternatives are numbered 1..N in the
 * order given; identical orders are grouped, most frequent first.
 */
export function writePrefLib(opts: {
  fileName: string;
  title: string;
  alternatives: { id: string; name: string }[];
  ballots: readonly RankedBallot[];
  date: string;
}): string {
  const number = new Map(opts.alternatives.map((a, i) => [a.id, i + 1]));
  const n = opts.alternatives.length;
  const grouped = new Map<string, number>();
  for (const b of opts.ballots) {
    const tiers = b.tiers.map((t) => t.map((id) => number.get(id)!).sort((x, y) => x - y)).filter((t) => t.length > 0);
    const key = tiers.map((t) => (t.length === 1 ? String(t[0]) : `{${t.join(',')}}`)).join(',');
    if (key) grouped.set(key, (grouped.get(key) ?? 0) + b.count);
  }
  const lines = [...grouped].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  const renumbered = opts.ballots.map((b) => ({ count: b.count, tiers: b.tiers.map((t) => t.map((id) => String(number.get(id)))) }));
  const type = prefLibTypeOf(n, renumbered);
  const oneLine = (s: string) => s.replace(/[\r\n]+/g, ' ');
  return [
    `# FILE NAME: ${oneLine(opts.fileName)}.${type}`,
    `# TITLE: ${oneLine(opts.title)}`,
    '# DESCRIPTION: ',
    `# DATA TYPE: ${type}`,
    '# MODIFICATION TYPE: original',
    '# RELATES TO: ',
    '# RELATED FILES: ',
    `# PUBLICATION DATE: ${opts.date}`,
    `# MODIFICATION DATE: ${opts.date}`,
    `# NUMBER ALTERNATIVES: ${n}`,
    `# NUMBER VOTERS: ${lines.reduce((s, [, c]) => s + c, 0)}`,
    `# NUMBER UNIQUE ORDERS: ${lines.length}`,
    ...opts.alternatives.map((a, i) => `# ALTERNATIVE NAME ${i + 1}: ${oneLine(a.name)}`),
    ...lines.map(([order, count]) => `${count}: ${order}`),
    '',
  ].join('\n');
}
