/**
 * The help pages: the worked examples of `docs/` rendered in the app, French
 * first (`docs/fr/`), English from the same files the repository reads. The
 * pages are bundled at build time, each its own chunk loaded on the first
 * visit; an address like `/aide/evaluation#recusal`
 * opens the page at that method, in either language.
 */
import { useEffect, useMemo } from 'preact/hooks';
import { HELP_TOPICS, METHOD_TERMS, helpHref, type HelpTopic, type TermId } from '../../../../shared/method-terms';
import type { Lang } from '../../../../shared/errors';
import { Link, Loading, useResource } from '../../components/ui';
import '../../components/term.css';
import { getLang, loc, t } from '../../lib/i18n';
import { parseMarkdown, plainText, renderBlocks, type RenderOptions } from '../../lib/markdown';

// Loaded on the first visit to a help page, so that the pages do not weigh on every other screen.
const PAGES: Record<HelpTopic, Record<Lang, () => Promise<{ default: string }>>> = {
  priorisation: { fr: () => import('../../../../docs/fr/prioritization-methods.md?raw'), en: () => import('../../../../docs/prioritization-methods.md?raw') },
  evaluation: { fr: () => import('../../../../docs/fr/scoring-methods.md?raw'), en: () => import('../../../../docs/scoring-methods.md?raw') },
  repartition: { fr: () => import('../../../../docs/fr/allocation-methods.md?raw'), en: () => import('../../../../docs/allocation-methods.md?raw') },
};

const isTopic = (s: string): s is HelpTopic => Object.hasOwn(HELP_TOPICS, s);

/** A link between the docs (`scoring-methods.md#x`, `../allocation-methods.md`) becomes the help page's address; any other relative link stays text. */
function resolve(href: string): string | null {
  const [file = '', hash] = href.split('#');
  const name = file.split('/').pop();
  const topic = (Object.keys(HELP_TOPICS) as HelpTopic[]).find((k) => HELP_TOPICS[k].file === name);
  if (!topic) return null;
  return hash && /^[\w-]+$/.test(hash) ? `/aide/${topic}#${hash}` : `/aide/${topic}`;
}

const options: RenderOptions = { resolve, internalLink: (href, children) => <Link href={href}>{children}</Link> };

export function HelpIndex() {
  return (
    <section class="help-page">
      <h1>{t('help.title')}</h1>
      <p>{t('help.intro')}</p>
      <ul>
        {(Object.keys(HELP_TOPICS) as HelpTopic[]).map((k) => (
          <li key={k}>
            <Link href={`/aide/${k}`}>{loc(HELP_TOPICS[k].title)}</Link>
          </li>
        ))}
      </ul>
      <h2>{t('help.terms')}</h2>
      <dl class="terms">
        {(Object.keys(METHOD_TERMS) as TermId[]).map((id) => (
          <div key={id}>
            <dt>{loc(METHOD_TERMS[id].label)}</dt>
            <dd>
              {loc(METHOD_TERMS[id].sentence)}{' '}
              <Link href={helpHref(id)}>
                {t('term.example')}
                <span class="sr-only"> : {loc(METHOD_TERMS[id].label)}</span>
              </Link>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function HelpTopicPage({ topic }: { topic: string }) {
  const lang = getLang();
  const known = isTopic(topic);
  const source = useResource(() => (known ? PAGES[topic][lang]().then((m) => m.default) : Promise.resolve(null)), [topic, lang]);
  const blocks = useMemo(() => (source.data ? parseMarkdown(source.data) : null), [source.data]);
  useEffect(() => {
    // The router only changes the history: bring the anchor of the address into view once the page is there.
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id ? document.getElementById(id) : null;
    if (!target) return;
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  }, [blocks]);
  if (known && !blocks) return <Loading error={source.error} />;
  if (!blocks) {
    return (
      <section>
        <p role="alert">{t('help.unknown')}</p>
        <p>
          <Link href="/aide">{t('nav.help')}</Link>
        </p>
      </section>
    );
  }
  const sections = blocks.flatMap((b) => (b.kind === 'heading' && b.level === 2 ? [b] : []));
  return (
    <section class="help-page" data-testid="help-page">
      <p class="muted">
        <Link href="/aide">{t('nav.help')}</Link>
      </p>
      {renderBlocks(blocks.slice(0, 1), options)}
      <nav aria-label={t('help.contents')}>
        <ul>
          {sections.map((h) => (
            <li key={h.id}>
              <a href={`#${h.id}`}>{plainText(h.children)}</a>
            </li>
          ))}
        </ul>
      </nav>
      {renderBlocks(blocks.slice(1), options)}
    </section>
  );
}
