import { useMemo } from 'react';
import { useLocation } from 'react-router-dom';
import { useTranslation } from '../i18n';
import { type ParsedPaymentLink, parsePaymentLink } from '../payment-link';
import { Notice } from './status';

/** The payment link the send screen was opened with, if any, checked for the payer's currency. */
export function usePaymentLink(currency: string): ParsedPaymentLink {
  const { search } = useLocation();
  return useMemo(() => parsePaymentLink(search, currency), [search, currency]);
}

/** Says that the form was filled from a payment link, and which of its values were left out. */
export function PaymentLinkNotice({ link }: { link: ParsedPaymentLink }) {
  const { t } = useTranslation('receive');
  if (!link.present) return null;
  const fields = link.ignored.map((field) => t(`link.fields.${field}`)).join(', ');
  return (
    <Notice tone={link.ignored.length === 0 ? 'info' : 'warning'}>
      <p>
        <strong>{t('link.heading')}.</strong> {t('link.filled')}
      </p>
      {link.ignored.length === 0 ? null : <p>{t('link.ignored', { count: link.ignored.length, fields })}</p>}
    </Notice>
  );
}
