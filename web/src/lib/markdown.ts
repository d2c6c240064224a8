/**
 * A small Markdown reader for the help pages, covering what `docs/*.md` use:
 * headings, paragraphs, lists, tables, fenced code, `code`, **strong**,
 * *emphasis*, links, and `<a id="…"></a>` lines that name a place to link to.
 *
 * It builds Preact elements, never an HTML string: every character of the
 * source ends up as text (a `<script>` in a page is shown, not run), and
 * a link keeps its address only when it is http(s), an anchor of the page,
 * or a page the caller knows; anything else (`javascript:`, a path to
 * source code) is shown as plain text.
 */
import { h, type ComponentChildren, type VNode } from 'preact';

export type Inline =
  | { kind: 'text'; text: string }
  | { kind: 'code'; text: string }
  | { kind: 'strong'; children: Inline[] }
  | { kind: 'em'; children: Inline[] }
  | { kind: 'link'; href: string; children: Inline[] };

export type Block =
  | { kind: 'heading'; level: number; id: string; children: Inline[] }
  | { kind: 'anchor'; id: string }
  | { kind: 'paragraph'; children: Inline[] }
  | { kind: 'list'; ordered: boolean; start: number; items: Inline[][] }
  | { kind: 'table'; header: Inline[][]; align: ('left' | 'right' | 'center' | null)[]; rows: Inline[][][] }
  | { kind: 'code'; lang: string; text: string };

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const ANCHOR = /^<a id="([a-z0-9][a-z0-9-]*)"><\/a>$/;
const FENCE = /^```\s*([\w-]*)\s*$/;
const ITEM = /^([-*]|(\d+)[.)])\s+(.*)$/;
const TABLE_RULE = /^\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

/** A heading's id, as GitHub makes it: lower case, accents dropped, words joined by hyphens. */
export function slug(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-');
}

/** The text of inline content without its marks (for a table of contents). */
export function plainText(inlines: Inline[]): string {
  return inlines.map((i) => (i.kind === 'text' || i.kind === 'code' ? i.text : plainText(i.children))).join('');
}

function splitRow(line: string): string[] {
  let s = line.trim();
  if (s.startsWith('|')) s = s.slice(1);
  if (s.endsWith('|') && !s.endsWith('\\|')) s = s.slice(0, -1);
  const cells: string[] = [];
  let cell = '';
  let inCode = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (c === '\\' && s[i + 1] === '|') {
      cell += '|';
      i++;
    } else if (c === '`') {
      inCode = !inCode;
      cell += c;
    } else if (c === '|' && !inCode) {
      cells.push(cell.trim());
      cell = '';
    } else cell += c;
  }
  cells.push(cell.trim());
  return cells;
}

const startsBlock = (line: string) => HEADING.test(line) || FENCE.test(line) || ANCHOR.test(line.trim()) || ITEM.test(line) || line.startsWith('|');

export function parseMarkdown(source: string): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const blocks: Block[] = [];
  const ids = new Map<string, number>();
  const uniqueId = (base: string) => {
    const n = ids.get(base) ?? 0;
    ids.set(base, n + 1);
    return n === 0 ? base : `${base}-${n}`;
  };
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.trim()) {
      i++;
      continue;
    }
    let m: RegExpMatchArray | null;
    if ((m = line.match(FENCE))) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !/^```\s*$/.test(lines[i]!)) body.push(lines[i++]!);
      i++;
      blocks.push({ kind: 'code', lang: m[1] ?? '', text: body.join('\n') });
      continue;
    }
    if ((m = line.trim().match(ANCHOR))) {
      ids.set(m[1]!, (ids.get(m[1]!) ?? 0) + 1);
      blocks.push({ kind: 'anchor', id: m[1]! });
      i++;
      continue;
    }
    if ((m = line.match(HEADING))) {
      const children = parseInline(m[2]!);
      blocks.push({ kind: 'heading', level: m[1]!.length, id: uniqueId(slug(plainText(children)) || 'section'), children });
      i++;
      continue;
    }
    if (line.trimStart().startsWith('|') && TABLE_RULE.test(lines[i + 1] ?? '')) {
      const header = splitRow(line).map(parseInline);
      const align = splitRow(lines[i + 1]!).map((c) =>
        c.startsWith(':') && c.endsWith(':') ? 'center' : c.endsWith(':') ? 'right' : c.startsWith(':') ? 'left' : null,
      );
      i += 2;
      const rows: Inline[][][] = [];
      while (i < lines.length && lines[i]!.trimStart().startsWith('|')) rows.push(splitRow(lines[i++]!).map(parseInline));
      blocks.push({ kind: 'table', header, align, rows });
      continue;
    }
    if ((m = line.match(ITEM))) {
      const ordered = m[2] !== undefined;
      const start = ordered ? Number(m[2]) : 1;
      const items: string[] = [];
      while (i < lines.length) {
        const l = lines[i]!;
        const item = l.match(ITEM);
        if (item && (item[2] !== undefined) === ordered) items.push(item[3]!);
        else if (l.trim() && /^\s/.test(l) && items.length) items[items.length - 1] += ` ${l.trim()}`;
        else break;
        i++;
      }
      blocks.push({ kind: 'list', ordered, start, items: items.map(parseInline) });
      continue;
    }
    const text: string[] = [line.trim()];
    i++;
    while (i < lines.length && lines[i]!.trim() && !startsBlock(lines[i]!)) text.push(lines[i++]!.trim());
    blocks.push({ kind: 'paragraph', children: parseInline(text.join(' ')) });
  }
  return blocks;
}

/** The index of the `)` that closes a link's address, counting the parentheses inside it, or -1. */
function closingParen(source: string, from: number): number {
  let depth = 0;
  for (let j = from; j < source.length; j++) {
    if (source[j] === '(') depth++;
    else if (source[j] === ')') {
      if (depth === 0) return j;
      depth--;
    }
  }
  return -1;
}

function parseInline(source: string): Inline[] {
  const out: Inline[] = [];
  const push = (text: string) => {
    const last = out[out.length - 1];
    if (last?.kind === 'text') last.text += text;
    else out.push({ kind: 'text', text });
  };
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === '\\' && i + 1 < source.length && /[\\`*_[\]()#|<>-]/.test(source[i + 1]!)) {
      push(source[i + 1]!);
      i += 2;
      continue;
    }
    if (c === '`') {
      const end = source.indexOf('`', i + 1);
      if (end > i) {
        out.push({ kind: 'code', text: source.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (source.startsWith('**', i)) {
      const end = source.indexOf('**', i + 2);
      if (end > i + 2) {
        out.push({ kind: 'strong', children: parseInline(source.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if (c === '*' && source[i + 1] !== ' ' && source[i + 1] !== '*') {
      const end = source.indexOf('*', i + 1);
      if (end > i + 1 && source[end - 1] !== ' ') {
        out.push({ kind: 'em', children: parseInline(source.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    if (c === '[') {
      const close = source.indexOf('](', i + 1);
      const end = close > i ? closingParen(source, close + 2) : -1;
      if (close > i && end > close && !source.slice(i + 1, close).includes('[')) {
        out.push({ kind: 'link', href: source.slice(close + 2, end).trim(), children: parseInline(source.slice(i + 1, close)) });
        i = end + 1;
        continue;
      }
    }
    push(c);
    i++;
  }
  return out;
}

export interface RenderOptions {
  /** Turns a relative link of the page (`scoring-methods.md#x`) into an in-app path, or null to show only its text. */
  resolve?: (href: string) => string | null;
  /** Draws an in-app link (the app passes its router's link, so following it does not reload the page). */
  internalLink?: (href: string, children: ComponentChildren) => VNode;
}

/** The address a link may keep, or null: http(s), an anchor of this page, or what `resolve` accepts (an in-app path). */
export function safeHref(href: string, resolve?: RenderOptions['resolve']): { href: string; internal: boolean } | null {
  if (/^https?:\/\/[^\s]+$/i.test(href)) return { href, internal: false };
  if (/^#[A-Za-z0-9_-]+$/.test(href)) return { href, internal: false };
  if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//')) return null;
  const path = resolve?.(href) ?? null;
  return path?.startsWith('/') && !path.startsWith('//') ? { href: path, internal: true } : null;
}

function inlineNodes(inlines: Inline[], opts: RenderOptions): ComponentChildren[] {
  return inlines.map((x) => {
    switch (x.kind) {
      case 'text':
        return x.text;
      case 'code':
        return h('code', null, x.text);
      case 'strong':
        return h('strong', null, ...inlineNodes(x.children, opts));
      case 'em':
        return h('em', null, ...inlineNodes(x.children, opts));
      case 'link': {
        const target = safeHref(x.href, opts.resolve);
        const children = inlineNodes(x.children, opts);
        if (!target) return h('span', null, ...children);
        if (target.internal && opts.internalLink) return opts.internalLink(target.href, children);
        return h('a', target.href.startsWith('http') ? { href: target.href, rel: 'noopener noreferrer' } : { href: target.href }, ...children);
      }
      default:
        return unreachable(x);
    }
  });
}

/** A switch over a closed union that the type checker proves complete. */
function unreachable(x: never): never {
  throw new Error(`Unexpected node ${JSON.stringify(x)}`);
}

export function renderBlocks(blocks: Block[], opts: RenderOptions = {}): ComponentChildren[] {
  return blocks.map((b, key) => {
    switch (b.kind) {
      case 'heading':
        return h(`h${b.level}`, { key, id: b.id, tabIndex: -1 }, ...inlineNodes(b.children, opts));
      case 'anchor':
        return h('span', { key, id: b.id, class: 'anchor', tabIndex: -1 });
      case 'paragraph':
        return h('p', { key }, ...inlineNodes(b.children, opts));
      case 'list':
        return h(
          b.ordered ? 'ol' : 'ul',
          { key, ...(b.ordered && b.start !== 1 ? { start: b.start } : {}) },
          ...b.items.map((item, j) => h('li', { key: j }, ...inlineNodes(item, opts))),
        );
      case 'code':
        return h('pre', { key }, h('code', null, b.text));
      case 'table':
        return h(
          'div',
          { key, class: 'scroll', tabIndex: 0 },
          h(
            'table',
            { class: 'dense' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                ...b.header.map((cell, j) =>
                  h('th', { key: j, scope: 'col', style: b.align[j] ? { textAlign: b.align[j] } : undefined }, ...inlineNodes(cell, opts)),
                ),
              ),
            ),
            h(
              'tbody',
              null,
              ...b.rows.map((row, r) =>
                h(
                  'tr',
                  { key: r },
                  ...row.map((cell, j) => h('td', { key: j, style: b.align[j] ? { textAlign: b.align[j] } : undefined }, ...inlineNodes(cell, opts))),
                ),
              ),
            ),
          ),
        );
      default:
        return unreachable(b);
    }
  });
}
