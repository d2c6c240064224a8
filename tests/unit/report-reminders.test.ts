/**
 * The yearly reports' reminders, pure parts: which stage a report is at (30 days, 7 days, overdue, in Quebec
 * dates) and the `report-due` message in French and English, with the due date in Quebec format
 * (« à remettre au plus tard le 2026-06-30 ») and the report's page.
 */
import { describe, expect, it } from 'vitest';
import { quebecToday } from '../../functions/reports/reminders';
import { renderNotification, shouldSend, type NotificationMessage } from '../../shared/notifications';
import { addDays, daysUntil, reportReminderStage } from '../../shared/reports';

const APP = 'https://enveloppe.example.org';
const due = (stage: 30 | 7 | 'overdue'): NotificationMessage => ({
  kind: 'report-due',
  reportId: 'r-42',
  projectTitle: 'Halte-répit',
  fiscalYear: 2025,
  dueOn: '2026-06-30',
  stage,
});

describe('the reminder stage of an open report due on 2026-06-30', () => {
  it.each([
    ['2026-05-30', null],
    ['2026-05-31', 30],
    ['2026-06-22', 30],
    ['2026-06-23', 7],
    ['2026-06-29', 7],
    ['2026-06-30', 7],
    ['2026-07-01', 'overdue'],
    ['2027-01-15', 'overdue'],
  ] as const)('on %s: %s', (today, stage) => {
    expect(reportReminderStage('2026-06-30', today)).toBe(stage);
  });

  it('counts whole days in Quebec, across the months and the change of time', () => {
    expect(daysUntil('2026-06-30', '2026-05-31')).toBe(30);
    expect(daysUntil('2026-06-30', '2026-07-01')).toBe(-1);
    expect(addDays('2026-06-15', 30)).toBe('2026-07-15');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    // 23 h 30 on June 30 in Montreal is already July 1 in UTC: still June 30 in Quebec, still on time.
    expect(quebecToday(new Date('2026-07-01T03:30:00Z'))).toBe('2026-06-30');
    expect(quebecToday(new Date('2026-07-01T04:30:00Z'))).toBe('2026-07-01');
    expect(quebecToday(new Date('2026-01-15T04:30:00Z'))).toBe('2026-01-14');
  });
});

describe('the report-due message', () => {
  it('30 days before, in French: the year, the project, the due date in Quebec format, the report’s page', () => {
    const r = renderNotification(due(30), 'fr', 'Marie', APP);
    expect(r.subject).toBe('Rapport annuel 2025-2026 à remettre : Halte-répit');
    expect(r.body).toBe(
      [
        'Bonjour Marie,',
        '',
        'Le rapport annuel 2025-2026 du projet « Halte-répit » est à remettre au plus tard le 2026-06-30.',
        'Vous pouvez le remplir en plusieurs fois : il est enregistré à mesure que vous écrivez.',
        '',
        'Pour y accéder : https://enveloppe.example.org/rapports/r-42',
        '',
        '— Enveloppe',
      ].join('\n'),
    );
    expect(r.link).toBe('https://enveloppe.example.org/rapports/r-42');
  });

  it('30 days before, in English', () => {
    const r = renderNotification(due(30), 'en', 'Mary', APP);
    expect(r.subject).toBe('2025-2026 yearly report due: Halte-répit');
    expect(r.body).toContain('The 2025-2026 yearly report of the project “Halte-répit” is due by 2026-06-30.');
    expect(r.body).toContain('To open it: https://enveloppe.example.org/rapports/r-42');
  });

  it('7 days before, in both languages', () => {
    expect(renderNotification(due(7), 'fr', 'Marie', APP).subject).toBe('Plus qu’une semaine : rapport annuel 2025-2026 à remettre — Halte-répit');
    expect(renderNotification(due(7), 'en', 'Mary', APP).subject).toBe('One week left: 2025-2026 yearly report due — Halte-répit');
    expect(renderNotification(due(7), 'fr', 'Marie', APP).body).toContain('à remettre au plus tard le 2026-06-30.');
  });

  it('overdue, in both languages, pointing to the obstacle report when something stands in the way', () => {
    const fr = renderNotification(due('overdue'), 'fr', 'Marie', APP);
    expect(fr.subject).toBe('Rapport annuel en retard : Halte-répit');
    expect(fr.body).toContain('Le rapport annuel 2025-2026 du projet « Halte-répit » était à remettre au plus tard le 2026-06-30. Il n’est pas encore remis.');
    expect(fr.body).toContain('signalez un obstacle');
    const en = renderNotification(due('overdue'), 'en', 'Mary', APP);
    expect(en.subject).toBe('Yearly report overdue: Halte-répit');
    expect(en.body).toContain('was due by 2026-06-30. It is not submitted yet.');
  });

  it('is essential: sent even to a person who turned every optional message off', () => {
    expect(shouldSend('report-due', ['call-published', 'round-opened', 'adoption-vote-opened', 'deadline-soon'])).toBe(true);
  });
});
