/** Envelopes (enveloppes budgétaires): a manager opens one per program and fiscal year. */
import { Hono } from 'hono';
import { responds } from '../lib/contract';
import { envelopeSchema } from '../../shared/schemas/responses/envelopes';
import { page } from '../../shared/schemas/responses/common';
import { pageQuery } from '../../shared/schemas/common';
import { createEnvelopeSchema, updateEnvelopeSchema } from '../../shared/schemas/envelope';
import { allow } from '../lib/auth';
import { created, jsonBody, queryParams, updated, type AppEnv, type Deps } from '../lib/app';
import { createEnvelope, getEnvelopeById, listEnvelopesOfTenant, updateEnvelopeFigures } from './repository';

export const envelopeRoutes = (deps: Deps) =>
  new Hono<AppEnv>()
    .get(
      '/t/:tenantId/envelopes',
      allow('envelope:read'),
      responds({ 200: page(envelopeSchema) }, { summary: { fr: 'Lister les enveloppes', en: 'List the envelopes' } }),
      queryParams(pageQuery),
      async (c) => {
        const page = c.req.valid('query');
        return c.json(await listEnvelopesOfTenant(deps.db, c.get('member').tenantId, page));
      },
    )
    .post(
      '/t/:tenantId/envelopes',
      allow('envelope:write'),
      responds({ 201: envelopeSchema }, { summary: { fr: 'Ouvrir une enveloppe', en: 'Open an envelope' } }),
      jsonBody(createEnvelopeSchema),
      async (c) => {
        const member = c.get('member');
        const input = c.req.valid('json');
        const envelope = await createEnvelope(deps.db, member.tenantId, {
          ...input,
          carryOver: input.carryOver ?? null,
          id: deps.newId(),
          ...created(deps, member),
        });
        return c.json(envelope, 201);
      },
    )
    .get(
      '/t/:tenantId/envelopes/:envelopeId',
      allow('envelope:read'),
      responds({ 200: envelopeSchema }, { summary: { fr: 'Lire une enveloppe et son calcul', en: 'Read an envelope and its arithmetic' } }),
      async (c) => {
        return c.json(await getEnvelopeById(deps.db, c.get('member').tenantId, c.req.param('envelopeId')));
      },
    )
    .put(
      '/t/:tenantId/envelopes/:envelopeId',
      allow('envelope:write'),
      responds({ 200: envelopeSchema }, { summary: { fr: 'Modifier les chiffres d’une enveloppe', en: 'Change an envelope’s figures' } }),
      jsonBody(updateEnvelopeSchema),
      async (c) => {
        const member = c.get('member');
        const { version, ...input } = c.req.valid('json');
        const current = await getEnvelopeById(deps.db, member.tenantId, c.req.param('envelopeId'));
        const { computation: _derived, committed: _c, remaining: _r, ...stored } = current;
        // Refused (409, with both figures) when the new amount available is below what the envelope's calls commit.
        const saved = await updateEnvelopeFigures(
          deps.db,
          member.tenantId,
          { ...stored, ...input, carryOver: input.carryOver ?? null, fiscalYear: current.fiscalYear, ...updated(deps, member), version },
          version,
        );
        return c.json(saved);
      },
    );

/** The routes' types, for the web app's typed client (web/src/lib/client.ts). */
export type EnvelopesApi = ReturnType<typeof envelopeRoutes>;
