import { Link, useParams } from 'react-router-dom';
import { downloadInvoiceReceipt, getInvoice } from '../api/billing';
import type { Invoice } from '../api/types';
import { ReceiptDownload } from '../components/document-downloads';
import { Money } from '../components/money';
import { Screen } from '../components/screen';
import { AsyncView, Badge } from '../components/status';
import { formatDateTime } from '../dates';
import { useResource } from '../hooks/use-resource';
import { Trans, useTranslation } from '../i18n';
import { useClient, useUser } from '../session';
import { personLabel } from '../transactions';
import { invoiceStatusName, invoiceStatusTones } from './invoices.screen';

/** One invoice: who paid whom, how much, and when. */
export function InvoiceScreen() {
  const { t } = useTranslation('invoices');
  const { id = '' } = useParams();
  const client = useClient();
  const invoice = useResource(`invoice:${id}`, (signal) => getInvoice(client, id, signal));
  return (
    <Screen title={t('detail.title')}>
      <AsyncView state={invoice.state} onRetry={invoice.reload} loadingLabel={t('detail.loading')}>
        {(data) => <InvoiceDetail invoice={data} />}
      </AsyncView>
      {invoice.state.status === 'ready' ? (
        <ReceiptDownload fetchReceipt={() => downloadInvoiceReceipt(client, id)} />
      ) : null}
      <p>
        <Link to="/invoices">{t('detail.back')}</Link>
      </p>
    </Screen>
  );
}

function InvoiceDetail({ invoice }: { invoice: Invoice }) {
  const { t } = useTranslation('invoices');
  const user = useUser();
  const party = (userId: string, name: string | null | undefined, handle: string | null | undefined) =>
    userId === user.id ? t('detail.you') : (personLabel(name, handle) ?? t('detail.someone'));
  return (
    <article className="card" aria-labelledby="invoice-heading">
      <h2 id="invoice-heading">{t('number', { invoiceNo: invoice.invoice_no })}</h2>
      <p className="badges">
        <Badge tone={invoiceStatusTones[invoice.status]}>{invoiceStatusName(invoice.status)}</Badge>
      </p>
      <p className="summary-amount">
        <Money amount={invoice.amount} currency={invoice.currency} />
      </p>
      <dl className="summary">
        <div>
          <dt>{t('detail.paidBy')}</dt>
          <dd>{party(invoice.payer_id, invoice.payer_name, invoice.payer_handle)}</dd>
        </div>
        <div>
          <dt>{t('detail.paidTo')}</dt>
          <dd>{party(invoice.payee_id, invoice.payee_name, invoice.payee_handle)}</dd>
        </div>
        {invoice.description === null ? null : (
          <div>
            <dt>{t('detail.for')}</dt>
            <dd>{invoice.description}</dd>
          </div>
        )}
        <div>
          <dt>{t('detail.issued')}</dt>
          <dd>
            <time dateTime={invoice.issued_at}>{formatDateTime(invoice.issued_at)}</time>
          </dd>
        </div>
        {invoice.paid_at === null ? null : (
          <div>
            <dt>{t('detail.paid')}</dt>
            <dd>
              <time dateTime={invoice.paid_at}>{formatDateTime(invoice.paid_at)}</time>
            </dd>
          </div>
        )}
        {invoice.refunded_at === null ? null : (
          <div>
            <dt>{t('detail.refunded')}</dt>
            <dd>
              <time dateTime={invoice.refunded_at}>{formatDateTime(invoice.refunded_at)}</time>
            </dd>
          </div>
        )}
        {invoice.amount_paid === null || invoice.amount_paid === invoice.amount ? null : (
          <div>
            <dt>{t('detail.released')}</dt>
            <dd>
              <Trans
                t={t}
                i18nKey="detail.releasedPart"
                components={{ amount: <Money amount={invoice.amount_paid} currency={invoice.currency} /> }}
              />
            </dd>
          </div>
        )}
        <div>
          <dt>{t('detail.paidWith')}</dt>
          <dd>
            {invoice.payment_id !== null
              ? t('detail.withPayPal')
              : invoice.hold_id === null
                ? t('detail.withWallet')
                : t('detail.withEscrow')}
          </dd>
        </div>
      </dl>
      {invoice.transfer_id === null && invoice.hold_id === null ? null : (
        <ul className="link-list">
          {invoice.transfer_id === null ? null : (
            <li>
              <Link to={`/history/${invoice.transfer_id}`}>{t('detail.seeTransaction')}</Link>
            </li>
          )}
          {invoice.hold_id === null ? null : (
            <li>
              <Link to="/holds">{t('detail.seeHolds')}</Link>
            </li>
          )}
        </ul>
      )}
    </article>
  );
}
