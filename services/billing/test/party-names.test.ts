import { billingRequests, identityEvents } from '@moneypal/contracts';
import { call, createEvent } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BillingHarness, fund, newKey, startHarness, type TestUser } from './billing-harness.js';

let harness: BillingHarness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness.close();
});

const identityEvent = (type: string, subject: string, data: unknown) =>
  harness.publish(createEvent({ source: 'identity', type, subject, data, time: harness.clock.now() }));

async function billedInvoice(payer: TestUser, provider: TestUser) {
  await fund(harness, payer.wallet.id, 1_000);
  const { result } = await call(harness.client, billingRequests.createBill, {
    actor: payer.actor,
    to_user: provider.user.user_name,
    amount: 400,
    description: 'garden work',
    idempotency_key: newKey('bill'),
  });
  return result.invoice;
}

const read = (reader: TestUser, invoiceId: string) =>
  call(harness.client, billingRequests.getInvoice, { actor: reader.actor, invoice_id: invoiceId });

describe(`invoices name their payer and payee on ${testDatabaseLabel}`, () => {
  it('names both parties, read alone and listed, from identity.user.created and .updated', async () => {
    const payer = await harness.createUser();
    const provider = await harness.createUser();
    const invoice = await billedInvoice(payer, provider);
    const names = {
      payer_name: `${payer.user.first_name} ${payer.user.last_name}`,
      payer_handle: payer.user.user_name,
      payee_name: `${provider.user.first_name} ${provider.user.last_name}`,
      payee_handle: provider.user.user_name,
    };
    await expect(read(payer, invoice.id)).resolves.toMatchObject(names);
    const listed = await call(harness.client, billingRequests.listInvoices, {
      actor: provider.actor,
      role: 'payee',
      limit: 10,
    });
    expect(listed.data).toEqual([expect.objectContaining({ id: invoice.id, ...names })]);

    const renamedAt = new Date(harness.clock.now().getTime() + 60_000).toISOString();
    const renamed = { ...provider.user, first_name: 'Grace', last_name: 'Hopper', updated_at: renamedAt };
    await identityEvent(identityEvents.userUpdated, provider.user.id, {
      user: renamed,
      changed: ['first_name'],
    });
    // An older announcement arriving late changes nothing.
    await identityEvent(identityEvents.userUpdated, provider.user.id, {
      user: { ...provider.user, first_name: 'Old' },
      changed: ['first_name'],
    });
    await expect(read(payer, invoice.id)).resolves.toMatchObject({
      payee_name: 'Grace Hopper',
      payee_handle: provider.user.user_name,
    });
  });

  it('names a deleted user "Deleted user" without a handle', async () => {
    const payer = await harness.createUser();
    const provider = await harness.createUser();
    const invoice = await billedInvoice(payer, provider);
    await identityEvent(identityEvents.userDeleted, provider.user.id, {
      user_id: provider.user.id,
      user_name: provider.user.user_name,
      email: provider.user.email,
    });
    await expect(read(payer, invoice.id)).resolves.toMatchObject({
      payer_handle: payer.user.user_name,
      payee_name: 'Deleted user',
      payee_handle: null,
    });
  });
});
