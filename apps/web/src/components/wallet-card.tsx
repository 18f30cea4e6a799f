import type { Wallet } from '../api/types';
import { Money } from './money';
import { Badge } from './status';

const statusNames: Record<Wallet['status'], string> = {
  active: 'Active',
  frozen: 'Frozen',
  closed: 'Closed',
};

/** A wallet with its main and savings balances, and what it holds in escrow when it holds any. */
export function WalletCard({ wallet, headingLevel = 3 }: { wallet: Wallet; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article
      className="card wallet-card"
      aria-labelledby={`wallet-${wallet.id}`}
      data-wallet={wallet.currency}
    >
      <Heading id={`wallet-${wallet.id}`} className="wallet-title">
        {wallet.currency} wallet <span className="wallet-type">{wallet.type}</span>
      </Heading>
      <p className="badges">
        {wallet.is_default ? <Badge tone="neutral">Default</Badge> : null}
        {wallet.status === 'active' ? null : <Badge tone="warning">{statusNames[wallet.status]}</Badge>}
      </p>
      <dl className="balances">
        <div className="balance balance-main">
          <dt>Main</dt>
          <dd>
            <Money amount={wallet.main} currency={wallet.currency} />
          </dd>
        </div>
        <div className="balance">
          <dt>Savings</dt>
          <dd>
            <Money amount={wallet.savings} currency={wallet.currency} />
          </dd>
        </div>
        {wallet.held === 0 ? null : (
          <div className="balance">
            <dt>Held in escrow</dt>
            <dd>
              <Money amount={wallet.held} currency={wallet.currency} />
            </dd>
          </div>
        )}
      </dl>
      {wallet.status === 'active' ? null : (
        <p className="hint">
          This wallet is {statusNames[wallet.status].toLowerCase()}: no money can move in or out.
        </p>
      )}
    </article>
  );
}
