/** The shell: session, navigation, language switch and the route table. */
import { useEffect, useState } from 'preact/hooks';
import type { Permission } from '../../../shared/permissions';
import { ROLE_LABELS } from '../../../shared/permissions';
import { SignIn } from '../features/auth/sign-in';
import { CallDetail } from '../features/calls/call-detail';
import { CallEditor, CallForm } from '../features/calls/call-form';
import { CallHistoryPage } from '../features/calls/call-history';
import { EnvelopeDetail } from '../features/envelopes/envelope-detail';
import { EnvelopeEdit, EnvelopeForm } from '../features/envelopes/envelope-form';
import { EnvelopesPage } from '../features/envelopes/envelopes-page';
import { MyOrganization } from '../features/organizations/my-organization';
import { ProposalEditor } from '../features/proposals/proposal-editor';
import { ProposalView } from '../features/proposals/proposal-view';
import { MyProposals, OpenCalls } from '../features/proposals/my-proposals';
import { ConsultationPage } from '../features/needs/consultation-page';
import { RoundPage } from '../features/needs/round-page';
import { StudiesPage } from '../features/needs/studies-page';
import { StudyPage } from '../features/needs/study-page';
import { ConflictsPage } from '../features/scoring/conflicts-page';
import { AllocationPage } from '../features/allocation/allocation-page';
import { PbVotePage } from '../features/allocation/pb-vote-page';
import { BallotPage } from '../features/recommendations/ballot-page';
import { MinutesPage } from '../features/recommendations/minutes-page';
import { RecommendationPage } from '../features/recommendations/recommendation-page';
import { MyRevisionRequests, RevisionPanel } from '../features/allocation/revision-panel';
import { ScoringPage } from '../features/scoring/scoring-page';
import { SheetPage } from '../features/scoring/sheet-page';
import { HelpIndex, HelpTopicPage } from '../features/help/help-page';
import { HomeNavLink, MyTasks } from '../features/tasks/my-tasks';
import { PreferencesPage } from '../features/tasks/preferences-page';
import { InvitationPage } from '../features/people/invitation-page';
import { LeaveOrganization } from '../features/people/leave-organization';
import { MyInvitations } from '../features/people/my-invitations';
import { PeoplePage } from '../features/people/people-page';
import { TablePage } from '../features/tables/table-page';
import { TablesPage } from '../features/tables/tables-page';
import { CallResultsPage, PublicResultsLink, ResultsIndexPage } from '../features/results/results-page';
import { DecisionPage } from '../features/decisions/decision-page';
import { DecisionDocument, DecisionLetter } from '../features/decisions/documents';
import { DecisionLink, MyOutcomes, ProposalOutcome } from '../features/decisions/outcomes';
import { PaymentStatement, PaymentsPage } from '../features/ledger/payments-page';
import { LedgerLink, LedgerPage } from '../features/ledger/ledger-page';
import { ClaimsQueue } from '../features/ledger/claims-queue';
import { MyPayments } from '../features/ledger/my-payments';
import { AgreementDocument, AgreementPage, AgreementsLink, CallAgreements, MyAgreements } from '../features/agreements/agreements';
import { TemplatesPage } from '../features/agreements/templates';
import { ReportTemplatePage, ReportTemplatesPage } from '../features/reports/templates';
import { ReportLexiconPage } from '../features/reports/templates-lexicon';
import { MyReports, ReportsToHandIn } from '../features/reports/my-reports';
import { ReceivedReports } from '../features/reports/received';
import { ReportPage } from '../features/reports/report-page';
import { DashboardList, DashboardPage, ProgramResultsPage } from '../features/reports/dashboard';
import { ConfirmHost } from '../components/confirm';
import { PageNotFound } from '../components/ways-back';
import { Link, Loading } from '../components/ui';
import { ApiProblem } from '../lib/api';
import { loc, setLang, t, useLang } from '../lib/i18n';
import { getToken, signOut } from '../lib/session';
import { getMe, type Me } from '../lib/me';
import { match, navigate, queryParam, usePath } from '../lib/router';
import { Session, type SessionValue } from '../lib/session-context';

/** The institution the app opens on, when the person belongs to several (kept for the browser session). */
const TENANT_KEY = 'enveloppe.tenant';

/** Opens the app on this institution (an invitation just accepted from the person's own list). */
function openInstitution(tenantId: string) {
  sessionStorage.setItem(TENANT_KEY, tenantId);
  location.assign('/');
}

/** The organization's open revision requests, from the allocation feature, at the top of its lists of proposals. */
const revisionRequests = (items: Parameters<typeof MyRevisionRequests>[0]['items']) => (
  <>
    <MyRevisionRequests items={items} />
    <MyOutcomes />
  </>
);

function Home({ session }: { session: SessionValue }) {
  return (
    <>
      <h1>{t('home.hello', { name: session.me.name })}</h1>
      <MyTasks tenantId={session.membership.tenantId} />
      {session.can('envelope:read') && <EnvelopesPage />}
      {!session.can('envelope:read') && session.can('call:read') && <OpenCalls />}
      {session.can('proposal:own') && <MyProposals requests={revisionRequests} />}
      {session.can('report:own') && <ReportsToHandIn />}
      {session.can('agreement:own') && <MyAgreements />}
      {session.can('agreement:own') && <MyPayments />}
    </>
  );
}

function Routes({ path, session }: { path: string; session: SessionValue }) {
  let m: Record<string, string> | null;
  if (match('/', path)) return <Home session={session} />;
  if (match('/enveloppes', path)) return <EnvelopesPage />;
  if (match('/enveloppes/nouvelle', path)) return <EnvelopeForm />;
  if ((m = match('/enveloppes/:id', path))) return <EnvelopeDetail id={m.id!} ledger={<LedgerLink envelopeId={m.id!} />} />;
  if ((m = match('/enveloppes/:id/grand-livre', path))) return <LedgerPage envelopeId={m.id!} />;
  if ((m = match('/ententes/:id/versements', path))) return <PaymentsPage agreementId={m.id!} />;
  if ((m = match('/ententes/:id/releve', path))) return <PaymentStatement agreementId={m.id!} />;
  if (match('/reclamations', path)) return <ClaimsQueue />;
  // Before /rapports/:id (a report): the dashboard and the organization's program results.
  if (match('/rapports/tableau-de-bord', path)) return <DashboardList />;
  if ((m = match('/rapports/tableau-de-bord/:templateId', path))) return <DashboardPage templateId={m.templateId!} />;
  if (match('/rapports/resultats', path)) return <ProgramResultsPage />;
  if ((m = match('/enveloppes/:id/modifier', path))) return <EnvelopeEdit id={m.id!} />;
  if (match('/appels/nouveau', path)) return <CallForm envelopeId={queryParam('enveloppe') ?? ''} />;
  if (match('/appels', path)) return <OpenCalls page />;
  if ((m = match('/appels/:id', path)))
    return (
      <CallDetail
        id={m.id!}
        revision={<RevisionPanel callId={m.id!} />}
        results={<PublicResultsLink tenantId={session.membership.tenantId} callId={m.id!} />}
        decision={
          <>
            <DecisionLink callId={m.id!} />
            <AgreementsLink callId={m.id!} />
          </>
        }
      />
    );
  if ((m = match('/appels/:callId/decision', path))) return <DecisionPage callId={m.callId!} />;
  if ((m = match('/appels/:callId/ententes', path))) return <CallAgreements callId={m.callId!} />;
  if ((m = match('/ententes/:id', path))) return <AgreementPage id={m.id!} />;
  if ((m = match('/ententes/:id/document', path))) return <AgreementDocument id={m.id!} />;
  if ((m = match('/mes-ententes/:id', path))) return <AgreementPage id={m.id!} />;
  if (match('/mes-ententes', path)) return <MyAgreements page />;
  if (match('/rapports', path)) return <MyReports />;
  if (match('/rapports-recus', path)) return <ReceivedReports />;
  if ((m = match('/rapports/:id', path))) return <ReportPage id={m.id!} />;
  if (match('/modeles-d-entente', path)) return <TemplatesPage templateId={queryParam('modele')} />;
  if (match('/modeles-de-rapport', path)) return <ReportTemplatesPage />;
  if ((m = match('/modeles-de-rapport/:id', path))) return <ReportTemplatePage id={m.id!} />;
  if ((m = match('/modeles-de-rapport/:id/lexique', path))) return <ReportLexiconPage id={m.id!} version={queryParam('version')} />;
  if ((m = match('/appels/:callId/decision/document', path))) return <DecisionDocument callId={m.callId!} />;
  if ((m = match('/appels/:callId/decision/lettres/:proposalId', path))) return <DecisionLetter callId={m.callId!} proposalId={m.proposalId!} />;
  if ((m = match('/appels/:id/modifier', path))) return <CallEditor id={m.id!} />;
  if ((m = match('/appels/:callId/evaluation', path))) return <ScoringPage callId={m.callId!} />;
  if ((m = match('/appels/:callId/repartition', path))) return <AllocationPage callId={m.callId!} />;
  if ((m = match('/appels/:callId/vote', path))) return <PbVotePage callId={m.callId!} />;
  if ((m = match('/appels/:callId/historique', path))) return <CallHistoryPage callId={m.callId!} />;
  if ((m = match('/appels/:callId/recommandation', path))) return <RecommendationPage callId={m.callId!} />;
  if ((m = match('/appels/:callId/recommandation/vote', path))) return <BallotPage callId={m.callId!} />;
  if ((m = match('/appels/:callId/recommandation/pv/:number', path))) return <MinutesPage callId={m.callId!} number={m.number!} />;
  if ((m = match('/appels/:callId/evaluation/:proposalId', path))) return <SheetPage callId={m.callId!} proposalId={m.proposalId!} />;
  if (match('/mes-liens', path)) return <ConflictsPage />;
  if ((m = match('/appels/:callId/projets/:id/modifier', path))) return <ProposalEditor callId={m.callId!} id={m.id!} />;
  if ((m = match('/appels/:callId/projets/:id', path)))
    return (
      <ProposalView
        callId={m.callId!}
        id={m.id!}
        revision={
          <>
            <ProposalOutcome proposalId={m.id!} />
            <RevisionPanel callId={m.callId!} proposalId={m.id!} />
          </>
        }
      />
    );
  if (match('/besoins', path)) return <StudiesPage />;
  if ((m = match('/besoins/:studyId/tours/:id', path))) return <RoundPage studyId={m.studyId!} id={m.id!} />;
  if ((m = match('/besoins/:id', path))) return <StudyPage id={m.id!} />;
  if (match('/mon-organisme', path))
    return <MyOrganization leave={(name) => <LeaveOrganization organizationName={name} onLeft={() => location.assign('/')} />} />;
  if (match('/personnes', path)) return <PeoplePage organizationId={queryParam('organisme')} />;
  if (match('/tables', path)) return <TablesPage />;
  if ((m = match('/tables/:id', path))) return <TablePage id={m.id!} />;
  if (match('/mes-projets', path)) return <MyProposals requests={revisionRequests} page />;
  if (match('/mes-avis', path)) return <PreferencesPage />;
  if (match('/mes-invitations', path)) return <MyInvitations page onAccepted={openInstitution} />;
  if (match('/aide', path)) return <HelpIndex />;
  if ((m = match('/aide/:topic', path))) return <HelpTopicPage topic={m.topic!} />;
  return <PageNotFound />;
}

export function App() {
  const path = usePath();
  const lang = useLang();
  const [me, setMe] = useState<Me | null>(null);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const [signedIn, setSignedIn] = useState(Boolean(getToken()));
  // On a phone the header folds its links into a menu, closed again on every new page.
  const [menuOpen, setMenuOpen] = useState(false);
  useEffect(() => setMenuOpen(false), [path]);
  const publicToken = match('/consultation/:token', path)?.token ?? null;
  // The published results of decided calls: for anyone, signed in or not.
  const publicResults = match('/resultats/:tenantId/:callId', path) ?? match('/resultats/:tenantId', path);
  // An invitation's page is read before sign-in, and accepted by someone who may be a member of nothing yet.
  const invitationToken = match('/invitation/:token', path)?.token ?? null;

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  useEffect(() => {
    if (publicToken || publicResults) return;
    if (!signedIn) {
      if (!path.startsWith('/connexion') && !invitationToken) navigate(`/connexion?retour=${encodeURIComponent(path)}`);
      return;
    }
    getMe().then(setMe, (e: unknown) => setProblem(e instanceof ApiProblem ? e : null));
  }, [signedIn]);

  const langSwitch = (
    <button type="button" class="link lang" onClick={() => setLang(lang === 'fr' ? 'en' : 'fr')} lang={lang === 'fr' ? 'en' : 'fr'}>
      {lang === 'fr' ? 'English' : 'Français'}
    </button>
  );

  // The public consultation is for people without an account.
  if (publicToken) {
    return (
      <>
        <header class="top">
          <span class="brand">Enveloppe</span>
          {langSwitch}
        </header>
        <main id="main" key={lang}>
          <ConsultationPage token={publicToken} />
        </main>
      </>
    );
  }
  if (publicResults) {
    return (
      <>
        <header class="top">
          <span class="brand">Enveloppe</span>
          {langSwitch}
        </header>
        <main id="main" key={lang}>
          {publicResults.callId ? (
            <CallResultsPage tenantId={publicResults.tenantId!} callId={publicResults.callId} />
          ) : (
            <ResultsIndexPage tenantId={publicResults.tenantId!} />
          )}
        </main>
      </>
    );
  }
  if (invitationToken && !path.startsWith('/connexion')) {
    return (
      <>
        <header class="top">
          <span class="brand">Enveloppe</span>
          {langSwitch}
          {signedIn && (
            <button type="button" class="link" onClick={() => signOut()}>
              {t('signout')}
            </button>
          )}
        </header>
        <main id="main" key={lang}>
          <InvitationPage
            token={invitationToken}
            signedIn={signedIn}
            onAccepted={(tenantId) => {
              // The institution just joined is the one the app opens on.
              sessionStorage.setItem(TENANT_KEY, tenantId);
              getMe().then(
                (next) => {
                  setMe(next);
                  navigate('/', { replace: true });
                },
                (e: unknown) => setProblem(e instanceof ApiProblem ? e : null),
              );
            }}
          />
        </main>
        <ConfirmHost />
      </>
    );
  }
  if (!signedIn || path.startsWith('/connexion')) {
    return (
      <>
        <header class="top">
          <span class="brand">Enveloppe</span>
          {langSwitch}
        </header>
        <main id="main">
          <SignIn path={path} onSignedIn={() => setSignedIn(true)} />
        </main>
      </>
    );
  }
  if (!me)
    return (
      <main id="main">
        <Loading error={problem} />
      </main>
    );
  // The institution chosen last (an invitation just accepted), else the first where the person is active.
  const active = me.memberships.filter((m) => m.status === 'active');
  const membership = active.find((m) => m.tenantId === sessionStorage.getItem(TENANT_KEY)) ?? active[0];
  if (!membership)
    return (
      <>
        <header class="top">
          <span class="brand">Enveloppe</span>
          {langSwitch}
          <button type="button" class="link" onClick={() => signOut()}>
            {t('signout')}
          </button>
        </header>
        <main id="main" key={lang}>
          <h1>{t('home.hello', { name: me.name })}</h1>
          <p role="alert">{me.memberships.length > 0 ? t('noActiveMembership') : t('noMembership')}</p>
          {/* Invitations addressed to the person's email, found without the emailed link (an account made by the identity provider's own message). */}
          <MyInvitations onAccepted={openInstitution} />
        </main>
      </>
    );
  const permissions = new Set<Permission>(membership.permissions);
  const session: SessionValue = { me, membership, can: (p) => permissions.has(p) };

  return (
    <Session.Provider value={session}>
      <a class="skip" href="#main">
        {t('skip')}
      </a>
      <header class="top">
        <Link class="brand" href="/">
          Enveloppe
        </Link>
        <button
          type="button"
          class="menu-toggle secondary"
          aria-expanded={menuOpen ? 'true' : 'false'}
          aria-controls="menu"
          onClick={() => setMenuOpen(!menuOpen)}
        >
          {t('nav.menu')}
        </button>
        {/* biome-ignore lint/a11y/noStaticElementInteractions: Escape from anywhere inside the open menu closes it (the keys reach it by bubbling). */}
        <div
          id="menu"
          class={`menu${menuOpen ? ' open' : ''}`}
          onKeyDown={(e) => {
            if (e.key !== 'Escape' || !menuOpen) return;
            setMenuOpen(false);
            (document.querySelector('.menu-toggle') as HTMLButtonElement | null)?.focus();
          }}
        >
          <nav aria-label={t('nav.label')}>
            <HomeNavLink tenantId={membership.tenantId} />
            {session.can('envelope:read') && <Link href="/enveloppes">{t('nav.envelopes')}</Link>}
            {session.can('payment:write') && <Link href="/reclamations">{t('claims.nav')}</Link>}
            {session.can('agreement:write') && <Link href="/modeles-d-entente">{t('tpl.nav')}</Link>}
            {session.can('report:read') && <Link href="/modeles-de-rapport">{t('rtpl.nav')}</Link>}
            {session.can('report:read') && <Link href="/rapports-recus">{t('rep.nav.received')}</Link>}
            {session.can('report:read') && <Link href="/rapports/tableau-de-bord">{t('dash.nav')}</Link>}
            {session.can('needs:read') && <Link href="/besoins">{t('nav.needs')}</Link>}
            {session.can('tables:read') && <Link href="/tables">{t('nav.tables')}</Link>}
            {session.can('scoring:evaluate') && <Link href="/mes-liens">{t('nav.conflicts')}</Link>}
            {session.can('call:read') && <Link href="/appels">{t('nav.calls')}</Link>}
            {session.can('proposal:own') && <Link href="/mes-projets">{t('nav.myProposals')}</Link>}
            {session.can('agreement:own') && <Link href="/mes-ententes">{t('agr.mine')}</Link>}
            {session.can('report:own') && <Link href="/rapports">{t('rep.mine')}</Link>}
            {session.can('organization:own') && <Link href="/mon-organisme">{t('nav.myOrganization')}</Link>}
            {session.can('report:own') && <Link href="/rapports/resultats">{t('results.nav')}</Link>}
            {session.can('people:read') && <Link href="/personnes">{t('nav.people')}</Link>}
            <Link href="/aide">{t('nav.help')}</Link>
          </nav>
          <span class="who">
            <span>
              {me.name} · {membership.roles.map((r) => loc(ROLE_LABELS[r])).join(', ')}
            </span>
            <small>{membership.tenantName}</small>
            <Link href="/mes-avis">{t('nav.notifications')}</Link>
          </span>
          {langSwitch}
          <button type="button" class="link" onClick={() => signOut()}>
            {t('signout')}
          </button>
        </div>
      </header>
      <main id="main" key={lang}>
        <Routes path={path} session={session} />
      </main>
      <ConfirmHost />
    </Session.Provider>
  );
}
