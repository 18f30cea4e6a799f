import { cashOut as enCashOut } from './en/cashOut';
import { chart as enChart } from './en/chart';
import { common as enCommon } from './en/common';
import { errors as enErrors } from './en/errors';
import { forgotPassword as enForgotPassword } from './en/forgotPassword';
import { forms as enForms } from './en/forms';
import { fund as enFund } from './en/fund';
import { history as enHistory } from './en/history';
import { holds as enHolds } from './en/holds';
import { home as enHome } from './en/home';
import { invoices as enInvoices } from './en/invoices';
import { login as enLogin } from './en/login';
import { money as enMoney } from './en/money';
import { notFound as enNotFound } from './en/notFound';
import { notifications as enNotifications } from './en/notifications';
import { pay as enPay } from './en/pay';
import { paymentReturn as enPaymentReturn } from './en/paymentReturn';
import { payments as enPayments } from './en/payments';
import { profile as enProfile } from './en/profile';
import { receive as enReceive } from './en/receive';
import { register as enRegister } from './en/register';
import { reports as enReports } from './en/reports';
import { requests as enRequests } from './en/requests';
import { savings as enSavings } from './en/savings';
import { sendForm as enSendForm } from './en/sendForm';
import { statements as enStatements } from './en/statements';
import { transaction as enTransaction } from './en/transaction';
import { transactions as enTransactions } from './en/transactions';
import { transfer as enTransfer } from './en/transfer';
import { wallets as enWallets } from './en/wallets';

/*
 * Every string a person reads goes through i18next. English is the source: each namespace
 * (one per screen or feature) is a plain object in `en/`, listed here; its French twin in
 * `fr/` is typed by it (`Catalog` in catalog.ts) and listed in resources.ts, so a key
 * missing in either language fails the type check.
 */

export const english = {
  common: enCommon,
  errors: enErrors,
  forms: enForms,
  money: enMoney,
  transactions: enTransactions,
  payments: enPayments,
  savings: enSavings,
  wallets: enWallets,
  sendForm: enSendForm,
  chart: enChart,
  login: enLogin,
  register: enRegister,
  forgotPassword: enForgotPassword,
  home: enHome,
  fund: enFund,
  pay: enPay,
  paymentReturn: enPaymentReturn,
  transfer: enTransfer,
  cashOut: enCashOut,
  holds: enHolds,
  history: enHistory,
  transaction: enTransaction,
  reports: enReports,
  invoices: enInvoices,
  notifications: enNotifications,
  profile: enProfile,
  notFound: enNotFound,
  receive: enReceive,
  statements: enStatements,
  requests: enRequests,
};
