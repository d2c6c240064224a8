/** An in-app link: the history router follows it without reloading the page (a modified click opens a tab as usual). */
import type { ComponentChildren } from 'preact';
import { navigate } from '../lib/router';

export function Link(props: { href: string; children: ComponentChildren; class?: string }) {
  return (
    <a
      href={props.href}
      class={props.class}
      onClick={(e) => {
        if (e.ctrlKey || e.metaKey || e.shiftKey) return;
        e.preventDefault();
        navigate(props.href);
      }}
    >
      {props.children}
    </a>
  );
}
