import type { Wallet } from '../api/types';
import { useTranslation } from '../i18n';
import { Money } from './money';
import { Badge } from './status';

/** A wallet with its main and savings balances, and what it holds in escrow when it holds any. */
export function WalletCard({ wallet, headingLevel = 3 }: { wallet: Wallet; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation('wallets');
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article
      className="card wallet-card"
      aria-labelledby={`wallet-${wallet.id}`}
      data-wallet={wallet.currency}
    >
      <Heading id={`wallet-${wallet.id}`} className="wallet-title">
        {t('walletOf', { currency: wallet.currency })} <span className="wallet-type">{wallet.type}</span>
      </Heading>
      <p className="badges">
        {wallet.is_default ? <Badge tone="neutral">{t('default')}</Badge> : null}
        {wallet.status === 'active' ? null : <Badge tone="warning">{t(`status.${wallet.status}`)}</Badge>}
      </p>
      <dl className="balances">
        <div className="balance balance-main">
          <dt>{t('main')}</dt>
          <dd>
            <Money amount={wallet.main} currency={wallet.currency} />
          </dd>
        </div>
        <div className="balance">
          <dt>{t('savings')}</dt>
          <dd>
            <Money amount={wallet.savings} currency={wallet.currency} />
          </dd>
        </div>
        {wallet.held === 0 ? null : (
          <div className="balance">
            <dt>{t('held')}</dt>
            <dd>
              <Money amount={wallet.held} currency={wallet.currency} />
            </dd>
          </div>
        )}
      </dl>
      {wallet.status === 'active' ? null : (
        <p className="hint">{t(`stopped.${wallet.status === 'frozen' ? 'frozen' : 'closed'}`)}</p>
      )}
    </article>
  );
}
