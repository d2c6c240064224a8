/**
 * The pabulib `.pb` format (../shared/METHODS.md §4): sections META,
 * PROJECTS and VOTES, each a line with the section's name, then a header
 * row, then `;`-separated rows (double quotes allowed around a field).
 * Approval, cumulative, scoring, ordinal and choose-1 ballots are read; the
 * rules use the set of projects each ballot names. Money is kept exact: the
 * budget and costs are scaled to integers by the largest number of decimals
 * found (`scale`).
 */

interface PbProject {
  id: string;
  /** In units of 10^-decimals of the currency. */
  cost: bigint;
  name: string;
  /** Every column of the row, as read. */
  fields: Record<string, string>;
}

export interface PbElection {
  meta: Record<string, string>;
  voteType: string;
  /** In units of 10^-decimals of the currency. */
  budget: bigint;
  decimals: number;
  projects: PbProject[];
  /** One entry per voter: the indexes (in `projects`) of the projects the ballot names, best first for ordinal ballots. */
  ballots: number[][];
  voterIds: string[];
}

export class PbError extends Error {
  constructor(
    readonly line: number,
    readonly expected: string,
  ) {
    super(`line ${line}: expected ${expected}`);
  }
}

function splitRow(line: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"' && field === '') quoted = true;
    else if (ch === ';') {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out.map((f) => f.trim());
}

const DECIMAL = /^\d+(?:\.(\d+))?$/;

function decimalsOf(text: string): number {
  return DECIMAL.exec(text)?.[1]?.length ?? 0;
}

function toUnits(text: string, decimals: number): bigint {
  const [whole, frac = ''] = text.split('.');
  return BigInt(whole!) * 10n ** BigInt(decimals) + BigInt((frac + '0'.repeat(decimals)).slice(0, decimals) || '0');
}

export function parsePb(text: string): PbElection {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  type Section = { name: string; header: string[]; rows: { no: number; cells: string[] }[]; headerLine: number };
  const sections = new Map<string, Section>();
  let current: Section | null = null;
  lines.forEach((raw, i) => {
    const no = i + 1;
    const line = raw.trim();
    if (line === '') return;
    const upper = line.toUpperCase();
    if (upper === 'META' || upper === 'PROJECTS' || upper === 'VOTES') {
      if (sections.has(upper)) throw new PbError(no, `one ${upper} section only`);
      current = { name: upper, header: [], rows: [], headerLine: no + 1 };
      sections.set(upper, current);
      return;
    }
    if (!current) throw new PbError(no, 'a section line (META, PROJECTS or VOTES) first');
    const cells = splitRow(line);
    if (current.header.length === 0) {
      current.header = cells.map((c) => c.toLowerCase());
      current.headerLine = no;
      return;
    }
    if (cells.length !== current.header.length)
      throw new PbError(no, `${current.header.length} fields separated by “;” as the ${current.name} header has (found ${cells.length})`);
    current.rows.push({ no, cells });
  });
  for (const name of ['META', 'PROJECTS', 'VOTES']) if (!sections.has(name)) throw new PbError(lines.length, `a ${name} section`);
  const metaS = sections.get('META')!;
  const projS = sections.get('PROJECTS')!;
  const voteS = sections.get('VOTES')!;
  if (metaS.header[0] !== 'key' || metaS.header[1] !== 'value') throw new PbError(metaS.headerLine, 'the META header “key;value”');
  const meta = Object.fromEntries(metaS.rows.map((r) => [r.cells[0]!.toLowerCase(), r.cells[1]!]));
  const budgetRow = metaS.rows.find((r) => r.cells[0]!.toLowerCase() === 'budget');
  if (!budgetRow || !DECIMAL.test(budgetRow.cells[1]!)) throw new PbError(budgetRow?.no ?? metaS.headerLine, 'a “budget” row with a non-negative amount');
  const voteType = (meta.vote_type ?? 'approval').toLowerCase();
  if (!['approval', 'cumulative', 'scoring', 'ordinal', 'choose-1'].includes(voteType))
    throw new PbError(metaS.rows.find((r) => r.cells[0] === 'vote_type')!.no, 'a vote_type among approval, cumulative, scoring, ordinal, choose-1');

  const idCol = projS.header.indexOf('project_id');
  const costCol = projS.header.indexOf('cost');
  if (idCol < 0 || costCol < 0) throw new PbError(projS.headerLine, 'a PROJECTS header with “project_id” and “cost”');
  for (const r of projS.rows) if (!DECIMAL.test(r.cells[costCol]!)) throw new PbError(r.no, `a non-negative cost, not “${r.cells[costCol]}”`);
  const decimals = Math.max(decimalsOf(budgetRow.cells[1]!), ...projS.rows.map((r) => decimalsOf(r.cells[costCol]!)));
  const projects: PbProject[] = [];
  const index = new Map<string, number>();
  for (const r of projS.rows) {
    const id = r.cells[idCol]!;
    if (index.has(id)) throw new PbError(r.no, `each project_id once; “${id}” appears again`);
    index.set(id, projects.length);
    projects.push({
      id,
      cost: toUnits(r.cells[costCol]!, decimals),
      name: r.cells[projS.header.indexOf('name')] ?? '',
      fields: Object.fromEntries(projS.header.map((h, k) => [h, r.cells[k]!])),
    });
  }

  const voterCol = voteS.header.indexOf('voter_id');
  const voteCol = voteS.header.indexOf('vote');
  if (voterCol < 0 || voteCol < 0) throw new PbError(voteS.headerLine, 'a VOTES header with “voter_id” and “vote”');
  const ballots: number[][] = [];
  const voterIds: string[] = [];
  for (const r of voteS.rows) {
    const named = r.cells[voteCol]!.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const seen = new Set<number>();
    const ballot: number[] = [];
    for (const id of named) {
      const k = index.get(id);
      if (k === undefined) throw new PbError(r.no, `project ids of the PROJECTS section; “${id}” is not one`);
      if (!seen.has(k)) {
        seen.add(k);
        ballot.push(k);
      }
    }
    ballots.push(ballot);
    voterIds.push(r.cells[voterCol]!);
  }
  return { meta, voteType, budget: toUnits(budgetRow.cells[1]!, decimals), decimals, projects, ballots, voterIds };
}

/** Writes an election back in the `.pb` format (approval ballots). */
export function writePb(e: Pick<PbElection, 'meta' | 'projects' | 'ballots' | 'voterIds' | 'decimals'> & { budget: bigint }): string {
  const money = (v: bigint) => {
    if (e.decimals === 0) return v.toString();
    const s = v.toString().padStart(e.decimals + 1, '0');
    return `${s.slice(0, -e.decimals)}.${s.slice(-e.decimals)}`;
  };
  const field = (s: string) => (/[;"]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const meta = { ...e.meta, budget: money(e.budget), num_projects: String(e.projects.length), num_votes: String(e.ballots.length), vote_type: 'approval' };
  return [
    'META',
    'key;value',
    ...Object.entries(meta).map(([k, v]) => `${field(k)};${field(v)}`),
    'PROJECTS',
    'project_id;cost;name',
    ...e.projects.map((p) => `${field(p.id)};${money(p.cost)};${field(p.name)}`),
    'VOTES',
    'voter_id;vote',
    ...e.ballots.map((b, i) => `${field(e.voterIds[i]!)};${b.map((k) => e.projects[k]!.id).join(',')}`),
    '',
  ].join('\n');
}
