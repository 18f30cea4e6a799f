import { ledgerRequests } from '@moneypal/contracts';
import { type Bus, serve } from '@moneypal/kit';
import type { CatalogService } from '../services/catalog.service.js';

/** Wallet types, savings plans and transaction rules; changes are the admin's. */
export async function serveCatalogRequests(bus: Bus, catalog: CatalogService): Promise<void> {
  await serve(bus, ledgerRequests.listWalletTypes, () => catalog.listWalletTypes());
  await serve(bus, ledgerRequests.createWalletType, ({ actor, ...input }) =>
    catalog.createWalletType(actor, input),
  );
  await serve(bus, ledgerRequests.listSavingsPlans, () => catalog.listSavingsPlans());
  await serve(bus, ledgerRequests.createSavingsPlan, ({ actor, plan }) =>
    catalog.createSavingsPlan(actor, plan),
  );
  await serve(bus, ledgerRequests.listTransactionRules, ({ actor, wallet_type }) =>
    catalog.listTransactionRules(actor, wallet_type),
  );
  await serve(bus, ledgerRequests.putTransactionRule, ({ actor, rule }) =>
    catalog.putTransactionRule(actor, rule),
  );
}
