/** The benchmarks' load: `count` submitted proposals of Le Grenier solidaire on a call of the demo tenant, 50 at a time. */
import type { Db } from '../../functions/lib/db';
import { createProposal, submitProposalVersion } from '../../functions/proposals/repository';
import type { Proposal } from '../../shared/domain';

const content = {
  title: 'Projet de banc d’essai',
  summary: 'Résumé '.repeat(40),
  targetPopulation: 'Jeunes parents',
  activities: [{ title: 'Activité', description: 'Description '.repeat(20) }],
  budgetLines: [
    { label: 'Salaires', amount: 800_000 },
    { label: 'Matériel', amount: 200_000 },
  ],
  requested: 1_000_000,
  minimum: 600_000,
  durationYears: 1 as const,
  needIds: [],
};

/** Ids `bench-0000`, `bench-0001`, …; returns the seconds it took. */
export async function seedSubmittedProposals(db: Db, tenantId: string, callId: string, count: number, now: Date): Promise<number> {
  const stamp = { version: 1, createdAt: now.toISOString(), createdBy: 'bench', updatedAt: now.toISOString(), updatedBy: 'bench' };
  const t0 = Date.now();
  for (let batch = 0; batch < count; batch += 50) {
    await Promise.all(
      Array.from({ length: Math.min(50, count - batch) }, async (_, i) => {
        const id = `bench-${String(batch + i).padStart(4, '0')}`;
        const p: Proposal = {
          id,
          callId,
          organizationId: 'org-grenier',
          organizationName: 'Le Grenier solidaire',
          status: 'draft',
          draft: content,
          content: null,
          submittedVersions: 0,
          submittedAt: null,
          withdrawnAt: null,
          screening: null,
          ...stamp,
        };
        await createProposal(db, tenantId, p);
        await submitProposalVersion(
          db,
          tenantId,
          { ...p, status: 'submitted', content, submittedVersions: 1, submittedAt: now.toISOString() },
          { proposalId: id, number: 1, content, submittedAt: now.toISOString(), submittedBy: 'bench' },
          1,
          now,
        );
      }),
    );
  }
  return (Date.now() - t0) / 1000;
}
