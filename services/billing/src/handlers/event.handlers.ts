import {
  holdEventData,
  identityEvents,
  ledgerEvents,
  paymentEventData,
  paymentsEvents,
  transferPostedData,
  userCreatedData,
  userDeletedData,
  userUpdatedData,
} from '@moneypal/contracts';
import type { Bus, EventHandler } from '@moneypal/kit';
import { movementsOf } from '../domain/report.js';
import type { EscrowService } from '../services/escrow.service.js';
import type { PartyNameService } from '../services/party-name.service.js';
import type { ReportService } from '../services/report.service.js';
import { billingConsumer, type SettlementService } from '../services/settlement.service.js';

/** How long a batch of posted transfers gathers events before it is projected. */
const transferBatchWaitMs = 50;

/**
 * Every event billing consumes, under one consumer (one inbox): payments' results, which
 * move money and change invoices, the ledger's settled holds, which end escrow bills'
 * invoices, the ledger's posted transfers, which feed reports, and identity's user events,
 * whose names invoices show.
 * An event whose data breaks its contract throws (failing its batch, which is then
 * applied one by one), is redelivered, and ends as a visible dead letter.
 */
export async function subscribeToEvents(
  bus: Bus,
  services: {
    settlements: SettlementService;
    reports: ReportService;
    escrow: EscrowService;
    partyNames: PartyNameService;
  },
): Promise<void> {
  const { settlements, reports, escrow, partyNames } = services;
  const applyHoldSettled: EventHandler = async (event, { context }) => {
    await escrow.applyHoldSettled(event, holdEventData.parse(event.data).hold, context);
  };
  await bus.subscribe(billingConsumer, {
    [paymentsEvents.paymentCreated]: async (event, { context }) => {
      const { payment } = paymentEventData.parse(event.data);
      await settlements.applyPaymentCreated(event, payment, context);
    },
    [paymentsEvents.paymentCaptured]: async (event, { context }) => {
      const { payment } = paymentEventData.parse(event.data);
      await settlements.applyPaymentCaptured(event, payment, context);
    },
    [paymentsEvents.paymentFailed]: async (event, { context }) => {
      const { payment } = paymentEventData.parse(event.data);
      await settlements.applyPaymentFailed(event, payment, context);
    },
    [paymentsEvents.paymentRefunded]: async (event, { context }) => {
      const { payment, refund } = paymentEventData.parse(event.data);
      // An event from before partial refunds: its payment was refunded in full, by one refund.
      await settlements.applyPaymentRefunded(
        event,
        payment,
        refund ?? { id: payment.id, amount: payment.amount },
        context,
      );
    },
    // Identity's users: the names invoices show.
    [identityEvents.userCreated]: async (event) => {
      await partyNames.recordOnce(event, userCreatedData.parse(event.data).user);
    },
    [identityEvents.userUpdated]: async (event) => {
      await partyNames.recordOnce(event, userUpdatedData.parse(event.data).user);
    },
    [identityEvents.userDeleted]: async (event) => {
      const { user_id, user_name } = userDeletedData.parse(event.data);
      await partyNames.markDeletedOnce(event, user_id, user_name);
    },
    // Escrow bills' holds: the invoice is paid or cancelled, and the capture enters reports.
    [ledgerEvents.holdCaptured]: applyHoldSettled,
    [ledgerEvents.holdVoided]: applyHoldSettled,
    [ledgerEvents.holdExpired]: applyHoldSettled,
    // The busiest event: taken in batches, each batch projected in one statement. Reports may
    // lag a moment, so a batch gathers events for a while rather than start for a few.
    [ledgerEvents.transferPosted]: {
      maxWaitMs: transferBatchWaitMs,
      handle: async (events) => {
        await reports.applyTransfersPosted(
          events.map((event) => ({ event, movements: movementsOf(transferPostedData.parse(event.data)) })),
        );
      },
    },
  });
}
