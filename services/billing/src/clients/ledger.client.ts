import { ledgerRequests } from '@moneypal/contracts';
import { type Bus, call, type TraceContext } from '@moneypal/kit';
import type { z } from 'zod';

type Contracts = Record<string, { request: z.ZodType; reply: z.ZodType }>;

/** The requests of another service that billing makes, each as a function (the bus behind it is the caller's). */
export type ClientOf<Of extends Contracts, Name extends keyof Of> = {
  [Request in Name]: (
    request: z.input<Of[Request]['request']>,
    trace?: TraceContext,
  ) => Promise<z.output<Of[Request]['reply']>>;
};

/** The ledger, where all money moves; billing never changes a balance itself. */
export type LedgerClient = ClientOf<
  typeof ledgerRequests,
  'deposit' | 'transfer' | 'withdraw' | 'getBalance' | 'createHold' | 'getHold' | 'getWallet'
>;

/** The ledger over the bus, as billing uses it. */
export function ledgerClient(bus: Bus): LedgerClient {
  return {
    deposit: (request, trace) => call(bus, ledgerRequests.deposit, request, trace),
    transfer: (request, trace) => call(bus, ledgerRequests.transfer, request, trace),
    withdraw: (request, trace) => call(bus, ledgerRequests.withdraw, request, trace),
    getBalance: (request, trace) => call(bus, ledgerRequests.getBalance, request, trace),
    createHold: (request, trace) => call(bus, ledgerRequests.createHold, request, trace),
    getHold: (request, trace) => call(bus, ledgerRequests.getHold, request, trace),
    getWallet: (request, trace) => call(bus, ledgerRequests.getWallet, request, trace),
  };
}
