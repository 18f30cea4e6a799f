import type { SavingsPlan } from './api/types';
import { currentLocale, i18n } from './i18n';

const t = i18n.getFixedT(null, 'savings');

/** What a credit to a wallet would do under a savings plan, as the ledger splits it. */
export type SavingsPreview =
  | { kind: 'split'; savingsMinor: bigint; mainMinor: bigint }
  /** A flat plan refuses a credit that is not greater than its amount. */
  | { kind: 'refused'; flatMinor: bigint };

/**
 * The split of a credit of `creditMinor` under `plan` (or no plan), in integers: a flat plan
 * puts its amount aside when the credit is greater than it; a percentage plan puts aside
 * `floor(credit × basis points / 10000)`.
 */
export function previewSavings(
  plan: Pick<SavingsPlan, 'kind' | 'value'> | null,
  creditMinor: bigint,
): SavingsPreview {
  if (plan === null) return { kind: 'split', savingsMinor: 0n, mainMinor: creditMinor };
  const value = BigInt(plan.value);
  if (plan.kind === 'flat') {
    if (creditMinor <= value) return { kind: 'refused', flatMinor: value };
    return { kind: 'split', savingsMinor: value, mainMinor: creditMinor - value };
  }
  // Both are non-negative, so bigint division rounds down as the ledger does.
  const savingsMinor = (creditMinor * value) / 10_000n;
  return { kind: 'split', savingsMinor, mainMinor: creditMinor - savingsMinor };
}

/** A plan's rule in words: `'$5.00 of every credit'` or `'12.5 % of every credit'`, the percentage written the locale's way. */
export function describePlanValue(
  plan: Pick<SavingsPlan, 'kind' | 'value'>,
  formatFlat: (amountMinor: bigint) => string,
): string {
  if (plan.kind === 'flat') return t('planFlat', { amount: formatFlat(BigInt(plan.value)) });
  const whole = Math.trunc(plan.value / 100);
  const hundredths = plan.value % 100;
  const decimal = hundredths === 0 ? `${whole}` : `${whole}.${String(hundredths).padStart(2, '0')}`;
  // The exact decimal string, not a float, is what Intl formats.
  const percent = new Intl.NumberFormat(currentLocale(), { maximumFractionDigits: 2 }).format(
    decimal as Intl.StringNumericLiteral,
  );
  return t('planPercentage', { percent });
}
