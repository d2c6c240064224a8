/**
 * The local outbox at /dev/outbox: the messages the platform would have
 * emailed, newest first, as one plain page (French first, English below each
 * heading). Served by the local server only, under its /dev/ policy (no script).
 * `?to=<email>` shows only the messages to that address (the newest 1,000 read).
 */
import { Hono } from 'hono';
import type { Db } from '../lib/db';
import { formatDateTime } from '../../shared/dates';
import { readOutbox, type OutboxMessage } from '../lib/notify';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

function row(m: OutboxMessage): string {
  return `<article><h2>${escapeHtml(m.subject)}</h2><dl><dt>À <span lang="en">(to)</span></dt><dd>${escapeHtml(m.to)}</dd><dt>Envoyé <span lang="en">(sent)</span></dt><dd><time datetime="${escapeHtml(m.at)}">${escapeHtml(formatDateTime(m.at, 'fr'))}</time></dd><dt>Langue <span lang="en">(language)</span></dt><dd>${m.lang === 'en' ? 'anglais' : 'français'}</dd></dl><pre>${escapeHtml(m.body)}</pre></article>`;
}

function outboxPage(messages: OutboxMessage[]): string {
  const list = messages.length ? messages.map(row).join('') : '<p>Aucun message pour l’instant. <span lang="en">No message yet.</span></p>';
  return `<!doctype html><html lang="fr-CA"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Boîte d’envoi locale · Enveloppe</title>
<style>body{font:16px/1.5 system-ui,sans-serif;max-width:48rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}article{border-top:1px solid #8a8a8a;padding:.5rem 0}h2{font-size:1.1rem;margin:.5rem 0}dl{display:grid;grid-template-columns:auto 1fr;gap:0 1rem;margin:0}dt{color:#4a4a4a}dd{margin:0}pre{white-space:pre-wrap;font:inherit;background:#f4f4f4;padding:.75rem;border-radius:.25rem}span[lang]{color:#4a4a4a}</style></head>
<body><main><h1>Boîte d’envoi locale <span lang="en">(local outbox)</span></h1><p>Les courriels qu’Enveloppe enverrait, du plus récent au plus ancien. En AWS, ils partent par Amazon SES. <span lang="en">The emails Enveloppe would send, newest first. In AWS they go out through Amazon SES.</span></p>${list}</main></body></html>`;
}

export function outboxRoutes(db: Db) {
  return new Hono().get('/dev/outbox', async (c) => {
    const to = c.req.query('to')?.trim().toLowerCase();
    const messages = to ? (await readOutbox(db, 1000)).filter((m) => m.to.toLowerCase() === to) : await readOutbox(db);
    return c.html(outboxPage(messages));
  });
}
