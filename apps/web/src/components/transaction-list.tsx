import { Link } from 'react-router-dom';
import type { Transfer } from '../api/types';
import { formatDateTime } from '../dates';
import { counterpartyLine, directionOf, transactionLabel } from '../transactions';
import { Money } from './money';

/** Movements, newest first, each linking to its detail; amounts signed from the person's side. */
export function TransactionList({
  transfers,
  walletIds,
}: {
  transfers: readonly Transfer[];
  walletIds: ReadonlySet<string>;
}) {
  return (
    <ul className="item-list">
      {transfers.map((transfer) => {
        const direction = directionOf(transfer, walletIds);
        const amount = BigInt(transfer.amount);
        const counterparty = counterpartyLine(transfer, direction);
        return (
          <li key={transfer.id}>
            <Link to={`/history/${transfer.id}`} className="item-link">
              <span className="item-main">
                <span className="item-title">{transactionLabel(transfer, direction)}</span>
                {counterparty === null ? null : <span className="item-detail">{counterparty}</span>}
                {transfer.description === null ? null : (
                  <span className="item-detail">{transfer.description}</span>
                )}
                <span className="item-detail">
                  <time dateTime={transfer.created_at}>{formatDateTime(transfer.created_at)}</time>
                </span>
              </span>
              <span className={`item-amount amount-${direction}`}>
                {direction === 'within' ? (
                  <Money amount={amount} currency={transfer.currency} />
                ) : (
                  <Money amount={direction === 'in' ? amount : -amount} currency={transfer.currency} signed />
                )}
              </span>
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
