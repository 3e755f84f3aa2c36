/** Chooses what to show from the session stage: sign-in, second factor, or the signed-in app. */
import { Button, Center, Loader, Stack } from '@mantine/core';
import { Navigate, Route, Routes, useLocation, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { justSignedOut } from '../modules/accounts/mutations.ts';
import { ErrorAlert } from '../ui/ErrorAlert.tsx';
import { MeContext, useSession } from '../modules/accounts/queries.ts';
import { SignInPage } from '../modules/accounts/SignInPage.tsx';
import { SecondFactorPage } from '../modules/accounts/SecondFactorPage.tsx';
import { OrganisationsPage } from '../modules/accounts/OrganisationsPage.tsx';
import { UsersPage } from '../modules/accounts/UsersPage.tsx';
import { AccountPage } from '../modules/accounts/AccountPage.tsx';
import { AuditPage } from '../modules/audit/AuditPage.tsx';
import { HomePage } from '../modules/home/HomePage.tsx';
import { PlansPage } from '../modules/plans/PlansPage.tsx';
import { EditPlanPage, NewPlanPage } from '../modules/plans/PlanFormPage.tsx';
import { PlanPage } from '../modules/plans/PlanPage.tsx';
import { ScenariosPage } from '../modules/scenarios/ScenariosPage.tsx';
import { NewScenarioPage, ScenarioEditorPage } from '../modules/scenarios/ScenarioEditorPage.tsx';
import { ExercisesPage, ScheduleExercisePage } from '../modules/exercises/ExercisesPage.tsx';
import { ExercisePage } from '../modules/exercises/ExercisePage.tsx';
import { LivePage } from '../modules/live/LivePage.tsx';
import { ThreatsPage } from '../modules/threats/ThreatsPage.tsx';
import { ActorPage } from '../modules/threats/ActorPage.tsx';
import { ImportPage } from '../modules/threats/ImportPage.tsx';
import { AppLayout, PublicLayout } from './Layout.tsx';
import { NotFoundPage } from './NotFoundPage.tsx';

/** Only same-site paths are followed after sign-in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/sign-in') ? next : '/';
}

/** To the sign-in page, coming back here afterwards; not after a deliberate sign-out. */
function ToSignIn() {
  const location = useLocation();
  const signedOut = justSignedOut();
  const here = location.pathname + location.search;
  const next = signedOut || here === '/' ? '' : `?next=${encodeURIComponent(here)}`;
  return <Navigate to={`/sign-in${next}`} replace />;
}

function AfterSignIn() {
  const [params] = useSearchParams();
  return <Navigate to={safeNext(params.get('next'))} replace />;
}

/** The router of the app. */
export function Root() {
  const { t } = useTranslation();
  const session = useSession();

  if (session.isPending) {
    return (
      <Center h="100vh">
        <Loader aria-label={t('app.loading')} />
      </Center>
    );
  }
  if (session.isError) {
    return (
      <PublicLayout>
        <Stack maw={480} mx="auto" mt="xl">
          <ErrorAlert error={session.error} />
          <Button onClick={() => void session.refetch()} loading={session.isFetching}>
            {t('common.retry')}
          </Button>
        </Stack>
      </PublicLayout>
    );
  }

  const stage = session.data.stage;
  switch (stage) {
    case 'anonymous':
      return (
        <PublicLayout>
          <Routes>
            <Route path="/sign-in" element={<SignInPage />} />
            <Route path="*" element={<ToSignIn />} />
          </Routes>
        </PublicLayout>
      );
    case 'mfa':
      return (
        <PublicLayout>
          <SecondFactorPage />
        </PublicLayout>
      );
    case 'full':
      if (!session.data.user) throw new Error('a full session without a user');
      return (
        <MeContext.Provider value={session.data.user}>
          <AppLayout>
            <Routes>
              <Route path="/" element={<HomePage />} />
              <Route path="/sign-in" element={<AfterSignIn />} />
              <Route path="/admin/organisations" element={<OrganisationsPage />} />
              <Route path="/admin/users" element={<UsersPage />} />
              <Route path="/admin/audit" element={<AuditPage />} />
              <Route path="/account" element={<AccountPage />} />
              <Route path="/plans" element={<PlansPage />} />
              <Route path="/plans/new" element={<NewPlanPage />} />
              <Route path="/plans/:id" element={<PlanPage />} />
              <Route path="/plans/:id/edit" element={<EditPlanPage />} />
              <Route path="/scenarios" element={<ScenariosPage />} />
              <Route path="/scenarios/new" element={<NewScenarioPage />} />
              <Route path="/scenarios/:id" element={<ScenarioEditorPage />} />
              <Route path="/threats" element={<ThreatsPage />} />
              <Route path="/threats/import" element={<ImportPage />} />
              <Route path="/threats/actors/:id" element={<ActorPage />} />
              <Route path="/exercises" element={<ExercisesPage />} />
              <Route path="/exercises/new" element={<ScheduleExercisePage />} />
              <Route path="/exercises/:id" element={<ExercisePage />} />
              <Route path="/exercises/:id/live" element={<LivePage />} />
              <Route path="/exercises/:id/live/:console" element={<LivePage />} />
              <Route path="*" element={<NotFoundPage />} />
            </Routes>
          </AppLayout>
        </MeContext.Provider>
      );
    default: {
      const never: never = stage;
      throw new Error(`unknown session stage ${String(never)}`);
    }
  }
}
