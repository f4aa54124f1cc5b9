import { type ComponentType, lazy, Suspense } from 'react';
import { Navigate, Outlet, createBrowserRouter, useParams } from 'react-router';
import { IdleWatcher } from './session/IdleWatcher';
import { FullPageSpin, RequireAuth, RequirePermission } from './session/guards';
import { PortalLayout } from './pages/portal/PortalLayout';
import { Home } from './pages/portal/Home';
import { ServicesHub } from './pages/portal/ServicesHub';
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
import { ListingSearch } from './pages/listings/ListingSearch';
import { ListingDetail } from './pages/listings/ListingDetail';
import { MyListings } from './pages/my-listings/MyListings';
import { ListingEditor } from './pages/listing-editor/ListingEditor';
import { ReviewDesk } from './pages/review-desk/ReviewDesk';
import { DictionaryPage } from './pages/dictionary/DictionaryPage';
import { ImportPage } from './pages/imports/ImportPage';
import { ProjectsPage } from './pages/projects/ProjectsPage';
import { OverduePage } from './pages/projects/OverduePage';
import { MyTasks } from './pages/plan-reports/MyTasks';
import { ReviewQueue } from './pages/plan-reports/ReviewQueue';
import { ReportPage } from './pages/plan-reports/ReportPage';
import { SupervisionPage } from './pages/supervision/SupervisionPage';
import { PlanAdmin } from './pages/plan-admin/PlanAdmin';
import { CasesList } from './pages/cases/CasesList';
import { DescribeProblem } from './pages/matches/DescribeProblem';
import { OwnListingMatches } from './pages/matches/OwnListingMatches';
import { SubscriptionsPage } from './pages/subscriptions/SubscriptionsPage';
import { UnsubscribePage } from './pages/subscriptions/UnsubscribePage';
import { CasePage } from './pages/cases/CasePage';
import { WorkloadPage } from './pages/cases/WorkloadPage';
import { TradingList } from './pages/trading/TradingList';
import { ListingPage as TradeListingPage } from './pages/trading/ListingPage';
import { AuctionPage } from './pages/trading/AuctionPage';
import { DealPage } from './pages/trading/DealPage';
import { MyTrading } from './pages/trading/MyTrading';
import { TradingDesk } from './pages/trading/TradingDesk';
import { FacilityDirectory } from './pages/facilities/FacilityDirectory';
import { FacilityDetail } from './pages/facilities/FacilityDetail';
import { MyFacilities } from './pages/facilities/MyFacilities';
import { MyBookings } from './pages/facilities/MyBookings';
import { CommissionersPage } from './pages/commissioners/CommissionersPage';
import { VillagesPage } from './pages/commissioners/VillagesPage';
import { ServiceLogPage } from './pages/commissioners/ServiceLogPage';

/** Pages that draw charts load ECharts only when opened. */
function lazyPage(load: () => Promise<ComponentType>) {
  const Page = lazy(() => load().then((c) => ({ default: c })));
  return function LazyPage() {
    return (
      <Suspense fallback={<FullPageSpin />}>
        <Page />
      </Suspense>
    );
  };
}

const PlanDashboard = lazyPage(() => import('./pages/plans/PlanDashboard').then((m) => m.PlanDashboard));
const PlanScreen = lazyPage(() => import('./pages/screen/PlanScreen').then((m) => m.PlanScreen));
const PublicStatistics = lazyPage(() => import('./pages/statistics/PublicStatistics').then((m) => m.PublicStatistics));
const FunnelPage = lazyPage(() => import('./pages/cases/FunnelPage').then((m) => m.FunnelPage));
const ContractStatisticsPage = lazyPage(() => import('./pages/contracts/StatisticsPage').then((m) => m.StatisticsPage));
const ContractsList = lazyPage(() => import('./pages/contracts/ContractsList').then((m) => m.ContractsList));
const ContractPage = lazyPage(() => import('./pages/contracts/ContractPage').then((m) => m.ContractPage));
const ContractFormPage = lazyPage(() => import('./pages/contracts/ContractFormPage').then((m) => m.ContractFormPage));
const FinanceList = lazyPage(() => import('./pages/finance/FinanceList').then((m) => m.FinanceList));
const FinanceRecordPage = lazyPage(() => import('./pages/finance/FinanceRecordPage').then((m) => m.FinanceRecordPage));
const FinanceStatisticsPage = lazyPage(() => import('./pages/finance/FinanceStatisticsPage').then((m) => m.FinanceStatisticsPage));
const RewardsPage = lazyPage(() => import('./pages/rewards/RewardsPage').then((m) => m.RewardsPage));
const MajorAchievementsPage = lazyPage(() => import('./pages/rewards/MajorAchievementsPage').then((m) => m.MajorAchievementsPage));
const FacilityConsole = lazyPage(() => import('./pages/facilities/FacilityConsole').then((m) => m.FacilityConsole));
const CoveragePage = lazyPage(() => import('./pages/commissioners/CoveragePage').then((m) => m.CoveragePage));
const VouchersPage = lazyPage(() => import('./pages/vouchers/VouchersPage').then((m) => m.VouchersPage));
const VoucherReviewPage = lazyPage(() => import('./pages/vouchers/ReviewPage').then((m) => m.ReviewPage));
const VoucherApplicationPage = lazyPage(() => import('./pages/vouchers/ApplicationPage').then((m) => m.ApplicationPage));
const VoucherRedemptionPage = lazyPage(() => import('./pages/vouchers/RedemptionPage').then((m) => m.RedemptionPage));
const VoucherReportPage = lazyPage(() => import('./pages/vouchers/ReportPage').then((m) => m.ReportPage));
const FundingPage = lazyPage(() => import('./pages/funding/FundingPage').then((m) => m.FundingPage));
const FundingCallPage = lazyPage(() => import('./pages/funding/CallPage').then((m) => m.CallPage));
const FundingApplicationPage = lazyPage(() => import('./pages/funding/ApplicationPage').then((m) => m.ApplicationPage));
const FundingExpertsPage = lazyPage(() => import('./pages/funding/ExpertsPage').then((m) => m.ExpertsPage));
const FundingPublicAwards = lazyPage(() => import('./pages/funding/PublicAwardsPage').then((m) => m.PublicAwardsPage));
const RegistryDirectory = lazyPage(() => import('./pages/registries/DirectoryPage').then((m) => m.DirectoryPage));
const RegistryEntry = lazyPage(() => import('./pages/registries/EntryPage').then((m) => m.EntryPage));
const RegistryConsole = lazyPage(() => import('./pages/registries/ConsolePage').then((m) => m.ConsolePage));
const RegistryConsoleEntry = lazyPage(() => import('./pages/registries/EntryPage').then((m) => () => <m.EntryPage console />));
const RegistryEditor = lazyPage(() => import('./pages/registries/EditorPage').then((m) => m.EditorPage));
const InstitutionScoring = lazyPage(() => import('./pages/registries/ScoringPage').then((m) => m.ScoringPage));
const CommissionerPage = lazyPage(() => import('./pages/commissioners/CommissionerPage').then((m) => m.CommissionerPage));
/** Notification links name the plan in the path; the supervision page keeps it in `?plan=`. */
function SupervisionRedirect() {
  const { planId } = useParams();
  return <Navigate to={`/console/supervision?plan=${planId ?? ''}`} replace />;
}

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
            { path: 'achievements', element: <ListingSearch key="achievement" kind="achievement" /> },
            { path: 'achievements/:id', element: <ListingDetail key="achievement" kind="achievement" /> },
            { path: 'demands', element: <ListingSearch key="demand" kind="demand" /> },
            { path: 'demands/:id', element: <ListingDetail key="demand" kind="demand" /> },
            { path: 'match', element: <DescribeProblem /> },
            { path: 'unsubscribe', element: <UnsubscribePage /> },
            { path: 'services', element: <ServicesHub /> },
            { path: 'policies', element: <ComingSoon area="policies" /> },
            { path: 'statistics', element: <PublicStatistics /> },
            { path: 'trading', element: <TradingList /> },
            { path: 'trading/listings/:id', element: <TradeListingPage /> },
            { path: 'trading/auctions/:id', element: <AuctionPage /> },
            { path: 'trading/deals/:id', element: <DealPage /> },
            { path: 'funding/awards', element: <FundingPublicAwards /> },
            { path: 'facilities', element: <FacilityDirectory /> },
            { path: 'facilities/:id', element: <FacilityDetail /> },
            { path: 'directory/:kind', element: <RegistryDirectory /> },
            { path: 'directory/:kind/:id', element: <RegistryEntry /> },
            { path: 'login', element: <Login /> },
            { path: 'register', element: <Register /> },
            { path: 'forgot-password', element: <ForgotPassword /> },
            { path: 'reset-password', element: <ResetPassword /> },
            { path: 'invite/:token', element: <AcceptInvitation /> },
            { path: '*', element: <NotFound /> },
          ],
        },
        {
          // 数据大屏: full window, no console chrome, still signed in.
          path: '/screen/plan',
          element: (
            <RequireAuth>
              <RequirePermission permission="monitor:plan">
                <PlanScreen />
              </RequirePermission>
            </RequireAuth>
          ),
        },
        {
          // A commissioner's phone page: no console chrome at 375 px.
          path: '/m/commissioner',
          element: (
            <RequireAuth>
              <RequirePermission permission="create:service_log">
                <ServiceLogPage />
              </RequirePermission>
            </RequireAuth>
          ),
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
            { path: 'achievements', element: <RequirePermission permission="create:achievement"><MyListings key="achievement" kind="achievement" /></RequirePermission> },
            { path: 'achievements/new', element: <RequirePermission permission="create:achievement"><ListingEditor key="achievement-new" kind="achievement" /></RequirePermission> },
            { path: 'achievements/:id/edit', element: <RequirePermission permission="read:achievement"><ListingEditor key="achievement" kind="achievement" /></RequirePermission> },
            { path: 'demands', element: <RequirePermission permission="create:demand"><MyListings key="demand" kind="demand" /></RequirePermission> },
            { path: 'demands/new', element: <RequirePermission permission="create:demand"><ListingEditor key="demand-new" kind="demand" /></RequirePermission> },
            { path: 'demands/:id/edit', element: <RequirePermission permission="read:demand"><ListingEditor key="demand" kind="demand" /></RequirePermission> },
            { path: 'review', element: <RequirePermission permission="review:listing"><ReviewDesk /></RequirePermission> },
            { path: 'imports', element: <RequirePermission permission="create:import"><ImportPage /></RequirePermission> },
            { path: 'dictionary', element: <RequirePermission permission="manage:dictionary"><DictionaryPage /></RequirePermission> },
            { path: 'projects', element: <RequirePermission permission="read:project"><ProjectsPage /></RequirePermission> },
            { path: 'overdue', element: <RequirePermission permission="supervise:obligation"><OverduePage /></RequirePermission> },
            { path: 'plans', element: <RequirePermission permission="read:plan"><PlanDashboard /></RequirePermission> },
            { path: 'plans/:planId/supervision', element: <RequirePermission permission="supervise:plan"><SupervisionRedirect /></RequirePermission> },
            { path: 'plan-tasks', element: <RequirePermission permission="submit:plan_report"><MyTasks /></RequirePermission> },
            { path: 'plan-reports', element: <RequirePermission permission="review:plan_report"><ReviewQueue /></RequirePermission> },
            { path: 'plan-reports/:id', element: <RequirePermission permission="read:plan_report"><ReportPage /></RequirePermission> },
            { path: 'supervision', element: <RequirePermission permission="supervise:plan"><SupervisionPage /></RequirePermission> },
            { path: 'plan-admin', element: <RequirePermission permission="manage:plan"><PlanAdmin /></RequirePermission> },
            { path: 'cases', element: <RequirePermission permission="read:case"><CasesList /></RequirePermission> },
            { path: 'subscriptions', element: <SubscriptionsPage /> },
            { path: 'demands/:id/matches', element: <RequirePermission permission="read:demand"><OwnListingMatches key="demand" kind="demand" /></RequirePermission> },
            { path: 'achievements/:id/matches', element: <RequirePermission permission="read:achievement"><OwnListingMatches key="achievement" kind="achievement" /></RequirePermission> },
            { path: 'cases/:id', element: <RequirePermission permission="read:case"><CasePage /></RequirePermission> },
            { path: 'registries/:kind', element: <RegistryConsole /> },
            { path: 'registries/:kind/new', element: <RegistryEditor /> },
            { path: 'registries/:kind/:id', element: <RegistryConsoleEntry /> },
            { path: 'registries/:kind/:id/edit', element: <RegistryEditor /> },
            { path: 'institution-scoring', element: <RequirePermission permission="score:institution"><InstitutionScoring /></RequirePermission> },
            { path: 'broker', element: <RequirePermission permission="read:workload"><WorkloadPage /></RequirePermission> },
            { path: 'funnel', element: <RequirePermission permission="read:funnel"><FunnelPage /></RequirePermission> },
            { path: 'vouchers', element: <RequirePermission permission="read:voucher_programme"><VouchersPage /></RequirePermission> },
            { path: 'vouchers/applications/:id', element: <RequirePermission permission="read:voucher_application"><VoucherApplicationPage /></RequirePermission> },
            { path: 'vouchers/redemptions/:id', element: <RequirePermission permission="read:voucher_redemption"><VoucherRedemptionPage /></RequirePermission> },
            { path: 'voucher-review', element: <RequirePermission permission="read:voucher_application"><VoucherReviewPage /></RequirePermission> },
            { path: 'voucher-report', element: <RequirePermission permission="read:voucher_report"><VoucherReportPage /></RequirePermission> },
            { path: 'funding', element: <RequirePermission permission="read:funding_call"><FundingPage /></RequirePermission> },
            { path: 'funding/calls/:id', element: <RequirePermission permission="read:funding_call"><FundingCallPage /></RequirePermission> },
            { path: 'funding/applications/:id', element: <RequirePermission permission="read:funding_application"><FundingApplicationPage /></RequirePermission> },
            { path: 'funding/experts', element: <RequirePermission permission="read:funding_expert"><FundingExpertsPage /></RequirePermission> },
            { path: 'trading', element: <MyTrading /> },
            { path: 'trading-desk', element: <RequirePermission permission="manage:auction"><TradingDesk /></RequirePermission> },
            { path: 'facilities', element: <RequirePermission permission="read:facility"><MyFacilities /></RequirePermission> },
            { path: 'facilities/:id', element: <RequirePermission permission="read:facility"><FacilityConsole /></RequirePermission> },
            { path: 'bookings', element: <RequirePermission permission="read:booking"><MyBookings /></RequirePermission> },
            { path: 'coverage', element: <RequirePermission permission="read:coverage"><CoveragePage /></RequirePermission> },
            { path: 'commissioners', element: <RequirePermission permission="read:commissioner"><CommissionersPage /></RequirePermission> },
            { path: 'commissioners/:id', element: <RequirePermission permission="read:commissioner"><CommissionerPage /></RequirePermission> },
            { path: 'villages', element: <RequirePermission permission="read:village"><VillagesPage /></RequirePermission> },
            { path: 'contracts', element: <RequirePermission permission="read:contract"><ContractsList /></RequirePermission> },
            { path: 'contracts/new', element: <RequirePermission permission="create:contract"><ContractFormPage key="new" /></RequirePermission> },
            { path: 'contracts/:id', element: <RequirePermission permission="read:contract"><ContractPage /></RequirePermission> },
            { path: 'contracts/:id/edit', element: <RequirePermission permission="create:contract"><ContractFormPage key="edit" /></RequirePermission> },
            { path: 'contract-statistics', element: <RequirePermission permission="read:contractstats"><ContractStatisticsPage /></RequirePermission> },
            { path: 'finance/records', element: <RequirePermission permission="read:financing"><FinanceList /></RequirePermission> },
            { path: 'finance/records/:id', element: <RequirePermission permission="read:financing"><FinanceRecordPage /></RequirePermission> },
            { path: 'finance/statistics', element: <RequirePermission permission="read:financestats"><FinanceStatisticsPage /></RequirePermission> },
            { path: 'rewards', element: <RequirePermission permission="read:income"><RewardsPage /></RequirePermission> },
            { path: 'major-achievements', element: <RequirePermission permission="read:major"><MajorAchievementsPage /></RequirePermission> },
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
