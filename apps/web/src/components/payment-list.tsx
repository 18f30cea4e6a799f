import type { Payment } from '../api/types';
import { formatDateTime } from '../dates';
import { useTranslation } from '../i18n';
import { phaseName, phaseOf, phaseTones } from '../payments';
import { Money } from './money';
import { Badge, SandboxBadge } from './status';

/** PayPal payments with their state; one still waiting for approval links back to PayPal. */
export function PaymentList({ payments }: { payments: readonly Payment[] }) {
  const { t } = useTranslation('payments');
  return (
    <ul className="item-list">
      {payments.map((payment) => {
        const phase = phaseOf(payment);
        return (
          <li key={payment.id} className="item">
            <span className="item-main">
              <span className="item-title">
                {payment.paid_to === null ? t('list.moneyAdded') : t('list.providerPaid')}
              </span>
              <span className="item-detail">
                <time dateTime={payment.created_at}>{formatDateTime(payment.created_at)}</time>
              </span>
              <span className="badges">
                <Badge tone={phaseTones[phase]}>{phaseName(phase)}</Badge>
                {payment.sandbox ? <SandboxBadge /> : null}
              </span>
              {phase === 'awaiting-approval' && payment.approve_url !== null ? (
                <a href={payment.approve_url} className="item-detail">
                  {t('list.approve')}
                </a>
              ) : null}
            </span>
            <span className="item-amount">
              <Money amount={payment.amount} currency={payment.currency} />
            </span>
          </li>
        );
      })}
    </ul>
  );
}
