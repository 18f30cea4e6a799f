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
import { useClient, useUser } from '../session';

/** The invoices the person paid or was paid, newest first. */
export function InvoicesScreen() {
  return (
    <Screen title="Invoices" lead="An invoice is issued for every payment to a provider.">
      <InvoiceList />
    </Screen>
  );
}

/** The invoices list with its filter: who paid. */
export function InvoiceList() {
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
      {user.role === 'admin' ? (
        <p className="hint">As an administrator, you see every user’s invoices here.</p>
      ) : null}
      <SelectField
        id="invoice-role"
        label="Show"
        value={role}
        onValueChange={(value) => setRole(value === 'payer' || value === 'payee' ? value : '')}
      >
        <option value="">All invoices</option>
        <option value="payer">Invoices you paid</option>
        <option value="payee">Invoices paid to you</option>
      </SelectField>
      {list.status === 'loading' ? <Loading label="Loading your invoices…" /> : null}
      {list.status === 'failed' && list.items.length === 0 ? (
        <ErrorNotice error={list.error} onRetry={loadMore} />
      ) : null}
      {list.status === 'ready' && list.items.length === 0 ? <p className="empty">No invoices yet.</p> : null}
      {list.items.length === 0 ? null : (
        <ul className="item-list">
          {list.items.map((invoice) => (
            <InvoiceItem key={invoice.id} invoice={invoice} userId={user.id} />
          ))}
        </ul>
      )}
      <LoadMore list={list} onLoadMore={loadMore} noun="invoices" />
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
export const invoiceStatusNames = {
  pending: 'Pending',
  paid: 'Paid',
  failed: 'Failed',
  partially_refunded: 'Partly refunded',
  refunded: 'Refunded',
  held: 'Held in escrow',
  cancelled: 'Cancelled',
} as const;

function InvoiceItem({ invoice, userId }: { invoice: Invoice; userId: string }) {
  const paidByMe = invoice.payer_id === userId;
  return (
    <li>
      <Link to={`/invoices/${invoice.id}`} className="item-link">
        <span className="item-main">
          <span className="item-title">Invoice no. {invoice.invoice_no}</span>
          <span className="item-detail">
            {paidByMe ? 'Paid by you' : 'Paid to you'} ·{' '}
            <time dateTime={invoice.issued_at}>{formatDateTime(invoice.issued_at)}</time>
          </span>
          {invoice.description === null ? null : <span className="item-detail">{invoice.description}</span>}
          <span className="badges">
            <Badge tone={invoiceStatusTones[invoice.status]}>{invoiceStatusNames[invoice.status]}</Badge>
          </span>
        </span>
        <span className={`item-amount amount-${paidByMe ? 'out' : 'in'}`}>
          <Money amount={paidByMe ? -invoice.amount : invoice.amount} currency={invoice.currency} signed />
        </span>
      </Link>
    </li>
  );
}
