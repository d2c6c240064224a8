/**
 * The web app reaches the API only through the typed client (web/src/lib/client.ts), whose paths come from
 * the route modules' types: a URL written by hand in a screen escapes the type check, so a route that moves
 * or changes would break that screen only at run time. No file under web/src but the client holds an API
 * address ('/api/' in a string, a template literal or JSX text; comments do not count).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
const WEB = join(ROOT, 'web/src');
const CLIENT = 'web/src/lib/client.ts';

/**
 * The API addresses a source file spells out. esbuild drops the comments (and keeps every literal), so an
 * '/api/' left in its output is inside a string, a template literal, JSX text or a regular expression.
 */
function apiUrlStrings(source: string, loader: 'ts' | 'tsx'): string[] {
  const { code } = transformSync(source, { loader, jsx: 'preserve', legalComments: 'none', format: 'esm' });
  return code.split('\n').filter((line) => line.includes('/api/'));
}

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

describe('web app: no API URL outside the typed client', () => {
  it('finds an address in a string or a template literal, not in a comment', () => {
    expect(apiUrlStrings("const a = get('/api/me'); // '/api/me' once more\n", 'ts')).toHaveLength(1);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the source of a template literal, given as text to the checker.
    expect(apiUrlStrings('const b = (t: string) => `/api/t/${t}/calls`;\n', 'ts')).toHaveLength(1);
    expect(apiUrlStrings('/** Calls `/api/t/<tenant>/calls` through the client. */\nexport const c = 1;\n', 'ts')).toEqual([]);
    expect(apiUrlStrings('export const D = () => <a href="/api/t/x/export.csv">CSV</a>;\n', 'tsx')).toHaveLength(1);
  });

  it('every file under web/src but the client reaches the API through it', () => {
    const checked = sources(WEB)
      .map((path) => relative(ROOT, path).split('\\').join('/'))
      .filter((file) => file !== CLIENT);
    expect(checked.length).toBeGreaterThan(20);
    const found = checked.flatMap((file) =>
      apiUrlStrings(readFileSync(join(ROOT, file), 'utf8'), file.endsWith('.tsx') ? 'tsx' : 'ts').map((line) => `${file}: ${line.trim()}`),
    );
    expect(found).toEqual([]);
  });
});
