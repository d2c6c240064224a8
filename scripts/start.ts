/**
 * `npm start`: DynamoDB Local (data kept in .data/), the API, the development
 * sign-in and the web app on one address, with the demo tenant seeded on the
 * first start.
 */
import { createServer } from 'node:net';
import { startLocal } from '../functions/local/server';
import { DEMO_ACCOUNTS, DEMO_TENANT } from '../functions/local/demo';

const port = Number(process.env.PORT ?? 3000);

// A port already taken (often an Enveloppe still running) is said plainly, before anything starts.
const free = await new Promise<boolean>((resolve) => {
  const probe = createServer();
  probe.once('error', () => resolve(false));
  probe.listen(port, () => probe.close(() => resolve(true)));
});
if (!free) {
  console.error(
    `Le port ${port} est déjà utilisé (une autre instance d’Enveloppe est peut-être lancée). Arrêtez-la, ou choisissez un autre port : PORT=${port + 1} npm start\n` +
      `Port ${port} is already in use (perhaps another Enveloppe is running). Stop it, or pick another port: PORT=${port + 1} npm start`,
  );
  process.exit(1);
}

const runtime = await startLocal({ port, dataDir: '.data', webDist: 'web/dist', logLevel: 'info' });

const width = Math.max(...DEMO_ACCOUNTS.map((a) => a.name.length));
console.log(`
Enveloppe est prête : ${runtime.url}
${runtime.seeded ? 'Démo créée' : 'Démo existante'} : ${DEMO_TENANT.name} (données dans .data/)
Référence de l’API (OpenAPI) : ${runtime.url}/api/docs

Comptes de démonstration (choisissez-en un sur la page de connexion) :
${DEMO_ACCOUNTS.map((a) => `  ${a.name.padEnd(width)}  ${a.description.fr}`).join('\n')}

Ctrl+C pour arrêter.`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.log('\nArrêt…');
    void runtime.close().then(() => process.exit(0));
  });
}
