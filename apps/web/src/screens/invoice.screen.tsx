import { Link, useParams } from 'react-router-dom';
import { downloadInvoiceReceipt, getInvoice } from '../api/billing';
import type { Invoice } from '../api/types';
import { ReceiptDownload } from '../components/document-downloads';
import { Money } from '../components/money';
import { Screen } from '../components/screen';
import { AsyncView, Badge } from '../components/status';
import { formatDateTime } from '../dates';
import { useResource } from '../hooks/use-resource';
import { useClient, useUser } from '../session';
import { personLabel } from '../transactions';
import { invoiceStatusNames, invoiceStatusTones } from './invoices.screen';

/** One invoice: who paid whom, how much, and when. */
export function InvoiceScreen() {
  const { id = '' } = useParams();
  const client = useClient();
  const invoice = useResource(`invoice:${id}`, (signal) => getInvoice(client, id, signal));
  return (
    <Screen title="Invoice">
      <AsyncView state={invoice.state} onRetry={invoice.reload} loadingLabel="Loading the invoice…">
        {(data) => <InvoiceDetail invoice={data} />}
      </AsyncView>
      {invoice.state.status === 'ready' ? (
        <ReceiptDownload fetchReceipt={() => downloadInvoiceReceipt(client, id)} />
      ) : null}
      <p>
        <Link to="/invoices">Back to your invoices</Link>
      </p>
    </Screen>
  );
}

function InvoiceDetail({ invoice }: { invoice: Invoice }) {
  const user = useUser();
  const party = (userId: string, name: string | null | undefined, handle: string | null | undefined) =>
    userId === user.id ? 'You' : (personLabel(name, handle) ?? 'A MoneyPal user');
  return (
    <article className="card" aria-labelledby="invoice-heading">
      <h2 id="invoice-heading">Invoice no. {invoice.invoice_no}</h2>
      <p className="badges">
        <Badge tone={invoiceStatusTones[invoice.status]}>{invoiceStatusNames[invoice.status]}</Badge>
      </p>
      <p className="summary-amount">
        <Money amount={invoice.amount} currency={invoice.currency} />
      </p>
      <dl className="summary">
        <div>
          <dt>Paid by</dt>
          <dd>{party(invoice.payer_id, invoice.payer_name, invoice.payer_handle)}</dd>
        </div>
        <div>
          <dt>Paid to</dt>
          <dd>{party(invoice.payee_id, invoice.payee_name, invoice.payee_handle)}</dd>
        </div>
        {invoice.description === null ? null : (
          <div>
            <dt>For</dt>
            <dd>{invoice.description}</dd>
          </div>
        )}
        <div>
          <dt>Issued</dt>
          <dd>
            <time dateTime={invoice.issued_at}>{formatDateTime(invoice.issued_at)}</time>
          </dd>
        </div>
        {invoice.paid_at === null ? null : (
          <div>
            <dt>Paid</dt>
            <dd>
              <time dateTime={invoice.paid_at}>{formatDateTime(invoice.paid_at)}</time>
            </dd>
          </div>
        )}
        {invoice.refunded_at === null ? null : (
          <div>
            <dt>Refunded</dt>
            <dd>
              <time dateTime={invoice.refunded_at}>{formatDateTime(invoice.refunded_at)}</time>
            </dd>
          </div>
        )}
        {invoice.amount_paid === null || invoice.amount_paid === invoice.amount ? null : (
          <div>
            <dt>Released</dt>
            <dd>
              <Money amount={invoice.amount_paid} currency={invoice.currency} /> to the provider, the rest
              back to the payer
            </dd>
          </div>
        )}
        <div>
          <dt>Paid with</dt>
          <dd>
            {invoice.payment_id !== null
              ? 'PayPal'
              : invoice.hold_id === null
                ? 'MoneyPal wallet'
                : 'MoneyPal wallet, through escrow'}
          </dd>
        </div>
      </dl>
      {invoice.transfer_id === null && invoice.hold_id === null ? null : (
        <ul className="link-list">
          {invoice.transfer_id === null ? null : (
            <li>
              <Link to={`/history/${invoice.transfer_id}`}>See the transaction</Link>
            </li>
          )}
          {invoice.hold_id === null ? null : (
            <li>
              <Link to="/holds">See your held payments</Link>
            </li>
          )}
        </ul>
      )}
    </article>
  );
}
