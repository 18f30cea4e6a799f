import { useState } from 'react';
import { Link } from 'react-router-dom';
import { listInvoices } from '../api/billing';
import type { Invoice } from '../api/types';
import { SelectField } from '../components/fields';
import { LoadMore } from '../components/load-more';
import { Money } from '../components/money';
import { Screen } from '../components/screen';
import { Badge, ErrorNotice, Loading } from '../components/status';
import { formatDateTime } from '../dates';
import { usePagedList } from '../hooks/use-paged-list';
import { i18n, Trans, useTranslation } from '../i18n';
import { useClient, useUser } from '../session';

/** The invoices the person paid or was paid, newest first. */
export function InvoicesScreen() {
  const { t } = useTranslation('invoices');
  return (
    <Screen title={t('title')} lead={t('lead')}>
      <InvoiceList />
    </Screen>
  );
}

/** The invoices list with its filter: who paid. */
export function InvoiceList() {
  const { t } = useTranslation('invoices');
  const client = useClient();
  const user = useUser();
  const [role, setRole] = useState<'' | 'payer' | 'payee'>('');
  const { list, loadMore } = usePagedList(`invoices:${role}`, (cursor, signal) =>
    listInvoices(
      client,
      { limit: 20, ...(role === '' ? {} : { role }), ...(cursor === undefined ? {} : { cursor }) },
      signal,
    ),
  );

  return (
    <>
      {user.role === 'admin' ? <p className="hint">{t('admin')}</p> : null}
      <SelectField
        id="invoice-role"
        label={t('filter.label')}
        value={role}
        onValueChange={(value) => setRole(value === 'payer' || value === 'payee' ? value : '')}
      >
        <option value="">{t('filter.all')}</option>
        <option value="payer">{t('filter.payer')}</option>
        <option value="payee">{t('filter.payee')}</option>
      </SelectField>
      {list.status === 'loading' ? <Loading label={t('loading')} /> : null}
      {list.status === 'failed' && list.items.length === 0 ? (
        <ErrorNotice error={list.error} onRetry={loadMore} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? <p className="empty">{t('none')}</p> : null}
      {list.items.length === 0 ? null : (
        <ul className="item-list">
          {list.items.map((invoice) => (
            <InvoiceItem key={invoice.id} invoice={invoice} userId={user.id} />
          ))}
        </ul>
      )}
      <LoadMore list={list} onLoadMore={loadMore} loadingLabel={t('loadingMore')} loadLabel={t('loadMore')} />
    </>
  );
}

export const invoiceStatusTones = {
  pending: 'warning',
  paid: 'success',
  failed: 'error',
  partially_refunded: 'neutral',
  refunded: 'neutral',
  held: 'warning',
  cancelled: 'neutral',
} as const;
/** An invoice's state in a word or two, as its badge shows it. */
export function invoiceStatusName(status: Invoice['status']): string {
  return i18n.t(`statuses.${status}`, { ns: 'invoices' });
}

function InvoiceItem({ invoice, userId }: { invoice: Invoice; userId: string }) {
  const { t } = useTranslation('invoices');
  const paidByMe = invoice.payer_id === userId;
  return (
    <li>
      <Link to={`/invoices/${invoice.id}`} className="item-link">
        <span className="item-main">
          <span className="item-title">{t('number', { invoiceNo: invoice.invoice_no })}</span>
          <span className="item-detail">
            <Trans
              t={t}
              i18nKey={paidByMe ? 'item.paidByYou' : 'item.paidToYou'}
              components={{
                time: <time dateTime={invoice.issued_at}>{formatDateTime(invoice.issued_at)}</time>,
              }}
            />
          </span>
          {invoice.description === null ? null : <span className="item-detail">{invoice.description}</span>}
          <span className="badges">
            <Badge tone={invoiceStatusTones[invoice.status]}>{invoiceStatusName(invoice.status)}</Badge>
          </span>
        </span>
        <span className={`item-amount amount-${paidByMe ? 'out' : 'in'}`}>
          <Money amount={paidByMe ? -invoice.amount : invoice.amount} currency={invoice.currency} signed />
        </span>
      </Link>
    </li>
  );
}
