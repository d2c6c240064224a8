/**
 * The help pages' Markdown reader (web/src/lib/markdown.ts) and the glossary
 * of methods (shared/method-terms.ts): what a page holds is shown as text and
 * never run, links keep only safe addresses, and every term's link lands on
 * an anchor that exists in both languages' pages.
 */
import { readFileSync } from 'node:fs';
import type { VNode } from 'preact';
import { describe, expect, it } from 'vitest';
import { HELP_TOPICS, METHOD_TERMS, helpHref, type TermId } from '../../shared/method-terms';
import { parseMarkdown, renderBlocks, safeHref, slug, type Block } from '../../web/src/lib/markdown';

interface Seen {
  types: string[];
  text: string;
  props: Record<string, unknown>[];
}

/** Walks the Preact elements as Preact would render them: element types, their props, and the text nodes. */
function walk(nodes: unknown, seen: Seen = { types: [], text: '', props: [] }): Seen {
  if (nodes === null || nodes === undefined || typeof nodes === 'boolean') return seen;
  if (typeof nodes === 'string' || typeof nodes === 'number') {
    seen.text += String(nodes);
    return seen;
  }
  if (Array.isArray(nodes)) {
    for (const n of nodes) walk(n, seen);
    return seen;
  }
  const v = nodes as VNode<Record<string, unknown>>;
  seen.types.push(String(v.type));
  seen.props.push(v.props);
  walk(v.props.children, seen);
  return seen;
}

const render = (md: string, resolve?: (href: string) => string | null) => walk(renderBlocks(parseMarkdown(md), resolve ? { resolve } : {}));

describe('help pages: Markdown reader', () => {
  it('shows a <script> in a page as text, in every kind of block, and never as an element or raw HTML', () => {
    const payload = '<script>alert(1)</script>';
    const img = '<img src=x onerror=alert(2)>';
    const md = [
      `# Title ${payload}`,
      '',
      `A paragraph ${payload} and ${img} and **bold ${payload}** and *${img}*.`,
      '',
      `- item ${payload}`,
      `1. step ${img}`,
      '',
      `| a ${payload} | b |`,
      '|---|---|',
      `| ${img} | \`${payload}\` |`,
      '',
      '```',
      payload,
      '```',
      '',
      `<div onclick="x()">${payload}</div>`,
      `[link ${payload}](https://example.org)`,
    ].join('\n');
    const seen = render(md);
    expect(seen.types).not.toContain('script');
    expect(seen.types).not.toContain('img');
    // Only the table's scroll frame is a div: the <div onclick> line is text.
    expect(seen.types.filter((t) => t === 'div')).toHaveLength(1);
    for (const p of seen.props) {
      expect(p).not.toHaveProperty('dangerouslySetInnerHTML');
      expect(Object.keys(p).filter((k) => /^on/i.test(k))).toEqual([]);
    }
    expect(seen.text.split(payload).length - 1).toBe(9);
    expect(seen.text.split(img).length - 1).toBe(4);
    expect(seen.text).toContain(`<div onclick="x()">${payload}</div>`);
  });

  it('keeps a link only when its address is http(s), an anchor of the page, or a page the app knows', () => {
    const resolve = (href: string) => (href === 'scoring-methods.md#recusal' ? '/aide/evaluation#recusal' : null);
    const hrefs = (md: string) =>
      render(md, resolve)
        .props.filter((p) => 'href' in p)
        .map((p) => p.href);
    expect(hrefs('[a](javascript:alert(1)) [b](JAVASCRIPT:alert(1)) [c](data:text/html,x) [d](vbscript:x) [e](//evil.example/x)')).toEqual([]);
    expect(render('[click me](javascript:alert(1))').text).toBe('click me');
    expect(hrefs('[a](https://example.org/x) [b](#schulze) [c](scoring-methods.md#recusal) [d](../shared/METHODS.md)')).toEqual([
      'https://example.org/x',
      '#schulze',
      '/aide/evaluation#recusal',
    ]);
    expect(safeHref('/aide', () => '//evil.example')).toBeNull();
  });

  it('reads the subset the docs use: headings with ids, anchors, lists that continue, tables, code, emphasis', () => {
    const blocks = parseMarkdown(
      [
        '## Règle d’agrégation',
        '<a id="mes"></a>',
        '',
        '1. first line',
        '   goes on',
        '2. second with `co*de*` and *em* and **strong**',
        '',
        '| x | y |',
        '|---|--:|',
        '| 1 | 2 |',
        '## Règle d’agrégation',
      ].join('\n'),
    );
    expect(blocks.map((b) => b.kind)).toEqual(['heading', 'anchor', 'list', 'table', 'heading']);
    expect((blocks[0] as Extract<Block, { kind: 'heading' }>).id).toBe('regle-dagregation');
    expect((blocks[4] as Extract<Block, { kind: 'heading' }>).id).toBe('regle-dagregation-1');
    const list = blocks[2] as Extract<Block, { kind: 'list' }>;
    expect(list.items).toHaveLength(2);
    expect(list.items[0]).toEqual([{ kind: 'text', text: 'first line goes on' }]);
    expect(list.items[1]!.map((i) => i.kind)).toEqual(['text', 'code', 'text', 'em', 'text', 'strong']);
    const table = blocks[3] as Extract<Block, { kind: 'table' }>;
    expect(table.align).toEqual([null, 'right']);
    expect(table.rows).toEqual([[[{ kind: 'text', text: '1' }], [{ kind: 'text', text: '2' }]]]);
    expect(slug('Schulze (la méthode qui décide l’ordre)')).toBe('schulze-la-methode-qui-decide-lordre');
  });

  it('renders the worked Schulze example of both languages as tables, with E first', () => {
    for (const file of ['docs/prioritization-methods.md', 'docs/fr/prioritization-methods.md']) {
      const blocks = parseMarkdown(readFileSync(file, 'utf8'));
      const matrices = blocks.filter((b): b is Extract<Block, { kind: 'table' }> => b.kind === 'table' && b.header.length === 6);
      expect(matrices.length, file).toBe(2);
      expect(matrices[0]!.rows.map((r) => (r[0]![0] as { text: string }).text)).toEqual(['A', 'B', 'C', 'D', 'E']);
      expect(render(readFileSync(file, 'utf8')).text).toContain('E > A > C > B > D');
    }
  });
});

describe('glossary of methods', () => {
  const anchorsOf = (path: string) => parseMarkdown(readFileSync(path, 'utf8')).flatMap((b) => (b.kind === 'anchor' ? [b.id] : []));

  it('links every term to an anchor that exists in the French and in the English help page', () => {
    for (const [id, term] of Object.entries(METHOD_TERMS)) {
      const file = HELP_TOPICS[term.topic].file;
      expect(anchorsOf(`docs/${file}`), `${id} in docs/${file}`).toContain(term.anchor);
      expect(anchorsOf(`docs/fr/${file}`), `${id} in docs/fr/${file}`).toContain(term.anchor);
      expect(helpHref(id as TermId)).toBe(`/aide/${term.topic}#${term.anchor}`);
    }
  });

  it('gives each term one sentence in each language', () => {
    for (const [id, term] of Object.entries(METHOD_TERMS)) {
      for (const lang of ['fr', 'en'] as const) {
        const s = term.sentence[lang];
        expect(s.length, `${id} ${lang}`).toBeGreaterThan(40);
        // One sentence: a single final period, none inside (decimals like 7,50 or 7.50 aside).
        expect(s.replace(/\d\.\d/g, '').replace(/\.$/, ''), `${id} ${lang}`).not.toMatch(/[.!?](\s|$)/);
      }
    }
  });
});
