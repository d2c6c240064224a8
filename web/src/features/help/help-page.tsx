/**
 * The help pages: the worked examples of `docs/` rendered in the app, French
 * first (`docs/fr/`), English from the same files the repository reads. The
 * pages are bundled at build time; an address like `/aide/evaluation#recusal`
 * opens the page at that method, in either language.
 */
import { useEffect, useMemo } from 'preact/hooks';
import { HELP_TOPICS, METHOD_TERMS, helpHref, type HelpTopic, type TermId } from '../../../../shared/method-terms';
import type { Localized } from '../../../../shared/errors';
import { Link } from '../../components/ui';
import '../../components/term.css';
import { getLang, loc, t } from '../../lib/i18n';
import { parseMarkdown, plainText, renderBlocks, type RenderOptions } from '../../lib/markdown';
import prioritizationEn from '../../../../docs/prioritization-methods.md?raw';
import scoringEn from '../../../../docs/scoring-methods.md?raw';
import allocationEn from '../../../../docs/allocation-methods.md?raw';
import prioritizationFr from '../../../../docs/fr/prioritization-methods.md?raw';
import scoringFr from '../../../../docs/fr/scoring-methods.md?raw';
import allocationFr from '../../../../docs/fr/allocation-methods.md?raw';

const PAGES: Record<HelpTopic, Localized> = {
  priorisation: { fr: prioritizationFr, en: prioritizationEn },
  evaluation: { fr: scoringFr, en: scoringEn },
  repartition: { fr: allocationFr, en: allocationEn },
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
              {loc(METHOD_TERMS[id].sentence)} <Link href={helpHref(id)}>{t('term.example')}<span class="sr-only"> : {loc(METHOD_TERMS[id].label)}</span></Link>
            </dd>
          </div>
        ))}
      </dl>
    </section>
  );
}

export function HelpTopicPage({ topic }: { topic: string }) {
  const lang = getLang();
  const blocks = useMemo(() => (isTopic(topic) ? parseMarkdown(PAGES[topic][lang]) : null), [topic, lang]);
  useEffect(() => {
    // The router only changes the history: bring the anchor of the address into view ourselves.
    const id = decodeURIComponent(location.hash.slice(1));
    const target = id ? document.getElementById(id) : null;
    if (!target) return;
    target.scrollIntoView({ block: 'start' });
    target.focus({ preventScroll: true });
  }, [topic, lang]);
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
