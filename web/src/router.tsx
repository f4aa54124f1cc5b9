import { Outlet, createBrowserRouter } from 'react-router';
import { IdleWatcher } from './session/IdleWatcher';
import { RequireAuth, RequirePermission } from './session/guards';
import { PortalLayout } from './pages/portal/PortalLayout';
import { Home } from './pages/portal/Home';
import { ComingSoon } from './pages/portal/ComingSoon';
import { NotFound, RouteError } from './pages/portal/NotFound';
import { Login } from './pages/auth/Login';
import { Register } from './pages/auth/Register';
import { ForgotPassword } from './pages/auth/ForgotPassword';
import { ResetPassword } from './pages/auth/ResetPassword';
import { AcceptInvitation } from './pages/auth/AcceptInvitation';
import { ConsoleLayout } from './pages/console/ConsoleLayout';
import { Overview } from './pages/overview/Overview';
import { Profile } from './pages/profile/Profile';
import { PasswordChangePage } from './pages/profile/PasswordChangePage';
import { MyOrganisation } from './pages/organisation/MyOrganisation';
import { OrgReview } from './pages/org-review/OrgReview';
import { Accounts } from './pages/accounts/Accounts';
import { AuditLog } from './pages/audit/AuditLog';
import { MailOutbox } from './pages/mail/MailOutbox';
import { Notifications } from './pages/notifications/Notifications';

function Root() {
  return (
    <>
      <IdleWatcher />
      <Outlet />
    </>
  );
}

/** Route permissions mirror CONSOLE_MENU in pages/console/menu.tsx. */
export function createRouter() {
  return createBrowserRouter([
    {
      element: <Root />,
      errorElement: <RouteError />,
      children: [
        {
          path: '/',
          element: <PortalLayout />,
          children: [
            { index: true, element: <Home /> },
            { path: 'achievements', element: <ComingSoon area="achievements" /> },
            { path: 'demands', element: <ComingSoon area="demands" /> },
            { path: 'services', element: <ComingSoon area="services" /> },
            { path: 'policies', element: <ComingSoon area="policies" /> },
            { path: 'statistics', element: <ComingSoon area="statistics" /> },
            { path: 'login', element: <Login /> },
            { path: 'register', element: <Register /> },
            { path: 'forgot-password', element: <ForgotPassword /> },
            { path: 'reset-password', element: <ResetPassword /> },
            { path: 'invite/:token', element: <AcceptInvitation /> },
            { path: '*', element: <NotFound /> },
          ],
        },
        {
          path: '/console',
          element: (
            <RequireAuth>
              <ConsoleLayout />
            </RequireAuth>
          ),
          children: [
            { index: true, element: <Overview /> },
            { path: 'profile', element: <Profile /> },
            { path: 'password-change', element: <PasswordChangePage /> },
            { path: 'organisation', element: <MyOrganisation /> },
            { path: 'org-review', element: <RequirePermission permission="verify:organisation"><OrgReview /></RequirePermission> },
            { path: 'accounts', element: <RequirePermission permission="manage:user"><Accounts /></RequirePermission> },
            { path: 'audit', element: <RequirePermission permission="read:audit"><AuditLog /></RequirePermission> },
            { path: 'mail', element: <RequirePermission permission="read:mail"><MailOutbox /></RequirePermission> },
            { path: 'notifications', element: <Notifications /> },
            { path: '*', element: <NotFound /> },
          ],
        },
      ],
    },
  ]);
}
