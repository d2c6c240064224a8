/**
 * The one confirmation before an irreversible action (publishing a call, locking a grid, closing a vote,
 * withdrawing a proposal): a modal `<dialog>` that says what will happen and what cannot be undone, with
 * the action's own name on its button. The browser's `showModal()` keeps focus inside it and closes it on
 * Escape (a refusal); focus goes back to the button that asked.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../lib/i18n';

export interface Confirmation {
  /** The question, e.g. "Publier l’appel?" */
  title: string;
  /** What happens, and what cannot be undone. */
  body: string;
  /** The action's name on the confirming button, e.g. "Publier l’appel". */
  confirm: string;
  /** A red button, for actions that take something away (withdrawing, closing). */
  danger?: boolean;
  /** The name of the button that changes nothing, when "Annuler" would read like the action (cancelling an invitation). */
  keep?: string;
}

interface Pending extends Confirmation {
  resolve: (ok: boolean) => void;
}

let show: ((p: Pending) => void) | null = null;

/** Asks the person to confirm; resolves true only when they press the action's button. */
export function confirmAction(c: Confirmation): Promise<boolean> {
  return new Promise((resolve) => {
    if (!show) throw new Error('confirmAction needs <ConfirmHost /> in the page');
    show({ ...c, resolve });
  });
}

/** Mounted once by the app shell: shows the confirmations asked by any screen. */
export function ConfirmHost() {
  const [pending, setPending] = useState<Pending | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  useEffect(() => {
    show = (p) => {
      opener.current = document.activeElement as HTMLElement | null;
      setPending(p);
    };
    return () => {
      show = null;
    };
  }, []);
  useEffect(() => {
    if (pending && !dialog.current!.open) dialog.current!.showModal();
  }, [pending]);

  function answer(ok: boolean) {
    if (!pending) return;
    pending.resolve(ok);
    setPending(null);
    if (dialog.current?.open) dialog.current.close();
    opener.current?.focus();
  }

  return (
    <dialog
      ref={dialog}
      class="confirm"
      aria-labelledby="confirm-title"
      aria-describedby="confirm-body"
      onCancel={(e) => {
        e.preventDefault();
        answer(false);
      }}
    >
      {pending && (
        <>
          <h2 id="confirm-title">{pending.title}</h2>
          <p id="confirm-body">{pending.body}</p>
          <div class="actions">
            <button type="button" class={pending.danger ? 'danger' : ''} onClick={() => answer(true)}>
              {pending.confirm}
            </button>
            {/* biome-ignore lint/a11y/noAutofocus: a confirmation dialog puts focus on its safe choice (WAI-ARIA dialog pattern). */}
            <button type="button" class="secondary" autoFocus onClick={() => answer(false)}>
              {pending.keep ?? t('confirm.cancel')}
            </button>
          </div>
        </>
      )}
    </dialog>
  );
}
