import type { identityRequests, ledgerRequests } from '@moneypal/contracts';
import type { TraceContext } from '@moneypal/kit';
import type { z } from 'zod';

type Contracts = Record<string, { request: z.ZodType; reply: z.ZodType }>;

/** The requests of another service that billing makes, each as a function (the bus behind it is the caller's). */
type ClientOf<Of extends Contracts, Name extends keyof Of> = {
  [Request in Name]: (
    request: z.input<Of[Request]['request']>,
    trace?: TraceContext,
  ) => Promise<z.output<Of[Request]['reply']>>;
};

/** The ledger, where all money moves; billing never changes a balance itself. */
export type LedgerClient = ClientOf<
  typeof ledgerRequests,
  'deposit' | 'transfer' | 'withdraw' | 'getBalance'
>;

/** Identity, for the provider a bill names. */
export type IdentityClient = ClientOf<typeof identityRequests, 'getUser'>;
