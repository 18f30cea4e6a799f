import {
  billingEvents,
  identityEvents,
  invoiceEventData,
  ledgerEvents,
  otpRequestedData,
  paymentEventData,
  paymentsEvents,
  transferPostedData,
  userCreatedData,
  userDeletedData,
  userUpdatedData,
} from '@moneypal/contracts';
import type { Bus } from '@moneypal/kit';
import { type IntakeService, notificationsConsumer } from '../services/intake.service.js';

/** How long a batch of posted transfers gathers events before its messages are written. */
const transferBatchWaitMs = 50;

/**
 * The events that make messages or keep users' contacts, applied once each (the inbox).
 * An event whose data breaks its contract throws (failing its batch, which is then
 * applied one by one), is redelivered, and ends as a visible dead letter.
 */
export async function subscribeToEvents(bus: Bus, intake: IntakeService): Promise<void> {
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
    [billingEvents.invoiceIssued]: async (event) => {
      await intake.announceInvoice(event, invoiceEventData.parse(event.data).invoice);
    },
    [paymentsEvents.paymentRefunded]: async (event) => {
      const { payment, refund } = paymentEventData.parse(event.data);
      // An event from before partial refunds refunded the whole payment.
      await intake.announceRefund(event, payment, BigInt(refund?.amount ?? payment.amount));
    },
  });
}
