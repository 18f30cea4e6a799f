import { ledgerRequests } from '@moneypal/contracts';
import { type Bus, serve } from '@moneypal/kit';
import type { HistoryService } from '../services/history.service.js';

export async function serveHistoryRequests(bus: Bus, history: HistoryService): Promise<void> {
  await serve(bus, ledgerRequests.listTransactions, ({ actor, ...query }) =>
    history.listTransactions(actor, query),
  );
  await serve(bus, ledgerRequests.getTransaction, ({ actor, transfer_id }) =>
    history.getTransaction(actor, transfer_id),
  );
  await serve(bus, ledgerRequests.getStatement, ({ actor, wallet_id, from, to }) =>
    history.getStatement(actor, wallet_id, { from, to }),
  );
}
