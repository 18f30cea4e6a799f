import type { Catalog } from './catalog';
import { english } from './english';
import { cashOut as frCashOut } from './fr/cashOut';
import { chart as frChart } from './fr/chart';
import { common as frCommon } from './fr/common';
import { errors as frErrors } from './fr/errors';
import { forgotPassword as frForgotPassword } from './fr/forgotPassword';
import { forms as frForms } from './fr/forms';
import { fund as frFund } from './fr/fund';
import { history as frHistory } from './fr/history';
import { holds as frHolds } from './fr/holds';
import { home as frHome } from './fr/home';
import { invoices as frInvoices } from './fr/invoices';
import { login as frLogin } from './fr/login';
import { money as frMoney } from './fr/money';
import { notFound as frNotFound } from './fr/notFound';
import { notifications as frNotifications } from './fr/notifications';
import { pay as frPay } from './fr/pay';
import { paymentReturn as frPaymentReturn } from './fr/paymentReturn';
import { payments as frPayments } from './fr/payments';
import { profile as frProfile } from './fr/profile';
import { receive as frReceive } from './fr/receive';
import { register as frRegister } from './fr/register';
import { reports as frReports } from './fr/reports';
import { requests as frRequests } from './fr/requests';
import { savings as frSavings } from './fr/savings';
import { sendForm as frSendForm } from './fr/sendForm';
import { statements as frStatements } from './fr/statements';
import { transaction as frTransaction } from './fr/transaction';
import { transactions as frTransactions } from './fr/transactions';
import { transfer as frTransfer } from './fr/transfer';
import { wallets as frWallets } from './fr/wallets';

export type { Catalog } from './catalog';
export { english } from './english';

/** The French twin of every English namespace (english.ts). */
export const french: { [Namespace in keyof typeof english]: Catalog<Namespace> } = {
  common: frCommon,
  errors: frErrors,
  forms: frForms,
  money: frMoney,
  transactions: frTransactions,
  payments: frPayments,
  savings: frSavings,
  wallets: frWallets,
  sendForm: frSendForm,
  chart: frChart,
  login: frLogin,
  register: frRegister,
  forgotPassword: frForgotPassword,
  home: frHome,
  fund: frFund,
  pay: frPay,
  paymentReturn: frPaymentReturn,
  transfer: frTransfer,
  cashOut: frCashOut,
  holds: frHolds,
  history: frHistory,
  transaction: frTransaction,
  reports: frReports,
  invoices: frInvoices,
  notifications: frNotifications,
  profile: frProfile,
  notFound: frNotFound,
  receive: frReceive,
  statements: frStatements,
  requests: frRequests,
};

export const resources = { en: english, fr: french };

export type Language = keyof typeof resources;

export const languages: readonly Language[] = ['en', 'fr'];
