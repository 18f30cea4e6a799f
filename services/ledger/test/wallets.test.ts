import { randomUUID } from 'node:crypto';
import {
  type Actor,
  healthContract,
  identityEvents,
  ledgerEvents,
  ledgerRequests,
  walletCreatedData,
} from '@moneypal/contracts';
import { call, createLogger, MemoryBroker } from '@moneypal/kit';
import { testDatabaseLabel } from '@moneypal/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultLedgerConfig, startLedger } from '../src/index.js';
import { failureOf, fund, type LedgerHarness, newKey, outboxEvents, startHarness } from './ledger-harness.js';

let harness: LedgerHarness;

beforeAll(async () => {
  harness = await startHarness({ config: { defaultCurrency: 'EUR' } });
});

afterAll(async () => {
  await harness.close();
});

const listWallets = (actor: Actor, extra: Record<string, unknown> = {}) =>
  call(harness.client, ledgerRequests.listWallets, { actor, limit: 100, ...extra } as never);

describe(`default wallets from identity's events on ${testDatabaseLabel}`, () => {
  it('opens a personal wallet of the default currency for a new user, with an event', async () => {
    const { user, wallet } = await harness.createUser();
    expect(wallet).toMatchObject({
      owner_id: user.id,
      type: 'personal',
      currency: 'EUR',
      status: 'active',
      is_default: true,
      main: 0,
      savings: 0,
      available: 0,
    });
    const events = (await outboxEvents(harness, ledgerEvents.walletCreated)).filter(
      (event) => event.subject === wallet.id,
    );
    expect(events).toHaveLength(1);
    expect(walletCreatedData.parse(events[0]!.data).wallet).toEqual(wallet);
  });

  it('opens it exactly once when the event arrives twice, or twice with new ids', async () => {
    const { user, wallet } = await harness.createUser();
    const eventsBefore = (await outboxEvents(harness)).length;
    const first = await harness.publishUserEvent(identityEvents.userCreated, user.id, { user });
    // The same event id again, past the broker's dedup (a relay that republished it after
    // a crash, a broker that lost its dedup window): a second replica on a second broker
    // receives it, and only the inbox stands between it and a second wallet.
    const broker = new MemoryBroker();
    const logger = createLogger({ service: 'ledger', level: 'silent' });
    const replicaBus = broker.connect('ledger', logger);
    const replica = await startLedger({
      config: defaultLedgerConfig,
      db: harness.database.db,
      bus: replicaBus,
      logger,
    });
    const identity = broker.connect('identity', logger);
    try {
      await identity.publish(first);
    } finally {
      await replica.stop();
      await identity.close();
      await replicaBus.close();
      broker.shutdown();
    }
    const page = await listWallets({ user_id: user.id, role: 'user' });
    expect(page.data.map((item) => item.id)).toEqual([wallet.id]);
    expect((await outboxEvents(harness)).length).toBe(eventsBefore);
    const inbox = await harness.database.db
      .selectFrom('inbox')
      .selectAll()
      .where('event_id', '=', first.id)
      .execute();
    expect(inbox).toHaveLength(1);
  });

  it('closes the empty wallets of a deleted user and freezes the others', async () => {
    const { user, actor, wallet } = await harness.createUser();
    const second = await call(harness.client, ledgerRequests.openWallet, {
      actor,
      currency: 'USD',
      type: 'personal',
    });
    await fund(harness, second.id, 5);
    const deleted = { user_id: user.id, user_name: user.user_name, email: user.email };
    await harness.publishUserEvent(identityEvents.userDeleted, user.id, deleted);
    await harness.publishUserEvent(identityEvents.userDeleted, user.id, deleted);
    const statuses = Object.fromEntries(
      (await listWallets(actor)).data.map((item) => [item.id, item.status]),
    );
    expect(statuses).toEqual({ [wallet.id]: 'closed', [second.id]: 'frozen' });
    expect((await failureOf(fund(harness, wallet.id, 10))).code).toBe('wallet_frozen');
  });

  it('opens no wallet for a deleted user afterwards, by request or by a late user.created, so nothing can pay them', async () => {
    const { user, actor } = await harness.createUser();
    const payer = await harness.createUser();
    await fund(harness, payer.wallet.id, 1_000);
    const deleted = { user_id: user.id, user_name: user.user_name, email: user.email };
    await harness.publishUserEvent(identityEvents.userDeleted, user.id, deleted);
    const before = (await listWallets(actor)).data.map((item) => item.id);

    const opened = await failureOf(
      call(harness.client, ledgerRequests.openWallet, { actor, currency: 'EUR', type: 'personal' }),
    );
    expect(opened.code).toBe('forbidden');
    // Identity's user.created delivered again (or late) opens no default wallet for them.
    await harness.publishUserEvent(identityEvents.userCreated, user.id, { user });
    expect((await listWallets(actor)).data.map((item) => item.id)).toEqual(before);
    const paid = await failureOf(
      call(harness.client, ledgerRequests.transfer, {
        actor: payer.actor,
        from_wallet_id: payer.wallet.id,
        to_user_id: user.id,
        amount: 100,
        idempotency_key: newKey('to-deleted'),
      }),
    );
    expect(['wallet_frozen', 'recipient_has_no_wallet']).toContain(paid.code);
    expect(
      await call(harness.client, ledgerRequests.getWallet, {
        actor: payer.actor,
        wallet_id: payer.wallet.id,
      }),
    ).toMatchObject({ main: 1_000 });
  });

  it('retires a wallet opened while the deletion is applied: opening and deletion never interleave', async () => {
    for (let round = 0; round < 5; round += 1) {
      const { user, actor } = await harness.createUser();
      const deleted = { user_id: user.id, user_name: user.user_name, email: user.email };
      const [opening] = await Promise.allSettled([
        call(harness.client, ledgerRequests.openWallet, { actor, currency: 'GBP', type: 'personal' }),
        harness.publishUserEvent(identityEvents.userDeleted, user.id, deleted),
      ]);
      const statuses = (await listWallets(actor)).data.map((item) => item.status);
      // Whichever came first, the user ends with no active wallet.
      expect(statuses.every((status) => status !== 'active')).toBe(true);
      if (opening.status === 'rejected') expect(opening.reason).toMatchObject({ code: 'forbidden' });
    }
  });
});

describe(`opening and reading wallets on ${testDatabaseLabel}`, () => {
  it('opens another wallet, the default of its currency only when there was none', async () => {
    const { actor } = await harness.createUser();
    const first = await call(harness.client, ledgerRequests.openWallet, {
      actor,
      currency: 'GBP',
      type: 'business',
    });
    const second = await call(harness.client, ledgerRequests.openWallet, {
      actor,
      currency: 'GBP',
      type: 'personal',
    });
    expect([first.is_default, second.is_default]).toEqual([true, false]);
    expect(first.type).toBe('business');
  });

  it('refuses an unknown currency or wallet type, and a service as owner', async () => {
    const { actor } = await harness.createUser();
    const currency = await failureOf(
      call(harness.client, ledgerRequests.openWallet, { actor, currency: 'XYZ', type: 'personal' }),
    );
    expect(currency.code).toBe('validation_failed');
    const type = await failureOf(
      call(harness.client, ledgerRequests.openWallet, { actor, currency: 'USD', type: 'nosuchtype' }),
    );
    expect(type.code).toBe('validation_failed');
    const service = await failureOf(
      call(harness.client, ledgerRequests.openWallet, {
        actor: { service: 'billing' },
        currency: 'USD',
        type: 'personal',
      }),
    );
    expect(service.code).toBe('forbidden');
  });

  it('lists own wallets with filters and pages, and nobody else’s', async () => {
    const { actor, user } = await harness.createUser();
    for (const currency of ['USD', 'GBP', 'JPY', 'CHF']) {
      await call(harness.client, ledgerRequests.openWallet, { actor, currency, type: 'personal' });
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await listWallets(actor, { limit: 2, ...(cursor ? { cursor } : {}) });
      seen.push(...page.data.map((wallet) => wallet.currency));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual(['EUR', 'USD', 'GBP', 'JPY', 'CHF']);
    expect((await listWallets(actor, { currency: 'JPY' })).data.map((wallet) => wallet.currency)).toEqual([
      'JPY',
    ]);
    expect((await listWallets(actor, { type: 'business' })).data).toEqual([]);
    const stranger = await harness.createUser();
    expect((await listWallets(stranger.actor, { owner_id: user.id })).data).toEqual([]);
    expect((await listWallets(harness.admin, { owner_id: user.id })).data).toHaveLength(5);
    expect((await failureOf(listWallets(actor, { cursor: 'garbage!' }))).code).toBe('validation_failed');
  });

  it("answers wallet_not_found for another user's wallet and its balance, but lets an admin read it", async () => {
    const owner = await harness.createUser();
    const stranger = await harness.createUser();
    // Each request starts only when awaited, so no rejection waits unhandled.
    for (const request of [
      () =>
        call(harness.client, ledgerRequests.getWallet, { actor: stranger.actor, wallet_id: owner.wallet.id }),
      () =>
        call(harness.client, ledgerRequests.getWalletBalance, {
          actor: stranger.actor,
          wallet_id: owner.wallet.id,
        }),
      () => call(harness.client, ledgerRequests.getWallet, { actor: owner.actor, wallet_id: randomUUID() }),
    ]) {
      expect((await failureOf(request())).code).toBe('wallet_not_found');
    }
    const seen = await call(harness.client, ledgerRequests.getWallet, {
      actor: harness.admin,
      wallet_id: owner.wallet.id,
    });
    expect(seen.id).toBe(owner.wallet.id);
  });

  it('answers another service with a user’s balance, and a user only about themselves', async () => {
    const owner = await harness.createUser();
    await fund(harness, owner.wallet.id, 4_200);
    const balance = await call(harness.client, ledgerRequests.getBalance, {
      actor: { service: 'identity' },
      owner_id: owner.user.id,
    });
    expect(balance).toEqual({ wallet_id: owner.wallet.id, currency: 'EUR', balance: 4_200, savings: 0 });
    const own = await call(harness.client, ledgerRequests.getBalance, {
      actor: owner.actor,
      owner_id: owner.user.id,
      currency: 'EUR',
    });
    expect(own.balance).toBe(4_200);
    const stranger = await harness.createUser();
    const failure = await failureOf(
      call(harness.client, ledgerRequests.getBalance, { actor: stranger.actor, owner_id: owner.user.id }),
    );
    expect(failure.code).toBe('wallet_not_found');
    const noWallet = await failureOf(
      call(harness.client, ledgerRequests.getBalance, {
        actor: { service: 'identity' },
        owner_id: owner.user.id,
        currency: 'JPY',
      }),
    );
    expect(noWallet.code).toBe('wallet_not_found');
  });
});

describe(`wallet types and health on ${testDatabaseLabel}`, () => {
  it('lists the seeded types and lets an admin add one, once', async () => {
    const user = await harness.createUser();
    const before = await call(harness.client, ledgerRequests.listWalletTypes, { actor: user.actor });
    expect(before.data.map((type) => type.code)).toEqual(expect.arrayContaining(['business', 'personal']));
    const created = await call(harness.client, ledgerRequests.createWalletType, {
      actor: harness.admin,
      code: 'merchant',
      name: 'Merchant',
    });
    expect(created).toMatchObject({ code: 'merchant', name: 'Merchant' });
    const again = await failureOf(
      call(harness.client, ledgerRequests.createWalletType, {
        actor: harness.admin,
        code: 'merchant',
        name: 'Again',
      }),
    );
    expect(again.code).toBe('conflict');
    const plans = await call(harness.client, ledgerRequests.listSavingsPlans, { actor: user.actor });
    expect(plans.data).toEqual([]);
  });

  it('answers ledger.health', async () => {
    expect(await call(harness.client, healthContract('ledger'), {})).toEqual({
      status: 'ok',
      service: 'ledger',
    });
  });
});
