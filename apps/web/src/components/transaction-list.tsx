import { Link } from 'react-router-dom';
import type { Transfer } from '../api/types';
import { formatDateTime } from '../dates';
import { useTranslation } from '../i18n';
import { activityRowsOf, counterpartyLine, noteOf, shownAmountOf, transactionLabel } from '../transactions';
import { Money } from './money';

/**
 * Movements, newest first, each linking to its detail; amounts signed from the person's side.
 * A payment to a provider through PayPal is one row, though PayPal's credit and the payment
 * on to the provider are two transfers.
 */
export function TransactionList({
  transfers,
  walletIds,
}: {
  transfers: readonly Transfer[];
  walletIds: ReadonlySet<string>;
}) {
  const { t } = useTranslation('transactions');
  return (
    <ul className="item-list">
      {activityRowsOf(transfers, walletIds).map((row) => {
        const { transfer } = row;
        const direction = row.kind === 'transfer' ? row.direction : 'out';
        const shown = shownAmountOf(transfer, direction);
        const note = noteOf(transfer);
        const counterparty = counterpartyLine(transfer, direction);
        return (
          <li key={transfer.id}>
            <Link to={`/history/${transfer.id}`} className="item-link">
              <span className="item-main">
                <span className="item-title">
                  {row.kind === 'transfer'
                    ? transactionLabel(transfer, direction)
                    : t('paymentThroughPayPal')}
                </span>
                {counterparty === null ? null : <span className="item-detail">{counterparty}</span>}
                {note === null ? null : <span className="item-detail">{note}</span>}
                <span className="item-detail">
                  <time dateTime={transfer.created_at}>{formatDateTime(transfer.created_at)}</time>
                </span>
              </span>
              <span className={`item-amount amount-${shown.tone}`}>
                <Money
                  amount={shown.amountMinor}
                  currency={transfer.currency}
                  signed={shown.tone !== 'within'}
                />
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
