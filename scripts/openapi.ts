/** Writes docs/openapi.json from the route modules (`npm run openapi`); a unit test fails when it is not current. */
import { writeFileSync } from 'node:fs';
import { CONTEXTS } from '../functions/contexts';
import { openApiDocument, serializeOpenApi } from '../functions/lib/openapi';
import pkg from '../package.json' with { type: 'json' };

const target = new URL('../docs/openapi.json', import.meta.url);
writeFileSync(target, serializeOpenApi(openApiDocument(CONTEXTS, pkg.version)));
console.log(`docs/openapi.json written`);
