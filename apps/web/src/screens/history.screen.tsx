import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { listTransactions, type TransactionFilters } from '../api/ledger';
import type { TransactionType, Wallet } from '../api/types';
import { StatementDownload } from '../components/document-downloads';
import { SelectField, TextField } from '../components/fields';
import { LoadMore } from '../components/load-more';
import { Screen } from '../components/screen';
import { ErrorNotice, Loading } from '../components/status';
import { TransactionList } from '../components/transaction-list';
import { addDays, isDay, startOfLocalDay } from '../dates';
import { usePagedList } from '../hooks/use-paged-list';
import { defaultWalletOf, useWallets, walletIdsOf } from '../hooks/use-wallets';
import { useTranslation } from '../i18n';
import { amountExampleOf, parseAmount, toWireAmount } from '../money';
import { useClient, useUser } from '../session';
import { transactionTypeName, transactionTypes } from '../transactions';

interface HistoryFilters {
  wallet: string;
  from: string;
  to: string;
  type: string;
  direction: string;
  /** Words of the other person's name or user name, and of the note. */
  person: string;
  note: string;
  /** Amounts as the person typed them, in the wallet's currency. */
  min: string;
  max: string;
}

const filterNames: readonly (keyof HistoryFilters)[] = [
  'wallet',
  'from',
  'to',
  'type',
  'direction',
  'person',
  'note',
  'min',
  'max',
];
const noFilters: HistoryFilters = {
  wallet: '',
  from: '',
  to: '',
  type: '',
  direction: '',
  person: '',
  note: '',
  min: '',
  max: '',
};

function filtersOf(search: URLSearchParams): HistoryFilters {
  return {
    wallet: search.get('wallet') ?? '',
    from: search.get('from') ?? '',
    to: search.get('to') ?? '',
    type: search.get('type') ?? '',
    direction: search.get('direction') ?? '',
    person: search.get('person') ?? '',
    note: search.get('note') ?? '',
    min: search.get('min') ?? '',
    max: search.get('max') ?? '',
  };
}

/** The API's filters: local calendar days become instants, the end day included. */
export function queryOf(filters: HistoryFilters, currency = 'USD'): TransactionFilters {
  const query: TransactionFilters = {};
  if (filters.wallet !== '') query.wallet_id = filters.wallet;
  if (isDay(filters.from)) query.from = startOfLocalDay(filters.from);
  if (isDay(filters.to)) query.to = startOfLocalDay(addDays(filters.to, 1));
  if ((transactionTypes as readonly string[]).includes(filters.type))
    query.type = filters.type as TransactionType;
  if (filters.direction === 'in' || filters.direction === 'out') query.direction = filters.direction;
  if (filters.person.trim() !== '') query.counterparty = filters.person.trim();
  if (filters.note.trim() !== '') query.q = filters.note.trim();
  const min = parseAmount(filters.min, currency);
  if (min.ok) query.min_amount = toWireAmount(min.amountMinor);
  const max = parseAmount(filters.max, currency);
  if (max.ok) query.max_amount = toWireAmount(max.amountMinor);
  return query;
}

/** Every movement, newest first, filtered by wallet, dates, type and direction; scrolls for more. */
export function HistoryScreen() {
  const { t } = useTranslation('history');
  const user = useUser();
  const wallets = useWallets();
  const [search, setSearch] = useSearchParams();
  const applied = filtersOf(search);
  const walletList = wallets.state.status === 'ready' ? wallets.state.data : [];
  const isAdmin = user.role === 'admin';
  // The history answers an admin every user's movements: an admin sees one of their own wallets.
  const walletId =
    applied.wallet !== '' || !isAdmin ? applied.wallet : (defaultWalletOf(walletList)?.id ?? null);
  // Amounts are typed in the chosen wallet's currency, else the default wallet's.
  const chosenWallet =
    walletList.find((wallet) => wallet.id === applied.wallet) ?? defaultWalletOf(walletList);
  const currency = chosenWallet?.currency ?? 'USD';

  const apply = (filters: HistoryFilters) => {
    const next = new URLSearchParams();
    for (const name of filterNames) if (filters[name] !== '') next.set(name, filters[name]);
    setSearch(next);
  };

  return (
    <Screen title={t('title')}>
      <HistoryFilterForm
        key={search.toString()}
        initial={applied}
        wallets={walletList}
        allWallets={!isAdmin}
        currency={currency}
        onApply={apply}
      />
      {chosenWallet === undefined ? null : (
        <StatementDownload key={chosenWallet.id} walletId={chosenWallet.id} />
      )}
      <section aria-labelledby="results-heading" className="section">
        <h2 id="results-heading" className="visually-hidden">
          {t('results')}
        </h2>
        {walletId === null ? (
          wallets.state.status === 'ready' ? (
            <p className="empty">{t('noneYet')}</p>
          ) : (
            <Loading label={t('loading')} />
          )
        ) : (
          <HistoryResults
            query={queryOf({ ...applied, wallet: walletId }, currency)}
            walletIds={walletIdsOf(walletList)}
          />
        )}
      </section>
    </Screen>
  );
}

function HistoryResults({ query, walletIds }: { query: TransactionFilters; walletIds: ReadonlySet<string> }) {
  const { t } = useTranslation('history');
  const client = useClient();
  const { list, loadMore } = usePagedList(JSON.stringify(query), (cursor, signal) =>
    listTransactions(client, { ...query, limit: 20, ...(cursor === undefined ? {} : { cursor }) }, signal),
  );
  return (
    <>
      {list.status === 'loading' ? <Loading label={t('loading')} /> : null}
      {list.status === 'failed' && list.items.length === 0 ? (
        <ErrorNotice error={list.error} onRetry={loadMore} />
      ) : null}
      {list.status !== 'loading' && list.status !== 'failed' && list.items.length === 0 ? (
        <p className="empty">{t('noMatch')}</p>
      ) : null}
      {list.items.length > 0 ? <TransactionList transfers={list.items} walletIds={walletIds} /> : null}
      <LoadMore list={list} onLoadMore={loadMore} loadingLabel={t('loadingMore')} loadLabel={t('loadMore')} />
    </>
  );
}

function HistoryFilterForm({
  initial,
  wallets,
  allWallets,
  currency,
  onApply,
}: {
  initial: HistoryFilters;
  wallets: readonly Wallet[];
  /** Whether "all wallets" is a choice (it is not for an admin, to whom it means every user's). */
  allWallets: boolean;
  /** The currency amounts are typed in. */
  currency: string;
  onApply(filters: HistoryFilters): void;
}) {
  const { t } = useTranslation('history');
  const { t: st } = useTranslation('statements');
  const [filters, setFilters] = useState(initial);
  const [rangeError, setRangeError] = useState<string>();
  const [amountErrors, setAmountErrors] = useState<{ min?: string; max?: string }>({});
  const set = (name: keyof HistoryFilters) => (value: string) => {
    setFilters((current) => ({ ...current, [name]: value }));
    setRangeError(undefined);
    setAmountErrors({});
  };

  /** The amount range's errors: each amount must read as one, the smallest not above the largest. */
  const amountErrorsOf = (values: HistoryFilters): { min?: string; max?: string } => {
    const example = amountExampleOf(currency);
    const min = values.min.trim() === '' ? undefined : parseAmount(values.min, currency);
    const max = values.max.trim() === '' ? undefined : parseAmount(values.max, currency);
    const errors: { min?: string; max?: string } = {};
    if (min?.ok === false) errors.min = st('search.amountInvalid', { example });
    if (max?.ok === false) errors.max = st('search.amountInvalid', { example });
    if (min?.ok && max?.ok && min.amountMinor > max.amountMinor) errors.min = st('search.rangeInvalid');
    return errors;
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (filters.from !== '' && filters.to !== '' && filters.from > filters.to) {
      setRangeError(t('filters.badRange'));
      return;
    }
    const errors = amountErrorsOf(filters);
    if (errors.min !== undefined || errors.max !== undefined) {
      setAmountErrors(errors);
      return;
    }
    onApply(filters);
  };

  const clear = () => {
    setFilters(noFilters);
    onApply(noFilters);
  };

  return (
    <form onSubmit={submit} noValidate className="card filters" aria-label={t('filters.label')}>
      <div className="filter-grid">
        <TextField
          id="filter-person"
          label={st('search.person')}
          type="search"
          hint={st('search.personHint')}
          value={filters.person}
          onValueChange={set('person')}
          required={false}
          maxLength={100}
        />
        <TextField
          id="filter-note"
          label={st('search.note')}
          type="search"
          value={filters.note}
          onValueChange={set('note')}
          required={false}
          maxLength={100}
        />
        <TextField
          id="filter-min"
          label={`${st('search.minAmount')} (${currency})`}
          inputMode="decimal"
          value={filters.min}
          onValueChange={set('min')}
          required={false}
          error={amountErrors.min}
        />
        <TextField
          id="filter-max"
          label={`${st('search.maxAmount')} (${currency})`}
          inputMode="decimal"
          value={filters.max}
          onValueChange={set('max')}
          required={false}
          error={amountErrors.max}
        />
        {wallets.length > 1 ? (
          <SelectField
            id="filter-wallet"
            label={t('filters.wallet')}
            value={filters.wallet}
            onValueChange={set('wallet')}
          >
            {allWallets ? <option value="">{t('filters.allWallets')}</option> : null}
            {wallets.map((wallet) => (
              <option key={wallet.id} value={wallet.id}>
                {t('filters.walletOption', { currency: wallet.currency, type: wallet.type })}
              </option>
            ))}
          </SelectField>
        ) : null}
        <TextField
          id="filter-from"
          label={t('filters.from')}
          type="date"
          value={filters.from}
          onValueChange={set('from')}
          required={false}
          error={rangeError}
        />
        <TextField
          id="filter-to"
          label={t('filters.to')}
          type="date"
          value={filters.to}
          onValueChange={set('to')}
          required={false}
        />
        <SelectField
          id="filter-type"
          label={t('filters.type')}
          value={filters.type}
          onValueChange={set('type')}
        >
          <option value="">{t('filters.allTypes')}</option>
          {transactionTypes.map((type) => (
            <option key={type} value={type}>
              {transactionTypeName(type)}
            </option>
          ))}
        </SelectField>
        <SelectField
          id="filter-direction"
          label={t('filters.direction')}
          value={filters.direction}
          onValueChange={set('direction')}
        >
          <option value="">{t('filters.inAndOut')}</option>
          <option value="in">{t('filters.in')}</option>
          <option value="out">{t('filters.out')}</option>
        </SelectField>
      </div>
      <div className="actions">
        <button type="submit" className="button">
          {t('filters.apply')}
        </button>
        <button type="button" className="button button-secondary" onClick={clear}>
          {t('filters.clear')}
        </button>
      </div>
    </form>
  );
}
