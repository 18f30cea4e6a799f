import { ledgerError } from '../errors.js';

export type SavingsPlanKind = 'flat' | 'percentage';

export interface SavingsTerms {
  kind: SavingsPlanKind;
  /** Minor units for `flat`; basis points (1/100 %) for `percentage`. */
  value: bigint;
}

export interface CreditSplit {
  main: bigint;
  savings: bigint;
}

const basisPointsPerWhole = 10_000n;

/**
 * How a credit into a wallet divides between main and savings. A flat plan takes its
 * amount from every credit, and refuses a credit that is not larger than it (the credit
 * would leave nothing in main); a percentage plan takes its share rounded down to the
 * minor unit, so the wallet's owner never loses a fraction to savings.
 */
export function splitCredit(amountMinor: bigint, plan: SavingsTerms | null): CreditSplit {
  if (amountMinor <= 0n) throw new RangeError(`a credit must be positive, got ${amountMinor}`);
  if (plan === null) return { main: amountMinor, savings: 0n };
  if (plan.kind === 'flat') {
    if (amountMinor <= plan.value) {
      throw ledgerError(
        'credit_not_above_savings',
        'The credit must be larger than the flat amount the receiving wallet’s savings plan puts aside: send more.',
      );
    }
    return { main: amountMinor - plan.value, savings: plan.value };
  }
  // Bigint division truncates, which rounds a positive share down.
  const savings = (amountMinor * plan.value) / basisPointsPerWhole;
  return { main: amountMinor - savings, savings };
}
