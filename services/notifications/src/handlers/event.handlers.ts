import {
  billingEvents,
  holdEventData,
  identityEvents,
  invoiceEventData,
  ledgerEvents,
  otpRequestedData,
  passwordResetRequestedData,
  paymentEventData,
  paymentRequestEventData,
  paymentRequestEvents,
  paymentsEvents,
  transferPostedData,
  userCreatedData,
  userDeletedData,
  userUpdatedData,
} from '@moneypal/contracts';
import type { Bus, EventBatchHandler, EventHandler } from '@moneypal/kit';
import { type IntakeService, notificationsConsumer } from '../services/intake.service.js';

/** How long a batch of posted transfers gathers events before its messages are written. */
const transferBatchWaitMs = 50;
/** How long a batch of hold events gathers events before its messages are written. */
const holdBatchWaitMs = 50;

/**
 * The events that make messages or keep users' contacts, applied once each (the inbox).
 * An event whose data breaks its contract throws (failing its batch, which is then
 * applied one by one), is redelivered, and ends as a visible dead letter.
 */
export async function subscribeToEvents(bus: Bus, intake: IntakeService): Promise<void> {
  // Holds are taken in batches as transfers are: every change of a hold tells both parties.
  const announceHolds: EventBatchHandler = {
    maxWaitMs: holdBatchWaitMs,
    handle: async (events) => {
      await intake.announceHolds(
        events.map((event) => ({ event, hold: holdEventData.parse(event.data).hold })),
      );
    },
  };
  const announcePaymentRequest: EventHandler = async (event) => {
    await intake.announcePaymentRequest(event, paymentRequestEventData.parse(event.data).payment_request);
  };
  await bus.subscribe(notificationsConsumer, {
    [identityEvents.userCreated]: async (event) => {
      await intake.welcomeUser(event, userCreatedData.parse(event.data).user);
    },
    [identityEvents.userUpdated]: async (event) => {
      await intake.updateContact(event, userUpdatedData.parse(event.data).user);
    },
    [identityEvents.userDeleted]: async (event) => {
      await intake.forgetContact(event, userDeletedData.parse(event.data));
    },
    [identityEvents.otpRequested]: async (event) => {
      await intake.sendOneTimeCode(event, otpRequestedData.parse(event.data));
    },
    [identityEvents.passwordResetRequested]: async (event) => {
      await intake.sendPasswordResetCode(event, passwordResetRequestedData.parse(event.data));
    },
    // The busiest event: taken in batches, each batch written in one statement. Messages
    // may wait a moment, so a batch gathers events for a while rather than start for a few.
    [ledgerEvents.transferPosted]: {
      maxWaitMs: transferBatchWaitMs,
      handle: async (events) => {
        await intake.announceTransfers(
          events.map((event) => ({ event, posted: transferPostedData.parse(event.data) })),
        );
      },
    },
    [ledgerEvents.holdCreated]: announceHolds,
    [ledgerEvents.holdCaptured]: announceHolds,
    [ledgerEvents.holdVoided]: announceHolds,
    [ledgerEvents.holdExpired]: announceHolds,
    [billingEvents.invoiceIssued]: async (event) => {
      await intake.announceInvoice(event, invoiceEventData.parse(event.data).invoice);
    },
    [paymentRequestEvents.created]: announcePaymentRequest,
    [paymentRequestEvents.paid]: announcePaymentRequest,
    [paymentRequestEvents.declined]: announcePaymentRequest,
    [paymentsEvents.paymentRefunded]: async (event) => {
      const { payment, refund } = paymentEventData.parse(event.data);
      // An event from before partial refunds refunded the whole payment.
      await intake.announceRefund(event, payment, BigInt(refund?.amount ?? payment.amount));
    },
  });
}
