import { type FormEvent, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { listTransactions, type TransactionFilters } from '../api/ledger';
import type { TransactionType, Wallet } from '../api/types';
import { SelectField, TextField } from '../components/fields';
import { LoadMore } from '../components/load-more';
import { Screen } from '../components/screen';
import { ErrorNotice, Loading } from '../components/status';
import { TransactionList } from '../components/transaction-list';
import { addDays, isDay, startOfLocalDay } from '../dates';
import { usePagedList } from '../hooks/use-paged-list';
import { defaultWalletOf, useWallets, walletIdsOf } from '../hooks/use-wallets';
import { useTranslation } from '../i18n';
import { useClient, useUser } from '../session';
import { transactionTypeName, transactionTypes } from '../transactions';

interface HistoryFilters {
  wallet: string;
  from: string;
  to: string;
  type: string;
  direction: string;
}

const filterNames: readonly (keyof HistoryFilters)[] = ['wallet', 'from', 'to', 'type', 'direction'];

function filtersOf(search: URLSearchParams): HistoryFilters {
  return {
    wallet: search.get('wallet') ?? '',
    from: search.get('from') ?? '',
    to: search.get('to') ?? '',
    type: search.get('type') ?? '',
    direction: search.get('direction') ?? '',
  };
}

/** The API's filters: local calendar days become instants, the end day included. */
export function queryOf(filters: HistoryFilters): TransactionFilters {
  const query: TransactionFilters = {};
  if (filters.wallet !== '') query.wallet_id = filters.wallet;
  if (isDay(filters.from)) query.from = startOfLocalDay(filters.from);
  if (isDay(filters.to)) query.to = startOfLocalDay(addDays(filters.to, 1));
  if ((transactionTypes as readonly string[]).includes(filters.type))
    query.type = filters.type as TransactionType;
  if (filters.direction === 'in' || filters.direction === 'out') query.direction = filters.direction;
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
        onApply={apply}
      />
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
            query={queryOf({ ...applied, wallet: walletId })}
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
  onApply,
}: {
  initial: HistoryFilters;
  wallets: readonly Wallet[];
  /** Whether "all wallets" is a choice (it is not for an admin, to whom it means every user's). */
  allWallets: boolean;
  onApply(filters: HistoryFilters): void;
}) {
  const { t } = useTranslation('history');
  const [filters, setFilters] = useState(initial);
  const [rangeError, setRangeError] = useState<string>();
  const set = (name: keyof HistoryFilters) => (value: string) => {
    setFilters((current) => ({ ...current, [name]: value }));
    setRangeError(undefined);
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (filters.from !== '' && filters.to !== '' && filters.from > filters.to) {
      setRangeError(t('filters.badRange'));
      return;
    }
    onApply(filters);
  };

  const clear = () => {
    const empty = { wallet: '', from: '', to: '', type: '', direction: '' };
    setFilters(empty);
    onApply(empty);
  };

  return (
    <form onSubmit={submit} noValidate className="card filters" aria-label={t('filters.label')}>
      <div className="filter-grid">
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
