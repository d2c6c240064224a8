/**
 * The messages the platform sends people (issue 12): their kinds, which ones a
 * person may turn off, and each one's subject and body in French and English,
 * built by pure functions from typed data. Amounts and dates follow Quebec
 * usage (money.ts, dates.ts); every message ends with the link to its page in
 * the web app.
 */
import { fiscalYearLabel } from './agreements';
import { formatDateTime } from './dates';
import type { Lang } from './errors';
import { formatMoney } from './money';

/**
 * Sent whatever the person's preferences: they ask something of them or tell them a decision about them.
 * `report-due` (issue 15) is essential, all three stages of it, unlike `deadline-soon`: a call, a round or a vote
 * is an opportunity a person may let go, while the yearly report is a duty of the agreement the organization
 * signed (seed 003: the funder's only view of the project). It comes at most three times a year per report
 * (30 days, 7 days, overdue), never while the report is submitted, so it is never noise worth turning off; and
 * one kind with its stage keeps a single line in the preferences rather than two that would be read as one.
 */
export const ESSENTIAL_KINDS = [
  'invitation',
  'revision-asked',
  'outcome-decided',
  'claim-decided',
  'agreement-sent',
  'report-due',
  'report-reopened',
  'obstacle-reported',
  'obstacle-answered',
] as const;
/** The kinds a person may turn off. */
export const OPTIONAL_KINDS = ['call-published', 'round-opened', 'adoption-vote-opened', 'deadline-soon'] as const;
export type OptionalKind = (typeof OPTIONAL_KINDS)[number];
export type NotificationKind = (typeof ESSENTIAL_KINDS)[number] | OptionalKind;

const ESSENTIAL: ReadonlySet<NotificationKind> = new Set(ESSENTIAL_KINDS);

/** The data of each kind of message: what the event knows, never a sentence. */
export type NotificationMessage =
  /** `token`: the invitation link's token, the message then points to its page (`/invitation/<token>`). */
  /** `roles`: the roles offered, in both languages (ROLE_LABELS), so the person knows what is asked of them. */
  | { kind: 'invitation'; tenantName: string; inviterName: string; token?: string; roles?: { fr: string; en: string }[] }
  | { kind: 'call-published'; callId: string; callTitle: string; closesAt: string }
  | { kind: 'round-opened'; studyId: string; roundId: string; studyTitle: string; closesAt: string }
  | { kind: 'revision-asked'; callId: string; callTitle: string; proposalTitle: string; dueAt: string }
  /** The table's vote on its recommendation for a call is open: its voters may vote until `closesAt`. */
  | { kind: 'adoption-vote-opened'; callId: string; callTitle: string; closesAt: string }
  | {
      kind: 'deadline-soon';
      /** What closes: a call's submissions, a round's ballots, the members' approval vote on a call, or the answer to a revision request. */
      what: 'call' | 'round' | 'vote' | 'revision';
      title: string;
      closesAt: string;
      callId?: string;
      studyId?: string;
      roundId?: string;
    }
  | { kind: 'outcome-decided'; callId: string; proposalId: string; callTitle: string; proposalTitle: string; grantedCents: number | null }
  /** The manager approved (and paid) or refused an organization's claim on its agreement (periodic billing). */
  | {
      kind: 'claim-decided';
      agreementId: string;
      agreementTitle: string;
      periodStart: string;
      periodEnd: string;
      cents: number;
      approved: boolean;
      /** The refusal's reason; empty when approved. */
      reason: string;
    }
  /** A service agreement (or an amendment of one, `amendment` its number) is sent to the organization to review and sign. */
  | { kind: 'agreement-sent'; agreementId: string; projectTitle: string; institutionName: string; amountCents: number; amendment: number | null }
  /**
   * A yearly report still open (not submitted): 30 days before its due date (`dueOn`, a date), 7 days before,
   * and once overdue. Sent to the organization's representatives by the scheduled reminders.
   */
  | { kind: 'report-due'; reportId: string; projectTitle: string; fiscalYear: number; dueOn: string; stage: 30 | 7 | 'overdue' }
  /** The manager reopened a submitted yearly report, with a reason: the organization corrects it and submits it again. */
  | { kind: 'report-reopened'; reportId: string; projectTitle: string; fiscalYear: number; reason: string }
  /** An organization filed an obstacle report: the managers answer it (what was done or decided). Never its text: the message says where to read it. */
  | { kind: 'obstacle-reported'; reportId: string; organizationName: string; projectTitle: string }
  /** The funder answered an organization's obstacle report. */
  | { kind: 'obstacle-answered'; reportId: string; projectTitle: string };

export interface RenderedMessage {
  subject: string;
  body: string;
  /** The page of the web app the message points to (absolute address). */
  link: string;
}

/** True when the message goes out for a person who turned off `optOut`. */
export function shouldSend(kind: NotificationKind, optOut: readonly string[] = []): boolean {
  return ESSENTIAL.has(kind) || !optOut.includes(kind);
}

/** The page of the web app a message points to, as a path. */
function linkPath(m: NotificationMessage): string {
  switch (m.kind) {
    case 'invitation':
      return m.token ? `/invitation/${m.token}` : '/';
    case 'call-published':
      return `/appels/${m.callId}`;
    case 'round-opened':
      return `/besoins/${m.studyId}/tours/${m.roundId}`;
    case 'revision-asked':
      return '/mes-projets';
    case 'adoption-vote-opened':
      return `/appels/${m.callId}/recommandation/vote`;
    case 'deadline-soon':
      if (m.what === 'call' && m.callId) return `/appels/${m.callId}`;
      if (m.what === 'round' && m.studyId && m.roundId) return `/besoins/${m.studyId}/tours/${m.roundId}`;
      if (m.what === 'vote' && m.callId) return `/appels/${m.callId}/vote`;
      return m.what === 'revision' ? '/mes-projets' : '/';
    case 'outcome-decided':
      return `/appels/${m.callId}/projets/${m.proposalId}`;
    case 'claim-decided':
      return `/ententes/${m.agreementId}/versements`;
    case 'agreement-sent':
      return `/mes-ententes/${m.agreementId}`;
    case 'report-due':
      return `/rapports/${m.reportId}`;
    case 'report-reopened':
      return `/rapports/${m.reportId}`;
    case 'obstacle-reported':
      return '/rapports-recus';
    case 'obstacle-answered':
      return '/rapports';
  }
}

function lines(lang: Lang, greetingName: string, paragraphs: string[], link: string): string {
  const hello = lang === 'fr' ? `Bonjour ${greetingName},` : `Hello ${greetingName},`;
  const open = lang === 'fr' ? `Pour y accéder : ${link}` : `To open it: ${link}`;
  const sign = lang === 'fr' ? '— Enveloppe' : '— Enveloppe';
  // An English time ends with its own period (`5:00 p.m.`): the sentence takes no second one.
  return [hello, '', ...paragraphs.map((p) => p.replace(/\.\.$/, '.')), '', open, '', sign].join('\n');
}

const WHAT_CLOSES: Record<'call' | 'round' | 'vote' | 'revision', Record<Lang, string>> = {
  call: { fr: 'L’appel de projets', en: 'The call for projects' },
  round: { fr: 'Le tour de priorisation', en: 'The prioritization round' },
  vote: { fr: 'Le vote des membres sur les projets de l’appel', en: 'The members’ vote on the projects of the call' },
  revision: { fr: 'La révision demandée pour', en: 'The revision asked for' },
};

/**
 * The message in the person's language. `appUrl` is the web app's address
 * (no trailing slash needed); `name` the person's name, for the greeting.
 */
export function renderNotification(m: NotificationMessage, lang: Lang, name: string, appUrl: string): RenderedMessage {
  const link = `${appUrl.replace(/\/+$/, '')}${linkPath(m)}`;
  const fr = lang === 'fr';
  const when = (iso: string) => formatDateTime(iso, lang);
  let subject: string;
  let paragraphs: string[];
  switch (m.kind) {
    case 'invitation':
      subject = fr ? `Invitation à rejoindre ${m.tenantName} dans Enveloppe` : `Invitation to join ${m.tenantName} in Enveloppe`;
      paragraphs = fr
        ? [
            m.roles?.length
              ? `${m.inviterName} vous invite à rejoindre ${m.tenantName} dans Enveloppe, avec ${m.roles.length > 1 ? 'les rôles' : 'le rôle'} : ${m.roles.map((r) => r.fr).join(', ')}.`
              : `${m.inviterName} vous invite à rejoindre ${m.tenantName} dans Enveloppe.`,
            m.token ? 'Connectez-vous pour accepter l’invitation. Le lien est valable 7 jours.' : 'Connectez-vous pour accepter l’invitation.',
          ]
        : [
            m.roles?.length
              ? `${m.inviterName} invites you to join ${m.tenantName} in Enveloppe, as ${m.roles.map((r) => r.en).join(', ')}.`
              : `${m.inviterName} invites you to join ${m.tenantName} in Enveloppe.`,
            m.token ? 'Sign in to accept the invitation. The link is valid for 7 days.' : 'Sign in to accept the invitation.',
          ];
      break;
    case 'call-published':
      subject = fr ? `Nouvel appel de projets : ${m.callTitle}` : `New call for projects: ${m.callTitle}`;
      paragraphs = fr
        ? [`L’appel de projets « ${m.callTitle} » est publié.`, `Vous pouvez déposer un projet jusqu’au ${when(m.closesAt)}.`]
        : [`The call for projects “${m.callTitle}” is published.`, `You can submit a project until ${when(m.closesAt)}.`];
      break;
    case 'round-opened':
      subject = fr ? `Un tour de priorisation est ouvert : ${m.studyTitle}` : `A prioritization round is open: ${m.studyTitle}`;
      paragraphs = fr
        ? [`Un tour de priorisation des besoins « ${m.studyTitle} » est ouvert.`, `Vous pouvez voter jusqu’au ${when(m.closesAt)}.`]
        : [`A prioritization round of the needs study “${m.studyTitle}” is open.`, `You can vote until ${when(m.closesAt)}.`];
      break;
    case 'revision-asked':
      subject = fr ? `Révision demandée : ${m.proposalTitle}` : `Revision asked: ${m.proposalTitle}`;
      paragraphs = fr
        ? [`Une révision de votre projet « ${m.proposalTitle} » est demandée (appel « ${m.callTitle} »).`, `Répondez au plus tard le ${when(m.dueAt)}.`]
        : [`A revision of your project “${m.proposalTitle}” is asked (call “${m.callTitle}”).`, `Answer by ${when(m.dueAt)}.`];
      break;
    case 'adoption-vote-opened':
      subject = fr ? `Vote sur la recommandation : ${m.callTitle}` : `Vote on the recommendation: ${m.callTitle}`;
      paragraphs = fr
        ? [`La table vote sur sa recommandation pour l’appel « ${m.callTitle} ».`, `Vous pouvez voter jusqu’au ${when(m.closesAt)}.`]
        : [`The table votes on its recommendation for the call “${m.callTitle}”.`, `You can vote until ${when(m.closesAt)}.`];
      break;
    case 'deadline-soon': {
      const what = WHAT_CLOSES[m.what][lang];
      subject = fr ? `Plus que 3 jours : ${m.title}` : `3 days left: ${m.title}`;
      paragraphs = fr ? [`${what} « ${m.title} » se termine le ${when(m.closesAt)}.`] : [`${what} “${m.title}” ends on ${when(m.closesAt)}.`];
      break;
    }
    case 'outcome-decided': {
      const granted = m.grantedCents !== null && m.grantedCents > 0;
      subject = fr ? `Décision sur votre projet : ${m.proposalTitle}` : `Decision on your project: ${m.proposalTitle}`;
      const decision = granted
        ? fr
          ? `Votre projet « ${m.proposalTitle} » reçoit ${formatMoney(m.grantedCents!, lang)} (appel « ${m.callTitle} »).`
          : `Your project “${m.proposalTitle}” receives ${formatMoney(m.grantedCents!, lang)} (call “${m.callTitle}”).`
        : fr
          ? `Votre projet « ${m.proposalTitle} » n’est pas financé (appel « ${m.callTitle} »).`
          : `Your project “${m.proposalTitle}” is not funded (call “${m.callTitle}”).`;
      paragraphs = [decision, fr ? 'La décision et ses motifs sont sur la page du projet.' : 'The decision and its reasons are on the project’s page.'];
      break;
    }
    case 'claim-decided': {
      const amount = formatMoney(m.cents, lang);
      const period = fr ? `du ${m.periodStart} au ${m.periodEnd}` : `from ${m.periodStart} to ${m.periodEnd}`;
      subject = m.approved
        ? fr
          ? `Réclamation approuvée : ${m.agreementTitle}`
          : `Claim approved: ${m.agreementTitle}`
        : fr
          ? `Réclamation refusée : ${m.agreementTitle}`
          : `Claim refused: ${m.agreementTitle}`;
      paragraphs = m.approved
        ? fr
          ? [`Votre réclamation de ${amount} pour la période ${period} est approuvée et le versement est consigné (entente « ${m.agreementTitle} »).`]
          : [`Your claim of ${amount} for the period ${period} is approved and its payment recorded (agreement “${m.agreementTitle}”).`]
        : fr
          ? [
              `Votre réclamation de ${amount} pour la période ${period} est refusée (entente « ${m.agreementTitle} »).`,
              `Motif : ${m.reason}`,
              'Le montant peut être réclamé de nouveau pour cet exercice.',
            ]
          : [
              `Your claim of ${amount} for the period ${period} is refused (agreement “${m.agreementTitle}”).`,
              `Reason: ${m.reason}`,
              'The amount may be claimed again for this fiscal year.',
            ];
      break;
    }
    case 'agreement-sent': {
      const what =
        m.amendment === null ? (fr ? 'Entente de services' : 'Service agreement') : fr ? `Avenant no ${m.amendment}` : `Amendment no. ${m.amendment}`;
      subject = fr ? `${what} à examiner : ${m.projectTitle}` : `${what} to review: ${m.projectTitle}`;
      paragraphs = fr
        ? [
            `${m.institutionName} vous envoie ${m.amendment === null ? 'l’entente de services' : `l’avenant no ${m.amendment} de l’entente`} du projet « ${m.projectTitle} » (${formatMoney(m.amountCents, lang)}).`,
            'Lisez-la, puis signez-la, demandez des changements ou refusez-la. Rien n’est engagé avant les deux signatures.',
          ]
        : [
            `${m.institutionName} sends you ${m.amendment === null ? 'the service agreement' : `amendment no. ${m.amendment} of the agreement`} for the project “${m.projectTitle}” (${formatMoney(m.amountCents, lang)}).`,
            'Read it, then sign it, ask for changes or decline it. Nothing is committed before both signatures.',
          ];
      break;
    }
    case 'report-due': {
      const year = fiscalYearLabel(m.fiscalYear);
      if (m.stage === 'overdue') {
        subject = fr ? `Rapport annuel en retard : ${m.projectTitle}` : `Yearly report overdue: ${m.projectTitle}`;
        paragraphs = fr
          ? [
              `Le rapport annuel ${year} du projet « ${m.projectTitle} » était à remettre au plus tard le ${m.dueOn}. Il n’est pas encore remis.`,
              'Remettez-le dès que possible. Si quelque chose vous en empêche, signalez un obstacle : le bailleur de fonds vous répondra.',
            ]
          : [
              `The ${year} yearly report of the project “${m.projectTitle}” was due by ${m.dueOn}. It is not submitted yet.`,
              'Submit it as soon as you can. If something stands in the way, report an obstacle: the funder will answer you.',
            ];
      } else {
        subject =
          m.stage === 7
            ? fr
              ? `Plus qu’une semaine : rapport annuel ${year} à remettre — ${m.projectTitle}`
              : `One week left: ${year} yearly report due — ${m.projectTitle}`
            : fr
              ? `Rapport annuel ${year} à remettre : ${m.projectTitle}`
              : `${year} yearly report due: ${m.projectTitle}`;
        paragraphs = fr
          ? [
              `Le rapport annuel ${year} du projet « ${m.projectTitle} » est à remettre au plus tard le ${m.dueOn}.`,
              'Vous pouvez le remplir en plusieurs fois : il est enregistré à mesure que vous écrivez.',
            ]
          : [
              `The ${year} yearly report of the project “${m.projectTitle}” is due by ${m.dueOn}.`,
              'You can fill it in several sittings: it is saved as you type.',
            ];
      }
      break;
    }
    case 'report-reopened': {
      const fy = `${m.fiscalYear}-${m.fiscalYear + 1}`;
      subject = fr ? `Rapport annuel rouvert : ${m.projectTitle}` : `Yearly report reopened: ${m.projectTitle}`;
      paragraphs = fr
        ? [
            `Votre rapport annuel ${fy} du projet « ${m.projectTitle} » est rouvert par le bailleur de fonds.`,
            `Motif : ${m.reason}`,
            'Corrigez-le, puis remettez-le de nouveau.',
          ]
        : [
            `Your ${fy} yearly report for the project “${m.projectTitle}” was reopened by the funder.`,
            `Reason: ${m.reason}`,
            'Correct it, then submit it again.',
          ];
      break;
    }
    case 'obstacle-reported':
      subject = fr ? `Obstacle signalé : ${m.organizationName}` : `Obstacle reported: ${m.organizationName}`;
      paragraphs = fr
        ? [`${m.organizationName} signale un obstacle dans le projet « ${m.projectTitle} ».`, 'Lisez-le et répondez-y : l’organisme lira votre réponse.']
        : [`${m.organizationName} reports an obstacle in the project “${m.projectTitle}”.`, 'Read it and answer it: the organization will read your answer.'];
      break;
    case 'obstacle-answered':
      subject = fr ? `Réponse à votre rapport d’obstacle : ${m.projectTitle}` : `Answer to your obstacle report: ${m.projectTitle}`;
      paragraphs = fr
        ? [`Le bailleur de fonds a répondu à l’obstacle que vous avez signalé dans le projet « ${m.projectTitle} ».`]
        : [`The funder answered the obstacle you reported in the project “${m.projectTitle}”.`];
      break;
  }
  return { subject, body: lines(lang, name, paragraphs, link), link };
}
