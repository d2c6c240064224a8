/**
 * The API's interactive reference (Swagger UI), for developers on the local
 * server only: the Lambdas serve the document (/api/openapi.json) but not
 * this page. Swagger UI's files come from node_modules, since the browser may
 * have no internet, and the page has its own Content-Security-Policy: its
 * scripts, styles and requests from the API's origin only, no inline code.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';
import type { AppEnv, RouteModule } from '../lib/app';
import { allowOpen } from '../lib/auth';
import { responds } from '../lib/contract';

export const API_REFERENCE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const PAGE = `<!doctype html>
<html lang="fr">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>API Enveloppe — référence</title>
<link rel="stylesheet" href="/api/docs/swagger-ui.css">
</head>
<body>
<div id="swagger-ui"></div>
<script src="/api/docs/swagger-ui-bundle.js"></script>
<script src="/api/docs/start.js"></script>
</body>
</html>
`;

// No validator badge: it would call a server outside this one. A filter by tag: Swagger UI draws a long list as it is scrolled, so the browser's Find cannot reach what is not drawn yet. Past 150 tags and operations, Swagger UI (since
// 5.33) virtualizes the list: only the operations near the viewport are in the page, the others come as one scrolls.
const START = `window.ui = SwaggerUIBundle({ url: '/api/openapi.json', dom_id: '#swagger-ui', deepLinking: true, filter: true, validatorUrl: null });\n`;

const dist = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const asset = (name: string) => readFileSync(join(dist, name));

export const apiReferenceRoutes: RouteModule = () => {
  const css = asset('swagger-ui.css');
  const bundle = asset('swagger-ui-bundle.js');
  const summary = (what: string) => ({ summary: { fr: `La référence interactive de l’API (${what})`, en: `The API’s interactive reference (${what})` } });
  return new Hono<AppEnv>()
    .get('/docs', allowOpen(), responds({ 200: { contentType: 'text/html' } }, summary('page')), (c) =>
      c.html(PAGE, 200, { 'Content-Security-Policy': API_REFERENCE_CSP }),
    )
    .get('/docs/swagger-ui.css', allowOpen(), responds({ 200: { contentType: 'text/css' } }, summary('styles')), (c) =>
      c.body(css, 200, { 'Content-Type': 'text/css; charset=utf-8' }),
    )
    .get('/docs/swagger-ui-bundle.js', allowOpen(), responds({ 200: { contentType: 'text/javascript' } }, summary('Swagger UI')), (c) =>
      c.body(bundle, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
    )
    .get('/docs/start.js', allowOpen(), responds({ 200: { contentType: 'text/javascript' } }, summary('démarrage')), (c) =>
      c.body(START, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
    );
};
