import { lazy, Suspense, useEffect, type ReactNode } from 'react';
import { Layout } from './components/Layout';
import { Heading, Loading, usePageTitle } from './components/Page';
import { useT } from './i18n/language';
import { DashboardPage } from './pages/Dashboard';
import { ForgottenPasswordPage } from './pages/ForgottenPassword';
import { LoginPage } from './pages/Login';
import { MyDetailsPage } from './pages/MyDetails';
import { PublicPage } from './pages/PublicPage';
import { RegisterPage } from './pages/Register';
import { TaskPage } from './pages/TaskPage';
import { Link, matchPath, navigate, safeNext, useLocation } from './router';
import { SessionProvider, useSession } from './session';
import { GetHelpPage } from './support/GetHelpPage';

// Council staff pages load only when an admin opens them: professionals never download them.
const AdminHomePage = lazy(() => import('./pages/admin/AdminHome').then((m) => ({ default: m.AdminHomePage })));
const AdminWorkGroupsPage = lazy(() => import('./pages/admin/WorkGroups').then((m) => ({ default: m.AdminWorkGroupsPage })));
const NewWorkGroupPage = lazy(() => import('./pages/admin/WorkGroups').then((m) => ({ default: m.NewWorkGroupPage })));
const AdminWorkGroupPage = lazy(() => import('./pages/admin/WorkGroups').then((m) => ({ default: m.AdminWorkGroupPage })));
const AdminAccountsPage = lazy(() => import('./pages/admin/Accounts').then((m) => ({ default: m.AdminAccountsPage })));
const AdminDeliveriesPage = lazy(() => import('./pages/admin/Deliveries').then((m) => ({ default: m.AdminDeliveriesPage })));
const AdminTasksPage = lazy(() => import('./pages/admin/Tasks').then((m) => ({ default: m.AdminTasksPage })));

type Access = 'public' | 'anonymous-only' | 'signed-in' | 'admin';

interface Route {
  path: string;
  access: Access;
  render: (params: Record<string, string>) => ReactNode;
}

const ROUTES: Route[] = [
  { path: '/login', access: 'anonymous-only', render: () => <LoginPage /> },
  { path: '/register', access: 'anonymous-only', render: () => <RegisterPage /> },
  { path: '/forgotten-password', access: 'anonymous-only', render: () => <ForgottenPasswordPage /> },
  { path: '/help', access: 'public', render: () => <GetHelpPage /> },
  { path: '/accessibility', access: 'public', render: () => <PublicPage key="a11y" slug="accessibility-statement" /> },
  { path: '/privacy', access: 'public', render: () => <PublicPage key="privacy" slug="privacy-notice" /> },
  { path: '/', access: 'signed-in', render: () => <DashboardPage /> },
  { path: '/tasks/:id', access: 'signed-in', render: (p) => <TaskPage key={p.id} taskId={p.id!} /> },
  { path: '/my-details', access: 'signed-in', render: () => <MyDetailsPage /> },
  { path: '/admin', access: 'admin', render: () => <AdminHomePage /> },
  { path: '/admin/work-groups', access: 'admin', render: () => <AdminWorkGroupsPage /> },
  { path: '/admin/work-groups/new', access: 'admin', render: () => <NewWorkGroupPage /> },
  { path: '/admin/work-groups/:id', access: 'admin', render: (p) => <AdminWorkGroupPage key={p.id} id={p.id!} /> },
  { path: '/admin/accounts', access: 'admin', render: () => <AdminAccountsPage /> },
  { path: '/admin/deliveries', access: 'admin', render: () => <AdminDeliveriesPage /> },
  { path: '/admin/tasks', access: 'admin', render: () => <AdminTasksPage /> },
];

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true, force: true }), [to]);
  return null;
}

function NotFound() {
  const t = useT();
  usePageTitle(t('app.notFound'));
  return (
    <>
      <Heading>{t('app.notFound')}</Heading>
      <p className="govuk-body">{t('app.typed')}</p>
      <p className="govuk-body">{t('app.pasted')}</p>
      <p className="govuk-body">
        <Link to="/">{t('app.goToTasks')}</Link>
      </p>
    </>
  );
}

function Forbidden() {
  const t = useT();
  usePageTitle(t('app.forbidden'));
  return (
    <>
      <Heading>{t('app.forbidden')}</Heading>
      <p className="govuk-body">{t('app.forbiddenText')}</p>
      <p className="govuk-body">
        <Link to="/">{t('app.goToTasks')}</Link>
      </p>
    </>
  );
}

function Routes() {
  const { pathname, search } = useLocation();
  const { status, isAdmin } = useSession();
  let matched: { route: Route; params: Record<string, string> } | null = null;
  for (const route of ROUTES) {
    const params = matchPath(route.path, pathname);
    if (params) {
      matched = { route, params };
      break;
    }
  }
  if (!matched) return <NotFound />;
  const { route, params } = matched;
  if (status === 'loading') return <Loading />;
  if (route.access === 'anonymous-only' && status === 'signed-in') {
    return <Redirect to={safeNext(new URLSearchParams(search).get('next'))} />;
  }
  if ((route.access === 'signed-in' || route.access === 'admin') && status !== 'signed-in') {
    const here = pathname + search;
    return <Redirect to={here === '/' ? '/login' : `/login?next=${encodeURIComponent(here)}`} />;
  }
  if (route.access === 'admin' && !isAdmin) return <Forbidden />;
  return <Suspense fallback={<Loading />}>{route.render(params)}</Suspense>;
}

export function App() {
  return (
    <SessionProvider>
      <Layout>
        <Routes />
      </Layout>
    </SessionProvider>
  );
}
