/**
 * A method's name with its plain-words explanation and a link to the worked
 * example in the help pages. `Term` keeps the sentence behind a button (for
 * table headers and headings, where space is short): a tap, a click, Enter
 * or Space opens it, Escape closes it; nothing depends on hovering.
 * `TermNote` shows the sentence at once, beside a choice or a result.
 */
import type { ComponentChildren } from 'preact';
import { useId, useRef, useState } from 'preact/hooks';
import { METHOD_TERMS, helpHref, type TermId } from '../../../shared/method-terms';
import { loc, t } from '../lib/i18n';
import { Link } from './ui';
import './term.css';

function Explanation({ id }: { id: TermId }) {
  return (
    <>
      {loc(METHOD_TERMS[id].sentence)}{' '}
      <Link href={helpHref(id)}>
        {t('term.example')}
        <span class="sr-only"> : {loc(METHOD_TERMS[id].label)}</span>
      </Link>
    </>
  );
}

export function Term({ id, children }: { id: TermId; children?: ComponentChildren }) {
  const [open, setOpen] = useState(false);
  const noteId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const label = loc(METHOD_TERMS[id].label);
  return (
    // biome-ignore lint/a11y/noStaticElementInteractions: Escape from the open note or its button closes the note (by bubbling).
    <span
      class="term"
      data-term={id}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && open) {
          setOpen(false);
          button.current?.focus();
        }
      }}
    >
      {children ?? label}
      <button
        ref={button}
        type="button"
        class="term-toggle"
        aria-expanded={open}
        aria-controls={noteId}
        aria-label={t('term.what', { term: label })}
        onClick={() => setOpen(!open)}
      >
        ?
      </button>
      <span id={noteId} class="term-note" hidden={!open}>
        <Explanation id={id} />
      </span>
    </span>
  );
}

export function TermNote({ id }: { id: TermId }) {
  return (
    <p class="term-note" data-term-note={id}>
      <strong>{loc(METHOD_TERMS[id].label)} : </strong>
      <Explanation id={id} />
    </p>
  );
}
