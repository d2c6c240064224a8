/** Stores reports as the reports context writes them (reportPut: the item with its gsi1/gsi2 index attributes), and a program's template. */
import { transact, type Db } from '../../functions/lib/db';
import { programTemplate } from '../../functions/reports/templates';
import { reportPut } from '../../functions/reports/repository';
import { AlreadyExistsError } from '../../shared/errors';
import type { Report } from '../../shared/reports';

export async function putReports(db: Db, t: string, reports: readonly Report[]): Promise<void> {
  for (let i = 0; i < reports.length; i += 100) {
    const chunk = reports.slice(i, i + 100);
    await transact(
      db,
      chunk.map((r) => reportPut(db, t, r)),
      () => new AlreadyExistsError({ fr: 'Un rapport', en: 'A report' }),
    );
  }
}

/** The program's template (the default, version 1), as the first report of the program creates it. */
export const ensureTemplate = (db: Db, t: string, program: string) => programTemplate(db, t, program, { at: '2026-01-01T00:00:00.000Z', by: 'seed' });
