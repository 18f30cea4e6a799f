import { ledgerRequests } from '@moneypal/contracts';
import { type Bus, serve } from '@moneypal/kit';
import type { MovementService } from '../services/movement.service.js';

/** The requests that move money; each carries the caller's Idempotency-Key. */
export async function serveMovementRequests(bus: Bus, movements: MovementService): Promise<void> {
  await serve(bus, ledgerRequests.transfer, (request, context) => movements.transfer(request, context));
  await serve(bus, ledgerRequests.transferBatch, (request, context) =>
    movements.transferBatch(request, context),
  );
  await serve(bus, ledgerRequests.deposit, (request, context) => movements.deposit(request, context));
  await serve(bus, ledgerRequests.reverseTransfer, (request, context) =>
    movements.reverseTransfer(request, context),
  );
  await serve(bus, ledgerRequests.withdraw, (request, context) => movements.withdraw(request, context));
  await serve(bus, ledgerRequests.settleWithdrawal, async (request, context) => {
    const { result } = await movements.settleWithdrawal(request, context);
    return { transfer: result.transfer };
  });
  await serve(bus, ledgerRequests.releaseWallet, (request, context) =>
    movements.releaseWallet(request, context),
  );
  await serve(bus, ledgerRequests.reverseWithdrawal, (request, context) =>
    movements.reverseWithdrawal(request, context),
  );
  await serve(bus, ledgerRequests.withdrawSavings, (request, context) =>
    movements.withdrawSavings(request, context),
  );
}
