import { BrowserRouter, Navigate, Outlet, Route, Routes, useLocation } from 'react-router-dom';
import type { ApiClient } from './api/client';
import { AppLayout } from './components/layout';
import { Loading, Notice } from './components/status';
import { useTranslation } from './i18n';
import { nextPathOf } from './navigation';
import { CashOutScreen } from './screens/cash-out.screen';
import { ForgotPasswordScreen } from './screens/forgot-password.screen';
import { FundScreen } from './screens/fund.screen';
import { HistoryScreen } from './screens/history.screen';
import { HoldsScreen } from './screens/holds.screen';
import { HomeScreen } from './screens/home.screen';
import { InvoiceScreen } from './screens/invoice.screen';
import { InvoicesScreen } from './screens/invoices.screen';
import { LoginScreen } from './screens/login.screen';
import { NotFoundScreen } from './screens/not-found.screen';
import { NotificationsScreen } from './screens/notifications.screen';
import { PayScreen } from './screens/pay.screen';
import { PaymentRequestScreen, PaymentRequestsScreen } from './screens/payment-requests.screen';
import { PaymentCancelScreen, PaymentReturnScreen } from './screens/payment-return.screen';
import { ProfileScreen } from './screens/profile.screen';
import { ReceiveScreen } from './screens/receive.screen';
import { RegisterScreen } from './screens/register.screen';
import { ReportsScreen } from './screens/reports.screen';
import { RequestMoneyScreen } from './screens/request-money.screen';
import { SavingsScreen } from './screens/savings.screen';
import { TransactionScreen } from './screens/transaction.screen';
import { TransferScreen } from './screens/transfer.screen';
import { SessionProvider, useSession } from './session';

export function App({ client }: { client: ApiClient }) {
  return (
    <SessionProvider client={client}>
      <BrowserRouter>
        <AppRoutes />
      </BrowserRouter>
    </SessionProvider>
  );
}

export function AppRoutes() {
  return (
    <Routes>
      <Route element={<PublicOnly />}>
        <Route path="/login" element={<LoginScreen />} />
        <Route path="/register" element={<RegisterScreen />} />
        <Route path="/forgot-password" element={<ForgotPasswordScreen />} />
      </Route>
      <Route element={<RequireSession />}>
        <Route element={<AppLayout />}>
          <Route index element={<HomeScreen />} />
          <Route path="fund" element={<FundScreen />} />
          <Route path="pay" element={<PayScreen />} />
          <Route path="pay/return" element={<PaymentReturnScreen />} />
          <Route path="pay/cancel" element={<PaymentCancelScreen />} />
          <Route path="transfer" element={<TransferScreen />} />
          {/* A payment link: the send screen, filled from the link's query string. */}
          <Route path="send" element={<TransferScreen />} />
          <Route path="receive" element={<ReceiveScreen />} />
          <Route path="cash-out" element={<CashOutScreen />} />
          <Route path="holds" element={<HoldsScreen />} />
          <Route path="request" element={<RequestMoneyScreen />} />
          <Route path="requests" element={<PaymentRequestsScreen />} />
          <Route path="requests/:id" element={<PaymentRequestScreen />} />
          <Route path="savings" element={<SavingsScreen />} />
          <Route path="history" element={<HistoryScreen />} />
          <Route path="history/:id" element={<TransactionScreen />} />
          <Route path="reports" element={<ReportsScreen />} />
          <Route path="invoices" element={<InvoicesScreen />} />
          <Route path="invoices/:id" element={<InvoiceScreen />} />
          <Route path="notifications" element={<NotificationsScreen />} />
          <Route path="profile" element={<ProfileScreen />} />
          <Route path="*" element={<NotFoundScreen />} />
        </Route>
      </Route>
    </Routes>
  );
}

/** Screens that need a user: restores a stored session first, else sends the person to log in. */
function RequireSession() {
  const { t } = useTranslation();
  const { state, restore } = useSession();
  const location = useLocation();
  if (state.status === 'restoring') {
    return (
      <main className="standalone" id="main">
        <Loading label={t('session.opening')} />
      </main>
    );
  }
  if (state.status === 'unreachable') {
    return (
      <main className="standalone" id="main">
        <h1>{t('appName')}</h1>
        <Notice tone="error" live>
          <p>{t('session.unreachable')}</p>
          <button type="button" className="button button-secondary" onClick={restore}>
            {t('tryAgain')}
          </button>
        </Notice>
      </main>
    );
  }
  if (state.status === 'signed-out') {
    // After logging out, the next login starts at home rather than where the person left.
    const next =
      state.reason === 'logged-out' || state.reason === 'deleted'
        ? '/'
        : `${location.pathname}${location.search}`;
    return <Navigate to={next === '/' ? '/login' : `/login?next=${encodeURIComponent(next)}`} replace />;
  }
  return <Outlet />;
}

/** Login and registration: a signed-in person goes on to the app. */
function PublicOnly() {
  const { t } = useTranslation();
  const { state } = useSession();
  const location = useLocation();
  if (state.status === 'signed-in') return <Navigate to={nextPathOf(location.search)} replace />;
  if (state.status === 'restoring') {
    return (
      <main className="standalone" id="main">
        <Loading label={t('session.opening')} />
      </main>
    );
  }
  return <Outlet />;
}
