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
import { register as enRegister } from './en/register';
import { reports as enReports } from './en/reports';
import { savings as enSavings } from './en/savings';
import { sendForm as enSendForm } from './en/sendForm';
import { transaction as enTransaction } from './en/transaction';
import { transactions as enTransactions } from './en/transactions';
import { transfer as enTransfer } from './en/transfer';
import { wallets as enWallets } from './en/wallets';
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
import { register as frRegister } from './fr/register';
import { reports as frReports } from './fr/reports';
import { savings as frSavings } from './fr/savings';
import { sendForm as frSendForm } from './fr/sendForm';
import { transaction as frTransaction } from './fr/transaction';
import { transactions as frTransactions } from './fr/transactions';
import { transfer as frTransfer } from './fr/transfer';
import { wallets as frWallets } from './fr/wallets';

/*
 * Every string a person reads goes through i18next. English is the source: each namespace
 * (one per screen or feature) is a plain object in `en/`, and its French twin in `fr/` is typed
 * by it, so a key missing in either language fails the type check.
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
};

/** The shape of one namespace, with its strings as any string: what a translation must fill. */
export type Catalog<Namespace extends keyof typeof english> = Widen<(typeof english)[Namespace]>;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };

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
};

export const resources = { en: english, fr: french };

export type Language = keyof typeof resources;

export const languages: readonly Language[] = ['en', 'fr'];
